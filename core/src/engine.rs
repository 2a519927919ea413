//! The engine: one posture, the catalog, the coverage between them, the search index and the
//! drafting data, built once and queried many times. The CLI and the web app both hold one. A
//! facade: every method hands the parts it needs to the module whose rules apply.

use crate::catalog::{self, Catalog, ControlCoverage, EntryKind};
use crate::crosswalk::Crosswalk;
use crate::draft::{self, Context, Explanation, Prepared, SchemeMentions};
use crate::library::{Library, LibraryIndex};
use crate::model::Draft;
use crate::posture::Posture;
use crate::questionnaire::{Question, Questionnaire};
use crate::reuse;
#[cfg(feature = "files")]
use crate::search::SearchError;
use crate::search::{Hit, SearchIndex};

/// A posture made ready to answer questions.
#[derive(Debug)]
pub struct Engine {
    pub(crate) posture: Posture,
    pub(crate) catalog: Catalog,
    /// One entry per catalog entry, in catalog order.
    pub(crate) coverage: Vec<ControlCoverage>,
    index: SearchIndex,
    prepared: Prepared,
    /// Filled as certification questions ask for them.
    schemes: SchemeMentions,
}

impl Engine {
    /// Indexes `posture` against the embedded ISO catalogs.
    #[cfg(feature = "files")]
    pub fn new(posture: Posture) -> Result<Engine, SearchError> {
        let index = SearchIndex::build(&posture, &Catalog::embedded())?;
        let prepared = Prepared::new(&posture, &mut crate::search::analyzer());
        Ok(Engine::with_parts(posture, index, prepared))
    }

    /// The engine from its parts, built now or opened from a snapshot ([`crate::snapshot`]).
    pub(crate) fn with_parts(posture: Posture, index: SearchIndex, prepared: Prepared) -> Engine {
        let catalog = Catalog::embedded();
        let coverage = catalog::coverage(&catalog, &posture.rows);
        Engine { posture, catalog, coverage, index, prepared, schemes: SchemeMentions::default() }
    }

    /// The engine over the embedded default posture.
    #[cfg(feature = "files")]
    pub fn embedded_default() -> Result<Engine, SearchError> {
        Engine::new(Posture::embedded_default())
    }

    fn context(&self) -> Context<'_> {
        Context {
            posture: &self.posture,
            coverage: &self.coverage,
            index: &self.index,
            prepared: &self.prepared,
            schemes: &self.schemes,
        }
    }

    /// The posture the engine answers from.
    pub fn posture(&self) -> &Posture {
        &self.posture
    }

    /// The ISO catalogs.
    pub fn catalog(&self) -> &Catalog {
        &self.catalog
    }

    /// One entry per catalog entry, in catalog order: the rows that cover it.
    pub fn coverage(&self) -> &[ControlCoverage] {
        &self.coverage
    }

    /// The best `limit` documents for `question`, best first.
    pub fn search(&self, question: &str, limit: usize) -> Vec<Hit> {
        self.index.search(&self.posture, &self.catalog, question, limit)
    }

    /// What the Ask page shows: the draft of `question` and the `related` documents behind it,
    /// best first, from one index query (the related list is cut from drafting's search).
    pub fn ask(&self, question: &str, related: usize) -> (Draft, Vec<Hit>) {
        let searched = self.index.search_refs(question, draft::SEARCHED.max(related));
        let d = draft::draft_searched(&self.context(), "", question, &[], None, None, &searched);
        let hits = self.index.hits(&self.posture, &self.catalog, question, &searched[..related.min(searched.len())]);
        (d, hits)
    }

    /// Drafts an answer to one question text, with no questionnaire context.
    pub fn draft_text(&self, question: &str) -> Draft {
        draft::draft(&self.context(), "", question, &[], None, None)
    }

    /// Drafts an answer to a question with its id, explicit refs and dropdown values.
    pub fn draft(
        &self,
        id: &str,
        question: &str,
        refs: &[String],
        choices: Option<&[String]>,
        crosswalk: Option<&Crosswalk>,
    ) -> Draft {
        draft::draft(&self.context(), id, question, refs, choices, crosswalk)
    }

    /// Drafts one imported question (its references and dropdown taken into account).
    pub fn draft_question(&self, q: &Question, crosswalk: Option<&Crosswalk>) -> Draft {
        self.draft(&q.id, &q.text, &q.refs, q.choices.as_deref(), crosswalk)
    }

    /// Drafts every question of a questionnaire.
    pub fn draft_questionnaire(&self, q: &Questionnaire, crosswalk: Option<&Crosswalk>) -> Vec<Draft> {
        q.questions.iter().map(|x| self.draft_question(x, crosswalk)).collect()
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
        reuse::with_library(&self.prepared, &self.posture, q, fresh, library)
    }

    /// How drafting reads a question and which rows state its parts.
    pub fn explain(&self, question: &str) -> Explanation {
        draft::explain(&self.context(), question)
    }

    /// A question's subject stems, which the answer library compares wordings with.
    pub fn subject_stems(&self, question: &str) -> Vec<String> {
        reuse::subject_stems(&self.prepared, question)
    }

    /// The library made ready for one drafting run.
    pub fn library_index<'a>(&self, library: &'a Library) -> LibraryIndex<'a> {
        self.library_index_for(library, None)
    }

    /// The library made ready for drafting answers for one product (`scope`): entries recorded
    /// for another are never reused as answers.
    pub fn library_index_for<'a>(&self, library: &'a Library, scope: Option<&str>) -> LibraryIndex<'a> {
        let mapper = self.prepared.mapper();
        LibraryIndex::new(library, |q| self.subject_stems(q))
            .with_controls(|e| crate::library::mapped_controls(mapper, &e.question, &e.refs))
            .for_scope(scope)
    }

    /// The posture analysed for drafting (see [`crate::draft`]).
    pub fn prepared(&self) -> &Prepared {
        &self.prepared
    }

    /// The search index itself, for lower-level use (ranked refs, query expansion).
    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    /// Annex A controls and clauses that no row covers, nor any row of their parts.
    pub fn gaps(&self) -> impl Iterator<Item = &ControlCoverage> {
        self.coverage.iter().filter(|c| c.is_gap() && c.kind != EntryKind::Theme)
    }
}

#[cfg(test)]
mod tests {
    use super::Engine;

    #[test]
    fn ask_drafts_as_drafting_does_and_cuts_its_related_list_from_the_same_search() {
        let e = Engine::embedded_default().unwrap();
        for q in ["Is customer data encrypted at rest?", "Do you keep an inventory of hardware assets?", "cafeteria"] {
            let (draft, hits) = e.ask(q, 8);
            assert_eq!(draft, e.draft_text(q), "{q}");
            assert!(hits.len() <= 8);
            let wider: Vec<_> = e.search(q, 25).into_iter().map(|h| h.doc).collect();
            let mine: Vec<_> = hits.iter().map(|h| h.doc).collect();
            assert_eq!(mine, wider[..mine.len()], "{q}: the related list is the search's best first");
        }
        let (_, hits) = e.ask("Is customer data encrypted at rest?", 3);
        assert_eq!(hits[0].reference, "A.8.24");
    }
}
