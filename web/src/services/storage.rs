//! Saving the user's work in the browser (IndexedDB) and restoring it after a reload. The work
//! and the library are saved with a revision, so that a tab whose save would overwrite another
//! tab's newer one is told and merges instead (see `sync` and `persist`); a store that never
//! answers is given up on after a few seconds and said.

use trustdraft_core::{Work, WorkError};
use wasm_bindgen::prelude::*;

use crate::services::sync::Journal;

#[wasm_bindgen(module = "/src/services/storage.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = idbPut)]
    async fn idb_put(key: &str, value: JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = idbGet)]
    async fn idb_get(key: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = idbDelete)]
    async fn idb_delete(key: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = idbGetWithRev)]
    async fn idb_get_with_rev(key: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = idbPutIfRev)]
    async fn idb_put_if_rev(key: &str, value: JsValue, expected: &str, next: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = persistStorage)]
    async fn persist_storage() -> Result<JsValue, JsValue>;
}

const WORK_KEY: &str = "work";
const POSTURE_KEY: &str = "posture";
const LIBRARY_KEY: &str = "library";
/// Set in localStorage while a posture other than the embedded default is saved, so that start-up
/// waits for it (and does not flash the default's answers) only when there is one.
const POSTURE_FLAG: &str = "trustdraft-posture";
/// The journal of changes not saved when a tab was hidden or closed (see [`Journal`]).
const JOURNAL_KEY: &str = "trustdraft-journal";

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

/// Saved work that could not be restored.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// The browser's storage failed, or did not answer in time.
    Storage(String),
    /// It was read but cannot be used; the revision it was stored with.
    Work(WorkError, String),
}

impl LoadError {
    /// What start-up tells the user.
    pub fn restore_message(&self) -> String {
        match self {
            LoadError::Storage(e) => format!(
                "Your saved work could not be restored: {e}. Nothing you do now can be saved either. Reload the page; if this happens again, close the app's other tabs or restart the browser."
            ),
            LoadError::Work(e @ WorkError::TooNew { .. }, _) => format!(
                "Your saved work could not be restored: {e}. It is left in place: open this page with that version to go on with it, or start over here."
            ),
            LoadError::Work(WorkError::Corrupt(e), _) => format!(
                "Your saved work could not be restored: it is damaged ({e}). It is left in place; starting over replaces it."
            ),
        }
    }
}

/// The saved work, if any, and its revision. A save that cannot be read is reported, not
/// dropped silently.
pub async fn load_work() -> Result<(Option<Work>, String), LoadError> {
    let pair = idb_get_with_rev(WORK_KEY).await.map_err(|e| LoadError::Storage(describe(e)))?;
    let (value, rev) = pair_of(&pair);
    match value {
        None => Ok((None, rev)),
        Some(text) => match Work::from_json(&text) {
            Ok(w) => Ok((Some(w), rev)),
            Err(e) => Err(LoadError::Work(e, rev)),
        },
    }
}

fn pair_of(pair: &JsValue) -> (Option<String>, String) {
    let value = js_sys::Reflect::get_u32(pair, 0).ok().and_then(|v| v.as_string());
    let rev = js_sys::Reflect::get_u32(pair, 1).ok().and_then(|v| v.as_string()).unwrap_or_default();
    (value, rev)
}

/// Saves the work (`None`: removes it) as revision `next` if the stored revision is still
/// `expected`: `Ok(None)` when saved, `Ok(Some(found))` when another tab saved first (nothing
/// written). The error says why the browser refused (a full quota, private mode, no answer).
pub async fn save_work_if(work: Option<&Work>, expected: &str, next: &str) -> Result<Option<String>, String> {
    let value = work.map(|w| JsValue::from_str(&w.to_json())).unwrap_or(JsValue::NULL);
    let found = idb_put_if_rev(WORK_KEY, value, expected, next).await.map_err(describe)?;
    Ok(found.as_string())
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

/// Saves the library JSON as revision `next` if the stored one is still `expected` (see
/// [`save_work_if`]).
pub async fn save_library_if(json: &str, expected: &str, next: &str) -> Result<Option<String>, String> {
    let found = idb_put_if_rev(LIBRARY_KEY, JsValue::from_str(json), expected, next).await.map_err(describe)?;
    Ok(found.as_string())
}

/// The saved library's JSON, if any, and its revision.
pub async fn load_library() -> Result<(Option<String>, String), String> {
    let pair = idb_get_with_rev(LIBRARY_KEY).await.map_err(describe)?;
    Ok(pair_of(&pair))
}

fn local_storage() -> Option<web_sys::Storage> {
    gloo::utils::window().local_storage().ok().flatten()
}

/// Keeps the journal of unsaved changes, synchronously (the tab may be gone a moment later).
pub fn write_journal(journal: &Journal) {
    if let (Some(ls), Ok(json)) = (local_storage(), serde_json::to_string(journal)) {
        let _ = ls.set_item(JOURNAL_KEY, &json);
    }
}

/// The journal left by a tab that was hidden or closed before its save finished, if any.
pub fn read_journal() -> Option<Journal> {
    let text = local_storage()?.get_item(JOURNAL_KEY).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

pub fn clear_journal() {
    if let Some(ls) = local_storage() {
        let _ = ls.remove_item(JOURNAL_KEY);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_up_says_why_the_saved_work_was_not_restored_and_never_blames_a_newer_version_wrongly() {
        let timeout = LoadError::Storage("the browser's storage did not answer within 4 seconds".into());
        let text = timeout.restore_message();
        assert!(text.contains("did not answer within 4 seconds") && text.contains("Nothing you do now can be saved"));
        assert!(!text.contains("newer"), "{text}");
        let damaged =
            LoadError::Work(WorkError::Corrupt("expected value at line 1".into()), "r".into()).restore_message();
        assert!(
            damaged.contains("it is damaged (expected value at line 1)") && !damaged.contains("newer"),
            "{damaged}"
        );
        let newer = LoadError::Work(WorkError::TooNew { found: 7 }, "r".into()).restore_message();
        assert!(newer.contains("saved work is from a newer trustdraft (format 7"), "{newer}");
    }
}
