//! The app's effects as named hooks (yew's `function_todomvc` keeps its `hooks/` the same way):
//! each owns one concern of the root component, which only composes them.
//!
//! - `engine`: the engine in use (opened, built, restored), given to every page through a
//!   context ([`use_engine`]);
//! - `posture`: a change of posture (pages loaded, a pack opened, back to the default);
//! - `persistence`: the work and the library restored at start, then kept saved;
//! - `route`: the URL fragment followed, and the Ask question kept in it;
//! - `worker_status`: what the file module is doing, for the status line;
//! - `draft_run`: the drafting run shared by the app and the Questionnaire page.

mod draft_run;
mod engine;
mod persistence;
mod posture;
mod route;
mod worker_status;

pub use draft_run::use_draft_run;
pub use engine::{use_engine, use_loaded, EngineRef, Loaded};
pub use persistence::use_persistence;
pub use posture::use_posture_change;
pub use route::{initial_state, use_ask_query, use_hash_route};
pub use worker_status::use_worker_status;
