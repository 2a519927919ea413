//! The JavaScript entry a trust page calls: `ask(question)` gives the draft as a JS object,
//! computed by the same engine as the app.
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
    /// The embedded default's engine, built on first use.
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

/// The embedded default's engine, built on first use.
pub fn default_engine() -> Result<(Rc<Engine>, f64), String> {
    DEFAULT.with(|cell| {
        cell.borrow_mut()
            .get_or_insert_with(|| {
                let start = now_ms();
                open_default()
                    .map(|e| (Rc::new(e), now_ms() - start))
                    .map_err(|e| format!("the posture could not be indexed: {e}"))
            })
            .clone()
    })
}

/// The default posture's engine, prebuilt at compile time (see `build.rs`) when the build has
/// one; otherwise, or if it cannot be opened, built here from the embedded pages.
fn open_default() -> Result<Engine, trustdraft_core::search::SearchError> {
    const SNAPSHOT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/default.snapshot"));
    if !SNAPSHOT.is_empty() {
        match Engine::from_snapshot(SNAPSHOT) {
            Ok(engine) => return Ok(engine),
            Err(e) => web_sys::console::warn_1(
                &format!("trustdraft: the prebuilt index could not be opened ({e}); building it").into(),
            ),
        }
    }
    Engine::embedded_default()
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

/// Imports a questionnaire file's bytes and drafts every question — the app's path for a
/// dropped workbook, which keeps the drafts in wasm memory — and returns how many drafts of
/// each answer it made: `{ drafted, yes, no, partial, "not-applicable", "needs-review" }`.
/// Used by the benchmark; `ask` gives one full draft.
#[wasm_bindgen(js_name = draftQuestionnaire)]
pub fn draft_questionnaire(name: &str, bytes: &[u8]) -> Result<JsValue, JsValue> {
    let (engine, _) = engine().map_err(|e| JsValue::from_str(&e))?;
    let q = trustdraft_core::questionnaire::import(name, bytes).map_err(|e| JsValue::from_str(&e.to_string()))?;
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
    to_js(&engine.posture.rows)
}

/// The ISO catalog entries (id, kind, title).
#[wasm_bindgen]
pub fn catalog() -> Result<JsValue, JsValue> {
    let (engine, _) = engine().map_err(|e| JsValue::from_str(&e))?;
    to_js(&engine.catalog.entries)
}

/// How long each part of building the engine takes here, in ms (a fresh build, not the shared
/// engine): `{ posture, catalog, index, prepared, total }`, and `snapshot`: opening the default's
/// engine as the page does at start-up (from the prebuilt snapshot when the build has one). Used by the benchmark.
#[wasm_bindgen(js_name = profileBuild)]
pub fn profile_build() -> Result<JsValue, JsValue> {
    let t0 = now_ms();
    let posture = trustdraft_core::Posture::embedded_default();
    let t1 = now_ms();
    let catalog = trustdraft_core::Catalog::embedded();
    let t2 = now_ms();
    let _index =
        trustdraft_core::SearchIndex::build(&posture, &catalog).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let t3 = now_ms();
    let _prepared = trustdraft_core::draft::Prepared::new(&posture, &mut trustdraft_core::search::analyzer());
    let t4 = now_ms();
    let _opened = open_default();
    let t5 = now_ms();
    let mut out = std::collections::BTreeMap::new();
    out.insert("snapshot", t5 - t4);
    out.insert("posture", t1 - t0);
    out.insert("catalog", t2 - t1);
    out.insert("index", t3 - t2);
    out.insert("prepared", t4 - t3);
    out.insert("total", t4 - t0);
    to_js(&out)
}
