//! Reading one sheet: its layout (header rows, the question and id columns by what their cells
//! hold, the answer, comment and mark columns per section) and its rows (questions, section
//! titles, footers, rows whose answer cell is a formula), with what the sheet tells about being
//! a questionnaire at all. Which sheets are questionnaires is decided over the whole workbook
//! (`super::classify`).

use super::detect::{self, Columns, Header, MarkColumn, Role};
use super::grid::Grid;
use super::{Cell, Existing, Question, SheetOverride, SheetReport, Skipped};

/// What a sheet's rows say about it being a questionnaire, for the workbook-level decision.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Signals {
    /// Question rows with an answer column (or mark columns) to write into.
    pub answerable: usize,
    /// Question rows whose answer cell has a dropdown.
    pub dropdowns: usize,
    /// Rows that looked like questions but whose answer cell is a formula (a report copying the
    /// answers, or a mirror of another tab).
    pub formula_answers: usize,
    /// Question rows whose answer cell is locked on a protected sheet.
    pub locked_answers: usize,
    /// Question rows whose answer cell already holds text, and the words of that text in all.
    pub filled_answers: usize,
    pub answer_words: usize,
}

/// One sheet read: its report, its questions and its signals.
pub struct SheetRead {
    pub report: SheetReport,
    pub questions: Vec<Question>,
    pub signals: Signals,
    /// Question rows whose answer cell is a formula copying another sheet, with the value it
    /// shows: a mirror of a question asked elsewhere (skipped), unless the workbook asks it
    /// nowhere else — then an earlier answer the vendor linked in (see `super::from_grids`).
    pub copied: Vec<Question>,
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// The question column by content: the column whose cells below the first header read most like
/// questions. The header's own question column wins when its cells read nearly as well (it may
/// also be the only hint, for a list of field prompts).
fn question_column(grid: &Grid, first: u32, headers: &[Header], exclude: &[u32]) -> Option<u32> {
    let width = grid.width();
    let scores = question_scores(grid, first, headers, exclude);
    let best =
        (0..width).filter(|c| scores[*c as usize] > 0).max_by_key(|c| (scores[*c as usize], std::cmp::Reverse(*c)));
    let declared = headers.iter().find_map(|h| h.columns.question).filter(|c| !exclude.contains(c));
    match (declared, best) {
        (Some(d), Some(b)) if scores.get(d as usize).copied().unwrap_or(0) * 10 >= scores[b as usize] * 6 => Some(d),
        (_, Some(b)) => Some(b),
        (d, None) => d,
    }
}

/// How much each column's cells below the first header read like questions (header rows and
/// `exclude`d or hidden columns aside).
fn question_scores(grid: &Grid, first: u32, headers: &[Header], exclude: &[u32]) -> Vec<u32> {
    let header_rows: Vec<u32> = headers.iter().map(|h| h.row).collect();
    let mut scores = vec![0u32; grid.width() as usize];
    for row in (first + 1)..grid.rows() {
        if header_rows.contains(&row) {
            continue;
        }
        for (c, text) in grid.cells[row as usize].iter().enumerate() {
            if !exclude.contains(&(c as u32)) && !grid.meta.is_hidden_col(c as u32) {
                scores[c] += detect::question_likeness(text) as u32;
            }
        }
    }
    scores
}

/// The id column by content: the column (other than the question's) holding id-like cells on
/// most rows that have question text, preferring distinct values (a question id over the
/// control id repeated beside it) and the header's own id column.
fn id_column(grid: &Grid, first: u32, qcol: u32, declared: Option<u32>, exclude: &[u32]) -> Option<u32> {
    let mut with_text = 0usize;
    let mut counts: std::collections::HashMap<u32, std::collections::HashSet<&str>> = Default::default();
    for row in (first + 1)..grid.rows() {
        if grid.cell(row, qcol).is_empty() {
            continue;
        }
        with_text += 1;
        for (c, text) in grid.cells[row as usize].iter().enumerate() {
            let c = c as u32;
            if c != qcol && !exclude.contains(&c) && detect::looks_like_id(text) {
                counts.entry(c).or_default().insert(text.as_str());
            }
        }
    }
    let enough = |n: usize| n * 10 >= with_text * 4 && n > 0;
    let best = counts
        .iter()
        .filter(|(_, v)| enough(v.len()))
        .max_by_key(|(c, v)| (v.len(), std::cmp::Reverse(**c)))
        .map(|(c, v)| (*c, v.len()));
    match (declared, best) {
        (Some(d), Some((_, n))) if counts.get(&d).is_some_and(|v| v.len() * 10 >= n * 6) => Some(d),
        (_, Some((b, _))) => Some(b),
        // A declared id column of names (`app_name`): kept when it is filled on most rows.
        (Some(d), None) if d != qcol => Some(d),
        _ => None,
    }
}

/// The dropdown column right of the question that covers the most question rows, when no
/// header names an answer column.
fn dropdown_column(grid: &Grid, first: u32, qcol: u32, exclude: &[u32]) -> Option<u32> {
    let width = grid.width().max(qcol + 1);
    let mut best: Option<(u32, usize)> = None;
    for c in (qcol + 1)..(width + 1).min(qcol + 12) {
        if exclude.contains(&c) {
            continue;
        }
        let n = ((first + 1)..grid.rows())
            .filter(|&r| !grid.cell(r, qcol).is_empty() && grid.choices_at(r, c).is_some())
            .count();
        if n > 0 && best.is_none_or(|(_, m)| n > m) {
            best = Some((c, n));
        }
    }
    best.map(|(c, _)| c)
}

/// A cell that lists the answers allowed (`Yes,No,N/A`, `Yes | No`): a flat question list's
/// "question type" column.
fn listed_choices(text: &str) -> Option<Vec<String>> {
    let parts: Vec<String> =
        text.split([',', '|', ';']).map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect();
    let answers = parts.iter().filter(|p| detect::answer_word(p).is_some()).count();
    (parts.len() >= 2 && answers >= 2 && answers * 3 >= parts.len() * 2).then_some(parts)
}

/// The column listing each question's allowed answers, when the sheet has one.
fn choices_column(grid: &Grid, first: u32, qcol: u32, exclude: &[u32]) -> Option<u32> {
    let mut best: Option<(u32, usize)> = None;
    for c in 0..grid.width() {
        if c == qcol || exclude.contains(&c) {
            continue;
        }
        let (mut filled, mut lists) = (0, 0);
        for row in (first + 1)..grid.rows() {
            let t = grid.cell(row, c);
            if !t.is_empty() && !grid.cell(row, qcol).is_empty() {
                filled += 1;
                lists += usize::from(listed_choices(t).is_some());
            }
        }
        if lists > 0 && lists * 2 >= filled && best.is_none_or(|(_, n)| lists > n) {
            best = Some((c, lists));
        }
    }
    best.map(|(c, _)| c)
}

/// Whether an answer cell's text is a placeholder, not an answer (`Select…`, `-- choose --`).
pub(crate) fn is_placeholder(text: &str, choices: Option<&[String]>) -> bool {
    let t = text.trim().trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
    let listed = choices.is_some_and(|c| c.iter().any(|v| v.trim().eq_ignore_ascii_case(text.trim())));
    let prompt = ["select", "choose", "pick", "please select", "please choose"].iter().any(|p| t.starts_with(p));
    !listed && (t.is_empty() || (prompt && words(text) <= 4))
}

/// The layout of one section: the header's columns with the sheet's question and id columns.
#[derive(Debug, Clone)]
struct Section {
    columns: Columns,
}

/// Reads a sheet: finds its layout and takes every question row.
pub fn read_sheet(grid: &Grid, over: Option<&SheetOverride>, multi_sheet: bool) -> SheetRead {
    let mut report = SheetReport {
        name: grid.name.clone(),
        hidden: grid.hidden,
        width: grid.width(),
        protected: grid.meta.protected,
        ..SheetReport::default()
    };
    let empty = |report: SheetReport| SheetRead {
        report,
        questions: Vec::new(),
        signals: Signals::default(),
        copied: Vec::new(),
    };
    if over.is_some_and(|o| o.skip) {
        return empty(report);
    }
    let headers = header_rows_of(grid, over);
    let Some(first) = headers.first().map(|h| h.row) else {
        report.reason = "no header row (a row naming a question or answer column)".into();
        return empty(report);
    };
    let user_columns = user_columns(grid, over, first);
    let Some(layout) = Layout::find(grid, &headers, user_columns.as_ref()) else {
        report.reason = "no column of question text below the header".into();
        return empty(report);
    };
    // The report shows the first section's columns and header texts.
    let columns = layout.sections[0].1.columns.clone();
    report.header_row = Some(first);
    report.header_rows = layout.header_rows();
    report.headers = header_texts(grid, &headers, first, &columns, user_columns.is_some());
    let mut rows = RowReader {
        grid,
        headers: &headers,
        layout: &layout,
        multi_sheet,
        report,
        signals: Signals::default(),
        questions: Vec::new(),
        copied: Vec::new(),
        section_title: None,
        current: 0,
    };
    for row in first..grid.rows() {
        rows.read_row(row);
    }
    let RowReader { mut report, questions, signals, copied, .. } = rows;
    if user_columns.is_none() {
        report.unsure = unsure_picks(grid, &headers, &layout, &questions);
    }
    report.questions = questions.len();
    report.choices = questions.iter().find_map(|q| q.choices.clone());
    report.columns = columns;
    if questions.is_empty() && report.reason.is_empty() {
        report.reason = "no question rows below the header".into();
    }
    SheetRead { report, questions, signals, copied }
}

/// The column picks worth a person's look: a question column chosen by its cells over the one
/// its header names when both read much like questions, and questions without an answer cell
/// beside others with one.
fn unsure_picks(grid: &Grid, headers: &[Header], layout: &Layout, questions: &[Question]) -> Vec<String> {
    use super::column_name;
    let mut out = Vec::new();
    let named = headers.iter().find_map(|h| h.columns.question).filter(|&c| c != layout.qcol);
    if let Some(named) = named {
        let scores = question_scores(grid, headers[0].row, headers, &[]);
        let score = |c: u32| scores.get(c as usize).copied().unwrap_or(0);
        if score(named) * 10 >= score(layout.qcol) * 3 {
            out.push(format!(
                "the questions were taken from column {} by what its cells hold; the header names column {}",
                column_name(layout.qcol),
                column_name(named)
            ));
        }
    }
    let without = questions.iter().filter(|q| q.answer_cell.is_none() && q.marks.is_empty()).count();
    if without > 0 && without < questions.len() {
        out.push(format!("{without} of {} questions have no answer cell (their section names none)", questions.len()));
    }
    out
}

/// Header rows: the user's one, or every one the sheet has. A user's columns apply to every
/// section.
fn header_rows_of(grid: &Grid, over: Option<&SheetOverride>) -> Vec<Header> {
    let mut headers = match over.and_then(|o| o.header_row) {
        Some(row) => {
            let cells = grid.cells.get(row as usize).map_or(&[][..], |r| r.as_slice());
            vec![Header { row, columns: detect::columns_of_header(cells).0, score: 1 }]
        }
        None => detect::header_rows(grid),
    };
    if let Some(columns) = over.and_then(|o| o.columns.clone()) {
        if headers.is_empty() {
            headers.push(Header { row: 0, columns: columns.clone(), score: 1 });
        }
        for h in &mut headers {
            h.columns = columns.clone();
        }
    }
    headers
}

/// The user's columns, if any; mark columns the user chose are labelled from the header, or
/// the row under it.
fn user_columns(grid: &Grid, over: Option<&SheetOverride>, first: u32) -> Option<Columns> {
    over.and_then(|o| o.columns.clone()).map(|mut c| {
        for m in c.marks.iter_mut().filter(|m| m.label.is_empty()) {
            let header = grid.cell(first, m.col);
            let below = grid.cell(first + 1, m.col);
            m.label =
                [header, below].into_iter().find(|t| detect::answer_word(t).is_some()).unwrap_or(header).to_string();
        }
        c
    })
}

/// A sheet's layout: the question and id columns, every section's columns by its header row,
/// and the column listing each question's allowed answers.
struct Layout {
    qcol: u32,
    idcol: Option<u32>,
    sections: Vec<(u32, Section)>,
    choices_col: Option<u32>,
    /// The id column holds ids (`DOCU-01`, `A.1`) on nearly every row with question text: a
    /// word there instead (`Qualifiers`) heads the rows below, it is no question's id.
    ids_are_ids: bool,
}

impl Layout {
    /// The layout under `headers` (at least one), or `None` when no column holds questions.
    fn find(grid: &Grid, headers: &[Header], user_columns: Option<&Columns>) -> Option<Layout> {
        let first = headers[0].row;
        // Columns that hold answers or comments in some section never hold the question.
        let answer_side: Vec<u32> = headers
            .iter()
            .flat_map(|h| {
                let c = &h.columns;
                c.answer.into_iter().chain(c.comment).chain(c.ownership).chain(c.marks.iter().map(|m| m.col))
            })
            .collect();
        let qcol = match user_columns {
            Some(c) => c.question,
            None => question_column(grid, first, headers, &answer_side),
        }?;
        let declared_id = headers.iter().find_map(|h| h.columns.id);
        let idcol = match user_columns {
            Some(c) => c.id,
            None => id_column(grid, first, qcol, declared_id, &answer_side),
        };
        let dropdown =
            dropdown_column(grid, first, qcol, &[Some(qcol), idcol].into_iter().flatten().collect::<Vec<_>>());
        let mut sections: Vec<(u32, Section)> = headers
            .iter()
            .map(|h| (h.row, Section { columns: section_columns(grid, h, (qcol, idcol), dropdown, user_columns) }))
            .collect();
        sections.sort_by_key(|(r, _)| *r);
        let taken: Vec<u32> = sections
            .iter()
            .flat_map(|(_, s)| {
                s.columns.answer.into_iter().chain(s.columns.comment).chain(s.columns.marks.iter().map(|m| m.col))
            })
            .chain(idcol)
            .collect();
        let choices_col = choices_column(grid, first, qcol, &taken);
        let ids_are_ids = idcol.is_some_and(|c| ids_are_ids(grid, first, qcol, c));
        Some(Layout { qcol, idcol, sections, choices_col, ids_are_ids })
    }

    fn header_rows(&self) -> Vec<u32> {
        self.sections.iter().map(|(r, _)| *r).collect()
    }
}

/// Whether column `idcol` holds ids on at least nine in ten of the rows below `first` that
/// have both an id cell and question text.
fn ids_are_ids(grid: &Grid, first: u32, qcol: u32, idcol: u32) -> bool {
    let (mut filled, mut ids) = (0usize, 0usize);
    for row in (first + 1)..grid.rows() {
        let (id, text) = (grid.cell(row, idcol), grid.cell(row, qcol));
        if !id.is_empty() && !text.is_empty() && id != text {
            filled += 1;
            ids += usize::from(detect::looks_like_id(id));
        }
    }
    filled >= 3 && ids * 10 >= filled * 9
}

/// One section's columns: its header's (or the user's) with the sheet's question and id
/// columns (`ids` = question, id). Without the user's columns, mark columns on the row under
/// the header replace a merged heading's column, and a section without an answer column takes
/// the sheet's dropdown column.
fn section_columns(
    grid: &Grid,
    h: &Header,
    ids: (u32, Option<u32>),
    dropdown: Option<u32>,
    user_columns: Option<&Columns>,
) -> Columns {
    let (qcol, idcol) = ids;
    let mut columns = user_columns.cloned().unwrap_or_else(|| h.columns.clone());
    columns.question = Some(qcol);
    columns.id = idcol;
    if columns.answer.is_some_and(|a| Some(a) == idcol || a == qcol) {
        columns.answer = None;
    }
    if user_columns.is_none() && columns.marks.is_empty() {
        // Mark columns on the row under the header (`Yes` | `No` | `N/A`), often under one
        // merged `Answers` heading: they replace that heading's column.
        let below = grid.cells.get(h.row as usize + 1).map_or(&[][..], |r| r.as_slice());
        let marks: Vec<MarkColumn> = detect::mark_columns(below).into_iter().filter(|m| m.col > qcol).collect();
        if !marks.is_empty() && columns.answer.is_none_or(|a| marks.iter().any(|m| m.col == a)) {
            columns.marks = marks;
            columns.answer = None;
        }
        if columns.answer.is_none() && columns.marks.is_empty() {
            columns.answer = dropdown;
        }
    }
    columns
}

/// The header text of each column found; empty where the header did not name it so (a section
/// title over the id column, no label over the question).
fn header_texts(grid: &Grid, headers: &[Header], first: u32, columns: &Columns, user: bool) -> Vec<(Role, String)> {
    let header_cells = grid.cells.get(first as usize);
    let declared = headers.iter().find(|h| h.row == first).map(|h| h.columns.clone()).unwrap_or_default();
    Role::ALL
        .into_iter()
        .filter_map(|role| {
            let col = columns.get(role)?;
            let named = user || declared.get(role) == Some(col);
            let text = header_cells.and_then(|r| r.get(col as usize)).filter(|_| named).cloned().unwrap_or_default();
            Some((role, text))
        })
        .collect()
}

/// What a row below the first header is.
enum RowKind {
    /// The title of the rows below it.
    Section(String),
    /// Not a question, for this reason.
    Skipped(String),
    /// A question whose answer cell is a formula reading another sheet (a report, or a mirror
    /// of another tab).
    CopiedAnswer(String),
    Question,
}

/// The rows of a sheet read in order, with the section each is in and what was found.
struct RowReader<'a> {
    grid: &'a Grid,
    headers: &'a [Header],
    layout: &'a Layout,
    multi_sheet: bool,
    report: SheetReport,
    signals: Signals,
    questions: Vec<Question>,
    copied: Vec<Question>,
    section_title: Option<String>,
    /// The section (index into the layout's sections) the rows are in.
    current: usize,
}

impl RowReader<'_> {
    fn read_row(&mut self, row: u32) {
        let (grid, layout) = (self.grid, self.layout);
        if let Some(i) = layout.sections.iter().position(|(r, _)| *r == row) {
            self.open_section(row, i);
            return;
        }
        let cols = &layout.sections[self.current].1.columns;
        let qcol = layout.qcol;
        let cells = &grid.cells[row as usize];
        let non_empty: Vec<&String> = cells.iter().filter(|c| !c.is_empty()).collect();
        if non_empty.is_empty() {
            return;
        }
        // The row under a header that only names the mark columns.
        if !cols.marks.is_empty()
            && grid.cell(row, qcol).is_empty()
            && cols.marks.iter().all(|m| detect::answer_word(grid.cell(row, m.col)).is_some())
        {
            return;
        }
        let text = grid.cell(row, qcol).to_string();
        let id = layout.idcol.map(|c| grid.cell(row, c).to_string()).unwrap_or_default();
        match self.row_kind(row, cols, &non_empty, &text, &id) {
            RowKind::Section(title) => {
                self.section_title = Some(title);
                self.report.sections += 1;
            }
            RowKind::Skipped(reason) => self.report.skipped.push(Skipped { row: row + 1, reason }),
            RowKind::CopiedAnswer(reason) => {
                self.signals.formula_answers += 1;
                self.report.skipped.push(Skipped { row: row + 1, reason });
                let mut question = self.question_at(row, cols, text, id);
                question.existing = existing_answer(grid, row, cols, question.choices.as_deref(), true);
                self.copied.push(question);
            }
            RowKind::Question => self.push_question(row, cols, text, id),
        }
    }

    /// A header row opens a section; its leftmost text that is not a column label is the
    /// section's name (`Documentation | | Answer | Additional Information`).
    fn open_section(&mut self, row: u32, i: usize) {
        self.current = i;
        let qcol = self.layout.qcol;
        let declared = self.headers.iter().find(|h| h.row == row).map(|h| h.columns.clone()).unwrap_or_default();
        let roles: Vec<u32> = [declared.id, declared.question, declared.answer, declared.comment, declared.domain]
            .into_iter()
            .flatten()
            .chain(declared.ownership)
            .chain(declared.refs.iter().copied())
            .chain(declared.marks.iter().map(|m| m.col))
            .collect();
        self.section_title = self.grid.cells[row as usize]
            .iter()
            .enumerate()
            .find(|(_, t)| !t.is_empty())
            .filter(|(c, _)| {
                let c = *c as u32;
                !roles.contains(&c) || (declared.question == Some(c) && qcol != c)
            })
            .map(|(_, t)| t.trim().to_string())
            .filter(|t| !t.is_empty());
        if self.section_title.is_some() {
            self.report.sections += 1;
        }
    }

    /// Whether a row (not empty, not a header) is a question, a section title, or neither.
    fn row_kind(&self, row: u32, cols: &Columns, non_empty: &[&String], text: &str, id: &str) -> RowKind {
        let grid = self.grid;
        if detect::is_error_value(text) || detect::is_error_value(id) {
            return RowKind::Skipped("a formula error value, not a question".into());
        }
        let all_same = non_empty.iter().all(|c| *c == non_empty[0]);
        if (non_empty.len() <= 2 || all_same) && detect::is_footer(non_empty[0]) && detect::question_likeness(text) < 2
        {
            return RowKind::Skipped(format!("footer (\u{201c}{}\u{201d})", non_empty[0]));
        }
        if let Some(kind) = self.title_or_paragraph(row, cols, non_empty, text, id) {
            return kind;
        }
        if let Some(reason) = self.not_a_question(row, cols, text, id) {
            return RowKind::Skipped(reason);
        }
        // An answer cell that is a formula reading another sheet fills itself from elsewhere (a
        // report, or a mirror of the question on another tab). One computed on the sheet itself
        // holds the vendor's own answer: the question is read, with its value as an earlier answer.
        if cols.answer.is_some_and(|c| grid.is_formula(row, c) && grid.meta.reads_other_sheet(row, c)) {
            let who = if id.is_empty() { String::new() } else { format!("{id}: ") };
            return RowKind::CopiedAnswer(format!(
                "{who}the answer cell is a formula (it fills itself from another cell)"
            ));
        }
        RowKind::Question
    }

    /// A section row: one title across the row (often merged), or a title where the id or
    /// question goes with nothing else, not shaped like a question. A paragraph across the id
    /// and question columns (merged) is an instruction, never a question nor an id; a word in
    /// the id column of a sheet whose ids are ids heads the rows below (`Qualifiers`).
    fn title_or_paragraph(
        &self,
        row: u32,
        cols: &Columns,
        non_empty: &[&String],
        text: &str,
        id: &str,
    ) -> Option<RowKind> {
        let (grid, idcol) = (self.grid, self.layout.idcol);
        let all_same = non_empty.iter().all(|c| *c == non_empty[0]);
        let answer_filled = cols.answer.is_some_and(|c| !grid.cell(row, c).is_empty());
        let across = !id.is_empty() && id == text && !detect::looks_like_id(id);
        let title_only = if all_same && (id.is_empty() || !detect::looks_like_id(id) || id == text) {
            Some(non_empty[0].clone())
        } else if text.is_empty() && !id.is_empty() && !detect::looks_like_id(id) && non_empty.len() == 1 {
            Some(id.to_string())
        } else {
            None
        };
        let question_shaped = |title: &str| {
            title.trim_end_matches(['*', ' ']).ends_with('?')
                || (idcol.is_none() && words(title) >= 6 && detect::question_likeness(title) >= 2)
        };
        let dropdown_here = cols.answer.is_some_and(|c| grid.choices_at(row, c).is_some());
        if let Some(title) = title_only {
            let dropdown_here = dropdown_here && text == title;
            if !question_shaped(&title) && !answer_filled && !dropdown_here && title.chars().count() <= 150 {
                return Some(RowKind::Section(title));
            }
        }
        // Dropdowns often cover a whole column, headings included: only an answer or the shape
        // of a question makes these rows questions. A cell merged over the answer column holds
        // the paragraph itself, not an answer.
        let own_answer = cols.answer.is_some_and(|c| ![text, ""].contains(&grid.cell(row, c)));
        if across && !(question_shaped(text) && own_answer) {
            return Some(RowKind::Skipped("a paragraph across the row (instructions), not a question".into()));
        }
        let label = !id.is_empty() && !detect::looks_like_id(id) && id != text;
        if label && self.layout.ids_are_ids && !answer_filled && !question_shaped(text) && id.chars().count() <= 60 {
            return Some(RowKind::Section(id.trim().to_string()));
        }
        None
    }

    /// Why a row with text where the question goes is still not a question, if it is not.
    fn not_a_question(&self, row: u32, cols: &Columns, text: &str, id: &str) -> Option<String> {
        let (grid, idcol) = (self.grid, self.layout.idcol);
        if text.is_empty() {
            return Some(if id.is_empty() {
                "no question text".to_string()
            } else {
                format!("{id} has no question text")
            });
        }
        if idcol.is_some() && id.is_empty() && !text.trim_end_matches(['*', ' ']).ends_with('?') && words(text) < 4 {
            return Some(format!("\u{201c}{text}\u{201d} has no id and is not a question"));
        }
        let no_dropdown = cols.answer.is_none_or(|c| grid.choices_at(row, c).is_none());
        // Neither an id nor the shape of a question: a note between the rows.
        if idcol.is_some() && id.is_empty() && detect::question_likeness(text) < 2 && no_dropdown {
            return Some("a note without an id, not a question".into());
        }
        // Without an id of its own, unanswered text about the form is an instruction (whatever
        // dropdown covers the column).
        let unanswered = cols.answer.is_none_or(|c| grid.cell(row, c).is_empty());
        if (id.is_empty() || !detect::looks_like_id(id)) && unanswered && detect::is_instruction(text) {
            return Some("an instruction about the form, not a question".into());
        }
        None
    }

    /// A question row as a question: its id (the row's place when it has none), cells, choices,
    /// marks, refs and what it already holds. Text over the cell limit is cut, and said.
    fn question_at(&mut self, row: u32, cols: &Columns, mut text: String, id: String) -> Question {
        let grid = self.grid;
        if text.chars().count() > crate::limits::MAX_CELL_CHARS {
            text = text.chars().take(crate::limits::MAX_CELL_CHARS).collect();
            self.report.skipped.push(Skipped {
                row: row + 1,
                reason: format!("question text cut to its first {} characters", crate::limits::MAX_CELL_CHARS),
            });
        }
        let id = match (id.is_empty(), self.multi_sheet) {
            (false, _) => id,
            (true, true) => format!("{}!{}", grid.name, row + 1),
            (true, false) => format!("R{}", row + 1),
        };
        let choices = cols
            .answer
            .and_then(|c| grid.choices_at(row, c))
            .map(|v| v.to_vec())
            .or_else(|| self.layout.choices_col.and_then(|c| listed_choices(grid.cell(row, c))));
        let existing = existing_answer(grid, row, cols, choices.as_deref(), false);
        Question {
            id,
            text,
            sheet: grid.name.clone(),
            row,
            section: self.section_title.clone(),
            domain: cols.domain.map(|c| grid.cell(row, c).to_string()).filter(|d| !d.is_empty()),
            answer_cell: cols.answer.map(|col| Cell { row, col }),
            comment_cell: cols.comment.map(|col| Cell { row, col }),
            choices,
            refs: cols.refs.iter().map(|&c| grid.cell(row, c).to_string()).filter(|t| !t.is_empty()).collect(),
            marks: if cols.answer.is_none() { cols.marks.clone() } else { Vec::new() },
            existing,
            also: Vec::new(),
        }
    }

    /// Takes a question row, with what it tells of the sheet.
    fn push_question(&mut self, row: u32, cols: &Columns, text: String, id: String) {
        let grid = self.grid;
        let question = self.question_at(row, cols, text, id);
        let signals = &mut self.signals;
        if question.answer_cell.is_some() || !question.marks.is_empty() {
            signals.answerable += 1;
        }
        if question.choices.is_some() {
            signals.dropdowns += 1;
        }
        if question.answer_cell.is_some_and(|c| grid.meta.is_locked(c.row, c.col)) {
            signals.locked_answers += 1;
        }
        if question.existing.is_some() {
            self.report.existing += 1;
        }
        if let Some(a) = question.existing.as_ref().and_then(|e| e.answer.as_ref()) {
            signals.filled_answers += 1;
            signals.answer_words += words(a);
            let formula = question.answer_cell.is_some_and(|c| grid.is_formula(c.row, c.col))
                || question.marks.iter().any(|m| grid.is_formula(row, m.col));
            if formula {
                self.report.formula_answers += 1;
            }
        }
        self.questions.push(question);
    }
}

/// What the answer and comment cells already hold, placeholders aside. An answer (or mark) cell
/// computed on the sheet itself counts by its value; one copied from another sheet only when
/// `copies` (a linked earlier answer); a comment cell that is a formula never (guidance the
/// sheet writes for itself).
fn existing_answer(
    grid: &Grid,
    row: u32,
    cols: &Columns,
    choices: Option<&[String]>,
    copies: bool,
) -> Option<Existing> {
    let value = |c: u32| {
        let t = grid.cell(row, c);
        (!t.is_empty() && (copies || !grid.meta.reads_other_sheet(row, c))).then(|| t.to_string())
    };
    let answer = match cols.answer {
        Some(c) => value(c).filter(|t| !is_placeholder(t, choices)),
        None => cols.marks.iter().find(|m| value(m.col).is_some()).map(|m| m.label.clone()),
    };
    let typed = |c: u32| {
        let t = grid.cell(row, c);
        (!t.is_empty() && !grid.is_formula(row, c)).then(|| t.to_string())
    };
    let comment = cols.comment.and_then(typed);
    (answer.is_some() || comment.is_some()).then_some(Existing { answer, comment })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grid(rows: &[&[&str]]) -> Grid {
        Grid::plain("Sheet", rows.iter().map(|r| r.iter().map(|c| c.to_string()).collect()).collect())
    }

    #[test]
    fn a_close_call_between_columns_is_said_and_a_plain_pick_is_not() {
        let close = grid(&[
            &["#", "Question", "Detail", "Answer"],
            &["1", "Backup testing for production data", "Are backups restored as a test every month?", ""],
            &["2", "Quarterly access reviews by owners", "Are user access rights reviewed every quarter?", ""],
            &["3", "Encryption of customer data", "Is customer data encrypted at rest?", ""],
        ]);
        let read = read_sheet(&close, None, false);
        assert_eq!(read.report.columns.question, Some(2));
        assert_eq!(
            read.report.unsure,
            ["the questions were taken from column C by what its cells hold; the header names column B"]
        );
        let plain = grid(&[
            &["#", "Question", "Answer"],
            &["1", "Are backups restored as a test every month?", "Yes"],
            &["2", "Is customer data encrypted at rest?", ""],
        ]);
        assert!(read_sheet(&plain, None, false).report.unsure.is_empty());
    }
}
