//! Step 7: the answer library. An approved answer to the same question (or a close wording) is
//! reused, above any fresh draft, unless a row it cites changed status since it was approved:
//! then the fresh draft is given, flagged with what changed.

use super::Context;
use crate::answer::{choose, Band, Draft, LibraryUse};
use crate::library::{self, LibraryIndex};
use crate::questionnaire::Question;
use crate::search::stems;

/// A question's subject stems, for comparing wordings: the search analyzer's stems without
/// generic words and governance boilerplate.
pub(crate) fn subject_stems(cx: &Context, question: &str) -> Vec<String> {
    let prepared = cx.prepared;
    let mut analyzer = prepared.analyzer.clone();
    stems(&mut analyzer, question)
        .into_iter()
        .filter(|s| !prepared.generic.contains(s) && !prepared.boilerplate.contains(s))
        .collect()
}

/// `fresh`, or the library's approved answer for `q` when there is one to reuse.
pub(crate) fn with_library(cx: &Context, q: &Question, fresh: Draft, library: Option<&LibraryIndex>) -> Draft {
    let Some((entry, matched)) =
        library.and_then(|l| l.find(&q.text, &subject_stems(cx, &q.text), |s| cx.prepared.is_domain(s)))
    else {
        return fresh;
    };
    let changed = library::status_changes(entry, cx.posture);
    let used = LibraryUse {
        matched,
        question: entry.question.clone(),
        approved: entry.approved.clone(),
        source: entry.source.clone(),
        changed,
    };
    if !used.is_reused() {
        // Not reused silently: the fresh draft, at low confidence, says what changed.
        return Draft { confidence: fresh.confidence.min(0.3), library: Some(used), ..fresh };
    }
    let choice = q
        .choices
        .as_deref()
        .and_then(|c| entry.choice.clone().filter(|v| c.contains(v)).or_else(|| choose(entry.answer, c)));
    Draft {
        answer: entry.answer,
        confidence: 1.0,
        text: entry.text.clone(),
        citations: entry.citations.clone(),
        choice,
        library: Some(used),
        support: Default::default(),
        stated_band: Some(Band::Library),
        ..fresh
    }
}
