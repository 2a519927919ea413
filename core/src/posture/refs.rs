//! Control refs as companies write them: ISO/IEC 27001:2022 (`A.8.24`, `Clause 8.2`), ISO/IEC
//! 27001:2013 (`A.10.1.1`, `A10.1.1`, translated to 2022), NIST SP 800-53 (`SC-28`, `AC-2(3)`),
//! SOC 2 (`CC6.1`), inside markdown emphasis or links (`**A.5.15**`, `[A.8.24](…)`), or a name
//! of the page's own (`API — primary`).

use serde::{Deserialize, Serialize};

use crate::catalog::{self, RefExpansion};
use crate::model::{ControlId, Standard};

/// Which kind of ref a cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RefStyle {
    /// ISO/IEC 27001:2022 Annex A or a clause of the page's standard.
    Iso2022,
    /// ISO/IEC 27001:2013 Annex A, translated to its 2022 counterparts.
    Iso2013,
    /// NIST SP 800-53 (`AC-2`, `SC-28`, `AC-2(3)`).
    Nist80053,
    /// SOC 2 Trust Services Criteria (`CC6.1`, `A1.2`).
    Soc2,
    /// A name of the page's own, or an id of the company's own framework (`DM.4.02`).
    Named,
}

impl RefStyle {
    /// For the parse report: `ISO/IEC 27001:2013 (translated to 2022)`.
    pub fn label(self) -> &'static str {
        match self {
            RefStyle::Iso2022 => "ISO 27001:2022 / ISO 22301 refs",
            RefStyle::Iso2013 => "ISO/IEC 27001:2013 Annex A refs (translated to 2022)",
            RefStyle::Nist80053 => "NIST SP 800-53 refs",
            RefStyle::Soc2 => "SOC 2 criteria refs",
            RefStyle::Named => "names or ids of the company's own",
        }
    }

    /// The framework a ref of this style belongs to, when it is not mapped onto the catalog.
    pub fn framework(self) -> Option<&'static str> {
        match self {
            RefStyle::Nist80053 => Some("NIST SP 800-53"),
            RefStyle::Soc2 => Some("SOC 2"),
            _ => None,
        }
    }
}

/// A ref cell, read.
#[derive(Debug, Clone, PartialEq)]
pub struct ReadRef {
    /// The ref as written, without markdown emphasis or link syntax: `A.5.15`.
    pub text: String,
    pub style: RefStyle,
    /// The catalog controls (2013 refs: their 2022 counterparts).
    pub expansion: RefExpansion,
    /// A link the ref carried (`[A.8.24](https://…)`): evidence.
    pub link: Option<String>,
    /// How a 2013 ref was translated: `A.10.1.1 (2013) → A.8.24`.
    pub translated: Option<String>,
}

/// Removes markdown emphasis and code marks and reduces `[text](url)` to `text`; returns the
/// text and the first link target.
pub fn strip_markdown(cell: &str) -> (String, Option<String>) {
    let mut out = String::new();
    let mut link = None;
    let mut rest = cell.trim();
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find("](").map(|c| open + c) else { break };
        let Some(end) = rest[close..].find(')').map(|e| close + e) else { break };
        out.push_str(&rest[..open]);
        out.push_str(&rest[open + 1..close]);
        if link.is_none() {
            link = Some(rest[close + 2..end].trim().to_string());
        }
        rest = &rest[end + 1..];
    }
    out.push_str(rest);
    let out: String = out.chars().filter(|c| !matches!(c, '*' | '`')).collect();
    let out = out.trim().trim_matches('_').trim().to_string();
    (out, link.filter(|l| !l.is_empty()))
}

/// The evidence a link points at: its path on the site (`https://acme.example/handbook/crypto`
/// → `/handbook/crypto`), as the page's own paths are read.
pub fn link_evidence(link: &str) -> Vec<crate::model::EvidenceRef> {
    let rest = link.split_once("://").map_or(link, |(_, r)| r);
    let path = if link.contains("://") { rest.find('/').map_or("", |at| &rest[at..]) } else { rest };
    let path = path.split(['?', '#']).next().unwrap_or("").trim_end_matches('/');
    if path.len() < 2 || !path.starts_with('/') {
        return Vec::new();
    }
    crate::evidence::extract(path)
}

/// NIST SP 800-53 control families.
const NIST_FAMILIES: [&str; 20] = [
    "AC", "AT", "AU", "CA", "CM", "CP", "IA", "IR", "MA", "MP", "PE", "PL", "PM", "PS", "PT", "RA", "SA", "SC", "SI",
    "SR",
];

/// `AC-2`, `SC-28`, `AC-2(3)`, `AC-2 (3)` → `AC-2(3)`.
pub fn nist_ref(text: &str) -> Option<String> {
    let t = text.trim();
    let (family, rest) = t.split_once('-')?;
    let family = family.trim();
    if !NIST_FAMILIES.contains(&family.to_ascii_uppercase().as_str()) || family.chars().any(|c| c.is_lowercase()) {
        return None;
    }
    let rest = rest.trim();
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    if digits.is_empty() || digits.len() > 2 {
        return None;
    }
    let tail = rest[digits.len()..].trim();
    let enhancement = if tail.is_empty() {
        String::new()
    } else {
        let inner = tail.strip_prefix('(')?.strip_suffix(')')?;
        if inner.is_empty() || inner.len() > 2 || !inner.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        format!("({inner})")
    };
    Some(format!("{}-{}{}", family.to_ascii_uppercase(), digits.trim_start_matches('0'), enhancement))
        .filter(|r| !r.contains("-(") && !r.ends_with('-'))
}

/// `CC6.1`, `A1.2`, `C1.1`, `PI1.3`, `P4.1` (SOC 2 Trust Services Criteria).
pub fn soc2_ref(text: &str) -> Option<String> {
    let t = text.trim();
    let prefix_len = t.chars().take_while(|c| c.is_ascii_uppercase()).count();
    let (prefix, rest) = t.split_at(prefix_len);
    let (major, minor) = rest.split_once('.')?;
    let numbers = |s: &str| !s.is_empty() && s.len() <= 2 && s.chars().all(|c| c.is_ascii_digit());
    if !numbers(major) || !numbers(minor) {
        return None;
    }
    let major_ok = match prefix {
        "CC" => (1..=9).contains(&major.parse::<u32>().ok()?),
        "A" | "C" | "PI" => major == "1",
        "P" => (1..=8).contains(&major.parse::<u32>().ok()?),
        _ => false,
    };
    major_ok.then(|| t.to_string())
}

/// `A.10.1.1`, `A10.1.1`, `A.9.2` (an objective) when written in 2013 numbering: three levels,
/// or a 2013 section (9–18) that 2022 does not have. With `declared_2013` (the file names
/// ISO 27001:2013), two-level refs of sections 5–8 are 2013 objectives too.
fn iso2013_id(text: &str, declared_2013: bool) -> Option<String> {
    let t = text.trim();
    let body = t.strip_prefix("A.").or_else(|| t.strip_prefix("a.")).or_else(|| t.strip_prefix('A'))?;
    let parts: Vec<&str> = body.split('.').collect();
    if parts.iter().any(|p| p.is_empty() || p.len() > 2 || !p.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    let section: u32 = parts[0].parse().ok()?;
    let is_2013 = match parts.len() {
        3 => (5..=18).contains(&section),
        2 => (9..=18).contains(&section) || (declared_2013 && (5..=8).contains(&section)),
        _ => false,
    };
    is_2013.then(|| format!("A.{}", parts.join(".")))
}

/// Reads one ref cell. `standard` is the page's; `declared_2013` says the file names
/// ISO 27001:2013 as its numbering.
pub fn read_ref(cell: &str, standard: Option<Standard>, declared_2013: bool) -> ReadRef {
    let (text, link) = strip_markdown(cell);
    let plain =
        |style, expansion| ReadRef { text: text.clone(), style, expansion, link: link.clone(), translated: None };
    if let Some(nist) = nist_ref(&text) {
        return ReadRef { text: nist, ..plain(RefStyle::Nist80053, RefExpansion::Named) };
    }
    if soc2_ref(&text).is_some() {
        return plain(RefStyle::Soc2, RefExpansion::Named);
    }
    // 2013 refs, alone or in a list (`A.10.1.1, A.10.1.2`).
    let parts: Vec<&str> =
        text.split([',', ';', '/']).flat_map(|p| p.split(" and ")).map(str::trim).filter(|p| !p.is_empty()).collect();
    let old: Vec<String> = parts.iter().filter_map(|p| iso2013_id(p, declared_2013)).collect();
    let translations: Vec<Option<Vec<ControlId>>> = old.iter().map(|id| catalog::translate_2013(id)).collect();
    // An id 2013 did not have (`A.9.99`) is read as 2022, where the catalog reports it.
    if !old.is_empty() && old.len() == parts.len() && translations.iter().all(Option::is_some) {
        let mut controls: Vec<ControlId> = Vec::new();
        let mut shown = Vec::new();
        for (id, new) in old.iter().zip(translations.into_iter().flatten()) {
            shown.push(format!("{id} (2013) → {}", new.iter().map(|c| c.id.as_str()).collect::<Vec<_>>().join(", ")));
            for c in new {
                if !controls.contains(&c) {
                    controls.push(c);
                }
            }
        }
        return ReadRef {
            translated: Some(shown.join("; ")),
            ..plain(RefStyle::Iso2013, RefExpansion::Controls(controls))
        };
    }
    // `A5.15` is the 2022 `A.5.15` without its dot.
    let dotted = match text.strip_prefix('A') {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_digit()) => format!("A.{rest}"),
        _ => text.clone(),
    };
    match catalog::expand_ref(&dotted, standard) {
        RefExpansion::Named => plain(RefStyle::Named, RefExpansion::Named),
        expansion => plain(RefStyle::Iso2022, expansion),
    }
}

/// The numbers of an Annex A ref (`A.8.3.1`, `A8.3`, `a.12.1` → `[8, 3, 1]` …), if the token is
/// one.
fn annex_numbers(token: &str) -> Option<Vec<u32>> {
    let t = token.trim().trim_end_matches(['.', ':', ',', ';', ')']);
    let body = t.strip_prefix("A.").or_else(|| t.strip_prefix("a.")).or_else(|| t.strip_prefix('A'))?;
    let parts: Vec<&str> = body.split('.').collect();
    if parts.len() > 3 || parts.iter().any(|p| p.is_empty() || p.len() > 2 || !p.chars().all(|c| c.is_ascii_digit())) {
        return None;
    }
    parts.iter().map(|p| p.parse().ok()).collect()
}

/// How many levels an Annex A ref has (`A.9.1.1`, `A9.1.1` → 3; `A8.3` → 2); 0 for anything else.
pub fn annex_levels(token: &str) -> usize {
    annex_numbers(token).map_or(0, |n| n.len())
}

/// What an Annex A ref's numbers say of its edition: `Some(true)` when only ISO 27001:2013 has
/// it (three levels, or a section 9–18), `Some(false)` when only 2022 does (a control number
/// past the 2013 objectives of its section: `A.5.15`, `A.8.24`), `None` when either could.
pub fn edition_evidence(token: &str) -> Option<bool> {
    let n = annex_numbers(token)?;
    let objectives_2013 = |section: u32| match section {
        5 => 1,
        6 => 2,
        _ => 3,
    };
    match n.as_slice() {
        [s, _, _] => (5..=18).contains(s).then_some(true),
        [s, _] if (9..=18).contains(s) => Some(true),
        [s, c] if (5..=8).contains(s) => (*c > objectives_2013(*s)).then_some(false),
        _ => None,
    }
}

/// The Annex A refs a text writes (`A.8.24`, `A8.3.1`, `**A.5.15**`, `[A.9.1.1](…)`, the first
/// of `A.5.3–5.6`).
pub fn annex_refs_in(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '.'))
        .filter(|t| t.starts_with(['A', 'a']) && annex_numbers(t).is_some_and(|n| n.len() >= 2))
}

/// Whether refs are numbered by ISO 27001:2013: some can only be 2013 and none can only be 2022.
/// A two-level ref of sections 5–8 (`A8.3`) is then a 2013 objective, not the 2022 control.
pub fn numbered_by_2013<'a>(refs: impl IntoIterator<Item = &'a str>) -> bool {
    let (mut old, mut new) = (false, false);
    for r in refs {
        match edition_evidence(r) {
            Some(true) => old = true,
            Some(false) => new = true,
            None => {}
        }
    }
    old && !new
}

/// Does the text name ISO 27001:2013 as its numbering (`ISO 27001:2013`, `ISO/IEC 27001:2013`)?
pub fn declares_2013(text: &str) -> bool {
    text.match_indices("27001").any(|(i, _)| {
        let after = text[i + 5..].trim_start_matches([':', ' ', '-']);
        after.starts_with("2013")
    })
}

/// The framework refs a text names (`SC-28`, `AC-2(3)`, `CC6.1`), normalized, each followed by
/// its base control when it is an enhancement (`AC-2(3)` → `AC-2(3)`, `AC-2`): the keys a
/// question or ref cell is matched to rows by.
pub fn framework_refs_in(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i].is_ascii_uppercase() && (i == 0 || !bytes[i - 1].is_alphanumeric()) {
            let end = (i..bytes.len())
                .find(|&j| !(bytes[j].is_ascii_alphanumeric() || matches!(bytes[j], '-' | '.' | '(' | ')')))
                .unwrap_or(bytes.len());
            let word: String = bytes[i..end].iter().collect();
            let word = word.trim_end_matches(['.', ')']);
            let word = if word.contains('(') && !word.ends_with(')') { format!("{word})") } else { word.to_string() };
            if let Some(n) = nist_ref(&word) {
                if let Some((base, _)) = n.split_once('(') {
                    out.push(n.clone());
                    out.push(base.to_string());
                } else {
                    out.push(n);
                }
            } else if let Some(s) = soc2_ref(&word) {
                out.push(s);
            }
            i = end.max(i + 1);
        } else {
            i += 1;
        }
    }
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(r: &ReadRef) -> Vec<String> {
        match &r.expansion {
            RefExpansion::Controls(c) => c.iter().map(|c| c.id.clone()).collect(),
            other => panic!("{}: {other:?}", r.text),
        }
    }

    #[test]
    fn iso_2013_refs_are_translated_and_say_so() {
        let r = read_ref("A.10.1.1", None, false);
        assert_eq!((r.style, ids(&r)), (RefStyle::Iso2013, vec!["A.8.24".to_string()]));
        assert_eq!(r.translated.as_deref(), Some("A.10.1.1 (2013) → A.8.24"));
        assert_eq!(ids(&read_ref("A10.1.1", None, false)), ["A.8.24"]);
        assert_eq!(ids(&read_ref("A.9.2.3", None, false)), ["A.8.2"]);
        assert_eq!(ids(&read_ref("A.12.3.1, A.17.2.1", None, false)), ["A.8.13", "A.8.14"]);
        // Two levels are 2022 unless the file says it numbers by 2013.
        assert_eq!(read_ref("A.8.2", None, false).style, RefStyle::Iso2022);
        assert_eq!(read_ref("A.8.2", None, true).style, RefStyle::Iso2013);
        assert_eq!(read_ref("A.9.99", None, false).style, RefStyle::Iso2022, "not a 2013 id: the catalog reports it");
    }

    #[test]
    fn refs_inside_markdown_are_read_with_their_links() {
        let r = read_ref("**A.5.15**", None, false);
        assert_eq!((r.text.as_str(), ids(&r)), ("A.5.15", vec!["A.5.15".to_string()]));
        let r = read_ref("[A.8.24](https://example.com/crypto)", None, false);
        assert_eq!(ids(&r), ["A.8.24"]);
        assert_eq!(r.link.as_deref(), Some("https://example.com/crypto"));
        assert_eq!(ids(&read_ref("`A5.15`", None, false)), ["A.5.15"]);
    }

    #[test]
    fn a_link_is_evidence_by_its_path() {
        let got: Vec<String> =
            link_evidence("https://acme.example/handbook/crypto#keys").iter().map(|e| e.target.clone()).collect();
        assert_eq!(got, ["/handbook/crypto"]);
        assert!(link_evidence("https://acme.example/").is_empty());
    }

    #[test]
    fn nist_and_soc2_refs_are_kept_as_theirs() {
        for (cell, text) in [("SC-28", "SC-28"), ("AC-2(3)", "AC-2(3)"), ("AC-2 (3)", "AC-2(3)"), ("**IA-02**", "IA-2")]
        {
            let r = read_ref(cell, None, false);
            assert_eq!((r.style, r.text.as_str(), &r.expansion), (RefStyle::Nist80053, text, &RefExpansion::Named));
        }
        assert_eq!(read_ref("CC6.1", None, false).style, RefStyle::Soc2);
        assert_eq!(read_ref("A1.2", None, false).style, RefStyle::Soc2);
        assert_eq!(read_ref("API — primary", None, false).style, RefStyle::Named);
        assert_eq!(read_ref("DM.4.02", None, false).style, RefStyle::Named);
        assert_eq!(read_ref("XY-1", None, false).style, RefStyle::Named);
    }

    #[test]
    fn framework_refs_are_found_in_questions() {
        assert_eq!(framework_refs_in("Do you meet SC-28 and AC-2(3)?"), ["SC-28", "AC-2(3)", "AC-2"]);
        assert_eq!(framework_refs_in("Describe how CC6.1 is met."), ["CC6.1"]);
        assert!(framework_refs_in("Is data encrypted at rest (AES-256)?").is_empty());
    }

    #[test]
    fn the_numbering_of_a_set_of_refs_is_told_by_the_refs_only_one_edition_has() {
        assert_eq!(edition_evidence("A8.3.1"), Some(true));
        assert_eq!(edition_evidence("A.12.3"), Some(true));
        assert_eq!(edition_evidence("A.8.24"), Some(false));
        assert_eq!(edition_evidence("A.5.15"), Some(false));
        assert_eq!(edition_evidence("A8.3"), None, "2013 objective or 2022 control");
        assert_eq!(edition_evidence("A.6.2"), None);
        assert!(numbered_by_2013(["A8.3", "A8.3.1", "A9.1"]));
        assert!(!numbered_by_2013(["A8.3", "A.8.24", "A.12.3.1"]), "a 2022-only ref: 2022");
        assert!(!numbered_by_2013(["A8.3"]), "nothing says 2013");
        let text = "see [A9.1.1 Access policy](https://x.example/a) and **A.8.3** (A.5.3–5.6)";
        assert_eq!(annex_refs_in(text).collect::<Vec<_>>(), ["A9.1.1", "A.8.3", "A.5.3"]);
        // Read as 2013, a 2013 objective is the 2022 counterparts of its controls.
        let r = read_ref("A8.3", None, true);
        assert_eq!((r.style, ids(&r)), (RefStyle::Iso2013, vec!["A.7.10".to_string()]));
    }

    #[test]
    fn a_2013_declaration_is_recognised() {
        assert!(declares_2013("Statement of Applicability (ISO/IEC 27001:2013)"));
        assert!(declares_2013("ISO 27001 2013"));
        assert!(!declares_2013("ISO/IEC 27001:2022"));
    }
}
