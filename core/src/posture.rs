//! Posture pages: the company's published compliance pages, parsed into control rows and prose
//! passages.
//!
//! A page is line-structured text: a title line, a `Status:` line, prose paragraphs and `- `
//! lists under short heading lines, and pipe tables whose columns are found by their header text
//! (`Ref`, `Requirement`, `Status`, `How we meet it / gap`, in any order). Markdown `#` headings
//! are understood too. Parsing never fails: what cannot be read becomes a [`Diagnostic`].
//!
//! The seed pages have no blank lines and no heading markers, so a CommonMark parser would fold
//! each page into one paragraph; the line rules here are what those pages need.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::catalog::{self, Catalog, ControlId, RefExpansion, Standard};
use crate::evidence::{self, CitedIn, EvidenceRef, Pointer};

/// The embedded default posture: Glassbreak's two published pages, byte for byte.
pub const DEFAULT_PAGES: &[(&str, &str)] = &[
    ("glassbreak-iso27001.txt", include_str!("../../assets/posture/glassbreak-iso27001.txt")),
    ("glassbreak-iso22301.txt", include_str!("../../assets/posture/glassbreak-iso22301.txt")),
];

/// A posture page file's text: UTF-8 (with or without BOM), UTF-16 with a BOM, else
/// Windows-1252. Files that are not text (a PDF, an image, a workbook) are refused by name.
pub fn decode_page(file: &str, bytes: &[u8]) -> Result<String, String> {
    if bytes.len() > crate::limits::MAX_PAGE_BYTES {
        return Err(format!(
            "{file}: the page is {:.1} MB, over the limit of {} MB for a posture page",
            bytes.len() as f64 / 1e6,
            crate::limits::MAX_PAGE_BYTES / (1024 * 1024)
        ));
    }
    let kind = if bytes.starts_with(b"%PDF") {
        Some("a PDF")
    } else if bytes.starts_with(b"PK\x03\x04") {
        Some("a zip archive or workbook")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G']) || bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("an image")
    } else {
        None
    };
    if let Some(kind) = kind {
        return Err(format!("{file}: this is {kind}, not a posture page; load the page as markdown, text or HTML"));
    }
    let text = if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        encoding.decode_without_bom_handling(&bytes[bom..]).0.into_owned()
    } else {
        match std::str::from_utf8(bytes) {
            Ok(t) => t.to_string(),
            Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(),
        }
    };
    if text.contains('\0') {
        return Err(format!(
            "{file}: the file holds binary data, not a posture page; load the page as markdown, text or HTML"
        ));
    }
    Ok(text)
}

/// A row's status, as the page states it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Status {
    Met,
    Partial,
    NotMet,
    Planned,
    NotApplicable,
    /// Any other wording, kept verbatim.
    Other(String),
}

impl Status {
    /// Reads a status cell: `Met`, `Partial`, `Not met`, `Planned`, `N/A` and their variants.
    pub fn parse(text: &str) -> Status {
        let t = text.trim().trim_matches(|c: char| c == '*' || c == '_').trim();
        let lower = t.to_lowercase();
        let words: String = lower.chars().filter(|c| c.is_alphanumeric()).collect();
        match words.as_str() {
            "met" | "yes" | "implemented" | "inplace" | "compliant" | "done" => Status::Met,
            "partial" | "partiallymet" | "partly" | "partiallyimplemented" | "inprogress" => Status::Partial,
            "notmet" | "no" | "gap" | "notimplemented" | "missing" | "noncompliant" | "unmet" => Status::NotMet,
            "planned" | "roadmap" | "onroadmap" | "scheduled" => Status::Planned,
            "na" | "notapplicable" | "nonapplicable" | "excluded" => Status::NotApplicable,
            _ => Status::Other(t.to_string()),
        }
    }

    /// The label shown and written out: `Met`, `Partial`, `Not met`, `Planned`, `N/A`.
    pub fn label(&self) -> &str {
        match self {
            Status::Met => "Met",
            Status::Partial => "Partial",
            Status::NotMet => "Not met",
            Status::Planned => "Planned",
            Status::NotApplicable => "N/A",
            Status::Other(s) => s,
        }
    }

    /// Orders statuses from worst (0) to best, for "the worse one wins" decisions.
    pub fn rank(&self) -> u8 {
        match self {
            Status::NotMet => 0,
            Status::Other(_) => 1,
            Status::Planned => 2,
            Status::Partial => 3,
            Status::NotApplicable => 4,
            Status::Met => 5,
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

impl Serialize for Status {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.label())
    }
}

impl<'de> Deserialize<'de> for Status {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(Status::parse(&String::deserialize(d)?))
    }
}

/// One table row of a posture page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ControlRow {
    /// The page title: `ISO/IEC 27001:2022`.
    pub page: String,
    /// The heading above the table: `Annex A — Technological controls (A.8, 34 controls)`.
    pub section: String,
    /// The `Ref` cell verbatim: `A.5.3–5.6`, `Clause 8.2`, `API — primary`.
    #[serde(rename = "ref")]
    pub reference: String,
    pub requirement: String,
    pub status: Status,
    /// The "how we meet it / gap" text.
    pub text: String,
    /// The catalog controls the ref expands to (none for named rows such as `Multi-cloud`).
    pub controls: Vec<ControlId>,
    pub evidence: Vec<EvidenceRef>,
    /// 1-based line in the page file.
    pub line: usize,
}

/// A prose paragraph or list item of a page: position, triggers, effort estimate, …
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Passage {
    pub page: String,
    /// The heading above it; the page title for the introduction.
    pub section: String,
    pub text: String,
    pub evidence: Vec<EvidenceRef>,
    pub line: usize,
}

/// A page's own facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// The file it came from.
    pub file: String,
    pub title: String,
    /// The text after `Status:`: `not pursuing in 2026 · reassessed quarterly · …`.
    pub status_line: Option<String>,
    /// The first paragraph after the status line: what the page says of certification.
    pub summary: Option<String>,
    /// Which standard the page is about, from its title.
    pub standard: Option<Standard>,
    /// Headings in order, each with the number of rows of its table (0 for prose sections).
    pub sections: Vec<Section>,
}

/// A heading of a page and what is under it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub heading: String,
    pub rows: usize,
    pub passages: usize,
}

/// Something in a page that could not be read as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// All loaded pages: rows and passages in page order, every evidence pointer, diagnostics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Posture {
    pub pages: Vec<Page>,
    pub rows: Vec<ControlRow>,
    pub passages: Vec<Passage>,
    pub pointers: Vec<Pointer>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Posture {
    /// The embedded default: [`DEFAULT_PAGES`].
    pub fn embedded_default() -> Posture {
        Posture::from_pages(DEFAULT_PAGES.iter().copied())
    }

    /// Parses pages given as `(file name, text)`.
    pub fn from_pages<'a>(pages: impl IntoIterator<Item = (&'a str, &'a str)>) -> Posture {
        let catalog = Catalog::embedded();
        let mut posture = Posture {
            pages: Vec::new(),
            rows: Vec::new(),
            passages: Vec::new(),
            pointers: Vec::new(),
            diagnostics: Vec::new(),
        };
        for (n, (file, text)) in pages.into_iter().enumerate() {
            let limit = |message: String| Diagnostic { file: file.to_string(), line: 0, message };
            if n >= crate::limits::MAX_PAGES {
                posture.diagnostics.push(limit(format!(
                    "not loaded: at most {} posture pages are loaded at once",
                    crate::limits::MAX_PAGES
                )));
                continue;
            }
            if text.len() > crate::limits::MAX_PAGE_BYTES {
                posture.diagnostics.push(limit(format!(
                    "not loaded: the page is {:.1} MB, over the limit of {} MB",
                    text.len() as f64 / 1e6,
                    crate::limits::MAX_PAGE_BYTES / (1024 * 1024)
                )));
                continue;
            }
            let mut parsed = parse_any_page(file, text, &catalog);
            if parsed.rows.len() > crate::limits::MAX_PAGE_ROWS {
                parsed.rows.truncate(crate::limits::MAX_PAGE_ROWS);
                parsed
                    .diagnostics
                    .push(limit(format!("only the first {} rows were loaded", crate::limits::MAX_PAGE_ROWS)));
            }
            posture.pages.push(parsed.page);
            posture.rows.extend(parsed.rows);
            posture.passages.extend(parsed.passages);
            posture.diagnostics.extend(parsed.diagnostics);
        }
        let mentions = posture
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| (CitedIn::Row(i), r.evidence.as_slice()))
            .chain(posture.passages.iter().enumerate().map(|(i, p)| (CitedIn::Passage(i), p.evidence.as_slice())));
        posture.pointers = evidence::gather(mentions);
        posture
    }

    /// The recovery objectives the rows state (RTO / RPO per surface), in page order.
    pub fn recovery_objectives(&self) -> Vec<Objective> {
        self.rows
            .iter()
            .filter_map(|row| {
                let rto = objective_value(&row.text, "RTO");
                let rpo = objective_value(&row.text, "RPO");
                (rto.is_some() || rpo.is_some()).then(|| Objective {
                    surface: row.reference.clone(),
                    requirement: row.requirement.clone(),
                    status: row.status.clone(),
                    rto,
                    rpo,
                    tested_in: row
                        .evidence
                        .iter()
                        .filter(|e| e.kind == crate::evidence::EvidenceKind::DrScenario)
                        .map(|e| e.target.clone())
                        .collect(),
                    page: row.page.clone(),
                })
            })
            .collect()
    }

    /// The rows of one page, by title.
    pub fn rows_of<'a>(&'a self, page: &'a str) -> impl Iterator<Item = &'a ControlRow> + 'a {
        self.rows.iter().filter(move |r| r.page == page)
    }
}

/// A recovery objective stated by a row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Objective {
    /// The row's ref: `API — primary`.
    pub surface: String,
    pub requirement: String,
    pub status: Status,
    /// `≤ 60 seconds`
    pub rto: Option<String>,
    /// `= 0`
    pub rpo: Option<String>,
    /// DR scenario numbers that exercise it.
    pub tested_in: Vec<String>,
    pub page: String,
}

/// The value after `RTO` / `RPO` in a row's text, up to the first `(`, `.` or `;`:
/// "RTO ≤ 60 seconds (automatic …)" → "≤ 60 seconds".
fn objective_value(text: &str, key: &str) -> Option<String> {
    let at = text.find(key)?;
    let rest = &text[at + key.len()..];
    let end = rest.find(['(', ';']).unwrap_or(rest.len());
    let mut value = rest[..end].trim();
    if let Some(dash) = value.find(" — ") {
        value = &value[..dash];
    }
    // A sentence end, not a decimal point.
    if let Some(dot) = value.find(". ") {
        value = &value[..dot];
    }
    let value = value.trim_end_matches('.').trim();
    (!value.is_empty() && value.chars().count() <= 40).then(|| value.to_string())
}

/// One page, parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedPage {
    pub page: Page,
    pub rows: Vec<ControlRow>,
    pub passages: Vec<Passage>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The columns of a posture table, found by header text.
#[derive(Debug, Clone, Copy)]
struct Columns {
    reference: usize,
    requirement: Option<usize>,
    status: usize,
    text: Option<usize>,
}

impl Columns {
    fn from_header(cells: &[String]) -> Option<Columns> {
        let find = |pred: &dyn Fn(&str) -> bool| cells.iter().position(|c| pred(&c.to_lowercase()));
        let reference = find(&|h| {
            h == "ref"
                || h == "reference"
                || h == "id"
                || h == "control"
                || h.starts_with("ref")
                || h == "control id"
                || h == "clause"
        })?;
        let status = find(&|h| h.starts_with("status") || h == "state")?;
        let text = find(&|h| {
            h.contains("how")
                || h.contains("gap")
                || h.contains("evidence")
                || h.contains("notes")
                || h.contains("implementation")
                || h.contains("detail")
                || h.contains("comment")
        });
        let requirement = find(&|h| {
            h.contains("requirement")
                || h.contains("title")
                || h.contains("objective")
                || h == "name"
                || h == "description"
                || h == "area"
                || h == "surface"
        })
        .filter(|&i| i != reference && Some(i) != text);
        Some(Columns { reference, requirement, status, text })
    }
}

/// Parses one page, text or HTML (see [`crate::html`]); lines refer to the file as given.
pub fn parse_any_page(file: &str, text: &str, catalog: &Catalog) -> ParsedPage {
    if !crate::html::is_html(file, text) {
        return parse_page(file, text, catalog);
    }
    let converted = crate::html::to_page_text(text);
    let lines = converted.lines;
    let mut parsed = parse_page(file, &converted.text, catalog);
    let source = |line: usize| if line == 0 { 0 } else { lines.get(line - 1).copied().unwrap_or(line) };
    for row in &mut parsed.rows {
        row.line = source(row.line);
    }
    for passage in &mut parsed.passages {
        passage.line = source(passage.line);
    }
    for d in &mut parsed.diagnostics {
        d.line = source(d.line);
        d.message =
            d.message.replace("a pipe table with Ref and Status columns", "a table with Ref and Status columns");
    }
    let notes = converted.notes.into_iter().map(|(line, message)| Diagnostic { file: file.to_string(), line, message });
    parsed.diagnostics.extend(notes);
    parsed
}

/// Parses one text page. `catalog` validates the refs the page names.
pub fn parse_page(file: &str, text: &str, catalog: &Catalog) -> ParsedPage {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut diagnostics = Vec::new();
    let diag = |line: usize, message: String| Diagnostic { file: file.to_string(), line, message };
    // The work is bounded: cells and lines over the text budget are cut (said once, at the first).
    let held: Vec<std::borrow::Cow<str>> = text.lines().map(cut_line).collect();
    let cut: Vec<usize> =
        held.iter().enumerate().filter(|(_, l)| matches!(l, std::borrow::Cow::Owned(_))).map(|(n, _)| n + 1).collect();
    if let Some(&first) = cut.first() {
        let (n, s) = (cut.len(), if cut.len() == 1 { "" } else { "s" });
        let limit = crate::limits::MAX_PAGE_CELL_CHARS;
        diagnostics.push(diag(
            first,
            format!("text cut to its first {limit} characters in {n} cell{s} or line{s} (the first on this line)"),
        ));
    }
    let lines: Vec<&str> = held.iter().map(|l| l.as_ref()).collect();

    // The title: the first non-empty line, without a markdown `#`.
    let title_index = lines.iter().position(|l| !l.trim().is_empty());
    let title = title_index
        .map(|i| lines[i].trim().trim_start_matches('#').trim().to_string())
        .unwrap_or_else(|| file.to_string());
    let standard = Standard::named_in(&title);

    let mut page = Page {
        file: file.to_string(),
        title: title.clone(),
        status_line: None,
        summary: None,
        standard,
        sections: Vec::new(),
    };
    let mut rows = Vec::new();
    let mut passages = Vec::new();
    let mut section = title.clone();
    let mut i = title_index.map_or(lines.len(), |t| t + 1);

    while i < lines.len() {
        let line_no = i + 1;
        let line = lines[i].trim();
        if line.is_empty() {
            i += 1;
            continue;
        }
        if page.status_line.is_none() && line.to_lowercase().starts_with("status:") {
            page.status_line = Some(line["status:".len()..].trim().to_string());
            i += 1;
            continue;
        }
        if line.starts_with('|') {
            let start = i;
            while i < lines.len() && lines[i].trim().starts_with('|') {
                i += 1;
            }
            // The row budget: a table is read only as far as the page has rows left.
            let room = crate::limits::MAX_PAGE_ROWS.saturating_sub(rows.len());
            let separator = lines.get(start + 1).is_some_and(|l| is_separator(&split_cells(l)));
            let end = i.min(start + 1 + usize::from(separator) + room);
            if end < i && !diagnostics.iter().any(|d: &Diagnostic| d.message.starts_with("only the first")) {
                let limit = crate::limits::MAX_PAGE_ROWS;
                diagnostics.push(diag(
                    end + 1,
                    format!("only the first {limit} rows were loaded; rows from this line on are not read"),
                ));
            }
            let table_rows =
                parse_table(file, &lines[start..end], start, &title, &section, standard, catalog, &mut diagnostics);
            ensure_section(&mut page.sections, &section).rows += table_rows.len();
            rows.extend(table_rows);
            continue;
        }
        if let Some(heading) = heading_text(line, lines.get(i + 1).map(|l| l.trim())) {
            section = heading;
            ensure_section(&mut page.sections, &section);
            i += 1;
            continue;
        }
        let body = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")).unwrap_or(line);
        if page.summary.is_none() && section == title {
            page.summary = Some(body.to_string());
        }
        ensure_section(&mut page.sections, &section).passages += 1;
        passages.push(Passage {
            page: title.clone(),
            section: section.clone(),
            text: body.to_string(),
            evidence: evidence::extract(body),
            line: line_no,
        });
        i += 1;
    }
    if rows.is_empty() {
        diagnostics.push(diag(1, "no posture table found (expected a pipe table with Ref and Status columns)".into()));
    }
    if page.status_line.is_none() && !rows.is_empty() {
        diagnostics.push(diag(1, "no `Status:` line: the page's certification status is unknown".into()));
    }
    ParsedPage { page, rows, passages, diagnostics }
}

/// A line held to the text budget: each cell of a table line, or the whole line, cut at
/// [`crate::limits::MAX_PAGE_CELL_CHARS`] characters (borrowed when nothing is cut).
fn cut_line(line: &str) -> std::borrow::Cow<'_, str> {
    let limit = crate::limits::MAX_PAGE_CELL_CHARS;
    let cut = |text: &str| text.char_indices().nth(limit).map_or(text, |(end, _)| &text[..end]).to_string();
    if line.len() <= limit {
        return line.into();
    }
    if !line.trim_start().starts_with('|') {
        return if line.chars().count() > limit { cut(line).into() } else { line.into() };
    }
    let cells = split_cells(line);
    if cells.iter().all(|c| c.chars().count() <= limit) {
        return line.into();
    }
    let cells: Vec<String> = cells.iter().map(|c| cut(c).replace('|', "\\|")).collect();
    format!("| {} |", cells.join(" | ")).into()
}

fn ensure_section<'a>(sections: &'a mut Vec<Section>, heading: &str) -> &'a mut Section {
    if sections.last().is_none_or(|s| s.heading != heading) {
        sections.push(Section { heading: heading.to_string(), rows: 0, passages: 0 });
    }
    sections.last_mut().expect("just pushed")
}

/// A heading is a markdown `#` line, or a short line that is not a sentence: it does not end in
/// sentence punctuation, is not a list item, and is followed by content (not by the end).
fn heading_text(line: &str, next: Option<&str>) -> Option<String> {
    if line.starts_with('#') {
        return Some(line.trim_start_matches('#').trim().to_string());
    }
    if line.starts_with("- ") || line.starts_with("* ") || next.is_none() {
        return None;
    }
    let ends_like_sentence = line.ends_with(['.', ':', ';', ',', '!', '?']);
    let words = line.split_whitespace().count();
    if !ends_like_sentence && words <= 12 && line.chars().count() <= 100 {
        Some(line.to_string())
    } else {
        None
    }
}

/// Splits a pipe-table line into trimmed cells; `\|` is a literal pipe.
pub fn split_cells(line: &str) -> Vec<String> {
    let line = line.trim();
    let inner = line.strip_prefix('|').unwrap_or(line);
    let inner = if inner.ends_with('|') && !inner.ends_with("\\|") { &inner[..inner.len() - 1] } else { inner };
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cell.push('|');
                chars.next();
            }
            '|' => cells.push(std::mem::take(&mut cell).trim().to_string()),
            _ => cell.push(c),
        }
    }
    cells.push(cell.trim().to_string());
    cells
}

fn is_separator(cells: &[String]) -> bool {
    !cells.is_empty()
        && cells.iter().all(|c| {
            let c = c.trim();
            !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':' | ' '))
        })
}

#[allow(clippy::too_many_arguments)]
fn parse_table(
    file: &str,
    lines: &[&str],
    first_index: usize,
    page_title: &str,
    section: &str,
    standard: Option<Standard>,
    catalog: &Catalog,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<ControlRow> {
    let diag = |line: usize, message: String| Diagnostic { file: file.to_string(), line, message };
    let header = split_cells(lines[0]);
    let Some(columns) = Columns::from_header(&header) else {
        diagnostics.push(diag(
            first_index + 1,
            format!("table header `{}` has no Ref and Status columns; table skipped", lines[0].trim()),
        ));
        return Vec::new();
    };
    let mut rows = Vec::new();
    for (offset, line) in lines.iter().enumerate().skip(1) {
        let line_no = first_index + offset + 1;
        let cells = split_cells(line);
        if is_separator(&cells) {
            continue;
        }
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        if cells.len() != header.len() {
            diagnostics.push(diag(line_no, format!("row has {} cells, the header has {}", cells.len(), header.len())));
        }
        let cell = |i: usize| cells.get(i).cloned().unwrap_or_default();
        let reference = cell(columns.reference);
        if reference.is_empty() {
            diagnostics.push(diag(line_no, "row has no Ref; skipped".into()));
            continue;
        }
        let status_text = cell(columns.status);
        let status = Status::parse(&status_text);
        if status_text.is_empty() {
            diagnostics.push(diag(line_no, format!("row {reference} has no status")));
        } else if let Status::Other(s) = &status {
            diagnostics.push(diag(
                line_no,
                format!("row {reference}: status `{s}` is not one of Met, Partial, Not met, Planned, N/A"),
            ));
        }
        // With extra cells (an unescaped pipe in the text), the text keeps everything after
        // its column, so no words are lost.
        let text = match columns.text {
            Some(t) if cells.len() > header.len() && t == header.len() - 1 => cells[t..].join(" | "),
            Some(t) => cell(t),
            None => String::new(),
        };
        let requirement = columns.requirement.map(cell).unwrap_or_default();
        let controls = match catalog::expand_ref(&reference, standard) {
            RefExpansion::Controls(ids) => {
                for id in &ids {
                    if !catalog.contains(id) {
                        diagnostics.push(diag(
                            line_no,
                            format!("ref {reference}: {} is not in {}", id.id, id.standard.name()),
                        ));
                    }
                }
                ids.into_iter().filter(|id| catalog.contains(id)).collect()
            }
            RefExpansion::Named => Vec::new(),
            RefExpansion::Unparsed(why) => {
                diagnostics.push(diag(line_no, format!("ref `{why}` could not be read as controls")));
                Vec::new()
            }
        };
        let evidence = evidence::extract(&format!("{requirement} \n {text}"));
        rows.push(ControlRow {
            page: page_title.to_string(),
            section: section.to_string(),
            reference,
            requirement,
            status,
            text,
            controls,
            evidence,
            line: line_no,
        });
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_files_are_decoded_or_refused_by_name() {
        assert_eq!(decode_page("a.md", "\u{feff}# Café".as_bytes()).unwrap(), "# Café");
        assert_eq!(decode_page("a.md", b"# Caf\xe9").unwrap(), "# Café");
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("# Hi".encode_utf16().flat_map(|u| u.to_le_bytes())).collect();
        assert_eq!(decode_page("a.md", &utf16).unwrap(), "# Hi");
        assert_eq!(
            decode_page("p.md", b"%PDF-1.7 ...").unwrap_err(),
            "p.md: this is a PDF, not a posture page; load the page as markdown, text or HTML"
        );
        assert!(decode_page("b.md", b"ab\0cd").unwrap_err().starts_with("b.md: the file holds binary data"));
    }

    #[test]
    fn statuses_are_understood() {
        let cases = [
            ("Met", Status::Met),
            ("**Partial**", Status::Partial),
            ("Not met", Status::NotMet),
            ("Planned", Status::Planned),
            ("N/A", Status::NotApplicable),
            ("Not applicable", Status::NotApplicable),
            ("Under review", Status::Other("Under review".into())),
        ];
        for (text, expected) in cases {
            assert_eq!(Status::parse(text), expected, "{text}");
        }
    }

    #[test]
    fn cells_split_on_unescaped_pipes() {
        assert_eq!(split_cells("| A | b \\| c | d |"), vec!["A", "b | c", "d"]);
        assert_eq!(split_cells("|---|---|"), vec!["---", "---"]);
    }

    #[test]
    fn headings_are_short_non_sentences() {
        assert_eq!(heading_text("Our position", Some("x")), Some("Our position".into()));
        assert_eq!(heading_text("## Access", Some("x")), Some("Access".into()));
        assert_eq!(heading_text("We will begin when:", Some("x")), None);
        assert_eq!(heading_text("- a bullet", Some("x")), None);
        assert_eq!(heading_text("Last line", None), None);
    }

    #[test]
    fn columns_are_found_in_any_order() {
        let catalog = Catalog::embedded();
        let page = "Acme ISO 27001\nStatus: certified\nControls\n| Status | How | Ref |\n|---|---|---|\n| Not met | Nothing yet. | A.5.7 |\n";
        let parsed = parse_page("acme.md", page, &catalog);
        assert_eq!(parsed.rows.len(), 1);
        assert_eq!(parsed.rows[0].status, Status::NotMet);
        assert_eq!(parsed.rows[0].reference, "A.5.7");
        assert_eq!(parsed.rows[0].text, "Nothing yet.");
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    }

    #[test]
    fn broken_tables_keep_what_they_can_and_say_where() {
        let catalog = Catalog::embedded();
        let page = "T\nStatus: x\nS\n| Ref | Requirement | Status | How |\n|---|---|---|---|\n| A.5.7 | Threat intel | Met |\n| A.8.2 | Priv | Partial | MFA | extra |\n| A.9.9 | Bogus | Met | x |\n";
        let parsed = parse_page("broken.md", page, &catalog);
        assert_eq!(parsed.rows.len(), 3);
        assert_eq!(parsed.rows[1].text, "MFA | extra");
        let messages: Vec<String> = parsed.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(
            messages,
            vec![
                "broken.md:6: row has 3 cells, the header has 4",
                "broken.md:7: row has 5 cells, the header has 4",
                "broken.md:8: ref A.9.9: A.9.9 is not in ISO/IEC 27001:2022",
            ]
        );
    }

    #[test]
    fn a_page_without_tables_is_a_diagnostic_not_an_error() {
        let parsed = parse_page("empty.md", "Just a title\nSome prose here.\n", &Catalog::embedded());
        assert!(parsed.rows.is_empty());
        assert_eq!(parsed.passages.len(), 1);
        assert_eq!(
            parsed.diagnostics[0].to_string(),
            "empty.md:1: no posture table found (expected a pipe table with Ref and Status columns)"
        );
    }
}
