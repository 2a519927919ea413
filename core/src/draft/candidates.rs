//! Step 4: how well each row ranks for a question: its search score (directly, through an
//! evidence pointer it cites, through a catalog control it covers) and the controls the
//! question maps to. Ranking orders the rows that state a question; it never makes a row
//! state it.

use std::collections::HashMap;

use super::Context;
use crate::crosswalk::{Crosswalk, MapSource, Mapped};
use crate::search::DocRef;

/// Words that make a question one about business continuity.
const CONTINUITY_WORDS: &[&str] = &[
    "continuity",
    "disaster",
    "recovery",
    "recover",
    "rto",
    "rpo",
    "bcp",
    "bcms",
    "failover",
    "backup",
    "backups",
    "restore",
    "resilience",
    "resilient",
    "outage",
    "exercise",
    "drill",
    "crisis",
    "22301",
    "availability",
    "redundancy",
    "region",
    "down",
    "failure",
    "impact",
];

/// What a question carries besides its words that can name a row of another framework: its
/// ref cells and the loaded crosswalk.
pub(crate) struct FrameworkRefs<'a> {
    pub refs: &'a [String],
    pub crosswalk: Option<&'a Crosswalk>,
}

/// A row's standing for one question.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Rank {
    /// Search score relative to the best hit (0–1).
    pub retrieval: f32,
    /// How strongly the question maps to a control the row covers.
    pub mapped: f32,
}

/// The standing of the rows the search or the mapping finds for a question.
pub(crate) struct Ranking {
    pub rows: HashMap<usize, Rank>,
    /// The question speaks of continuity: continuity pages' rows are not held back.
    about_continuity: bool,
}

impl Ranking {
    pub fn of(&self, row: usize) -> Rank {
        self.rows.get(&row).copied().unwrap_or_default()
    }

    /// One figure to order rows by, with `coverage` the share of the question the row states.
    /// A row of a continuity page counts less for a question with no continuity words.
    pub fn score(&self, cx: &Context, row: usize, coverage: f32) -> f32 {
        let r = self.of(row);
        let page = &cx.posture.rows[row].page;
        let continuity_page = cx
            .posture
            .pages
            .iter()
            .find(|p| p.title == *page)
            .is_some_and(|p| p.standard == Some(crate::model::Standard::Iso22301));
        let affinity = if continuity_page && !self.about_continuity { 0.85 } else { 1.0 };
        (0.45 * r.retrieval + 0.4 * coverage + 0.15 * r.mapped.min(1.0)) * affinity
    }
}

/// The standing of every row the search or the mapping finds for `question`.
/// `searched` is the index's answer to the question (see [`super::SEARCHED`]), queried once per
/// draft.
pub(crate) fn rank(
    cx: &Context,
    question: &str,
    searched: &[(DocRef, f32)],
    mapped: &[Mapped],
    framework: &FrameworkRefs,
) -> Ranking {
    let mut by_row: HashMap<usize, Rank> = HashMap::new();
    let ranked = searched;
    let top = ranked.first().map(|r| r.1).unwrap_or(1.0).max(1e-6);
    let mut add = |row: usize, retrieval: f32, mapped: f32| {
        let r = by_row.entry(row).or_default();
        r.retrieval = r.retrieval.max(retrieval);
        r.mapped = r.mapped.max(mapped);
    };
    for (doc, score) in ranked {
        let s = score / top;
        match *doc {
            DocRef::Row(i) => add(i, s, 0.0),
            DocRef::Pointer(i) => {
                for r in cx.posture.pointers[i].rows() {
                    add(r, s * 0.7, 0.0);
                }
            }
            DocRef::Control(i) => {
                if let Some(c) = cx.coverage.get(i) {
                    for &r in c.rows.iter().take(2) {
                        add(r, s * 0.5, 0.0);
                    }
                }
            }
            DocRef::Passage(_) => {}
        }
    }
    for (rank, m) in mapped.iter().take(3).enumerate() {
        let weight = if m.source == MapSource::Words { m.score / (rank as f32 + 1.0) } else { 1.0 };
        if let Some(cov) = cx.coverage.iter().find(|c| c.control == m.control) {
            for &r in cov.rows.iter().take(2) {
                add(r, 0.0, weight);
            }
        }
    }
    // Rows with a NIST or SOC 2 ref that the question's ref cells name, or that a loaded
    // crosswalk maps onto a control the question maps to, count as mapped.
    for (r, row) in cx.posture.rows.iter().enumerate().filter(|(_, row)| row.framework.is_some()) {
        let named = framework.refs.iter().any(|cell| {
            crate::posture::refs::framework_refs_in(cell).iter().any(|k| k.eq_ignore_ascii_case(&row.reference))
        });
        let crosswalked = framework
            .crosswalk
            .and_then(|cw| cw.get(&row.reference))
            .is_some_and(|controls| controls.iter().any(|c| mapped.iter().take(3).any(|m| &m.control == c)));
        if named || crosswalked {
            add(r, 0.0, 1.0);
        }
    }
    let lower = question.to_lowercase();
    let about_continuity =
        CONTINUITY_WORDS.iter().any(|w| lower.split(|c: char| !c.is_alphanumeric()).any(|x| x == *w));
    Ranking { rows: by_row, about_continuity }
}
