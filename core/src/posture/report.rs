//! The parse report of one posture file: which form was recognised, which columns, status words
//! and ref styles were understood (with examples), and what was skipped and why.

use serde::{Deserialize, Serialize};

#[cfg(feature = "files")]
use super::refs::ReadRef;
use super::refs::RefStyle;
use super::status::StatusWord;

/// The form a posture file was recognised as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Form {
    /// Tables with `Ref` and `Status` columns (the embedded default's layout).
    StatusTables,
    /// A Statement of Applicability (or control register) kept as a spreadsheet.
    Spreadsheet,
    /// Tables of controls without a status column.
    ControlList,
    /// An SoA written as headings and bullets, each carrying a control ref.
    HeadingsAndBullets,
    /// One control's guidance page (Control Statement, Scope, Ownership, Framework Mapping).
    ControlPage,
    /// Prose only: passages, no control rows.
    Prose,
}

impl Form {
    pub fn label(self) -> &'static str {
        match self {
            Form::StatusTables => "tables with Ref and Status columns",
            Form::Spreadsheet => "a Statement of Applicability spreadsheet",
            Form::ControlList => "a control list (no statuses stated)",
            Form::HeadingsAndBullets => "a headings-and-bullets SoA",
            Form::ControlPage => "a control guidance page",
            Form::Prose => "prose only (no control rows)",
        }
    }
}

/// One ref style met in a file, with how many rows use it and up to three examples
/// (a translated 2013 ref shows its translation).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RefStyleUse {
    pub style: RefStyle,
    pub rows: usize,
    pub examples: Vec<String>,
}

/// How one file was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileReport {
    pub file: String,
    pub form: Form,
    pub rows: usize,
    /// `(where, header, read as)`: `("SoA", "Implementation Status", "status")`.
    pub columns: Vec<(String, String, String)>,
    pub statuses: Vec<StatusWord>,
    pub refs: Vec<RefStyleUse>,
    /// What was not read, and why (sheets, columns, rows).
    pub skipped: Vec<String>,
    /// How something the file states was read (a certification that puts its applicable
    /// controls in place).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl FileReport {
    pub fn new(file: &str, form: Form) -> FileReport {
        FileReport {
            file: file.to_string(),
            form,
            rows: 0,
            columns: Vec::new(),
            statuses: Vec::new(),
            refs: Vec::new(),
            skipped: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// Counts one more row whose ref was read as `read`.
    #[cfg(feature = "files")]
    pub(crate) fn tally_ref(&mut self, read: &ReadRef) {
        let example = match &read.translated {
            Some(t) => t.clone(),
            None => read.text.clone(),
        };
        match self.refs.iter_mut().find(|r| r.style == read.style) {
            Some(r) => {
                r.rows += 1;
                if r.examples.len() < 3 && !r.examples.contains(&example) {
                    r.examples.push(example);
                }
            }
            None => self.refs.push(RefStyleUse { style: read.style, rows: 1, examples: vec![example] }),
        }
    }

    /// One line per fact, for the CLI and plain-text reports.
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![format!("{}: read as {}; {} rows", self.file, self.form.label(), self.rows)];
        if !self.columns.is_empty() {
            let cols: Vec<String> = self
                .columns
                .iter()
                .map(
                    |(at, h, role)| {
                        if at.is_empty() {
                            format!("{h} → {role}")
                        } else {
                            format!("{at}: {h} → {role}")
                        }
                    },
                )
                .collect();
            out.push(format!("  columns: {}", cols.join("; ")));
        }
        if !self.statuses.is_empty() {
            let words: Vec<String> = self
                .statuses
                .iter()
                .map(|w| format!("{} → {} ({} rows, e.g. {})", w.word, w.read_as.label(), w.rows, w.example))
                .collect();
            out.push(format!("  statuses: {}", words.join("; ")));
        }
        for r in &self.refs {
            out.push(format!("  refs: {} rows with {}, e.g. {}", r.rows, r.style.label(), r.examples.join(", ")));
        }
        for s in &self.skipped {
            out.push(format!("  skipped: {s}"));
        }
        for n in &self.notes {
            out.push(format!("  note: {n}"));
        }
        out
    }
}
