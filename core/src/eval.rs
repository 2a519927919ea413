//! The quality harness: scores drafts against a labelled question set (shaped like
//! `dev-questions.csv`) and question→control mapping against a pairs file (shaped like the MVSP
//! mapping). Pure functions over CSV text; the CLI's `eval` command prints the tables.

use std::collections::HashMap;

use serde::Serialize;

use crate::crosswalk::Mapper;
use crate::engine::Engine;
use crate::model::{Answer, Draft};

/// An evaluation file that could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum EvalError {
    #[error("{file}: {reason}")]
    Bad { file: String, reason: String },
}

fn records(file: &str, text: &str) -> Result<(Vec<String>, Vec<Vec<String>>), EvalError> {
    let bad = |reason: String| EvalError::Bad { file: file.to_string(), reason };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let headers: Vec<String> =
        reader.headers().map_err(|e| bad(e.to_string()))?.iter().map(|h| h.trim().to_lowercase()).collect();
    let mut rows = Vec::new();
    for (i, r) in reader.records().enumerate() {
        let r = r.map_err(|e| bad(format!("row {}: {e}", i + 2)))?;
        rows.push(r.iter().map(|c| c.trim().to_string()).collect());
    }
    Ok((headers, rows))
}

fn column(file: &str, headers: &[String], names: &[&str]) -> Result<usize, EvalError> {
    headers.iter().position(|h| names.contains(&h.as_str())).ok_or_else(|| EvalError::Bad {
        file: file.to_string(),
        reason: format!("no column named {}", names.join(" or ")),
    })
}

/// Mapping quality.
#[derive(Debug, Clone, Serialize)]
pub struct MappingReport {
    pub questions: usize,
    pub hit_at_1: f64,
    pub recall_at_5: f64,
    pub mrr: f64,
    /// (question id, expected controls, top 5 given) for each question whose top 1 missed.
    pub misses: Vec<(String, Vec<String>, Vec<String>)>,
}

/// Scores the mapper on `questions` (`id` + `question`/`text`, or `title` + `statement`) against
/// `pairs` (question id → ISO 27001:2022 ref, one pair a row).
pub fn score_mapping(
    mapper: &Mapper,
    questions_file: &str,
    questions: &str,
    pairs_file: &str,
    pairs: &str,
) -> Result<MappingReport, EvalError> {
    let (qh, qrows) = records(questions_file, questions)?;
    let id_col = 0;
    let text_of = |row: &Vec<String>| -> String {
        let get =
            |names: &[&str]| qh.iter().position(|h| names.contains(&h.as_str())).and_then(|i| row.get(i).cloned());
        match (get(&["question", "text"]), get(&["title"]), get(&["statement"])) {
            (Some(q), _, _) => q,
            (None, Some(t), Some(s)) => format!("{t}. {s}"),
            (None, Some(t), None) => t,
            _ => String::new(),
        }
    };
    let (ph, prows) = records(pairs_file, pairs)?;
    let p_id = 0;
    let p_ref = column(pairs_file, &ph, &["iso27001_2022_ref", "iso_ref", "ref", "control"])?;
    let mut expected: HashMap<String, Vec<String>> = HashMap::new();
    for r in &prows {
        if let (Some(id), Some(reference)) = (r.get(p_id), r.get(p_ref)) {
            expected.entry(id.clone()).or_default().push(format!("ISO27001:{reference}"));
        }
    }
    let (mut hit1, mut recall5, mut rr) = (0.0, 0.0, 0.0);
    let mut n = 0usize;
    let mut misses = Vec::new();
    for row in &qrows {
        let Some(id) = row.get(id_col) else { continue };
        let Some(gold) = expected.get(id) else { continue };
        n += 1;
        let got: Vec<String> = mapper.map_words(&text_of(row), 5).iter().map(|m| m.control.to_string()).collect();
        if got.first().is_some_and(|g| gold.contains(g)) {
            hit1 += 1.0;
        } else {
            misses.push((id.clone(), gold.clone(), got.clone()));
        }
        recall5 += gold.iter().filter(|g| got.contains(g)).count() as f64 / gold.len() as f64;
        if let Some(rank) = got.iter().position(|g| gold.contains(g)) {
            rr += 1.0 / (rank as f64 + 1.0);
        }
    }
    let d = n.max(1) as f64;
    Ok(MappingReport { questions: n, hit_at_1: hit1 / d, recall_at_5: recall5 / d, mrr: rr / d, misses })
}

/// One labelled question's outcome.
#[derive(Debug, Clone, Serialize)]
pub struct LabelledOutcome {
    pub id: String,
    pub question: String,
    pub accept: Vec<String>,
    pub answer: Answer,
    pub answer_ok: bool,
    /// `None` when the label names no expected rows.
    pub refs_ok: Option<bool>,
    pub evidence_ok: Option<bool>,
    pub cited: Vec<String>,
}

/// Draft quality on a labelled set.
#[derive(Debug, Clone, Serialize)]
pub struct DraftReport {
    pub questions: usize,
    pub answers_accepted: f64,
    /// Of the questions that name expected rows: how many cite at least one.
    pub refs_cited: f64,
    pub evidence_cited: f64,
    /// Of the substantive answers given (not `needs-review`), the share the label accepts.
    pub precision: f64,
    /// Of the questions whose label accepts a substantive answer, the share answered with one
    /// it accepts.
    pub recall: f64,
    /// Substantive answers given, and how many of them the label accepts.
    pub answered: usize,
    pub answered_right: usize,
    /// Questions whose label accepts a substantive answer.
    pub answerable: usize,
    /// `yes` given where the label does not accept `yes`.
    pub false_yes: usize,
    /// The share answering `needs-review` to every question would have accepted.
    pub all_needs_review: f64,
    /// Questions whose accepted answers name certification (labelled by the set: ids listed).
    pub outcomes: Vec<LabelledOutcome>,
}

/// Drafts every question of a labelled CSV (`id,question,accept,expect_refs,expect_evidence`;
/// lists separated by `|`) and scores the drafts.
pub fn score_drafts(engine: &Engine, file: &str, labelled: &str) -> Result<DraftReport, EvalError> {
    let (h, rows) = records(file, labelled)?;
    let c_id = column(file, &h, &["id"])?;
    let c_q = column(file, &h, &["question"])?;
    let c_accept = column(file, &h, &["accept"])?;
    let c_refs = h.iter().position(|x| x == "expect_refs");
    let c_ev = h.iter().position(|x| x == "expect_evidence");
    let list = |row: &Vec<String>, c: Option<usize>| -> Vec<String> {
        c.and_then(|c| row.get(c))
            .map(|v| v.split('|').map(|s| s.trim().to_string()).filter(|s| !s.is_empty()).collect())
            .unwrap_or_default()
    };
    let mut outcomes = Vec::new();
    for row in &rows {
        // A question with an unquoted comma spills into the next fields: join it back.
        let extra = row.len().saturating_sub(h.len());
        let row: Vec<String> = if extra > 0 {
            let mut fixed = row[..c_q].to_vec();
            fixed.push(row[c_q..=c_q + extra].join(","));
            fixed.extend_from_slice(&row[c_q + extra + 1..]);
            fixed
        } else {
            row.clone()
        };
        let row = &row;
        let id = row.get(c_id).cloned().unwrap_or_default();
        let question = row.get(c_q).cloned().unwrap_or_default();
        let accept = list(row, Some(c_accept));
        let expect_refs = list(row, c_refs);
        let expect_evidence = list(row, c_ev);
        let draft: Draft = engine.draft_text(&question);
        let cited: Vec<String> = draft.citations.iter().map(|c| c.reference.clone()).collect();
        let evidence: Vec<String> =
            draft.citations.iter().flat_map(|c| c.evidence.iter().map(|e| e.to_string())).collect();
        let refs_ok = (!expect_refs.is_empty()).then(|| expect_refs.iter().any(|r| cited.contains(r)));
        let evidence_ok = (!expect_evidence.is_empty())
            .then(|| expect_evidence.iter().any(|e| evidence.iter().any(|got| got.starts_with(e.as_str()))));
        outcomes.push(LabelledOutcome {
            answer_ok: accept.iter().any(|a| a == draft.answer.as_str()),
            id,
            question,
            accept,
            answer: draft.answer,
            refs_ok,
            evidence_ok,
            cited,
        });
    }
    let n = outcomes.len().max(1) as f64;
    let rate = |f: &dyn Fn(&LabelledOutcome) -> Option<bool>| {
        let judged: Vec<bool> = outcomes.iter().filter_map(f).collect();
        if judged.is_empty() {
            1.0
        } else {
            judged.iter().filter(|x| **x).count() as f64 / judged.len() as f64
        }
    };
    let given: Vec<&LabelledOutcome> = outcomes.iter().filter(|o| o.answer != Answer::NeedsReview).collect();
    let answered_right = given.iter().filter(|o| o.answer_ok).count();
    let answerable = outcomes.iter().filter(|o| o.accept.iter().any(|a| a != "needs-review")).count();
    Ok(DraftReport {
        questions: outcomes.len(),
        answers_accepted: outcomes.iter().filter(|o| o.answer_ok).count() as f64 / n,
        refs_cited: rate(&|o| o.refs_ok),
        evidence_cited: rate(&|o| o.evidence_ok),
        precision: if given.is_empty() { 1.0 } else { answered_right as f64 / given.len() as f64 },
        recall: if answerable == 0 { 1.0 } else { answered_right as f64 / answerable as f64 },
        answered: given.len(),
        answered_right,
        answerable,
        false_yes: outcomes.iter().filter(|o| o.answer == Answer::Yes && !o.accept.iter().any(|a| a == "yes")).count(),
        all_needs_review: outcomes.iter().filter(|o| o.accept.iter().any(|a| a == "needs-review")).count() as f64 / n,
        outcomes,
    })
}
