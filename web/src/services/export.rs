//! Exports, written by the file module and offered as downloads: the answered original workbook
//! (after the user has seen what it will write), the drafts as CSV or JSON, the answer pack, the
//! library.
//!
//! An export crosses to the worker once. The plan is made there with the work and its original
//! file, and the worker keeps them with the plan under a token this page names; "Write and
//! download" sends only the token, and the file is written from the plan that was shown. Should
//! the worker no longer keep it (it was restarted after a crash, or a later plan replaced it),
//! or the work have changed since (drafting went on), the work and its file are sent again and
//! planned and written in one job, as before.

use std::cell::Cell;
use std::rc::Rc;

use trustdraft_core::jobs::{Reply, Request};
use trustdraft_core::Library;
use trustdraft_core::Work;
use trustdraft_core::DEFAULT_FILES;
use yew::UseReducerDispatcher;

use crate::posture::PostureSource;
use crate::services::worker::{self, failure, without_original, Done};
use crate::state::{Action, Notice, Planned, State};

const WRITING: &str = "Writing the answered workbook…";

thread_local! {
    /// The last plan's token: each plan is kept under a new one, never reused by this page.
    static TOKENS: Cell<u64> = const { Cell::new(0) };
}

fn error(text: String) -> Action {
    Action::Notify(Notice { error: true, text })
}

fn notify(dispatch: &UseReducerDispatcher<State>, result: Result<String, String>) {
    let notice = match result {
        Ok(text) => Notice { error: false, text },
        Err(text) => Notice { error: true, text },
    };
    dispatch.dispatch(Action::Notify(notice));
}

/// Offers what the file module wrote (a `Reply::File` and its bytes) as a download and says
/// what was written (`what` starts the message: "Exported NAME"), or why it was not.
fn offer(done: Done, dispatch: &UseReducerDispatcher<State>, what: impl FnOnce(&str) -> String) {
    let result = match done.reply {
        Reply::File { name, mime, summary, verified } => crate::services::download::offer(&name, &mime, &done.bytes)
            .map(|()| {
                let mut text = what(&name);
                if let Some(s) = summary {
                    text = format!("{text}: {}", s.sentence());
                }
                if let Some(v) = verified {
                    text = format!("{text} {v}");
                }
                text
            }),
        other => Err(failure(other)),
    };
    notify(dispatch, result);
}

/// Shows what an export of `work` would write (worked out by the file module against its
/// original file, and kept there for the export).
pub fn plan(work: Rc<Work>, dispatch: &UseReducerDispatcher<State>) {
    let token = TOKENS.with(|t| {
        t.set(t.get() + 1);
        t.get()
    });
    let request = Request::Plan { work: without_original(&work), token };
    let dispatch = dispatch.clone();
    wasm_bindgen_futures::spawn_local(async move {
        match worker::run(&request, &work.original, "Working out what the export writes…").await.reply {
            Reply::Plan { summary } => {
                dispatch.dispatch(Action::ExportPlanned(Some(Planned { summary: Rc::new(summary), work, token })))
            }
            other => dispatch.dispatch(error(failure(other))),
        }
    });
}

/// Offers the answered original workbook (or CSV) as a download, once it has passed its check
/// against the original; says what was written and what the check found. Written from the plan
/// shown (`planned`) when it was made from this very work and the worker still keeps it.
pub fn write_original(work: Rc<Work>, planned: Option<Planned>, dispatch: &UseReducerDispatcher<State>) {
    let kept = planned.filter(|p| Rc::ptr_eq(&p.work, &work) || *p.work == *work).map(|p| p.token);
    let dispatch = dispatch.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let from_plan = match kept {
            Some(token) => Some(worker::run(&Request::Write { token }, &[], WRITING).await),
            None => None,
        };
        let done = match from_plan {
            Some(Done { reply: Reply::NotKept, .. }) | None => {
                let request = Request::Export { work: without_original(&work) };
                worker::run(&request, &work.original, WRITING).await
            }
            Some(done) => done,
        };
        offer(done, &dispatch, |name| format!("Exported {name}"));
    });
}

/// Offers the reviewed drafts as CSV or JSON.
pub fn drafts(work: &Work, json: bool, dispatch: &UseReducerDispatcher<State>) {
    let request = Request::Drafts { work: without_original(work), json };
    let dispatch = dispatch.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let done = worker::run(&request, &[], "Writing the drafts…").await;
        offer(done, &dispatch, |name| format!("Exported {name}."));
    });
}

/// Offers the approved answers and the posture as an answer pack.
pub fn pack(work: &Work, source: &PostureSource, vendor: &str, today: &str, dispatch: &UseReducerDispatcher<State>) {
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

/// Offers the library as CSV (written by the file module).
pub fn library_csv(library: &Library, dispatch: &UseReducerDispatcher<State>) {
    let request = Request::LibraryCsv { library: library.clone() };
    let dispatch = dispatch.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let done = worker::run(&request, &[], "Writing the library as CSV…").await;
        match done.reply {
            Reply::File { name, mime, .. } => {
                offer_text(&name, &mime, &String::from_utf8_lossy(&done.bytes), &dispatch)
            }
            other => dispatch.dispatch(error(failure(other))),
        }
    });
}

/// Offers the library as JSON (written here: it is the library's own saved form).
pub fn library_json(library: &Library, dispatch: &UseReducerDispatcher<State>) {
    offer_text("trustdraft-library.json", "application/json", &library.to_json(), dispatch);
}

fn offer_text(name: &str, mime: &str, text: &str, dispatch: &UseReducerDispatcher<State>) {
    notify(
        dispatch,
        crate::services::download::offer(name, mime, text.as_bytes()).map(|()| format!("Exported {name}.")),
    );
}
