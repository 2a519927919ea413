//! Posture pages published as HTML: a trust site's page is turned into the line-structured text
//! the posture parser reads (a title line, headings, paragraphs, `- ` items and pipe tables), with
//! the source line of every line kept so that diagnostics point into the HTML file.
//!
//! Tables are read whatever their column order: the posture parser finds `Ref`, `Requirement`,
//! `Status` and `How` by header text. Links keep their target beside their text, so evidence
//! pointers (`/security/crypto`, `mailto:` addresses) are found as on a text page. Scripts,
//! styles, navigation and footers are left out.
//!
//! A table inside a cell of another table is read as a table of its own, in document order
//! (a layout table around data tables is common); a `<caption>` is its table's heading; a row
//! repeating the header row is not a row. The work is bounded whatever the page: tables nested
//! deeper than [`limits::MAX_TABLE_DEPTH`] are not read, a cell or line is cut at
//! [`limits::MAX_PAGE_CELL_CHARS`], and rows past [`limits::MAX_PAGE_ROWS`] are not read — each
//! cut is reported in [`PageText::notes`] with the HTML line where it happened.
//!
//! html5gum tokenizes (WHATWG-compliant, no dependencies); tree building is not needed because
//! only text, headings, lists, paragraphs and tables matter here.

use html5gum::{DefaultEmitter, Token, Tokenizer};

use crate::limits;

/// An HTML page as posture text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PageText {
    /// The page as the line-structured text the posture parser reads.
    pub text: String,
    /// For each line of `text`, the 1-based line of the HTML it came from.
    pub lines: Vec<usize>,
    /// What was cut to keep the work bounded: (HTML line, message).
    pub notes: Vec<(usize, String)>,
}

/// Is this file an HTML page (by name, or by content when the name says nothing)?
pub fn is_html(file: &str, text: &str) -> bool {
    let lower = file.to_lowercase();
    if lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".xhtml") {
        return true;
    }
    if lower.ends_with(".md") || lower.ends_with(".txt") || lower.ends_with(".markdown") {
        return false;
    }
    let head = text.trim_start_matches('\u{feff}').trim_start();
    // The first 200 bytes, cut on a character boundary (a multibyte character there panicked).
    let end = (0..=head.len().min(200)).rev().find(|&i| head.is_char_boundary(i)).unwrap_or(0);
    let head = &head[..end].to_lowercase();
    head.starts_with("<!doctype html")
        || head.starts_with("<html")
        || head.starts_with("<table")
        || head.starts_with("<body")
}

/// The page as posture text, with the HTML line of each of its lines and what was cut.
pub fn to_page_text(html: &str) -> PageText {
    let mut out = Writer::new(html);
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    emitter.naively_switch_states(true);
    for token in Tokenizer::new_with_emitter(html, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let attr = |key: &str| {
                    tag.attributes.get(key.as_bytes()).map(|v| String::from_utf8_lossy(&v.value).into_owned())
                };
                out.start(&name, tag.span.start, attr("href"), attr("colspan"), tag.self_closing);
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                out.end(&name, tag.span.start);
            }
            Token::String(text) => out.text(&String::from_utf8_lossy(&text.value), text.span.start),
            _ => {}
        }
    }
    out.finish()
}

/// Elements whose content is never page text.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "nav", "footer", "svg", "button", "select", "form", "iframe", "object",
];

/// Elements that end a line of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "aside",
    "blockquote",
    "ul",
    "ol",
    "dl",
    "li",
    "dt",
    "dd",
    "pre",
    "figure",
    "figcaption",
    "details",
    "summary",
    "address",
    "hr",
    "br",
    "body",
    "html",
];

struct TableState {
    rows: Vec<Vec<String>>,
    /// The source line of each row.
    lines: Vec<usize>,
    in_cell: bool,
    /// Where in the output the table goes: where it started, so that a table nested in it
    /// (finished first) comes after it.
    at: usize,
    caption: Option<(usize, String)>,
    in_caption: bool,
}

struct Writer<'a> {
    html: &'a str,
    /// Byte offsets where each source line starts.
    line_starts: Vec<usize>,
    lines: Vec<(usize, String)>,
    current: String,
    current_line: usize,
    /// How deep inside skipped elements we are.
    skip: usize,
    title: Option<String>,
    in_title: bool,
    heading: Option<usize>,
    list_item: bool,
    term: Option<String>,
    in_term: bool,
    link: Option<String>,
    tables: Vec<TableState>,
    /// How deep inside tables nested past the limit we are (their content is not read).
    too_deep: usize,
    /// Table rows read so far (the page's row budget).
    rows_read: usize,
    notes: Vec<(usize, String)>,
    /// Whether each budget's cut was reported already (once per page).
    reported_depth: bool,
    reported_rows: bool,
    /// Cells and lines cut at the text budget: the last one's line, and how many.
    cuts: Option<(usize, usize)>,
    first_cut: Option<usize>,
}

impl<'a> Writer<'a> {
    fn new(html: &'a str) -> Writer<'a> {
        let line_starts = std::iter::once(0).chain(html.match_indices('\n').map(|(i, _)| i + 1)).collect();
        Writer {
            html,
            line_starts,
            lines: Vec::new(),
            current: String::new(),
            current_line: 1,
            skip: 0,
            title: None,
            in_title: false,
            heading: None,
            list_item: false,
            term: None,
            in_term: false,
            link: None,
            tables: Vec::new(),
            too_deep: 0,
            rows_read: 0,
            notes: Vec::new(),
            reported_depth: false,
            reported_rows: false,
            cuts: None,
            first_cut: None,
        }
    }

    /// Records that the text of a cell or line (on `line`) was cut at the budget.
    fn cut_at(&mut self, line: usize) {
        match self.cuts.as_mut() {
            Some((last, n)) if *last != line => {
                *n += 1;
                *last = line;
            }
            Some(_) => {}
            None => self.cuts = Some((line, 1)),
        }
        if self.first_cut.is_none() {
            self.first_cut = Some(line);
        }
    }

    fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.html.len());
        self.line_starts.partition_point(|&s| s <= offset).max(1)
    }

    fn start(&mut self, name: &str, at: usize, href: Option<String>, colspan: Option<String>, self_closing: bool) {
        if SKIPPED.contains(&name) {
            if !self_closing {
                self.skip += 1;
            }
            return;
        }
        if self.skip > 0 {
            return;
        }
        if self.too_deep > 0 {
            if name == "table" && !self_closing {
                self.too_deep += 1;
            }
            return;
        }
        match name {
            "title" => self.in_title = true,
            "table" => self.start_table(at),
            "tr" => self.start_row(at),
            "td" | "th" => self.start_cell(at, colspan),
            "caption" => {
                let line = self.line_of(at);
                match self.tables.last_mut() {
                    Some(t) => {
                        t.in_caption = true;
                        t.caption = Some((line, String::new()));
                    }
                    None => self.flush(),
                }
            }
            // A heading inside a table cell is the cell's text.
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" if self.tables.is_empty() => {
                self.flush();
                self.heading = Some(name[1..].parse().unwrap_or(2));
                self.current_line = self.line_of(at);
            }
            "a" => self.link = href,
            "dt" => {
                self.flush();
                self.in_term = true;
            }
            "li" => {
                self.flush();
                self.list_item = true;
                self.current_line = self.line_of(at);
            }
            "br" | "hr" => self.block_break(),
            "img" | "input" | "meta" | "link" => {}
            _ if BLOCKS.contains(&name) => self.block_break(),
            _ => {}
        }
    }

    /// A table opens: read as a table of its own unless it is nested past the depth limit (then
    /// its content is not read, said once per page).
    fn start_table(&mut self, at: usize) {
        if self.tables.len() >= limits::MAX_TABLE_DEPTH {
            self.too_deep = 1;
            if !std::mem::replace(&mut self.reported_depth, true) {
                let line = self.line_of(at);
                self.notes.push((
                    line,
                    format!(
                        "tables nested more than {} deep are not read (the first is on this line)",
                        limits::MAX_TABLE_DEPTH
                    ),
                ));
            }
            return;
        }
        self.flush();
        let at = self.lines.len();
        self.tables.push(TableState {
            rows: Vec::new(),
            lines: Vec::new(),
            in_cell: false,
            at,
            caption: None,
            in_caption: false,
        });
    }

    /// A table row opens, while the page has rows left.
    fn start_row(&mut self, at: usize) {
        let line = self.line_of(at);
        if self.tables.is_empty() {
            return;
        }
        if !self.room_for_a_row(line) {
            if let Some(t) = self.tables.last_mut() {
                t.in_cell = false;
            }
            return;
        }
        if let Some(t) = self.tables.last_mut() {
            t.rows.push(Vec::new());
            t.lines.push(line);
            t.in_cell = false;
        }
    }

    /// A cell opens (a row too, when the table has none yet); a cell spanning columns keeps the
    /// table rectangular.
    fn start_cell(&mut self, at: usize, colspan: Option<String>) {
        let line = self.line_of(at);
        let needs_row = self.tables.last().is_some_and(|t| t.rows.is_empty());
        if self.tables.is_empty() || (needs_row && !self.room_for_a_row(line)) {
            return;
        }
        if self.rows_read > limits::MAX_PAGE_ROWS {
            return;
        }
        if let Some(t) = self.tables.last_mut() {
            if t.rows.is_empty() {
                t.rows.push(Vec::new());
                t.lines.push(line);
            }
            let row = t.rows.last_mut().expect("a row");
            row.push(String::new());
            let span = colspan.and_then(|c| c.trim().parse::<usize>().ok()).unwrap_or(1).clamp(1, 50);
            for _ in 1..span {
                row.push(String::new());
            }
            if span > 1 {
                // Text goes into the first of the spanned cells.
                let n = row.len();
                row.swap(n - span, n - 1);
            }
            t.in_cell = true;
        }
    }

    fn end(&mut self, name: &str, _at: usize) {
        if SKIPPED.contains(&name) {
            self.skip = self.skip.saturating_sub(1);
            return;
        }
        if self.skip > 0 {
            return;
        }
        if self.too_deep > 0 {
            if name == "table" {
                self.too_deep -= 1;
            }
            return;
        }
        match name {
            "title" => self.in_title = false,
            "a" => {
                if let Some(href) = self.link.take() {
                    let target = href.trim();
                    let target = target.strip_prefix("mailto:").unwrap_or(target);
                    let shown = self.cell_or_line().to_string();
                    if !target.is_empty()
                        && !target.starts_with('#')
                        && !target.starts_with("javascript:")
                        && !shown.contains(target)
                    {
                        let addition = format!(" ({target})");
                        self.push_text(&addition);
                    }
                }
            }
            "td" | "th" => {
                if let Some(t) = self.tables.last_mut() {
                    t.in_cell = false;
                }
            }
            "table" => {
                // A table inside a cell is a table of its own, written where it started.
                if let Some(t) = self.tables.pop() {
                    self.write_table(t);
                }
            }
            "caption" => match self.tables.last_mut() {
                Some(t) => t.in_caption = false,
                None => {
                    let text = clean(&self.current);
                    self.current.clear();
                    if !text.is_empty() {
                        let line = self.current_line;
                        self.lines.push((line, format!("## {text}")));
                    }
                }
            },
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => self.flush(),
            "dt" => {
                self.in_term = false;
                let text = clean(&self.current);
                self.current.clear();
                self.term = (!text.is_empty()).then_some(text);
            }
            "dd" => self.flush(),
            "li" => self.flush(),
            _ if BLOCKS.contains(&name) => self.block_break(),
            _ => {}
        }
    }

    /// The text being written: the open table cell, or the current line.
    fn cell_or_line(&self) -> &str {
        match self.tables.last() {
            Some(t) if t.in_cell => t.rows.last().and_then(|r| r.last()).map(String::as_str).unwrap_or(""),
            _ => &self.current,
        }
    }

    fn push_text(&mut self, text: &str) {
        let line = self.current_line;
        let cut = match self.tables.last_mut() {
            Some(t) if t.in_caption => match t.caption.as_mut() {
                Some((_, caption)) => push_within(caption, text).then_some(line),
                None => None,
            },
            Some(t) if t.in_cell => {
                let row_line = t.lines.last().copied().unwrap_or(line);
                match t.rows.last_mut().and_then(|r| r.last_mut()) {
                    Some(cell) => push_within(cell, text).then_some(row_line),
                    None => None,
                }
            }
            // Text between cells is whitespace or stray; it is not page text.
            Some(_) => None,
            None => push_within(&mut self.current, text).then_some(line),
        };
        if let Some(line) = cut {
            self.cut_at(line);
        }
    }

    /// Whether the page's row budget has room for one more table row; says so once when not.
    fn room_for_a_row(&mut self, line: usize) -> bool {
        self.rows_read += 1;
        if self.rows_read <= limits::MAX_PAGE_ROWS {
            return true;
        }
        if !std::mem::replace(&mut self.reported_rows, true) {
            self.notes.push((
                line,
                format!(
                    "only the first {} rows were loaded; rows from this line on are not read",
                    limits::MAX_PAGE_ROWS
                ),
            ));
        }
        false
    }

    fn text(&mut self, text: &str, at: usize) {
        if self.skip > 0 || self.too_deep > 0 {
            return;
        }
        if self.in_title {
            let t = clean(text);
            if !t.is_empty() && self.title.is_none() {
                self.title = Some(t);
            }
            return;
        }
        if self.tables.is_empty() && self.current.trim().is_empty() && !text.trim().is_empty() {
            self.current_line = self.line_of(at + (text.len() - text.trim_start().len()));
        }
        self.push_text(text);
    }

    /// A block boundary: inside a table cell it is a space, elsewhere it ends the line.
    fn block_break(&mut self) {
        match self.tables.last() {
            Some(t) if t.in_cell => self.push_text(" "),
            Some(_) => {}
            None => self.flush(),
        }
    }

    fn flush(&mut self) {
        if !self.tables.is_empty() || self.in_term {
            return;
        }
        let (text, cut) = clean_cut(&self.current);
        self.current.clear();
        let line = self.current_line;
        if cut {
            self.cut_at(line);
        }
        if let Some(level) = self.heading.take() {
            if !text.is_empty() {
                self.lines.push((line, format!("{} {text}", "#".repeat(level))));
            }
        } else if self.term.is_some() {
            // A definition: `Status` + `not certified` is the line `Status: not certified`.
            if !text.is_empty() {
                let term = self.term.take().unwrap_or_default();
                self.lines.push((line, format!("{term}: {text}")));
            }
        } else if !text.is_empty() {
            let item = std::mem::take(&mut self.list_item);
            self.lines.push((line, if item { format!("- {text}") } else { text }));
        }
        self.list_item = false;
    }

    /// Writes a finished table where it started: a blank line (so that it never runs on into
    /// a table before it), its caption as a heading, the header, and the rows that are not
    /// empty and do not repeat the header.
    fn write_table(&mut self, t: TableState) {
        let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
        for (line, raw) in t.lines.into_iter().zip(t.rows) {
            let mut cells = Vec::with_capacity(raw.len());
            for cell in &raw {
                let (text, cut) = clean_cut(cell);
                if cut {
                    self.cut_at(line);
                }
                cells.push(text.replace('|', "\\|"));
            }
            if cells.iter().any(|c| !c.is_empty()) {
                rows.push((line, cells));
            }
        }
        let Some((first_line, header)) = rows.first().cloned() else { return };
        let mut out: Vec<(usize, String)> = Vec::new();
        out.push((first_line, String::new()));
        if let Some((line, caption)) = t.caption.map(|(l, c)| (l, clean(&c))).filter(|(_, c)| !c.is_empty()) {
            out.push((line, format!("## {caption}")));
        }
        for (n, (line, cells)) in rows.iter().enumerate() {
            if n > 0 && *cells == header {
                continue;
            }
            out.push((*line, format!("| {} |", cells.join(" | "))));
            if n == 0 {
                out.push((*line, format!("|{}|", vec!["---"; header.len()].join("|"))));
            }
        }
        let at = t.at.min(self.lines.len());
        self.lines.splice(at..at, out);
    }

    fn finish(mut self) -> PageText {
        // Tables never closed end with the page.
        while let Some(t) = self.tables.pop() {
            self.write_table(t);
        }
        self.flush();
        if let (Some(first), Some((_, n))) = (self.first_cut, self.cuts) {
            self.notes.push((
                first,
                format!(
                    "text cut to its first {} characters in {n} cell{} or line{} (the first on this line)",
                    limits::MAX_PAGE_CELL_CHARS,
                    if n == 1 { "" } else { "s" },
                    if n == 1 { "" } else { "s" }
                ),
            ));
        }
        self.notes.sort_by_key(|(line, _)| *line);
        // The title line first: the first heading, else the document's <title>.
        let first_is_heading = self.lines.first().is_some_and(|(_, l)| l.starts_with("# "));
        if !first_is_heading {
            if let Some(pos) = self.lines.iter().position(|(_, l)| l.starts_with("# ")) {
                let title = self.lines.remove(pos);
                self.lines.insert(0, title);
            } else if let Some(title) = self.title.take() {
                self.lines.insert(0, (1, format!("# {title}")));
            }
        }
        let text = self.lines.iter().map(|(_, l)| l.as_str()).collect::<Vec<_>>().join("\n");
        let lines = self.lines.iter().map(|(n, _)| *n).collect();
        PageText { text, lines, notes: self.notes }
    }
}

/// Appends `text` to `to`, up to four bytes per character of the text budget (whitespace
/// collapses later, so the characters kept are counted by [`clean_cut`]); true when it cut.
fn push_within(to: &mut String, text: &str) -> bool {
    let budget = limits::MAX_PAGE_CELL_CHARS * 4;
    if to.len() >= budget {
        return !text.trim().is_empty();
    }
    let room = budget - to.len();
    if text.len() <= room {
        to.push_str(text);
        return false;
    }
    let mut end = room;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    to.push_str(&text[..end]);
    true
}

/// Collapses whitespace (HTML renders any run of it as one space).
fn clean(text: &str) -> String {
    clean_cut(text).0
}

/// [`clean`], keeping at most [`limits::MAX_PAGE_CELL_CHARS`] characters; true when it cut.
fn clean_cut(text: &str) -> (String, bool) {
    let mut out = String::new();
    let mut chars = 0;
    for word in text.split_whitespace() {
        let room = limits::MAX_PAGE_CELL_CHARS.saturating_sub(chars + usize::from(!out.is_empty()));
        let len = word.chars().count();
        if !out.is_empty() {
            if room == 0 {
                return (out, true);
            }
            out.push(' ');
            chars += 1;
        }
        if len > room {
            out.extend(word.chars().take(room));
            return (out, true);
        }
        out.push_str(word);
        chars += len;
    }
    (out, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_trust_page_becomes_title_status_and_a_table() {
        let html = r#"<!doctype html><html><head><title>Trust</title><style>td{color:red}</style></head>
<body><nav><a href="/">Home</a></nav>
<h1>Acme — ISO/IEC 27001:2022</h1>
<p>Status: certified since 2024</p>
<h2>Annex A</h2>
<table>
<thead><tr><th>Status</th><th>How</th><th>Ref</th><th>Requirement</th></tr></thead>
<tbody>
<tr><td>Met</td><td>AES-256; see <a href="/security/crypto">crypto page</a>.</td><td>A.8.24</td><td>Use of cryptography</td></tr>
<tr><td>Planned</td><td>Feed a | b<br>next quarter</td><td>A.5.7</td><td>Threat intelligence</td></tr>
</tbody></table>
<script>alert("no")</script>
<footer>© Acme</footer></body></html>"#;
        let PageText { text, lines: map, notes } = to_page_text(html);
        assert!(notes.is_empty(), "{notes:?}");
        let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(lines[0], "# Acme — ISO/IEC 27001:2022");
        assert_eq!(lines[1], "Status: certified since 2024");
        assert_eq!(lines[2], "## Annex A");
        assert_eq!(lines[3], "| Status | How | Ref | Requirement |");
        assert_eq!(lines[5], "| Met | AES-256; see crypto page (/security/crypto). | A.8.24 | Use of cryptography |");
        assert_eq!(lines[6], "| Planned | Feed a \\| b next quarter | A.5.7 | Threat intelligence |");
        assert!(!text.contains("alert") && !text.contains("Home") && !text.contains("©"));
        assert_eq!(map.len(), text.lines().count());
        assert_eq!(map[0], 3, "the h1 is on line 3 of the HTML");
        let row = text.lines().position(|l| l.starts_with("| Met")).unwrap();
        assert_eq!(map[row], 9);
    }

    #[test]
    fn a_page_without_headings_takes_its_title_and_lists_stay_items() {
        let text = to_page_text("<title>Security at Acme</title><ul><li>SSO for all staff</li><li>MFA</li></ul><dl><dt>Status</dt><dd>not certified</dd></dl>").text;
        assert_eq!(text, "# Security at Acme\n- SSO for all staff\n- MFA\nStatus: not certified");
    }

    fn table(caption: &str, rows: &[[&str; 2]], inner: &str) -> String {
        let body: String =
            rows.iter().map(|[r, s]| format!("<tr><td>{r}</td><td>{s}</td></tr>")).collect::<Vec<_>>().join("");
        format!("<table><caption>{caption}</caption><tr><th>Ref</th><th>Status</th></tr>{body}<tr><td colspan=2>{inner}</td></tr></table>")
    }

    #[test]
    fn nested_tables_are_tables_of_their_own_in_document_order() {
        let inner = table("Inner", &[["A.8.2", "Partial"]], "");
        let outer = table("Outer", &[["A.5.1", "Met"]], &inner);
        let text = to_page_text(&format!("<h1>T</h1>{outer}{}", table("Next", &[["A.6.1", "Met"]], ""))).text;
        let lines: Vec<&str> = text.lines().filter(|l| !l.is_empty()).collect();
        assert_eq!(
            lines,
            vec![
                "# T",
                "## Outer",
                "| Ref | Status |",
                "|---|---|",
                "| A.5.1 | Met |",
                "## Inner",
                "| Ref | Status |",
                "|---|---|",
                "| A.8.2 | Partial |",
                "## Next",
                "| Ref | Status |",
                "|---|---|",
                "| A.6.1 | Met |",
            ]
        );
        // Each table is its own block: no header row of a later table is read as a row.
        let parsed = crate::posture::parse_any_page(
            "n.html",
            &format!("<h1>T</h1><p>Status: x</p>{outer}"),
            &crate::Catalog::embedded(),
        );
        let refs: Vec<&str> = parsed.rows.iter().map(|r| r.reference.as_str()).collect();
        assert_eq!(refs, vec!["A.5.1", "A.8.2"]);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    }

    #[test]
    fn a_repeated_header_row_is_not_a_row() {
        let html = "<table><tr><th>Ref</th><th>Status</th></tr><tr><td>A.5.1</td><td>Met</td></tr><tr><th>Ref</th><th>Status</th></tr><tr><td>A.5.2</td><td>Met</td></tr></table>";
        let rows = to_page_text(html).text.lines().filter(|l| l.starts_with("| ")).count();
        assert_eq!(rows, 3, "header, A.5.1, A.5.2");
    }

    #[test]
    fn tables_nested_past_the_limit_are_not_read_and_that_is_said() {
        let depth = limits::MAX_TABLE_DEPTH + 5;
        let mut html = String::from("<h1>Deep</h1>\n");
        for level in 0..depth {
            html.push_str(&format!(
                "<table><tr><th>Ref</th><th>Status</th></tr><tr><td>A.5.{}</td><td>Met\n",
                level + 1
            ));
        }
        html.push_str(&"</td></tr></table>".repeat(depth));
        let page = to_page_text(&html);
        let rows = page.text.lines().filter(|l| l.starts_with("| A.5.")).count();
        assert_eq!(rows, limits::MAX_TABLE_DEPTH);
        assert_eq!(
            page.notes,
            vec![(
                limits::MAX_TABLE_DEPTH + 2,
                format!(
                    "tables nested more than {} deep are not read (the first is on this line)",
                    limits::MAX_TABLE_DEPTH
                )
            )]
        );
        assert!(!page.text.contains(&format!("A.5.{}", limits::MAX_TABLE_DEPTH + 1)));
    }

    #[test]
    fn long_cells_and_too_many_rows_are_cut_and_said() {
        let long = "word ".repeat(limits::MAX_PAGE_CELL_CHARS);
        let html = format!("<p>intro</p>\n<table><tr><th>Ref</th><th>Status</th><th>How</th></tr>\n<tr><td>A.5.1</td><td>Met</td><td>{long}</td></tr></table>\n<p>{long}</p>");
        let page = to_page_text(&html);
        let longest = page.text.lines().map(|l| l.chars().count()).max().unwrap();
        assert!(longest <= limits::MAX_PAGE_CELL_CHARS + 30, "{longest}");
        assert_eq!(
            page.notes,
            vec![(
                3,
                format!(
                    "text cut to its first {} characters in 2 cells or lines (the first on this line)",
                    limits::MAX_PAGE_CELL_CHARS
                )
            )]
        );

        let mut many = String::from("<table><tr><th>Ref</th><th>Status</th></tr>\n");
        for n in 0..limits::MAX_PAGE_ROWS + 10 {
            many.push_str(&format!("<tr><td>A.5.{}</td><td>Met</td></tr>\n", n % 37 + 1));
        }
        let page = to_page_text(&many);
        assert_eq!(page.text.lines().filter(|l| l.starts_with("| A.5.")).count(), limits::MAX_PAGE_ROWS - 1);
        assert_eq!(page.notes.len(), 1);
        assert_eq!(
            page.notes[0].1,
            format!("only the first {} rows were loaded; rows from this line on are not read", limits::MAX_PAGE_ROWS)
        );
    }

    #[test]
    fn html_is_recognised_by_name_or_content() {
        assert!(is_html("trust.html", ""));
        assert!(is_html("page", "<!DOCTYPE html><p>x"));
        assert!(!is_html("page.md", "<!DOCTYPE html>"));
        assert!(!is_html("page", "# Title\n| Ref | Status |"));
        // The first 200 characters are read, wherever a byte boundary falls (issue 16).
        assert!(!is_html("", &format!("{}ن…", "x".repeat(199))));
    }
}
