//! The URL fragment: the page shown, and on the Ask page the question (so that an answer can be
//! shared and survives a reload).

use gloo::events::EventListener;
use yew::prelude::*;

use crate::route::Route;
use crate::state::{Action, State};

fn current_hash() -> String {
    gloo::utils::window().location().hash().unwrap_or_default()
}

/// The state at start: the page and the question the URL names, today's date.
pub fn initial_state() -> State {
    let hash = current_hash();
    State {
        route: Route::from_hash(&hash),
        query: Route::query_from_hash(&hash).unwrap_or_default(),
        today: crate::posture::today(),
        ..State::default()
    }
}

/// Follows the fragment as it changes (links, back and forward).
#[hook]
pub fn use_hash_route(dispatch: UseReducerDispatcher<State>) {
    use_effect_with((), move |_| {
        let listener = EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
            let hash = current_hash();
            let route = Route::from_hash(&hash);
            dispatch.dispatch(Action::Navigate(route));
            // On the Ask page the URL is the question (none: an empty box).
            if route == Route::Ask {
                dispatch.dispatch(Action::SetQuery(Route::query_from_hash(&hash).unwrap_or_default()));
            }
        });
        move || drop(listener)
    });
}

/// The Ask box's callback: the question is set, and the URL carries it; typing replaces the
/// history entry rather than adding one per keystroke.
#[hook]
pub fn use_ask_query(dispatch: UseReducerDispatcher<State>) -> Callback<String> {
    Callback::from(move |q: String| {
        if let Ok(history) = gloo::utils::window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&Route::ask_hash(&q)));
        }
        dispatch.dispatch(Action::SetQuery(q));
    })
}
