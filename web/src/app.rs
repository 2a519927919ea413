//! The root component: builds the engine once, follows the URL fragment, lays out the page.

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::EventListener;
use trustdraft_core::Engine;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::{
    AskPage, BrowsePage, CoveragePage, DraftRun, LibraryPage, Nav, NoticeBar, QuestionnairePage, StatusBanner,
};
use crate::embed::now_ms;
use crate::posture::{Origin, PostureSource};
use crate::route::Route;
use crate::state::{Action, Notice, State};
use crate::{storage, tasks};

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

fn load_default() -> Loaded {
    let source = Rc::new(PostureSource::embedded());
    crate::embed::set_engine(None);
    match crate::embed::default_engine() {
        Ok((engine, build_ms)) => Loaded { engine: Ok(EngineRef(engine)), build_ms, source },
        Err(e) => Loaded { engine: Err(e), build_ms: 0.0, source },
    }
}

/// Builds the engine over `source`; the JS entries (`ask`, …) answer from it too.
fn build(source: PostureSource) -> Result<Loaded, String> {
    let start = now_ms();
    let engine = Rc::new(source.build()?);
    let build_ms = now_ms() - start;
    crate::embed::set_engine(Some((engine.clone(), build_ms)));
    Ok(Loaded { engine: Ok(EngineRef(engine)), build_ms, source: Rc::new(source) })
}

fn current_hash() -> String {
    gloo::utils::window().location().hash().unwrap_or_default()
}

fn current_route() -> Route {
    Route::from_hash(&current_hash())
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| State {
        route: current_route(),
        query: Route::query_from_hash(&current_hash()).unwrap_or_default(),
        today: crate::posture::today(),
        ..State::default()
    });
    // The embedded default is built at once; a posture of the user's is read from storage
    // first, so that the default's answers never show in its place.
    let loaded = use_state(|| (!storage::has_saved_posture()).then(load_default));
    {
        let loaded = loaded.clone();
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            if loaded.is_none() {
                wasm_bindgen_futures::spawn_local(async move {
                    let saved =
                        storage::load_posture().await.and_then(|t| t.ok_or_else(|| "it is missing".to_string()));
                    match saved.and_then(|t| PostureSource::from_json(&t)).and_then(build) {
                        Ok(l) => loaded.set(Some(l)),
                        Err(e) => {
                            loaded.set(Some(load_default()));
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

    // The user's work: restored once at start, then saved after every change (debounced).
    let run = use_mut_ref(|| Rc::new(Cell::new(0u32)));
    let restored = use_state(|| false);
    // The work just restored is already saved: the change it makes to the state is not saved
    // again (nor announced to other tabs).
    let skip_save = use_mut_ref(|| false);
    let library_restored = use_mut_ref(|| false);
    {
        let dispatch = state.dispatcher();
        let restored = restored.clone();
        let engine = (*loaded).as_ref().and_then(|l| l.engine.clone().ok());
        let run = run.borrow().clone();
        let skip_save = skip_save.clone();
        let library_restored = library_restored.clone();
        use_effect_with(engine.is_some(), move |ready| {
            if !*ready || *restored {
                return;
            }
            wasm_bindgen_futures::spawn_local(async move {
                storage::ask_persistent().await;
                let library = match storage::load_library().await {
                    Ok(Some(text)) => {
                        match trustdraft_core::library::Library::from_json("the saved answer library", &text) {
                            Ok(l) => l,
                            Err(e) => {
                                dispatch.dispatch(Action::Notify(Notice {
                                    error: true,
                                    text: format!("{e}. It is left in place; approvals made now start a new library."),
                                }));
                                Default::default()
                            }
                        }
                    }
                    _ => Default::default(),
                };
                let library = Rc::new(library);
                *library_restored.borrow_mut() = true;
                dispatch.dispatch(Action::LibraryLoaded((*library).clone()));
                match storage::load_work().await {
                    Ok(Some(work)) => {
                        *skip_save.borrow_mut() = true;
                        let resume = !work.drafts.is_empty() && !work.is_drafted();
                        let work = Rc::new(work);
                        dispatch.dispatch(Action::Load(work.clone()));
                        if let (true, Some(engine)) = (resume, engine) {
                            tasks::draft_rest(engine.0.clone(), work, library, dispatch.clone(), run);
                        }
                    }
                    Ok(None) => {}
                    Err(e) => dispatch.dispatch(Action::Notify(Notice {
                        error: true,
                        text: format!("Your saved work could not be restored: {e}. It is left in place; export from a newer version or start over."),
                    })),
                }
                restored.set(true);
            });
        });
    }
    // Another tab saving the same work: this tab is told, so that nothing is lost silently
    // (the last save wins; the warning says to reload before editing here).
    let tab_id = use_memo((), |_| format!("{:.0}", js_sys::Math::random() * 1e15));
    let channel = use_memo((), |_| web_sys::BroadcastChannel::new("trustdraft-work").ok());
    {
        let dispatch = state.dispatcher();
        let channel = channel.clone();
        let tab_id = tab_id.clone();
        use_effect_with((), move |_| {
            let listener = channel.as_ref().as_ref().map(|c| {
                EventListener::new(c, "message", move |e| {
                    let Some(e) = e.dyn_ref::<web_sys::MessageEvent>() else { return };
                    if e.data().as_string().is_some_and(|from| from != *tab_id) {
                        dispatch.dispatch(Action::Notify(Notice {
                            error: true,
                            text: "This questionnaire was just changed in another tab. Reload this tab before editing here, or the other tab's changes will be replaced by yours.".into(),
                        }));
                    }
                })
            });
            move || drop(listener)
        });
    }
    // Saving is throttled, not debounced: drafting changes the work every few milliseconds, and
    // a debounce would never fire until it ends. The first change schedules a save 250 ms later;
    // that save writes whatever the work is by then.
    let saver = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    let latest = use_mut_ref(|| None::<Rc<trustdraft_core::workspace::Work>>);
    {
        let key = state.work.as_ref().map(|w| Rc::as_ptr(w) as usize);
        *latest.borrow_mut() = state.work.clone();
        let dispatch = state.dispatcher();
        let saver = saver.clone();
        let latest = latest.clone();
        let channel = channel.clone();
        let tab_id = tab_id.clone();
        let skip_save = skip_save.clone();
        use_effect_with((key, *restored), move |(_, restored)| {
            if *restored && std::mem::take(&mut *skip_save.borrow_mut()) {
                // The restored work itself: nothing to save.
            } else if *restored && saver.borrow().is_none() {
                let pending = saver.clone();
                let timeout = gloo::timers::callback::Timeout::new(250, move || {
                    *pending.borrow_mut() = None;
                    let work = latest.borrow().clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        let result = match &work {
                            Some(w) => storage::save_work(w).await,
                            None => storage::clear_work().await,
                        };
                        match result {
                            Ok(()) => {
                                if let Some(c) = channel.as_ref() {
                                    let _ = c.post_message(&wasm_bindgen::JsValue::from_str(&tab_id));
                                }
                            }
                            Err(e) => dispatch.dispatch(Action::Notify(Notice {
                                error: true,
                                text: format!(
                                    "Your work could not be saved in this browser ({e}). Export it now to keep it."
                                ),
                            })),
                        }
                    });
                });
                *saver.borrow_mut() = Some(timeout);
            }
        });
    }

    // The library is saved whenever it changes (after the saved one was read).
    {
        let library = state.library.clone();
        let dispatch = state.dispatcher();
        let library_restored = library_restored.clone();
        use_effect_with(Rc::as_ptr(&library) as usize, move |_| {
            if *library_restored.borrow() {
                wasm_bindgen_futures::spawn_local(async move {
                    if let Err(e) = storage::save_library(&library.to_json()).await {
                        dispatch.dispatch(Action::Notify(Notice {
                            error: true,
                            text: format!("The answer library could not be saved in this browser ({e}). Export it from the Library page to keep it."),
                        }));
                    }
                });
            }
        });
    }

    // A new posture: loaded pages, a pack's posture, or back to the default. The engine is
    // rebuilt; the posture is saved; the open questionnaire (or the pack's answers) follows.
    let on_posture = {
        let loaded = loaded.clone();
        let dispatch = state.dispatcher();
        let work = state.work.clone();
        let library = state.library.clone();
        let run = run.borrow().clone();
        Callback::from(move |(source, open): (PostureSource, Option<trustdraft_core::workspace::Work>)| {
            let is_default = source.origin == Origin::Default;
            let json = source.to_json();
            let result = if is_default { Ok(load_default()) } else { build(source) };
            let next = match result {
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
        None => html! { <p class="loading" role="status">{ "Loading your posture…" }</p> },
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
            html! { <><NoticeBar notice={state.notice.clone()} {on_dismiss} />{ page }</> }
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
