//! The JavaScript entry a trust page calls: `ask(question)` gives the draft as a JS object,
//! computed by the same engine as the app. It loads only this module (the page's): no file
//! code is in it.
//!
//! ```js
//! import init, { ask } from './pkg/trustdraft_web.js';
//! await init();
//! const draft = ask('Are you ISO 27001 certified?');   // { answer: 'no', text, citations, … }
//! ```

use std::cell::RefCell;
use std::rc::Rc;

use trustdraft_core::Engine;
use wasm_bindgen::prelude::*;

/// An engine with the milliseconds it took to build or open.
type Timed = (Rc<Engine>, f64);

thread_local! {
    /// The embedded default's engine, opened on first use.
    static DEFAULT: RefCell<Option<Result<Timed, String>>> = const { RefCell::new(None) };
    /// Another posture's engine, when the app loaded one.
    static CURRENT: RefCell<Option<Timed>> = const { RefCell::new(None) };
}

/// Milliseconds since the page started (`performance.now()`).
pub fn now_ms() -> f64 {
    web_sys::window().and_then(|w| w.performance()).map(|p| p.now()).unwrap_or(0.0)
}

/// Makes `engine` (a posture the user loaded, or a pack's) the one the JS entries answer from;
/// `None` goes back to the embedded default.
pub fn set_engine(engine: Option<(Rc<Engine>, f64)>) {
    CURRENT.with(|cell| *cell.borrow_mut() = engine);
}

/// The engine in use: another posture's if the app set one with [`set_engine`], else the
/// embedded default's (with how long building it took, in ms).
pub fn engine() -> Result<(Rc<Engine>, f64), String> {
    match CURRENT.with(|cell| cell.borrow().clone()) {
        Some(current) => Ok(current),
        None => default_engine(),
    }
}

/// The embedded default's engine, opened from the prebuilt snapshot on first use.
pub fn default_engine() -> Result<(Rc<Engine>, f64), String> {
    DEFAULT.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(|| {
                let start = now_ms();
                open_default()
                    .map(|e| (Rc::new(e), now_ms() - start))
                    .map_err(|e| format!("the prebuilt posture could not be opened: {e}"))
            })
            .clone()
    })
}

/// The default posture's engine, prebuilt at compile time (see `build.rs`). A build without it
/// (native tests) or a snapshot that cannot be opened is an error here: the app then has the
/// second module build the engine from the pages (`services::engine::default_loaded`).
fn open_default() -> Result<Engine, String> {
    const SNAPSHOT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/default.snapshot"));
    if SNAPSHOT.is_empty() {
        return Err("this build holds no prebuilt index".into());
    }
    Engine::from_snapshot(SNAPSHOT).map_err(|e| {
        web_sys::console::warn_1(&format!("trustdraft: the prebuilt index could not be opened ({e})").into());
        e.to_string()
    })
}

/// Makes the engine opened from `snapshot` (built by the second module) the default's: the
/// prebuilt one could not be opened.
pub fn set_default(engine: Rc<Engine>, ms: f64) {
    DEFAULT.with(|cell| *cell.borrow_mut() = Some(Ok((engine, ms))));
}

fn to_js(value: &impl serde::Serialize) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| JsValue::from_str(&e.to_string()))?;
    js_sys::JSON::parse(&text)
}

/// Drafts an answer to `question` from the posture in use (the embedded one unless the app
/// loaded another): `{ id, question, answer,
/// confidence, text, controls, citations: [{ page, section, ref, status, evidence }] }`.
#[wasm_bindgen]
pub fn ask(question: &str) -> Result<JsValue, JsValue> {
    let (engine, _) = engine().map_err(|e| JsValue::from_str(&e))?;
    to_js(&engine.draft_text(question))
}

/// The matching rows, passages and evidence for `query`, best first.
#[wasm_bindgen]
pub fn search(query: &str, limit: usize) -> Result<JsValue, JsValue> {
    let (engine, _) = engine().map_err(|e| JsValue::from_str(&e))?;
    to_js(&engine.search(query, limit))
}

/// Drafts every question of a questionnaire imported by the second module (`questionnaire`:
/// its JSON) as the app does, and returns how many drafts of each answer it made: `{ drafted,
/// yes, no, partial, "not-applicable", "needs-review" }`. Used by the benchmark; `ask` gives one
/// full draft.
#[wasm_bindgen(js_name = draftQuestions)]
pub fn draft_questions(questionnaire: &str) -> Result<JsValue, JsValue> {
    let (engine, _) = engine().map_err(|e| JsValue::from_str(&e))?;
    let q: trustdraft_core::Questionnaire =
        serde_json::from_str(questionnaire).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let drafts = engine.draft_questionnaire(&q, None);
    let mut counts = std::collections::BTreeMap::new();
    counts.insert("drafted", drafts.len());
    for d in &drafts {
        *counts.entry(d.answer.as_str()).or_insert(0) += 1;
    }
    to_js(&counts)
}

/// The ISO controls a question's words map to, best first: `[{ control, score, source }]`.
#[wasm_bindgen(js_name = mapQuestion)]
pub fn map_question(text: &str, limit: usize) -> Result<JsValue, JsValue> {
    let (engine, _) = engine().map_err(|e| JsValue::from_str(&e))?;
    to_js(&engine.prepared().mapper().map_words(text, limit))
}

/// Every control row of the embedded posture (for comparisons and exports).
#[wasm_bindgen]
pub fn rows() -> Result<JsValue, JsValue> {
    let (engine, _) = engine().map_err(|e| JsValue::from_str(&e))?;
    to_js(&engine.posture().rows)
}

/// The ISO catalog entries (id, kind, title).
#[wasm_bindgen]
pub fn catalog() -> Result<JsValue, JsValue> {
    let (engine, _) = engine().map_err(|e| JsValue::from_str(&e))?;
    to_js(&engine.catalog().entries)
}

/// How long opening the default's prebuilt engine takes here, in ms (a fresh engine, not the
/// shared one), as the page does at start-up. Used by the benchmark.
#[wasm_bindgen(js_name = profileOpen)]
pub fn profile_open() -> Result<f64, JsValue> {
    let start = now_ms();
    open_default().map_err(|e| JsValue::from_str(&e))?;
    Ok(now_ms() - start)
}
