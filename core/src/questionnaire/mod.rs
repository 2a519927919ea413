//! Questionnaire import: from the bytes of an `.xlsx` or `.csv` file, every question with its
//! id, section, dropdown choices, explicit references, and the cells its answer and comment go
//! back into.
//!
//! The stages: the file's bytes become sheets of text ([`grid`], with [`package`] for what an
//! `.xlsx` says besides values); each sheet's header rows, question, id, answer, comment and
//! mark columns are found from header text and from what the cells hold ([`detect`], [`sheet`]);
//! the workbook decides which sheets are questionnaires ([`classify`]); a question asked on
//! several tabs is one question with every place it is answered. What was found, every sheet
//! left out and every row skipped, with the reason, is reported so the user can correct it
//! ([`ImportOptions`]). CAIQ v4 and SIG-style workbooks are recognised, anything else is generic.

pub mod classify;
pub mod detect;
#[cfg(feature = "files")]
pub mod grid;
#[cfg(feature = "files")]
pub mod package;
#[cfg(feature = "files")]
pub mod sheet;

use serde::{Deserialize, Serialize};

pub use classify::SheetKind;
pub use detect::{Columns, MarkColumn, Role};
#[cfg(feature = "files")]
use grid::Grid;

/// A file that is not a questionnaire at all, or cannot be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum QuestionnaireError {
    #[error("{file}: the file is empty")]
    Empty { file: String },
    #[error("{file}: this is {what}, not a spreadsheet (.xlsx or .csv)")]
    NotASpreadsheet { file: String, what: String },
    #[error("{file}: the workbook is damaged and cannot be read ({reason})")]
    Corrupt { file: String, reason: String },
    #[error("{file}: sheet {sheet}: {reason}")]
    BadSheet { file: String, sheet: String, reason: String },
    #[error("{file}: sheet {sheet}, row {row}: {reason}")]
    BadRow { file: String, sheet: String, row: u32, reason: String },
    #[error("{file}: {what} is over the limit of {limit}; nothing was imported")]
    TooLarge { file: String, what: String, limit: String },
}

/// The kind of questionnaire a workbook is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Format {
    /// CSA's Consensus Assessments Initiative Questionnaire, v4 layout.
    CaiqV4 { version: String },
    /// Shared Assessments' SIG layout (Lite or Core).
    SigStyle,
    /// Anything else: a customer's own sheet, a CSV.
    Generic,
}

impl Format {
    pub fn label(&self) -> String {
        match self {
            Format::CaiqV4 { version } => format!("CAIQ {version}"),
            Format::SigStyle => "SIG-style".to_string(),
            Format::Generic => "generic".to_string(),
        }
    }
}

/// A cell position, 0-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Cell {
    pub row: u32,
    pub col: u32,
}

impl Cell {
    /// `C3`
    pub fn name(&self) -> String {
        cell_name(self.row, self.col)
    }
}

/// (row 2, col 2) → `C3`.
pub fn cell_name(row: u32, col: u32) -> String {
    column_name(col) + &(row + 1).to_string()
}

/// 0 → `A`, 27 → `AB`.
pub fn column_name(col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push((b'A' + rem as u8) as char);
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// One question to answer.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub text: String,
    pub sheet: String,
    /// 0-based row of the question in its sheet.
    pub row: u32,
    /// The last section row above it, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The domain column's value (CAIQ: the CCM domain title), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    /// Where the answer goes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer_cell: Option<Cell>,
    /// Where the answer text and evidence go.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment_cell: Option<Cell>,
    /// The values the answer cell's dropdown allows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choices: Option<Vec<String>>,
    /// The texts of the reference columns (ISO refs, CCM control ids), verbatim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub refs: Vec<String>,
    /// Mark columns, when the sheet answers by a mark in one column per value.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub marks: Vec<MarkColumn>,
    /// What the workbook already holds in the answer and comment cells (last year's answers).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub existing: Option<Existing>,
    /// Other places the same question is asked (the same id and text on another tab), each
    /// written with the same answer.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub also: Vec<Place>,
}

/// An answer already in the workbook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Existing {
    /// The answer cell's text, or the label of the marked column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

/// Another place a question is answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Place {
    pub sheet: String,
    pub row: u32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer_cell: Option<Cell>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment_cell: Option<Cell>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choices: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub marks: Vec<MarkColumn>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub existing: Option<Existing>,
}

impl Question {
    /// Every place this question is answered: its own row, then the others.
    pub fn places(&self) -> Vec<Place> {
        let own = Place {
            sheet: self.sheet.clone(),
            row: self.row,
            answer_cell: self.answer_cell,
            comment_cell: self.comment_cell,
            choices: self.choices.clone(),
            marks: self.marks.clone(),
            existing: self.existing.clone(),
        };
        std::iter::once(own).chain(self.also.iter().cloned()).collect()
    }

    /// Whether any place of the question already holds an answer or a comment.
    pub fn has_existing(&self) -> bool {
        self.existing.is_some() || self.also.iter().any(|p| p.existing.is_some())
    }
}

/// What the importer found in one sheet.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SheetReport {
    pub name: String,
    pub hidden: bool,
    /// Whether its questions are answered, and if not, what the sheet is.
    #[serde(default)]
    pub kind: SheetKind,
    /// Why the sheet is (or is not) taken as a questionnaire, for people.
    #[serde(default)]
    pub reason: String,
    /// 0-based first header row; `None` when the sheet has none.
    pub header_row: Option<u32>,
    /// Every header row (one per section), 0-based.
    #[serde(default)]
    pub header_rows: Vec<u32>,
    pub columns: Columns,
    /// The header text of each column found.
    pub headers: Vec<(Role, String)>,
    pub questions: usize,
    pub sections: usize,
    /// Every row skipped, with the reason.
    pub skipped: Vec<Skipped>,
    /// The answer column's dropdown values, if it has one.
    pub choices: Option<Vec<String>>,
    /// Number of columns in use (new answer columns go after them).
    #[serde(default)]
    pub width: u32,
    /// Questions that already have an answer or comment in the workbook.
    #[serde(default)]
    pub existing: usize,
    /// The sheet is protected (only its unlocked cells can be written).
    #[serde(default)]
    pub protected: bool,
    /// Earlier answers read from answer or mark cells that are formulas (by the value they show;
    /// an export never writes a formula cell). Included in `existing`.
    #[serde(default)]
    pub formula_answers: usize,
    /// Column picks the importer is unsure of, for people (a column chosen by its cells against
    /// its header, questions without an answer cell beside others with one); empty when every
    /// pick is plain, so the report can keep the pickers folded.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unsure: Vec<String>,
}

impl SheetReport {
    pub fn is_questionnaire(&self) -> bool {
        self.kind == SheetKind::Questionnaire
    }
}

/// A row the importer did not take as a question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Skipped {
    /// 1-based row, as a spreadsheet shows it.
    pub row: u32,
    pub reason: String,
}

/// The user's corrections for one sheet.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SheetOverride {
    pub sheet: String,
    /// Skip the sheet entirely.
    #[serde(default)]
    pub skip: bool,
    /// Take the sheet's questions even though it was not detected as a questionnaire.
    #[serde(default)]
    pub include: bool,
    /// 0-based header row to use instead of the detected one.
    #[serde(default)]
    pub header_row: Option<u32>,
    /// Columns to use instead of the detected ones.
    #[serde(default)]
    pub columns: Option<Columns>,
}

/// Corrections to what the importer detected.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ImportOptions {
    pub sheets: Vec<SheetOverride>,
}

/// An imported questionnaire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Questionnaire {
    pub file: String,
    pub format: Format,
    pub sheets: Vec<SheetReport>,
    pub questions: Vec<Question>,
    /// File-level notes (for example: no questions found).
    pub notes: Vec<String>,
}

#[cfg(feature = "files")]
/// Imports a questionnaire with the detected layout.
pub fn import(file: &str, bytes: &[u8]) -> Result<Questionnaire, QuestionnaireError> {
    import_with(file, bytes, &ImportOptions::default())
}

#[cfg(feature = "files")]
/// Imports a questionnaire, applying the user's corrections.
pub fn import_with(file: &str, bytes: &[u8], options: &ImportOptions) -> Result<Questionnaire, QuestionnaireError> {
    use crate::limits;
    if bytes.len() > limits::MAX_FILE_BYTES {
        return Err(QuestionnaireError::TooLarge {
            file: file.to_string(),
            what: format!("the file ({:.1} MB)", bytes.len() as f64 / 1e6),
            limit: format!("{} MB", limits::MAX_FILE_BYTES / (1024 * 1024)),
        });
    }
    let grids = grid::read_any(file, bytes)?;
    if grids.len() > limits::MAX_SHEETS {
        return Err(QuestionnaireError::TooLarge {
            file: file.to_string(),
            what: format!("the number of sheets ({})", grids.len()),
            limit: limits::MAX_SHEETS.to_string(),
        });
    }
    let q = from_grids(file, &grids, options);
    if q.questions.len() > limits::MAX_QUESTIONS {
        return Err(QuestionnaireError::TooLarge {
            file: file.to_string(),
            what: format!("the number of questions ({})", q.questions.len()),
            limit: limits::MAX_QUESTIONS.to_string(),
        });
    }
    Ok(q)
}

#[cfg(feature = "files")]
/// Builds the questionnaire from sheets already read.
pub fn from_grids(file: &str, grids: &[Grid], options: &ImportOptions) -> Questionnaire {
    let multi = grids.len() > 1;
    let mut reads: Vec<sheet::SheetRead> = grids
        .iter()
        .map(|grid| sheet::read_sheet(grid, options.sheets.iter().find(|o| o.sheet == grid.name), multi))
        .collect();
    classify::classify(&mut reads, &options.sheets);
    let mut sheets = Vec::new();
    let mut questions: Vec<Question> = Vec::new();
    let mut copied: Vec<Question> = Vec::new();
    for read in reads {
        if read.report.is_questionnaire() {
            merge_repeated(&mut questions, read.questions);
            copied.extend(read.copied);
        }
        sheets.push(read.report);
    }
    restore_linked_answers(&mut questions, &mut sheets, copied);
    dedupe_ids(&mut questions);
    let format = detect_format(grids, &sheets, &questions);
    let mut notes = Vec::new();
    if questions.is_empty() {
        let left_out = sheets.iter().any(|s| s.questions > 0);
        notes.push(format!(
            "{file}: no questions found; no sheet has a header row over a column of questions{}",
            if left_out {
                " (sheets that look like instructions, reports or references were left out: include one in the import report if it holds your questions)"
            } else {
                ""
            }
        ));
    }
    Questionnaire { file: file.to_string(), format, sheets, questions, notes }
}

#[cfg(feature = "files")]
/// Adds a sheet's questions; one asked again on this sheet or another (same id, same text) is
/// not a new question but another place its answer goes.
fn merge_repeated(questions: &mut Vec<Question>, found: Vec<Question>) {
    let norm = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let mut by_key: std::collections::HashMap<(String, String), usize> =
        questions.iter().enumerate().map(|(i, q)| ((q.id.clone(), norm(&q.text)), i)).collect();
    for q in found {
        let key = (q.id.clone(), norm(&q.text));
        match by_key.get(&key) {
            Some(&i) if detect::looks_like_id(&q.id) => {
                let place = q.places().swap_remove(0);
                questions[i].also.push(place);
            }
            _ => {
                by_key.insert(key, questions.len());
                questions.push(q);
            }
        }
    }
}

#[cfg(feature = "files")]
/// A question row whose answer cell copies another sheet is a mirror when the workbook asks the
/// same question elsewhere (same id, or same text); otherwise it is a question the vendor
/// answered by linking to another cell, and its value is an earlier answer. Those are put back
/// in sheet order, and their sheet's report no longer lists them as skipped.
fn restore_linked_answers(questions: &mut Vec<Question>, sheets: &mut [SheetReport], copied: Vec<Question>) {
    let norm = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let mut asked: std::collections::HashSet<String> =
        questions.iter().flat_map(|q| [format!("id:{}", q.id), format!("text:{}", norm(&q.text))]).collect();
    let names: Vec<String> = sheets.iter().map(|s| s.name.clone()).collect();
    let order = |sheet: &str| names.iter().position(|s| s == sheet).unwrap_or(usize::MAX);
    for q in copied {
        let id_key = format!("id:{}", q.id);
        let text_key = format!("text:{}", norm(&q.text));
        // Asked elsewhere, or a second copy of one already put back: a mirror.
        if (detect::looks_like_id(&q.id) && asked.contains(&id_key)) || asked.contains(&text_key) {
            continue;
        }
        asked.insert(id_key);
        asked.insert(text_key);
        if let Some(report) = sheets.iter_mut().find(|s| s.name == q.sheet) {
            report.skipped.retain(|s| !(s.row == q.row + 1 && s.reason.contains("the answer cell is a formula")));
            report.questions += 1;
            if let Some(existing) = &q.existing {
                report.existing += 1;
                report.formula_answers += usize::from(existing.answer.is_some());
            }
            if report.choices.is_none() {
                report.choices = q.choices.clone();
            }
        }
        let at = (order(&q.sheet), q.row);
        let index = questions.iter().position(|p| (order(&p.sheet), p.row) > at).unwrap_or(questions.len());
        questions.insert(index, q);
    }
}

#[cfg(feature = "files")]
/// Ids must be unique for drafts to be told apart: a repeated id gets `#2`, `#3`.
fn dedupe_ids(questions: &mut [Question]) {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for q in questions.iter_mut() {
        let n = seen.entry(q.id.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            q.id = format!("{}#{}", q.id, n);
        }
    }
}

#[cfg(feature = "files")]
fn detect_format(grids: &[Grid], sheets: &[SheetReport], questions: &[Question]) -> Format {
    for (grid, sheet) in grids.iter().zip(sheets) {
        if sheet.questions == 0 || !sheet.is_questionnaire() {
            continue;
        }
        let name = grid.name.to_lowercase();
        let caiq_header =
            sheet.headers.iter().any(|(role, h)| *role == Role::Answer && h.to_lowercase().contains("caiq"));
        if name.starts_with("caiq") || caiq_header {
            let from_name = grid
                .name
                .get(4..)
                .map(|v| v.trim_start_matches([' ', '_']).to_string())
                .filter(|v| v.starts_with(['v', 'V']));
            let from_banner = grid
                .cells
                .first()
                .and_then(|r| {
                    r.iter().find(|c| {
                        let c = c.trim();
                        c.starts_with('v') && c[1..].chars().next().is_some_and(|d| d.is_ascii_digit()) && c.len() <= 10
                    })
                })
                .cloned();
            let version = from_name.or(from_banner).unwrap_or_else(|| "v4".to_string());
            return Format::CaiqV4 { version };
        }
    }
    let sig_header = sheets.iter().any(|s| {
        s.headers.iter().any(|(role, h)| {
            let h = h.to_lowercase();
            (*role == Role::Id && h.starts_with("ques")) || (*role == Role::Question && h == "question/request")
        })
    });
    let sig_ids = !questions.is_empty()
        && questions
            .iter()
            .filter(|q| {
                let mut parts = q.id.splitn(2, '.');
                let letter = parts.next().unwrap_or("");
                letter.len() <= 2
                    && letter.chars().all(|c| c.is_ascii_uppercase())
                    && !letter.is_empty()
                    && parts.next().is_some_and(|rest| rest.chars().next().is_some_and(|c| c.is_ascii_digit()))
            })
            .count()
            * 10
            >= questions.len() * 8;
    let business_sheet = grids.iter().any(|g| g.name.to_lowercase().contains("business information"));
    if sig_header || (sig_ids && (business_sheet || sheets.iter().filter(|s| s.questions > 0).count() > 1)) {
        return Format::SigStyle;
    }
    Format::Generic
}
