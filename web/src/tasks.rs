//! Long work done outside the reducer: reading a dropped file, drafting in slices that keep
//! the page responsive, saving and restoring the user's work, exports.

use std::cell::Cell;
use std::rc::Rc;

use trustdraft_core::identify::{self, FileKind, Place};
use trustdraft_core::library::Library;
use trustdraft_core::pack::AnswerPack;
use trustdraft_core::questionnaire::{self, ImportOptions};
use trustdraft_core::workspace::Work;
use trustdraft_core::Engine;
use wasm_bindgen::JsCast;
use yew::UseReducerDispatcher;

use crate::embed::now_ms;
use crate::state::{Action, Notice, State};

/// How long one slice of drafting may hold the page before it yields (ms).
const SLICE_MS: f64 = 12.0;

/// Yields to the page until it has painted (what was just rendered is seen, and input waiting
/// is handled) before more long work: after the next animation frame, or at most 100 ms (a
/// hidden tab paints no frames).
pub async fn yield_to_page() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let window = gloo::utils::window();
        let after_frame = resolve.clone();
        let next_task = wasm_bindgen::closure::Closure::once_into_js(move || {
            let _ = gloo::utils::window().set_timeout_with_callback(after_frame.unchecked_ref());
        });
        let _ = window.request_animation_frame(next_task.unchecked_ref());
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(resolve.unchecked_ref(), 100);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn error(text: String) -> Action {
    Action::Notify(Notice { error: true, text })
}

/// Imports `bytes` as the questionnaire `name`; on failure says so and leaves the work as it is.
pub fn import(name: &str, bytes: Vec<u8>, options: ImportOptions, dispatch: &UseReducerDispatcher<State>) {
    import_into(name, bytes, options, false, dispatch);
}

/// [`import`]; with `keep_work`, a file in which no question is found does not replace the
/// work (there is nothing to answer in it) and is refused with the importer's note.
fn import_into(
    name: &str,
    bytes: Vec<u8>,
    options: ImportOptions,
    keep_work: bool,
    dispatch: &UseReducerDispatcher<State>,
) {
    match questionnaire::import_with(name, &bytes, &options) {
        Ok(q) if keep_work && q.questions.is_empty() => {
            let why = q.notes.first().cloned().unwrap_or_else(|| format!("{name}: no questions found"));
            dispatch.dispatch(error(format!("{why}. Your current work is unchanged.")));
        }
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

/// What the Questionnaire page does with a file it was given.
pub struct Opening {
    pub dispatch: UseReducerDispatcher<State>,
    /// Opens an answer pack (its posture replaces the current one, its answers become the work).
    pub on_pack: yew::Callback<(String, AnswerPack)>,
    /// Whether there is work a new questionnaire would replace (then the user confirms first).
    pub has_work: bool,
    /// The drafting run, stopped only once a questionnaire really replaces the work.
    pub run: Rc<Cell<u32>>,
}

/// Reads a picked or dropped file and says what it is before anything changes: an answer pack
/// is opened, a questionnaire imported (after the user confirms replacing the work); anything
/// else — a library, a posture page, JSON of another kind — is refused by name, the work as it was.
pub fn read_and_import(file: web_sys::File, opening: Opening) {
    wasm_bindgen_futures::spawn_local(async move {
        let Opening { dispatch, on_pack, has_work, run } = opening;
        let Some((name, bytes)) = read_bytes(file, &dispatch).await else { return };
        match identify::accept(Place::Questionnaire, &name, &bytes) {
            Err(e) => dispatch.dispatch(error(format!("{e}. Your current work is unchanged."))),
            Ok(FileKind::AnswerPack) => match AnswerPack::from_json(&name, &bytes) {
                Ok(pack) => on_pack.emit((name, pack)),
                Err(e) => dispatch.dispatch(error(format!("{e}. Your current work is unchanged."))),
            },
            Ok(_) => {
                if has_work
                    && !gloo::dialogs::confirm(&format!(
                        "Open {name} in place of the current questionnaire? Its drafts and edits will be replaced (export them first if you need them)."
                    ))
                {
                    return;
                }
                run.set(run.get().wrapping_add(1));
                import_into(&name, bytes, ImportOptions::default(), has_work, &dispatch);
            }
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
            let from = next;
            let mut slice = Vec::new();
            while next < questions.len() && (slice.is_empty() || now_ms() - start < SLICE_MS) {
                slice.push(engine.draft_with_library(&questions[next], crosswalk, Some(&index)));
                next += 1;
            }
            dispatch.dispatch(Action::DraftsAdded(from, slice));
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
