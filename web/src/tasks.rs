//! Long work done outside the reducer: reading a dropped file and handing it to the second
//! module (which imports, identifies and writes files, in its worker), drafting in slices that
//! keep the page responsive, exports.

use std::cell::Cell;
use std::rc::Rc;

use trustdraft_core::jobs::{Reply, Request};
use trustdraft_core::library::Library;
use trustdraft_core::pack::PostureFile;
use trustdraft_core::posture::DEFAULT_FILES;
use trustdraft_core::questionnaire::ImportOptions;
use trustdraft_core::workspace::Work;
use trustdraft_core::Engine;
use wasm_bindgen::JsCast;
use yew::UseReducerDispatcher;

use crate::app::without_original;
use crate::embed::now_ms;
use crate::state::{Action, Notice, State};
use crate::worker::{self, Done};

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

/// Imports `bytes` as the questionnaire `name` (in the second module); on failure says so and
/// leaves the work as it is.
pub fn import(name: &str, bytes: Vec<u8>, options: ImportOptions, dispatch: &UseReducerDispatcher<State>) {
    let (name, dispatch) = (name.to_string(), dispatch.clone());
    wasm_bindgen_futures::spawn_local(async move {
        let request = Request::Import { name: name.clone(), options: options.clone() };
        let done = worker::run(&request, &bytes, &format!("Reading {name}…")).await;
        imported(&name, bytes, options, false, done.reply, &dispatch);
    });
}

/// What an import came to: the work replaced by the questionnaire, or the reason it was not.
/// With `keep_work`, a file in which no question is found does not replace the work (there is
/// nothing to answer in it) and is refused with the importer's note.
fn imported(
    name: &str,
    bytes: Vec<u8>,
    options: ImportOptions,
    keep_work: bool,
    reply: Reply,
    dispatch: &UseReducerDispatcher<State>,
) {
    match reply {
        Reply::Questionnaire { questionnaire: q } if keep_work && q.questions.is_empty() => {
            let why = q.notes.first().cloned().unwrap_or_else(|| format!("{name}: no questions found"));
            dispatch.dispatch(error(format!("{why}. Your current work is unchanged.")));
        }
        Reply::Questionnaire { questionnaire: q } => {
            let notes = q.notes.clone();
            dispatch.dispatch(Action::Load(Rc::new(Work::new(name, bytes, options, q))));
            match notes.first() {
                Some(note) => dispatch.dispatch(error(note.clone())),
                None => dispatch.dispatch(Action::Dismiss),
            }
        }
        other => dispatch.dispatch(error(format!("{}. Your current work is unchanged.", failure(other)))),
    }
}

/// An error reply's message (or, for a reply the page did not ask for, what it was).
pub fn failure(reply: Reply) -> String {
    match reply {
        Reply::Error { message } => message,
        other => format!("the file tools answered {other:?}"),
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
    /// Opens an answer pack: (file name, its posture pages, its answers as work). Its posture
    /// replaces the current one, its answers become the work.
    pub on_pack: yew::Callback<(String, Vec<PostureFile>, Work)>,
    /// Whether there is work a new questionnaire would replace (then the user confirms first).
    pub has_work: bool,
    /// The drafting run, stopped only once a questionnaire really replaces the work.
    pub run: Rc<Cell<u32>>,
}

/// Reads a picked or dropped file and says what it is before anything changes (the second
/// module identifies it and reads it): an answer pack is opened, a questionnaire imported (after
/// the user confirms replacing the work); anything else — a library, a posture page, JSON of
/// another kind — is refused by name, the work as it was.
pub fn read_and_import(file: web_sys::File, opening: Opening) {
    wasm_bindgen_futures::spawn_local(async move {
        let Opening { dispatch, on_pack, has_work, run } = opening;
        let Some((name, bytes)) = read_bytes(file, &dispatch).await else { return };
        let done = worker::run(&Request::Open { name: name.clone() }, &bytes, &format!("Reading {name}…")).await;
        match done.reply {
            Reply::Pack { posture, work } => on_pack.emit((name, posture, work)),
            reply @ Reply::Questionnaire { .. } => {
                if has_work
                    && !gloo::dialogs::confirm(&format!(
                        "Open {name} in place of the current questionnaire? Its drafts and edits will be replaced (export them first if you need them)."
                    ))
                {
                    return;
                }
                run.set(run.get().wrapping_add(1));
                imported(&name, bytes, ImportOptions::default(), has_work, reply, &dispatch);
            }
            other => dispatch.dispatch(error(format!("{}. Your current work is unchanged.", failure(other)))),
        }
    });
}

/// Offers what the second module wrote (a `Reply::File` and its bytes) as a download and says
/// what was written (`what` starts the message: "Exported NAME"), or why it was not.
fn offer(done: Done, dispatch: &UseReducerDispatcher<State>, what: impl FnOnce(&str) -> String) {
    match done.reply {
        Reply::File { name, mime, summary, verified } => match crate::download::offer(&name, &mime, &done.bytes) {
            Ok(()) => {
                let mut text = what(&name);
                if let Some(s) = summary {
                    text = format!("{text}: {}", s.sentence());
                }
                if let Some(v) = verified {
                    text = format!("{text} {v}");
                }
                dispatch.dispatch(Action::Notify(Notice { error: false, text }))
            }
            Err(e) => dispatch.dispatch(error(e)),
        },
        other => dispatch.dispatch(error(failure(other))),
    }
}

/// Offers the approved answers and the posture as an answer pack.
pub fn export_pack(
    work: &Work,
    source: &crate::posture::PostureSource,
    vendor: &str,
    today: &str,
    dispatch: &UseReducerDispatcher<State>,
) {
    let approved = work.reviews.iter().filter(|r| r.approved).count();
    let pages = if source.pages().is_some() { source.files.len() } else { DEFAULT_FILES.len() };
    let request = Request::Pack {
        work: without_original(work),
        posture: source.pages(),
        vendor: vendor.to_string(),
        today: today.to_string(),
    };
    let dispatch = dispatch.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let done = worker::run(&request, &[], "Writing the answer pack…").await;
        offer(done, &dispatch, |name| {
            format!("Exported {name}: {approved} approved answers and the posture they cite ({pages} pages).")
        });
    });
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
    let request = Request::Export { work: without_original(work) };
    let (original, dispatch) = (work.original.clone(), dispatch.clone());
    wasm_bindgen_futures::spawn_local(async move {
        let done = worker::run(&request, &original, "Writing the answered workbook…").await;
        offer(done, &dispatch, |name| format!("Exported {name}"));
    });
}

/// Shows what an export of `work` would write (worked out against its original file).
pub fn plan(work: &Work, dispatch: &UseReducerDispatcher<State>) {
    let request = Request::Plan { work: without_original(work) };
    let (original, dispatch) = (work.original.clone(), dispatch.clone());
    wasm_bindgen_futures::spawn_local(async move {
        match worker::run(&request, &original, "Working out what the export writes…").await.reply {
            Reply::Plan { summary } => dispatch.dispatch(Action::ExportPlanned(Some(summary))),
            other => dispatch.dispatch(error(failure(other))),
        }
    });
}

/// Offers the reviewed drafts as CSV or JSON.
pub fn export_drafts(work: &Work, json: bool, dispatch: &UseReducerDispatcher<State>) {
    let request = Request::Drafts { work: without_original(work), json };
    let dispatch = dispatch.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let done = worker::run(&request, &[], "Writing the drafts…").await;
        offer(done, &dispatch, |name| format!("Exported {name}."));
    });
}
