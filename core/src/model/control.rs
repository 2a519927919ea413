//! The controls of the standards trustdraft maps onto (`Standard`, `ControlId`) and the one row
//! of a posture that states a control (`ControlRow`).

use std::fmt;

use serde::{Deserialize, Serialize};

use super::evidence::EvidenceRef;
use super::status::Status;

/// The standards trustdraft maps onto.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Standard {
    #[serde(rename = "ISO27001")]
    Iso27001,
    #[serde(rename = "ISO22301")]
    Iso22301,
}

impl Standard {
    /// The short code used in control ids: `ISO27001`, `ISO22301`.
    pub fn code(self) -> &'static str {
        match self {
            Standard::Iso27001 => "ISO27001",
            Standard::Iso22301 => "ISO22301",
        }
    }

    /// The full name: `ISO/IEC 27001:2022`, `ISO 22301:2019`.
    pub fn name(self) -> &'static str {
        match self {
            Standard::Iso27001 => "ISO/IEC 27001:2022",
            Standard::Iso22301 => "ISO 22301:2019",
        }
    }

    /// Which standard a page title or text names, if any (`27001` before `22301`).
    pub fn named_in(text: &str) -> Option<Standard> {
        if text.contains("27001") {
            Some(Standard::Iso27001)
        } else if text.contains("22301") {
            Some(Standard::Iso22301)
        } else {
            None
        }
    }
}

/// One control or clause of a standard, e.g. `ISO27001:A.8.24` or `ISO22301:8.4`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ControlId {
    pub standard: Standard,
    /// The id inside the standard: `A.8.24`, `8.4`, `A.5` (a theme).
    pub id: String,
}

impl ControlId {
    pub fn new(standard: Standard, id: impl Into<String>) -> ControlId {
        ControlId { standard, id: id.into() }
    }

    /// Parses `ISO27001:A.8.24` (the form [`fmt::Display`] writes).
    pub fn parse(text: &str) -> Option<ControlId> {
        let (code, id) = text.trim().split_once(':')?;
        let standard = match code.trim().to_ascii_uppercase().as_str() {
            "ISO27001" => Standard::Iso27001,
            "ISO22301" => Standard::Iso22301,
            _ => return None,
        };
        Some(ControlId::new(standard, id.trim()))
    }

    /// The id of the enclosing clause or theme: `A.8.24` → `A.8`, `8.2.1` → `8.2`, `8` → none.
    pub fn parent_id(&self) -> Option<&str> {
        let (head, _) = self.id.rsplit_once('.')?;
        if head == "A" {
            None
        } else {
            Some(head)
        }
    }

    /// True when `self` is `other` or lies inside it (`A.8.24` is within `A.8`).
    pub fn is_within(&self, other: &ControlId) -> bool {
        self.standard == other.standard
            && (self.id == other.id || (self.id.starts_with(&other.id) && self.id[other.id.len()..].starts_with('.')))
    }
}

impl fmt::Display for ControlId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.standard.code(), self.id)
    }
}

impl Serialize for ControlId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ControlId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        ControlId::parse(&text).ok_or_else(|| serde::de::Error::custom(format!("not a control id: {text}")))
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
    /// 1-based line in the page file (the row of a sheet).
    pub line: usize,
    /// The framework of a ref that is not mapped onto the catalog: `NIST SP 800-53`, `SOC 2`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub framework: Option<String>,
    /// How an ISO 27001:2013 ref was read: `A.10.1.1 (2013) → A.8.24`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub translated: Option<String>,
    /// An SoA's reason for applying (or excluding) the control: why it applies, never evidence
    /// that it is in place, so it is not part of `text`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub justification: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub owner: String,
    /// Refs of other frameworks the source maps the control to (`PCI DSS 3.4`), as written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mapped_refs: Vec<String>,
}

impl ControlRow {
    /// A row with the given place and ref and nothing else yet.
    pub fn new(page: &str, section: &str, reference: &str, line: usize) -> ControlRow {
        ControlRow {
            page: page.to_string(),
            section: section.to_string(),
            reference: reference.to_string(),
            requirement: String::new(),
            status: Status::Unstated,
            text: String::new(),
            controls: Vec::new(),
            evidence: Vec::new(),
            line,
            framework: None,
            translated: None,
            justification: String::new(),
            owner: String::new(),
            mapped_refs: Vec::new(),
        }
    }
}
