//! An evidence pointer as one row or passage mentions it: what kind of thing, which target,
//! which sections. Finding them in text is `evidence`'s work, making links of them `link`'s.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What kind of thing an evidence pointer points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EvidenceKind {
    /// A path on the company's site: `/policies/onboarding §§4.3, 5, 8`.
    SitePath,
    /// A file or folder in the company's repository: `docs/architecture.md §4`.
    RepoPath,
    /// A CI workflow file: `.github/workflows/dr-tests.yml`.
    Workflow,
    /// One numbered disaster-recovery scenario.
    DrScenario,
    /// An audit finding id: `C-3`.
    AuditFinding,
    /// An e-mail address.
    Email,
    /// A named vendor or sub-processor: `AWS`, `Fastly`, `Grafana Cloud`.
    Vendor,
}

impl EvidenceKind {
    pub const ALL: [EvidenceKind; 7] = [
        EvidenceKind::SitePath,
        EvidenceKind::RepoPath,
        EvidenceKind::Workflow,
        EvidenceKind::DrScenario,
        EvidenceKind::AuditFinding,
        EvidenceKind::Email,
        EvidenceKind::Vendor,
    ];

    /// A short stable name, used in keys and JSON: `site-path`, `dr-scenario`, …
    pub fn slug(self) -> &'static str {
        match self {
            EvidenceKind::SitePath => "site-path",
            EvidenceKind::RepoPath => "repo-path",
            EvidenceKind::Workflow => "workflow",
            EvidenceKind::DrScenario => "dr-scenario",
            EvidenceKind::AuditFinding => "audit-finding",
            EvidenceKind::Email => "email",
            EvidenceKind::Vendor => "vendor",
        }
    }

    /// A label for people: `site path`, `DR scenario`, …
    pub fn label(self) -> &'static str {
        match self {
            EvidenceKind::SitePath => "site path",
            EvidenceKind::RepoPath => "repository path",
            EvidenceKind::Workflow => "workflow",
            EvidenceKind::DrScenario => "DR scenario",
            EvidenceKind::AuditFinding => "audit finding",
            EvidenceKind::Email => "e-mail",
            EvidenceKind::Vendor => "vendor",
        }
    }
}

/// One mention of evidence in one row or passage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvidenceRef {
    pub kind: EvidenceKind,
    /// What is pointed at, normalised: `/policies/onboarding`, `22`, `C-3`, `AWS`.
    pub target: String,
    /// Sections named with `§`, verbatim: `["4.3", "5", "8"]`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sections: Vec<String>,
}

impl EvidenceRef {
    pub(crate) fn new(kind: EvidenceKind, target: impl Into<String>) -> EvidenceRef {
        EvidenceRef { kind, target: target.into(), sections: Vec::new() }
    }

    /// The key that identifies the pointed-at thing, sections aside: `site-path:/status`.
    pub fn key(&self) -> String {
        pointer_key(self.kind, &self.target)
    }
}

impl fmt::Display for EvidenceRef {
    /// As a person would write it: `/policies/onboarding §§4.3, 5, 8`, `DR scenario 22`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            EvidenceKind::DrScenario => write!(f, "DR scenario {}", self.target)?,
            EvidenceKind::AuditFinding => write!(f, "audit finding {}", self.target)?,
            _ => f.write_str(&self.target)?,
        }
        match self.sections.len() {
            0 => Ok(()),
            1 => write!(f, " §{}", self.sections[0]),
            _ => write!(f, " §§{}", self.sections.join(", ")),
        }
    }
}

/// The key of a pointer: `kind-slug:target`.
pub fn pointer_key(kind: EvidenceKind, target: &str) -> String {
    format!("{}:{}", kind.slug(), target)
}
