//! Drafting a questionnaire on the page, in 12 ms slices between which the page paints and
//! answers input (0.1–0.2 ms a question: moving it to the worker would copy the engine there
//! too). Slices are cut by time, not count, and a very long question is read only to
//! `limits::MAX_DRAFTED_CHARS`, so no one question holds the page long. A run stops as soon as
//! the work it drafts is replaced.

use std::cell::Cell;
use std::rc::Rc;

use trustdraft_core::Engine;
use trustdraft_core::Library;
use trustdraft_core::Work;
use yew::UseReducerDispatcher;

use crate::embed::now_ms;
use crate::state::{Action, State};

/// How long one slice of drafting may hold the page before it yields (ms).
const SLICE_MS: f64 = 12.0;

/// The drafting run under way, shared by the app and the Questionnaire page: starting a run,
/// or anything that replaces the work (start over, a new file, a pack, a crosswalk), stops the
/// one before. A handle: two are always equal as props.
#[derive(Clone, Default)]
pub struct DraftRun(Rc<Cell<u32>>);

impl PartialEq for DraftRun {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl DraftRun {
    /// Stops the run under way, if any.
    pub fn stop(&self) {
        self.0.set(self.0.get().wrapping_add(1));
    }

    /// Stops the run under way and names the new one.
    fn start(&self) -> u32 {
        self.stop();
        self.0.get()
    }

    fn is(&self, token: u32) -> bool {
        self.0.get() == token
    }
}

/// Drafts the questions of `work` not yet drafted, a slice at a time, yielding to the page
/// between slices; stops when another run starts or `run` is stopped. Each question is first
/// looked up in the answer `library`.
pub fn draft_rest(
    engine: Rc<Engine>,
    work: Rc<Work>,
    library: Rc<Library>,
    dispatch: UseReducerDispatcher<State>,
    run: DraftRun,
) {
    let token = run.start();
    dispatch.dispatch(Action::DraftingStarted);
    wasm_bindgen_futures::spawn_local(async move {
        let questions = &work.questionnaire.questions;
        let index = engine.library_index(&library);
        let crosswalk = work.crosswalk.as_ref();
        let mut next = work.drafts.len();
        while next < questions.len() {
            if !run.is(token) {
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
        if run.is(token) {
            dispatch.dispatch(Action::DraftingFinished);
        }
    });
}
