//! The clauses of a search: a term or a phrase query that prints and explains nothing of its terms.
//!
//! Why: tantivy's `Term` debug format links its facet display, and that display the whole `regex`
//! crate; a boxed `TermQuery` or `PhraseQuery` keeps it (their `Debug`, `TermWeight::explain`),
//! and a boxed `TermQuery` also keeps the fast-field range query it falls back to on a field that
//! is not indexed. Ours are all indexed, and nothing of ours prints or explains a tantivy query.
//! Scoring is tantivy's own: the weights and scorers are the ones the queries would make (a term
//! query's weight is wrapped only so that it does not explain).

use std::fmt;

use tantivy::query::{EnableScoring, Explanation, PhraseQuery, Query, Scorer, TermQuery, Weight};
use tantivy::{DocId, Score, SegmentReader, TantivyError};

/// One search clause: a term or a phrase.
#[derive(Clone)]
pub(super) enum Clause {
    Term(TermQuery),
    Phrase(PhraseQuery),
}

impl fmt::Debug for Clause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Clause::Term(_) => "Clause::Term",
            Clause::Phrase(_) => "Clause::Phrase",
        })
    }
}

impl Query for Clause {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        match self {
            Clause::Term(q) => Ok(Box::new(Unexplained(q.specialized_weight(enable_scoring)?))),
            // A phrase weight's explanation does not print its terms.
            Clause::Phrase(q) => q.weight(enable_scoring),
        }
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a tantivy::Term, bool)) {
        match self {
            Clause::Term(q) => q.query_terms(visitor),
            Clause::Phrase(q) => q.query_terms(visitor),
        }
    }
}

/// A weight that scores as the one it holds (the same scorer: tantivy's block-WAND still sees a
/// term scorer) and does not explain.
struct Unexplained<W>(W);

impl<W: Weight> Weight for Unexplained<W> {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        self.0.scorer(reader, boost)
    }

    fn explain(&self, _reader: &SegmentReader, _doc: DocId) -> tantivy::Result<Explanation> {
        Err(TantivyError::InvalidArgument("search clauses are not explained".to_string()))
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::TopDocs;
    use tantivy::query::{BooleanQuery, BoostQuery, Occur, PhraseQuery, Query, TermQuery};
    use tantivy::schema::{IndexRecordOption, Schema, TEXT};
    use tantivy::{doc, DocAddress, Index, Term};

    use super::Clause;

    /// The top documents, scores and order of a boosted disjunction of `terms` and `phrase`,
    /// with each clause built by `make`.
    fn ranked(make: impl Fn(&[Term]) -> Box<dyn Query>) -> Vec<(f32, DocAddress)> {
        let mut schema = Schema::builder();
        let body = schema.add_text_field("body", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).expect("writer");
        for text in [
            "data is encrypted at rest with keys rotated yearly",
            "encryption at rest and in transit; at rest keys are held in a vault",
            "backups are kept for thirty days",
            "keys rest with the customer",
        ] {
            writer.add_document(doc!(body => text)).expect("add");
        }
        writer.commit().expect("commit");
        let searcher = index.reader().expect("reader").searcher();
        let term = |w: &str| Term::from_field_text(body, w);
        let clauses: Vec<(Occur, Box<dyn Query>)> = vec![
            (Occur::Should, Box::new(BoostQuery::new(make(&[term("keys")]), 1.0))),
            (Occur::Should, Box::new(BoostQuery::new(make(&[term("rest")]), 6.0))),
            (Occur::Should, Box::new(BoostQuery::new(make(&[term("at"), term("rest")]), 0.45))),
        ];
        searcher.search(&BooleanQuery::new(clauses), &TopDocs::with_limit(10).order_by_score()).expect("search")
    }

    #[test]
    fn clauses_rank_as_the_tantivy_queries_they_hold() {
        let theirs = ranked(|terms| match terms {
            [one] => Box::new(TermQuery::new(one.clone(), IndexRecordOption::WithFreqs)),
            many => Box::new(PhraseQuery::new(many.to_vec())),
        });
        let ours = ranked(|terms| match terms {
            [one] => Box::new(Clause::Term(TermQuery::new(one.clone(), IndexRecordOption::WithFreqs))),
            many => Box::new(Clause::Phrase(PhraseQuery::new(many.to_vec()))),
        });
        assert_eq!(theirs.len(), 3);
        assert_eq!(ours, theirs);
    }
}
