//! The engine in use: opened at start (the embedded default at once; a posture of the user's
//! read from storage first, so that the default's answers never show in its place), given to
//! every page through a context, and followed by the JS entry (`embed`).

use yew::prelude::*;

use crate::embed::now_ms;
use crate::posture::Origin;
pub use crate::services::engine::{EngineRef, Loaded};
use crate::services::{engine, storage};
use crate::state::State;

/// The engine the pages answer from, as `App` provides it.
///
/// Panics outside `App`'s provider: every page is rendered inside it, once the engine is open.
#[hook]
pub fn use_engine() -> EngineRef {
    use_context::<EngineRef>().expect("pages are rendered inside App's engine provider")
}

/// The engine in use (`None` while a saved posture is being read and built).
#[hook]
pub fn use_loaded(dispatch: UseReducerDispatcher<State>) -> UseStateHandle<Option<Loaded>> {
    let loaded = use_state(|| if storage::has_saved_posture() { None } else { engine::load_default() });
    {
        let setter = loaded.setter();
        let waiting = loaded.is_none();
        use_effect_with((), move |_| {
            if waiting && !storage::has_saved_posture() {
                wasm_bindgen_futures::spawn_local(async move { setter.set(Some(engine::default_loaded().await)) });
            } else if waiting {
                wasm_bindgen_futures::spawn_local(engine::restore_saved(setter, dispatch));
            }
        });
    }
    use_ready_marks(&loaded);
    use_entry_follows(&loaded);
    loaded
}

/// Marks the body once the engine is open (tests and the benchmark wait for it: the index is
/// built and the Ask box answers).
#[hook]
fn use_ready_marks(loaded: &Option<Loaded>) {
    let ready = loaded.as_ref().map(|l| (l.engine.is_ok(), l.build_ms));
    use_effect_with(ready.is_some(), move |_| {
        let Some((ok, build_ms)) = ready else { return };
        if let Some(body) = gloo::utils::document().body() {
            let _ = body.set_attribute("data-ready", if ok { "true" } else { "error" });
            let _ = body.set_attribute("data-ready-ms", &format!("{:.1}", now_ms()));
            let _ = body.set_attribute("data-index-ms", &format!("{build_ms:.1}"));
        }
    });
}

/// The JS entry (`ask`, `search`, …) answers from the engine the app shows: a loaded posture's
/// or a pack's, else the embedded default's.
#[hook]
fn use_entry_follows(loaded: &Option<Loaded>) {
    let in_use = loaded.as_ref().and_then(|l| {
        let engine = l.engine.as_ref().ok()?;
        Some((l.source.origin != Origin::Default).then(|| (engine.clone(), l.build_ms)))
    });
    use_effect_with(in_use.as_ref().map(|e| e.as_ref().map(|(engine, _)| engine.clone())), move |_| {
        if let Some(engine) = in_use {
            crate::embed::set_engine(engine.map(|(e, ms)| (e.0, ms)));
        }
    });
}
