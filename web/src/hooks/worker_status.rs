//! What the file module is doing (loading, or a job's step), for the status line.

use yew::prelude::*;

use crate::services::worker;

/// The file module's status: `Some(text)` while it loads or a job runs.
#[hook]
pub fn use_worker_status() -> Option<String> {
    let progress = use_state(|| None::<String>);
    {
        let progress = progress.clone();
        use_effect_with((), move |_| worker::on_status(Callback::from(move |s| progress.set(s))));
    }
    (*progress).clone()
}
