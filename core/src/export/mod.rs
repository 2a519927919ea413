//! Writing answers out: back into the original workbook (same sheets, cells, styles, merged
//! ranges, dropdowns and column widths), into the original CSV, and as CSV or JSON of the
//! drafts. No cell ever starts like a formula.
//!
//! An `.xlsx` is patched, not rebuilt: every part of the package is copied byte for byte except
//! the sheets that receive answers, and in those only the target cells change (written as
//! inline strings, keeping each cell's style). No spreadsheet library round-trips everything a
//! customer's workbook may hold; this way nothing else can change.

#[cfg(feature = "files")]
pub mod plan;
pub mod summary;
#[cfg(feature = "files")]
pub mod verify;
#[cfg(feature = "files")]
pub mod xlsx;

use serde::{Deserialize, Serialize};

use crate::model::{choose, Answer, Band, Citation, Draft};
use crate::questionnaire::Cell;

#[cfg(feature = "files")]
pub use plan::{plan, Plan};
pub use summary::{Replace, Summary};
#[cfg(feature = "files")]
pub use verify::{verify_xlsx, Verified};
#[cfg(feature = "files")]
pub use xlsx::export_xlsx;

/// An export that could not be written.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ExportError {
    #[error("{file}: the original workbook cannot be read back ({reason})")]
    Original { file: String, reason: String },
    #[error("{file}: sheet {sheet} is not in the original workbook")]
    MissingSheet { file: String, sheet: String },
    #[error("{file}: writing the answered workbook failed ({reason})")]
    Write { file: String, reason: String },
    #[error("{file}: the answered workbook failed its check and was not saved ({reason})")]
    Verification { file: String, reason: String },
}

/// A cell that a spreadsheet program will never run as a formula: text that [`runs_as_formula`]
/// gets a leading apostrophe, which spreadsheets show as text — and so does text that is
/// apostrophes followed by such text, so that [`unescape_cell`] gives back exactly the text.
pub fn safe_cell(text: &str) -> String {
    if runs_as_formula(text.trim_start_matches('\'')) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// [`safe_cell`] undone: the text a cell read back from our export held.
pub fn unescape_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if runs_as_formula(rest.trim_start_matches('\'')) => rest,
        _ => cell,
    }
}

/// A cell of the customer's own that we write back (into an answered CSV): given an apostrophe
/// only if it [`runs_as_formula`], so that a cell already safe is written as it was read.
pub fn safe_original_cell(text: &str) -> String {
    if runs_as_formula(text) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// Whether a spreadsheet program may read `text` as a formula: it starts with `=`, `+`, `-`,
/// `@`, tab, carriage return or line feed, or with spaces and line breaks before `=`, `+`, `-`
/// or `@` (programs that trim cells on import read those as formulas too).
pub fn runs_as_formula(text: &str) -> bool {
    const STARTS: [char; 4] = ['=', '+', '-', '@'];
    text.starts_with(STARTS) || text.starts_with(['\t', '\r', '\n']) || text.trim_start().starts_with(STARTS)
}

/// Why an answer may go into the customer's workbook, or why it may not.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Basis {
    /// The draft is an assertion ([`Draft::is_assertion`]): written as drafted.
    Assertion,
    /// A person gave it: approved or edited now, or approved earlier (a library answer).
    /// An answer handed to the export from outside the drafting is taken as given.
    #[default]
    Approved,
    /// A suggestion nobody approved: never written, left for the reviewer.
    Suggestion,
}

impl Basis {
    /// The basis of a draft nobody has reviewed.
    pub fn of(d: &Draft) -> Basis {
        if d.band() == Band::Library && d.is_assertion() {
            Basis::Approved
        } else if d.is_assertion() {
            Basis::Assertion
        } else {
            Basis::Suggestion
        }
    }
}

/// The answer a question goes out with: the draft, or the reviewer's edit of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FinalAnswer {
    pub id: String,
    pub answer: Answer,
    /// The dropdown value, when the answer cell has a dropdown.
    pub choice: Option<String>,
    pub text: String,
    pub citations: Vec<Citation>,
    /// Whether it may be written: a suggestion is not.
    #[serde(default)]
    pub basis: Basis,
}

impl FinalAnswer {
    /// Whether the export writes it: an assertion or an answer a person gave.
    pub fn is_written(&self) -> bool {
        self.basis != Basis::Suggestion
    }

    /// Whether it carries anything for the reviewer: an answer, a value, a text or a row.
    pub fn says_something(&self) -> bool {
        self.answer != Answer::NeedsReview
            || self.choice.is_some()
            || !self.text.trim().is_empty()
            || !self.citations.is_empty()
    }

    /// The same question with nothing to write (what a held-back suggestion leaves).
    pub fn withheld(&self) -> FinalAnswer {
        FinalAnswer {
            answer: Answer::NeedsReview,
            choice: None,
            text: String::new(),
            citations: Vec::new(),
            ..self.clone()
        }
    }
}

/// A draft nobody reviewed, as it would go out: an assertion is written, a suggestion is not.
impl From<&Draft> for FinalAnswer {
    fn from(d: &Draft) -> FinalAnswer {
        FinalAnswer {
            id: d.id.clone(),
            answer: d.answer,
            choice: d.choice.clone(),
            text: d.text.clone(),
            citations: d.citations.clone(),
            basis: Basis::of(d),
        }
    }
}

/// A citation for people: `ISO/IEC 27001:2022 › A.8.24 (Met)`.
pub fn citation_label(c: &Citation) -> String {
    match &c.status {
        Some(s) => format!("{} › {} ({})", c.page, c.reference, s),
        None => format!("{} › {}", c.page, c.reference),
    }
}

/// The text that goes into a comment cell: the answer text, then its sources.
pub fn comment_text(a: &FinalAnswer) -> String {
    if a.text.is_empty() {
        return String::new();
    }
    let sources: Vec<String> = a.citations.iter().map(citation_label).collect();
    if sources.is_empty() {
        a.text.clone()
    } else {
        format!("{} Sources: {}.", a.text, sources.join("; "))
    }
}

/// The value that goes into an answer cell: the dropdown value when there is a dropdown (none
/// if no allowed value fits), else the answer's label; nothing for `needs-review` unless the
/// reviewer chose an allowed value (one that means none of the answers, such as an uptime tier).
pub fn answer_value(a: &FinalAnswer, choices: Option<&[String]>) -> Option<String> {
    if a.answer == Answer::NeedsReview {
        return choices.and_then(|c| a.choice.clone().filter(|v| c.contains(v)));
    }
    match choices {
        Some(choices) => a.choice.clone().filter(|c| choices.contains(c)).or_else(|| choose(a.answer, choices)),
        None => Some(a.answer.label().to_string()),
    }
}

/// One cell to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellWrite {
    pub sheet: String,
    pub cell: Cell,
    pub value: String,
}

/// Drops characters XML 1.0 cannot carry.
#[cfg(feature = "files")]
pub(crate) fn clean_text(text: &str) -> String {
    text.chars()
        .filter(|&c| matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}'))
        .collect()
}

#[cfg(feature = "files")]
/// The original CSV with its answer and comment columns filled (or appended).
pub fn export_csv_original(original: &[u8], writes: &[CellWrite]) -> String {
    let text = crate::questionnaire::grid::decode_text(original);
    let grid = crate::questionnaire::grid::read_csv("original.csv", text.as_bytes())
        .ok()
        .and_then(|g| g.into_iter().next())
        .map(|g| g.cells)
        .unwrap_or_default();
    let mut cells = grid;
    for w in writes {
        let row = w.cell.row as usize;
        if cells.len() <= row {
            cells.resize(row + 1, Vec::new());
        }
        let r = &mut cells[row];
        if r.len() <= w.cell.col as usize {
            r.resize(w.cell.col as usize + 1, String::new());
        }
        r[w.cell.col as usize] = w.value.clone();
    }
    let delimiter =
        if text.lines().next().is_some_and(|l| l.matches(';').count() > l.matches(',').count()) { b';' } else { b',' };
    let mut out = csv::WriterBuilder::new().delimiter(delimiter).flexible(true).from_writer(Vec::new());
    for row in &cells {
        // The customer's own cells too: none may run as a formula where this file is opened.
        let _ = out.write_record(row.iter().map(|c| safe_original_cell(c)));
    }
    String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(feature = "files")]
/// The drafts as CSV: `id,question,answer,choice,confidence,text,controls,citations,evidence`.
pub fn drafts_csv(drafts: &[Draft]) -> String {
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    let _ = w.write_record([
        "id",
        "question",
        "answer",
        "choice",
        "confidence",
        "text",
        "controls",
        "citations",
        "evidence",
    ]);
    for d in drafts {
        let controls: Vec<String> = d.controls.iter().map(|c| c.to_string()).collect();
        let citations: Vec<String> = d.citations.iter().map(citation_label).collect();
        let evidence: Vec<&str> = d.citations.iter().flat_map(|c| c.evidence.iter().map(String::as_str)).collect();
        let record = [
            d.id.clone(),
            d.question.clone(),
            d.answer.as_str().to_string(),
            d.choice.clone().unwrap_or_default(),
            format!("{:.2}", d.confidence),
            d.text.clone(),
            controls.join("; "),
            citations.join("; "),
            evidence.join("; "),
        ];
        let _ = w.write_record(record.iter().map(|c| safe_cell(c)));
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// The drafts as the stable JSON array of PRODUCT.md.
pub fn drafts_json(drafts: &[Draft]) -> String {
    serde_json::to_string_pretty(drafts).unwrap_or_else(|_| "[]".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_neutralised() {
        for (input, expected) in [
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("+1", "'+1"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("\n=1+1", "'\n=1+1"),
            ("  =1+1", "'  =1+1"),
            ("\r\n@SUM(A1)", "'\r\n@SUM(A1)"),
            ("'=1+1", "''=1+1"),
            ("'quoted", "'quoted"),
            ("Yes", "Yes"),
            ("a = b", "a = b"),
            ("", ""),
        ] {
            assert_eq!(safe_cell(input), expected);
            assert_eq!(unescape_cell(&safe_cell(input)), input);
        }
        assert_eq!(safe_original_cell("'=1+1"), "'=1+1", "already safe: written as it was read");
        assert_eq!(safe_original_cell("-1"), "'-1");
    }

    #[test]
    fn answer_values_respect_the_dropdown() {
        let a = |answer, choice: Option<&str>| FinalAnswer {
            id: "x".into(),
            answer,
            choice: choice.map(String::from),
            text: "t".into(),
            citations: vec![],
            basis: Basis::Approved,
        };
        let caiq = vec!["Yes".to_string(), "No".into(), "NA".into()];
        assert_eq!(answer_value(&a(Answer::Yes, Some("Yes")), Some(&caiq)).as_deref(), Some("Yes"));
        assert_eq!(answer_value(&a(Answer::NotApplicable, None), Some(&caiq)).as_deref(), Some("NA"));
        assert_eq!(answer_value(&a(Answer::Partial, None), Some(&caiq)), None);
        assert_eq!(answer_value(&a(Answer::Partial, None), None).as_deref(), Some("Partial"));
        assert_eq!(answer_value(&a(Answer::NeedsReview, None), None), None);
        // A value that means none of the answers, chosen by the reviewer, is written as chosen.
        let tiers = vec!["99.9%".to_string(), "99.99%".into()];
        assert_eq!(answer_value(&a(Answer::NeedsReview, Some("99.9%")), Some(&tiers)).as_deref(), Some("99.9%"));
        assert_eq!(answer_value(&a(Answer::NeedsReview, Some("99%")), Some(&tiers)), None);
        // A choice the dropdown does not allow is never written.
        assert_eq!(answer_value(&a(Answer::Yes, Some("Oui")), Some(&caiq)).as_deref(), Some("Yes"));
    }
}
