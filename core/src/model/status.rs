//! A control row's status as the page states it: `Met`, `Partial`, `Not met`, `Planned`, `N/A`,
//! no status stated, or any other wording kept verbatim. The words companies use for each are
//! read here too, since a saved status is read back through them.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A row's status, as the page states it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Status {
    Met,
    Partial,
    NotMet,
    Planned,
    NotApplicable,
    /// The source states no status at all: a control list, a control page, an SoA row whose
    /// status cell is empty. Such a row is kept and citable; drafting answers from it only when
    /// its own text states the practice in place, and never with high confidence.
    Unstated,
    /// Any other wording, kept verbatim.
    Other(String),
}

/// The label of [`Status::Unstated`].
const UNSTATED: &str = "no status stated";

impl Status {
    /// Reads a status cell: `Met`, `Partial`, `Not met`, `Planned`, `N/A` and the words SoAs use
    /// for them (`Implemented`, `In place`, `Complete`, `In progress`, `Not implemented`,
    /// `Excluded`, …). A cell that starts with one of them and goes on (`Implemented — reviewed
    /// yearly`) is read by its first words. An empty cell is `Other("")`, as it always was.
    pub fn parse(text: &str) -> Status {
        let t = text.trim().trim_matches(|c: char| c == '*' || c == '_' || c == '`').trim();
        if t.eq_ignore_ascii_case(UNSTATED) {
            return Status::Unstated;
        }
        if let Some(status) = known(t) {
            return status;
        }
        // `Implemented - see policy`, `Partial (MFA pending)`, `Planned: Q3`: the shortest
        // leading words that are a status.
        let cuts = t
            .char_indices()
            .filter(|&(i, c)| i > 0 && matches!(c, ' ' | '(' | ':' | ';' | ',' | '—' | '–' | '-' | '.'));
        for (i, _) in cuts {
            if let Some(status) = known(t[..i].trim_end()) {
                return status;
            }
        }
        Status::Other(t.to_string())
    }

    /// The label shown and written out: `Met`, `Partial`, `Not met`, `Planned`, `N/A`,
    /// `no status stated`.
    pub fn label(&self) -> &str {
        match self {
            Status::Met => "Met",
            Status::Partial => "Partial",
            Status::NotMet => "Not met",
            Status::Planned => "Planned",
            Status::NotApplicable => "N/A",
            Status::Unstated => UNSTATED,
            Status::Other(s) => s,
        }
    }

    /// Orders statuses from worst (0) to best, for "the worse one wins" decisions.
    pub fn rank(&self) -> u8 {
        match self {
            Status::NotMet => 0,
            Status::Other(_) | Status::Unstated => 1,
            Status::Planned => 2,
            Status::Partial => 3,
            Status::NotApplicable => 4,
            Status::Met => 5,
        }
    }

    /// Reads an "Applicable" cell (`Yes`, `No`, `Y`, `N`, `Included`, `Excluded`, …):
    /// `Some(false)` when the control does not apply, `None` when the cell says neither.
    pub fn applicable(text: &str) -> Option<bool> {
        let words: String = text.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect();
        match words.as_str() {
            "yes" | "y" | "true" | "applicable" | "included" | "include" | "selected" | "inscope" | "x" | "1" => {
                Some(true)
            }
            "no" | "n" | "false" | "notapplicable" | "na" | "excluded" | "exclude" | "notselected" | "outofscope"
            | "0" => Some(false),
            _ => {
                let lower = text.trim().to_lowercase();
                if lower.starts_with("yes") || lower.starts_with("included") {
                    Some(true)
                } else if lower.starts_with("no ") || lower.starts_with("no,") || lower.starts_with("excluded") {
                    Some(false)
                } else {
                    None
                }
            }
        }
    }
}

/// The status a whole cell names, if it is one of the known words.
fn known(text: &str) -> Option<Status> {
    let words: String = text.to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect();
    Some(match words.as_str() {
        "met"
        | "yes"
        | "implemented"
        | "inplace"
        | "compliant"
        | "done"
        | "complete"
        | "completed"
        | "fullyimplemented"
        | "fullymet"
        | "operational"
        | "operating"
        | "effective"
        | "implementedandeffective"
        | "implementedandoperating" => Status::Met,
        "partial"
        | "partiallymet"
        | "partly"
        | "partiallyimplemented"
        | "partlyimplemented"
        | "inprogress"
        | "partiallycompliant"
        | "partiallyinplace"
        | "underimplementation"
        | "beingimplemented"
        | "ongoing" => Status::Partial,
        "notmet" | "no" | "gap" | "notimplemented" | "missing" | "noncompliant" | "unmet" | "none" | "notinplace"
        | "notstarted" | "notyetimplemented" => Status::NotMet,
        "planned" | "roadmap" | "onroadmap" | "scheduled" | "tobeimplemented" | "plannedimplementation" => {
            Status::Planned
        }
        "na" | "notapplicable" | "nonapplicable" | "excluded" | "notrequired" | "outofscope" => Status::NotApplicable,
        _ => return None,
    })
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
