//! Statements of Applicability and control registers kept as spreadsheets (`.xlsx`, `.ods`,
//! `.xls`, `.csv`): read with the questionnaire import's reader ([`crate::questionnaire::grid`]),
//! columns found by header text in any order under the names SoAs use, in every visible sheet,
//! the header anywhere in the first rows. Where the 2013 and 2022 numbers stand side by side the
//! 2022 column is the ref and the 2013 one an alias; each ref column is read in its own numbering
//! (its header's edition, else its refs'). An applicable control with no implementation status
//! states none, unless the file states a certification (then in place, and the report says so).
//!
//! A workbook is kept in the posture as its sheets' text (JSON, see [`read_file`]): the posture
//! is text everywhere else (saved in the browser, carried in answer packs), and a posture needs
//! only the cells' values.

use serde::{Deserialize, Serialize};

use super::refs::{self, RefStyle};
use super::*;
use crate::questionnaire::grid::{self, FileKind};

/// How many rows from the top the header is looked for in.
const HEADER_SEARCH_ROWS: usize = 25;

/// A sheet as kept in the posture.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Sheet {
    name: String,
    #[serde(default)]
    hidden: bool,
    cells: Vec<Vec<String>>,
}

/// A workbook as kept in the posture.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Workbook {
    #[serde(rename = "trustdraft-sheets")]
    version: u32,
    sheets: Vec<Sheet>,
}

const WORKBOOK_VERSION: u32 = 1;

fn is_workbook_name(file: &str) -> bool {
    let lower = file.to_lowercase();
    [".xlsx", ".xlsm", ".xls", ".ods", ".xlsb"].iter().any(|e| lower.ends_with(e))
}

fn is_csv_name(file: &str) -> bool {
    let lower = file.to_lowercase();
    lower.ends_with(".csv") || lower.ends_with(".tsv")
}

/// A posture file's bytes as the text the posture keeps: a page's text (see [`decode_page`]),
/// a CSV's text, or a workbook's sheets (hidden ones marked) as JSON. Errors name the file.
pub fn read_file(file: &str, bytes: &[u8]) -> Result<String, String> {
    let workbook = crate::magic::is_workbook(bytes);
    if !workbook && !is_csv_name(file) {
        return decode_page(file, bytes);
    }
    if bytes.len() > crate::limits::MAX_FILE_BYTES {
        return Err(format!(
            "{file}: the file is {:.1} MB, over the limit of {} MB",
            bytes.len() as f64 / 1e6,
            crate::limits::MAX_FILE_BYTES / (1024 * 1024)
        ));
    }
    let grids = match grid::sniff(file, bytes).map_err(|e| e.to_string())? {
        FileKind::Csv => {
            let text = grid::decode_text(bytes);
            if text.contains('\0') {
                return Err(format!("{file}: the file holds binary data, not a spreadsheet"));
            }
            return Ok(text);
        }
        FileKind::Xlsx => grid::read_xlsx(file, bytes),
        FileKind::OtherWorkbook => grid::read_other_workbook(file, bytes),
    }
    .map_err(|e| e.to_string())?;
    let book = Workbook {
        version: WORKBOOK_VERSION,
        sheets: grids.into_iter().map(|g| Sheet { name: g.name, hidden: g.hidden, cells: g.cells }).collect(),
    };
    serde_json::to_string(&book).map_err(|e| format!("{file}: the workbook could not be kept ({e})"))
}

/// Parses a spreadsheet file (its text as [`read_file`] made it); `None` for any other file.
pub(super) fn parse_sheet_file(file: &str, text: &str, catalog: &Catalog) -> Option<ParsedPage> {
    let sheets = if is_workbook_name(file) && text.trim_start().starts_with('{') {
        let book: Workbook = serde_json::from_str(text).ok()?;
        book.sheets
    } else if is_csv_name(file) {
        match grid::read_csv(file, text.as_bytes()) {
            Ok(grids) => grids.into_iter().map(|g| Sheet { name: g.name, hidden: g.hidden, cells: g.cells }).collect(),
            Err(e) => {
                let mut parsed = empty(file);
                parsed.diagnostics.push(Diagnostic { file: file.to_string(), line: 0, message: e.to_string() });
                return Some(parsed);
            }
        }
    } else {
        return None;
    };
    Some(parse_sheets(file, &sheets, catalog, is_csv_name(file)))
}

fn empty(file: &str) -> ParsedPage {
    ParsedPage {
        page: Page {
            file: file.to_string(),
            title: file.to_string(),
            status_line: None,
            summary: None,
            standard: None,
            sections: Vec::new(),
        },
        rows: Vec::new(),
        passages: Vec::new(),
        diagnostics: Vec::new(),
        report: FileReport::new(file, Form::Spreadsheet),
    }
}

/// What a column of an SoA holds, from its header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Ref,
    /// `Control` alone: the ref or the name, the cells decide.
    RefOrTitle,
    Title,
    Applicable,
    Status,
    Justification,
    Implementation,
    Evidence,
    Owner,
    /// A column read by no rule (risk, dates, …), named in the report.
    Unused,
}

impl Role {
    fn label(self) -> &'static str {
        match self {
            Role::Ref | Role::RefOrTitle => "ref",
            Role::Title => "control name",
            Role::Applicable => "applicable",
            Role::Status => "status",
            Role::Justification => "justification (not evidence)",
            Role::Implementation => "implementation",
            Role::Evidence => "evidence",
            Role::Owner => "owner",
            Role::Unused => "not used",
        }
    }
}

/// The role a header names, under the names SoAs use.
fn role_of(header: &str) -> Option<Role> {
    let h: String = header
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() || c == '#' { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if h.is_empty() || h.len() > 60 {
        return None;
    }
    let has = |w: &str| h.split(' ').any(|x| x == w);
    Some(if h.contains("justification") || h.contains("reason") || h.contains("rationale") {
        Role::Justification
    } else if h.contains("owner") || h.contains("responsib") || h.contains("accountab") {
        Role::Owner
    } else if h.contains("status") || h.starts_with("implemented") || h == "state" || h.contains("compliance") {
        Role::Status
    } else if h.contains("applicab") || h.starts_with("included") || h == "in scope" || h.starts_with("selected") {
        Role::Applicable
    } else if h.contains("evidence") || h.contains("document") || h.contains("artefact") || h.contains("artifact") {
        Role::Evidence
    } else if h.contains("implementation")
        || h.starts_with("how")
        || h.contains("note")
        || h.contains("comment")
        || h.contains("remark")
        || h.contains("detail")
    {
        Role::Implementation
    } else if h == "control" || h == "annex a control" || h == "iso control" {
        Role::RefOrTitle
    } else if names_a_numbering(&h)
        || has("id")
        || has("ref")
        || has("reference")
        || has("#")
        || has("no")
        || h == "number"
        || h == "clause"
    {
        Role::Ref
    } else if h.contains("name")
        || h.contains("title")
        || h.contains("area")
        || h.contains("objective")
        || h.contains("requirement")
        || h.contains("description")
        || h == "domain"
    {
        Role::Title
    } else if h.contains("risk") || h.contains("date") || h.contains("review") || h.contains("version") {
        Role::Unused
    } else {
        return None;
    })
}

/// A header naming the standard's numbering (`ISO 27001:2013`, `Annex A (2022)`, `2013 control
/// no`), not a column of names or text.
fn names_a_numbering(h: &str) -> bool {
    let year = h.split(' ').any(|w| w == "2013" || w == "2022");
    let text = ["name", "title", "text", "description", "objective", "requirement"].iter().any(|w| h.contains(w));
    !text && (h.contains("27001") || h.contains("annex") || (year && (h.contains("control") || h.contains("iso"))))
}

/// The edition a header names: `Some(true)` for 2013, `Some(false)` for 2022.
fn edition_named(header: &str) -> Option<bool> {
    if header.contains("2013") {
        Some(true)
    } else if header.contains("2022") {
        Some(false)
    } else {
        None
    }
}

/// The header row of a sheet and each column's role.
struct Header {
    row: usize,
    roles: Vec<Option<Role>>,
    reference: usize,
    /// The ref column numbers by ISO 27001:2013 (its header says so, or its refs do).
    ref_2013: bool,
    /// A second ref column numbering the same controls by 2013, beside the 2022 one.
    alias: Option<usize>,
}

fn cell(cells: &[Vec<String>], row: usize, col: usize) -> &str {
    cells.get(row).and_then(|r| r.get(col)).map_or("", |c| c.trim())
}

/// Finds the header: the row (of the first [`HEADER_SEARCH_ROWS`]) naming the most roles, with
/// a ref-like column and a name, status or applicability column; the ref column is the one
/// whose cells below read most often as control refs.
fn find_header(cells: &[Vec<String>], declared_2013: bool) -> Option<Header> {
    let mut best: Option<(usize, usize, Vec<Option<Role>>)> = None;
    for (r, row) in cells.iter().enumerate().take(HEADER_SEARCH_ROWS) {
        let roles: Vec<Option<Role>> = row.iter().map(|c| role_of(c)).collect();
        let has = |want: &[Role]| roles.iter().any(|r| r.is_some_and(|r| want.contains(&r)));
        if !has(&[Role::Ref, Role::RefOrTitle])
            || !has(&[Role::Title, Role::Status, Role::Applicable, Role::RefOrTitle])
        {
            continue;
        }
        let distinct = {
            let mut seen: Vec<Role> = roles.iter().flatten().copied().collect();
            seen.dedup();
            seen.len()
        };
        if distinct >= 2 && best.as_ref().is_none_or(|b| distinct > b.1) {
            best = Some((r, distinct, roles));
        }
    }
    let (row, _, roles) = best?;
    let below = |col: usize| (row + 1..cells.len()).map(move |r| cell(cells, r, col)).filter(|c| !c.is_empty());
    // Each column's numbering: its header's edition, else what its refs say, else the file's.
    let numbering = |col: usize| match edition_named(cell(cells, row, col)) {
        Some(edition) => edition,
        None => {
            let annex: Vec<&str> = below(col).flat_map(refs::annex_refs_in).collect();
            refs::numbered_by_2013(annex.iter().copied())
                || (declared_2013 && !annex.iter().any(|r| refs::edition_evidence(r) == Some(false)))
        }
    };
    let refs_in = |col: usize| {
        let old = numbering(col);
        below(col).filter(|c| refs::read_ref(c, None, old).style != RefStyle::Named).count()
    };
    let candidates: Vec<usize> =
        (0..roles.len()).filter(|&c| matches!(roles[c], Some(Role::Ref) | Some(Role::RefOrTitle))).collect();
    // The ref is the column of refs, the 2022 one where both numberings stand side by side.
    let reference = candidates
        .iter()
        .copied()
        .max_by_key(|&c| (refs_in(c) > 0, !numbering(c), refs_in(c), std::cmp::Reverse(c)))
        .filter(|&c| refs_in(c) > 0)
        .or_else(|| candidates.iter().copied().find(|&c| roles[c] == Some(Role::Ref)))
        .or_else(|| candidates.first().copied())?;
    let ref_2013 = numbering(reference);
    let alias = candidates.iter().copied().find(|&c| c != reference && !ref_2013 && numbering(c) && refs_in(c) > 0);
    Some(Header { row, roles, reference, ref_2013, alias })
}

/// A certification the file states (`Certified to ISO/IEC 27001:2022, certificate …`), not one
/// it is working towards: the cell that says so.
fn certification_stated(sheets: &[Sheet]) -> Option<String> {
    const NOT_YET: &[&str] = &[
        "not ",
        "no ",
        "working toward",
        "pursu",
        "plan",
        "intend",
        "aim ",
        "will ",
        "seeking",
        "in progress",
        "preparing",
        "roadmap",
        "expect",
        "un-certified",
        "uncertified",
        "lapsed",
        "withdrawn",
        "expired",
    ];
    sheets.iter().filter(|s| !s.hidden).flat_map(|s| s.cells.iter().flatten()).find_map(|c| {
        let lower = c.to_lowercase();
        let states = lower.contains("certif") && lower.contains("27001") && c.chars().count() <= 300;
        (states && !NOT_YET.iter().any(|w| lower.contains(w))).then(|| c.trim().to_string())
    })
}

fn parse_sheets(file: &str, sheets: &[Sheet], catalog: &Catalog, csv: bool) -> ParsedPage {
    let mut parsed = empty(file);
    let all_text: String = sheets
        .iter()
        .flat_map(|s| s.cells.iter().take(HEADER_SEARCH_ROWS))
        .flatten()
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    let declared_2013 = refs::declares_2013(&all_text);
    let certified = certification_stated(sheets);
    let mut title: Option<String> = None;
    for sheet in sheets {
        let at = if csv { String::new() } else { format!("sheet {}: ", sheet.name) };
        if sheet.hidden {
            parsed.report.skipped.push(format!("sheet {}: hidden; not read", sheet.name));
            continue;
        }
        let Some(header) = find_header(&sheet.cells, declared_2013) else {
            if sheet.cells.iter().any(|r| r.iter().any(|c| !c.trim().is_empty())) {
                parsed.report.skipped.push(format!(
                    "{}no header row with a control column (Control, Control ID, Ref, Annex A control) in its first {HEADER_SEARCH_ROWS} rows",
                    if csv { String::new() } else { format!("sheet {}: ", sheet.name) }
                ));
            }
            continue;
        };
        // A title above the header: the first row holding a single text.
        if title.is_none() {
            title = (0..header.row).find_map(|r| {
                let filled: Vec<&String> = sheet.cells[r].iter().filter(|c| !c.trim().is_empty()).collect();
                (filled.len() == 1 && filled[0].chars().count() <= 120).then(|| filled[0].trim().to_string())
            });
        }
        let cx = SheetContext { file, at: &at, certified: certified.as_deref(), catalog };
        read_sheet(&cx, sheet, &header, &mut parsed);
    }
    let title = title.unwrap_or_else(|| file.to_string());
    parsed.page.title = title.clone();
    for row in &mut parsed.rows {
        row.page = title.clone();
    }
    parsed.page.standard = Standard::named_in(&title).or_else(|| {
        parsed
            .rows
            .iter()
            .any(|r| r.controls.iter().any(|c| c.standard == Standard::Iso27001))
            .then_some(Standard::Iso27001)
    });
    parsed
}

/// The columns of an SoA sheet, by role, under its header.
struct SheetColumns {
    reference: usize,
    title: Option<usize>,
    status: Option<usize>,
    applicable: Option<usize>,
    implementation: Vec<usize>,
    evidence: Vec<usize>,
    justification: Vec<usize>,
    owner: Option<usize>,
}

impl SheetColumns {
    fn of(header: &Header) -> SheetColumns {
        let columns = |want: Role| -> Vec<usize> {
            (0..header.roles.len()).filter(|&c| c != header.reference && header.roles[c] == Some(want)).collect()
        };
        let mut titles = columns(Role::Title);
        titles.extend(columns(Role::RefOrTitle));
        SheetColumns {
            reference: header.reference,
            title: titles.first().copied(),
            status: columns(Role::Status).first().copied(),
            applicable: columns(Role::Applicable).first().copied(),
            implementation: columns(Role::Implementation),
            evidence: columns(Role::Evidence),
            justification: columns(Role::Justification),
            owner: columns(Role::Owner).first().copied(),
        }
    }

    /// Whether a rule reads column `c`.
    fn uses(&self, c: usize) -> bool {
        c == self.reference
            || Some(c) == self.title
            || Some(c) == self.status
            || Some(c) == self.applicable
            || self.implementation.contains(&c)
            || self.evidence.contains(&c)
            || self.justification.contains(&c)
            || Some(c) == self.owner
    }
}

/// The file a sheet is in, how its messages say where, and what the whole file states.
struct SheetContext<'a> {
    file: &'a str,
    /// `sheet NAME: ` in a workbook, empty for a CSV.
    at: &'a str,
    /// A certification the file states (see [`certification_stated`]).
    certified: Option<&'a str>,
    catalog: &'a Catalog,
}

fn read_sheet(cx: &SheetContext, sheet: &Sheet, header: &Header, parsed: &mut ParsedPage) {
    let (file, at, catalog) = (cx.file, cx.at, cx.catalog);
    let cells = &sheet.cells;
    let cols = SheetColumns::of(header);
    report_columns(sheet, header, &cols, at, &mut parsed.report);
    let header_cells: Vec<&str> = (0..header.roles.len()).map(|c| cell(cells, header.row, c)).collect();
    let mut section = sheet.name.clone();
    let mut rows_here = 0;
    for r in header.row + 1..cells.len() {
        let line = r + 1;
        let filled: Vec<usize> = (0..cells[r].len()).filter(|&c| !cell(cells, r, c).is_empty()).collect();
        if filled.is_empty() {
            continue;
        }
        let repeated = (0..header_cells.len()).all(|c| cell(cells, r, c) == header_cells[c]);
        if repeated {
            continue;
        }
        let (reference_cell, read, alias) = row_ref(cells, r, header);
        let status_text = cols.status.map_or("", |c| cell(cells, r, c));
        let applicable_text = cols.applicable.map_or("", |c| cell(cells, r, c));
        // A row naming only a theme or a section is the heading of the rows below it.
        let theme = matches!(&read.expansion, RefExpansion::Controls(ids)
            if ids.iter().all(|c| catalog.get(c).is_some_and(|e| e.kind == crate::catalog::EntryKind::Theme)));
        let names_no_control = !matches!(&read.expansion, RefExpansion::Controls(_))
            && read.style != RefStyle::Nist80053
            && read.style != RefStyle::Soc2;
        let heading = status_text.is_empty()
            && applicable_text.is_empty()
            && (filled.len() == 1 && names_no_control || filled.len() <= 2 && theme);
        if reference_cell.is_empty() || theme || heading {
            let report = &mut parsed.report;
            if heading || (status_text.is_empty() && applicable_text.is_empty() && filled.len() <= 2) {
                section = filled.iter().map(|&c| cell(cells, r, c)).collect::<Vec<_>>().join(" ");
            } else if reference_cell.is_empty() {
                report.skipped.push(format!("{at}row {line}: no control ref; skipped"));
            } else {
                report.skipped.push(format!("{at}row {line}: {reference_cell} is a theme, not a control; skipped"));
            }
            continue;
        }
        let mut row = ControlRow::new(file, &section, &read.text, line);
        row.requirement = cols.title.map_or(String::new(), |c| cell(cells, r, c).to_string());
        row.status = row_status(cx, &cols, (status_text, applicable_text), &read, line, parsed);
        fill_row_text(&mut row, cells, r, header.row, &cols);
        row.mapped_refs.extend(alias.map(|a| format!("ISO/IEC 27001:2013 {}", a.text)));
        apply_ref(&mut row, &read, catalog, file, at, &mut parsed.diagnostics);
        parsed.report.tally_ref(&read);
        parsed.rows.push(row);
        rows_here += 1;
    }
    parsed.page.sections.push(Section { heading: sheet.name.clone(), rows: rows_here, passages: 0 });
}

/// A row's ref cell and how it reads: the ref column's, with the 2013 alias beside it when there
/// is one; the alias alone when the ref column is empty (translated to 2022).
fn row_ref<'c>(cells: &'c [Vec<String>], r: usize, header: &Header) -> (&'c str, refs::ReadRef, Option<refs::ReadRef>) {
    let main = cell(cells, r, header.reference);
    let alias_cell = header.alias.map_or("", |c| cell(cells, r, c));
    let alias = (!alias_cell.is_empty())
        .then(|| refs::read_ref(alias_cell, None, true))
        .filter(|a| matches!(a.expansion, RefExpansion::Controls(_)));
    match alias {
        Some(alias) if main.is_empty() => (alias_cell, alias, None),
        alias => (main, refs::read_ref(main, None, header.ref_2013), alias),
    }
}

/// Names every column in the report: the role it was read as, or that no rule reads it; and
/// says so when the sheet has no status column.
fn report_columns(sheet: &Sheet, header: &Header, cols: &SheetColumns, at: &str, report: &mut FileReport) {
    let cells = &sheet.cells;
    let sheet_name = if at.is_empty() { String::new() } else { sheet.name.clone() };
    for (c, role) in header.roles.iter().enumerate() {
        let head = cell(cells, header.row, c);
        if head.is_empty() {
            continue;
        }
        let label = match role {
            _ if c == header.reference => "ref",
            _ if Some(c) == header.alias => "ISO 27001:2013 number (an alias of the ref)",
            Some(Role::RefOrTitle) if Some(c) == cols.title => "control text (the requirement, not a ref)",
            Some(r) if cols.uses(c) => r.label(),
            _ => {
                report.skipped.push(format!("{at}column {head}: not used (no rule reads it)"));
                continue;
            }
        };
        report.columns.push((sheet_name.clone(), head.to_string(), label.to_string()));
    }
    if cols.status.is_none() {
        report.skipped.push(format!(
            "{at}no status column{}: its rows state no status",
            if cols.applicable.is_some() { " (only applicability)" } else { "" }
        ));
    }
}

/// A row's status from its (status, applicable) cells: not applicable when the applicability
/// cell says so, else the status cell's word, else no status stated. Tallied in the report; a
/// word not read becomes a diagnostic.
fn row_status(
    cx: &SheetContext,
    cols: &SheetColumns,
    (status_text, applicable_text): (&str, &str),
    read: &refs::ReadRef,
    line: usize,
    parsed: &mut ParsedPage,
) -> Status {
    let report = &mut parsed.report;
    if Status::applicable(applicable_text) == Some(false) {
        let word = format!("Applicable: {applicable_text}");
        super::status::tally(&mut report.statuses, &word, &Status::NotApplicable, &read.text);
        return Status::NotApplicable;
    }
    if cols.status.is_some() && !status_text.is_empty() {
        let status = Status::parse(status_text);
        if let Status::Other(s) = &status {
            parsed.diagnostics.push(Diagnostic {
                file: cx.file.to_string(),
                line,
                message: format!(
                    "{}row {}: status `{s}` is not one of the words read (Met, Implemented, Partial, In progress, Planned, Not implemented, N/A, Excluded, …)",
                    cx.at, read.text
                ),
            });
        }
        super::status::tally(&mut report.statuses, status_text, &status, &read.text);
        return status;
    }
    // Applicable, and no implementation status: the file states none, unless it states a
    // certification, which covers the controls its SoA applies.
    if Status::applicable(applicable_text) == Some(true) {
        if let Some(certified) = cx.certified {
            let note = format!(
                "applicable controls with no implementation status are read as in place: the file states a certification (\u{201c}{certified}\u{201d})"
            );
            if !report.notes.contains(&note) {
                report.notes.push(note);
            }
            let word = format!("Applicable: {applicable_text}, no status, certified");
            super::status::tally(&mut report.statuses, &word, &Status::Met, &read.text);
            return Status::Met;
        }
    }
    let word = if cols.status.is_some() { "(empty)" } else { "(no status column)" };
    super::status::tally(&mut report.statuses, word, &Status::Unstated, &read.text);
    Status::Unstated
}

/// A row's text (implementation cells, then evidence cells under their header), justification,
/// owner and evidence pointers. An excluded control's reason is what an N/A answer says.
fn fill_row_text(row: &mut ControlRow, cells: &[Vec<String>], r: usize, header_row: usize, cols: &SheetColumns) {
    let join = |cols: &[usize]| -> Vec<String> {
        cols.iter().map(|&c| cell(cells, r, c)).filter(|t| !t.is_empty()).map(str::to_string).collect()
    };
    // Evidence cells keep their header (`Evidence Expected: …`): the sheet's own words for what
    // they are.
    let mut text = join(&cols.implementation);
    for &c in &cols.evidence {
        let value = cell(cells, r, c);
        if !value.is_empty() {
            text.push(format!("{}: {value}", cell(cells, header_row, c)));
        }
    }
    row.text = text.iter().map(|t| sentence_end(t)).collect::<Vec<_>>().join(" ");
    row.justification = join(&cols.justification).join(" ");
    // Why a control is excluded is what an N/A answer says; it claims nothing is in place.
    if row.status == Status::NotApplicable && row.text.is_empty() && !row.justification.is_empty() {
        row.text = sentence_end(&row.justification);
    }
    row.owner = cols.owner.map_or(String::new(), |c| cell(cells, r, c).to_string());
    row.evidence = evidence::extract(&format!("{} \n {}", row.requirement, row.text));
}

/// `Quarterly access reviews` → `Quarterly access reviews.`: cells joined into one text read as
/// sentences.
fn sentence_end(text: &str) -> String {
    let t = text.trim();
    if t.ends_with(['.', '!', '?']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}
