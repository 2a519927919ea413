//! The engine: one posture, the catalog, the coverage between them and the search index, built
//! once and queried many times. The CLI and the web app both hold one.

use crate::catalog::{self, Catalog, ControlCoverage, EntryKind};
use crate::draft::{Prepared, SchemeMentions};
use crate::posture::Posture;
#[cfg(feature = "files")]
use crate::search::SearchError;
use crate::search::{Hit, SearchIndex};

/// A posture made ready to answer questions.
#[derive(Debug)]
pub struct Engine {
    pub posture: Posture,
    pub catalog: Catalog,
    /// One entry per catalog entry, in catalog order.
    pub coverage: Vec<ControlCoverage>,
    index: SearchIndex,
    prepared: Prepared,
    /// Filled as certification questions ask for them.
    pub(crate) scheme_mentions: SchemeMentions,
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
        Engine { posture, catalog, coverage, index, prepared, scheme_mentions: SchemeMentions::default() }
    }

    /// The engine over the embedded default posture.
    #[cfg(feature = "files")]
    pub fn embedded_default() -> Result<Engine, SearchError> {
        Engine::new(Posture::embedded_default())
    }

    /// The best `limit` documents for `question`, best first.
    pub fn search(&self, question: &str, limit: usize) -> Vec<Hit> {
        self.index.search(&self.posture, &self.catalog, question, limit)
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
