//! The tantivy index over a posture: every control row, evidence pointer, page passage and
//! catalog control is a document; a question becomes a weighted term query expanded with the
//! security vocabulary.
//!
//! The index lives in a `RamDirectory` and is written with tantivy's single-segment writer, the
//! one writer that works in a browser (no threads). Only the inverted index is kept: hits map
//! back to the posture by document order, so no document store is written or read.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::directory::{Directory, RamDirectory};
use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
#[cfg(feature = "files")]
use tantivy::schema::{Schema, TextFieldIndexing, TextOptions, STRING};
#[cfg(feature = "files")]
use tantivy::tokenizer::TokenizerManager;
use tantivy::tokenizer::{
    LowerCaser, RemoveLongFilter, SimpleTokenizer, StopWordFilter, TextAnalyzer, Token, TokenFilter, TokenStream,
    Tokenizer,
};
use tantivy::{Index, IndexReader, Term};
#[cfg(feature = "files")]
use tantivy::{IndexSettings, TantivyDocument};

#[cfg(feature = "files")]
use crate::catalog::EntryKind;
use crate::catalog::{Catalog, CatalogEntry};
use crate::evidence::{self};
use crate::limits;
use crate::model::ControlId;
use crate::model::Status;
use crate::model::{EvidenceKind, EvidenceRef};
use crate::posture::Posture;
use crate::vocab;

mod clause;
use self::clause::Clause;

const ANALYZER: &str = "trustdraft";

/// A search could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("index could not be built: {0}")]
    Index(#[from] tantivy::TantivyError),
    #[error("saved index could not be read: {0}")]
    Files(String),
}

/// What a document of the index stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "index", rename_all = "kebab-case")]
pub enum DocRef {
    /// `posture.rows[i]`
    Row(usize),
    /// `posture.passages[i]`
    Passage(usize),
    /// `posture.pointers[i]`
    Pointer(usize),
    /// `catalog.entries[i]`
    Control(usize),
}

/// One ranked result, with what a reader needs to show it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub doc: DocRef,
    pub score: f32,
    /// The page title (rows and passages).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<String>,
    /// The table or prose heading (rows and passages).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<String>,
    /// The row's `Ref` verbatim, the pointer's display form, or the control id.
    #[serde(rename = "ref")]
    pub reference: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// The requirement (rows), the control title, the pointer kind.
    pub title: String,
    /// The row's "how we meet it / gap" text, the passage, or what cites a pointer.
    pub text: String,
    /// Byte ranges of `text` that match the query.
    pub marks: Vec<(usize, usize)>,
    pub evidence: Vec<EvidenceRef>,
    pub controls: Vec<ControlId>,
}

/// One text field holds a document's words, its title twice (so title words weigh double) and
/// its context once: one term lookup per query word instead of one per field.
#[derive(Debug, Clone, Copy)]
struct Fields {
    all: Field,
    keys: Field,
}

/// The text of the `all` field.
#[cfg(feature = "files")]
fn all_text(title: &str, body: &str, extra: &str) -> String {
    format!("{title} \n {title} \n {body} \n {extra}")
}

/// The posture's search index.
pub struct SearchIndex {
    reader: IndexReader,
    fields: Fields,
    docs: Vec<DocRef>,
    analyzer: TextAnalyzer,
    /// Each vocabulary group, analyzed: the stem sequences of its phrases.
    groups: Vec<Vec<Vec<String>>>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex").field("docs", &self.docs.len()).finish()
    }
}

/// The analyzer for every text field and every query: words, lower-cased, stop words out,
/// English stems (`encrypted` and `encryption` → `encrypt`).
pub fn analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(StopWordFilter::remove(vocab::STOP_WORDS.iter().map(|w| w.to_string())))
        .filter(EnglishStemmer)
        .build()
}

/// English (Snowball "english", Porter2) stems: what tantivy's `Stemmer::new(Language::English)`
/// does, without linking its other 17 languages into the wasm; and an "-ify" verb's stem made
/// its "-ification" noun's.
#[derive(Clone, Copy)]
pub struct EnglishStemmer;

impl TokenFilter for EnglishStemmer {
    type Tokenizer<T: Tokenizer> = EnglishStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, inner: T) -> EnglishStemmerFilter<T> {
        EnglishStemmerFilter { inner }
    }
}

#[derive(Clone)]
pub struct EnglishStemmerFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for EnglishStemmerFilter<T> {
    type TokenStream<'a> = EnglishStemmerStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        let stemmer = frostem::Stemmer::new(frostem::Algorithm::English);
        EnglishStemmerStream { tail: self.inner.token_stream(text), stemmer }
    }
}

pub struct EnglishStemmerStream<T> {
    tail: T,
    stemmer: frostem::Stemmer,
}

impl<T: TokenStream> TokenStream for EnglishStemmerStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        // Borrowed: the word is its own stem.
        if let std::borrow::Cow::Owned(stem) = self.stemmer.stem(&token.text) {
            token.text = stem;
        }
        // Porter2 leaves "-ify" verbs one letter longer than their "-ification" nouns
        // ("notifi" / "notif", "verifi" / "verif", "classifi" / "classif"): one stem for both,
        // so "notify" finds and states a row's "notification".
        if token.text.len() > 5 && token.text.ends_with("ifi") {
            token.text.pop();
        }
        // "Multiple regions" is "multi-region", "multiple factors" "multi-factor": one stem for
        // the word and the prefix it is written as.
        if token.text == "multipl" {
            token.text.truncate(5);
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// The stems of `text`, in order.
pub fn stems(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

/// The stems of `text` with their word positions (stop words leave gaps).
pub fn stems_with_positions(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize)> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let t = stream.token();
        out.push((t.text.clone(), t.position));
    }
    out
}

/// The stems of `text` with their word positions and byte ranges.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let t = stream.token();
        out.push((t.text.clone(), t.position, t.offset_from..t.offset_to));
    }
    out
}

/// Byte ranges of the words of `text` whose stems are in `wanted`.
pub fn marks(analyzer: &mut TextAnalyzer, text: &str, wanted: &HashSet<String>) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut stream = analyzer.token_stream(text);
    while stream.advance() {
        let token = stream.token();
        if wanted.contains(&token.text) {
            out.push((token.offset_from, token.offset_to));
        }
    }
    out
}

/// A word found through the vocabulary counts this much of a word the user typed.
const W_EXPANSION: f32 = 0.45;
/// A control id or evidence pointer named in the question (`A.8.24`, `DR scenario 22`).
const W_KEY: f32 = 6.0;

/// How much each kind of document counts once matched: rows are what a question is answered
/// from; passages carry the page's own words; pointers and catalog entries point to rows.
fn kind_weight(doc: DocRef) -> f32 {
    match doc {
        DocRef::Row(_) => 1.0,
        DocRef::Passage(_) => 0.8,
        DocRef::Pointer(_) => 0.7,
        DocRef::Control(_) => 0.6,
    }
}

impl SearchIndex {
    /// Indexes `posture` and `catalog`.
    #[cfg(feature = "files")]
    pub fn build(posture: &Posture, catalog: &Catalog) -> Result<SearchIndex, SearchError> {
        let mut schema = Schema::builder();
        let text = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let fields = Fields { all: schema.add_text_field("all", text), keys: schema.add_text_field("keys", STRING) };
        let schema = schema.build();
        let tokenizers = TokenizerManager::default();
        tokenizers.register(ANALYZER, analyzer());
        let settings = IndexSettings { docstore_compress_dedicated_thread: false, ..Default::default() };
        let text_bytes: usize = posture.rows.iter().map(|r| r.text.len() + r.requirement.len()).sum::<usize>()
            + posture.passages.iter().map(|p| p.text.len()).sum::<usize>();
        let budget = (8 * text_bytes).clamp(3_000_000, 60_000_000);
        let mut writer = Index::builder()
            .schema(schema)
            .settings(settings)
            .tokenizers(tokenizers)
            .single_segment_index_writer(RamDirectory::create(), budget)?;

        let mut docs = Vec::new();
        for (i, row) in posture.rows.iter().enumerate() {
            let mut doc = TantivyDocument::new();
            let title = format!("{} {}", row.reference, row.requirement);
            let mut extra = vec![row.section.clone()];
            for c in &row.controls {
                if let Some(title) = catalog.title_of(c) {
                    extra.push(title.to_string());
                }
                doc.add_text(fields.keys, control_key(c));
            }
            // Evidence is already in the row's text; only its keys are added.
            for e in &row.evidence {
                doc.add_text(fields.keys, e.key());
            }
            doc.add_text(fields.keys, ref_key(&row.reference));
            // A NIST enhancement row (`AC-2(3)`) is found by its base control too.
            if row.framework.is_some() {
                for r in crate::posture::refs::framework_refs_in(&row.reference).iter().skip(1) {
                    doc.add_text(fields.keys, ref_key(r));
                }
            }
            doc.add_text(fields.all, all_text(&title, &row.text, &extra.join(" \n ")));
            writer.add_document(doc)?;
            docs.push(DocRef::Row(i));
        }
        for (i, passage) in posture.passages.iter().enumerate() {
            let mut doc = TantivyDocument::new();
            doc.add_text(fields.all, all_text(&passage.section, &passage.text, &passage.page));
            for e in &passage.evidence {
                doc.add_text(fields.keys, e.key());
            }
            writer.add_document(doc)?;
            docs.push(DocRef::Passage(i));
        }
        for (i, pointer) in posture.pointers.iter().enumerate() {
            let mut doc = TantivyDocument::new();
            let shown = EvidenceRef { kind: pointer.kind, target: pointer.target.clone(), sections: vec![] };
            let citing: Vec<String> = pointer
                .rows()
                .map(|r| format!("{} {}", posture.rows[r].reference, posture.rows[r].requirement))
                .collect();
            doc.add_text(
                fields.all,
                all_text(&format!("{} {}", shown, pointer.kind.label()), "", &citing.join(" \n ")),
            );
            doc.add_text(fields.keys, pointer.key());
            writer.add_document(doc)?;
            docs.push(DocRef::Pointer(i));
        }
        for (i, entry) in catalog.entries.iter().enumerate() {
            if entry.kind == EntryKind::Theme {
                continue;
            }
            let mut doc = TantivyDocument::new();
            doc.add_text(
                fields.all,
                all_text(&format!("{} {}", entry.control.id, entry.title), "", entry.control.standard.name()),
            );
            doc.add_text(fields.keys, control_key(&entry.control));
            writer.add_document(doc)?;
            docs.push(DocRef::Control(i));
        }
        let index = writer.finalize()?;
        SearchIndex::from_index(index, fields, docs)
    }

    /// The files of the index, by name: what [`SearchIndex::open`] takes back (a snapshot).
    #[cfg(feature = "files")]
    pub fn files(&self) -> Result<Vec<(String, Vec<u8>)>, SearchError> {
        use tantivy::index::SegmentComponent as C;
        let searcher = self.reader.searcher();
        let index = searcher.index();
        let mut names = vec![std::path::PathBuf::from("meta.json")];
        for meta in index.searchable_segment_metas()? {
            for component in [C::Postings, C::Positions, C::Terms, C::Store, C::FastFields, C::FieldNorms, C::Delete] {
                names.push(meta.relative_path(component));
            }
        }
        let files = |e: &dyn std::fmt::Display| SearchError::Files(e.to_string());
        let mut out = Vec::new();
        for name in names {
            // Not every segment has every component (no deletes, for one).
            if !index.directory().exists(&name).map_err(|e| files(&e))? {
                continue;
            }
            let bytes = index.directory().atomic_read(&name).map_err(|e| files(&e))?;
            out.push((name.to_string_lossy().into_owned(), bytes));
        }
        Ok(out)
    }

    /// Opens an index saved with [`SearchIndex::files`]; `docs` says what each document is.
    pub fn open(files: &[(String, Vec<u8>)], docs: Vec<DocRef>) -> Result<SearchIndex, SearchError> {
        let dir = RamDirectory::create();
        for (name, bytes) in files {
            dir.atomic_write(std::path::Path::new(name), bytes).map_err(|e| SearchError::Files(e.to_string()))?;
        }
        let index = Index::open(dir)?;
        index.tokenizers().register(ANALYZER, analyzer());
        let schema = index.schema();
        let field = |name: &str| {
            schema.get_field(name).map_err(|_| SearchError::Files(format!("the index has no field {name}")))
        };
        let fields = Fields { all: field("all")?, keys: field("keys")? };
        let indexed = index.reader()?.searcher().num_docs() as usize;
        if indexed != docs.len() {
            return Err(SearchError::Files(format!("the index has {indexed} documents, its list {}", docs.len())));
        }
        SearchIndex::from_index(index, fields, docs)
    }

    /// What each document of the index stands for, in index order.
    pub fn docs(&self) -> &[DocRef] {
        &self.docs
    }

    fn from_index(index: Index, fields: Fields, docs: Vec<DocRef>) -> Result<SearchIndex, SearchError> {
        let reader = index.reader()?;
        let mut analyzer = analyzer();
        let groups = vocab::SYNONYM_GROUPS
            .iter()
            .map(|group| {
                group
                    .iter()
                    .map(|written| stems(&mut analyzer, vocab::member(written).0))
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .collect();
        Ok(SearchIndex { reader, fields, docs, analyzer, groups })
    }

    /// Number of documents indexed.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The stems of `question`, then the phrases its vocabulary groups add, each with its
    /// weight. A phrase of several words must match as a phrase. Only the part of a long
    /// question that drafting reads is searched ([`limits::drafted_part`]).
    pub fn expand(&self, question: &str) -> Vec<(Vec<String>, f32)> {
        let question = limits::drafted_part(question);
        let mut analyzer = self.analyzer.clone();
        let typed = stems(&mut analyzer, question);
        let mut out: Vec<(Vec<String>, f32)> = Vec::new();
        for s in &typed {
            if !out.iter().any(|(p, _)| p.len() == 1 && &p[0] == s) {
                out.push((vec![s.clone()], 1.0));
            }
        }
        for group in &self.groups {
            if !group.iter().any(|phrase| contains_sequence(&typed, phrase)) {
                continue;
            }
            for phrase in group {
                if !out.iter().any(|(p, _)| p == phrase) {
                    out.push((phrase.clone(), W_EXPANSION));
                }
            }
        }
        out
    }

    /// The documents that match `question`, best first, as ranked document refs.
    pub fn search_refs(&self, question: &str, limit: usize) -> Vec<(DocRef, f32)> {
        let question = limits::drafted_part(question);
        let terms = self.expand(question);
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for (phrase, weight) in &terms {
            let field = self.fields.all;
            let q = if phrase.len() == 1 {
                Clause::Term(TermQuery::new(Term::from_field_text(field, &phrase[0]), IndexRecordOption::WithFreqs))
            } else {
                Clause::Phrase(PhraseQuery::new(phrase.iter().map(|s| Term::from_field_text(field, s)).collect()))
            };
            clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), *weight))));
        }
        for key in question_keys(question) {
            let q =
                Clause::Term(TermQuery::new(Term::from_field_text(self.fields.keys, &key), IndexRecordOption::Basic));
            clauses.push((Occur::Should, Box::new(BoostQuery::new(Box::new(q), W_KEY))));
        }
        if clauses.is_empty() {
            return Vec::new();
        }
        let query = BooleanQuery::new(clauses);
        let searcher = self.reader.searcher();
        let top = match searcher.search(&query, &TopDocs::with_limit(limit.max(1) * 4 + 20).order_by_score()) {
            Ok(top) => top,
            Err(_) => return Vec::new(),
        };
        let mut ranked: Vec<(DocRef, f32)> = top
            .into_iter()
            .filter_map(|(score, addr)| {
                let doc = *self.docs.get(addr.doc_id as usize)?;
                Some((doc, score * kind_weight(doc)))
            })
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
        ranked.truncate(limit);
        ranked
    }

    /// The documents that match `question`, best first, ready to show.
    pub fn search(&self, posture: &Posture, catalog: &Catalog, question: &str, limit: usize) -> Vec<Hit> {
        self.hits(posture, catalog, question, &self.search_refs(question, limit))
    }

    /// Documents `search_refs` ranked for `question`, ready to show (the words matched marked).
    pub fn hits(&self, posture: &Posture, catalog: &Catalog, question: &str, ranked: &[(DocRef, f32)]) -> Vec<Hit> {
        let wanted: HashSet<String> = self.expand(question).into_iter().flat_map(|(p, _)| p).collect();
        let mut analyzer = self.analyzer.clone();
        ranked
            .iter()
            .map(|&(doc, score)| {
                let mut hit = resolve(posture, catalog, doc, score);
                hit.marks = marks(&mut analyzer, &hit.text, &wanted);
                hit
            })
            .collect()
    }
}

fn resolve(posture: &Posture, catalog: &Catalog, doc: DocRef, score: f32) -> Hit {
    let empty = |reference: String, title: String, text: String| Hit {
        doc,
        score,
        page: None,
        section: None,
        reference,
        status: None,
        title,
        text,
        marks: Vec::new(),
        evidence: Vec::new(),
        controls: Vec::new(),
    };
    match doc {
        DocRef::Row(i) => {
            let row = &posture.rows[i];
            Hit {
                page: Some(row.page.clone()),
                section: Some(row.section.clone()),
                status: Some(row.status.clone()),
                evidence: row.evidence.clone(),
                controls: row.controls.clone(),
                ..empty(row.reference.clone(), row.requirement.clone(), row.text.clone())
            }
        }
        DocRef::Passage(i) => {
            let p = &posture.passages[i];
            Hit {
                page: Some(p.page.clone()),
                section: Some(p.section.clone()),
                evidence: p.evidence.clone(),
                ..empty(p.section.clone(), p.page.clone(), p.text.clone())
            }
        }
        DocRef::Pointer(i) => {
            let pointer = &posture.pointers[i];
            let shown = EvidenceRef { kind: pointer.kind, target: pointer.target.clone(), sections: vec![] };
            let citing: Vec<String> = pointer.rows().map(|r| posture.rows[r].reference.clone()).collect();
            let text = if citing.is_empty() {
                "Cited in the page's prose.".to_string()
            } else {
                format!("Cited by {}.", citing.join(", "))
            };
            Hit { evidence: vec![shown.clone()], ..empty(shown.to_string(), pointer.kind.label().to_string(), text) }
        }
        DocRef::Control(i) => {
            let entry: &CatalogEntry = &catalog.entries[i];
            let covering: Vec<&str> = posture
                .rows
                .iter()
                .filter(|r| r.controls.iter().any(|c| entry.control.is_within(c)))
                .map(|r| r.reference.as_str())
                .collect();
            let text = if covering.is_empty() {
                "No posture row covers this control.".to_string()
            } else {
                format!("Covered by {}.", covering.join(", "))
            };
            Hit { controls: vec![entry.control.clone()], ..empty(entry.control.to_string(), entry.title.clone(), text) }
        }
    }
}

fn control_key(control: &ControlId) -> String {
    format!("control:{control}")
}

fn ref_key(reference: &str) -> String {
    format!("ref:{}", reference.trim().to_lowercase())
}

/// Keys a question names outright: control ids (`A.8.24`, `ISO22301:8.4`) and evidence
/// pointers (`DR scenario 22`, `/policies/sdlc`, `C-3`).
fn question_keys(question: &str) -> Vec<String> {
    // Pointers only where one can be: a path, an address, a scenario or finding.
    let lower = question.to_lowercase();
    let may_point = ['/', '@', '§'].iter().any(|c| question.contains(*c))
        || lower.contains("scenario")
        || lower.contains("finding");
    let mut keys: Vec<String> = if may_point {
        evidence::extract(question).into_iter().filter(|e| e.kind != EvidenceKind::Vendor).map(|e| e.key()).collect()
    } else {
        Vec::new()
    };
    // NIST SP 800-53 and SOC 2 refs (`SC-28`, `AC-2(3)`, `CC6.1`) find rows with those refs.
    keys.extend(crate::posture::refs::framework_refs_in(question).iter().map(|r| ref_key(r)));
    for word in question.split(|c: char| c.is_whitespace() || c == ',' || c == '?' || c == '(' || c == ')') {
        let word = word.trim_end_matches('.');
        if let Some(c) = ControlId::parse(word) {
            keys.push(control_key(&c));
        } else if let Some(rest) = word.strip_prefix("A.").filter(|r| r.contains('.')) {
            keys.push(control_key(&ControlId::new(crate::model::Standard::Iso27001, format!("A.{rest}"))));
        }
    }
    keys
}

fn contains_sequence(haystack: &[String], needle: &[String]) -> bool {
    !needle.is_empty() && haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_verb_in_ify_and_its_noun_in_ification_share_a_stem() {
        let mut a = analyzer();
        for (verb, noun) in [
            ("notify", "notification"),
            ("notified", "notifications"),
            ("verifies", "verification"),
            ("classified", "classification"),
            ("identify", "identification"),
        ] {
            assert_eq!(stems(&mut a, verb), stems(&mut a, noun), "{verb} / {noun}");
        }
        // Short stems are left alone, and other words keep Porter2's stems.
        assert_eq!(stems(&mut a, "wifi encrypted"), vec!["wifi", "encrypt"]);
    }
}
