//! Start-up: the saved library and work restored (with the changes a tab journaled as it
//! closed, if its last save did not finish), drafting resumed, and `persist` told what is
//! stored, so that it saves from there on.

use std::rc::Rc;

use trustdraft_core::Library;
use trustdraft_core::Work;
use yew::UseReducerDispatcher;

use crate::services::drafting::{draft_rest, DraftRun};
use crate::services::engine::{checked, Loaded};
use crate::services::persist::Persist;
use crate::services::storage::{self, LoadError};
use crate::state::{Action, Notice, State};

fn notify(dispatch: &UseReducerDispatcher<State>, text: String) {
    dispatch.dispatch(Action::Notify(Notice { error: true, text }));
}

/// Restores the saved library and work, resumes drafting, and lets `persist` save from there on.
pub async fn restore(loaded: Loaded, dispatch: UseReducerDispatcher<State>, persist: Rc<Persist>, run: DraftRun) {
    storage::ask_persistent().await;
    let Some((library, library_rev)) = saved_library(storage::load_library().await, &dispatch) else { return };
    // Read once: what it restores is this tab's unsaved change now, journaled again if this tab
    // too is left before it is saved.
    let journal = storage::read_journal();
    let library = Rc::new(library);
    let shown = journal.as_ref().and_then(|j| j.apply_library(&library)).unwrap_or_else(|| (*library).clone());
    dispatch.dispatch(Action::LibraryLoaded(shown));
    let Some((stored, rev)) = saved_work(storage::load_work().await, &dispatch) else { return };
    storage::clear_journal();
    let stored = stored.map(Rc::new);
    let replayed = match (&stored, &journal) {
        (Some(w), Some(j)) => j.apply(w, &rev),
        _ => None,
    };
    persist.restored((stored.clone(), rev), (library.clone(), library_rev));
    let Some(work) = replayed.or_else(|| stored.as_deref().cloned()) else { return };
    // A pack's work is checked against its pages first; drafting resumes where it stopped.
    let work = Rc::new(checked(work, &loaded).await);
    let resume = !work.drafts.is_empty() && !work.is_drafted();
    dispatch.dispatch(Action::Load(work.clone()));
    if let (true, Ok(engine)) = (resume, loaded.engine) {
        draft_rest(engine.0.clone(), work, library, dispatch.clone(), run);
    }
}

/// The saved library (as the store answered) and its revision; a library that cannot be read is said and left in place
/// (an empty one is shown). `None`: the store itself failed, and nothing is restored.
fn saved_library(
    loaded: Result<(Option<String>, String), String>,
    dispatch: &UseReducerDispatcher<State>,
) -> Option<(Library, String)> {
    match loaded {
        Ok((Some(text), rev)) => match Library::from_json("the saved answer library", &text) {
            Ok(l) => Some((l, rev)),
            Err(e) => {
                notify(
                    dispatch,
                    format!("{e}. It is left in place until you approve an answer, which starts a new library."),
                );
                Some((Library::default(), rev))
            }
        },
        Ok((None, rev)) => Some((Library::default(), rev)),
        Err(e) => {
            notify(dispatch, LoadError::Storage(e).restore_message());
            None
        }
    }
}

/// The saved work (as the store answered), if any, and its revision; work that cannot be used is said and left in
/// place: nothing is written over it until the user opens or starts something. `None`: the
/// store itself failed.
fn saved_work(
    loaded: Result<(Option<Work>, String), LoadError>,
    dispatch: &UseReducerDispatcher<State>,
) -> Option<(Option<Work>, String)> {
    match loaded {
        Ok(found) => Some(found),
        Err(LoadError::Work(e, rev)) => {
            notify(dispatch, LoadError::Work(e, String::new()).restore_message());
            Some((None, rev))
        }
        Err(e) => {
            notify(dispatch, e.restore_message());
            None
        }
    }
}
