//! A control row's status and the words companies use for it: `Met`, `Implemented`, `In place`,
//! `Partially implemented`, `Planned`, `Not applicable`, `Excluded`, … and what a statusless row
//! (a control list, a control page) is.

use serde::{Deserialize, Serialize};

use crate::model::Status;

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
