//! The answer pack: one JSON file a vendor hands to a customer, holding the vendor's posture
//! pages, the answers the vendor approved, and the trustdraft version that made it. Opened in
//! the app (offline, nothing installed), it shows the answers with their citations, the
//! coverage of the vendor's posture, and answers further questions against it.
//!
//! The format is documented in `docs/ANSWER-PACK.md`. Packs of every older format version keep
//! opening; `tests/fixtures/packs/` holds one per version.

use serde::{Deserialize, Serialize};

use crate::answer::{Answer, Citation, Draft};
use crate::catalog::ControlId;
use crate::questionnaire::{Format, Question, Questionnaire};
use crate::workspace::{Review, Work};

/// The `format` field of every pack.
pub const PACK_FORMAT: &str = "trustdraft-answer-pack";
/// The version written by this build.
pub const PACK_FORMAT_VERSION: u32 = 1;
/// The version of trustdraft writing packs.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// A posture page as the vendor loaded it: the file name and its text (markdown, text or HTML).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PostureFile {
    pub name: String,
    pub text: String,
}

/// One approved answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackAnswer {
    #[serde(default)]
    pub sheet: String,
    pub id: String,
    pub question: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<String>,
    pub answer: Answer,
    /// The dropdown value written in the vendor's workbook, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice: Option<String>,
    pub text: String,
    #[serde(default)]
    pub citations: Vec<Citation>,
    #[serde(default)]
    pub controls: Vec<ControlId>,
}

/// An answer pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerPack {
    /// Always [`PACK_FORMAT`].
    pub format: String,
    pub version: u32,
    /// The trustdraft version that wrote it.
    pub app_version: String,
    /// When it was made: `2026-11-22`.
    pub created: String,
    /// Who answered: the title of the posture's first page unless the vendor named it.
    pub vendor: String,
    /// The questionnaire's file name.
    pub questionnaire: String,
    pub posture: Vec<PostureFile>,
    pub answers: Vec<PackAnswer>,
}

/// What the workspace remembers of a pack it was opened from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PackInfo {
    pub vendor: String,
    pub app_version: String,
    pub created: String,
    pub version: u32,
}

/// A file that is not a usable pack.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PackError {
    #[error("{file}: not a trustdraft answer pack ({reason})")]
    Unreadable { file: String, reason: String },
    #[error("{file}: the answer pack is from a newer trustdraft ({app}, pack format {found}; this one reads up to {PACK_FORMAT_VERSION}). Open it with trustdraft {app} or later.")]
    TooNew { file: String, found: u32, app: String },
    #[error("{file}: the answer pack holds no posture pages")]
    NoPosture { file: String },
}

/// Does this file look like an answer pack (a JSON object naming the pack format)?
pub fn is_pack(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(400)];
    let text = String::from_utf8_lossy(head);
    text.trim_start_matches('\u{feff}').trim_start().starts_with('{') && text.contains(PACK_FORMAT)
}

impl AnswerPack {
    /// The pack of `work`'s approved answers with the posture they rest on.
    pub fn from_work(work: &Work, posture: Vec<PostureFile>, vendor: &str, created: &str) -> AnswerPack {
        let answers = (0..work.drafts.len())
            .filter(|&i| work.reviews.get(i).is_some_and(|r| r.approved))
            .map(|i| {
                let f = work.final_answer(i);
                let q = &work.questionnaire.questions[i];
                PackAnswer {
                    sheet: q.sheet.clone(),
                    id: q.id.clone(),
                    question: q.text.clone(),
                    domain: q.domain.clone(),
                    answer: f.answer,
                    choice: f.choice,
                    text: f.text,
                    citations: f.citations,
                    controls: work.drafts[i].controls.clone(),
                }
            })
            .collect();
        AnswerPack {
            format: PACK_FORMAT.to_string(),
            version: PACK_FORMAT_VERSION,
            app_version: APP_VERSION.to_string(),
            created: created.to_string(),
            vendor: vendor.to_string(),
            questionnaire: work.file_name.clone(),
            posture,
            answers,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a pack of this or an older format version; `file` names it in errors.
    pub fn from_json(file: &str, bytes: &[u8]) -> Result<AnswerPack, PackError> {
        let unreadable = |reason: String| PackError::Unreadable { file: file.to_string(), reason };
        let text = std::str::from_utf8(bytes).map_err(|_| unreadable("the file is not UTF-8 text".into()))?;
        let value: serde_json::Value =
            serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| unreadable(e.to_string()))?;
        if value.get("format").and_then(|f| f.as_str()) != Some(PACK_FORMAT) {
            return Err(unreadable(format!("no `\"format\": \"{PACK_FORMAT}\"` field")));
        }
        let version =
            value.get("version").and_then(|v| v.as_u64()).ok_or_else(|| unreadable("no format version".into()))? as u32;
        if version > PACK_FORMAT_VERSION {
            let app = value.get("app_version").and_then(|v| v.as_str()).unwrap_or("a newer version").to_string();
            return Err(PackError::TooNew { file: file.to_string(), found: version, app });
        }
        // Version 1 is the first; migrations from older versions go here.
        let pack: AnswerPack = serde_json::from_value(value).map_err(|e| unreadable(e.to_string()))?;
        if pack.posture.is_empty() {
            return Err(PackError::NoPosture { file: file.to_string() });
        }
        Ok(pack)
    }

    /// The pack as work in the workspace: one question per answer, each approved. It has no
    /// original workbook, so it exports as CSV or JSON.
    pub fn to_work(&self, file: &str) -> Work {
        let questions: Vec<Question> = self
            .answers
            .iter()
            .enumerate()
            .map(|(n, a)| Question {
                id: a.id.clone(),
                text: a.question.clone(),
                sheet: a.sheet.clone(),
                row: n as u32,
                section: None,
                domain: a.domain.clone(),
                answer_cell: None,
                comment_cell: None,
                choices: None,
                refs: Vec::new(),
            })
            .collect();
        let questionnaire = Questionnaire {
            file: self.questionnaire.clone(),
            format: Format::Generic,
            sheets: Vec::new(),
            questions,
            notes: Vec::new(),
        };
        let mut work = Work::new(file, Vec::new(), Default::default(), questionnaire);
        work.drafts = self
            .answers
            .iter()
            .map(|a| Draft {
                id: a.id.clone(),
                question: a.question.clone(),
                answer: a.answer,
                confidence: 1.0,
                text: a.text.clone(),
                controls: a.controls.clone(),
                citations: a.citations.clone(),
                choice: a.choice.clone(),
                library: None,
                support: Default::default(),
            })
            .collect();
        work.reviews = vec![Review { approved: true, ..Review::default() }; work.drafts.len()];
        work.pack = Some(PackInfo {
            vendor: self.vendor.clone(),
            app_version: self.app_version.clone(),
            created: self.created.clone(),
            version: self.version,
        });
        work
    }

    /// The posture pages as `(name, text)` pairs, for [`crate::Posture::from_pages`].
    pub fn pages(&self) -> impl Iterator<Item = (&str, &str)> {
        self.posture.iter().map(|p| (p.name.as_str(), p.text.as_str()))
    }
}
