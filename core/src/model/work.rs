//! What a reviewer did to one draft (`Review`): the part of saved work that library, pack and
//! export read besides the drafts. The saved work itself (`Work`) is `workspace`'s.

use serde::{Deserialize, Serialize};

use super::answer::Answer;

/// What the reviewer did to one draft.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Review {
    /// The answer chosen instead of the draft's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<Answer>,
    /// The dropdown value chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub choice: Option<String>,
    /// The text written instead of the draft's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    #[serde(default)]
    pub approved: bool,
    /// Replace the answer the workbook already holds for this question.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub replace: bool,
}

impl Review {
    pub fn is_edited(&self) -> bool {
        self.answer.is_some() || self.choice.is_some() || self.text.is_some()
    }
}
