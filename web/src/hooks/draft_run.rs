//! The drafting run, made once and shared by the app (which resumes and redrafts) and the
//! Questionnaire page (which starts and stops drafting).

use yew::prelude::*;

use crate::services::drafting::DraftRun;

#[hook]
pub fn use_draft_run() -> DraftRun {
    (*use_memo((), |_| DraftRun::default())).clone()
}
