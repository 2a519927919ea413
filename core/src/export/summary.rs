//! What an export will write, for people, shown before the file is written; and which answers
//! already in the workbook the user chose to replace. Plain data: the plan itself ([`super::plan`])
//! reads the original file.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

/// Which answers already in the workbook may be replaced.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Replace {
    /// Every one.
    #[serde(default)]
    pub all: bool,
    /// These questions' (by id).
    #[serde(default)]
    pub ids: BTreeSet<String>,
}

impl Replace {
    pub fn allows(&self, id: &str) -> bool {
        self.all || self.ids.contains(id)
    }
}

/// What an export writes, for people, before it is written.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Cells written in all.
    pub cells: usize,
    /// Per sheet, per column: (sheet, column letter, what it holds, cells).
    pub columns: Vec<(String, String, String, usize)>,
    /// Questions whose answer (or mark) is written.
    pub answered: usize,
    /// Of those, assertions written as drafted.
    #[serde(default)]
    pub assertions: usize,
    /// Of those, answers a person gave (approved or edited, or approved earlier in the library).
    #[serde(default)]
    pub approved: usize,
    /// Suggestions nobody approved: not written, left for the reviewer.
    #[serde(default)]
    pub suggestions: usize,
    /// Questions left for a person: needs review, or no dropdown value fits.
    pub left_blank: usize,
    /// Cells that already held an answer or comment and are kept as they were.
    pub kept: usize,
    /// Questions whose earlier answer is kept (none of their cells written).
    pub kept_questions: usize,
    /// Cells that already held an answer or comment and are replaced (the user chose so).
    pub replaced: usize,
    /// Target cells never written because they are formulas, locked or on a hidden sheet.
    pub protected: usize,
}

impl Summary {
    /// One paragraph: `644 cells in 8 sheets: …; 12 existing answers kept …`.
    pub fn sentence(&self) -> String {
        let mut sheets: Vec<&str> = self.columns.iter().map(|c| c.0.as_str()).collect();
        sheets.dedup();
        let mut by_sheet: Vec<String> = Vec::new();
        for sheet in &sheets {
            let cols: Vec<String> =
                self.columns.iter().filter(|c| c.0 == *sheet).map(|c| format!("{} {} ({})", c.2, c.1, c.3)).collect();
            by_sheet.push(format!("{sheet}: {}", cols.join(", ")));
        }
        let mut s = format!(
            "{} cell{} in {} sheet{} — {}. {} question{} answered ({} assertion{}, {} approved answer{}); {} suggestion{} left for your review, not written until approved; {} left blank for you.",
            self.cells,
            plural(self.cells),
            sheets.len(),
            plural(sheets.len()),
            if by_sheet.is_empty() { "nothing to write".to_string() } else { by_sheet.join("; ") },
            self.answered,
            plural(self.answered),
            self.assertions,
            plural(self.assertions),
            self.approved,
            plural(self.approved),
            self.suggestions,
            plural(self.suggestions),
            self.left_blank
        );
        if self.kept_questions > 0 {
            s.push_str(&format!(
                " {} question{} already answered in the workbook kept as {} ({} cell{}).",
                self.kept_questions,
                plural(self.kept_questions),
                if self.kept_questions == 1 { "it was" } else { "they were" },
                self.kept,
                plural(self.kept)
            ));
        }
        if self.replaced > 0 {
            s.push_str(&format!(" {} earlier answer cell{} replaced.", self.replaced, plural(self.replaced)));
        }
        if self.protected > 0 {
            s.push_str(&format!(
                " {} formula or locked cell{} left untouched.",
                self.protected,
                plural(self.protected)
            ));
        }
        s
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
