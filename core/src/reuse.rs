//! Library reuse, above drafting: an approved answer to the same question (or a wording of
//! certain meaning) is reused, above any fresh draft, unless it was given for another product,
//! earlier answers disagree, or a row it cites changed status since it was approved: then the
//! fresh draft is given, with the earlier answer beside it (flagged when a row changed or answers
//! disagree). The engine composes it: library first, then drafting's fresh draft; `draft/` knows
//! nothing of the library.

use crate::draft::Prepared;
use crate::library::{self, LibraryIndex};
use crate::model::{choose, Band, Draft, Earlier, LibraryUse};
use crate::posture::Posture;
use crate::questionnaire::Question;
use crate::search::stems;

/// A question's subject stems, for comparing wordings: the search analyzer's stems without
/// generic words and governance boilerplate, of the part drafting reads.
pub(crate) fn subject_stems(prepared: &Prepared, question: &str) -> Vec<String> {
    let mut analyzer = prepared.analyzer.clone();
    stems(&mut analyzer, crate::limits::drafted_part(question))
        .into_iter()
        .filter(|s| !prepared.generic.contains(s) && !prepared.boilerplate.contains(s))
        .collect()
}

/// `fresh`, or the library's approved answer for `q` when there is one to reuse: the same words
/// (or other words of certain meaning), for this product, no earlier answer disagreeing, no
/// cited row changed. Otherwise the earlier answer is shown beside the fresh draft (a
/// suggestion, a related answer, a conflict).
pub(crate) fn with_library(
    prepared: &Prepared,
    posture: &Posture,
    q: &Question,
    fresh: Draft,
    library: Option<&LibraryIndex>,
) -> Draft {
    let controls = library::mapped_controls(prepared.mapper(), &q.text, &q.refs);
    let Some(found) = library.and_then(|l| {
        l.lookup(&q.text, &subject_stems(prepared, &q.text), |s| prepared.is_domain(s), &controls, &q.refs)
    }) else {
        return fresh;
    };
    let entry = found.entry;
    let used = LibraryUse {
        matched: found.matched,
        question: entry.question.clone(),
        approved: entry.approved.clone(),
        source: entry.source.clone(),
        changed: library::status_changes(entry, posture),
        score: found.score,
        scope: entry.scope.clone(),
        answer: Some(entry.answer),
        text: entry.text.clone(),
        suggestion: found.suggestion(),
        conflicts: found.conflicts.iter().map(|e| earlier(e)).collect(),
    };
    if !used.is_reused() {
        // Not reused silently: the fresh draft, with the earlier answer beside it; at low
        // confidence when a cited row changed or earlier answers disagree.
        let confidence = if used.needs_look() { fresh.confidence.min(0.3) } else { fresh.confidence };
        return Draft { confidence, library: Some(used), ..fresh };
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

fn earlier(e: &library::Entry) -> Earlier {
    Earlier {
        question: e.question.clone(),
        answer: e.answer,
        text: e.text.clone(),
        source: e.source.clone(),
        scope: e.scope.clone(),
        approved: e.approved.clone(),
    }
}
