//! What saved work remembers of the answer pack it was opened from (`PackInfo`), and what
//! checking a pack against its own posture found (`PackCheck`, `Contradiction`). Reading and
//! writing packs is `pack`'s work; recognising one is `identify`'s, by [`PACK_FORMAT`].

use std::fmt;

use serde::{Deserialize, Serialize};

/// The `format` field of every pack.
pub const PACK_FORMAT: &str = "trustdraft-answer-pack";

/// What the workspace remembers of a pack it was opened from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackInfo {
    /// The pack's own claim of who made it (its `vendor` field), never shown as fact.
    pub vendor: String,
    pub app_version: String,
    pub created: String,
    pub version: u32,
    /// The fingerprint the pack states (`AnswerPack::posture_sha256`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub posture_sha256: Option<String>,
    /// What opening the pack left out (`AnswerPack::notes`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// What opening the pack found, once its posture was parsed (`pack::check_work`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<PackCheck>,
}

/// A pack checked against its own posture.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackCheck {
    /// Who the posture's pages say they are (`pack::vendor_of`).
    pub named_by_pages: String,
    /// The `pack::fingerprint` of the pages as opened.
    pub fingerprint: String,
    /// The fingerprint the pack states, when it differs from the pages' own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stated_fingerprint: Option<String>,
    /// Per answer, in order: what in it contradicts the pack's own posture.
    pub contradictions: Vec<Vec<Contradiction>>,
    /// Pages, rows and answers left out by the limits, and other notes on the pages.
    #[serde(default)]
    pub notes: Vec<String>,
}

impl PackCheck {
    /// How many answers contradict their posture.
    pub fn contradicted(&self) -> usize {
        self.contradictions.iter().filter(|c| !c.is_empty()).count()
    }
}

/// Something an answer of a pack states that the pack's own posture does not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Contradiction {
    /// The cited row (or, for page prose, the section) is not in the posture.
    NoSuchRow {
        page: String,
        #[serde(rename = "ref")]
        reference: String,
    },
    /// The row's status in the posture is not the one the pack cites.
    Status {
        #[serde(rename = "ref")]
        reference: String,
        stated: String,
        actual: String,
    },
    /// The ref names a control that no catalog has (`A.9.99`).
    NoSuchControl {
        #[serde(rename = "ref")]
        reference: String,
        control: String,
        standard: String,
    },
    /// Evidence cited that the row (or section) does not name.
    Evidence {
        #[serde(rename = "ref")]
        reference: String,
        evidence: String,
    },
    /// A Yes that no Met row of the posture supports.
    YesWithoutMet,
}

impl fmt::Display for Contradiction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Contradiction::NoSuchRow { page, reference } => {
                write!(f, "the pack cites {reference} on \u{201c}{page}\u{201d}; its posture has no such row")
            }
            Contradiction::Status { reference, stated, actual } => {
                write!(f, "{reference}: the pack says {stated}; its posture says {actual}")
            }
            Contradiction::NoSuchControl { reference, control, standard } => {
                write!(f, "{reference}: {control} is not a control of {standard}")
            }
            Contradiction::Evidence { reference, evidence } => write!(
                f,
                "{reference}: the pack cites \u{201c}{evidence}\u{201d} as evidence; its posture does not name it there"
            ),
            Contradiction::YesWithoutMet => {
                f.write_str("the pack answers Yes, but no row it cites is Met in its posture")
            }
        }
    }
}
