//! The ISO/IEC 27001:2022 and ISO 22301:2019 catalogs, control ids, and row-ref expansion.
//!
//! A posture row's `Ref` cell (`A.5.3–5.6`, `Clause 8.2`, `API — primary`) is expanded here into
//! the catalog controls it covers. Coverage (which rows cover which control, and which controls
//! no row covers) is computed in [`coverage`].

use serde::{Deserialize, Serialize};

use crate::model::{ControlId, ControlRow, Standard, Status};

/// What a catalog entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntryKind {
    /// A management-system clause (4–10 and their sub-clauses).
    Clause,
    /// An Annex A theme (`A.5` Organisational …).
    Theme,
    /// An Annex A control.
    Control,
}

/// One entry of a standard's outline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogEntry {
    pub control: ControlId,
    pub kind: EntryKind,
    pub title: String,
}

impl CatalogEntry {
    /// A top-level clause (`4` … `10`).
    pub fn is_top_clause(&self) -> bool {
        self.kind == EntryKind::Clause && !self.control.id.contains('.')
    }
}

/// A catalog CSV that could not be read.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum CatalogError {
    #[error("{file}: row {row}: {reason}")]
    BadRow { file: String, row: usize, reason: String },
}

/// Both standards' outlines, in catalog order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    pub entries: Vec<CatalogEntry>,
}

const ISO27001_CSV: &str = include_str!("../../assets/catalog/iso27001-2022.csv");
const ISO22301_CSV: &str = include_str!("../../assets/catalog/iso22301-2019.csv");

impl Catalog {
    /// The embedded ISO/IEC 27001:2022 and ISO 22301:2019 outlines (parsed once per process).
    pub fn embedded() -> Catalog {
        static CELL: std::sync::OnceLock<Catalog> = std::sync::OnceLock::new();
        CELL.get_or_init(Catalog::parse_embedded).clone()
    }

    fn parse_embedded() -> Catalog {
        let mut entries = parse_catalog_csv("iso27001-2022.csv", Standard::Iso27001, ISO27001_CSV)
            .expect("embedded ISO 27001 catalog parses");
        entries.extend(
            parse_catalog_csv("iso22301-2019.csv", Standard::Iso22301, ISO22301_CSV)
                .expect("embedded ISO 22301 catalog parses"),
        );
        Catalog { entries }
    }

    pub fn get(&self, control: &ControlId) -> Option<&CatalogEntry> {
        self.entries.iter().find(|e| &e.control == control)
    }

    pub fn contains(&self, control: &ControlId) -> bool {
        self.get(control).is_some()
    }

    /// The Annex A controls of ISO/IEC 27001:2022 (93 of them).
    pub fn annex_a(&self) -> impl Iterator<Item = &CatalogEntry> {
        self.entries.iter().filter(|e| e.kind == EntryKind::Control)
    }

    pub fn title_of(&self, control: &ControlId) -> Option<&str> {
        self.get(control).map(|e| e.title.as_str())
    }
}

/// Reads an outline CSV with the columns `id,kind,parent,title`.
pub fn parse_catalog_csv(file: &str, standard: Standard, text: &str) -> Result<Vec<CatalogEntry>, CatalogError> {
    let mut entries = Vec::new();
    for (i, line) in text.lines().enumerate().skip(1).filter(|(_, l)| !l.trim().is_empty()) {
        let row = i + 1;
        let bad = |reason: &str| CatalogError::BadRow { file: file.to_string(), row, reason: reason.to_string() };
        let record = outline_fields(line).map_err(bad)?;
        let id = record.first().ok_or_else(|| bad("missing id"))?.trim();
        let kind = match record.get(1).ok_or_else(|| bad("missing kind"))?.trim() {
            // `annex-a` groups the Annex A themes: a heading, not a clause.
            "clause" if is_dotted_number(id) => EntryKind::Clause,
            "clause" => EntryKind::Theme,
            "annex_a_theme" => EntryKind::Theme,
            "annex_a_control" => EntryKind::Control,
            other => return Err(bad(&format!("unknown kind `{other}`"))),
        };
        let title = record.get(3).ok_or_else(|| bad("missing title"))?.trim();
        if id.is_empty() || title.is_empty() {
            return Err(bad("empty id or title"));
        }
        entries.push(CatalogEntry { control: ControlId::new(standard, id), kind, title: title.to_string() });
    }
    Ok(entries)
}

/// The fields of one line of an outline CSV (our own assets): separated by commas; a field in
/// double quotes may hold commas, and `""` for a quote. No field spans lines. Read by hand so
/// that the browser's first module, which opens the catalog, links no CSV reader.
fn outline_fields(line: &str) -> Result<Vec<String>, &'static str> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(std::mem::take(&mut field)),
            _ => field.push(c),
        }
    }
    if quoted {
        return Err("a quoted field is not closed");
    }
    fields.push(field);
    Ok(fields)
}

const ISO27001_2013_CSV: &str = include_str!("../../assets/catalog/iso27001-2013-to-2022.csv");

/// The ISO/IEC 27001:2022 Annex A controls an ISO/IEC 27001:2013 Annex A control (`A.10.1.1`)
/// became, from the public correspondence (ISO/IEC 27002:2022 Annex B); `None` for an id that
/// 2013 did not have. An objective (`A.9.2`) gives the controls of all its controls.
pub fn translate_2013(id: &str) -> Option<Vec<ControlId>> {
    static TABLE: std::sync::OnceLock<Vec<(&'static str, Vec<ControlId>)>> = std::sync::OnceLock::new();
    let table = TABLE.get_or_init(|| {
        ISO27001_2013_CSV
            .lines()
            .skip(1)
            .filter_map(|line| {
                let (old, new) = line.split_once(',')?;
                Some((old.trim(), new.split_whitespace().map(|n| ControlId::new(Standard::Iso27001, n)).collect()))
            })
            .collect()
    });
    let id = id.trim();
    let mut out: Vec<ControlId> = Vec::new();
    for (old, new) in table {
        let inside = *old == id || (old.starts_with(id) && old[id.len()..].starts_with('.'));
        if inside {
            for c in new {
                if !out.contains(c) {
                    out.push(c.clone());
                }
            }
        }
    }
    (!out.is_empty()).then_some(out)
}

/// How a row's `Ref` cell was understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefExpansion {
    /// The ref names catalog controls (`A.5.3–5.6`, `Clause 8.2`).
    Controls(Vec<ControlId>),
    /// The ref is a name of the page's own (`API — primary`, `Multi-cloud`): no controls.
    Named,
    /// The ref looks like a control reference but could not be read.
    Unparsed(String),
}

/// Expands a `Ref` cell into the controls it covers.
///
/// Annex A refs always belong to ISO/IEC 27001:2022; clause refs belong to the page's standard.
/// Ranges stay inside one theme (`A.5.3–5.6`) or one clause level (`Clause 4–6`).
pub fn expand_ref(reference: &str, page_standard: Option<Standard>) -> RefExpansion {
    let text = normalize_dashes(reference.trim());
    if text.is_empty() {
        return RefExpansion::Named;
    }
    let looks_like_control = {
        let lower = text.to_ascii_lowercase();
        lower.starts_with("a.") || lower.starts_with("clause") || starts_with_number(&text)
    };
    if !looks_like_control {
        return RefExpansion::Named;
    }
    let mut controls = Vec::new();
    let mut clause_mode = false;
    for part in split_ref_list(&text) {
        let mut part = part.trim();
        let lower = part.to_ascii_lowercase();
        for prefix in ["clauses", "clause", "cl."] {
            if lower.starts_with(prefix) {
                part = part[prefix.len()..].trim();
                clause_mode = true;
                break;
            }
        }
        if part.is_empty() {
            continue;
        }
        let (annex, body) = match part.strip_prefix("A.").or_else(|| part.strip_prefix("a.")) {
            Some(rest) => (true, rest),
            None => (false, part),
        };
        if !annex && !clause_mode && !starts_with_number(body) {
            return RefExpansion::Unparsed(reference.to_string());
        }
        let standard = if annex {
            Standard::Iso27001
        } else {
            match page_standard {
                Some(s) => s,
                None => {
                    return RefExpansion::Unparsed(format!(
                        "{reference} (a clause of which standard? the page names none)"
                    ))
                }
            }
        };
        let ids = match body.split_once('-') {
            Some((from, to)) => {
                let to = to.trim();
                let to = to.strip_prefix("A.").or_else(|| to.strip_prefix("a.")).unwrap_or(to);
                match expand_range(from.trim(), to) {
                    Some(ids) => ids,
                    None => return RefExpansion::Unparsed(reference.to_string()),
                }
            }
            None => {
                if !is_dotted_number(body) {
                    return RefExpansion::Unparsed(reference.to_string());
                }
                vec![body.to_string()]
            }
        };
        for id in ids {
            let id = if annex { format!("A.{id}") } else { id };
            let control = ControlId::new(standard, id);
            if !controls.contains(&control) {
                controls.push(control);
            }
        }
    }
    if controls.is_empty() {
        RefExpansion::Unparsed(reference.to_string())
    } else {
        RefExpansion::Controls(controls)
    }
}

fn normalize_dashes(text: &str) -> String {
    text.replace(['–', '—', '‒', '−'], "-")
}

fn starts_with_number(text: &str) -> bool {
    text.chars().next().is_some_and(|c| c.is_ascii_digit())
}

fn is_dotted_number(text: &str) -> bool {
    !text.is_empty() && text.split('.').all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
}

/// Splits `A.5.1, A.5.2 and A.5.4` into its parts.
fn split_ref_list(text: &str) -> Vec<String> {
    text.replace(" and ", ",")
        .replace(['&', ';'], ",")
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// `5.3`..`5.6` → `5.3, 5.4, 5.5, 5.6`; `4`..`6` → `4, 5, 6`; the prefix must agree.
fn expand_range(from: &str, to: &str) -> Option<Vec<String>> {
    if !is_dotted_number(from) || !is_dotted_number(to) {
        return None;
    }
    let from_parts: Vec<&str> = from.split('.').collect();
    let to_parts: Vec<&str> = to.split('.').collect();
    // `A.5.3–6` is read as `A.5.3–5.6`.
    let to_parts: Vec<&str> = if to_parts.len() < from_parts.len() {
        let mut full = from_parts[..from_parts.len() - to_parts.len()].to_vec();
        full.extend(to_parts);
        full
    } else {
        to_parts
    };
    if to_parts.len() != from_parts.len() {
        return None;
    }
    let n = from_parts.len();
    if from_parts[..n - 1] != to_parts[..n - 1] {
        return None;
    }
    let start: u32 = from_parts[n - 1].parse().ok()?;
    let end: u32 = to_parts[n - 1].parse().ok()?;
    if end < start || end - start > 200 {
        return None;
    }
    let prefix = from_parts[..n - 1].join(".");
    Some((start..=end).map(|k| if prefix.is_empty() { k.to_string() } else { format!("{prefix}.{k}") }).collect())
}

/// How well one catalog control is covered by the posture.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ControlCoverage {
    pub control: ControlId,
    pub kind: EntryKind,
    pub title: String,
    /// Indexes into the posture's rows, most specific row first.
    pub rows: Vec<usize>,
    /// The status of the most specific covering row; `None` is a gap.
    pub status: Option<Status>,
}

impl ControlCoverage {
    pub fn is_gap(&self) -> bool {
        self.rows.is_empty()
    }
}

/// For each catalog entry, the rows that cover it: a row covers the controls its ref expands to
/// and everything within them (a row for `Clause 8` covers `8.1`). The status shown is the most
/// specific row's (fewest controls), the worse one on a tie. An entry no row names but whose
/// sub-clauses or controls are covered (ISO 22301 clause 8, a theme) takes the worst status of
/// those rows and lists them.
pub fn coverage(catalog: &Catalog, rows: &[ControlRow]) -> Vec<ControlCoverage> {
    catalog
        .entries
        .iter()
        .map(|entry| {
            let mut covering: Vec<usize> = rows
                .iter()
                .enumerate()
                .filter(|(_, row)| row.controls.iter().any(|c| entry.control.is_within(c)))
                .map(|(i, _)| i)
                .collect();
            covering.sort_by_key(|&i| (rows[i].controls.len(), rows[i].status.rank()));
            let mut status = covering.first().map(|&i| rows[i].status.clone());
            if covering.is_empty() {
                covering = rows
                    .iter()
                    .enumerate()
                    .filter(|(_, row)| row.controls.iter().any(|c| c.is_within(&entry.control)))
                    .map(|(i, _)| i)
                    .collect();
                status = covering.iter().map(|&i| rows[i].status.clone()).min_by_key(Status::rank);
            }
            ControlCoverage {
                control: entry.control.clone(),
                kind: entry.kind,
                title: entry.title.clone(),
                rows: covering,
                status,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(reference: &str, standard: Option<Standard>, expected: &[&str]) {
        match expand_ref(reference, standard) {
            RefExpansion::Controls(ids) => {
                let got: Vec<String> = ids.iter().map(|c| c.to_string()).collect();
                assert_eq!(got, expected, "expanding {reference}");
            }
            other => panic!("expanding {reference}: got {other:?}"),
        }
    }

    #[test]
    fn annex_ranges_expand_to_every_control() {
        check("A.5.3–5.6", None, &["ISO27001:A.5.3", "ISO27001:A.5.4", "ISO27001:A.5.5", "ISO27001:A.5.6"]);
        check(
            "A.7.9–7.14",
            None,
            &[
                "ISO27001:A.7.9",
                "ISO27001:A.7.10",
                "ISO27001:A.7.11",
                "ISO27001:A.7.12",
                "ISO27001:A.7.13",
                "ISO27001:A.7.14",
            ],
        );
        match expand_ref("A.8.25–8.34", None) {
            RefExpansion::Controls(ids) => assert_eq!(ids.len(), 10),
            other => panic!("{other:?}"),
        }
        check("A.8.24", Some(Standard::Iso22301), &["ISO27001:A.8.24"]);
        check("A.5.1-A.5.2", None, &["ISO27001:A.5.1", "ISO27001:A.5.2"]);
        check("A.5.1, A.5.7 and A.8.2", None, &["ISO27001:A.5.1", "ISO27001:A.5.7", "ISO27001:A.8.2"]);
    }

    #[test]
    fn clause_refs_take_the_page_standard() {
        check("Clause 8.2", Some(Standard::Iso22301), &["ISO22301:8.2"]);
        check("Clause 4", Some(Standard::Iso27001), &["ISO27001:4"]);
        check("Clauses 4–6", Some(Standard::Iso27001), &["ISO27001:4", "ISO27001:5", "ISO27001:6"]);
        assert!(matches!(expand_ref("Clause 4", None), RefExpansion::Unparsed(_)));
    }

    #[test]
    fn names_are_not_controls() {
        for name in ["API — primary", "Multi-cloud", "Backup integrity", ""] {
            assert_eq!(expand_ref(name, Some(Standard::Iso22301)), RefExpansion::Named, "{name}");
        }
    }

    #[test]
    fn broken_control_refs_are_reported() {
        for bad in ["A.5.9–4.1", "A.x", "Clause eight", "A.5.9–5.1"] {
            assert!(matches!(expand_ref(bad, None), RefExpansion::Unparsed(_)), "{bad}");
        }
    }

    #[test]
    fn embedded_catalog_has_93_annex_a_controls_and_both_clause_sets() {
        let catalog = Catalog::embedded();
        assert_eq!(catalog.annex_a().count(), 93);
        let top = |s: Standard| catalog.entries.iter().filter(|e| e.control.standard == s && e.is_top_clause()).count();
        assert_eq!(top(Standard::Iso27001), 7);
        assert_eq!(top(Standard::Iso22301), 7);
        assert_eq!(catalog.title_of(&ControlId::new(Standard::Iso27001, "A.8.24")), Some("Use of cryptography"));
        assert_eq!(
            catalog.title_of(&ControlId::new(Standard::Iso22301, "8.2")),
            Some("Business impact analysis and risk assessment")
        );
    }

    #[test]
    fn control_ids_round_trip_and_nest() {
        let id = ControlId::parse("ISO27001:A.8.24").unwrap();
        assert_eq!(id.to_string(), "ISO27001:A.8.24");
        assert_eq!(id.parent_id(), Some("A.8"));
        assert!(id.is_within(&ControlId::new(Standard::Iso27001, "A.8")));
        assert!(!ControlId::new(Standard::Iso27001, "A.8.2").is_within(&ControlId::new(Standard::Iso27001, "A.8.24")));
        assert!(ControlId::parse("NIST:AC-1").is_none());
    }

    #[test]
    fn every_2013_control_has_a_2022_counterpart_in_the_catalog() {
        let catalog = Catalog::embedded();
        let olds: Vec<&str> = ISO27001_2013_CSV.lines().skip(1).filter_map(|l| l.split(',').next()).collect();
        assert_eq!(olds.len(), 114, "ISO/IEC 27001:2013 Annex A has 114 controls");
        let mut reached: Vec<ControlId> = Vec::new();
        for old in &olds {
            let new = translate_2013(old).unwrap_or_else(|| panic!("{old} has no counterpart"));
            for c in new {
                assert!(catalog.contains(&c), "{old} → {c} is not a 2022 control");
                reached.push(c);
            }
        }
        // The 11 controls new in 2022 are the only ones no 2013 control became.
        let unreached: Vec<String> =
            catalog.annex_a().filter(|e| !reached.contains(&e.control)).map(|e| e.control.id.clone()).collect();
        assert_eq!(
            unreached,
            ["A.5.7", "A.5.23", "A.5.30", "A.7.4", "A.8.9", "A.8.10", "A.8.11", "A.8.12", "A.8.16", "A.8.23", "A.8.28"]
        );
        assert_eq!(translate_2013("A.10.1.1"), Some(vec![ControlId::new(Standard::Iso27001, "A.8.24")]));
        assert_eq!(translate_2013("A.10.1").map(|v| v.len()), Some(1), "an objective gives its controls' counterparts");
        assert_eq!(translate_2013("A.19.1.1"), None);
    }

    #[test]
    fn catalog_errors_name_file_and_row() {
        let err = parse_catalog_csv("x.csv", Standard::Iso27001, "id,kind,parent,title\n4,bogus,,T\n").unwrap_err();
        assert_eq!(err.to_string(), "x.csv: row 2: unknown kind `bogus`");
        let err =
            parse_catalog_csv("x.csv", Standard::Iso27001, "id,kind,parent,title\n\n5,clause,,\"Open\n").unwrap_err();
        assert_eq!(err.to_string(), "x.csv: row 3: a quoted field is not closed");
        let quoted =
            parse_catalog_csv("x.csv", Standard::Iso27001, "id,kind,parent,title\n5,clause,,\"A, \"\"B\"\"\"\n")
                .unwrap();
        assert_eq!(quoted[0].title, "A, \"B\"");
    }
}
