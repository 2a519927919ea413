//! The root component: builds the engine once, follows the URL fragment, lays out the page.

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use trustdraft_core::Engine;
use yew::prelude::*;

use crate::components::{AskPage, BrowsePage, CoveragePage, DraftRun, Nav, NoticeBar, QuestionnairePage, StatusBanner};
use crate::route::Route;
use crate::embed::now_ms;
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

/// The engine over the embedded posture and the milliseconds it took to build.
#[derive(Clone)]
struct Loaded {
    engine: Result<EngineRef, String>,
    build_ms: f64,
}

fn load() -> Loaded {
    match crate::embed::engine() {
        Ok((engine, build_ms)) => Loaded { engine: Ok(EngineRef(engine)), build_ms },
        Err(e) => Loaded { engine: Err(e), build_ms: 0.0 },
    }
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
        ..State::default()
    });
    let loaded = use_memo((), |_| load());

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
        let ok = loaded.engine.is_ok();
        let build_ms = loaded.build_ms;
        use_effect_with((), move |_| {
            // Tests and the benchmark wait for this: the index is built and the Ask box answers.
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
    {
        let dispatch = state.dispatcher();
        let restored = restored.clone();
        let engine = loaded.engine.clone().ok();
        let run = run.borrow().clone();
        let skip_save = skip_save.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                storage::ask_persistent().await;
                match storage::load_work().await {
                    Ok(Some(work)) => {
                        *skip_save.borrow_mut() = true;
                        let resume = !work.drafts.is_empty() && !work.is_drafted();
                        let work = Rc::new(work);
                        dispatch.dispatch(Action::Load((*work).clone()));
                        if let (true, Some(engine)) = (resume, engine) {
                            tasks::draft_rest(engine.0.clone(), work, dispatch.clone(), run);
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
                                text: format!("Your work could not be saved in this browser ({e}). Export it now to keep it."),
                            })),
                        }
                    });
                });
                *saver.borrow_mut() = Some(timeout);
            }
        });
    }

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

    let body = match &loaded.engine {
        Err(message) => html! { <p class="error" role="alert">{ message.clone() }</p> },
        Ok(engine) => {
            let page = match state.route {
                Route::Ask => html! { <><StatusBanner engine={engine.clone()} /><AskPage engine={engine.clone()} query={state.query.clone()} {on_query} /></> },
                Route::Browse => html! { <><StatusBanner engine={engine.clone()} /><BrowsePage engine={engine.clone()} /></> },
                Route::Coverage => html! { <CoveragePage engine={engine.clone()} /> },
                Route::Questionnaire => html! {
                    <QuestionnairePage engine={engine.clone()} state={state.clone()} run={DraftRun(run.borrow().clone())} />
                },
            };
            html! { <><NoticeBar notice={state.notice.clone()} {on_dismiss} />{ page }</> }
        }
    };
    let footer = match &loaded.engine {
        Ok(engine) => format!(
            "{} rows · {} evidence pointers · index built in {:.0} ms, in this browser. Nothing leaves this device.",
            engine.0.posture.rows.len(),
            engine.0.posture.pointers.len(),
            loaded.build_ms
        ),
        Err(_) => String::new(),
    };

    html! {
        <>
            <header class="site-header">
                <p class="brand"><a href="#ask">{ "trustdraft" }</a></p>
                <Nav route={state.route} />
            </header>
            <main id="main" tabindex="-1">{ body }</main>
            <footer class="site-footer"><p>{ footer }</p></footer>
        </>
    }
}
