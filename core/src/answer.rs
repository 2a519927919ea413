//! The answer model, on the ground floor: what a draft is (`Answer`, `Band`, `Citation`,
//! `Draft`, the `Support` that explains it, the library answer it reused) and the one mapping
//! between answers and the values of an answer cell's dropdown. The library, the exports and
//! the saved work use these without depending on the drafting rules.

use serde::{Deserialize, Serialize};

use crate::catalog::ControlId;
use crate::posture::Status;

/// The drafted answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Answer {
    Yes,
    No,
    Partial,
    NotApplicable,
    NeedsReview,
}

impl Answer {
    pub const ALL: [Answer; 5] = [Answer::Yes, Answer::No, Answer::Partial, Answer::NotApplicable, Answer::NeedsReview];

    pub fn as_str(self) -> &'static str {
        match self {
            Answer::Yes => "yes",
            Answer::No => "no",
            Answer::Partial => "partial",
            Answer::NotApplicable => "not-applicable",
            Answer::NeedsReview => "needs-review",
        }
    }

    pub fn parse(text: &str) -> Option<Answer> {
        Answer::ALL.into_iter().find(|a| a.as_str() == text.trim().to_lowercase())
    }

    pub fn label(self) -> &'static str {
        match self {
            Answer::Yes => "Yes",
            Answer::No => "No",
            Answer::Partial => "Partial",
            Answer::NotApplicable => "N/A",
            Answer::NeedsReview => "Needs review",
        }
    }
}

/// How sure a draft is, in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Band {
    Low,
    Medium,
    High,
    /// A reviewer's approved answer, reused from the library: above any fresh draft.
    Library,
}

impl Band {
    pub fn of(confidence: f32) -> Band {
        if confidence >= 0.75 {
            Band::High
        } else if confidence >= 0.5 {
            Band::Medium
        } else {
            Band::Low
        }
    }

    /// The band of a fresh draft: `high` (an assertion) only when its confidence is high, every
    /// word of the question is stated by a cited row and no cited row lacks a stated status;
    /// `needs-review` is always low.
    pub fn of_draft(d: &Draft) -> Band {
        if d.answer == Answer::NeedsReview {
            return Band::Low;
        }
        let unstated = d.citations.iter().any(|c| c.status == Some(Status::Unstated));
        match Band::of(d.confidence) {
            Band::High if unstated || !d.support.missing.is_empty() => Band::Medium,
            b => b,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Band::Low => "low",
            Band::Medium => "medium",
            Band::High => "high",
            Band::Library => "library",
        }
    }
}

/// A row (or page passage) an answer rests on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Citation {
    pub page: String,
    pub section: String,
    /// The row's `Ref` verbatim; for a passage, its heading.
    #[serde(rename = "ref")]
    pub reference: String,
    /// The row's status; `None` for page prose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Evidence pointers as written: `/technology/encryption`, `DR scenario 22`.
    pub evidence: Vec<String>,
}

/// Words of the question and the row that states them: `encrypted, at rest` by `A.8.24`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Stated {
    /// The question's own words.
    pub words: Vec<String>,
    /// The row's `Ref` (or a passage's heading).
    #[serde(rename = "ref")]
    pub reference: String,
}

/// Why a draft is what it is: which words of the question the rows it rests on (or the
/// closest ones, for a draft left for review) state, which no row states, and the demands
/// (frequency, scope) that are not met.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Support {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stated: Vec<Stated>,
    /// Question words that no row states.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    /// What else decided the answer, in words: "“all” not stated", "asks whether a bad practice
    /// is done: answered from the good practice".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl Support {
    pub fn is_empty(&self) -> bool {
        self.stated.is_empty() && self.missing.is_empty() && self.notes.is_empty()
    }

    /// One line per fact: `A.8.24 states: encrypted, at rest`, `not stated: exclusively`, notes.
    pub fn lines(&self) -> Vec<String> {
        let mut out: Vec<String> =
            self.stated.iter().map(|s| format!("{} states: {}", s.reference, s.words.join(", "))).collect();
        if !self.missing.is_empty() {
            out.push(format!("not stated: {}", self.missing.join(", ")));
        }
        out.extend(self.notes.iter().cloned());
        out
    }
}

/// How a library answer was found for a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Match {
    /// The same words.
    Same,
    /// Close wording.
    Close,
}

/// A cited row whose status is not what it was when the answer was approved.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusChange {
    pub page: String,
    #[serde(rename = "ref")]
    pub reference: String,
    pub was: Option<Status>,
    /// `None`: the row is no longer in the posture.
    pub now: Option<Status>,
}

impl StatusChange {
    /// `A.8.13: Met → Not met`
    pub fn describe(&self) -> String {
        let was = self.was.as_ref().map_or("—", |s| s.label());
        match &self.now {
            Some(now) => format!("{}: {was} → {}", self.reference, now.label()),
            None => format!("{}: {was} → no longer on the page", self.reference),
        }
    }
}

/// A library answer used (or not) for a draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LibraryUse {
    pub matched: Match,
    /// The library's wording of the question.
    pub question: String,
    pub approved: String,
    pub source: String,
    /// Cited rows whose status changed since approval: when any, the answer was not reused.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changed: Vec<StatusChange>,
}

impl LibraryUse {
    pub fn is_reused(&self) -> bool {
        self.changed.is_empty()
    }

    /// `from library: approved 2026-11-22` (plus what changed, when flagged).
    pub fn label(&self) -> String {
        let close = if self.matched == Match::Close { " (close wording)" } else { "" };
        if self.changed.is_empty() {
            format!("from library{close}: approved {}", self.approved)
        } else {
            let what: Vec<String> = self.changed.iter().map(StatusChange::describe).collect();
            format!("library answer of {} not reused: {} since", self.approved, what.join(", "))
        }
    }
}

/// One drafted answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    pub id: String,
    pub question: String,
    pub answer: Answer,
    /// 0–1.
    pub confidence: f32,
    pub text: String,
    pub controls: Vec<ControlId>,
    pub citations: Vec<Citation>,
    /// The dropdown value to write, when the answer cell has a dropdown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice: Option<String>,
    /// The library answer reused for this question, or found but not reused because a cited
    /// row's status changed since it was approved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub library: Option<LibraryUse>,
    /// Which words of the question the cited rows state and which they do not.
    #[serde(default, skip_serializing_if = "Support::is_empty")]
    pub support: Support,
    /// The band drafting gave: `high` = an assertion, `medium`/`low` = a suggestion for the
    /// reviewer, `library` = an approved answer reused. Read it with [`Draft::band`]; a draft
    /// saved before bands were stated has none and falls back to its confidence.
    #[serde(default, rename = "band", skip_serializing_if = "Option::is_none")]
    pub stated_band: Option<Band>,
}

impl Draft {
    /// The honest draft when the posture does not answer: no text, no citations.
    pub fn needs_review() -> Draft {
        Draft {
            id: String::new(),
            question: String::new(),
            answer: Answer::NeedsReview,
            confidence: 0.0,
            text: String::new(),
            controls: Vec::new(),
            citations: Vec::new(),
            choice: None,
            library: None,
            support: Support::default(),
            stated_band: Some(Band::Low),
        }
    }

    /// How far the draft may be trusted: a reused library answer, else the band drafting stated
    /// (see [`Band::of_draft`]); a flagged library answer is low whatever drafting said.
    pub fn band(&self) -> Band {
        match &self.library {
            Some(l) if l.is_reused() => Band::Library,
            Some(_) => Band::Low,
            None => self.stated_band.unwrap_or_else(|| Band::of(self.confidence)),
        }
    }

    /// An assertion: may be written into the customer's workbook and shown on the Ask page as
    /// the answer without a person approving it. Everything else is a suggestion.
    pub fn is_assertion(&self) -> bool {
        self.answer != Answer::NeedsReview && matches!(self.band(), Band::High | Band::Library)
    }

    /// A library answer whose cited rows changed status: the reviewer must look again.
    pub fn is_flagged(&self) -> bool {
        self.library.as_ref().is_some_and(|l| !l.is_reused())
    }
}

/// The one mapping between dropdown values and answers: what a value means, if it means one of
/// the answers. Case, spaces and `. / - _` do not count (`N/A`, `n.a.`, `Not applicable`).
/// [`choose`] and [`answer_for_choice`] are its two directions.
fn meaning(value: &str) -> Option<Answer> {
    let v = value.trim().to_lowercase().replace(['.', '/', ' ', '-', '_'], "");
    if v.contains("partial") || v.contains("inprogress") || v == "some" {
        return Some(Answer::Partial);
    }
    match v.as_str() {
        "yes" | "y" | "true" | "compliant" | "implemented" => Some(Answer::Yes),
        "no" | "n" | "false" | "none" | "noncompliant" | "notimplemented" => Some(Answer::No),
        "na" | "notapplicable" => Some(Answer::NotApplicable),
        _ => None,
    }
}

/// The dropdown value for an answer: the first allowed value that means it. `needs-review`
/// has none, and neither has an answer no value means (a `partial` on a Yes/No/NA list: neither
/// value is honest, so the reviewer picks).
pub fn choose(answer: Answer, choices: &[String]) -> Option<String> {
    if answer == Answer::NeedsReview {
        return None;
    }
    choices.iter().find(|c| meaning(c) == Some(answer)).cloned()
}

/// The answer a dropdown value stands for: the inverse of [`choose`]. `None` for a blank value
/// and for a value that means none of the answers (an uptime tier, an owner).
pub fn answer_for_choice(value: &str) -> Option<Answer> {
    meaning(value)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn dropdown_values_are_chosen_by_meaning() {
        let caiq = ["Yes".to_string(), "No".into(), "NA".into()];
        assert_eq!(choose(Answer::Yes, &caiq).as_deref(), Some("Yes"));
        assert_eq!(choose(Answer::Partial, &caiq), None);
        assert_eq!(choose(Answer::NotApplicable, &caiq).as_deref(), Some("NA"));
        assert_eq!(choose(Answer::NeedsReview, &caiq), None);
        let custom = ["Yes".to_string(), "No".into(), "Partially compliant".into(), "N/A".into()];
        assert_eq!(choose(Answer::Partial, &custom).as_deref(), Some("Partially compliant"));
        assert_eq!(choose(Answer::NotApplicable, &custom).as_deref(), Some("N/A"));
        // "None" and "Some" mean one thing each, in both directions.
        let amounts = ["All".to_string(), "Some".into(), "None".into()];
        assert_eq!(choose(Answer::No, &amounts).as_deref(), Some("None"));
        assert_eq!(choose(Answer::Partial, &amounts).as_deref(), Some("Some"));
        assert_eq!(choose(Answer::NotApplicable, &amounts), None);
    }

    #[test]
    fn dropdown_values_map_back_to_answers() {
        assert_eq!(answer_for_choice("Yes"), Some(Answer::Yes));
        assert_eq!(answer_for_choice("NA"), Some(Answer::NotApplicable));
        assert_eq!(answer_for_choice("n/a"), Some(Answer::NotApplicable));
        assert_eq!(answer_for_choice("Partially compliant"), Some(Answer::Partial));
        assert_eq!(answer_for_choice("No"), Some(Answer::No));
        assert_eq!(answer_for_choice("None"), Some(Answer::No));
        assert_eq!(answer_for_choice(""), None);
        assert_eq!(answer_for_choice("99.9% uptime"), None);
    }

    fn value() -> impl Strategy<Value = String> {
        prop_oneof![
            prop::sample::select(vec![
                "Yes",
                "yes",
                "Y",
                "No",
                "n",
                "N/A",
                "NA",
                "n.a.",
                "Not applicable",
                "Partial",
                "Partially compliant",
                "In progress",
                "Some",
                "None",
                "True",
                "False",
                "Compliant",
                "Non-compliant",
                "Implemented",
                "Not implemented",
                "",
                "Maybe",
                "CSP-owned",
                "99.9%",
            ])
            .prop_map(String::from),
            "[A-Za-z /.-]{0,12}",
        ]
    }

    proptest! {
        #[test]
        fn the_chosen_value_maps_back_to_its_answer(
            choices in prop::collection::vec(value(), 0..6),
            answer in prop::sample::select(Answer::ALL.to_vec()),
        ) {
            if let Some(v) = choose(answer, &choices) {
                prop_assert!(choices.contains(&v));
                prop_assert_eq!(answer_for_choice(&v), Some(answer));
            }
        }

        #[test]
        fn a_value_that_means_an_answer_is_chosen_for_it(v in value()) {
            if let Some(answer) = answer_for_choice(&v) {
                prop_assert_eq!(choose(answer, std::slice::from_ref(&v)), Some(v.clone()));
            } else {
                for answer in Answer::ALL {
                    prop_assert_eq!(choose(answer, std::slice::from_ref(&v)), None);
                }
            }
        }
    }

    #[test]
    fn answers_serialize_as_the_product_words() {
        assert_eq!(serde_json::to_string(&Answer::NeedsReview).unwrap(), "\"needs-review\"");
        assert_eq!(Answer::parse("not-applicable"), Some(Answer::NotApplicable));
        assert_eq!(Band::of(0.8), Band::High);
        assert_eq!(Band::of(0.5), Band::Medium);
        assert_eq!(Band::of(0.2), Band::Low);
    }

    #[test]
    fn support_reads_as_lines() {
        let s = Support {
            stated: vec![Stated { words: vec!["encrypted".into(), "at rest".into()], reference: "A.8.24".into() }],
            missing: vec!["exclusively".into()],
            notes: vec!["“all” not stated".into()],
        };
        assert_eq!(s.lines(), ["A.8.24 states: encrypted, at rest", "not stated: exclusively", "“all” not stated"]);
        assert!(Support::default().is_empty());
    }
}
