//! Drafting: for a question, the answer (`yes`, `no`, `partial`, `not-applicable`,
//! `needs-review`), a confidence, a short text in the posture's own words, the citations and
//! the ISO controls it maps to.
//!
//! The rules, which hold without exception:
//! - `yes` only when the row it rests on is Met and cited;
//! - a Partial row, or gap words ("not yet", "informal", "not deployed", …) in the clause that
//!   answers the question, pull the answer to `partial` or `no`;
//! - certification questions are answered from the pages' own status, never from control rows;
//! - a question the posture does not cover is `needs-review` with an empty text.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::pattern::Regex;
use serde::{Deserialize, Serialize};
use tantivy::tokenizer::TextAnalyzer;

use crate::catalog::ControlId;
use crate::crosswalk::{Crosswalk, MapSource, Mapper};
use crate::engine::Engine;
use crate::library::{self, LibraryIndex, LibraryUse};
use crate::posture::{Posture, Status};
use crate::questionnaire::{Question, Questionnaire};
use crate::search::{stems, DocRef};
use crate::vocab;

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
        }
    }

    pub fn band(&self) -> Band {
        match &self.library {
            Some(l) if l.is_reused() => Band::Library,
            _ => Band::of(self.confidence),
        }
    }

    /// A library answer whose cited rows changed status: the reviewer must look again.
    pub fn is_flagged(&self) -> bool {
        self.library.as_ref().is_some_and(|l| !l.is_reused())
    }
}

/// A clause of a row's text (split at `;` and sentence ends), analysed once.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Clause {
    text: String,
    stems: HashSet<String>,
    gap: bool,
    /// The gap is an absence ("not yet available"), not a weakness ("informal").
    absent: bool,
    /// Stems that follow a negation ("no manual cloud-console changes").
    negated: HashSet<String>,
}

/// The posture, analysed for drafting: stems of every row and passage, clauses, frequencies.
/// Serializable for the engine snapshot (the analyzer is rebuilt, not saved).
#[derive(Clone, Serialize, Deserialize)]
pub struct Prepared {
    row_stems: Vec<HashSet<String>>,
    row_clauses: Vec<Vec<Clause>>,
    /// In how many rows and passages each stem occurs.
    df: HashMap<String, usize>,
    docs: usize,
    filler: HashSet<String>,
    /// The search analyzer, built once (cloned per question).
    #[serde(skip, default = "crate::search::analyzer")]
    analyzer: TextAnalyzer,
    /// Each vocabulary group's phrases, as stems.
    groups: Vec<Vec<Vec<String>>>,
    /// Every phrase of more than one stem, with the position gaps between its stems
    /// ("single point of failure": 1, 2).
    phrases: Vec<(Vec<String>, Vec<usize>)>,
    /// Stems of the security vocabulary and catalog titles: a question's subject words.
    domain: HashSet<String>,
    mapper: Mapper,
}

/// Words of a question that say nothing about its subject ("do you keep … up to date").
const FILLER: &[&str] = &[
    "keep",
    "kept",
    "maintain",
    "maintained",
    "ensure",
    "ensured",
    "perform",
    "performed",
    "conduct",
    "conducted",
    "place",
    "exist",
    "exists",
    "existing",
    "implement",
    "implemented",
    "process",
    "processes",
    "company",
    "organization",
    "organisation",
    "service",
    "services",
    "system",
    "systems",
    "information",
    "regularly",
    "regular",
    "formal",
    "formally",
    "describe",
    "explain",
    "detail",
    "details",
    "list",
    "many",
    "much",
    "often",
    "frequently",
    "up",
    "date",
    "get",
    "given",
    "granted",
    "new",
    "make",
    "made",
    "take",
    "taken",
    "able",
    "possible",
    "require",
    "required",
    "requires",
    "appropriate",
    "adequate",
    "relevant",
    "applicable",
    "following",
    "within",
    "including",
    "include",
    "includes",
    "type",
    "types",
    "level",
    "levels",
    "basis",
    "handle",
    "handled",
    "manage",
    "managed",
    "run",
    "used",
    "using",
    "one",
    "every",
    "each",
    "current",
    "currently",
    "state",
    "whether",
    "yes",
    "no",
    "n/a",
    "vendor",
    "vendors",
    "product",
    "products",
    "solution",
    "solutions",
    "platform",
    "environment",
    "kind",
    "sort",
    "happens",
    "happen",
    "done",
    "do",
    "does",
    "did",
    "case",
    "cases",
    "place",
    "ways",
    "way",
    "method",
    "methods",
    "approach",
    "practice",
    "practices",
    "mechanism",
    "mechanisms",
    "tool",
    "tools",
    "support",
    "offer",
    "offered",
    "data",
    "security",
    "secure",
];

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

fn negation_regex() -> &'static Regex {
    static CELL: OnceLock<Regex> = OnceLock::new();
    CELL.get_or_init(|| {
        Regex::new(r"(?i)\b(?:no|never|without|nor)\s+((?:[\w./+-]+\s+){0,3}[\w./+-]+)").expect("negation pattern")
    })
}

fn split_clauses(text: &str) -> Vec<String> {
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

fn is_gap(text: &str) -> bool {
    let lower = text.to_lowercase();
    GAP_MARKERS.iter().chain(ABSENCE_MARKERS).any(|m| lower.contains(m))
}

fn is_absence(text: &str) -> bool {
    let lower = text.to_lowercase();
    ABSENCE_MARKERS.iter().any(|m| lower.contains(m))
}

/// What a question carries besides its words that can name a row of another framework: its
/// ref cells and the loaded crosswalk.
struct FrameworkRefs<'a> {
    refs: &'a [String],
    crosswalk: Option<&'a Crosswalk>,
}

impl std::fmt::Debug for Prepared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Prepared").field("rows", &self.row_stems.len()).field("docs", &self.docs).finish()
    }
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
        let mut row_stems = Vec::new();
        let mut row_clauses = Vec::new();
        for row in &posture.rows {
            let all: HashSet<String> =
                stems(analyzer, &format!("{} {} {}", row.reference, row.requirement, row.text)).into_iter().collect();
            count(&all);
            row_stems.push(all);
            let clauses = split_clauses(&row.text)
                .into_iter()
                .map(|text| {
                    let negated = negation_regex().captures_iter(&text).flat_map(|c| stems(analyzer, &c[1])).collect();
                    Clause {
                        stems: stems(analyzer, &text).into_iter().collect(),
                        gap: is_gap(&text),
                        absent: is_absence(&text),
                        negated,
                        text,
                    }
                })
                .collect();
            row_clauses.push(clauses);
        }
        for p in &posture.passages {
            let all: HashSet<String> = stems(analyzer, &p.text).into_iter().collect();
            count(&all);
        }
        let filler = FILLER.iter().flat_map(|w| stems(analyzer, w)).collect();
        let groups: Vec<Vec<Vec<String>>> = vocab::SYNONYM_GROUPS
            .iter()
            .map(|g| g.iter().map(|p| stems(analyzer, p)).filter(|p| !p.is_empty()).collect())
            .collect();
        // Subject words: one-word entries of the vocabulary and of control titles ("cctv",
        // "encryption"), not every word of a longer phrase ("zone" of "availability zones").
        let mut phrases = Vec::new();
        for g in vocab::SYNONYM_GROUPS {
            for p in *g {
                let positioned = crate::search::stems_with_positions(analyzer, p);
                if positioned.len() > 1 {
                    let gaps = positioned.windows(2).map(|w| w[1].1 - w[0].1).collect();
                    phrases.push((positioned.into_iter().map(|(s, _)| s).collect(), gaps));
                }
            }
        }
        let mapper = Mapper::embedded();
        let mut domain: HashSet<String> = mapper.single_stems().cloned().collect();
        for g in &groups {
            for p in g.iter().filter(|p| p.len() == 1) {
                domain.insert(p[0].clone());
            }
        }
        Prepared {
            analyzer: analyzer.clone(),
            groups,
            phrases,
            domain,
            docs: posture.rows.len() + posture.passages.len(),
            row_stems,
            row_clauses,
            df,
            filler,
            mapper,
        }
    }

    pub fn mapper(&self) -> &Mapper {
        &self.mapper
    }

    /// The weight of a security word the posture never uses.
    fn unknown_weight(&self) -> f32 {
        (1.0 + self.docs as f32 / 0.5).ln()
    }

    /// How much a question word counts: rarer in the posture counts more; a security word
    /// the posture never uses (CCTV, PCI) counts most; an everyday word it never uses ("zone",
    /// "quickly") counts little.
    fn weight(&self, stem: &str) -> f32 {
        let df = self.df.get(stem).copied().unwrap_or(0) as f32;
        let idf = (1.0 + self.docs as f32 / (df + 0.5)).ln();
        match (self.domain.contains(stem), df > 0.0) {
            (true, _) => idf,
            (false, true) => 0.6 * idf,
            (false, false) => 1.0,
        }
    }
}

/// A concept of a question: a word, or a vocabulary phrase such as "penetration test" counted
/// once.
#[derive(Debug, Clone)]
struct Term {
    stems: Vec<String>,
    weight: f32,
    /// Other wordings (as stems) that may stand in for it.
    alts: Vec<Vec<String>>,
    /// A security concept (vocabulary), not an everyday word.
    domain: bool,
}

impl Term {
    fn found_in(&self, stems: &HashSet<String>) -> bool {
        self.stems.iter().all(|s| stems.contains(s)) || self.alts.iter().any(|p| p.iter().all(|s| stems.contains(s)))
    }
}

/// A question's content: the concepts that carry its subject.
struct Content {
    terms: Vec<Term>,
}

impl Content {
    fn total(&self) -> f32 {
        self.terms.iter().map(|t| t.weight).sum()
    }

    /// The share (0–1) of the question's content found in `stems`.
    fn coverage(&self, stems: &HashSet<String>) -> f32 {
        let total = self.total();
        if total <= 0.0 {
            return 0.0;
        }
        let hit: f32 = self.terms.iter().filter(|t| t.found_in(stems)).map(|t| t.weight).sum();
        hit / total
    }

    fn matches(&self, stems: &HashSet<String>) -> usize {
        self.terms.iter().filter(|t| t.found_in(stems)).count()
    }
}

/// Standards and schemes a certification question may name: (pattern, name).
const SCHEMES: &[(&str, &str)] = &[
    (r"iso\s*/?\s*(?:iec\s*)?27001", "ISO 27001"),
    (r"iso\s*/?\s*(?:iec\s*)?22301", "ISO 22301"),
    (r"iso\s*/?\s*(?:iec\s*)?27701", "ISO 27701"),
    (r"iso\s*/?\s*(?:iec\s*)?27017", "ISO 27017"),
    (r"iso\s*/?\s*(?:iec\s*)?27018", "ISO 27018"),
    (r"iso\s*9001", "ISO 9001"),
    (r"soc\s*-?\s*(?:2|ii|two)\b", "SOC 2"),
    (r"soc\s*-?\s*(?:1|i|one)\b", "SOC 1"),
    (r"pci(?:\s*-?\s*dss)?", "PCI DSS"),
    (r"hipaa", "HIPAA"),
    (r"hitrust", "HITRUST"),
    (r"fedramp", "FedRAMP"),
    (r"csa\s+star", "CSA STAR"),
    (r"cyber\s+essentials", "Cyber Essentials"),
    (r"tisax", "TISAX"),
    (r"\bbsi\s+c5|\bc5\s+attestation", "C5"),
];

fn certification_regex() -> &'static Regex {
    static CELL: OnceLock<Regex> = OnceLock::new();
    CELL.get_or_init(|| {
        Regex::new(r"(?i)\b(certif\w*|accredit\w*|attest\w*|audit(?:ed)? report|report available|type\s*(?:i{1,2}|1|2)\b|compliant with|registered)")
            .expect("certification pattern")
    })
}

/// The first scheme `text` names: its index in [`SCHEMES`], its name and its pattern. The
/// patterns are compiled once: compiling one costs more than drafting a question in wasm.
fn scheme_named(text: &str) -> Option<(usize, &'static str, &'static Regex)> {
    static CELL: OnceLock<Vec<Regex>> = OnceLock::new();
    let compiled = CELL.get_or_init(|| {
        SCHEMES
            .iter()
            .map(|(pattern, _)| Regex::new(&format!(r"(?i)\b(?:{pattern})")).expect("scheme pattern"))
            .collect()
    });
    let lower = text.to_lowercase();
    compiled.iter().enumerate().find(|(_, re)| re.is_match(&lower)).map(|(i, re)| (i, SCHEMES[i].1, re))
}

/// For each of [`SCHEMES`], the passages and the rows that name it: found when a question
/// first asks about a scheme the pages have no page for, then kept with the engine (matching
/// every passage against the pattern costs more than the rest of the draft).
#[derive(Debug)]
pub(crate) struct SchemeMentions(Vec<OnceLock<(Vec<usize>, Vec<usize>)>>);

impl Default for SchemeMentions {
    fn default() -> Self {
        SchemeMentions(SCHEMES.iter().map(|_| OnceLock::new()).collect())
    }
}

/// A sentence saying the company holds scheme `i` ("we are ISO 27001 certified", "our SOC 2
/// report is available"), compiled once per scheme.
fn scheme_held(i: usize) -> &'static Regex {
    static CELLS: [OnceLock<Regex>; SCHEMES.len()] = [const { OnceLock::new() }; SCHEMES.len()];
    CELLS[i].get_or_init(|| {
        let p = SCHEMES[i].0;
        Regex::new(&format!(
            r"(?i)\b(?:we are|we're|company is|is)\s+(?:\w+\s+){{0,2}}(?:{p})\b[^.]*\b(?:certified|compliant|attested)|\b(?:our|the)\s+(?:{p})[^.]*\b(?:report|certificate|attestation)\s+is\s+available"
        ))
        .expect("scheme holding pattern")
    })
}

fn evidence_strings(e: &[crate::evidence::EvidenceRef]) -> Vec<String> {
    e.iter().map(|x| x.to_string()).collect()
}

fn first_upper(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

fn sentence(s: &str) -> String {
    let t = first_upper(s.trim());
    if t.ends_with(['.', '!', '?']) {
        t
    } else {
        format!("{t}.")
    }
}

/// The dropdown value for an answer: the allowed value that means it, if any.
pub fn choose(answer: Answer, choices: &[String]) -> Option<String> {
    let norm = |s: &str| s.trim().to_lowercase().replace(['.', '/', ' ', '-', '_'], "");
    let find = |pred: &dyn Fn(&str) -> bool| choices.iter().find(|c| pred(&norm(c))).cloned();
    match answer {
        Answer::Yes => find(&|c| c == "yes" || c == "y" || c == "true" || c == "compliant" || c == "implemented"),
        Answer::No => find(&|c| c == "no" || c == "n" || c == "false" || c == "noncompliant" || c == "notimplemented"),
        // With no partial option, neither Yes nor No is honest: the reviewer picks.
        Answer::Partial => find(&|c| c.contains("partial") || c.contains("inprogress") || c == "some"),
        Answer::NotApplicable => find(&|c| c == "na" || c == "notapplicable" || c == "none"),
        Answer::NeedsReview => None,
    }
}

struct Candidate {
    row: usize,
    retrieval: f32,
    mapped: f32,
    coverage: f32,
    /// Below 1 for a row of a page the question is not about (continuity rows for a question
    /// with no continuity words).
    affinity: f32,
}

/// The share of a question's content a row must hold to be answered from …
const COVERAGE_NEEDED: f32 = 0.5;
/// … or this share, when it holds the question's heaviest concept or search and mapping agree.
const COVERAGE_FAIR: f32 = 0.35;

fn combined(c: &Candidate) -> f32 {
    (0.45 * c.retrieval + 0.4 * c.coverage + 0.15 * c.mapped.min(1.0)) * c.affinity
}

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

/// What [`Engine::explain`] returns.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    /// (stem, weight, number of alternative phrases)
    pub terms: Vec<(String, f32, usize)>,
    /// (control, score)
    pub mapped: Vec<(String, f32)>,
    /// (row ref, retrieval, mapped, coverage)
    pub candidates: Vec<(String, f32, f32, f32)>,
}

impl Engine {
    /// Drafts an answer to one question text, with no questionnaire context.
    pub fn draft_text(&self, question: &str) -> Draft {
        self.draft("", question, &[], None, None)
    }

    /// Drafts every question of a questionnaire.
    pub fn draft_questionnaire(&self, q: &Questionnaire, crosswalk: Option<&Crosswalk>) -> Vec<Draft> {
        q.questions.iter().map(|x| self.draft_question(x, crosswalk)).collect()
    }

    /// Drafts one imported question (its references and dropdown taken into account).
    pub fn draft_question(&self, q: &Question, crosswalk: Option<&Crosswalk>) -> Draft {
        self.draft(&q.id, &q.text, &q.refs, q.choices.as_deref(), crosswalk)
    }

    /// A question's subject stems: the search analyzer's stems without filler words. The
    /// answer library compares wordings with these.
    pub fn subject_stems(&self, question: &str) -> Vec<String> {
        let prepared = self.prepared();
        let mut analyzer = prepared.analyzer.clone();
        stems(&mut analyzer, question).into_iter().filter(|s| !prepared.filler.contains(s)).collect()
    }

    /// The library made ready for one drafting run.
    pub fn library_index<'a>(&self, library: &'a library::Library) -> LibraryIndex<'a> {
        LibraryIndex::new(library, |q| self.subject_stems(q))
    }

    /// Drafts one imported question, first looking for an approved answer in the library:
    /// reused when its cited rows still have the status they had when approved (band
    /// `library`), otherwise a fresh draft flagged with what changed.
    pub fn draft_with_library(
        &self,
        q: &Question,
        crosswalk: Option<&Crosswalk>,
        library: Option<&LibraryIndex>,
    ) -> Draft {
        let fresh = self.draft_question(q, crosswalk);
        let Some((entry, matched)) =
            library.and_then(|l| l.find(&q.text, &self.subject_stems(&q.text), |s| self.prepared().domain.contains(s)))
        else {
            return fresh;
        };
        let changed = library::status_changes(entry, &self.posture);
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
            ..fresh
        }
    }

    /// Drafts an answer.
    pub fn draft(
        &self,
        id: &str,
        question: &str,
        refs: &[String],
        choices: Option<&[String]>,
        crosswalk: Option<&Crosswalk>,
    ) -> Draft {
        let prepared = self.prepared();
        let mapped = prepared.mapper().map(id, question, refs, crosswalk, 5);
        let controls: Vec<ControlId> = mapped
            .iter()
            .enumerate()
            .filter(|(i, m)| m.source != MapSource::Words || (*i < 3 && m.score >= 0.25))
            .map(|(_, m)| m.control.clone())
            .collect();
        let mut draft = match self.certification(question) {
            Some(d) => d,
            None => self.draft_from_rows(question, &mapped, &FrameworkRefs { refs, crosswalk }),
        };
        draft.id = id.to_string();
        draft.question = question.to_string();
        if draft.controls.is_empty() {
            draft.controls = controls;
        }
        draft.confidence = (draft.confidence * 100.0).round() / 100.0;
        draft.choice = choices.and_then(|c| choose(draft.answer, c));
        draft
    }

    fn content(&self, question: &str) -> Content {
        let prepared = self.prepared();
        let mut analyzer = prepared.analyzer.clone();
        let positioned = crate::search::stems_with_positions(&mut analyzer, question);
        let typed: Vec<String> = positioned.iter().map(|(s, _)| s.clone()).collect();
        let mut terms: Vec<Term> = Vec::new();
        let mut i = 0;
        while i < typed.len() {
            // The longest vocabulary phrase starting here is one concept.
            let phrase: Vec<String> = prepared
                .phrases
                .iter()
                .filter(|(p, gaps)| {
                    typed[i..].starts_with(p)
                        && positioned[i..i + p.len()].windows(2).map(|w| w[1].1 - w[0].1).eq(gaps.iter().copied())
                })
                .max_by_key(|(p, _)| p.len())
                .map(|(p, _)| p.clone())
                .unwrap_or_else(|| vec![typed[i].clone()]);
            i += phrase.len();
            let key: Vec<String> = phrase.iter().filter(|s| !prepared.filler.contains(*s)).cloned().collect();
            if key.is_empty()
                || key.iter().all(|s| s.chars().all(|c| c.is_ascii_digit()))
                || terms.iter().any(|t| t.stems == key)
            {
                continue;
            }
            // Other wordings: phrases of the groups holding this phrase that share no stem with it
            // ("MFA" for "multi-factor"; not "audits" for "internal audit").
            let alts: Vec<Vec<String>> = prepared
                .groups
                .iter()
                .filter(|g| g.contains(&phrase))
                .flat_map(|g| g.iter().filter(|q| q.iter().all(|x| !phrase.contains(x))).cloned())
                .collect();
            // A phrase weighs as its heaviest word plus half the rest.
            let weights: Vec<f32> = key.iter().map(|s| prepared.weight(s)).collect();
            let max = weights.iter().copied().fold(0.0, f32::max);
            let mut w = max + 0.5 * (weights.iter().sum::<f32>() - max);
            let domain = phrase.len() > 1 || key.iter().any(|s| prepared.domain.contains(s));
            // A security phrase the posture never uses ("red team") weighs like any unknown
            // security word: the posture's silence on it matters.
            if domain && key.len() > 1 && key.iter().any(|s| !prepared.df.contains_key(s)) {
                w = w.max(prepared.unknown_weight());
            }
            terms.push(Term { stems: key, weight: w, alts, domain });
        }
        Content { terms }
    }

    /// Why a question drafts as it does: its content terms with weights, and the candidate
    /// rows with their retrieval, mapping and coverage scores, best first.
    pub fn explain(&self, question: &str) -> Explanation {
        let content = self.content(question);
        let mapped = self.prepared().mapper().map("", question, &[], None, 5);
        let candidates = self.candidates(question, &content, &mapped, &FrameworkRefs { refs: &[], crosswalk: None });
        Explanation {
            terms: content.terms.iter().map(|t| (t.stems.join(" "), t.weight, t.alts.len())).collect(),
            mapped: mapped.iter().map(|m| (m.control.to_string(), m.score)).collect(),
            candidates: candidates
                .iter()
                .take(8)
                .map(|c| (self.posture.rows[c.row].reference.clone(), c.retrieval, c.mapped, c.coverage))
                .collect(),
        }
    }

    fn candidates(
        &self,
        question: &str,
        content: &Content,
        mapped: &[crate::crosswalk::Mapped],
        framework: &FrameworkRefs,
    ) -> Vec<Candidate> {
        let prepared = self.prepared();
        let mut by_row: HashMap<usize, Candidate> = HashMap::new();
        let ranked = self.index().search_refs(question, 25);
        let top = ranked.first().map(|r| r.1).unwrap_or(1.0).max(1e-6);
        let mut add = |row: usize, retrieval: f32, mapped: f32| {
            let c = by_row.entry(row).or_insert(Candidate {
                row,
                retrieval: 0.0,
                mapped: 0.0,
                coverage: 0.0,
                affinity: 1.0,
            });
            c.retrieval = c.retrieval.max(retrieval);
            c.mapped = c.mapped.max(mapped);
        };
        for (doc, score) in &ranked {
            let s = score / top;
            match *doc {
                DocRef::Row(i) => add(i, s, 0.0),
                DocRef::Pointer(i) => {
                    for r in self.posture.pointers[i].rows() {
                        add(r, s * 0.7, 0.0);
                    }
                }
                DocRef::Control(i) => {
                    if let Some(c) = self.coverage.get(i) {
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
            if let Some(cov) = self.coverage.iter().find(|c| c.control == m.control) {
                for &r in cov.rows.iter().take(2) {
                    add(r, 0.0, weight);
                }
            }
        }
        // Rows with a NIST or SOC 2 ref that the question's ref cells name, or that a loaded
        // crosswalk maps onto a control the question maps to, count as mapped.
        for (r, row) in self.posture.rows.iter().enumerate().filter(|(_, row)| row.framework.is_some()) {
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
        let mut candidates: Vec<Candidate> = by_row.into_values().collect();
        for c in &mut candidates {
            c.coverage = content.coverage(&prepared.row_stems[c.row]);
            let page = self.posture.pages.iter().find(|p| p.title == self.posture.rows[c.row].page);
            if !about_continuity && page.is_some_and(|p| p.standard == Some(crate::catalog::Standard::Iso22301)) {
                c.affinity = 0.85;
            }
        }
        candidates.sort_by(|a, b| combined(b).total_cmp(&combined(a)).then(a.row.cmp(&b.row)));
        candidates
    }

    /// Which of the question's concepts are its subject: those behind the control the
    /// question maps to best (its strongest phrases), else the heaviest concept.
    fn subject(&self, question: &str, content: &Content) -> Vec<bool> {
        let mapper = self.prepared().mapper();
        let phrases = mapper
            .map_words(question, 1)
            .first()
            .map(|top| mapper.matched_phrases(question, &top.control))
            .unwrap_or_default();
        let strongest = phrases.iter().map(|p| p.1).fold(0.0, f32::max);
        let stems: HashSet<&str> =
            phrases.iter().filter(|p| p.1 >= 0.5 * strongest).flat_map(|p| p.0.split(' ')).collect();
        let marked: Vec<bool> =
            content.terms.iter().map(|t| t.stems.iter().any(|s| stems.contains(s.as_str()))).collect();
        if marked.iter().any(|m| *m) {
            return marked;
        }
        let heaviest = content.terms.iter().map(|t| t.weight).fold(0.0, f32::max);
        content.terms.iter().map(|t| t.weight >= heaviest).collect()
    }

    fn draft_from_rows(&self, question: &str, mapped: &[crate::crosswalk::Mapped], framework: &FrameworkRefs) -> Draft {
        let prepared = self.prepared();
        let content = self.content(question);
        let empty = Draft::needs_review();
        if content.terms.is_empty() {
            return empty;
        }
        // Candidates: rows the search finds (directly, through a pointer, through a control),
        // and rows covering the controls the question maps to.
        let candidates = self.candidates(question, &content, mapped, framework);
        // The primary row: the best-ranked row that covers enough of the question. When a row
        // ranked nearly as well is just as relevant but in a worse state, the answer rests on it:
        // of two equally good readings, the cautious one.
        // Answerable: enough of the question is there, or a fair share including its subject.
        let subject = self.subject(question, &content);
        // Either way, at least one security concept of the question must be in the row.
        let answerable = |c: &Candidate| {
            let stems = &prepared.row_stems[c.row];
            let subject_found =
                content.terms.iter().zip(&subject).any(|(t, is_subject)| *is_subject && t.found_in(stems));
            let domain_found = content.terms.iter().any(|t| t.domain && t.found_in(stems));
            domain_found && (c.coverage >= COVERAGE_NEEDED || (c.coverage >= COVERAGE_FAIR && subject_found))
        };
        let covering: Vec<&Candidate> = candidates.iter().filter(|c| answerable(c)).collect();
        let Some(mut primary) = covering.first().copied() else { return empty };
        for other in covering.iter().skip(1).take(2) {
            let rank = |c: &Candidate| self.posture.rows[c.row].status.rank();
            let same_page = self.posture.rows[other.row].page == self.posture.rows[primary.row].page;
            if same_page
                && combined(other) >= 0.92 * combined(primary)
                && other.coverage >= primary.coverage
                && rank(other) < rank(primary)
            {
                primary = other;
            }
        }
        let row = &self.posture.rows[primary.row];
        let clauses = &prepared.row_clauses[primary.row];
        // The clauses that speak to the question.
        let scored: Vec<(&Clause, usize)> =
            clauses.iter().map(|c| (c, content.matches(&c.stems))).filter(|(_, n)| *n > 0).collect();
        let positive: Vec<&Clause> = scored.iter().filter(|(c, _)| !c.gap).map(|(c, _)| *c).collect();
        let gaps: Vec<&Clause> = scored.iter().filter(|(c, _)| c.gap).map(|(c, _)| *c).collect();
        let negated = positive.iter().any(|c| {
            let hit = content.terms.iter().filter(|t| t.stems.iter().any(|s| c.negated.contains(s))).count();
            hit >= 2 || (hit == 1 && content.terms.len() <= 2)
        }) && !question_is_negative(question);
        let absent = gaps.iter().any(|c| c.absent);
        let answer = match row.status {
            Status::Met if negated => Answer::No,
            Status::Met if !gaps.is_empty() => Answer::Partial,
            Status::Met => Answer::Yes,
            Status::Partial if absent && positive.is_empty() => Answer::No,
            Status::Partial => Answer::Partial,
            Status::NotMet | Status::Planned => Answer::No,
            Status::NotApplicable => Answer::NotApplicable,
            // A row that states no status (a control list, a control page) answers only where
            // its own words state the practice in place; a requirement is not a fact.
            Status::Unstated => {
                let pick: Vec<&Clause> = if positive.is_empty() { clauses.iter().collect() } else { positive.clone() };
                if !pick.iter().any(|c| !c.gap && crate::posture::states_in_place(&c.text)) {
                    return empty;
                }
                match () {
                    _ if negated => Answer::No,
                    _ if !gaps.is_empty() => Answer::Partial,
                    _ => Answer::Yes,
                }
            }
            Status::Other(_) => return empty,
        };
        // The text: the posture's own clauses that answer the question.
        let pick: Vec<&Clause> =
            if scored.is_empty() { clauses.iter().take(2).collect() } else { scored.iter().map(|(c, _)| *c).collect() };
        let positive_text: Vec<String> = pick.iter().filter(|c| !c.gap).map(|c| sentence(&c.text)).collect();
        let gap_text: Vec<String> = pick.iter().filter(|c| c.gap).map(|c| sentence(&c.text)).collect();
        let gap_all: Vec<String> = clauses.iter().filter(|c| c.gap).map(|c| sentence(&c.text)).collect();
        let mut text = match answer {
            Answer::Yes | Answer::NotApplicable => positive_text.join(" "),
            Answer::Partial => {
                let gap = if gap_text.is_empty() { gap_all } else { gap_text };
                let mut t = format!("Partially. {}", positive_text.join(" "));
                if !gap.is_empty() {
                    t.push_str(&format!(" However: {}", gap.join(" ")));
                }
                t
            }
            Answer::No => {
                let reason = if negated {
                    positive_text.join(" ")
                } else if gap_text.is_empty() {
                    gap_all.join(" ")
                } else {
                    gap_text.join(" ")
                };
                let context = if negated || positive_text.is_empty() {
                    String::new()
                } else {
                    format!(" {}", positive_text.join(" "))
                };
                format!("No. {reason}{context}")
            }
            Answer::NeedsReview => String::new(),
        };
        text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let shown = evidence_strings(&row.evidence);
        let unshown: Vec<&String> =
            shown.iter().filter(|e| !text.contains(e.split(" §").next().unwrap_or(e))).collect();
        if !unshown.is_empty() && answer != Answer::No {
            let list: Vec<&str> = unshown.iter().map(|s| s.as_str()).collect();
            text.push_str(&format!(" Evidence: {}.", list.join("; ")));
        }
        // Citations: the primary row, and up to two rows that answer nearly as well.
        let mut citations = vec![self.cite_row(primary.row)];
        for c in candidates.iter().filter(|c| c.row != primary.row) {
            if citations.len() >= 3 {
                break;
            }
            let relevant = c.coverage >= (0.8 * primary.coverage).max(0.4) && (c.retrieval > 0.15 || c.mapped > 0.0);
            if relevant
                && !citations.iter().any(|x| {
                    x.reference == self.posture.rows[c.row].reference && x.page == self.posture.rows[c.row].page
                })
            {
                citations.push(self.cite_row(c.row));
            }
        }
        // Confidence follows how much of the question the row holds, and whether its subject is
        // there in the question's own words or only through the vocabulary.
        let stems = &prepared.row_stems[primary.row];
        let literal =
            content.terms.iter().zip(&subject).any(|(t, is)| *is && t.stems.iter().all(|x| stems.contains(x)));
        let mut confidence = match answer {
            Answer::Yes => 0.35 + 0.6 * primary.coverage,
            Answer::NotApplicable => 0.35 + 0.4 * primary.coverage,
            _ => 0.35 + 0.5 * primary.coverage,
        };
        if !literal {
            confidence *= 0.85;
        }
        if primary.coverage < COVERAGE_NEEDED {
            confidence = confidence.min(0.6);
        }
        // Without a stated status, never high confidence: the reviewer confirms it is in place.
        if row.status == Status::Unstated {
            confidence = confidence.min(0.6);
        }
        // An SoA's justification says why a control applies, not that it is in place.
        if row.text.trim().is_empty() && !row.justification.is_empty() && answer != Answer::NeedsReview {
            text.push_str(
                " The Statement of Applicability gives only a justification for this control (why it applies), not how it is implemented.",
            );
            text = text.trim().to_string();
        }
        let confidence = confidence.min(0.97);
        Draft { answer, confidence, text, citations, ..empty }
    }

    fn cite_row(&self, i: usize) -> Citation {
        let row = &self.posture.rows[i];
        Citation {
            page: row.page.clone(),
            section: row.section.clone(),
            reference: row.reference.clone(),
            status: Some(row.status.clone()),
            evidence: evidence_strings(&row.evidence),
        }
    }

    /// A certification question ("are you ISO 27001 certified?", "do you have a SOC 2 report?"),
    /// answered from the pages' own words; `None` when the question is not one.
    fn certification(&self, question: &str) -> Option<Draft> {
        // Most questions hold none of the pattern's words, and the regex (Unicode word boundaries:
        // the slow engine) is the costliest step of their draft. The shortcut is taken for ASCII
        // questions only, where it is exact; Unicode case folding matches more than ASCII does.
        const WORDS: [&str; 8] =
            ["certif", "accredit", "attest", "audit", "report available", "type", "compliant with", "registered"];
        let lower = question.to_ascii_lowercase();
        if question.is_ascii() && !WORDS.iter().any(|w| lower.contains(w)) {
            return None;
        }
        if !certification_regex().is_match(question) {
            return None;
        }
        let (scheme, name, pattern) = scheme_named(question)?;
        let empty = Draft::needs_review();
        // A page about the standard states its own status.
        let page = self.posture.pages.iter().find(|p| scheme_named(&p.title).is_some_and(|(i, _, _)| i == scheme));
        if let Some(page) = page {
            let summary = page.summary.clone().unwrap_or_default();
            let status = page.status_line.clone().unwrap_or_default();
            let lower = format!("{summary} {status}").to_lowercase();
            let negative = ["not currently", "not certified", "not pursuing", "not yet", "no certificat", "is not "]
                .iter()
                .any(|m| lower.contains(m));
            let certified = !negative && (lower.contains("certified") || lower.contains("certificate"));
            let first_sentence = summary.split(". ").next().unwrap_or(&summary).trim_end_matches('.').to_string();
            let mut citations = vec![Citation {
                page: page.title.clone(),
                section: page.title.clone(),
                reference: "Status".to_string(),
                status: None,
                evidence: Vec::new(),
            }];
            let triggers: Vec<&crate::posture::Passage> = self
                .posture
                .passages
                .iter()
                .filter(|p| p.page == page.title && p.section.to_lowercase().contains("when we will start"))
                .collect();
            let contact = self.posture.passages.iter().find(|p| {
                p.page == page.title && p.evidence.iter().any(|e| e.kind == crate::evidence::EvidenceKind::Email)
            });
            let (answer, text, confidence) = if certified {
                // Yes rests on a Met row too: the page's first Met clause row (its ISMS/BCMS),
                // else any Met row of the page; with none, a reviewer decides.
                let met = self
                    .posture
                    .rows
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| r.page == page.title && r.status == Status::Met)
                    .min_by_key(|(_, r)| !r.reference.to_lowercase().starts_with("clause"))
                    .map(|(i, _)| i);
                match met {
                    Some(i) => citations.push(self.cite_row(i)),
                    None => return Some(empty),
                }
                (Answer::Yes, format!("{}. Status: {status}.", sentence(&first_sentence).trim_end_matches('.')), 0.9)
            } else if negative {
                let mut t = format!("No. {}. Status: {status}.", first_sentence);
                let listed: Vec<String> = triggers
                    .iter()
                    .filter(|p| {
                        p.text.trim_end().ends_with(", or")
                            || p.text.trim_end().ends_with('.')
                            || !p.text.contains("following")
                    })
                    .map(|p| p.text.trim_end_matches(", or").trim_end_matches('.').trim_end_matches(',').to_string())
                    .filter(|t| !t.to_lowercase().starts_with("we will begin"))
                    .collect();
                if !listed.is_empty() {
                    t.push_str(&format!(
                        " Certification work starts when any one of these becomes true: {}.",
                        listed.join("; ")
                    ));
                    citations.push(Citation {
                        page: page.title.clone(),
                        section: triggers[0].section.clone(),
                        reference: triggers[0].section.clone(),
                        status: None,
                        evidence: Vec::new(),
                    });
                }
                if let Some(c) = contact {
                    t.push_str(&format!(" {}", c.text));
                    citations.push(Citation {
                        page: page.title.clone(),
                        section: c.section.clone(),
                        reference: c.section.clone(),
                        status: None,
                        evidence: evidence_strings(&c.evidence),
                    });
                }
                (Answer::No, t, 0.95)
            } else {
                return Some(empty);
            };
            return Some(Draft { answer, confidence, text, citations, ..empty });
        }
        // No page for it: what the pages say of it elsewhere.
        let (passages, row_mentions) = self.scheme_mentions.0[scheme].get_or_init(|| {
            let posture = &self.posture;
            let passages =
                (0..posture.passages.len()).filter(|&i| pattern.is_match(&posture.passages[i].text.to_lowercase()));
            let rows = (0..posture.rows.len()).filter(|&i| pattern.is_match(&posture.rows[i].text.to_lowercase()));
            (passages.collect(), rows.collect())
        });
        let mentions: Vec<&crate::posture::Passage> = passages.iter().map(|&i| &self.posture.passages[i]).collect();
        if mentions.is_empty() && row_mentions.is_empty() {
            return Some(empty);
        }
        let holds = scheme_held(scheme);
        let sentences: Vec<(String, &crate::posture::Passage)> = mentions
            .iter()
            .flat_map(|p| {
                p.text
                    .split(". ")
                    .filter(|s| pattern.is_match(&s.to_lowercase()))
                    .map(move |s| (s.trim().trim_end_matches('.').to_string(), *p))
            })
            .collect();
        let positive = sentences.iter().any(|(s, _)| holds.is_match(s) && !s.to_lowercase().contains("not "));
        let mut citations: Vec<Citation> = Vec::new();
        for (_, p) in &sentences {
            if citations.len() < 3 && !citations.iter().any(|c| c.page == p.page && c.reference == p.section) {
                citations.push(Citation {
                    page: p.page.clone(),
                    section: p.section.clone(),
                    reference: p.section.clone(),
                    status: None,
                    evidence: evidence_strings(&p.evidence),
                });
            }
        }
        let quoted: Vec<String> =
            sentences.iter().take(2).map(|(s, _)| format!("\u{201c}{}\u{201d}", s.trim_end_matches(", or"))).collect();
        if positive {
            let text = format!("Yes. The posture states: {}.", quoted.join(" "));
            // Yes needs a cited Met row: without one, a reviewer decides.
            let met_row = row_mentions.iter().find(|&&i| self.posture.rows[i].status == Status::Met);
            return Some(match met_row {
                Some(&i) => {
                    citations.insert(0, self.cite_row(i));
                    Draft { answer: Answer::Yes, confidence: 0.7, text, citations, ..empty }
                }
                None => Draft { answer: Answer::NeedsReview, confidence: 0.3, text: String::new(), citations, ..empty },
            });
        }
        let text =
            format!("No {name} report or certificate has been issued yet. The posture says: {}.", quoted.join("; "));
        Some(Draft { answer: Answer::No, confidence: 0.6, text, citations, ..empty })
    }
}

/// "Is production changed manually?" asks about a bad practice; "Is there no …" is negative
/// itself. Only the latter blocks reading "no X" in a row as the answer "no".
fn question_is_negative(question: &str) -> bool {
    let lower = format!(" {} ", question.to_lowercase());
    [" not ", " no ", " never ", "n't "].iter().any(|m| lower.contains(m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_scheme_names_itself_and_its_holding_pattern_compiles() {
        // A pattern that failed to compile would panic mid-draft (the wasm aborts on panic).
        let held = [
            "We are ISO 27001 certified",
            "We are ISO 22301 certified",
            "We are ISO 27701 certified",
            "We are ISO 27017 certified",
            "We are ISO 27018 certified",
            "We are ISO 9001 certified",
            "Our SOC 2 report is available",
            "Our SOC 1 report is available",
            "We are PCI DSS compliant",
            "We are HIPAA compliant",
            "We are HITRUST certified",
            "We are FedRAMP authorised and FedRAMP certified",
            "We are CSA STAR certified",
            "We are Cyber Essentials certified",
            "We are TISAX certified",
            "The BSI C5 attestation is available",
        ];
        assert_eq!(held.len(), SCHEMES.len());
        for (i, sentence) in held.iter().enumerate() {
            let (found, name, _) = scheme_named(sentence).unwrap_or_else(|| panic!("{sentence}: no scheme"));
            assert_eq!((found, name), (i, SCHEMES[i].1), "{sentence}");
            assert!(scheme_held(i).is_match(sentence), "{sentence}");
        }
        assert!(!scheme_held(0).is_match("ISO 27001 certification is on our roadmap"));
        // A pattern with alternatives of its own stays one unit inside the holding pattern.
        assert!(!scheme_held(SCHEMES.len() - 1).is_match("We are preparing for BSI C5 next year"));
    }

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
    fn dropdown_values_are_chosen_by_meaning() {
        let caiq = ["Yes".to_string(), "No".into(), "NA".into()];
        assert_eq!(choose(Answer::Yes, &caiq).as_deref(), Some("Yes"));
        assert_eq!(choose(Answer::Partial, &caiq), None);
        assert_eq!(choose(Answer::NotApplicable, &caiq).as_deref(), Some("NA"));
        assert_eq!(choose(Answer::NeedsReview, &caiq), None);
        let custom = ["Yes".to_string(), "No".into(), "Partially compliant".into(), "N/A".into()];
        assert_eq!(choose(Answer::Partial, &custom).as_deref(), Some("Partially compliant"));
        assert_eq!(choose(Answer::NotApplicable, &custom).as_deref(), Some("N/A"));
    }

    #[test]
    fn answers_serialize_as_the_product_words() {
        assert_eq!(serde_json::to_string(&Answer::NeedsReview).unwrap(), "\"needs-review\"");
        assert_eq!(Answer::parse("not-applicable"), Some(Answer::NotApplicable));
        assert_eq!(Band::of(0.8), Band::High);
        assert_eq!(Band::of(0.5), Band::Medium);
        assert_eq!(Band::of(0.2), Band::Low);
    }
}
