//! Step 1: the posture analysed once per engine for drafting. Each row's meaning is its own
//! words without its evidence pointers (a path such as `/policies/procedures/customer-
//! notification` or a vendor such as `Grafana Cloud` is evidence, not what the row is about);
//! its clauses carry their gap, negation, frequency and scope marks; an inverted list says
//! which rows hold each stem. Serializable for the engine snapshot (the analyzer is rebuilt).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::pattern::Regex;
use serde::{Deserialize, Serialize};
use tantivy::tokenizer::TextAnalyzer;

use crate::crosswalk::Mapper;
use crate::model::ControlRow;
use crate::model::EvidenceKind;
use crate::posture::Posture;
use crate::search::{stems, stems_with_positions, tokens};
use crate::vocab::{self, Relation};

/// Phrases that mark a clause as a gap where something is absent: with nothing positive
/// beside them, they make the answer `no`.
const ABSENCE_MARKERS: &[&str] = &[
    "not yet available",
    "not available",
    "not deployed",
    "not in place",
    "not implemented",
    "not enforced",
    "not offered",
    "not supported",
    "not provided",
    "missing",
    "is the gap",
];

/// Phrases that mark a clause as a weakness: the thing exists, but not fully.
const GAP_MARKERS: &[&str] = &[
    "not yet",
    "informal",
    "informally",
    "not maintained",
    "not drilled",
    "not recurring",
    "not wired",
    "in progress",
    "planned",
    "on the roadmap",
    "roadmap",
    "known gaps",
    "not centralised",
    "not centralized",
    "not all",
    "no formal",
    "not documented",
    "not tested",
    "not finalised",
    "not finalized",
    "single-supplier",
    "single-vertical dependency",
    "not a recurring",
    "lacks",
    "not currently",
];

/// Words that end a noun phrase after a negation.
const PREPOSITIONS: &[&str] = &[
    "on", "in", "at", "for", "with", "to", "of", "via", "from", "by", "into", "across", "through", "can", "is", "are",
];

/// A clause of a row's text (split at `;` and sentence ends), analysed once.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Clause {
    pub text: String,
    /// Stems of its meaning (evidence pointers left out).
    pub stems: HashSet<String>,
    pub gap: bool,
    /// The gap is an absence ("not yet available"), not a weakness ("informal").
    pub absent: bool,
    /// What it says is not done or not there: the stems of each phrase after a negation, its
    /// head last ("no manual cloud-console changes": manual, cloud, console, change).
    pub negated: Vec<Vec<String>>,
    /// The most often it says something is done, in times a year ("monthly": 12).
    pub frequency: Option<f32>,
    /// It states a whole scope ("mandatory", "each phase", "no manual installs").
    pub universal: bool,
    /// It limits its scope ("for workforce members with production access").
    pub limiting: bool,
    /// Stems it says only as the modifier of the word after them ("network choice": a choice;
    /// "remediation deadline": a deadline), never as what it speaks of.
    pub modifiers: Vec<String>,
}

/// A row's meaning: the stems of its ref, requirement and text without evidence pointers, and
/// the vendors it names (a question word matches a vendor only as the vendor's whole name).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Meaning {
    /// Rebuilt from `sequence` when a snapshot is opened.
    #[serde(skip)]
    pub stems: HashSet<String>,
    /// The same stems in order: a phrase is stated only as a phrase ("personal information" is
    /// not in "personal-device inventory is informal").
    pub sequence: Vec<String>,
    /// Stems of the requirement cell (and of a named ref: `Backup integrity`): what the row as a
    /// whole is about.
    pub requirement: HashSet<String>,
    /// Stems of the requirement cell of a named row (`Multi-cloud`: "No single-cloud failure
    /// can take production down"): the row's own claim. A catalog control's name is a topic,
    /// not a claim, and a row's ref is its label: both leave this empty. Always written (the
    /// engine snapshot is postcard: a field skipped when empty shifts every field after it).
    pub claim: HashSet<String>,
    pub vendors: Vec<Vec<String>>,
    /// Stems the row says only in another sense ([`vocab::OTHER_SENSES`]: "screen" in "clear
    /// screen"): alone they do not state the word. Rebuilt with the lookups.
    #[serde(skip)]
    pub bound: HashSet<String>,
}

impl Meaning {
    /// Whether the row states `phrase` (its stems in a row, or it is a vendor's whole name).
    pub fn holds(&self, phrase: &[String]) -> bool {
        match phrase {
            [] => false,
            [one] => self.stems.contains(one) || self.vendors.iter().any(|v| v.as_slice() == phrase),
            _ => {
                phrase.iter().all(|s| self.stems.contains(s))
                    && self.sequence.windows(phrase.len()).any(|w| w == phrase)
                    || self.vendors.iter().any(|v| v.as_slice() == phrase)
            }
        }
    }
}

/// What may stand in for a phrase (the same meaning or narrower), and of those the same meaning.
pub(crate) type StandIns = (Vec<Vec<String>>, Vec<Vec<String>>);

/// A vocabulary group as stems, each member with its relation to the group.
pub(crate) type Group = Vec<(Vec<String>, Relation)>;

/// The posture, analysed for drafting. In a snapshot only what cannot be derived is stored:
/// the lookups (`holders`, `phrase_starts`, `stand_ins`, each meaning's stem set) are rebuilt
/// when it is opened ([`Stored`]).
#[derive(Clone, Serialize, Deserialize)]
#[serde(from = "Stored")]
pub struct Prepared {
    pub(crate) meanings: Vec<Meaning>,
    pub(crate) clauses: Vec<Vec<Clause>>,
    /// For each stem, the rows whose meaning holds it.
    #[serde(skip_serializing)]
    pub(crate) holders: HashMap<String, Vec<u32>>,
    /// In how many rows and passages each stem occurs.
    pub(crate) df: HashMap<String, usize>,
    pub(crate) docs: usize,
    pub(crate) generic: HashSet<String>,
    pub(crate) boilerplate: HashSet<String>,
    pub(crate) actors: HashSet<String>,
    pub(crate) groups: Vec<Group>,
    /// Every phrase of more than one stem, with the position gaps between its stems
    /// ("single point of failure": 1, 2).
    pub(crate) phrases: Vec<(Vec<String>, Vec<usize>)>,
    /// The phrases that start with each stem (indexes into `phrases`).
    #[serde(skip_serializing)]
    phrase_starts: HashMap<String, Vec<usize>>,
    /// For each member of the same meaning (its stems joined by spaces): the members that may
    /// stand in for it (the same meaning or narrower), and of those the same meaning.
    #[serde(skip_serializing)]
    stand_ins: HashMap<String, StandIns>,
    /// Stems of the security vocabulary and of the crosswalk vocabulary: subject words.
    pub(crate) domain: HashSet<String>,
    /// One-stem members of the vocabulary of any relation (also "cloud", "firewall"): words of
    /// the trade, if not all security words.
    pub(crate) vocabulary: HashSet<String>,
    /// For each of [`vocab::BAD_PRACTICES`], its good practices as stems.
    pub(crate) good_practices: Vec<Vec<Vec<String>>>,
    /// The search analyzer, built once (cloned per question).
    #[serde(skip, default = "crate::search::analyzer")]
    pub(crate) analyzer: TextAnalyzer,
    pub(crate) mapper: Mapper,
}

/// What a snapshot stores of [`Prepared`]: everything but the lookups derived from it.
#[derive(Deserialize)]
struct Stored {
    meanings: Vec<Meaning>,
    clauses: Vec<Vec<Clause>>,
    df: HashMap<String, usize>,
    docs: usize,
    generic: HashSet<String>,
    boilerplate: HashSet<String>,
    actors: HashSet<String>,
    groups: Vec<Group>,
    phrases: Vec<(Vec<String>, Vec<usize>)>,
    domain: HashSet<String>,
    vocabulary: HashSet<String>,
    good_practices: Vec<Vec<Vec<String>>>,
    mapper: Mapper,
}

impl From<Stored> for Prepared {
    fn from(s: Stored) -> Prepared {
        let mut meanings = s.meanings;
        for m in &mut meanings {
            m.stems = m.sequence.iter().cloned().collect();
        }
        let mut p = Prepared {
            holders: HashMap::new(),
            phrase_starts: HashMap::new(),
            stand_ins: HashMap::new(),
            meanings,
            clauses: s.clauses,
            df: s.df,
            docs: s.docs,
            generic: s.generic,
            boilerplate: s.boilerplate,
            actors: s.actors,
            groups: s.groups,
            phrases: s.phrases,
            domain: s.domain,
            vocabulary: s.vocabulary,
            good_practices: s.good_practices,
            analyzer: crate::search::analyzer(),
            mapper: s.mapper,
        };
        p.derive_lookups();
        p
    }
}

impl std::fmt::Debug for Prepared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prepared").field("rows", &self.meanings.len()).field("docs", &self.docs).finish()
    }
}

fn negation_regex() -> &'static Regex {
    static CELL: OnceLock<Regex> = OnceLock::new();
    CELL.get_or_init(|| {
        Regex::new(r"(?i)\b(?:no|never|without|nor)\s+((?:[\w./+-]+\s+){0,3}[\w./+-]+)").expect("negation pattern")
    })
}

/// The stems of `text` said only as the modifier of the word after them. A compound's head is
/// its last word: a word modifies the next when only a space or a hyphen stands between them
/// and the next is a word of the phrase (not a number, a participle such as "verified", an
/// adverb such as "nightly", or a word after a removed stop word).
fn modifiers(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let toks = tokens(analyzer, text);
    let mut heads: HashSet<&str> = HashSet::new();
    let mut modifying: Vec<String> = Vec::new();
    for (i, (stem, position, range)) in toks.iter().enumerate() {
        let modifies = toks.get(i + 1).is_some_and(|(_, next_position, next)| {
            let word = &text[next.clone()];
            *next_position == position + 1
                && text[range.end..next.start].chars().all(|c| c == ' ' || c == '-')
                && !word.chars().all(|c| c.is_ascii_digit())
                && !word.to_ascii_lowercase().ends_with("ed")
                && !word.to_ascii_lowercase().ends_with("ly")
                && !text[range.clone()].chars().all(|c| c.is_ascii_digit())
        });
        if !modifies {
            heads.insert(stem);
        } else if !modifying.contains(stem) {
            modifying.push(stem.clone());
        }
    }
    modifying.retain(|s| !heads.contains(s.as_str()));
    modifying
}

pub(crate) fn split_clauses(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let sentence_end = c == '.' && chars.get(i + 1).is_some_and(|n| n.is_whitespace());
        if c == ';' || sentence_end {
            if c == '.' {
                current.push('.');
            }
            let t = current.trim().to_string();
            if !t.is_empty() {
                out.push(t);
            }
            current.clear();
        } else {
            current.push(c);
        }
    }
    let t = current.trim().to_string();
    if !t.is_empty() {
        out.push(t);
    }
    out
}

fn is_gap(lower: &str) -> bool {
    GAP_MARKERS.iter().chain(ABSENCE_MARKERS).any(|m| lower.contains(m))
}

fn is_absence(lower: &str) -> bool {
    ABSENCE_MARKERS.iter().any(|m| lower.contains(m))
}

/// Where `word` occurs in `lower` as a whole word (letters, digits, `-` and `%` join words, so
/// "read-only" holds no "only" and "firewall" no "all"). A plain byte scan: the texts are a
/// sentence or two, and building a substring searcher for each of the hundred words looked
/// for in a question costs more than the scan.
pub(crate) fn word_at(lower: &str, word: &str) -> Vec<usize> {
    let joins = |c: char| c.is_alphanumeric() || c == '-' || c == '%' || c == '\'';
    let (text, needle) = (lower.as_bytes(), word.as_bytes());
    let Some(&first) = needle.first() else { return Vec::new() };
    let mut out = Vec::new();
    let mut at = 0;
    while at + needle.len() <= text.len() {
        if text[at] == first && &text[at..at + needle.len()] == needle && lower.is_char_boundary(at) {
            let end = at + needle.len();
            let before = lower[..at].chars().next_back().is_none_or(|c| !joins(c));
            let after = lower.get(end..).and_then(|r| r.chars().next()).is_none_or(|c| !joins(c));
            if before && after {
                out.push(at);
                at = end;
                continue;
            }
        }
        at += 1;
    }
    out
}

pub(crate) fn has_word(lower: &str, word: &str) -> bool {
    !word_at(lower, word).is_empty()
}

/// The most often `lower` says something is done (times a year); 0 for "regularly".
pub(crate) fn frequency(lower: &str) -> Option<f32> {
    vocab::FREQUENCIES.iter().filter(|(w, _)| has_word(lower, w)).map(|(_, f)| *f).reduce(f32::max)
}

/// `text` without its evidence pointers: vendor names and addresses are left out, and a site
/// path or a repository file keeps only the name of what it links to
/// (`/policies/procedures/remote-working` → "remote working", `docs/architecture.md` →
/// "architecture": what the evidence is; the folders it sits in say nothing of the row).
pub(crate) fn meaning_text(text: &str, row: &ControlRow) -> String {
    let mut out = text.to_string();
    for e in row.evidence.iter().filter(|e| e.kind == EvidenceKind::Vendor) {
        out = replace_ignoring_case(&out, &e.target);
    }
    out.split_whitespace()
        .filter_map(|w| match pointer_word(w) {
            Pointer::Not => Some(w.to_string()),
            Pointer::Page(name) => Some(name),
            Pointer::Other => None,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The names of the pages and files `text` points to, in words ("/policies/onboarding":
/// "onboarding").
pub(crate) fn page_names(text: &str) -> String {
    text.split_whitespace()
        .filter_map(|w| match pointer_word(w) {
            Pointer::Page(name) => Some(name),
            _ => None,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

fn replace_ignoring_case(text: &str, what: &str) -> String {
    if what.is_empty() {
        return text.to_string();
    }
    let lower = text.to_lowercase();
    if lower.len() != text.len() {
        return text.to_string();
    }
    let mut out = String::new();
    let mut at = 0;
    for i in word_at(&lower, &what.to_lowercase()) {
        out.push_str(&text[at..i]);
        out.push(' ');
        at = i + what.len();
    }
    out.push_str(&text[at..]);
    out
}

/// What a word of a row is, as evidence.
#[derive(Debug, PartialEq)]
enum Pointer {
    /// Not a pointer: a word.
    Not,
    /// A site path or a repository file: the name of the page or file it links to, in words.
    Page(String),
    /// An e-mail address.
    Other,
}

/// Whether `word` points somewhere rather than saying something.
fn pointer_word(word: &str) -> Pointer {
    let w = word.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | ',' | ';' | ':' | '"' | '\''));
    let w = w.trim_end_matches('.');
    if w.starts_with('/') && w.len() > 1 {
        let name = w.trim_end_matches('/').rsplit('/').next().unwrap_or_default();
        return Pointer::Page(name.replace(['-', '_'], " "));
    }
    if w.contains('@') {
        return Pointer::Other;
    }
    let file = w.contains('/')
        && (w.starts_with('.') || w.ends_with('/') || w.rsplit('/').next().is_some_and(|last| last.contains('.')));
    if file {
        let name = w.trim_end_matches('/').rsplit('/').next().unwrap_or_default();
        let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        Pointer::Page(stem.trim_start_matches('.').replace(['-', '_'], " "))
    } else {
        Pointer::Not
    }
}

/// What a row means for drafting: its stems, in order too, its requirement's, its own claim's
/// (a named row's requirement), and its vendors'.
fn row_meaning(analyzer: &mut TextAnalyzer, row: &ControlRow) -> Meaning {
    let text = meaning_text(&format!("{} {} {}", row.reference, row.requirement, row.text), row);
    let sequence = stems(analyzer, &text);
    let all: HashSet<String> = sequence.iter().cloned().collect();
    let named = if row.controls.is_empty() { row.reference.as_str() } else { "" };
    let requirement =
        stems(analyzer, &meaning_text(&format!("{named} {}", row.requirement), row)).into_iter().collect();
    let vendors = row
        .evidence
        .iter()
        .filter(|e| e.kind == EvidenceKind::Vendor)
        .map(|e| stems(analyzer, &e.target))
        .filter(|s| !s.is_empty())
        .collect();
    let claim = if row.controls.is_empty() && row.framework.is_none() {
        stems(analyzer, &meaning_text(&row.requirement, row)).into_iter().collect()
    } else {
        HashSet::new()
    };
    Meaning { stems: all, sequence, requirement, claim, vendors, bound: HashSet::new() }
}

/// A row's text in clauses, each read once: its stems, what it negates, whether it is a gap or
/// says something is absent, how often, and whether it widens or limits its scope.
fn row_clauses(analyzer: &mut TextAnalyzer, row: &ControlRow) -> Vec<Clause> {
    split_clauses(&row.text)
        .into_iter()
        .map(|text| {
            let lower = text.to_lowercase();
            let meaning = meaning_text(&text, row);
            let negated = negated_phrases(analyzer, &meaning);
            let gap = is_gap(&lower);
            Clause {
                modifiers: modifiers(analyzer, &meaning),
                stems: stems(analyzer, &meaning).into_iter().collect(),
                gap,
                absent: is_absence(&lower),
                negated,
                frequency: if gap { None } else { frequency(&lower) },
                universal: vocab::UNIVERSAL_WORDS.iter().any(|w| has_word(&lower, w)) || lower.contains("-only"),
                limiting: vocab::LIMITING_WORDS.iter().any(|w| has_word(&lower, w))
                    || word_at(&lower, "for").iter().any(|&at| has_word(&lower[at..], "with")),
                text,
            }
        })
        .collect()
}

/// The stems of each phrase `text` says is not done or not there ("no third-party tracking on
/// …": third-party tracking; "no single DNS provider failure can …": DNS provider failure — a
/// quantifier is no kind of the thing).
fn negated_phrases(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Vec<String>> {
    const QUANTIFIERS: &[&str] = &["single", "one", "any"];
    negation_regex()
        .captures_iter(text)
        .map(|c| {
            // The phrase ends where a preposition starts ("no third-party tracking on …").
            let words: Vec<&str> =
                c[1].split_whitespace().take_while(|w| !PREPOSITIONS.contains(&w.to_lowercase().as_str())).collect();
            let words = match words.first().map(|w| w.to_lowercase()) {
                Some(first) if QUANTIFIERS.contains(&first.as_str()) => &words[1..],
                Some(first) if first.starts_with("single-") => {
                    return stems(analyzer, &format!("{} {}", &words[0]["single-".len()..], words[1..].join(" ")));
                }
                _ => &words[..],
            };
            stems(analyzer, &words.join(" "))
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// The stems of `sequence` that occur there only as the other sense of a word (`senses`: a
/// phrase's stems and the position of the word in it).
fn bound_stems(sequence: &[String], senses: &[(Vec<String>, usize)]) -> HashSet<String> {
    let mut other = vec![false; sequence.len()];
    for (p, at) in senses {
        for start in 0..(sequence.len() + 1).saturating_sub(p.len()) {
            if sequence[start..start + p.len()] == p[..] {
                other[start + at] = true;
            }
        }
    }
    let plain: HashSet<&String> = sequence.iter().zip(&other).filter(|(_, o)| !**o).map(|(s, _)| s).collect();
    sequence.iter().zip(&other).filter(|(s, o)| **o && !plain.contains(s)).map(|(s, _)| s.clone()).collect()
}

/// The vocabulary's phrases of more than one stem, with the gaps between their stems.
fn written_phrases(analyzer: &mut TextAnalyzer) -> Vec<(Vec<String>, Vec<usize>)> {
    let mut phrases: Vec<(Vec<String>, Vec<usize>)> = Vec::new();
    let written = vocab::SYNONYM_GROUPS
        .iter()
        .chain(vocab::EVERYDAY_GROUPS)
        .flat_map(|g| g.iter().map(|w| vocab::member(w).0))
        .chain(vocab::BAD_PRACTICES.iter().flat_map(|(bad, good)| bad.iter().chain(good.iter()).copied()));
    for p in written {
        let positioned = stems_with_positions(analyzer, p);
        if positioned.len() > 1 {
            let gaps = positioned.windows(2).map(|w| w[1].1 - w[0].1).collect();
            let entry = (positioned.into_iter().map(|(s, _)| s).collect(), gaps);
            if !phrases.contains(&entry) {
                phrases.push(entry);
            }
        }
    }
    phrases
}

impl Prepared {
    /// Analyses `posture` once.
    pub fn new(posture: &Posture, analyzer: &mut TextAnalyzer) -> Prepared {
        let mut df: HashMap<String, usize> = HashMap::new();
        let mut count = |set: &HashSet<String>| {
            for s in set {
                *df.entry(s.clone()).or_default() += 1;
            }
        };
        let mut meanings = Vec::new();
        let mut clauses = Vec::new();
        for row in &posture.rows {
            let meaning = row_meaning(analyzer, row);
            count(&meaning.stems);
            meanings.push(meaning);
            clauses.push(row_clauses(analyzer, row));
        }
        for p in &posture.passages {
            let all: HashSet<String> = stems(analyzer, &p.text).into_iter().collect();
            count(&all);
        }
        let stem_set = |analyzer: &mut TextAnalyzer, words: &[&str]| -> HashSet<String> {
            words.iter().flat_map(|w| stems(analyzer, w)).collect()
        };
        let generic = stem_set(analyzer, vocab::GENERIC);
        let boilerplate = stem_set(analyzer, vocab::BOILERPLATE);
        let actors = stem_set(analyzer, vocab::ACTORS);
        let groups: Vec<Group> = vocab::SYNONYM_GROUPS
            .iter()
            .chain(vocab::EVERYDAY_GROUPS)
            .map(|g| {
                g.iter()
                    .map(|written| {
                        let (phrase, relation) = vocab::member(written);
                        (stems(analyzer, phrase), relation)
                    })
                    .filter(|(p, _)| !p.is_empty())
                    .collect()
            })
            .collect();
        let phrases = written_phrases(analyzer);
        let mapper = Mapper::embedded();
        // Subject words: one-word entries of the vocabulary and of the crosswalk vocabulary
        // ("cctv", "encryption"), not every word of a longer phrase ("zone" of "availability zones").
        let mut domain: HashSet<String> = mapper.single_stems().cloned().collect();
        // Members of one stem ("encryption", "at rest"; not "sign-in", whose one stem is "sign")
        // of the same or a narrower meaning.
        for written in vocab::SYNONYM_GROUPS.iter().flat_map(|g| g.iter()) {
            let (phrase, relation) = vocab::member(written);
            let one = stems(analyzer, phrase);
            if relation != Relation::Related && !phrase.contains('-') && one.len() == 1 {
                domain.extend(one);
            }
        }
        domain.retain(|s| !generic.contains(s) && !boilerplate.contains(s) && !actors.contains(s));
        let mut vocabulary = domain.clone();
        for (p, _) in groups[..vocab::SYNONYM_GROUPS.len()].iter().flatten().filter(|(p, _)| p.len() == 1) {
            if !generic.contains(&p[0]) && !boilerplate.contains(&p[0]) && !actors.contains(&p[0]) {
                vocabulary.insert(p[0].clone());
            }
        }
        let good_practices = vocab::BAD_PRACTICES
            .iter()
            .map(|(_, good)| good.iter().map(|g| stems(analyzer, g)).filter(|s| !s.is_empty()).collect())
            .collect();
        let mut prepared = Prepared {
            analyzer: analyzer.clone(),
            holders: HashMap::new(),
            phrase_starts: HashMap::new(),
            stand_ins: HashMap::new(),
            docs: posture.rows.len() + posture.passages.len(),
            meanings,
            clauses,
            df,
            generic,
            boilerplate,
            actors,
            groups,
            phrases,
            domain,
            vocabulary,
            good_practices,
            mapper,
        };
        prepared.derive_lookups();
        prepared
    }

    /// The lookups derived from the rest: which rows hold each stem, the phrases starting with
    /// each stem, and the stand-ins of each vocabulary member.
    fn derive_lookups(&mut self) {
        let mut analyzer = self.analyzer.clone();
        let senses: Vec<(Vec<String>, usize)> = vocab::OTHER_SENSES
            .iter()
            .filter_map(|(phrase, word)| {
                let p = stems(&mut analyzer, phrase);
                let w = stems(&mut analyzer, word);
                let at = p.iter().position(|s| w.first() == Some(s))?;
                Some((p, at))
            })
            .collect();
        for m in &mut self.meanings {
            m.bound = bound_stems(&m.sequence, &senses);
        }
        self.holders.clear();
        for (i, m) in self.meanings.iter().enumerate() {
            for s in &m.stems {
                self.holders.entry(s.clone()).or_default().push(i as u32);
            }
        }
        self.phrase_starts.clear();
        for (i, (p, _)) in self.phrases.iter().enumerate() {
            self.phrase_starts.entry(p[0].clone()).or_default().push(i);
        }
        self.stand_ins.clear();
        for g in &self.groups {
            for (p, _) in g.iter().filter(|(_, rel)| *rel == Relation::Same) {
                let entry = self.stand_ins.entry(p.join(" ")).or_default();
                for (other, rel) in g.iter().filter(|(other, rel)| other != p && *rel != Relation::Related) {
                    if !entry.0.contains(other) {
                        entry.0.push(other.clone());
                    }
                    if *rel == Relation::Same && !entry.1.contains(other) {
                        entry.1.push(other.clone());
                    }
                }
            }
        }
    }

    pub fn mapper(&self) -> &Mapper {
        &self.mapper
    }

    /// The vocabulary phrases that start with `stem`.
    pub(crate) fn phrases_from<'a>(&'a self, stem: &str) -> impl Iterator<Item = &'a (Vec<String>, Vec<usize>)> + 'a {
        self.phrase_starts.get(stem).into_iter().flatten().map(|&i| &self.phrases[i])
    }

    /// What may stand in for `phrase` (the same meaning or narrower), and of those the same
    /// meaning: nothing unless the phrase means a group's idea.
    pub(crate) fn stand_ins(&self, phrase: &[String]) -> StandIns {
        self.stand_ins.get(&phrase.join(" ")).cloned().unwrap_or_default()
    }

    /// The members only related to `phrase`'s idea in the groups where it means the idea
    /// ("isolation" and "row-level" to "tenant"): never a stand-in, at most a hint.
    pub(crate) fn related(&self, phrase: &[String]) -> Vec<&Vec<String>> {
        self.groups
            .iter()
            .filter(|g| g.iter().any(|(p, rel)| p.as_slice() == phrase && *rel == Relation::Same))
            .flat_map(|g| g.iter().filter(|(_, rel)| *rel == Relation::Related).map(|(p, _)| p))
            .collect()
    }

    /// Whether `stem` is a security word (of the vocabularies), for the library's close-wording test.
    pub fn is_domain(&self, stem: &str) -> bool {
        self.domain.contains(stem)
    }

    /// The weight of a security word the posture never uses.
    pub(crate) fn unknown_weight(&self) -> f32 {
        (1.0 + self.docs as f32 / 0.5).ln()
    }

    /// How much a question word counts: rarer in the posture counts more; a security word
    /// the posture never uses (CCTV, PCI) counts most; an everyday word it never uses ("zone",
    /// "quickly") counts little.
    pub(crate) fn weight(&self, stem: &str) -> f32 {
        let df = self.df.get(stem).copied().unwrap_or(0) as f32;
        let idf = (1.0 + self.docs as f32 / (df + 0.5)).ln();
        match (self.domain.contains(stem), df > 0.0) {
            (true, _) => idf,
            (false, true) => 0.6 * idf,
            (false, false) => 1.0,
        }
    }

    /// The rows that state `phrase`: every stem in their meaning (or a vendor's whole name).
    pub(crate) fn rows_holding(&self, phrase: &[String]) -> Vec<u32> {
        let Some((first, rest)) = phrase.split_first() else { return Vec::new() };
        let mut rows: Vec<u32> = self.holders.get(first).cloned().unwrap_or_default();
        for s in rest {
            let other = self.holders.get(s).map(Vec::as_slice).unwrap_or(&[]);
            rows.retain(|r| other.binary_search(r).is_ok());
        }
        rows.retain(|&r| self.meanings[r as usize].holds(phrase));
        for (i, m) in self.meanings.iter().enumerate() {
            if m.vendors.iter().any(|v| v.as_slice() == phrase) && !rows.contains(&(i as u32)) {
                rows.push(i as u32);
            }
        }
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clauses_split_at_semicolons_and_sentences() {
        assert_eq!(
            split_clauses("RBAC implemented; SSO and SCIM provisioning not yet available."),
            vec!["RBAC implemented", "SSO and SCIM provisioning not yet available."]
        );
        assert_eq!(
            split_clauses("RTO ≤ 60 seconds. RPO = 0 (no data loss). TLS 1.2+ in transit"),
            vec!["RTO ≤ 60 seconds.", "RPO = 0 (no data loss).", "TLS 1.2+ in transit"]
        );
    }

    #[test]
    fn pointers_are_evidence_not_meaning() {
        assert_eq!(
            pointer_word("/policies/procedures/customer-notification"),
            Pointer::Page("customer notification".into())
        );
        assert_eq!(pointer_word("(/policies/onboarding"), Pointer::Page("onboarding".into()));
        assert_eq!(pointer_word("docs/architecture.md"), Pointer::Page("architecture".into()));
        assert_eq!(pointer_word(".github/workflows/dr-tests.yml"), Pointer::Page("dr tests".into()));
        assert_eq!(pointer_word("docs/runbooks/"), Pointer::Page("runbooks".into()));
        assert_eq!(pointer_word("security@example.com"), Pointer::Other);
        for w in ["BCP/DR", "plan/apply", "SEV-1/2/3/4", "TLS", "1.2+", "likelihood/impact", ".io"] {
            assert_eq!(pointer_word(w), Pointer::Not, "{w}");
        }
    }

    #[test]
    fn a_compound_speaks_of_its_last_word() {
        let mut analyzer = crate::search::analyzer();
        let mut check = |text: &str, expected: &[&str]| {
            let expected: Vec<String> = expected.iter().flat_map(|w| stems(&mut analyzer, w)).collect();
            assert_eq!(modifiers(&mut analyzer, text), expected, "{text}");
        };
        check("a procedure (route choice, home baseline, lost-laptop reporting)", &["route", "home", "lost", "laptop"]);
        check("Quarterly patch-review with dated notes", &["quarterly", "patch", "dated"]);
        // A word said as a head once is said as a head: "firewall" in "firewall rules; the firewall".
        check("firewall rules reviewed; the firewall is managed", &["firewall"][..0]);
        // A number, a participle or a removed stop word ends the compound.
        check("TLS 1.3 enforced", &[]);
        check("Backup integrity verified nightly", &["backup"]);
        check("Signed DPA with EU clauses", &["signed", "eu"]);
    }

    #[test]
    fn words_are_found_whole() {
        assert!(has_word("is all data kept", "all"));
        assert!(!has_word("a firewall is used", "all"));
        assert!(!has_word("ssh access is read-only", "only"));
        assert!(has_word("ci-only deployment; only ci", "only"));
        assert_eq!(frequency("reviewed annually, tested nightly"), Some(365.0));
        assert_eq!(frequency("on a recurring basis"), Some(0.0));
        assert_eq!(frequency("as needed"), None);
    }

    #[test]
    fn a_row_means_its_words_without_its_pointers() {
        let posture = Posture::embedded_default();
        let prepared = Prepared::new(&posture, &mut crate::search::analyzer());
        let i = posture.rows.iter().position(|r| r.reference == "Customer-notification template").unwrap();
        let m = &prepared.meanings[i];
        assert!(m.stems.contains("templat"));
        assert!(!m.stems.contains("procedur"), "the folders of a path are not the row's meaning");
        let status = posture.rows.iter().position(|r| r.reference == "Public status surface").unwrap();
        assert!(!prepared.meanings[status].stems.contains("grafana"));
        assert!(prepared.meanings[status].vendors.iter().any(|v| v.join(" ") == "grafana cloud"));
        assert!(!prepared.meanings[status].holds(&["cloud".to_string()]), "a vendor is matched by its whole name");
    }
}
