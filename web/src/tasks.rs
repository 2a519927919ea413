//! Long work done outside the reducer: reading a dropped file, drafting in slices that keep
//! the page responsive, saving and restoring the user's work, exports.

use std::cell::Cell;
use std::rc::Rc;

use trustdraft_core::library::Library;
use trustdraft_core::pack::AnswerPack;
use trustdraft_core::questionnaire::{self, ImportOptions};
use trustdraft_core::workspace::Work;
use trustdraft_core::Engine;
use yew::UseReducerDispatcher;

use crate::embed::now_ms;
use crate::state::{Action, Notice, State};

/// How long one slice of drafting may hold the page before it yields (ms).
const SLICE_MS: f64 = 12.0;

fn error(text: String) -> Action {
    Action::Notify(Notice { error: true, text })
}

/// Imports `bytes` as the questionnaire `name`; on failure says so and leaves the work as it is.
pub fn import(name: &str, bytes: Vec<u8>, options: ImportOptions, dispatch: &UseReducerDispatcher<State>) {
    match questionnaire::import_with(name, &bytes, &options) {
        Ok(q) => {
            let notes = q.notes.clone();
            dispatch.dispatch(Action::Load(Rc::new(Work::new(name, bytes, options, q))));
            match notes.first() {
                Some(note) => dispatch.dispatch(error(note.clone())),
                None => dispatch.dispatch(Action::Dismiss),
            }
        }
        Err(e) => dispatch.dispatch(error(format!("{e}. Your current work is unchanged."))),
    }
}

/// Reads a picked or dropped file's bytes; says so when the browser cannot.
pub async fn read_bytes(file: web_sys::File, dispatch: &UseReducerDispatcher<State>) -> Option<(String, Vec<u8>)> {
    let name = file.name();
    let blob = gloo::file::Blob::from(file);
    match gloo::file::futures::read_as_bytes(&blob).await {
        Ok(bytes) => Some((name, bytes)),
        Err(e) => {
            dispatch.dispatch(error(format!("{name}: the browser could not read the file ({e})")));
            None
        }
    }
}

/// Reads a picked or dropped file, then imports it — or, when it is an answer pack, opens the
/// pack: its posture replaces the current one and its answers become the work.
pub fn read_and_import(
    file: web_sys::File,
    dispatch: UseReducerDispatcher<State>,
    on_pack: yew::Callback<(String, AnswerPack)>,
) {
    wasm_bindgen_futures::spawn_local(async move {
        let Some((name, bytes)) = read_bytes(file, &dispatch).await else { return };
        if trustdraft_core::pack::is_pack(&bytes) {
            match AnswerPack::from_json(&name, &bytes) {
                Ok(pack) => on_pack.emit((name, pack)),
                Err(e) => dispatch.dispatch(error(format!("{e}. Your current work is unchanged."))),
            }
        } else {
            import(&name, bytes, ImportOptions::default(), &dispatch);
        }
    });
}

/// Offers the approved answers and the posture as an answer pack.
pub fn export_pack(
    work: &Work,
    source: &crate::posture::PostureSource,
    vendor: &str,
    today: &str,
    dispatch: &UseReducerDispatcher<State>,
) {
    let pack = AnswerPack::from_work(work, source.files.clone(), vendor, today);
    if pack.answers.is_empty() {
        dispatch.dispatch(error("An answer pack holds approved answers: approve some first.".into()));
        return;
    }
    let stem = work.answered_name("x");
    let name = format!("{}.trustdraft-pack.json", stem.trim_end_matches("-answered.x"));
    match crate::download::offer(&name, "application/json", pack.to_json().as_bytes()) {
        Ok(()) => dispatch.dispatch(Action::Notify(Notice {
            error: false,
            text: format!(
                "Exported {name}: {} approved answers and the posture they cite ({} pages).",
                pack.answers.len(),
                pack.posture.len()
            ),
        })),
        Err(e) => dispatch.dispatch(error(e)),
    }
}

/// Drafts the questions of `work` not yet drafted, a slice at a time, yielding to the page
/// between slices. Stops when `run` no longer holds `token` (start over, a new file).
/// Each question is first looked up in the answer `library`.
pub fn draft_rest(
    engine: Rc<Engine>,
    work: Rc<Work>,
    library: Rc<Library>,
    dispatch: UseReducerDispatcher<State>,
    run: Rc<Cell<u32>>,
) {
    let token = run.get().wrapping_add(1);
    run.set(token);
    dispatch.dispatch(Action::DraftingStarted);
    wasm_bindgen_futures::spawn_local(async move {
        let questions = &work.questionnaire.questions;
        let index = engine.library_index(&library);
        let crosswalk = work.crosswalk.as_ref();
        let mut next = work.drafts.len();
        while next < questions.len() {
            if run.get() != token {
                return;
            }
            let start = now_ms();
            let mut slice = Vec::new();
            while next < questions.len() && (slice.is_empty() || now_ms() - start < SLICE_MS) {
                slice.push(engine.draft_with_library(&questions[next], crosswalk, Some(&index)));
                next += 1;
            }
            dispatch.dispatch(Action::DraftsAdded(slice));
            gloo::timers::future::TimeoutFuture::new(0).await;
        }
        if run.get() == token {
            dispatch.dispatch(Action::DraftingFinished);
        }
    });
}

/// Offers the answered original workbook (or CSV) as a download, once it has passed its check
/// against the original; says what was written and what the check found.
pub fn export_original(work: &Work, dispatch: &UseReducerDispatcher<State>) {
    let result = work.export_original().map_err(|e| e.to_string()).and_then(|exported| {
        let mime = if exported.name.ends_with(".csv") {
            "text/csv"
        } else {
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        };
        crate::download::offer(&exported.name, mime, &exported.bytes).map(|_| exported)
    });
    match result {
        Ok(e) => {
            let check = e.verified.as_ref().map(|v| format!(" {}", v.sentence())).unwrap_or_default();
            dispatch.dispatch(Action::Notify(Notice {
                error: false,
                text: format!("Exported {}: {}{check}", e.name, e.summary.sentence()),
            }))
        }
        Err(e) => dispatch.dispatch(error(e)),
    }
}

/// Offers the reviewed drafts as CSV or JSON.
pub fn export_drafts(work: &Work, json: bool, dispatch: &UseReducerDispatcher<State>) {
    let drafts = work.reviewed_drafts();
    let (name, mime, text) = if json {
        (work.answered_name("json"), "application/json", trustdraft_core::export::drafts_json(&drafts))
    } else {
        (
            format!("{}-drafts.csv", work.answered_name("x").trim_end_matches("-answered.x")),
            "text/csv",
            trustdraft_core::export::drafts_csv(&drafts),
        )
    };
    match crate::download::offer(&name, mime, text.as_bytes()) {
        Ok(()) => dispatch.dispatch(Action::Notify(Notice { error: false, text: format!("Exported {name}.") })),
        Err(e) => dispatch.dispatch(error(e)),
    }
}
