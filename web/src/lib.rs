//! trustdraft's browser app: a yew front-end over `trustdraft-core`, compiled to wasm32.
//!
//! The start function only mounts [`app::App`], which composes the `hooks` and gives the engine
//! to the `components` through a context; all state changes go through the reducer in
//! [`state`], which is pure and tested natively; what happens outside it (the file module's
//! worker, storage, drafting, exports) is in `services`. `embed` is the JS entry trust pages
//! call.

pub mod app;
pub mod components;
pub mod embed;
pub mod hooks;
pub mod kind;
pub mod posture;
pub mod route;
pub mod services;
pub mod state;

use wasm_bindgen::prelude::*;

/// Mounts the app on the page's `#app` element; a page without one (a trust page embedding
/// [`embed::ask`]) gets no app. The default posture's engine is opened first, unless the user's
/// own posture is saved: the app's first render then only lays out the page.
#[wasm_bindgen(start)]
pub fn start() {
    if let Some(root) = gloo::utils::document().get_element_by_id("app") {
        if !services::storage::has_saved_posture() {
            let _ = embed::default_engine();
        }
        yew::Renderer::<app::App>::with_root(root).render();
    }
}
