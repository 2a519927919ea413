//! The second module — the file work of `trustdraft_core::jobs`, built as `trustdraft-worker` —
//! in a Web Worker (`static/worker.js`). It is started on first use (a file given, an export
//! asked for) and its download is shown as it arrives; each job is one message, a
//! [`Request`] as JSON with the file's bytes, answered by a [`Reply`] and bytes. The page
//! never waits on it to answer a question.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use trustdraft_core::jobs::{Reply, Request};
use trustdraft_core::Work;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use yew::Callback;

use crate::embed::now_ms;

/// A job's answer: the reply and the bytes beside it (a written file, an engine snapshot).
pub struct Done {
    pub reply: Reply,
    pub bytes: Vec<u8>,
}

/// Work as the file module takes it: its original file goes beside it as bytes, not inside the
/// JSON (see `trustdraft_core::jobs`).
pub fn without_original(work: &Work) -> Work {
    Work { original: Vec::new(), ..work.clone() }
}

/// An error reply's message (or, for a reply the page did not ask for, what kind it was).
pub fn failure(reply: Reply) -> String {
    match reply {
        Reply::Error { message } => message,
        other => format!("the file tools answered {}", other.kind()),
    }
}

/// A job waiting for its answer: how to resolve it, and what is shown while it runs.
struct Pending {
    resolve: js_sys::Function,
    label: String,
}

struct Client {
    worker: web_sys::Worker,
    next: u32,
    pending: Rc<RefCell<HashMap<u32, Pending>>>,
    _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

thread_local! {
    static CLIENT: RefCell<Option<Client>> = const { RefCell::new(None) };
    /// Where the status line goes (the app's): `Some(text)` while the module loads or a job runs.
    static LISTENER: RefCell<Option<Callback<Option<String>>>> = const { RefCell::new(None) };
}

/// Sets where the worker's status is shown (the app does, once).
pub fn on_status(listener: Callback<Option<String>>) {
    LISTENER.with(|l| *l.borrow_mut() = Some(listener));
}

fn show(status: Option<String>) {
    if let Some(l) = LISTENER.with(|l| l.borrow().clone()) {
        l.emit(status);
    }
}

/// Marks the body for tests and the benchmark: when the module was first asked for, and when it
/// could work (ms since the page started).
fn mark(attribute: &str) {
    if let Some(body) = gloo::utils::document().body() {
        let _ = body.set_attribute(attribute, &format!("{:.1}", now_ms()));
    }
}

fn field(data: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(data, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

/// `Reply::Error { message }` as JSON, as the worker would send it, written by hand:
/// serializing a `Reply` on the page would link every reply's serializer into the page module
/// for this one message.
fn error_reply(message: &str) -> String {
    format!(r#"{{"reply":"error","message":{}}}"#, serde_json::to_string(message).unwrap_or_default())
}

/// Answers every waiting job with `message` and forgets the worker (the next job starts a new one).
fn fail_all(message: &str) {
    let client = CLIENT.with(|c| c.borrow_mut().take());
    let Some(client) = client else { return };
    client.worker.terminate();
    let pending: Vec<Pending> = client.pending.borrow_mut().drain().map(|(_, p)| p).collect();
    // This may run inside the client's own message handler: its closures are dropped after.
    gloo::timers::callback::Timeout::new(0, move || drop(client)).forget();
    let reply = error_reply(message);
    for p in pending {
        let data = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&data, &"reply".into(), &reply.clone().into());
        let _ = p.resolve.call1(&JsValue::NULL, &data);
    }
    show(None);
}

/// The status line while jobs wait: the latest one's label.
fn show_pending(pending: &HashMap<u32, Pending>) {
    show(pending.iter().max_by_key(|(id, _)| **id).map(|(_, p)| p.label.clone()));
}

fn start() -> Result<Client, String> {
    mark("data-worker-start-ms");
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let worker = web_sys::Worker::new_with_options("worker.js", &options)
        .map_err(|e| format!("this browser cannot start the file tools ({e:?})"))?;
    let pending: Rc<RefCell<HashMap<u32, Pending>>> = Rc::default();
    let on_message = {
        let pending = pending.clone();
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let data = e.data();
            match field(&data, "kind").as_string().as_deref() {
                Some("loading") => {
                    let mb = |key: &str| field(&data, key).as_f64().unwrap_or(0.0) / 1e6;
                    let (loaded, total) = (mb("loaded"), mb("total"));
                    let text = if total > 0.0 {
                        format!("Loading the file tools: {loaded:.1} of {total:.1} MB…")
                    } else {
                        format!("Loading the file tools: {loaded:.1} MB…")
                    };
                    show(Some(text));
                }
                Some("ready") => {
                    mark("data-worker-ready-ms");
                    show_pending(&pending.borrow());
                }
                Some("step") => {
                    let id = field(&data, "id").as_f64().unwrap_or(-1.0) as u32;
                    if let (Some(text), Some(p)) = (field(&data, "text").as_string(), pending.borrow_mut().get_mut(&id))
                    {
                        p.label = text.clone();
                        show(Some(text));
                    }
                }
                Some("done") => {
                    let id = field(&data, "id").as_f64().unwrap_or(-1.0) as u32;
                    let done = pending.borrow_mut().remove(&id);
                    show_pending(&pending.borrow());
                    if let Some(p) = done {
                        let _ = p.resolve.call1(&JsValue::NULL, &data);
                    }
                }
                Some("failed") => {
                    let error = field(&data, "error").as_string().unwrap_or_default();
                    fail_all(&format!("the file tools could not be loaded ({error})"));
                }
                Some("crashed") => {
                    let error = field(&data, "error").as_string().unwrap_or_default();
                    fail_all(&format!("the file tools stopped on this file ({error}); nothing was changed"));
                }
                _ => {}
            }
        })
    };
    // The script itself could not be loaded (offline before it was ever cached, say).
    let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
        e.prevent_default();
        let detail = e.dyn_ref::<web_sys::ErrorEvent>().map(|e| e.message()).filter(|m| !m.is_empty());
        fail_all(&format!(
            "the file tools could not be loaded ({})",
            detail.unwrap_or_else(|| "check the connection and try again".into())
        ));
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Ok(Client { worker, next: 0, pending, _on_message: on_message, _on_error: on_error })
}

/// Starts the worker now if it is not running (a file is being dragged over a drop zone: it
/// will be needed in a moment).
pub fn warm_up() {
    CLIENT.with(|c| {
        let mut c = c.borrow_mut();
        if c.is_none() {
            *c = start().ok();
        }
    });
}

/// Runs `request` with `bytes` in the worker (started if need be); `label` is shown while it
/// waits ("Reading q.xlsx…"), then each step the job reports. A worker that cannot start or
/// load answers with [`Reply::Error`].
pub async fn run(request: &Request, bytes: &[u8], label: &str) -> Done {
    let error = |message: String| Done { reply: Reply::Error { message }, bytes: Vec::new() };
    let json = match serde_json::to_string(request) {
        Ok(json) => json,
        Err(e) => return error(format!("the request could not be written ({e})")),
    };
    let promise = CLIENT.with(|c| -> Result<js_sys::Promise, String> {
        let mut c = c.borrow_mut();
        if c.is_none() {
            *c = Some(start()?);
        }
        let client = c.as_mut().expect("started");
        client.next = client.next.wrapping_add(1);
        let id = client.next;
        let mut resolve_slot = None;
        let promise = js_sys::Promise::new(&mut |resolve, _| resolve_slot = Some(resolve));
        let resolve = resolve_slot.expect("the promise's executor runs at once");
        client.pending.borrow_mut().insert(id, Pending { resolve, label: label.to_string() });
        show(Some(label.to_string()));
        let array = js_sys::Uint8Array::from(bytes);
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"id".into(), &id.into());
        let _ = js_sys::Reflect::set(&message, &"request".into(), &json.into());
        let _ = js_sys::Reflect::set(&message, &"bytes".into(), &array);
        client
            .worker
            .post_message_with_transfer(&message, &js_sys::Array::of1(&array.buffer()))
            .map_err(|e| format!("the file could not be handed to the file tools ({e:?})"))?;
        Ok(promise)
    });
    let data = match promise {
        Ok(p) => match wasm_bindgen_futures::JsFuture::from(p).await {
            Ok(data) => data,
            Err(e) => return error(format!("the file tools did not answer ({e:?})")),
        },
        Err(e) => return error(e),
    };
    let reply = field(&data, "reply").as_string().unwrap_or_default();
    let bytes = field(&data, "bytes").dyn_into::<js_sys::Uint8Array>().map(|a| a.to_vec()).unwrap_or_default();
    match serde_json::from_str::<Reply>(&reply) {
        Ok(reply) => Done { reply, bytes },
        Err(e) => error(format!("the file tools' answer could not be read ({e})")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_job_reads_as_the_error_reply_the_worker_would_send() {
        let message = "the file tools stopped on \"q.xlsx\" (out of memory)";
        let sent = serde_json::to_string(&Reply::Error { message: message.into() }).unwrap();
        assert_eq!(error_reply(message), sent);
    }
}
