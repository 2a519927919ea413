//! trustdraft's second browser module, run in a Web Worker (`web/static/worker.js`): the file
//! work of [`trustdraft_core::jobs`] — questionnaire import and export, answer packs, libraries,
//! crosswalks, posture pages, indexing — away from the page, so that a big workbook or page never
//! holds it. Fetched on first use; the page never loads it to answer a question. Thin: a request
//! in, a reply out.

use trustdraft_core::jobs::{self, Reply, Request};
use wasm_bindgen::prelude::*;

/// Does one job: `request` is a [`Request`] as JSON, `bytes` the file beside it; `progress` is
/// called with each step of a long job. Returns `[reply JSON, bytes]` (the bytes of a written
/// file or an engine snapshot, else empty).
#[wasm_bindgen]
pub fn run(request: &str, bytes: Vec<u8>, progress: &js_sys::Function) -> js_sys::Array {
    let (reply, out) = match serde_json::from_str::<Request>(request) {
        Ok(request) => jobs::run(request, bytes, &mut |step| {
            let _ = progress.call1(&JsValue::NULL, &JsValue::from_str(&step));
        }),
        // The page and this module come from one build: a request it cannot read is a bug.
        Err(e) => (Reply::Error { message: format!("the file tools could not read the request ({e})") }, Vec::new()),
    };
    let json = serde_json::to_string(&reply).unwrap_or_default();
    js_sys::Array::of2(&JsValue::from_str(&json), &js_sys::Uint8Array::from(out.as_slice()))
}

/// Milliseconds from the page's or the worker's clock.
fn now() -> f64 {
    js_sys::Reflect::get(&js_sys::global(), &"performance".into())
        .ok()
        .and_then(|p| js_sys::Reflect::get(&p, &"now".into()).ok().map(|f| (p, f)))
        .and_then(|(p, f)| f.dyn_into::<js_sys::Function>().ok()?.call0(&p).ok()?.as_f64())
        .unwrap_or(0.0)
}

/// How long each part of building the default posture's engine takes here, in ms: `{ posture,
/// catalog, index, prepared, total }` (what a posture the user loads costs). Used by the
/// benchmark.
#[wasm_bindgen(js_name = profileBuild)]
pub fn profile_build() -> Result<JsValue, JsValue> {
    let out = jobs::profile_build(now).map_err(|e| JsValue::from_str(&e))?;
    js_sys::JSON::parse(&out)
}
