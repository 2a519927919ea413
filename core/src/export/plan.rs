//! Which cells an export writes, decided against the original file itself, and the summary the
//! user sees before the file is written. Only the answer, mark and comment cells of question
//! rows of questionnaire sheets are written (or new `Answer` / `Comments` columns on a sheet that
//! has none); never a formula cell, a cell of a hidden sheet or a locked cell of a protected
//! sheet; a cell that already holds an answer only when the user chose to replace it; and only
//! assertions and answers a person gave — a suggestion nobody approved is left for the reviewer.

use std::collections::{BTreeMap, HashMap};

use super::{
    answer_value, clean_text, comment_text, safe_cell, Basis, CellWrite, ExportError, FinalAnswer, Replace, Summary,
};
use crate::model::Answer;
use crate::questionnaire::grid::{self, Grid};
use crate::questionnaire::package::column_name;
use crate::questionnaire::sheet::is_placeholder;
use crate::questionnaire::{detect, Cell, Place, Questionnaire};

/// The cells to write and the summary of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Plan {
    pub writes: Vec<CellWrite>,
    pub summary: Summary,
}

/// What a target cell holds, as the plan sees it.
enum Target {
    Free,
    Same,
    Taken,
    Protected,
}

fn target(grid: Option<&Grid>, cell: Cell, value: &str, choices: Option<&[String]>) -> Target {
    let Some(g) = grid else { return Target::Free };
    if !g.is_writable(cell.row, cell.col) {
        return Target::Protected;
    }
    match g.cell(cell.row, cell.col) {
        now if now == value => Target::Same,
        now if is_placeholder(now, choices) => Target::Free,
        _ => Target::Taken,
    }
}

/// Plans an export of `answers` into `original` (the bytes the questionnaire was imported from).
pub fn plan(
    file: &str,
    original: &[u8],
    q: &Questionnaire,
    answers: &[FinalAnswer],
    replace: &Replace,
) -> Result<Plan, ExportError> {
    let grids = grid::read_any(file, original)
        .map_err(|e| ExportError::Original { file: file.to_string(), reason: e.to_string() })?;
    Ok(plan_on(&grids, q, answers, replace))
}

/// The new (answer, comment) columns of a sheet that has none.
type NewColumns = (Option<u32>, Option<u32>);

/// The plan being made: the writes, their summary, per (sheet, column) what it holds, the new
/// columns of sheets that have none and the mark each sheet already uses.
struct Planner<'q> {
    q: &'q Questionnaire,
    grids: &'q [Grid],
    writes: Vec<CellWrite>,
    summary: Summary,
    counts: BTreeMap<(usize, u32), (String, usize)>,
    /// New columns on sheets that have no answer (or comment) column: sheet → (answer, comment).
    added: HashMap<String, NewColumns>,
    symbols: HashMap<String, String>,
}

impl<'q> Planner<'q> {
    fn count(&mut self, sheet: &str, col: u32, what: &str) {
        let order = self.q.sheets.iter().position(|s| s.name == sheet).unwrap_or(usize::MAX);
        self.counts.entry((order, col)).or_insert((what.to_string(), 0)).1 += 1;
    }

    /// Writes `value` into `cell` unless the cell is protected, already holds it, or holds
    /// something else that may not be replaced.
    fn put(&mut self, at: (Option<&Grid>, &Place), cell: Cell, value: String, what: &str, replaceable: bool) {
        let (grid, place) = at;
        let sheet = place.sheet.as_str();
        let value = safe_cell(&clean_text(&value));
        let choices = if Some(cell) == place.answer_cell { place.choices.as_deref() } else { None };
        match target(grid, cell, &value, choices) {
            Target::Protected => self.summary.protected += 1,
            Target::Same => {}
            Target::Taken if !replaceable => self.summary.kept += 1,
            t => {
                if matches!(t, Target::Taken) {
                    self.summary.replaced += 1;
                }
                self.count(sheet, cell.col, what);
                self.writes.push(CellWrite { sheet: sheet.to_string(), cell, value });
            }
        }
    }

    /// Plans one place of a question; whether an answer (a value or a mark) is written there.
    fn plan_place(&mut self, place: &Place, a: &FinalAnswer, replaceable: bool) -> bool {
        let Some(sheet) = self.q.sheets.iter().find(|s| s.name == place.sheet && s.is_questionnaire()) else {
            return false;
        };
        let g = self.grids.iter().find(|g| g.name == place.sheet);
        if g.is_some_and(|g| g.hidden) {
            return false;
        }
        // A place the workbook already answers (answer, mark or comment) is kept whole unless
        // the user chose to replace it: never half last year's answer, half this year's.
        let held: Vec<Cell> = place
            .answer_cell
            .into_iter()
            .chain(place.comment_cell)
            .chain(place.marks.iter().map(|m| Cell { row: place.row, col: m.col }))
            .filter(|c| {
                let choices = if Some(*c) == place.answer_cell { place.choices.as_deref() } else { None };
                g.is_some_and(|g| g.is_writable(c.row, c.col) && !is_placeholder(g.cell(c.row, c.col), choices))
            })
            .collect();
        // Nothing drafted replaces nothing: a needs-review draft keeps the earlier answer.
        let nothing = answer_value(a, place.choices.as_deref()).is_none() && comment_text(a).is_empty();
        if !held.is_empty() && (!replaceable || nothing) {
            self.summary.kept += held.len();
            self.summary.kept_questions += 1;
            return false;
        }
        let answered = self.plan_answer((g, place), sheet.width, a, &held, replaceable);
        self.plan_comment((g, place), sheet.width, a, &held, replaceable);
        answered
    }

    /// The answer: its cell, a mark, or a new column; whether one is written.
    fn plan_answer(
        &mut self,
        at: (Option<&Grid>, &Place),
        width: u32,
        a: &FinalAnswer,
        held: &[Cell],
        replaceable: bool,
    ) -> bool {
        let (g, place) = at;
        let answer_col = match (place.answer_cell, place.marks.is_empty()) {
            (Some(c), _) => Some(c.col),
            (None, true) => {
                let cols = self.added.entry(place.sheet.clone()).or_default();
                Some(*cols.0.get_or_insert_with(|| next_free(width, cols.1)))
            }
            (None, false) => None,
        };
        if let Some(col) = answer_col {
            let cell = Cell { row: place.row, col };
            match answer_value(a, place.choices.as_deref()) {
                Some(value) => {
                    self.put(at, cell, value, "answers", replaceable);
                    return true;
                }
                // Replaced by a draft the dropdown cannot hold (Partial on Yes/No): the earlier
                // answer is cleared for the reviewer, not left beside the new text.
                None if held.contains(&cell) => self.put(at, cell, String::new(), "answers", replaceable),
                None => {}
            }
            return false;
        }
        let Some(mark) = mark_for(a.answer, place) else { return false };
        let symbol = self.symbols.entry(place.sheet.clone()).or_insert_with(|| mark_symbol(g, place)).clone();
        self.put(at, Cell { row: place.row, col: mark }, symbol, "marks", replaceable);
        // Replacing an earlier mark in another column clears it.
        for m in place.marks.iter().filter(|m| m.col != mark) {
            let cell = Cell { row: place.row, col: m.col };
            let marked = g.is_some_and(|g| !g.cell(cell.row, cell.col).is_empty());
            if marked {
                self.put(at, cell, String::new(), "marks", replaceable);
            }
        }
        true
    }

    /// The comment: its cell or a new column; an earlier comment is cleared when the draft has
    /// none.
    fn plan_comment(
        &mut self,
        at: (Option<&Grid>, &Place),
        width: u32,
        a: &FinalAnswer,
        held: &[Cell],
        replaceable: bool,
    ) {
        let place = at.1;
        let comment = comment_text(a);
        if comment.is_empty() {
            if let Some(cell) = place.comment_cell.filter(|c| held.contains(c)) {
                self.put(at, cell, String::new(), "comments", replaceable);
            }
            return;
        }
        let col = match place.comment_cell {
            Some(c) => c.col,
            None => {
                let cols = self.added.entry(place.sheet.clone()).or_default();
                let answer = cols.0;
                *cols.1.get_or_insert_with(|| next_free(width, answer))
            }
        };
        self.put(at, Cell { row: place.row, col }, comment, "comments", replaceable);
    }

    /// Titles of the new columns, on every header row of their sheet.
    fn title_new_columns(&mut self) {
        let q = self.q;
        let mut added: Vec<(String, NewColumns)> = self.added.drain().collect();
        added.sort();
        for (name, (answer, comment)) in &added {
            let Some(sheet) = q.sheets.iter().find(|s| &s.name == name) else { continue };
            let rows: Vec<u32> = if sheet.header_rows.is_empty() {
                sheet.header_row.into_iter().collect()
            } else {
                sheet.header_rows.clone()
            };
            for (col, title) in [(answer, "Answer"), (comment, "Comments")] {
                let Some(col) = col else { continue };
                for &row in &rows {
                    self.writes.push(CellWrite {
                        sheet: name.clone(),
                        cell: Cell { row, col: *col },
                        value: title.to_string(),
                    });
                }
                let order = q.sheets.iter().position(|s| &s.name == name).unwrap_or(usize::MAX);
                let e = self.counts.entry((order, *col)).or_insert((String::new(), 0));
                e.0 = format!("new column \u{201c}{title}\u{201d}");
                e.1 += rows.len();
            }
        }
    }

    /// The writes and their summary: cells in all, and per sheet and column what is written.
    fn finish(mut self) -> Plan {
        let q = self.q;
        self.summary.cells = self.writes.len();
        self.summary.columns = self
            .counts
            .into_iter()
            .map(|((order, col), (what, n))| {
                let sheet = q.sheets.get(order).map(|s| s.name.clone()).unwrap_or_default();
                (sheet, column_name(col), what, n)
            })
            .collect();
        Plan { writes: self.writes, summary: self.summary }
    }
}

/// [`plan`] on sheets already read.
pub fn plan_on(grids: &[Grid], q: &Questionnaire, answers: &[FinalAnswer], replace: &Replace) -> Plan {
    let by_id: HashMap<&str, &FinalAnswer> = answers.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut p = Planner {
        q,
        grids,
        writes: Vec::new(),
        summary: Summary::default(),
        counts: BTreeMap::new(),
        added: HashMap::new(),
        symbols: HashMap::new(),
    };
    for question in &q.questions {
        let Some(&a) = by_id.get(question.id.as_str()) else { continue };
        let replaceable = replace.allows(&question.id);
        // A suggestion nobody approved goes out as nothing: its cells are left as they are,
        // exactly as for a question the posture does not answer.
        let withheld;
        let out = if a.is_written() {
            a
        } else {
            withheld = a.withheld();
            &withheld
        };
        let mut answered = false;
        for place in question.places() {
            answered |= p.plan_place(&place, out, replaceable);
        }
        if answered {
            p.summary.answered += 1;
            match a.basis {
                Basis::Assertion => p.summary.assertions += 1,
                _ => p.summary.approved += 1,
            }
        } else if !question.has_existing() || replaceable {
            if a.is_written() || !a.says_something() {
                p.summary.left_blank += 1;
            } else {
                p.summary.suggestions += 1;
            }
        }
    }
    p.title_new_columns();
    p.finish()
}

/// The first column right of the sheet's used width not already taken by a new column.
fn next_free(width: u32, taken: Option<u32>) -> u32 {
    match taken {
        Some(t) if t >= width => t + 1,
        _ => width,
    }
}

/// The mark column standing for `answer`, if the sheet has one.
fn mark_for(answer: Answer, place: &Place) -> Option<u32> {
    if answer == Answer::NeedsReview {
        return None;
    }
    place.marks.iter().find(|m| detect::answer_word(&m.label) == Some(answer)).map(|m| m.col)
}

/// The mark the sheet already uses in its mark columns (`X`, `x`, `✓`), else `X`.
fn mark_symbol(grid: Option<&Grid>, place: &Place) -> String {
    let Some(g) = grid else { return "X".into() };
    for row in 0..g.rows() {
        for m in &place.marks {
            let t = g.cell(row, m.col);
            if !t.is_empty() && t.chars().count() <= 3 && detect::answer_word(t).is_none() {
                return t.to_string();
            }
        }
    }
    "X".into()
}
