//! The user's work and library: restored once the engine is open, then kept saved (see
//! `services::persist`); leaving saves at once, and another tab's save is merged in.

use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::services::drafting::DraftRun;
use crate::services::engine::Loaded;
use crate::services::persist::Persist;
use crate::services::restore::restore;
use crate::state::State;

/// Restores the saved work and library once the engine is open, then keeps them saved.
#[hook]
pub fn use_persistence(state: &UseReducerHandle<State>, loaded: &Option<Loaded>, run: &DraftRun) {
    let persist = {
        let dispatch = state.dispatcher();
        (*use_memo((), move |_| Persist::new(dispatch))).clone()
    };
    use_restore(state.dispatcher(), loaded.clone(), persist.clone(), run.clone());
    {
        let persist = persist.clone();
        let key =
            (state.work.as_ref().map(|w| Rc::as_ptr(w) as usize), Rc::as_ptr(&state.library) as usize, state.read_only);
        let (work, library, read_only) = (state.work.clone(), state.library.clone(), state.read_only);
        use_effect_with(key, move |_| persist.observe(work, library, read_only));
    }
    use_leaving(persist);
}

/// Restores once, as soon as the engine is open (a resumed draft needs it).
#[hook]
fn use_restore(dispatch: UseReducerDispatcher<State>, loaded: Option<Loaded>, persist: Rc<Persist>, run: DraftRun) {
    let restored = use_state(|| false);
    use_effect_with(loaded.as_ref().is_some_and(|l| l.engine.is_ok()), move |ready| {
        let Some(loaded) = loaded.filter(|_| *ready && !*restored) else { return };
        restored.set(true);
        wasm_bindgen_futures::spawn_local(restore(loaded, dispatch, persist, run));
    });
}

/// Leaving (another tab, the window closed, a reload) saves at once; another tab's save is
/// merged in here.
#[hook]
fn use_leaving(persist: Rc<Persist>) {
    use_effect_with((), move |_| {
        let document = gloo::utils::document();
        let on_hidden = {
            let persist = persist.clone();
            EventListener::new(&document, "visibilitychange", move |_| {
                if gloo::utils::document().visibility_state() == web_sys::VisibilityState::Hidden {
                    persist.leaving();
                }
            })
        };
        let on_pagehide = {
            let persist = persist.clone();
            EventListener::new(&gloo::utils::window(), "pagehide", move |_| persist.leaving())
        };
        let channel = web_sys::BroadcastChannel::new("trustdraft-work").ok();
        let on_message = channel.as_ref().map(|c| {
            EventListener::new(c, "message", move |e| {
                if let Some(text) = e.dyn_ref::<web_sys::MessageEvent>().and_then(|e| e.data().as_string()) {
                    persist.heard(&text);
                }
            })
        });
        move || {
            drop((on_hidden, on_pagehide, on_message));
            if let Some(c) = channel {
                c.close();
            }
        }
    });
}
