//! A control row's status and the words companies use for it: `Met`, `Implemented`, `In place`,
//! `Partially implemented`, `Planned`, `Not applicable`, `Excluded`, … and what a statusless row
//! (a control list, a control page) is.

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

/// Verbs a control catalog's requirement starts with (`Develop, document and disseminate …`,
/// `Enforce approved authorizations …`): an instruction, not a statement of what is done.
const IMPERATIVES: [&str; 48] = [
    "develop",
    "document",
    "disseminate",
    "establish",
    "implement",
    "enforce",
    "employ",
    "identify",
    "provide",
    "ensure",
    "maintain",
    "review",
    "define",
    "protect",
    "manage",
    "monitor",
    "limit",
    "restrict",
    "require",
    "conduct",
    "perform",
    "authorize",
    "configure",
    "encrypt",
    "retain",
    "test",
    "update",
    "approve",
    "assign",
    "create",
    "determine",
    "remove",
    "use",
    "apply",
    "prevent",
    "detect",
    "respond",
    "report",
    "track",
    "verify",
    "validate",
    "separate",
    "control",
    "allow",
    "permit",
    "deny",
    "scan",
    "train",
];

/// Words that make a sentence an obligation or an intention, not a fact: `must`, `should`, …
const NOT_YET: [&str; 12] =
    ["must", "shall", "should", "will", "may", "might", "could", "would", "plan", "plans", "intend", "intends"];

/// Does this text state a practice as in place (`Customer data at rest is encrypted.`, `We
/// review access quarterly.`) rather than require it (`Encrypt data at rest.`, `Data must be
/// encrypted.`)? What a row without a stated status needs before it can support an answer.
pub fn states_in_place(text: &str) -> bool {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split(|c: char| !c.is_alphanumeric() && c != '\'').filter(|w| !w.is_empty()).collect();
    let Some(first) = words.first() else { return false };
    if IMPERATIVES.contains(first) || words.iter().any(|w| NOT_YET.contains(w)) {
        return false;
    }
    if lower.contains("required to") || lower.contains("needs to") || lower.contains("to be ") {
        return false;
    }
    if matches!(*first, "we" | "our" | "all" | "each" | "every") {
        return true;
    }
    // The first finite verb must be the sentence's own, not one inside a clause that qualifies
    // an instruction (`Disable accounts that have been inactive …`).
    let finite = ["is", "are", "was", "were", "has", "have", "remains", "remain"];
    let subordinate = ["that", "which", "who", "whose", "when", "where", "if", "until", "unless", "once"];
    match words.iter().position(|w| finite.contains(w)) {
        Some(at) => !words[..at].iter().any(|w| subordinate.contains(w)),
        None => false,
    }
}

/// How one status word of a file was read, for the parse report: the word as written, the
/// status it was read as, how many rows carry it and one of their refs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusWord {
    pub word: String,
    pub read_as: Status,
    pub rows: usize,
    pub example: String,
}

/// Counts one more row whose status cell says `word` (read as `status`).
#[cfg(feature = "files")]
pub(crate) fn tally(words: &mut Vec<StatusWord>, word: &str, status: &Status, reference: &str) {
    let word = if word.trim().is_empty() { "(empty)" } else { word.trim() };
    match words.iter_mut().find(|w| w.word.eq_ignore_ascii_case(word) && &w.read_as == status) {
        Some(w) => w.rows += 1,
        None => words.push(StatusWord {
            word: word.to_string(),
            read_as: status.clone(),
            rows: 1,
            example: reference.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_are_understood() {
        let cases = [
            ("Met", Status::Met),
            ("**Partial**", Status::Partial),
            ("Not met", Status::NotMet),
            ("Planned", Status::Planned),
            ("N/A", Status::NotApplicable),
            ("Not applicable", Status::NotApplicable),
            ("Under review", Status::Other("Under review".into())),
            ("", Status::Other(String::new())),
        ];
        for (text, expected) in cases {
            assert_eq!(Status::parse(text), expected, "{text}");
        }
    }

    #[test]
    fn soa_status_vocabularies_are_read() {
        let cases = [
            ("Implemented", Status::Met),
            ("In place", Status::Met),
            ("Complete", Status::Met),
            ("Yes", Status::Met),
            ("Partially implemented", Status::Partial),
            ("In progress", Status::Partial),
            ("Partial", Status::Partial),
            ("Planned", Status::Planned),
            ("Not implemented", Status::NotMet),
            ("None", Status::NotMet),
            ("Not applicable", Status::NotApplicable),
            ("Excluded", Status::NotApplicable),
            ("Implemented - reviewed every year", Status::Met),
            ("Partially implemented (MFA for admins only)", Status::Partial),
            ("Planned: Q3", Status::Planned),
            ("no status stated", Status::Unstated),
            ("Implementing soon", Status::Other("Implementing soon".into())),
        ];
        for (text, expected) in cases {
            assert_eq!(Status::parse(text), expected, "{text}");
        }
    }

    #[test]
    fn applicability_is_read() {
        for yes in ["Yes", "Y", "Included", "Yes – required by risk R4"] {
            assert_eq!(Status::applicable(yes), Some(true), "{yes}");
        }
        for no in ["No", "N", "Excluded", "Not applicable", "No - no offices"] {
            assert_eq!(Status::applicable(no), Some(false), "{no}");
        }
        assert_eq!(Status::applicable("see note"), None);
    }

    #[test]
    fn a_statement_of_practice_is_told_from_a_requirement() {
        for stated in [
            "Customer files at rest are encrypted with AES-256.",
            "Confidential data at rest is encrypted.",
            "We review user access every quarter.",
            "Backups have been tested twice a year since 2024.",
        ] {
            assert!(states_in_place(stated), "{stated}");
        }
        for required in [
            "Encrypt confidential data at rest.",
            "Develop, document, and disseminate a backup policy.",
            "Data at rest must be encrypted.",
            "Access reviews will be introduced next year.",
            "Access reviews are to be introduced.",
            "Enforce a limit of failed logons when the limit is reached.",
            "Disable accounts that have been inactive for 90 days.",
            "",
        ] {
            assert!(!states_in_place(required), "{required}");
        }
    }

    #[test]
    fn every_status_label_reads_back_as_itself() {
        for s in [
            Status::Met,
            Status::Partial,
            Status::NotMet,
            Status::Planned,
            Status::NotApplicable,
            Status::Unstated,
            Status::Other("Under review".into()),
        ] {
            assert_eq!(Status::parse(s.label()), s);
        }
    }
}
