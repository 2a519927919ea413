//! Which sheets of a workbook are questionnaires. A header match alone does not make one:
//! instruction sheets describe the columns, changelogs and reports have ids and long text,
//! scoring sheets copy the answers with formulas, reference sheets repeat the questions without
//! an answer column, and hidden sheets hold the question bank. Every decision carries its reason
//! in words, and the user can include or exclude any sheet.

use serde::{Deserialize, Serialize};

#[cfg(feature = "files")]
use super::sheet::{SheetRead, Signals};
#[cfg(feature = "files")]
use super::SheetOverride;

/// What a sheet is, as far as answering goes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SheetKind {
    /// Its questions are answered and exported.
    Questionnaire,
    /// Hidden or very hidden in the workbook (question banks, lists, scoring).
    Hidden,
    /// Instructions, an introduction, a changelog or acknowledgments.
    Instructions,
    /// A report, summary, evaluation or scoring sheet (its answers are formulas).
    Report,
    /// A reference sheet: the questions again, with guidance, a crosswalk, lists of values.
    Reference,
    /// No questions found.
    #[default]
    NoQuestions,
    /// Excluded by the user.
    Excluded,
}

impl SheetKind {
    pub fn label(self) -> &'static str {
        match self {
            SheetKind::Questionnaire => "questionnaire",
            SheetKind::Hidden => "hidden",
            SheetKind::Instructions => "instructions",
            SheetKind::Report => "report or scoring",
            SheetKind::Reference => "reference",
            SheetKind::NoQuestions => "no questions",
            SheetKind::Excluded => "excluded by you",
        }
    }
}

/// Words of a sheet's name that say what it is (whole words, any case).
const NAMED: &[(SheetKind, &[&str])] = &[
    (
        SheetKind::Instructions,
        &[
            "instruction",
            "instructions",
            "introduction",
            "intro",
            "readme",
            "read me",
            "how to",
            "guide",
            "overview",
            "cover",
            "about",
            "welcome",
            "changelog",
            "change log",
            "changes",
            "version history",
            "revision history",
            "history",
            "release notes",
            "acknowledgments",
            "acknowledgements",
            "acknowledgment",
            "credits",
            "license",
            "licence",
            "terms of use",
        ],
    ),
    (
        SheetKind::Reference,
        &[
            "reference",
            "references",
            "crosswalk",
            "mapping",
            "mappings",
            "glossary",
            "definitions",
            "lookup",
            "lookups",
            "values",
            "lists",
            "list of values",
            "dropdowns",
        ],
    ),
    (
        SheetKind::Report,
        &[
            "report",
            "summary",
            "score",
            "scores",
            "scoring",
            "scorecard",
            "dashboard",
            "results",
            "evaluation",
            "analysis",
            "analyst",
            "chart",
            "charts",
            "metrics",
        ],
    ),
];

/// What a sheet's name says it is, with the name word that says so.
pub fn kind_by_name(name: &str) -> Option<(SheetKind, &'static str)> {
    let lower = name.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let joined = format!(" {} ", words.join(" "));
    NAMED
        .iter()
        .find_map(|(kind, names)| names.iter().find(|n| joined.contains(&format!(" {n} "))).map(|n| (*kind, *n)))
}

#[cfg(feature = "files")]
fn formula_reason(rows: usize) -> String {
    format!(
        "its answer cells are formulas ({rows} rows) that copy answers from other sheets: a report or scoring sheet"
    )
}

/// A sheet whose answer column is clearly one to fill: dropdowns on most of its question rows.
#[cfg(feature = "files")]
fn has_answer_dropdowns(s: &Signals, questions: usize) -> bool {
    questions > 0 && s.dropdowns * 2 >= questions
}

#[cfg(feature = "files")]
/// Decides every sheet's kind and reason; questions of sheets that are not questionnaires are
/// dropped by the caller.
pub fn classify(reads: &mut [SheetRead], overrides: &[SheetOverride]) {
    // Another sheet that is plainly a questionnaire: writable answer cells over its questions.
    let answered_elsewhere = |reads: &[SheetRead], me: usize| {
        reads.iter().enumerate().any(|(i, r)| {
            i != me
                && !r.report.hidden
                && !r.questions.is_empty()
                && r.signals.answerable * 2 >= r.questions.len()
                && r.signals.formula_answers * 2 < r.questions.len().max(1)
                && kind_by_name(&r.report.name).is_none()
        })
    };
    let decisions: Vec<(SheetKind, String)> = (0..reads.len())
        .map(|i| {
            let r = &reads[i];
            let over = overrides.iter().find(|o| o.sheet == r.report.name);
            let n = r.questions.len();
            if over.is_some_and(|o| o.skip) {
                return (SheetKind::Excluded, "excluded by you".to_string());
            }
            if n == 0 {
                if r.report.hidden {
                    return (SheetKind::Hidden, "the sheet is hidden in the workbook".into());
                }
                if r.signals.formula_answers > 0 {
                    return (SheetKind::Report, formula_reason(r.signals.formula_answers));
                }
                let why = if r.report.reason.is_empty() { "no questions found".to_string() } else { r.report.reason.clone() };
                return (SheetKind::NoQuestions, why);
            }
            if over.is_some_and(|o| o.include) {
                return (SheetKind::Questionnaire, "included by you".to_string());
            }
            if r.report.hidden {
                return (SheetKind::Hidden, "the sheet is hidden in the workbook (a question bank, lists or scoring)".into());
            }
            if r.signals.formula_answers > n {
                return (SheetKind::Report, formula_reason(r.signals.formula_answers));
            }
            // Locked answer cells that are empty: nothing here is for the vendor to fill. Locked
            // cells full of answers are a questionnaire filled and then protected.
            let filled_and_locked = r.signals.locked_answers * 2 > n && r.signals.filled_answers * 2 >= n;
            if r.signals.locked_answers * 2 > n && !filled_and_locked {
                return (
                    SheetKind::Report,
                    "the sheet is protected and its answer cells are locked: nothing here is for you to fill".into(),
                );
            }
            if let Some((kind, word)) = kind_by_name(&r.report.name) {
                if !has_answer_dropdowns(&r.signals, n) {
                    return (kind, format!("its name says {} (\u{201c}{word}\u{201d})", kind.label()));
                }
            }
            // A table describing the columns: every answer cell already holds a sentence, and
            // there is no dropdown, while another sheet has answers to give.
            let s = &r.signals;
            if s.dropdowns == 0
                && s.filled_answers == n
                && s.answer_words >= 6 * n
                && answered_elsewhere(reads, i)
            {
                return (
                    SheetKind::Reference,
                    "every answer cell already holds a sentence and none has a dropdown, while other sheets have answers to give: a table describing the columns"
                        .into(),
                );
            }
            if r.signals.answerable == 0 && answered_elsewhere(reads, i) {
                return (
                    SheetKind::Reference,
                    "it has no answer column, while other sheets of this workbook have one".into(),
                );
            }
            if filled_and_locked {
                return (
                    SheetKind::Questionnaire,
                    "protected, with its locked answer cells already answered: a filled questionnaire (its answers are read; locked cells are never written)".into(),
                );
            }
            (SheetKind::Questionnaire, String::new())
        })
        .collect();
    for (r, (kind, reason)) in reads.iter_mut().zip(decisions) {
        r.report.kind = kind;
        r.report.reason = reason;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_say_what_a_sheet_is() {
        let check = |name: &str, kind: Option<SheetKind>| assert_eq!(kind_by_name(name).map(|k| k.0), kind, "{name}");
        check("Instructions", Some(SheetKind::Instructions));
        check("ChangeLog", Some(SheetKind::Instructions));
        check("Change Log", Some(SheetKind::Instructions));
        check("Analyst Reference", Some(SheetKind::Reference));
        check("Summary Report", Some(SheetKind::Report));
        check("Institution Evaluation", Some(SheetKind::Report));
        check("START HERE", None);
        check("Questions", None);
        check("Organization", None);
        check("CAIQv4.0.3", None);
        check("H. Access Control", None);
    }
}
