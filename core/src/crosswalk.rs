//! Mapping a question onto ISO/IEC 27001:2022 and ISO 22301:2019 controls, ranked with a score.
//!
//! Three sources, strongest first: ISO references the questionnaire itself carries (a reference
//! column); a crosswalk file the user loaded (CSV of `question id or framework ref → ISO ref`, or
//! a workbook such as CSA's CCM with an ISO 27001:2022 column — read at run time, never
//! shipped); and the question's words, matched against each control's title and the
//! vocabulary in `assets/crosswalk/vocabulary.txt`.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::pattern::Regex;
use serde::{Deserialize, Serialize};
use tantivy::tokenizer::TextAnalyzer;

use crate::catalog::{self, Catalog, EntryKind, RefExpansion};
use crate::model::{ControlId, Standard};
use crate::questionnaire::QuestionnaireError;
#[cfg(feature = "files")]
use crate::questionnaire::{self, grid::Grid};
use crate::search::{analyzer, stems};

const VOCABULARY: &str = include_str!("../../assets/crosswalk/vocabulary.txt");
/// The weight of one word of a vocabulary phrase said without the rest (a whole phrase is 1, a
/// title's word 0.35): chosen on the tune halves of the labelled sets' cited rows.
const PHRASE_WORD: f32 = 0.25;
/// How much the mean rarity of a phrase's words counts in its weight (0: not at all).
const WORD_RARITY: f32 = 1.0;

/// Where a mapping came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum MapSource {
    /// The questionnaire's own reference column.
    Explicit,
    /// A crosswalk file the user loaded.
    Crosswalk,
    /// The question's words.
    Words,
}

/// One control a question maps to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Mapped {
    pub control: ControlId,
    /// 0–1; explicit and crosswalk mappings are 1.
    pub score: f32,
    pub source: MapSource,
}

/// A crosswalk file that could not be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum CrosswalkError {
    #[error(transparent)]
    File(#[from] QuestionnaireError),
    #[error("{file}: no column of ISO/IEC 27001 or ISO 22301 references found in any sheet")]
    NoIsoColumn { file: String },
}

/// A loaded crosswalk: keys (question ids, CCM control ids, other framework refs) → ISO controls.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Crosswalk {
    pub file: String,
    entries: HashMap<String, Vec<ControlId>>,
}

fn key(text: &str) -> String {
    text.trim().to_uppercase().split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Crosswalk {
    /// The controls `reference` maps to, if the crosswalk knows it.
    pub fn get(&self, reference: &str) -> Option<&[ControlId]> {
        self.entries.get(&key(reference)).map(Vec::as_slice)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The keys a question is looked up by: its id, the id's CCM control (`A&A-01.1` →
    /// `A&A-01`) and its reference cells.
    pub fn keys<'a>(question_id: &'a str, refs: &'a [String]) -> Vec<&'a str> {
        let mut keys: Vec<&str> = vec![question_id];
        keys.extend(refs.iter().map(String::as_str));
        if let Some((head, _)) = question_id.rsplit_once('.') {
            keys.push(head);
        }
        keys
    }

    /// Does this crosswalk map the question?
    pub fn maps(&self, question_id: &str, refs: &[String]) -> bool {
        Crosswalk::keys(question_id, refs).into_iter().any(|k| self.get(k).is_some())
    }

    /// Adds one mapping (used when building a crosswalk by hand).
    pub fn insert(&mut self, reference: &str, controls: Vec<ControlId>) {
        self.entries.entry(key(reference)).or_default().extend(controls);
    }
}

/// Reads a crosswalk from a CSV or a workbook: in every sheet, the column whose cells are mostly
/// ISO references is the target; the id-like column before it is the key.
#[cfg(feature = "files")]
pub fn load_crosswalk(file: &str, bytes: &[u8]) -> Result<Crosswalk, CrosswalkError> {
    let grids = questionnaire::grid::read_any(file, bytes)?;
    let mut crosswalk = Crosswalk { file: file.to_string(), entries: HashMap::new() };
    for grid in &grids {
        read_crosswalk_sheet(grid, &mut crosswalk);
    }
    if crosswalk.is_empty() {
        return Err(CrosswalkError::NoIsoColumn { file: file.to_string() });
    }
    Ok(crosswalk)
}

#[cfg(feature = "files")]
fn read_crosswalk_sheet(grid: &Grid, crosswalk: &mut Crosswalk) {
    let width = grid.cells.iter().map(|r| r.len()).max().unwrap_or(0) as u32;
    // The target: the column with the most cells that parse as ISO refs (a header naming 22301
    // makes bare clause numbers 22301 clauses).
    let mut best: Option<(u32, usize, Standard, u32)> = None;
    for col in 0..width {
        let header_row = (0..grid.rows().min(10)).find(|&r| {
            let h = grid.cell(r, col).to_lowercase();
            h.contains("27001") || h.contains("22301") || h.contains("iso")
        });
        let standard =
            header_row
                .map(|r| if grid.cell(r, col).contains("22301") { Standard::Iso22301 } else { Standard::Iso27001 });
        let hits = (0..grid.rows())
            .filter(|&r| Some(r) != header_row)
            .filter(|&r| {
                !parse_iso_refs(grid.cell(r, col), standard.unwrap_or(Standard::Iso27001), standard.is_some())
                    .is_empty()
            })
            .count();
        if hits > 0 && best.as_ref().is_none_or(|b| hits > b.1) {
            best = Some((col, hits, standard.unwrap_or(Standard::Iso27001), header_row.map_or(0, |r| r + 1)));
        }
    }
    let Some((target, _, standard, first_row)) = best else { return };
    let bare_clauses = grid.cell(first_row.saturating_sub(1), target).contains("27001")
        || grid.cell(first_row.saturating_sub(1), target).contains("22301");
    // The key: an id-like header left of the target, else the first non-empty column.
    let header = first_row.saturating_sub(1);
    let key_col = (0..width)
        .filter(|&c| c != target)
        .find(|&c| {
            let h = grid.cell(header, c).to_lowercase();
            h.contains("id")
                || h.contains("ref")
                || h.contains("control")
                || h.contains("question")
                || h.contains("ccm")
        })
        .or_else(|| (0..width).find(|&c| c != target));
    let Some(key_col) = key_col else { return };
    for row in first_row..grid.rows() {
        let source = grid.cell(row, key_col);
        let controls = parse_iso_refs(grid.cell(row, target), standard, bare_clauses);
        if !source.is_empty() && !controls.is_empty() {
            crosswalk.insert(source, controls);
        }
    }
}

fn ref_regex() -> &'static Regex {
    static CELL: OnceLock<Regex> = OnceLock::new();
    CELL.get_or_init(|| {
        Regex::new(
            r"(?i)\bA\s?\.?\s?(\d{1,2}\.\d{1,2}(?:\s*[–-]\s*(?:A\.)?\d{1,2}\.\d{1,2})?)|\b(?:clause|cl\.|§)\s*(\d{1,2}(?:\.\d{1,2}){0,2})",
        )
        .expect("iso ref pattern")
    })
}

/// ISO control ids written in a cell: `A.8.2`, `A.5.1–5.6`, `ISO 27001 A.5.1, A.5.2`,
/// `Clause 6.1.2`; with `bare_clauses`, plain numbers (`8.4`) are clauses of `standard`.
pub fn parse_iso_refs(text: &str, standard: Standard, bare_clauses: bool) -> Vec<ControlId> {
    let catalog = catalog_cache();
    let standard = if text.contains("22301") { Standard::Iso22301 } else { standard };
    let mut out: Vec<ControlId> = Vec::new();
    let mut push = |c: ControlId| {
        if catalog.contains(&c) && !out.contains(&c) {
            out.push(c);
        }
    };
    let mut any = false;
    for caps in ref_regex().captures_iter(text) {
        any = true;
        if let Some(annex) = caps.get(1) {
            if let RefExpansion::Controls(ids) = catalog::expand_ref(&format!("A.{}", annex.as_str()), None) {
                ids.into_iter().for_each(&mut push);
            }
        } else if let Some(clause) = caps.get(2) {
            push(ControlId::new(standard, clause.as_str()));
        }
    }
    if !any && bare_clauses {
        for part in text.split([',', ';', '\n', ' ']) {
            let p = part.trim();
            if !p.is_empty() && p.split('.').all(|x| !x.is_empty() && x.chars().all(|c| c.is_ascii_digit())) {
                push(ControlId::new(standard, p));
            }
        }
    }
    out
}

fn catalog_cache() -> &'static Catalog {
    static CELL: OnceLock<Catalog> = OnceLock::new();
    // The embedded catalog is parsed once; this keeps a reference for the hot paths.
    CELL.get_or_init(Catalog::embedded)
}

/// One phrase of a control's vocabulary, as stems.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Phrase {
    stems: Vec<String>,
    /// How much finding it counts.
    weight: f32,
    /// From the vocabulary (not only a word of the control's title).
    vocabulary: bool,
}

/// A phrase of a control, as stems, with its weight.
type Weighted = (Vec<String>, f32);

/// Maps question text onto controls using titles and the vocabulary. Serializable for the
/// engine snapshot (the analyzer is rebuilt, not saved).
#[derive(Clone, Serialize, Deserialize)]
pub struct Mapper {
    controls: Vec<(ControlId, Vec<Phrase>)>,
    /// Groups of controls treated together (`family = ID ID …` lines of the vocabulary).
    families: Vec<Vec<ControlId>>,
    /// First stem of a phrase → (control, phrase) indexes: a question only checks the phrases
    /// that can start at one of its words.
    by_first: HashMap<String, Vec<(usize, usize)>>,
    /// Stems that are one-stem phrases only because the rest of a phrase of several words are
    /// stop words ("acceptable use" → `accept`, "on-call" → `call`, "just-in-time" → `time`):
    /// no word of the vocabulary on their own.
    collapsed: std::collections::HashSet<String>,
    #[serde(skip, default = "analyzer")]
    analyzer: TextAnalyzer,
}

impl std::fmt::Debug for Mapper {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Mapper").field("controls", &self.controls.len()).finish()
    }
}

impl Mapper {
    /// The mapper over the embedded catalog and vocabulary.
    pub fn embedded() -> Mapper {
        Mapper::new(catalog_cache(), VOCABULARY)
    }

    /// Builds a mapper from a catalog and a vocabulary text (`ID = phrase; phrase`).
    pub fn new(catalog: &Catalog, vocabulary: &str) -> Mapper {
        let mut analyzer = analyzer();
        let mut raw: Vec<(ControlId, Vec<Weighted>)> = Vec::new();
        for entry in &catalog.entries {
            // Targets: Annex A controls and clauses two levels deep (`8.4`, not `8.4.4`, whose
            // parent already carries its meaning).
            if entry.kind == EntryKind::Theme
                || entry.control.id.matches('.').count() > 1 && entry.kind == EntryKind::Clause
            {
                continue;
            }
            // Sub-clauses map through their top clause; only top clauses and Annex A controls
            // are mapping targets, plus 22301's operational sub-clauses named in the vocabulary.
            let mut phrases: Vec<(Vec<String>, f32)> = Vec::new();
            let title = stems(&mut analyzer, &entry.title);
            if title.len() > 1 {
                phrases.push((title.clone(), 1.0));
            }
            for s in title {
                phrases.push((vec![s], 0.35));
            }
            raw.push((entry.control.clone(), phrases));
        }
        let mut families = Vec::new();
        let (mut collapsed, mut whole) = (std::collections::HashSet::new(), std::collections::HashSet::new());
        for line in vocabulary.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((id, list)) = line.split_once('=') else { continue };
            if id.trim() == "family" {
                families.push(list.split_whitespace().filter_map(ControlId::parse).collect());
                continue;
            }
            let Some(control) = ControlId::parse(id.trim()) else { continue };
            let Some(slot) = raw.iter_mut().find(|(c, _)| *c == control) else { continue };
            for phrase in list.split(';') {
                let s = stems(&mut analyzer, phrase);
                // Each word of a longer phrase counts a little on its own, as a title's words
                // do: "segmented" speaks of network segmentation without the whole phrase.
                if s.len() > 1 {
                    for one in &s {
                        slot.1.push((vec![one.clone()], PHRASE_WORD));
                    }
                }
                if s.len() == 1 {
                    let words = phrase.split(|c: char| c.is_whitespace() || c == '-').filter(|w| !w.is_empty()).count();
                    match words {
                        1 => whole.insert(s[0].clone()),
                        _ => collapsed.insert(s[0].clone()),
                    };
                }
                if !s.is_empty() {
                    slot.1.push((s, 1.0));
                }
            }
        }
        // Rarer phrases count more: a phrase in many controls' lists says little.
        let mut df: HashMap<Vec<String>, usize> = HashMap::new();
        for (_, phrases) in &raw {
            let mut seen: Vec<&Vec<String>> = Vec::new();
            for (p, _) in phrases {
                if !seen.contains(&p) {
                    seen.push(p);
                    *df.entry(p.clone()).or_default() += 1;
                }
            }
        }
        // And a phrase of words found everywhere ("security requirements") says less than one
        // with a specific word ("physical security"): the mean rarity of its words counts too.
        let mut word_df: HashMap<&String, usize> = HashMap::new();
        for (_, phrases) in &raw {
            let mut seen: Vec<&String> = Vec::new();
            for s in phrases.iter().flat_map(|(p, _)| p) {
                if !seen.contains(&s) {
                    seen.push(s);
                    *word_df.entry(s).or_default() += 1;
                }
            }
        }
        let n = raw.len() as f32;
        let rarity = |p: &[String]| {
            let idf = |s: &String| (1.0 + n / word_df.get(s).copied().unwrap_or(1) as f32).ln();
            (p.iter().map(idf).sum::<f32>() / p.len() as f32 / (1.0 + n).ln()).powf(WORD_RARITY)
        };
        let rarities: Vec<Vec<f32>> = raw
            .iter()
            .map(|(_, phrases)| phrases.iter().map(|(p, _)| if p.len() > 1 { rarity(p) } else { 1.0 }).collect())
            .collect();
        let controls: Vec<(ControlId, Vec<Phrase>)> = raw
            .into_iter()
            .zip(rarities)
            .map(|((c, phrases), rarities)| {
                let mut out: Vec<Phrase> = Vec::new();
                for ((p, w), rare) in phrases.into_iter().zip(rarities) {
                    let idf = (1.0 + n / df[&p] as f32).ln();
                    let length = (p.len() as f32).powf(1.3);
                    let weight = w * idf * length * rare;
                    // A word both in the title and the vocabulary keeps its stronger weight.
                    let vocabulary = w >= 1.0;
                    match out.iter_mut().find(|x| x.stems == p) {
                        Some(existing) => {
                            existing.weight = existing.weight.max(weight);
                            existing.vocabulary |= vocabulary;
                        }
                        None => out.push(Phrase { stems: p, weight, vocabulary }),
                    }
                }
                (c, out)
            })
            .collect();
        let mut by_first: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
        for (c, (_, phrases)) in controls.iter().enumerate() {
            for (p, phrase) in phrases.iter().enumerate() {
                by_first.entry(phrase.stems[0].clone()).or_default().push((c, p));
            }
        }
        collapsed.retain(|s| !whole.contains(s));
        Mapper { controls, families, by_first, collapsed, analyzer }
    }

    /// The one-word phrases of every control's vocabulary (not a phrase of several words that
    /// stop words leave one stem of).
    pub fn single_stems(&self) -> impl Iterator<Item = &String> {
        self.controls
            .iter()
            .flat_map(|(_, phrases)| phrases.iter().filter(|p| p.stems.len() == 1 && p.vocabulary).map(|p| &p.stems[0]))
            .filter(|s| !self.collapsed.contains(*s))
    }

    /// Controls ranked by how well the question's words match them; scores are 0–1, relative
    /// to a strong match.
    pub fn map_words(&self, question: &str, limit: usize) -> Vec<Mapped> {
        const SECURITY: &str = "secur";
        const PRIVACY: &str = "privaci";
        let mut analyzer = self.analyzer.clone();
        let q = stems(&mut analyzer, question);
        // A text of several sentences usually opens with its topic ("Logging. Keep logs of …"):
        // the first sentence's words count half as much again.
        let first_len = match question.find(['.', ':', '?']) {
            Some(end) if end + 1 < question.trim_end().len() => stems(&mut analyzer, &question[..end]).len(),
            _ => 0,
        };
        let position = |i: usize| if i < first_len { 1.5 } else { 1.0 };
        // "Security and privacy" (programme, training, incidents) is one scope word: its
        // "privacy" says the programme covers personal data too, not that the question is about
        // privacy. Said beside "security", it maps to nothing.
        let paired = |i: usize| {
            q[i] == PRIVACY && (i > 0 && q[i - 1] == SECURITY || q.get(i + 1).is_some_and(|s| s == SECURITY))
        };
        // Each stem is credited to the strongest phrase covering it; a phrase said again counts
        // half as much each time (repetition stresses a topic, with limits).
        let mut credit: HashMap<usize, Vec<f32>> = HashMap::new();
        let mut decay: HashMap<(usize, usize), f32> = HashMap::new();
        for start in 0..q.len() {
            let Some(candidates) = self.by_first.get(&q[start]) else { continue };
            for &(c, p) in candidates {
                let phrase = &self.controls[c].1[p];
                let end = start + phrase.stems.len();
                if end > q.len() || q[start..end] != phrase.stems[..] || (start..end).any(paired) {
                    continue;
                }
                let d = decay.entry((c, p)).or_insert(1.0);
                let per = *d * phrase.weight / phrase.stems.len() as f32;
                *d *= 0.5;
                let slots = credit.entry(c).or_insert_with(|| vec![0.0; q.len()]);
                for slot in &mut slots[start..end] {
                    *slot = slot.max(per);
                }
            }
        }
        let mut scored: Vec<(usize, f32)> = credit
            .into_iter()
            .map(|(c, slots)| (c, slots.iter().enumerate().map(|(k, x)| x * position(k)).sum::<f32>()))
            .filter(|(_, s)| *s > 0.0)
            .collect();
        // Ties in catalog order, so that results do not depend on hashing.
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        // A score of 8 (two specific phrases) is a confident match.
        let mut out: Vec<Mapped> = scored
            .into_iter()
            .map(|(i, s)| Mapped {
                control: self.controls[i].0.clone(),
                score: (s / 8.0).min(1.0),
                source: MapSource::Words,
            })
            .collect();
        // A confident match brings the rest of its family, a little below it.
        if let Some(top) = out.first().filter(|m| m.score >= 0.6).cloned() {
            if let Some(family) = self.families.iter().find(|f| f.contains(&top.control)) {
                for member in family {
                    let score = top.score * 0.62;
                    match out.iter_mut().find(|m| &m.control == member) {
                        Some(m) => m.score = m.score.max(score),
                        None => out.push(Mapped { control: member.clone(), score, source: MapSource::Words }),
                    }
                }
                out.sort_by(|a, b| b.score.total_cmp(&a.score));
            }
        }
        out.truncate(limit);
        out
    }

    /// The phrases of `control` found in `question`, with their weights (for explaining a
    /// mapping).
    pub fn matched_phrases(&self, question: &str, control: &ControlId) -> Vec<(String, f32)> {
        let mut analyzer = self.analyzer.clone();
        let q = stems(&mut analyzer, question);
        let Some((_, phrases)) = self.controls.iter().find(|(c, _)| c == control) else { return Vec::new() };
        phrases
            .iter()
            .filter(|p| q.windows(p.stems.len()).any(|w| w == p.stems.as_slice()))
            .map(|p| (p.stems.join(" "), p.weight))
            .collect()
    }

    /// Explicit references and crosswalk entries first, then the words' ranking.
    pub fn map(
        &self,
        question_id: &str,
        text: &str,
        refs: &[String],
        crosswalk: Option<&Crosswalk>,
        limit: usize,
    ) -> Vec<Mapped> {
        let mut out: Vec<Mapped> = Vec::new();
        let add = |c: &ControlId, source: MapSource, out: &mut Vec<Mapped>| {
            if !out.iter().any(|m| &m.control == c) {
                out.push(Mapped { control: c.clone(), score: 1.0, source });
            }
        };
        for r in refs {
            for c in parse_iso_refs(r, Standard::Iso27001, false) {
                add(&c, MapSource::Explicit, &mut out);
            }
        }
        if let Some(cw) = crosswalk {
            // `A&A-01.1` → `A&A-01`: CAIQ question ids extend their CCM control id.
            for k in Crosswalk::keys(question_id, refs) {
                if let Some(controls) = cw.get(k) {
                    for c in controls {
                        add(c, MapSource::Crosswalk, &mut out);
                    }
                }
            }
        }
        for m in self.map_words(text, limit) {
            if !out.iter().any(|x| x.control == m.control) {
                out.push(m);
            }
        }
        out.truncate(limit.max(out.iter().filter(|m| m.source != MapSource::Words).count()));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(mapped: &[Mapped]) -> Vec<String> {
        mapped.iter().map(|m| m.control.to_string()).collect()
    }

    #[test]
    fn a_phrase_that_stop_words_leave_one_stem_of_is_no_security_word() {
        let mapper = Mapper::embedded();
        let singles: Vec<&String> = mapper.single_stems().collect();
        // "acceptable use", "on-call", "just-in-time" leave `accept`, `call`, `time`.
        for everyday in ["accept", "call", "time", "permit"] {
            assert!(!singles.iter().any(|s| *s == everyday), "{everyday}");
        }
        for word in ["encrypt", "scim", "cctv"] {
            assert!(singles.iter().any(|s| *s == word), "{word}");
        }
    }

    #[test]
    fn iso_refs_are_read_from_cells() {
        let check = |text: &str, bare: bool, expected: &[&str]| {
            let got: Vec<String> =
                parse_iso_refs(text, Standard::Iso27001, bare).iter().map(|c| c.to_string()).collect();
            assert_eq!(got, expected, "{text}");
        };
        check("A.8.2", false, &["ISO27001:A.8.2"]);
        check("ISO 27001:2022 A.5.1, A.5.2; A 8.24", false, &["ISO27001:A.5.1", "ISO27001:A.5.2", "ISO27001:A.8.24"]);
        check("A.5.3–5.5", false, &["ISO27001:A.5.3", "ISO27001:A.5.4", "ISO27001:A.5.5"]);
        check("ISO 22301 clause 8.4", false, &["ISO22301:8.4"]);
        check("6.1.2, 9.2", true, &["ISO27001:6.1.2", "ISO27001:9.2"]);
        check("6.1.2", false, &[]);
        check("CEK-03", false, &[]);
        check("A.9.9", false, &[]);
    }

    #[test]
    fn words_map_to_the_expected_control() {
        let mapper = Mapper::embedded();
        let check = |q: &str, expected: &str| {
            let top = ids(&mapper.map_words(q, 5));
            assert_eq!(top.first().map(String::as_str), Some(expected), "{q}: {top:?}");
        };
        check("Is customer data encrypted at rest?", "ISO27001:A.8.24");
        check("Do you perform background checks on new hires?", "ISO27001:A.6.1");
        check("Is MFA enforced for administrator accounts?", "ISO27001:A.8.2");
        check("Do you run an annual penetration test?", "ISO27001:A.8.29");
        check("Is there a business continuity plan?", "ISO22301:8.4");
        check("How long are audit logs retained?", "ISO27001:A.8.15");
        // One word of a phrase said without the rest still speaks of its control.
        check("Is network traffic between environments segmented?", "ISO27001:A.8.22");
        check("Is customer data securely deleted when the contract ends?", "ISO27001:A.8.10");
        // "Security and privacy" scopes what follows: the training is the subject, not privacy;
        // privacy alone is still privacy.
        check("Do temporary staff receive security and privacy training?", "ISO27001:A.6.3");
        check("Are security and privacy incidents reported to customers?", "ISO27001:A.5.26");
        check("Do you publish a privacy notice describing how personal data is used?", "ISO27001:A.5.34");
    }

    #[test]
    fn a_phrase_of_words_found_everywhere_weighs_less_than_one_with_a_specific_word() {
        let mapper = Mapper::embedded();
        let weight = |control: &str, phrase: &[&str]| {
            let id = ControlId::parse(control).unwrap();
            let stems: Vec<String> = phrase.iter().map(|s| s.to_string()).collect();
            mapper.controls.iter().find(|(c, _)| *c == id).unwrap().1.iter().find(|p| p.stems == stems).unwrap().weight
        };
        // Two-word phrases of one control's list: "security requirements" is made of words many
        // controls use; "security headers" has a specific one.
        let (common, specific) =
            (weight("ISO27001:A.8.26", &["secur", "requir"]), weight("ISO27001:A.8.26", &["secur", "header"]));
        assert!(common < specific, "{common} vs {specific}");
    }

    #[test]
    fn explicit_refs_and_crosswalk_come_first() {
        let mapper = Mapper::embedded();
        let mut cw = Crosswalk::default();
        cw.insert("CEK-03", vec![ControlId::new(Standard::Iso27001, "A.8.24")]);
        let mapped = mapper.map("CEK-03.1", "Is data protected?", &[], Some(&cw), 5);
        assert_eq!(mapped[0].control.to_string(), "ISO27001:A.8.24");
        assert_eq!(mapped[0].source, MapSource::Crosswalk);
        let explicit = mapper.map("H.2", "Is privileged access restricted?", &["A.8.2".into()], None, 5);
        assert_eq!(explicit[0].source, MapSource::Explicit);
        assert_eq!(explicit[0].score, 1.0);
    }

    #[test]
    fn a_crosswalk_csv_is_loaded_and_a_useless_file_is_refused() {
        let csv = "CCM Control ID,ISO/IEC 27001:2022\nCEK-03,\"A.8.24, A.5.31\"\nIAM-14,A.8.5\nGRC-01,5.2\n";
        let cw = load_crosswalk("ccm-map.csv", csv.as_bytes()).unwrap();
        assert_eq!(cw.len(), 3);
        assert_eq!(cw.get("cek-03").unwrap().len(), 2);
        assert_eq!(cw.get("GRC-01").unwrap()[0].to_string(), "ISO27001:5.2");
        let err = load_crosswalk("notes.csv", b"a,b\nx,y\n").unwrap_err();
        assert_eq!(err.to_string(), "notes.csv: no column of ISO/IEC 27001 or ISO 22301 references found in any sheet");
    }
}
