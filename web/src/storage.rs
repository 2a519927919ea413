//! Saving the user's work in the browser (IndexedDB) and restoring it after a reload.

use trustdraft_core::workspace::Work;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/storage.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = idbPut)]
    async fn idb_put(key: &str, value: JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = idbGet)]
    async fn idb_get(key: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = idbDelete)]
    async fn idb_delete(key: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = persistStorage)]
    async fn persist_storage() -> Result<JsValue, JsValue>;
}

const WORK_KEY: &str = "work";
const POSTURE_KEY: &str = "posture";
const LIBRARY_KEY: &str = "library";
/// Set in localStorage while a posture other than the embedded default is saved, so that start-up
/// waits for it (and does not flash the default's answers) only when there is one.
const POSTURE_FLAG: &str = "trustdraft-posture";

fn describe(e: JsValue) -> String {
    let field =
        |name: &str| js_sys::Reflect::get(&e, &name.into()).ok().and_then(|m| m.as_string()).filter(|m| !m.is_empty());
    match (e.as_string(), field("name"), field("message")) {
        (Some(text), _, _) if !text.is_empty() => text,
        (_, Some(name), _) if name == "QuotaExceededError" => "the browser's storage for this site is full".to_string(),
        (_, _, Some(message)) => message,
        (_, Some(name), None) => name,
        _ => "the browser refused to store it".to_string(),
    }
}

/// Saves the work; the error says why the browser refused (a full quota, private mode).
pub async fn save_work(work: &Work) -> Result<(), String> {
    idb_put(WORK_KEY, JsValue::from_str(&work.to_json())).await.map(|_| ()).map_err(describe)
}

/// The saved work, if any. A save that cannot be read is reported, not dropped silently.
pub async fn load_work() -> Result<Option<Work>, String> {
    let value = idb_get(WORK_KEY).await.map_err(describe)?;
    match value.as_string() {
        None => Ok(None),
        Some(text) => Work::from_json(&text).map(Some).map_err(|e| e.to_string()),
    }
}

pub async fn clear_work() -> Result<(), String> {
    idb_delete(WORK_KEY).await.map(|_| ()).map_err(describe)
}

/// Asks the browser not to evict the app's storage under pressure.
pub async fn ask_persistent() -> bool {
    persist_storage().await.ok().and_then(|v| v.as_bool()).unwrap_or(false)
}

/// Saves the posture the user loaded (or a pack brought) and marks that there is one.
pub async fn save_posture(json: &str) -> Result<(), String> {
    idb_put(POSTURE_KEY, JsValue::from_str(json)).await.map_err(describe)?;
    if let Ok(Some(ls)) = gloo::utils::window().local_storage() {
        let _ = ls.set_item(POSTURE_FLAG, "saved");
    }
    Ok(())
}

/// Back to the embedded default: the saved posture is removed.
pub async fn clear_posture() -> Result<(), String> {
    if let Ok(Some(ls)) = gloo::utils::window().local_storage() {
        let _ = ls.remove_item(POSTURE_FLAG);
    }
    idb_delete(POSTURE_KEY).await.map(|_| ()).map_err(describe)
}

/// Whether a posture of the user's is saved (a synchronous check, made before the engine is built).
pub fn has_saved_posture() -> bool {
    gloo::utils::window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|ls| ls.get_item(POSTURE_FLAG).ok().flatten())
        .is_some()
}

pub async fn load_posture() -> Result<Option<String>, String> {
    Ok(idb_get(POSTURE_KEY).await.map_err(describe)?.as_string())
}

pub async fn save_library(json: &str) -> Result<(), String> {
    idb_put(LIBRARY_KEY, JsValue::from_str(json)).await.map(|_| ()).map_err(describe)
}

pub async fn load_library() -> Result<Option<String>, String> {
    Ok(idb_get(LIBRARY_KEY).await.map_err(describe)?.as_string())
}
