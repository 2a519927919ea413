//! What a draft is for the people who see it, in words: an assertion (exported and shown as the
//! answer), a suggestion (the posture's best reading, for a reviewer to approve), an answer a
//! person gave, or nothing the posture covers. The rule is core's (`Draft::is_assertion`,
//! `export::Basis`); this is only its wording.

use trustdraft_core::{Answer, Band, Draft};
use trustdraft_core::{Basis, Work};

/// What a draft (or the answer going out for it) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The cited rows state every part: exported as drafted, shown as the answer.
    Assertion,
    /// The posture's best reading, not confirmed: not exported until approved.
    Suggestion,
    /// A reviewer approved it.
    Approved,
    /// A reviewer changed it without approving: exported as changed.
    Edited,
    /// An answer approved earlier, reused from the library.
    Library,
    /// Nothing in the posture touches the question: no answer, no text, no rows.
    NotCovered,
}

impl Kind {
    /// A draft as it stands, with nobody's review (the Ask page).
    pub fn of_draft(d: &Draft) -> Kind {
        if is_uncovered(d) {
            Kind::NotCovered
        } else if d.band() == Band::Library && d.is_assertion() {
            Kind::Library
        } else if d.is_assertion() {
            Kind::Assertion
        } else {
            Kind::Suggestion
        }
    }

    /// Draft `i` of `work` with its review (the Questionnaire page).
    pub fn of_work(work: &Work, i: usize) -> Kind {
        let d = &work.drafts[i];
        let review = work.reviews.get(i);
        let f = work.final_answer(i);
        match f.basis {
            _ if review.is_some_and(|r| r.approved) => Kind::Approved,
            Basis::Approved if review.is_some_and(|r| r.is_edited()) => Kind::Edited,
            _ => Kind::of_draft(d),
        }
    }

    /// Whether it goes into the customer's workbook (given something the cell can hold).
    pub fn is_exported(self) -> bool {
        !matches!(self, Kind::Suggestion | Kind::NotCovered)
    }

    /// One line for the reviewer.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Assertion => "Assertion — exported as drafted",
            Kind::Suggestion => "Suggestion — not exported until approved",
            Kind::Approved => "Approved — exported",
            Kind::Edited => "Edited — exported as you changed it",
            Kind::Library => "Approved earlier (library) — exported",
            Kind::NotCovered => "Not covered by the posture",
        }
    }

    /// A short word for CSS classes and `data-kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Assertion => "assertion",
            Kind::Suggestion => "suggestion",
            Kind::Approved => "approved",
            Kind::Edited => "edited",
            Kind::Library => "library",
            Kind::NotCovered => "not-covered",
        }
    }
}

/// Nothing to show: needs review with no text and no row.
fn is_uncovered(d: &Draft) -> bool {
    d.answer == Answer::NeedsReview && d.text.trim().is_empty() && d.citations.is_empty()
}

/// The band filter's words: what each band means to a reviewer.
pub fn band_label(b: Band) -> &'static str {
    match b {
        Band::High => "high — assertions",
        Band::Medium => "medium — suggestions",
        Band::Low => "low — suggestions",
        Band::Library => "library — approved earlier",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use trustdraft_core::model::Review;
    use trustdraft_core::{jobs, Engine, ImportOptions};

    fn work() -> Work {
        let bytes = b"id,question\nQ1,Is data encrypted at rest?\nQ2,Do you have CCTV in the offices?\n".to_vec();
        let q = jobs::import("q.csv", &bytes).unwrap();
        let drafts = Engine::embedded_default().unwrap().draft_questionnaire(&q, None);
        let mut w = Work::new("q.csv", bytes, ImportOptions::default(), q);
        w.push_drafts(drafts);
        w
    }

    #[test]
    fn a_suggestion_is_named_as_one_until_a_person_approves_it() {
        let mut w = work();
        w.drafts[0].stated_band = Some(Band::Medium);
        w.drafts[0].answer = Answer::Yes;
        assert_eq!(Kind::of_work(&w, 0), Kind::Suggestion);
        assert!(!Kind::of_work(&w, 0).is_exported());
        assert_eq!(Kind::of_work(&w, 0).label(), "Suggestion — not exported until approved");
        w.reviews[0] = Review { approved: true, ..Review::default() };
        assert_eq!(Kind::of_work(&w, 0), Kind::Approved);
        w.reviews[0] = Review { text: Some("Ours.".into()), ..Review::default() };
        assert_eq!(Kind::of_work(&w, 0), Kind::Edited);
        assert!(Kind::of_work(&w, 0).is_exported());
    }

    #[test]
    fn an_assertion_is_exported_and_nothing_covered_says_so() {
        let mut w = work();
        w.drafts[0].stated_band = Some(Band::High);
        w.drafts[0].answer = Answer::Yes;
        assert_eq!(Kind::of_work(&w, 0), Kind::Assertion);
        let mut blank = Draft::needs_review();
        assert_eq!(Kind::of_draft(&blank), Kind::NotCovered);
        blank.citations = w.drafts[0].citations.clone();
        assert_eq!(Kind::of_draft(&blank), Kind::Suggestion, "rows to look at are a suggestion");
    }
}
