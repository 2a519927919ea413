//! Posture pages as line-structured text: a title line, a `Status:` line, prose paragraphs and
//! `- ` lists under short heading lines, and pipe tables whose columns are found by their header
//! text (`Ref`, `Requirement`, `Status`, `How we meet it / gap`, in any order). Markdown `#`
//! headings are understood too. HTML pages come here through [`crate::html::to_page_text`].
//!
//! The seed pages have no blank lines and no heading markers, so a CommonMark parser would fold
//! each page into one paragraph; the line rules here are what those pages need.

use super::*;

/// The columns of a posture table, found by header text.
#[derive(Debug, Clone, Copy)]
struct Columns {
    reference: usize,
    requirement: Option<usize>,
    /// None: a control list, whose rows state no status.
    status: Option<usize>,
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
        let status = find(&|h| h.starts_with("status") || h == "state");
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
        // A control list (`Control | Title | Description`): the description is the control's
        // own statement, the text to answer from. Only without a status column, so that tables
        // with statuses read as they always did.
        let text = match (text, status) {
            (None, None) => cells
                .iter()
                .position(|c| {
                    let h = c.to_lowercase();
                    h.contains("description") || h.contains("statement")
                })
                .filter(|&i| i != reference && Some(i) != requirement),
            _ => text,
        };
        Some(Columns { reference, requirement, status, text })
    }
}

/// Parses one page, text or HTML (see [`crate::html`]); lines refer to the file as given.
pub fn parse_any_page(file: &str, text: &str, catalog: &Catalog) -> ParsedPage {
    if let Some(parsed) = super::sheet::parse_sheet_file(file, text, catalog) {
        return parsed;
    }
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

/// Front matter (`---` … `---` on the first lines): the line after it and its `title:`.
fn front_matter(lines: &[&str]) -> Option<(usize, Option<String>)> {
    let first = lines.iter().position(|l| !l.trim().is_empty())?;
    if lines[first].trim() != "---" {
        return None;
    }
    let close = (first + 1..lines.len().min(first + 60)).find(|&i| lines[i].trim() == "---")?;
    let title = lines[first + 1..close].iter().find_map(|l| {
        let value = l.trim().strip_prefix("title:")?.trim().trim_matches(['"', '\'']).trim();
        (!value.is_empty()).then(|| value.to_string())
    });
    Some((close + 1, title))
}

/// Lines of a markdown page that carry no content: kramdown attributes (`{:toc}`), Hugo
/// shortcodes (`{{< … >}}`), `<details>` wrappers.
fn is_markup_only(line: &str) -> bool {
    line.starts_with("{:")
        || line.starts_with("{{<")
        || line.starts_with("{{%")
        || line.starts_with("<details")
        || line == "</details>"
        || line == "</summary>"
}

/// `<summary>…Access Control (AC) …</summary> rest` → the summary's text and the rest.
fn summary_line(line: &str) -> Option<(String, String)> {
    let rest = line.strip_prefix("<summary")?;
    let (inner, after) = rest.split_once("</summary>")?;
    let inner = inner.split_once('>').map_or("", |(_, t)| t);
    let mut text = String::new();
    let mut in_tag = false;
    for c in inner.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    Some((text.split_whitespace().collect::<Vec<_>>().join(" "), after.trim().to_string()))
}

/// Parses one text page. `catalog` validates the refs the page names.
pub fn parse_page(file: &str, text: &str, catalog: &Catalog) -> ParsedPage {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut diagnostics = Vec::new();
    let diag = |line: usize, message: String| Diagnostic { file: file.to_string(), line, message };
    let held = held_lines(text, file, &mut diagnostics);
    let lines: Vec<&str> = held.iter().map(|l| l.as_ref()).collect();
    let (title, mut i) = page_title(&lines, file);
    let standard = Standard::named_in(&title);
    // The page says it numbers by 2013, or its refs do (`A8.3.1`, and none only 2022 has).
    let declared_2013 = refs::declares_2013(text) || refs::numbered_by_2013(refs::annex_refs_in(text));
    let mut page = PageBuilder {
        page: Page {
            file: file.to_string(),
            title: title.clone(),
            status_line: None,
            summary: None,
            standard,
            sections: Vec::new(),
        },
        passages: Vec::new(),
    };
    let mut report = FileReport::new(file, Form::Prose);
    let mut rows = Vec::new();
    let mut statuses_stated = false;
    let mut section = title.clone();
    while i < lines.len() {
        let line_no = i + 1;
        let line = lines[i].trim();
        if line.is_empty() || is_markup_only(line) {
            i += 1;
            continue;
        }
        if page.page.status_line.is_none() && line.to_lowercase().starts_with("status:") {
            page.page.status_line = Some(line["status:".len()..].trim().to_string());
            i += 1;
            continue;
        }
        if line.starts_with('|') {
            let start = i;
            while i < lines.len() && lines[i].trim().starts_with('|') {
                i += 1;
            }
            let cx = TableContext { file, page_title: &title, section: &section, standard, declared_2013, catalog };
            let (table_rows, with_status) =
                read_table_within_budget(&cx, &lines, (start, i), rows.len(), &mut diagnostics, &mut report);
            statuses_stated |= with_status && !table_rows.is_empty();
            ensure_section(&mut page.page.sections, &section).rows += table_rows.len();
            rows.extend(table_rows);
            continue;
        }
        if let Some((heading, rest)) = summary_line(line) {
            section = heading;
            ensure_section(&mut page.page.sections, &section);
            if !rest.is_empty() {
                page.push_passage(&section, &rest, line_no);
            }
            i += 1;
            continue;
        }
        if let Some(heading) = heading_text(line, lines.get(i + 1).map(|l| l.trim())) {
            section = heading;
            ensure_section(&mut page.page.sections, &section);
            i += 1;
            continue;
        }
        let body = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")).unwrap_or(line);
        page.push_passage(&section, body, line_no);
        i += 1;
    }
    let PageBuilder { mut page, mut passages } = page;
    if !rows.is_empty() {
        report.form = if statuses_stated { Form::StatusTables } else { Form::ControlList };
    } else {
        // No tables: a control guidance page, or an SoA of headings and bullets.
        let cx = super::outline::Context { file, title: &title, standard, declared_2013, catalog };
        let mut parts = (&mut page, &mut passages, &mut diagnostics, &mut report);
        rows = rows_from_outline(&cx, &lines, &mut parts);
    }
    if rows.is_empty() {
        diagnostics.push(diag(1, "no posture table found (expected a pipe table with Ref and Status columns)".into()));
    }
    if page.status_line.is_none() && !rows.is_empty() && report.form == Form::StatusTables {
        diagnostics.push(diag(1, "no `Status:` line: the page's certification status is unknown".into()));
    }
    ParsedPage { page, rows, passages, diagnostics, report }
}

/// The page and its passages while they are read.
struct PageBuilder {
    page: Page,
    passages: Vec<Passage>,
}

impl PageBuilder {
    /// A prose paragraph or list item under `section`; the first one under the title is the
    /// page's summary.
    fn push_passage(&mut self, section: &str, body: &str, line_no: usize) {
        let title = &self.page.title;
        if self.page.summary.is_none() && section == title {
            self.page.summary = Some(body.to_string());
        }
        let passage = Passage {
            page: title.clone(),
            section: section.to_string(),
            text: body.to_string(),
            evidence: evidence::extract(body),
            line: line_no,
        };
        ensure_section(&mut self.page.sections, section).passages += 1;
        self.passages.push(passage);
    }
}

/// The page's lines held to the text budget: cells and lines over it are cut (said once, at the
/// first).
fn held_lines<'t>(text: &'t str, file: &str, diagnostics: &mut Vec<Diagnostic>) -> Vec<std::borrow::Cow<'t, str>> {
    let held: Vec<std::borrow::Cow<str>> = text.lines().map(cut_line).collect();
    let cut: Vec<usize> =
        held.iter().enumerate().filter(|(_, l)| matches!(l, std::borrow::Cow::Owned(_))).map(|(n, _)| n + 1).collect();
    if let Some(&first) = cut.first() {
        let (n, s) = (cut.len(), if cut.len() == 1 { "" } else { "s" });
        let limit = crate::limits::MAX_PAGE_CELL_CHARS;
        diagnostics.push(Diagnostic {
            file: file.to_string(),
            line: first,
            message: format!(
                "text cut to its first {limit} characters in {n} cell{s} or line{s} (the first on this line)"
            ),
        });
    }
    held
}

/// The title and the index of the line after it: the front matter's title, else the first
/// non-empty line without a markdown `#`; a table header on the first line is a header, and the
/// file name is the title.
fn page_title(lines: &[&str], file: &str) -> (String, usize) {
    let matter = front_matter(lines);
    let body_start = matter.as_ref().map_or(0, |m| m.0);
    let first = (body_start..lines.len()).find(|&i| !lines[i].trim().is_empty());
    match (&matter, first) {
        (Some((_, Some(t))), _) => (t.clone(), body_start),
        (_, Some(f)) if lines[f].trim().starts_with('|') => (file.to_string(), f),
        (_, Some(f)) => (lines[f].trim().trim_start_matches('#').trim().to_string(), f + 1),
        (_, None) => (file.to_string(), lines.len()),
    }
}

/// Reads the pipe table on `lines[start..end]` as far as the page has rows left (`read` rows
/// are already read); the first cut is said once.
fn read_table_within_budget(
    cx: &TableContext,
    lines: &[&str],
    (start, end): (usize, usize),
    read: usize,
    diagnostics: &mut Vec<Diagnostic>,
    report: &mut FileReport,
) -> (Vec<ControlRow>, bool) {
    let room = crate::limits::MAX_PAGE_ROWS.saturating_sub(read);
    let separator = lines.get(start + 1).is_some_and(|l| is_separator(&split_cells(l)));
    let stop = end.min(start + 1 + usize::from(separator) + room);
    if stop < end && !diagnostics.iter().any(|d: &Diagnostic| d.message.starts_with("only the first")) {
        let limit = crate::limits::MAX_PAGE_ROWS;
        diagnostics.push(Diagnostic {
            file: cx.file.to_string(),
            line: stop + 1,
            message: format!("only the first {limit} rows were loaded; rows from this line on are not read"),
        });
    }
    parse_table(cx, &lines[start..stop], start, diagnostics, report)
}

/// The parts of a page the outline readers fill.
type PageParts<'a> = (&'a mut Page, &'a mut Vec<Passage>, &'a mut Vec<Diagnostic>, &'a mut FileReport);

/// A page without tables: a control guidance page, or an SoA of headings and bullets; no rows
/// when it is neither.
fn rows_from_outline(cx: &super::outline::Context, lines: &[&str], parts: &mut PageParts) -> Vec<ControlRow> {
    let (page, passages, diagnostics, report) = parts;
    super::outline::control_page(cx, lines, page, passages, diagnostics, report)
        .or_else(|| super::outline::headings_and_bullets(cx, lines, page, passages, diagnostics, report))
        .unwrap_or_default()
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

/// Where a table is and what it is read into.
struct TableContext<'a> {
    file: &'a str,
    page_title: &'a str,
    section: &'a str,
    standard: Option<Standard>,
    declared_2013: bool,
    catalog: &'a Catalog,
}

/// Reads one pipe table. Returns its rows and whether it had a status column.
fn parse_table(
    cx: &TableContext,
    lines: &[&str],
    first_index: usize,
    diagnostics: &mut Vec<Diagnostic>,
    report: &mut FileReport,
) -> (Vec<ControlRow>, bool) {
    let file = cx.file;
    let diag = |line: usize, message: String| Diagnostic { file: file.to_string(), line, message };
    let header = split_cells(lines[0]);
    let skipped = |diagnostics: &mut Vec<Diagnostic>| {
        diagnostics.push(diag(
            first_index + 1,
            format!("table header `{}` has no Ref and Status columns; table skipped", lines[0].trim()),
        ));
    };
    let Some(columns) = Columns::from_header(&header) else {
        skipped(diagnostics);
        return (Vec::new(), false);
    };
    let data: Vec<(usize, Vec<String>)> = lines
        .iter()
        .enumerate()
        .skip(1)
        .map(|(offset, line)| (first_index + offset + 1, split_cells(line)))
        .filter(|(_, cells)| !is_separator(cells) && !cells.iter().all(|c| c.is_empty()))
        .collect();
    // Without a status column, a table is a control list only when its refs are controls of a
    // framework (ISO, NIST, SOC 2), not names.
    if columns.status.is_none() {
        let read = |cells: &Vec<String>| {
            refs::read_ref(cells.get(columns.reference).map_or("", String::as_str), cx.standard, cx.declared_2013)
        };
        let controls = data.iter().filter(|(_, cells)| read(cells).style != refs::RefStyle::Named).count();
        if data.is_empty() || controls * 2 < data.len() {
            skipped(diagnostics);
            return (Vec::new(), false);
        }
    }
    for (i, h) in header.iter().enumerate() {
        let role = if i == columns.reference {
            "ref"
        } else if Some(i) == columns.status {
            "status"
        } else if Some(i) == columns.requirement {
            "requirement"
        } else if Some(i) == columns.text {
            "text"
        } else {
            continue;
        };
        if !report.columns.iter().any(|(_, hh, r)| hh == h && r == role) {
            report.columns.push((String::new(), h.clone(), role.to_string()));
        }
    }
    let mut rows = Vec::new();
    for (line_no, cells) in data {
        if cells.len() != header.len() {
            diagnostics.push(diag(line_no, format!("row has {} cells, the header has {}", cells.len(), header.len())));
        }
        let cell = |i: usize| cells.get(i).cloned().unwrap_or_default();
        let reference_cell = cell(columns.reference);
        if reference_cell.is_empty() {
            diagnostics.push(diag(line_no, "row has no Ref; skipped".into()));
            continue;
        }
        let read = refs::read_ref(&reference_cell, cx.standard, cx.declared_2013);
        let reference = read.text.clone();
        let status = match columns.status {
            Some(column) => {
                let status_text = cell(column);
                let status = Status::parse(&status_text);
                if status_text.is_empty() {
                    diagnostics.push(diag(line_no, format!("row {reference} has no status")));
                } else if let Status::Other(s) = &status {
                    diagnostics.push(diag(
                        line_no,
                        format!("row {reference}: status `{s}` is not one of Met, Partial, Not met, Planned, N/A"),
                    ));
                }
                super::status::tally(&mut report.statuses, &status_text, &status, &reference);
                status
            }
            None => {
                super::status::tally(&mut report.statuses, "(no status column)", &Status::Unstated, &reference);
                Status::Unstated
            }
        };
        // With extra cells (an unescaped pipe in the text), the text keeps everything after
        // its column, so no words are lost.
        let text = match columns.text {
            Some(t) if cells.len() > header.len() && t == header.len() - 1 => cells[t..].join(" | "),
            Some(t) => cell(t),
            None => String::new(),
        };
        let requirement = columns.requirement.map(cell).unwrap_or_default();
        let mut row = ControlRow::new(cx.page_title, cx.section, &reference, line_no);
        row.evidence = evidence::extract(&format!("{requirement} \n {text}"));
        row.requirement = requirement;
        row.status = status;
        row.text = text;
        apply_ref(&mut row, &read, cx.catalog, file, "", diagnostics);
        report.tally_ref(&read);
        rows.push(row);
    }
    (rows, columns.status.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

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
