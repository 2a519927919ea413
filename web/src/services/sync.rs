//! Two tabs on the same work never silently discard each other's approvals and edits: what a
//! tab changed since it last read or wrote the stored work (its *base*) is merged, question by
//! question, into what is stored now. Where both tabs changed the same question, the tab saving
//! last wins that question and is told. A tab whose questionnaire another tab replaced (a new
//! file, Start over) does not merge: it stops saving and says so ([`WorkMerge::Replaced`]).
//!
//! The same three-way merge keeps the answer library: entries this tab added, changed or
//! removed since its base are applied to the stored library, and nothing else is touched.
//!
//! Also here: the journal of unsaved changes a tab writes synchronously when it is hidden or
//! closed ([`Journal`]), applied at the next start if the save it started did not finish.
//! Pure: no storage, no DOM; `persist` does the I/O.

use serde::{Deserialize, Serialize};
use trustdraft_core::model::Review;
use trustdraft_core::Work;
use trustdraft_core::{Entry, Library};

/// Whether two works are the same questionnaire (same file, same questions), so that their
/// reviews can be merged question by question.
pub fn same_questionnaire(a: &Work, b: &Work) -> bool {
    a.file_name == b.file_name
        && a.questionnaire.questions.len() == b.questionnaire.questions.len()
        && a.questionnaire
            .questions
            .iter()
            .zip(&b.questionnaire.questions)
            .all(|(x, y)| x.id == y.id && x.text == y.text)
}

/// The outcome of merging this tab's work into the stored one.
#[derive(Debug, Clone, PartialEq)]
pub enum WorkMerge {
    /// The work to show and save, how many questions came from the other tab, and the ids of
    /// those both tabs changed (this tab's version kept).
    Merged { work: Box<Work>, from_other: usize, both: Vec<String> },
    /// The stored work is another questionnaire (or none): another tab replaced it.
    Replaced,
}

/// Merges `mine` (this tab's work, changed since `base`) into `stored`.
pub fn merge_work(base: &Work, mine: &Work, stored: Option<&Work>) -> WorkMerge {
    let Some(stored) = stored.filter(|s| same_questionnaire(s, mine) && same_questionnaire(base, mine)) else {
        return WorkMerge::Replaced;
    };
    // Drafts are the same whichever tab made them (same posture, same questions): the longer run.
    let mut work = if stored.drafts.len() > mine.drafts.len() {
        Work { drafts: stored.drafts.clone(), ..mine.clone() }
    } else {
        mine.clone()
    };
    let len = base.reviews.len().max(mine.reviews.len()).max(stored.reviews.len()).max(work.drafts.len());
    let none = Review::default();
    let at = |reviews: &[Review], i: usize| reviews.get(i).cloned().unwrap_or_else(|| none.clone());
    let mut reviews = Vec::with_capacity(len);
    let (mut from_other, mut both) = (0, Vec::new());
    for i in 0..len {
        let (b, m, s) = (at(&base.reviews, i), at(&mine.reviews, i), at(&stored.reviews, i));
        if m != b {
            if s != b && s != m {
                both.push(mine.questionnaire.questions.get(i).map(|q| q.id.clone()).unwrap_or_default());
            }
            reviews.push(m);
        } else {
            if s != m {
                from_other += 1;
            }
            reviews.push(s);
        }
    }
    // Trailing defaults beyond the drafts are not kept (a review is one per draft).
    while reviews.len() > work.drafts.len() && reviews.last() == Some(&none) {
        reviews.pop();
    }
    work.reviews = reviews;
    WorkMerge::Merged { work: Box::new(work), from_other, both }
}

/// Merges the library entries this tab added, changed or removed since `base` into `stored`.
pub fn merge_library(base: &Library, mine: &Library, stored: &Library) -> Library {
    let key = |e: &Entry| e.key();
    let mut out = stored.clone();
    for e in &mine.entries {
        if !base.entries.contains(e) {
            out.record(e.clone());
        }
    }
    for e in &base.entries {
        if !mine.entries.iter().any(|m| key(m) == key(e)) {
            out.entries.retain(|s| !(key(s) == key(e) && s == e));
        }
    }
    out
}

/// Changes not yet saved when the tab was hidden or closed, kept in `localStorage` (written
/// synchronously, so that even a tab closed at once keeps them): the reviews changed since the
/// stored work, and the library entries added and removed since the stored library.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Journal {
    /// The stored work's revision the changes were made against, and the one the save started
    /// on leaving would write: if the stored work has the latter, the save finished.
    pub base_rev: String,
    pub next_rev: String,
    pub file_name: String,
    pub questions: usize,
    /// The reviews this tab changed since its base: (question index, review).
    pub reviews: Vec<(usize, Review)>,
    #[serde(default)]
    pub library_added: Vec<Entry>,
    #[serde(default)]
    pub library_removed: Vec<Entry>,
}

impl Journal {
    /// The journal of `mine`'s changes since `base` (the work, then the library).
    pub fn of(base: Option<&Work>, mine: Option<&Work>, base_rev: &str, next_rev: &str) -> Journal {
        let none = Review::default();
        let Some(mine) = mine else { return Journal::default() };
        let reviews: Vec<(usize, Review)> = mine
            .reviews
            .iter()
            .enumerate()
            .filter(|(i, r)| base.map_or(**r != none, |b| b.reviews.get(*i).unwrap_or(&none) != *r))
            .map(|(i, r)| (i, r.clone()))
            .collect();
        Journal {
            base_rev: base_rev.to_string(),
            next_rev: next_rev.to_string(),
            file_name: mine.file_name.clone(),
            questions: mine.questionnaire.questions.len(),
            reviews,
            ..Journal::default()
        }
    }

    /// With the library entries `mine` added to or removed from `base`.
    pub fn with_library(mut self, base: &Library, mine: &Library) -> Journal {
        let key = |e: &Entry| e.key();
        self.library_added = mine.entries.iter().filter(|e| !base.entries.contains(e)).cloned().collect();
        self.library_removed =
            base.entries.iter().filter(|e| !mine.entries.iter().any(|m| key(m) == key(e))).cloned().collect();
        self
    }

    pub fn is_empty(&self) -> bool {
        self.reviews.is_empty() && self.library_added.is_empty() && self.library_removed.is_empty()
    }

    /// What is left to keep once a write finished: the work's (`work`: its reviews are saved)
    /// or the library's. The work is written before the library, so clearing the whole journal
    /// when the work was written lost the library entries of approvals made just before leaving.
    pub fn settled(mut self, work: bool) -> Journal {
        if work {
            self.reviews.clear();
        } else {
            self.library_added.clear();
            self.library_removed.clear();
        }
        self
    }

    /// `stored` with the journal's reviews, when they still apply: the same questionnaire, and
    /// the save started on leaving did not finish (`stored_rev` is not its revision).
    pub fn apply(&self, stored: &Work, stored_rev: &str) -> Option<Work> {
        if self.reviews.is_empty()
            || stored_rev == self.next_rev
            || stored.file_name != self.file_name
            || stored.questionnaire.questions.len() != self.questions
        {
            return None;
        }
        let mut work = stored.clone();
        let mut changed = false;
        for (i, r) in &self.reviews {
            if *i >= self.questions {
                continue;
            }
            if work.reviews.len() <= *i {
                work.reviews.resize(i + 1, Review::default());
            }
            changed |= work.reviews[*i] != *r;
            work.reviews[*i] = r.clone();
        }
        changed.then_some(work)
    }

    /// `stored` with the journal's library changes, when there are any.
    pub fn apply_library(&self, stored: &Library) -> Option<Library> {
        if self.library_added.is_empty() && self.library_removed.is_empty() {
            return None;
        }
        let removed = Library { entries: self.library_removed.clone(), ..Library::default() };
        let added = Library { entries: self.library_added.clone(), ..Library::default() };
        let merged = merge_library(&removed, &added, stored);
        (merged != *stored).then_some(merged)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use trustdraft_core::jobs;
    use trustdraft_core::Draft;
    use trustdraft_core::ImportOptions;

    fn work(file: &str) -> Work {
        let bytes = b"id,question\nQ1,Is data encrypted at rest?\nQ2,Do you have CCTV?\nQ3,Is SSO used?\n".to_vec();
        let q = jobs::import(file, &bytes).unwrap();
        let mut w = Work::new(file, bytes, ImportOptions::default(), q);
        w.push_drafts(vec![Draft::needs_review(), Draft::needs_review(), Draft::needs_review()]);
        w
    }

    fn approve(w: &Work, i: usize) -> Work {
        let mut w = w.clone();
        w.reviews[i].approved = true;
        w
    }

    #[test]
    fn two_tabs_approving_different_questions_keep_both() {
        let base = work("q.csv");
        let mine = approve(&base, 0);
        let stored = approve(&base, 1);
        let WorkMerge::Merged { work, from_other, both } = merge_work(&base, &mine, Some(&stored)) else { panic!() };
        assert_eq!((work.reviews[0].approved, work.reviews[1].approved, work.reviews[2].approved), (true, true, false));
        assert_eq!((from_other, both), (1, Vec::<String>::new()));
    }

    #[test]
    fn where_both_tabs_changed_a_question_the_later_save_wins_and_says_so() {
        let base = work("q.csv");
        let mut mine = base.clone();
        mine.reviews[2].text = Some("Mine.".into());
        let mut stored = base.clone();
        stored.reviews[2].text = Some("Theirs.".into());
        let WorkMerge::Merged { work, both, .. } = merge_work(&base, &mine, Some(&stored)) else { panic!() };
        assert_eq!(work.reviews[2].text.as_deref(), Some("Mine."));
        assert_eq!(both, vec!["Q3".to_string()]);
    }

    #[test]
    fn drafts_made_in_either_tab_are_kept_and_another_questionnaire_is_not_merged() {
        let mut base = work("q.csv");
        base.drafts.truncate(1);
        let mine = approve(&base, 0);
        let stored = work("q.csv");
        let WorkMerge::Merged { work: merged, .. } = merge_work(&base, &mine, Some(&stored)) else { panic!() };
        assert_eq!(merged.drafts.len(), 3);
        assert!(merged.reviews[0].approved);
        assert_eq!(merge_work(&base, &mine, Some(&work("other.csv"))), WorkMerge::Replaced);
        assert_eq!(merge_work(&base, &mine, None), WorkMerge::Replaced);
    }

    #[test]
    fn library_changes_of_each_tab_are_kept() {
        let base = Library { entries: vec![entry("Old?"), entry("Gone?")], ..Library::default() };
        let mine = Library { entries: vec![entry("Old?"), entry("Mine?")], ..Library::default() };
        let stored = Library { entries: vec![entry("Old?"), entry("Gone?"), entry("Theirs?")], ..Library::default() };
        let merged: Vec<String> =
            merge_library(&base, &mine, &stored).entries.into_iter().map(|e| e.question).collect();
        assert_eq!(merged, vec!["Old?", "Theirs?", "Mine?"]);
    }

    #[test]
    fn a_journal_keeps_what_was_not_saved_and_is_dropped_once_the_save_finished() {
        let base = work("q.csv");
        let mine = approve(&base, 1);
        let journal = Journal::of(Some(&base), Some(&mine), "r1", "r2");
        assert_eq!(journal.reviews.len(), 1);
        assert!(Journal::of(Some(&base), Some(&base), "r1", "r2").is_empty(), "nothing changed");
        let back: Journal = serde_json::from_str(&serde_json::to_string(&journal).unwrap()).unwrap();
        assert!(back.apply(&base, "r1").unwrap().reviews[1].approved);
        assert!(back.apply(&mine, "r2").is_none(), "the save finished");
        assert!(back.apply(&work("other.csv"), "r1").is_none());
    }

    fn entry(question: &str) -> Entry {
        Entry {
            question: question.into(),
            answer: trustdraft_core::Answer::Yes,
            choice: None,
            text: "t".into(),
            citations: vec![],
            approved: "2026-11-22".into(),
            source: "q.csv › x".into(),
            scope: String::new(),
            refs: Vec::new(),
            retired: String::new(),
        }
    }

    #[test]
    fn a_journal_keeps_library_entries_added_and_removed() {
        let base = Library { entries: vec![entry("Kept?"), entry("Withdrawn?")], ..Library::default() };
        let mine = Library { entries: vec![entry("Kept?"), entry("Approved?")], ..Library::default() };
        let journal = Journal::default().with_library(&base, &mine);
        let back: Journal = serde_json::from_str(&serde_json::to_string(&journal).unwrap()).unwrap();
        let restored: Vec<String> =
            back.apply_library(&base).unwrap().entries.into_iter().map(|e| e.question).collect();
        assert_eq!(restored, vec!["Kept?", "Approved?"]);
        assert!(back.apply_library(&mine).is_none(), "already there");
    }

    #[test]
    fn a_journal_keeps_the_library_entries_until_the_library_is_written() {
        // Approving writes a review and a library entry; the work is written first. If the tab
        // is gone after that write, the entry must still be in the journal.
        let base = work("q.csv");
        let mine = approve(&base, 1);
        let with = Library { entries: vec![entry("Is SSO used?")], ..Library::default() };
        let journal = Journal::of(Some(&base), Some(&mine), "r1", "r2").with_library(&Library::default(), &with);
        let after_work = journal.clone().settled(true);
        assert!(after_work.reviews.is_empty() && !after_work.is_empty(), "the library entry is kept");
        assert_eq!(after_work.apply_library(&Library::default()).unwrap().entries.len(), 1);
        assert!(after_work.settled(false).is_empty(), "both written: nothing left");
        let after_library = journal.settled(false);
        assert_eq!(after_library.reviews.len(), 1, "the reviews wait for the work's write");
    }
}
