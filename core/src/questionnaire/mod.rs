//! Questionnaire import: from the bytes of an `.xlsx` or `.csv` file, every question with its
//! id, section, dropdown choices, explicit references, and the cells its answer and comment go
//! back into.
//!
//! Each sheet's header row is found among its first rows and its columns are named by header
//! text ([`detect`]); merged cells are carried to every cell they cover; CAIQ v4 and SIG-style
//! workbooks are recognised, anything else is a generic sheet. What was found, and every row
//! skipped with the reason, is reported so the user can correct it ([`ImportOptions`]).

pub mod detect;
pub mod grid;
pub mod xlsx_parts;

use serde::{Deserialize, Serialize};

pub use detect::{Columns, Role};
use grid::{FileKind, Grid};

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
        xlsx_parts::cell_name(self.row, self.col)
    }
}

/// One question to answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
}

/// What the importer found in one sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SheetReport {
    pub name: String,
    pub hidden: bool,
    /// 0-based header row; `None` when the sheet holds no questions.
    pub header_row: Option<u32>,
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

/// Imports a questionnaire with the detected layout.
pub fn import(file: &str, bytes: &[u8]) -> Result<Questionnaire, QuestionnaireError> {
    import_with(file, bytes, &ImportOptions::default())
}

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
    let grids = match grid::sniff(file, bytes)? {
        FileKind::Xlsx => grid::read_xlsx(file, bytes)?,
        FileKind::OtherWorkbook => grid::read_other_workbook(file, bytes)?,
        FileKind::Csv => grid::read_csv(file, bytes)?,
    };
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

/// Builds the questionnaire from sheets already read.
pub fn from_grids(file: &str, grids: &[Grid], options: &ImportOptions) -> Questionnaire {
    let mut sheets = Vec::new();
    let mut questions = Vec::new();
    let multi = grids.len() > 1;
    for grid in grids {
        let over = options.sheets.iter().find(|o| o.sheet == grid.name);
        let (report, mut found) = read_sheet(grid, over, multi);
        sheets.push(report);
        questions.append(&mut found);
    }
    dedupe_ids(&mut questions);
    let format = detect_format(grids, &sheets, &questions);
    let mut notes = Vec::new();
    if questions.is_empty() {
        notes.push(format!(
            "{file}: no questions found; no sheet has a header row with a question column in its first {} rows",
            detect::HEADER_SEARCH_ROWS
        ));
    }
    Questionnaire { file: file.to_string(), format, sheets, questions, notes }
}

/// `A&A-01.1`, `D.1`, `1.2`, `Q4`, `IAM-14.2`: short, no spaces.
fn looks_like_id(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.chars().count() <= 24 && !t.contains(' ') && t.chars().any(|c| c.is_ascii_digit())
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

fn read_sheet(grid: &Grid, over: Option<&SheetOverride>, multi_sheet: bool) -> (SheetReport, Vec<Question>) {
    let mut report = SheetReport {
        name: grid.name.clone(),
        hidden: grid.hidden,
        header_row: None,
        columns: Columns::default(),
        headers: Vec::new(),
        questions: 0,
        sections: 0,
        skipped: Vec::new(),
        choices: None,
        width: grid.cells.iter().map(|r| r.len()).max().unwrap_or(0) as u32,
    };
    if over.is_some_and(|o| o.skip) {
        return (report, Vec::new());
    }
    let detected = detect::find_header(grid);
    let header_row = over.and_then(|o| o.header_row).or(detected.as_ref().map(|d| d.0));
    let Some(header_row) = header_row else { return (report, Vec::new()) };
    let mut columns = match over.and_then(|o| o.columns.clone()) {
        Some(c) => c,
        None if Some(header_row) == detected.as_ref().map(|d| d.0) => detected.expect("detected").1,
        None => detect::columns_of_header(grid.cells.get(header_row as usize).map_or(&[][..], |r| r.as_slice())).0,
    };
    let Some(qcol) = columns.question else { return (report, Vec::new()) };

    // No answer column by header: the column right of the question that carries a dropdown.
    if columns.answer.is_none() {
        let width = grid.cells.iter().map(|r| r.len()).max().unwrap_or(0) as u32;
        columns.answer = ((qcol + 1)..width.max(qcol + 1))
            .find(|&c| Some(c) != columns.comment && grid.choices_at(header_row + 1, c).is_some());
    }
    report.header_row = Some(header_row);
    let header_cells = grid.cells.get(header_row as usize);
    for role in Role::ALL {
        if let Some(col) = columns.get(role) {
            let text = header_cells.and_then(|r| r.get(col as usize)).cloned().unwrap_or_default();
            report.headers.push((role, text));
        }
    }

    let mut questions = Vec::new();
    let mut section: Option<String> = None;
    for row in (header_row + 1)..grid.rows() {
        let cells = &grid.cells[row as usize];
        let non_empty: Vec<&String> = cells.iter().filter(|c| !c.is_empty()).collect();
        if non_empty.is_empty() {
            continue;
        }
        let mut text = grid.cell(row, qcol).to_string();
        if text.chars().count() > crate::limits::MAX_CELL_CHARS {
            text = text.chars().take(crate::limits::MAX_CELL_CHARS).collect();
            report.skipped.push(Skipped {
                row: row + 1,
                reason: format!("question text cut to its first {} characters", crate::limits::MAX_CELL_CHARS),
            });
        }
        let id = columns.id.map(|c| grid.cell(row, c).to_string()).unwrap_or_default();
        let all_same = non_empty.iter().all(|c| *c == non_empty[0]);
        let answer_filled = columns.answer.is_some_and(|c| !grid.cell(row, c).is_empty());

        // A section row: one title across the row (often merged), or a title where the id or
        // question goes with nothing else, not shaped like a question.
        let title_only = if all_same && !non_empty.is_empty() && (id.is_empty() || !looks_like_id(&id) || id == text) {
            Some(non_empty[0].clone())
        } else if text.is_empty() && !id.is_empty() && !looks_like_id(&id) && non_empty.len() == 1 {
            Some(id.clone())
        } else {
            None
        };
        if let Some(title) = title_only {
            let is_question_shaped = title.ends_with('?') || (columns.id.is_none() && words(&title) >= 6);
            if !is_question_shaped && !answer_filled && title.chars().count() <= 150 {
                section = Some(title);
                report.sections += 1;
                continue;
            }
        }
        if text.is_empty() {
            let what =
                if id.is_empty() { "no question text".to_string() } else { format!("{id} has no question text") };
            report.skipped.push(Skipped { row: row + 1, reason: what });
            continue;
        }
        if columns.id.is_some() && id.is_empty() && !text.ends_with('?') && words(&text) < 4 {
            report
                .skipped
                .push(Skipped { row: row + 1, reason: format!("\"{text}\" has no id and is not a question") });
            continue;
        }
        let id = if id.is_empty() {
            if multi_sheet {
                format!("{}!{}", grid.name, row + 1)
            } else {
                format!("R{}", row + 1)
            }
        } else {
            id
        };
        let answer_cell = columns.answer.map(|col| Cell { row, col });
        let choices = columns.answer.and_then(|c| grid.choices_at(row, c)).map(|v| v.to_vec());
        let refs = columns.refs.iter().map(|&c| grid.cell(row, c).to_string()).filter(|t| !t.is_empty()).collect();
        questions.push(Question {
            id,
            text,
            sheet: grid.name.clone(),
            row,
            section: section.clone(),
            domain: columns.domain.map(|c| grid.cell(row, c).to_string()).filter(|d| !d.is_empty()),
            answer_cell,
            comment_cell: columns.comment.map(|col| Cell { row, col }),
            choices,
            refs,
        });
    }
    report.questions = questions.len();
    report.choices = questions.iter().find_map(|q| q.choices.clone());
    report.columns = columns;
    (report, questions)
}

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

fn detect_format(grids: &[Grid], sheets: &[SheetReport], questions: &[Question]) -> Format {
    for (grid, sheet) in grids.iter().zip(sheets) {
        if sheet.questions == 0 {
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
