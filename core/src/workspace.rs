//! The user's work on one questionnaire, as it is saved in the browser: the original file, what
//! was imported, the drafts, and every review (edit, approval). One versioned format; older
//! versions keep loading.

use serde::{Deserialize, Serialize};

use crate::crosswalk::Crosswalk;
use crate::export::{self, FinalAnswer};
use crate::model::{Draft, PackInfo, Review};
use crate::questionnaire::{ImportOptions, Questionnaire};

/// The version written by this build. Bump it when the format changes, keep reading the old
/// ones (see `tests/fixtures/saved/`).
///
/// - 1: the first.
/// - 2: sheets carry what they are (`kind`, `reason`, every header row), questions the answers
///   already in the workbook and the other places they are asked, reviews a `replace` choice.
pub const WORK_FORMAT_VERSION: u32 = 2;

/// Saved work that cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum WorkError {
    #[error("saved work is not readable: {0}")]
    Corrupt(String),
    #[error("saved work is from a newer trustdraft (format {found}, this one reads up to {WORK_FORMAT_VERSION})")]
    TooNew { found: u32 },
}

/// An answered file, with what was written and the check made after writing.
#[cfg(feature = "files")]
#[derive(Debug, Clone, PartialEq)]
pub struct Exported {
    pub name: String,
    pub bytes: Vec<u8>,
    pub summary: export::Summary,
    /// The check of an `.xlsx` against its original (a CSV is plain text, rewritten whole).
    pub verified: Option<export::Verified>,
}

/// One questionnaire being answered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Work {
    pub version: u32,
    pub file_name: String,
    /// The original file, needed to export back into it.
    #[serde(with = "bytes_base64")]
    pub original: Vec<u8>,
    #[serde(default)]
    pub options: ImportOptions,
    pub questionnaire: Questionnaire,
    /// One per question, in order; fewer while drafting is under way.
    pub drafts: Vec<Draft>,
    /// One per draft.
    pub reviews: Vec<Review>,
    /// The crosswalk file loaded for this questionnaire, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub crosswalk: Option<Crosswalk>,
    /// Set when the work was opened from a vendor's answer pack.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pack: Option<PackInfo>,
    /// Replace every answer the workbook already holds (otherwise only the questions marked).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub replace_all: bool,
}

mod bytes_base64 {
    use base64::Engine as _;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&base64::engine::general_purpose::STANDARD.encode(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(d)?;
        base64::engine::general_purpose::STANDARD.decode(text).map_err(serde::de::Error::custom)
    }
}

impl Work {
    /// New work on an imported questionnaire, before drafting.
    pub fn new(file_name: &str, original: Vec<u8>, options: ImportOptions, questionnaire: Questionnaire) -> Work {
        Work {
            version: WORK_FORMAT_VERSION,
            file_name: file_name.to_string(),
            original,
            options,
            questionnaire,
            drafts: Vec::new(),
            reviews: Vec::new(),
            crosswalk: None,
            pack: None,
            replace_all: false,
        }
    }

    /// Which questions the loaded crosswalk maps (by question id, its CCM control id, or a
    /// reference column), one flag per question.
    pub fn crosswalk_mapped(&self) -> Vec<bool> {
        let Some(cw) = &self.crosswalk else { return vec![false; self.questionnaire.questions.len()] };
        self.questionnaire.questions.iter().map(|q| cw.maps(&q.id, &q.refs)).collect()
    }

    /// Drops the drafts so that drafting starts again (a new crosswalk, a new posture). The
    /// reviewer's edits are kept; an approval stands only where the reviewer wrote both the
    /// answer and the text (otherwise it approved a draft that is being replaced).
    pub fn redraft(&mut self) {
        self.drafts.clear();
        for r in &mut self.reviews {
            r.approved &= r.answer.is_some() && r.text.is_some();
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads saved work of this or any older format version.
    pub fn from_json(text: &str) -> Result<Work, WorkError> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| WorkError::Corrupt(e.to_string()))?;
        let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0) as u32;
        if version > WORK_FORMAT_VERSION {
            return Err(WorkError::TooNew { found: version });
        }
        let mut work: Work = serde_json::from_value(value).map_err(|e| WorkError::Corrupt(e.to_string()))?;
        if version < 2 {
            // Version 1 kept a sheet's questions only when it took it as a questionnaire.
            for sheet in &mut work.questionnaire.sheets {
                if sheet.questions > 0 {
                    sheet.kind = crate::questionnaire::SheetKind::Questionnaire;
                    sheet.header_rows = sheet.header_row.into_iter().collect();
                }
            }
        }
        work.version = WORK_FORMAT_VERSION;
        work.reviews.resize(
            work.drafts.len().max(work.reviews.len().min(work.questionnaire.questions.len())),
            Review::default(),
        );
        Ok(work)
    }

    /// Adds drafts (as drafting progresses).
    pub fn push_drafts(&mut self, drafts: Vec<Draft>) {
        self.drafts.extend(drafts);
        if self.reviews.len() < self.drafts.len() {
            self.reviews.resize(self.drafts.len(), Review::default());
        }
    }

    pub fn is_drafted(&self) -> bool {
        self.drafts.len() >= self.questionnaire.questions.len()
    }

    /// The answer that goes out for draft `i`: the review's edits over the draft. It is written
    /// when the draft is an assertion or a person approved or edited it; a suggestion nobody
    /// approved is held back ([`export::Basis`]).
    pub fn final_answer(&self, i: usize) -> FinalAnswer {
        let d = &self.drafts[i];
        let r = self.reviews.get(i).cloned().unwrap_or_default();
        let basis = if r.approved || r.is_edited() { export::Basis::Approved } else { export::Basis::of(d) };
        let answer = r.answer.unwrap_or(d.answer);
        let choice = match (&r.choice, r.answer) {
            (Some(c), _) => Some(c.clone()),
            (None, Some(a)) => self
                .questionnaire
                .questions
                .get(i)
                .and_then(|q| q.choices.as_deref())
                .and_then(|c| crate::model::choose(a, c)),
            (None, None) => d.choice.clone(),
        };
        FinalAnswer {
            id: d.id.clone(),
            answer,
            choice,
            text: r.text.unwrap_or_else(|| d.text.clone()),
            citations: d.citations.clone(),
            basis,
        }
    }

    pub fn final_answers(&self) -> Vec<FinalAnswer> {
        (0..self.drafts.len()).map(|i| self.final_answer(i)).collect()
    }

    /// What an export would write into the original file, decided against the file itself.
    #[cfg(feature = "files")]
    pub fn plan(&self) -> Result<export::Plan, export::ExportError> {
        if self.original.is_empty() {
            return Err(export::ExportError::Original {
                file: self.file_name.clone(),
                reason: "this work was opened from an answer pack, which holds no workbook; export CSV or JSON instead"
                    .into(),
            });
        }
        export::plan(&self.file_name, &self.original, &self.questionnaire, &self.final_answers(), &self.replace())
    }

    /// Which earlier answers the user chose to replace.
    pub fn replace(&self) -> export::Replace {
        export::Replace {
            all: self.replace_all,
            ids: self
                .reviews
                .iter()
                .zip(&self.questionnaire.questions)
                .filter(|(r, _)| r.replace)
                .map(|(_, q)| q.id.clone())
                .collect(),
        }
    }

    /// The file name of the answered export: `NAME-answered.xlsx`.
    pub fn answered_name(&self, extension: &str) -> String {
        let stem = match self.file_name.rsplit_once('.') {
            Some((stem, _)) if !stem.is_empty() => stem,
            _ => self.file_name.as_str(),
        };
        format!("{stem}-answered.{extension}")
    }

    /// The original workbook (or CSV) with the answers written in, checked against the
    /// original after writing: a file that fails the check is refused, never handed over.
    #[cfg(feature = "files")]
    pub fn export_original(&self) -> Result<Exported, export::ExportError> {
        self.write_planned(self.plan()?)
    }

    /// The original file written from `plan`, made by [`Work::plan`] from this very work (as
    /// shown to the user before writing), and checked against the original after writing.
    #[cfg(feature = "files")]
    pub fn write_planned(&self, plan: export::Plan) -> Result<Exported, export::ExportError> {
        let is_xlsx = crate::magic::is_zip(&self.original) && !self.file_name.to_lowercase().ends_with(".ods");
        if is_xlsx {
            let bytes = export::export_xlsx(&self.file_name, &self.original, &plan.writes)?;
            let verified = export::verify_xlsx(&self.file_name, &self.original, &bytes, &plan.writes)?;
            Ok(Exported { name: self.answered_name("xlsx"), bytes, summary: plan.summary, verified: Some(verified) })
        } else if self.questionnaire.format == crate::questionnaire::Format::Generic
            && crate::magic::magic(&self.original) != Some(crate::magic::Magic::Ole)
        {
            let bytes = export::export_csv_original(&self.original, &plan.writes).into_bytes();
            Ok(Exported { name: self.answered_name("csv"), bytes, summary: plan.summary, verified: None })
        } else {
            Err(export::ExportError::Original {
                file: self.file_name.clone(),
                reason: "only .xlsx and .csv questionnaires can be written back; export CSV or JSON instead".into(),
            })
        }
    }

    /// The drafts with the reviews applied, for the CSV and JSON exports.
    pub fn reviewed_drafts(&self) -> Vec<Draft> {
        (0..self.drafts.len())
            .map(|i| {
                let f = self.final_answer(i);
                Draft { answer: f.answer, choice: f.choice, text: f.text, ..self.drafts[i].clone() }
            })
            .collect()
    }

    /// How many drafts are approved, and how many are left.
    pub fn counts(&self) -> (usize, usize) {
        let approved = self.reviews.iter().filter(|r| r.approved).count();
        (approved, self.questionnaire.questions.len() - approved)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Answer;
    use crate::questionnaire;

    fn work() -> Work {
        let bytes = b"id,question\nQ1,Is data encrypted at rest?\nQ2,Do you have CCTV?\n".to_vec();
        let q = questionnaire::import("q.csv", &bytes).unwrap();
        let engine = crate::Engine::embedded_default().unwrap();
        let drafts = engine.draft_questionnaire(&q, None);
        let mut w = Work::new("q.csv", bytes, ImportOptions::default(), q);
        w.push_drafts(drafts);
        w
    }

    #[test]
    fn saved_work_round_trips() {
        let mut w = work();
        w.reviews[1] =
            Review { answer: Some(Answer::No), text: Some("No cameras.".into()), approved: true, ..Review::default() };
        let back = Work::from_json(&w.to_json()).unwrap();
        assert_eq!(back, w);
        assert_eq!(back.final_answer(1).text, "No cameras.");
        assert_eq!(back.counts(), (1, 1));
    }

    #[test]
    fn newer_and_broken_saves_are_refused_with_a_reason() {
        let mut v: serde_json::Value = serde_json::from_str(&work().to_json()).unwrap();
        v["version"] = serde_json::json!(99);
        assert_eq!(
            Work::from_json(&v.to_string()).unwrap_err().to_string(),
            "saved work is from a newer trustdraft (format 99, this one reads up to 2)"
        );
        assert!(Work::from_json("{not json").unwrap_err().to_string().starts_with("saved work is not readable: "));
    }

    #[test]
    fn a_suggestion_is_not_exported_until_a_person_approves_it() {
        let mut w = work();
        assert!(w.drafts[0].is_assertion(), "{:?}", w.drafts[0]);
        let plan = w.plan().unwrap();
        assert_eq!((plan.summary.answered, plan.summary.assertions, plan.summary.suggestions), (1, 1, 0));
        // The same draft read as a suggestion: the engine's best reading, not confirmed.
        w.drafts[0].stated_band = Some(crate::model::Band::Medium);
        assert!(!w.drafts[0].is_assertion());
        let plan = w.plan().unwrap();
        // Nothing on its row (a CSV with no answer column still gets the new column's title).
        assert!(plan.writes.iter().all(|c| c.cell.row == 0), "{:?}", plan.writes);
        assert_eq!((plan.summary.answered, plan.summary.suggestions, plan.summary.left_blank), (0, 1, 1));
        assert!(plan.summary.sentence().contains("1 suggestion left for your review, not written until approved"));
        // Approved, or edited, it goes out as a person's answer.
        w.reviews[0].approved = true;
        let plan = w.plan().unwrap();
        assert_eq!((plan.summary.answered, plan.summary.approved, plan.summary.suggestions), (1, 1, 0));
        assert!(plan.writes.iter().any(|c| c.value.starts_with(&w.drafts[0].text)));
        w.reviews[0] = Review { answer: Some(Answer::Partial), ..Review::default() };
        assert_eq!(w.plan().unwrap().summary.approved, 1);
    }

    #[test]
    fn the_export_name_says_answered() {
        let w = work();
        assert_eq!(w.answered_name("csv"), "q-answered.csv");
        let exported = w.export_original().unwrap();
        assert_eq!(exported.name, "q-answered.csv");
        assert!(String::from_utf8(exported.bytes).unwrap().starts_with("id,question,Answer,Comments\n"));
    }
}
