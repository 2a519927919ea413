//! Posture pages published as HTML: a trust site's page is turned into the line-structured text
//! the posture parser reads (a title line, headings, paragraphs, `- ` items and pipe tables), with
//! the source line of every line kept so that diagnostics point into the HTML file.
//!
//! Tables are read whatever their column order: the posture parser finds `Ref`, `Requirement`,
//! `Status` and `How` by header text. Links keep their target beside their text, so evidence
//! pointers (`/security/crypto`, `mailto:` addresses) are found as on a text page. Scripts,
//! styles, navigation and footers are left out.
//!
//! html5gum tokenizes (WHATWG-compliant, no dependencies); tree building is not needed because
//! only text, headings, lists, paragraphs and tables matter here.

use html5gum::{DefaultEmitter, Token, Tokenizer};

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

/// The page as posture text, and for each of its lines the 1-based line of the HTML it came from.
pub fn to_page_text(html: &str) -> (String, Vec<usize>) {
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
        match name {
            "title" => self.in_title = true,
            "table" => {
                self.flush();
                self.tables.push(TableState { rows: Vec::new(), lines: Vec::new(), in_cell: false });
            }
            "tr" => {
                let line = self.line_of(at);
                if let Some(t) = self.tables.last_mut() {
                    t.rows.push(Vec::new());
                    t.lines.push(line);
                    t.in_cell = false;
                }
            }
            "td" | "th" => {
                let line = self.line_of(at);
                if let Some(t) = self.tables.last_mut() {
                    if t.rows.is_empty() {
                        t.rows.push(Vec::new());
                        t.lines.push(line);
                    }
                    let row = t.rows.last_mut().expect("a row");
                    row.push(String::new());
                    // A cell spanning columns keeps the table rectangular.
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
            "caption" => self.flush(),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
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

    fn end(&mut self, name: &str, _at: usize) {
        if SKIPPED.contains(&name) {
            self.skip = self.skip.saturating_sub(1);
            return;
        }
        if self.skip > 0 {
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
                if let Some(t) = self.tables.pop() {
                    if self.tables.is_empty() {
                        self.write_table(t);
                    } else {
                        // A table inside a cell: its text joins the cell.
                        let text: Vec<String> = t.rows.iter().map(|r| r.join(" ")).collect();
                        self.push_text(&format!(" {} ", text.join(" ")));
                    }
                }
            }
            "caption" => {
                let text = clean(&self.current);
                self.current.clear();
                if !text.is_empty() {
                    let line = self.current_line;
                    self.lines.push((line, format!("## {text}")));
                }
            }
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
        if let Some(t) = self.tables.last_mut() {
            if t.in_cell {
                if let Some(cell) = t.rows.last_mut().and_then(|r| r.last_mut()) {
                    cell.push_str(text);
                }
            }
            // Text between cells is whitespace or stray; it is not page text.
            return;
        }
        self.current.push_str(text);
    }

    fn text(&mut self, text: &str, at: usize) {
        if self.skip > 0 {
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
        let text = clean(&self.current);
        self.current.clear();
        let line = self.current_line;
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

    fn write_table(&mut self, t: TableState) {
        let rows: Vec<(usize, Vec<String>)> = t
            .lines
            .into_iter()
            .zip(t.rows)
            .map(|(l, r)| (l, r.iter().map(|c| clean(c).replace('|', "\\|")).collect::<Vec<_>>()))
            .filter(|(_, r)| !r.is_empty() && r.iter().any(|c| !c.is_empty()))
            .collect();
        let Some(width) = rows.first().map(|(_, r)| r.len()) else { return };
        for (n, (line, cells)) in rows.iter().enumerate() {
            self.lines.push((*line, format!("| {} |", cells.join(" | "))));
            if n == 0 {
                self.lines.push((*line, format!("|{}|", vec!["---"; width].join("|"))));
            }
        }
    }

    fn finish(mut self) -> (String, Vec<usize>) {
        self.flush();
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
        let map = self.lines.iter().map(|(n, _)| *n).collect();
        (text, map)
    }
}

/// Collapses whitespace (HTML renders any run of it as one space).
fn clean(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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
        let (text, map) = to_page_text(html);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "# Acme — ISO/IEC 27001:2022");
        assert_eq!(lines[1], "Status: certified since 2024");
        assert_eq!(lines[2], "## Annex A");
        assert_eq!(lines[3], "| Status | How | Ref | Requirement |");
        assert_eq!(lines[5], "| Met | AES-256; see crypto page (/security/crypto). | A.8.24 | Use of cryptography |");
        assert_eq!(lines[6], "| Planned | Feed a \\| b next quarter | A.5.7 | Threat intelligence |");
        assert!(!text.contains("alert") && !text.contains("Home") && !text.contains("©"));
        assert_eq!(map.len(), lines.len());
        assert_eq!(map[0], 3, "the h1 is on line 3 of the HTML");
        assert_eq!(map[5], 9);
    }

    #[test]
    fn a_page_without_headings_takes_its_title_and_lists_stay_items() {
        let (text, _) = to_page_text("<title>Security at Acme</title><ul><li>SSO for all staff</li><li>MFA</li></ul><dl><dt>Status</dt><dd>not certified</dd></dl>");
        assert_eq!(text, "# Security at Acme\n- SSO for all staff\n- MFA\nStatus: not certified");
    }

    #[test]
    fn html_is_recognised_by_name_or_content() {
        assert!(is_html("trust.html", ""));
        assert!(is_html("page", "<!DOCTYPE html><p>x"));
        assert!(!is_html("page.md", "<!DOCTYPE html>"));
        assert!(!is_html("page", "# Title\n| Ref | Status |"));
    }
}
