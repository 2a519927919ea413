//! Posture: the company's compliance material, parsed into control rows, prose passages and
//! evidence pointers, with a report per file of how it was read.
//!
//! The forms read: pages with tables of `Ref`/`Status` columns (the embedded default's layout,
//! markdown or HTML: [`page`]); Statement of Applicability spreadsheets, CSV or workbook
//! ([`sheet`]); control lists without statuses; headings-and-bullets SoAs and control guidance
//! pages ([`outline`]). Refs are read by [`refs`] (ISO 27001:2022 and 2013, NIST SP 800-53,
//! SOC 2), statuses by [`status`]. Parsing never fails: what cannot be read becomes a
//! [`Diagnostic`], and what was understood or skipped goes into the file's [`FileReport`].

#[cfg(feature = "files")]
mod outline;
#[cfg(feature = "files")]
mod page;
pub mod refs;
mod report;
#[cfg(feature = "files")]
mod sheet;
pub(crate) mod status;

#[cfg(feature = "files")]
pub use page::parse_any_page;
pub use report::FileReport;
#[cfg(feature = "files")]
pub use report::Form;
#[cfg(feature = "files")]
pub use sheet::read_file;
pub use status::states_in_place;

use std::fmt;

use serde::{Deserialize, Serialize};

#[cfg(feature = "files")]
use crate::catalog::{Catalog, RefExpansion};
use crate::evidence::Pointer;
#[cfg(feature = "files")]
use crate::evidence::{self, CitedIn};
#[cfg(feature = "files")]
use crate::magic::Magic;
#[cfg(feature = "files")]
use crate::model::ControlId;
use crate::model::EvidenceRef;
use crate::model::{ControlRow, Standard, Status};

/// The files of the embedded default posture, by name.
pub const DEFAULT_FILES: [&str; 2] = ["glassbreak-iso27001.txt", "glassbreak-iso22301.txt"];

/// The embedded default posture: Glassbreak's two published pages, byte for byte. (The
/// browser's first module opens them prebuilt and does not hold the pages.)
#[cfg(feature = "files")]
pub const DEFAULT_PAGES: &[(&str, &str)] = &[
    (DEFAULT_FILES[0], include_str!("../../../assets/posture/glassbreak-iso27001.txt")),
    (DEFAULT_FILES[1], include_str!("../../../assets/posture/glassbreak-iso22301.txt")),
];

/// A posture page file's text: UTF-8 (with or without BOM), UTF-16 with a BOM, else
/// Windows-1252. Files that are not text (a PDF, an image, a workbook) are refused by name.
#[cfg(feature = "files")]
pub fn decode_page(file: &str, bytes: &[u8]) -> Result<String, String> {
    if bytes.len() > crate::limits::MAX_PAGE_BYTES {
        return Err(format!(
            "{file}: the page is {:.1} MB, over the limit of {} MB for a posture page",
            bytes.len() as f64 / 1e6,
            crate::limits::MAX_PAGE_BYTES / (1024 * 1024)
        ));
    }
    let kind = match crate::magic::magic(bytes) {
        Some(Magic::Pdf) => Some("a PDF"),
        Some(Magic::Zip) => Some("a zip archive or workbook"),
        Some(Magic::Png | Magic::Jpeg) => Some("an image"),
        _ => None,
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
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Posture {
    pub pages: Vec<Page>,
    pub rows: Vec<ControlRow>,
    pub passages: Vec<Passage>,
    pub pointers: Vec<Pointer>,
    pub diagnostics: Vec<Diagnostic>,
    /// Per file: the form recognised, columns, status words and ref styles understood, what
    /// was skipped.
    #[serde(default)]
    pub reports: Vec<FileReport>,
}

impl Posture {
    /// The embedded default: [`DEFAULT_PAGES`].
    #[cfg(feature = "files")]
    pub fn embedded_default() -> Posture {
        Posture::from_pages(DEFAULT_PAGES.iter().copied())
    }

    /// Parses pages given as `(file name, text)`.
    #[cfg(feature = "files")]
    pub fn from_pages<'a>(pages: impl IntoIterator<Item = (&'a str, &'a str)>) -> Posture {
        let catalog = Catalog::embedded();
        let mut posture = Posture {
            pages: Vec::new(),
            rows: Vec::new(),
            passages: Vec::new(),
            pointers: Vec::new(),
            diagnostics: Vec::new(),
            reports: Vec::new(),
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
            parsed.report.rows = parsed.rows.len();
            posture.reports.push(parsed.report);
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
                        .filter(|e| e.kind == crate::model::EvidenceKind::DrScenario)
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

/// Fills `row`'s controls, framework, translation and ref link from `read`; a ref that cannot be
/// read, or names a control the catalog lacks, becomes a diagnostic (`at` says where in the
/// file, for sheets).
#[cfg(feature = "files")]
pub(crate) fn apply_ref(
    row: &mut ControlRow,
    read: &refs::ReadRef,
    catalog: &Catalog,
    file: &str,
    at: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let diag =
        |message: String| Diagnostic { file: file.to_string(), line: row.line, message: format!("{at}{message}") };
    row.controls = match &read.expansion {
        RefExpansion::Controls(ids) => {
            for id in ids.iter().filter(|id| !catalog.contains(id)) {
                diagnostics.push(diag(format!("ref {}: {} is not in {}", row.reference, id.id, id.standard.name())));
            }
            ids.iter().filter(|id| catalog.contains(id)).cloned().collect()
        }
        RefExpansion::Named => Vec::new(),
        RefExpansion::Unparsed(why) => {
            diagnostics.push(diag(format!("ref `{why}` could not be read as controls")));
            Vec::new()
        }
    };
    row.framework = read.style.framework().map(str::to_string);
    row.translated = read.translated.clone();
    if let Some(link) = &read.link {
        row.evidence.extend(refs::link_evidence(link));
    }
}

/// One page, parsed.
#[cfg(feature = "files")]
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedPage {
    pub page: Page,
    pub rows: Vec<ControlRow>,
    pub passages: Vec<Passage>,
    pub diagnostics: Vec<Diagnostic>,
    pub report: FileReport,
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
}
