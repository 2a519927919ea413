//! The root component: opens the engine once, follows the URL fragment, lays out the page.
//! A posture other than the default is parsed and indexed by the second module, in its worker
//! (the steps shown), and opened here from the snapshot it sends back: a huge one never holds the
//! page while it is read.

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::EventListener;
use trustdraft_core::jobs::{Reply, Request};
use trustdraft_core::workspace::Work;
use trustdraft_core::Engine;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::{
    AskPage, BrowsePage, CoveragePage, DraftRun, LibraryPage, Nav, NoticeBar, QuestionnairePage, StatusBanner,
};
use crate::embed::now_ms;
use crate::persist::Persist;
use crate::posture::{Origin, PostureChange, PostureSource};
use crate::route::Route;
use crate::state::{Action, Notice, State};
use crate::{storage, tasks, worker};

/// The engine, shared by the components; equal when it is the same engine.
#[derive(Clone)]
pub struct EngineRef(pub Rc<Engine>);

impl PartialEq for EngineRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The engine, the posture it was built from, and the milliseconds the build took.
#[derive(Clone)]
pub struct Loaded {
    pub engine: Result<EngineRef, String>,
    pub build_ms: f64,
    pub source: Rc<PostureSource>,
}

impl PartialEq for Loaded {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.source, &other.source) && self.engine.as_ref().ok() == other.engine.as_ref().ok()
    }
}

/// The embedded default, opened from the snapshot built into this module; `None` if it cannot
/// be (then [`build_default`] has the second module build it).
fn load_default() -> Option<Loaded> {
    let source = Rc::new(PostureSource::embedded());
    crate::embed::set_engine(None);
    let (engine, build_ms) = crate::embed::default_engine().ok()?;
    Some(Loaded { engine: Ok(EngineRef(engine)), build_ms, source })
}

/// The embedded default, from its snapshot or else built by the second module.
async fn default_loaded() -> Loaded {
    if let Some(loaded) = load_default() {
        return loaded;
    }
    let source = PostureSource::embedded();
    match build(source.clone(), None).await {
        Ok((loaded, _)) => {
            let engine = loaded.engine.clone().map(|e| e.0);
            if let Ok(engine) = engine {
                crate::embed::set_default(engine, loaded.build_ms);
            }
            crate::embed::set_engine(None);
            loaded
        }
        Err(e) => Loaded { engine: Err(e), build_ms: 0.0, source: Rc::new(source) },
    }
}

/// Work as the second module takes it: its original file goes beside it as bytes.
pub fn without_original(work: &Work) -> Work {
    Work { original: Vec::new(), ..work.clone() }
}

/// Has the second module parse and index `source`'s pages (each step shown while it works) and
/// opens the engine it sends back; `open`, work from an answer pack, comes back checked against
/// the pack's pages. The JS entries (`ask`, …) answer from the new engine too.
async fn build(source: PostureSource, open: Option<Work>) -> Result<(Loaded, Option<Work>), String> {
    let start = now_ms();
    let n = source.files.len();
    let label = format!("Reading the posture: {n} page{}…", if n == 1 { "" } else { "s" });
    let request = Request::Build { files: source.pages(), work: open.as_ref().map(without_original) };
    let done = worker::run(&request, &[], &label).await;
    let work = match done.reply {
        Reply::Engine { work, .. } => work,
        Reply::Error { message } => return Err(message),
        other => return Err(format!("the file tools answered {other:?}")),
    };
    let engine =
        Engine::from_snapshot(&done.bytes).map_err(|e| format!("the posture could not be opened here: {e}"))?;
    let engine = Rc::new(engine);
    let build_ms = now_ms() - start;
    if source.origin != Origin::Default {
        crate::embed::set_engine(Some((engine.clone(), build_ms)));
    }
    Ok((Loaded { engine: Ok(EngineRef(engine)), build_ms, source: Rc::new(source) }, work))
}

/// Work opened from an answer pack, checked against the pack's own pages if it was saved before
/// packs were checked on opening.
async fn checked(work: Work, loaded: &Loaded) -> Work {
    if work.pack.as_ref().is_none_or(|p| p.check.is_some()) {
        return work;
    }
    let request = Request::Check { files: loaded.source.files.clone(), work: without_original(&work) };
    match worker::run(&request, &[], "Checking the answer pack against its pages…").await.reply {
        Reply::Checked { work: checked } => Work { original: work.original, ..checked },
        _ => work,
    }
}

fn current_hash() -> String {
    gloo::utils::window().location().hash().unwrap_or_default()
}

fn current_route() -> Route {
    Route::from_hash(&current_hash())
}

/// Restores the saved library and work (with the changes a tab journaled as it closed, if its
/// last save did not finish), resumes drafting, and lets `persist` save from there on.
async fn restore(loaded: Loaded, dispatch: UseReducerDispatcher<State>, persist: Rc<Persist>, run: Rc<Cell<u32>>) {
    let notify = |text: String| dispatch.dispatch(Action::Notify(Notice { error: true, text }));
    storage::ask_persistent().await;
    let (library, library_rev) = match storage::load_library().await {
        Ok((Some(text), rev)) => {
            match trustdraft_core::library::Library::from_json("the saved answer library", &text) {
                Ok(l) => (l, rev),
                Err(e) => {
                    notify(format!(
                        "{e}. It is left in place until you approve an answer, which starts a new library."
                    ));
                    (Default::default(), rev)
                }
            }
        }
        Ok((None, rev)) => (Default::default(), rev),
        Err(e) => {
            notify(storage::LoadError::Storage(e).restore_message());
            return;
        }
    };
    // Read once: what it restores is this tab's unsaved change now, journaled again if this tab
    // too is left before it is saved.
    let journal = storage::read_journal();
    let library = Rc::new(library);
    let shown = journal.as_ref().and_then(|j| j.apply_library(&library)).unwrap_or_else(|| (*library).clone());
    dispatch.dispatch(Action::LibraryLoaded(shown));
    let (stored, rev) = match storage::load_work().await {
        Ok(found) => found,
        Err(storage::LoadError::Work(e, rev)) => {
            // Left in place: nothing is written over it until the user opens or starts something.
            notify(storage::LoadError::Work(e, String::new()).restore_message());
            (None, rev)
        }
        Err(e) => {
            notify(e.restore_message());
            return;
        }
    };
    storage::clear_journal();
    let stored = stored.map(Rc::new);
    let replayed = match (&stored, &journal) {
        (Some(w), Some(j)) => j.apply(w, &rev),
        _ => None,
    };
    persist.restored((stored.clone(), rev), (library.clone(), library_rev));
    let Some(work) = replayed.or_else(|| stored.as_deref().cloned()) else { return };
    let work = Rc::new(checked(work, &loaded).await);
    let resume = !work.drafts.is_empty() && !work.is_drafted();
    dispatch.dispatch(Action::Load(work.clone()));
    if let (true, Ok(engine)) = (resume, loaded.engine) {
        tasks::draft_rest(engine.0.clone(), work, library, dispatch.clone(), run);
    }
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| State {
        route: current_route(),
        query: Route::query_from_hash(&current_hash()).unwrap_or_default(),
        today: crate::posture::today(),
        ..State::default()
    });
    // What the second module is doing (loading, or a job's step), shown while it works.
    let progress = use_state(|| None::<String>);
    {
        let progress = progress.clone();
        use_effect_with((), move |_| worker::on_status(Callback::from(move |s| progress.set(s))));
    }
    // The embedded default is opened at once; a posture of the user's is read from storage
    // first, so that the default's answers never show in its place.
    let loaded = use_state(|| if storage::has_saved_posture() { None } else { load_default() });
    {
        let loaded = loaded.clone();
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            if loaded.is_none() && !storage::has_saved_posture() {
                wasm_bindgen_futures::spawn_local(async move { loaded.set(Some(default_loaded().await)) });
            } else if loaded.is_none() {
                wasm_bindgen_futures::spawn_local(async move {
                    let saved =
                        storage::load_posture().await.and_then(|t| t.ok_or_else(|| "it is missing".to_string()));
                    let built = match saved.and_then(|t| PostureSource::from_json(&t)) {
                        Ok(source) => build(source, None).await.map(|(l, _)| l),
                        Err(e) => Err(e),
                    };
                    match built {
                        Ok(l) => loaded.set(Some(l)),
                        Err(e) => {
                            loaded.set(Some(default_loaded().await));
                            dispatch.dispatch(Action::Notify(Notice {
                                error: true,
                                text: format!("Your saved posture could not be loaded ({e}); the embedded default is shown. Load your pages again on the Posture page."),
                            }));
                        }
                    }
                });
            }
        });
    }

    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                let route = current_route();
                dispatch.dispatch(Action::Navigate(route));
                // On the Ask page the URL is the question (none: an empty box).
                if route == Route::Ask {
                    dispatch.dispatch(Action::SetQuery(Route::query_from_hash(&current_hash()).unwrap_or_default()));
                }
            });
            move || drop(listener)
        });
    }
    {
        let ready = (*loaded).as_ref().map(|l| (l.engine.is_ok(), l.build_ms));
        use_effect_with(ready.is_some(), move |_| {
            // Tests and the benchmark wait for this: the index is built and the Ask box answers.
            let Some((ok, build_ms)) = ready else { return };
            if let Some(body) = gloo::utils::document().body() {
                let _ = body.set_attribute("data-ready", if ok { "true" } else { "error" });
                let _ = body.set_attribute("data-ready-ms", &format!("{:.1}", now_ms()));
                let _ = body.set_attribute("data-index-ms", &format!("{build_ms:.1}"));
            }
        });
    }

    // The user's work and library: restored once at start, then kept saved (see `persist`).
    let run = use_mut_ref(|| Rc::new(Cell::new(0u32)));
    let persist = {
        let dispatch = state.dispatcher();
        use_memo((), move |_| Persist::new(dispatch))
    };
    let restored = use_state(|| false);
    {
        let dispatch = state.dispatcher();
        let restored = restored.clone();
        let loaded_now = (*loaded).clone();
        let run = run.borrow().clone();
        let persist = (*persist).clone();
        use_effect_with(loaded_now.as_ref().is_some_and(|l| l.engine.is_ok()), move |ready| {
            let Some(loaded_now) = loaded_now.filter(|_| *ready && !*restored) else { return };
            restored.set(true);
            wasm_bindgen_futures::spawn_local(restore(loaded_now, dispatch, persist, run));
        });
    }
    {
        let persist = (*persist).clone();
        let key =
            (state.work.as_ref().map(|w| Rc::as_ptr(w) as usize), Rc::as_ptr(&state.library) as usize, state.read_only);
        let (work, library, read_only) = (state.work.clone(), state.library.clone(), state.read_only);
        use_effect_with(key, move |_| persist.observe(work, library, read_only));
    }
    // Leaving (another tab, the window closed, a reload) saves at once; another tab's save is
    // merged in here.
    {
        let persist = (*persist).clone();
        use_effect_with((), move |_| {
            let document = gloo::utils::document();
            let on_hidden = {
                let persist = persist.clone();
                EventListener::new(&document, "visibilitychange", move |_| {
                    if gloo::utils::document().visibility_state() == web_sys::VisibilityState::Hidden {
                        persist.leaving();
                    }
                })
            };
            let on_pagehide = {
                let persist = persist.clone();
                EventListener::new(&gloo::utils::window(), "pagehide", move |_| persist.leaving())
            };
            let channel = web_sys::BroadcastChannel::new("trustdraft-work").ok();
            let on_message = channel.as_ref().map(|c| {
                let persist = persist.clone();
                EventListener::new(c, "message", move |e| {
                    if let Some(text) = e.dyn_ref::<web_sys::MessageEvent>().and_then(|e| e.data().as_string()) {
                        persist.heard(&text);
                    }
                })
            });
            move || {
                drop((on_hidden, on_pagehide, on_message));
                if let Some(c) = channel {
                    c.close();
                }
            }
        });
    }

    // A new posture: loaded pages, a pack's posture, or back to the default. The engine is
    // rebuilt (in steps); the posture is saved; the open questionnaire (or the pack's answers)
    // follows.
    let on_posture = {
        let loaded = loaded.clone();
        let dispatch = state.dispatcher();
        let work = state.work.clone();
        let library = state.library.clone();
        let run = run.borrow().clone();
        Callback::from(move |change: PostureChange| {
            let (loaded, dispatch, work, library, run) =
                (loaded.clone(), dispatch.clone(), work.clone(), library.clone(), run.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let PostureChange { source, open } = change;
                let is_default = source.origin == Origin::Default;
                let result = if is_default { Ok((default_loaded().await, None)) } else { build(source, open).await };
                let (mut next, open) = match result {
                    Ok(next) => next,
                    Err(e) => {
                        dispatch.dispatch(Action::Notify(Notice {
                            error: true,
                            text: format!("{e}. The current posture is unchanged."),
                        }));
                        return;
                    }
                };
                let Ok(engine) = next.engine.clone() else { return };
                // A pack's posture is named as its pages name themselves, never by the pack's claim.
                if let Origin::Pack { vendor, .. } = &next.source.origin {
                    let named = crate::posture::vendor_of(&engine.0.posture);
                    if *vendor != named {
                        let mut source = (*next.source).clone();
                        source.origin = match source.origin {
                            Origin::Pack { file, date, .. } => Origin::Pack { vendor: named, file, date },
                            other => other,
                        };
                        next.source = Rc::new(source);
                    }
                }
                let json = next.source.to_json();
                let rows = engine.0.posture.rows.len();
                let pages = engine.0.posture.pages.len();
                loaded.set(Some(next));
                let d = dispatch.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let saved =
                        if is_default { storage::clear_posture().await } else { storage::save_posture(&json).await };
                    if let Err(e) = saved {
                        d.dispatch(Action::Notify(Notice { error: true, text: format!("The posture is in use but could not be saved in this browser ({e}); after a reload the previous one returns.") }));
                    }
                });
                match open {
                    Some(pack_work) => {
                        run.set(run.get().wrapping_add(1));
                        dispatch.dispatch(Action::Load(Rc::new(pack_work)));
                    }
                    None => {
                        if let Some(w) = work.as_ref().filter(|w| w.pack.is_none() && !w.drafts.is_empty()) {
                            let mut again = (**w).clone();
                            again.redraft();
                            dispatch.dispatch(Action::Redraft);
                            tasks::draft_rest(
                                engine.0.clone(),
                                Rc::new(again),
                                library.clone(),
                                dispatch.clone(),
                                run.clone(),
                            );
                        }
                        dispatch.dispatch(Action::Notify(Notice {
                            error: false,
                            text: format!("Now answering from {pages} page{} with {rows} rows. Ask, Coverage and drafting use this posture.", if pages == 1 { "" } else { "s" }),
                        }));
                    }
                }
            });
        })
    };

    // The Ask URL carries the question, so an answer can be shared; typing replaces the
    // history entry rather than adding one per keystroke.
    let on_query = {
        let dispatch = state.dispatcher();
        Callback::from(move |q: String| {
            if let Ok(history) = gloo::utils::window().history() {
                let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&Route::ask_hash(&q)));
            }
            dispatch.dispatch(Action::SetQuery(q));
        })
    };
    let on_dismiss = {
        let dispatch = state.dispatcher();
        Callback::from(move |_| dispatch.dispatch(Action::Dismiss))
    };

    let body = match (*loaded).as_ref().map(|l| (&l.engine, l.source.clone())) {
        None => html! {
            <p class="loading" role="status" data-testid="posture-progress">{ (*progress).clone().unwrap_or_else(|| "Loading your posture…".to_string()) }</p>
        },
        Some((Err(message), _)) => html! { <p class="error" role="alert">{ message.clone() }</p> },
        Some((Ok(engine), source)) => {
            let page = match state.route {
                Route::Ask => {
                    html! { <><StatusBanner engine={engine.clone()} /><AskPage engine={engine.clone()} query={state.query.clone()} {on_query} /></> }
                }
                Route::Browse => {
                    html! { <BrowsePage engine={engine.clone()} {source} on_posture={on_posture.clone()} today={state.today.clone()} /> }
                }
                Route::Coverage => html! { <CoveragePage engine={engine.clone()} /> },
                Route::Library => html! { <LibraryPage state={state.clone()} /> },
                Route::Questionnaire => html! {
                    <QuestionnairePage engine={engine.clone()} state={state.clone()} run={DraftRun(run.borrow().clone())} {source} on_posture={on_posture.clone()} />
                },
            };
            let step = (*progress)
                .clone()
                .map(|p| html! { <p class="progress-step" role="status" data-testid="posture-progress">{ p }</p> });
            html! { <><NoticeBar notice={state.notice.clone()} {on_dismiss} />{ step }{ page }</> }
        }
    };
    let footer = match (*loaded).as_ref() {
        Some(Loaded { engine: Ok(engine), build_ms, source }) => format!(
            "{} · {} rows · {} evidence pointers · index built in {:.0} ms, in this browser. Nothing leaves this device.",
            source.describe(),
            engine.0.posture.rows.len(),
            engine.0.posture.pointers.len(),
            build_ms
        ),
        _ => String::new(),
    };

    html! {
        <>
            <header class="site-header">
                <p class="brand"><a href="#ask">{ "trustdraft" }</a></p>
                <Nav route={state.route} />
            </header>
            <main id="main" tabindex="-1" class={classes!((state.route == Route::Questionnaire).then_some("wide"))}>{ body }</main>
            <footer class="site-footer"><p>{ footer }</p></footer>
        </>
    }
}
