//! A change of posture asked for by a page (pages loaded, a pack opened, back to the default),
//! carried through by `services::engine::change_posture`.

use yew::prelude::*;

use crate::posture::PostureChange;
use crate::services::drafting::DraftRun;
use crate::services::engine::{self, Change, Loaded};
use crate::state::State;

/// The callback the Posture and Questionnaire pages change the posture with; it redrafts the
/// work and library as they are when it is called.
#[hook]
pub fn use_posture_change(
    loaded: &UseStateHandle<Option<Loaded>>,
    state: &UseReducerHandle<State>,
    run: &DraftRun,
) -> Callback<PostureChange> {
    let to = Change {
        loaded: loaded.setter(),
        dispatch: state.dispatcher(),
        work: state.work.clone(),
        library: state.library.clone(),
        run: run.clone(),
    };
    Callback::from(move |change| wasm_bindgen_futures::spawn_local(engine::change_posture(change, to.clone())))
}
