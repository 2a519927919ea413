//! Which library entry answers a new question, and whether it may be reused as the answer.
//!
//! Three kinds of match, tried in order: the same words (normalised); other words — a TF-IDF
//! cosine over the questions' subject stems, the negation the same; related — no question
//! matches, but the entry answers the same controls (each workbook's own reference cells, and
//! the question → ISO mapping). Only the same words, or other words whose meaning is certain
//! (near-identical stems, see [`LibraryIndex::find`]), are reused as an answer; the rest are
//! suggestions beside the fresh draft. An entry for another product is never reused, and
//! earlier answers to one question that disagree are a conflict, never picked between.

use std::collections::{HashMap, HashSet};

use super::{negated, normalise, Entry, Library, CLOSE_MATCH};
use crate::crosswalk::{MapSource, Mapper};
use crate::model::Match;

/// The least cosine for other wording to be offered as a suggestion (set on the tune half of
/// `tests/reuse/hecvat-4.14-pairs.csv`, see `npm run reuse`: the pairs asking the same in other
/// words score 0.65 and up there).
pub const SUGGEST_MATCH: f32 = 0.5;
/// The cosine at or above which other wording, differing in no security word, is taken as
/// certain and reused (tune half: the right reuses score 0.91 and up, the questions that differ
/// in meaning 0.82 and below).
pub const CERTAIN_MATCH: f32 = 0.9;
/// The least share of controls and refs in common (of the smaller set) for an entry to be
/// offered as related.
pub const RELATED_MATCH: f32 = 0.5;

/// The library made ready for lookups during one drafting run: normalised texts, stem sets,
/// the stems' weights and each entry's controls computed once.
pub struct LibraryIndex<'a> {
    library: &'a Library,
    /// Normalised question → every entry asking it (several files may answer one question).
    exact: HashMap<String, Vec<usize>>,
    stems: Vec<(HashSet<String>, bool)>,
    idf: HashMap<String, f32>,
    postings: HashMap<String, Vec<usize>>,
    norms: Vec<f32>,
    /// Each entry's ISO controls and own refs, for related answers.
    keys: Vec<HashSet<String>>,
    /// The product drafted for; entries of another are never reused.
    scope: Option<String>,
}

/// The entry found for a question, how, and whether it may be reused.
#[derive(Debug, Clone)]
pub struct Found<'a> {
    pub entry: &'a Entry,
    pub matched: Match,
    pub score: f32,
    /// Same words, or other words whose meaning is certain.
    pub certain: bool,
    /// The entry is for another product than the one drafted for (none of its question's
    /// entries is in scope).
    pub other_scope: bool,
    /// Entries of the same question, in scope, whose answer differs from `entry`'s.
    pub conflicts: Vec<&'a Entry>,
}

impl Found<'_> {
    /// Why the entry is only shown beside the draft, or `None` when it may be the answer.
    pub fn suggestion(&self) -> Option<String> {
        if self.other_scope {
            let scope = if self.entry.scope.is_empty() { "another product" } else { self.entry.scope.as_str() };
            return Some(format!("answered for {scope}, not for this one: not reused"));
        }
        match self.matched {
            Match::Related => {
                Some("a related earlier answer (same controls, another question): not the answer".to_string())
            }
            Match::Close if !self.certain => {
                Some(format!("other wording ({:.2}): a suggestion, not reused", self.score))
            }
            _ => None,
        }
    }
}

/// The product a file's answers were given for when no one says: its name without the
/// extension (`acme-portal-hecvat.xlsx` → `acme-portal-hecvat`).
pub fn default_scope(file: &str) -> String {
    let name = file.rsplit(['/', '\\']).next().unwrap_or(file);
    name.rsplit_once('.').map_or(name, |(stem, _)| stem).to_string()
}

/// The ISO controls a question maps to as drafting keeps them: explicit and crosswalk refs,
/// and the best three word mappings scoring 0.25 or more, read from the part of the question
/// drafting reads.
pub fn mapped_controls(mapper: &Mapper, question: &str, refs: &[String]) -> Vec<String> {
    mapper
        .map("", crate::limits::drafted_part(question), refs, None, 5)
        .iter()
        .enumerate()
        .filter(|(i, m)| m.source != MapSource::Words || (*i < 3 && m.score >= 0.25))
        .map(|(_, m)| m.control.to_string())
        .collect()
}

/// A reference cell compared across workbooks: upper case, no spaces.
fn ref_key(r: &str) -> String {
    format!("ref:{}", r.to_uppercase().split_whitespace().collect::<String>())
}

fn keys_of(controls: &[String], refs: &[String]) -> HashSet<String> {
    controls.iter().cloned().chain(refs.iter().filter(|r| !r.trim().is_empty()).map(|r| ref_key(r))).collect()
}

/// An entry's keys; none for a retired entry.
fn keys_of_live(e: &Entry, controls: &[String]) -> HashSet<String> {
    if e.retired.is_empty() {
        keys_of(controls, &e.refs)
    } else {
        HashSet::new()
    }
}

impl<'a> LibraryIndex<'a> {
    /// `stems` gives a question's subject stems (see [`crate::Engine::subject_stems`]).
    pub fn new(library: &'a Library, stems: impl Fn(&str) -> Vec<String>) -> LibraryIndex<'a> {
        let mut exact: HashMap<String, Vec<usize>> = HashMap::new();
        // A retired entry is kept in the library but never found: no words, no keys.
        for (i, e) in library.entries.iter().enumerate().filter(|(_, e)| e.retired.is_empty()) {
            exact.entry(normalise(&e.question)).or_default().push(i);
        }
        let stems: Vec<(HashSet<String>, bool)> = library
            .entries
            .iter()
            .map(|e| {
                let set = if e.retired.is_empty() { stems(&e.question).into_iter().collect() } else { HashSet::new() };
                (set, negated(&e.question))
            })
            .collect();
        let mut postings: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, (set, _)) in stems.iter().enumerate() {
            for s in set {
                postings.entry(s.clone()).or_default().push(i);
            }
        }
        let n = library.entries.len() as f32;
        let idf: HashMap<String, f32> =
            postings.iter().map(|(s, list)| (s.clone(), ((n + 1.0) / (list.len() as f32 + 1.0)).ln() + 1.0)).collect();
        let norms = stems
            .iter()
            .map(|(set, _)| set.iter().map(|s| idf.get(s).map_or(0.0, |w| w * w)).sum::<f32>().sqrt())
            .collect();
        let keys = library.entries.iter().map(|e| keys_of_live(e, &[])).collect();
        LibraryIndex { library, exact, stems, idf, postings, norms, keys, scope: None }
    }

    /// Adds each entry's ISO controls (`controls` maps an entry's question and refs, see
    /// [`mapped_controls`]), so that entries answering the same controls are found as related.
    pub fn with_controls(mut self, controls: impl Fn(&Entry) -> Vec<String>) -> LibraryIndex<'a> {
        self.keys = self.library.entries.iter().map(|e| keys_of_live(e, &controls(e))).collect();
        self
    }

    /// The product drafted for: entries recorded for another are never reused as an answer.
    pub fn for_scope(mut self, scope: Option<&str>) -> LibraryIndex<'a> {
        self.scope = scope.map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        self
    }

    /// The library entry for `question`: the same words, else the closest wording at or above
    /// [`CLOSE_MATCH`] — or one stem apart, that stem not a security word (`is_domain`) — with
    /// the same negation. Scope and conflicts are not looked at (see [`LibraryIndex::lookup`]).
    pub fn find(
        &self,
        question: &str,
        stems: &[String],
        is_domain: impl Fn(&str) -> bool,
    ) -> Option<(&'a Entry, Match)> {
        if let Some(i) = self.exact.get(&normalise(question)).and_then(|v| v.last()) {
            return Some((&self.library.entries[*i], Match::Same));
        }
        self.near(question, stems, is_domain).map(|i| (&self.library.entries[i], Match::Close))
    }

    /// The entry for a question (its text, subject stems, mapped controls and own refs), by
    /// the same words, other words or the same controls; with whether it may be reused.
    pub fn lookup(
        &self,
        question: &str,
        stems: &[String],
        is_domain: impl Fn(&str) -> bool,
        controls: &[String],
        refs: &[String],
    ) -> Option<Found<'a>> {
        if let Some(list) = self.exact.get(&normalise(question)) {
            return Some(self.found(list, Match::Same, 1.0, true));
        }
        let best = self.cosines(question, stems).into_iter().next();
        if let Some(i) = self.near(question, stems, &is_domain) {
            let score = best.filter(|(j, _)| *j == i).map_or(CLOSE_MATCH, |(_, s)| s);
            return Some(self.found(self.same_question(i), Match::Close, score, true));
        }
        if let Some((i, score)) = best.filter(|(_, s)| *s >= SUGGEST_MATCH) {
            let certain = score >= CERTAIN_MATCH && self.same_security_words(i, stems, &is_domain);
            return Some(self.found(self.same_question(i), Match::Close, score, certain));
        }
        let mine = keys_of(controls, refs);
        let (i, score) = self.related(&mine)?;
        Some(self.found(self.same_question(i), Match::Related, score, false))
    }

    /// Every security word (`is_domain`) of either wording is in both: other wording whose
    /// differences are only plain words.
    fn same_security_words(&self, i: usize, stems: &[String], is_domain: impl Fn(&str) -> bool) -> bool {
        let theirs = &self.stems[i].0;
        let mine: HashSet<&str> = stems.iter().map(String::as_str).collect();
        theirs.iter().all(|s| mine.contains(s.as_str()) || !is_domain(s))
            && mine.iter().all(|s| theirs.contains(*s) || !is_domain(s))
    }

    fn same_question(&self, i: usize) -> &[usize] {
        self.exact.get(&normalise(&self.library.entries[i].question)).map_or(&[], Vec::as_slice)
    }

    /// The entry to show among the entries of one question: the newest in scope; the others in
    /// scope that answer differently are its conflicts.
    fn found(&self, list: &[usize], matched: Match, score: f32, certain: bool) -> Found<'a> {
        let entries = &self.library.entries;
        let in_scope: Vec<&'a Entry> = list.iter().map(|&i| &entries[i]).filter(|e| self.in_scope(e)).collect();
        let other_scope = in_scope.is_empty();
        let entry = in_scope.last().copied().unwrap_or_else(|| &entries[*list.last().unwrap_or(&0)]);
        let mut conflicts: Vec<&'a Entry> = Vec::new();
        for e in in_scope {
            if e.answer != entry.answer && !conflicts.iter().any(|c| c.answer == e.answer) {
                conflicts.push(e);
            }
        }
        Found { entry, matched, score: (score * 100.0).round() / 100.0, certain, other_scope, conflicts }
    }

    fn in_scope(&self, e: &Entry) -> bool {
        match &self.scope {
            None => true,
            Some(scope) => e.scope.is_empty() || e.scope.trim().eq_ignore_ascii_case(scope),
        }
    }

    /// The old close-wording rule: stems overlapping by [`CLOSE_MATCH`], or one plain stem
    /// apart, the same negation.
    fn near(&self, question: &str, stems: &[String], is_domain: impl Fn(&str) -> bool) -> Option<usize> {
        let mine: HashSet<&str> = stems.iter().map(String::as_str).collect();
        if mine.len() < 2 {
            return None;
        }
        let neg = negated(question);
        let mut best: Option<(usize, f32)> = None;
        for (i, (theirs, their_neg)) in self.stems.iter().enumerate() {
            if *their_neg != neg || theirs.is_empty() {
                continue;
            }
            let shared = theirs.iter().filter(|s| mine.contains(s.as_str())).count();
            let union = mine.len() + theirs.len() - shared;
            let mut score = shared as f32 / union as f32;
            if score < CLOSE_MATCH && shared >= 2 && union - shared == 1 {
                let extra = mine
                    .iter()
                    .copied()
                    .find(|s| !theirs.contains(*s))
                    .or_else(|| theirs.iter().map(String::as_str).find(|s| !mine.contains(s)));
                if extra.is_some_and(|s| !is_domain(s)) {
                    score = CLOSE_MATCH;
                }
            }
            if score >= CLOSE_MATCH && best.is_none_or(|(_, b)| score > b) {
                best = Some((i, score));
            }
        }
        best.map(|(i, _)| i)
    }

    /// Every entry sharing a stem with the question, with the same negation, by TF-IDF cosine,
    /// best first.
    fn cosines(&self, question: &str, stems: &[String]) -> Vec<(usize, f32)> {
        let mine: HashSet<&str> = stems.iter().map(String::as_str).collect();
        if mine.len() < 2 {
            return Vec::new();
        }
        let unseen = (self.library.entries.len() as f32 + 1.0).ln() + 1.0;
        let norm = mine.iter().map(|s| self.idf.get(*s).copied().unwrap_or(unseen).powi(2)).sum::<f32>().sqrt();
        let mut dot: HashMap<usize, f32> = HashMap::new();
        for s in &mine {
            let (Some(list), Some(w)) = (self.postings.get(*s), self.idf.get(*s)) else { continue };
            for &i in list {
                *dot.entry(i).or_default() += w * w;
            }
        }
        let neg = negated(question);
        let mut out: Vec<(usize, f32)> = dot
            .into_iter()
            .filter(|(i, _)| self.stems[*i].1 == neg && self.norms[*i] > 0.0)
            .map(|(i, d)| (i, d / (norm * self.norms[i])))
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }

    /// The entry sharing the largest share of controls and refs with the question (of the
    /// smaller of the two sets), at or above [`RELATED_MATCH`]; on a tie, the most shared.
    fn related(&self, mine: &HashSet<String>) -> Option<(usize, f32)> {
        if mine.is_empty() {
            return None;
        }
        let mut best: Option<(usize, f32, usize)> = None;
        for (i, theirs) in self.keys.iter().enumerate() {
            let shared = theirs.intersection(mine).count();
            if shared == 0 {
                continue;
            }
            let score = shared as f32 / mine.len().min(theirs.len()) as f32;
            if score >= RELATED_MATCH && best.is_none_or(|(_, b, n)| (score, shared) > (b, n)) {
                best = Some((i, score, shared));
            }
        }
        best.map(|(i, s, _)| (i, s))
    }
}
