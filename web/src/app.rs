//! The root component: builds the engine once, follows the URL fragment, lays out the page.

use std::rc::Rc;

use gloo::events::EventListener;
use trustdraft_core::Engine;
use yew::prelude::*;

use crate::components::{AskPage, Nav, PosturePage, StatusBanner};
use crate::route::Route;
use crate::state::{Action, State};

/// The engine, shared by the components; equal when it is the same engine.
#[derive(Clone)]
pub struct EngineRef(pub Rc<Engine>);

impl PartialEq for EngineRef {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The engine over the embedded posture and the milliseconds it took to build.
struct Loaded {
    engine: Result<EngineRef, String>,
    build_ms: f64,
}

fn now_ms() -> f64 {
    gloo::utils::window().performance().map(|p| p.now()).unwrap_or(0.0)
}

fn load() -> Loaded {
    let start = now_ms();
    let engine = Engine::embedded_default()
        .map(|e| EngineRef(Rc::new(e)))
        .map_err(|e| format!("the posture could not be indexed: {e}"));
    Loaded { engine, build_ms: now_ms() - start }
}

fn current_route() -> Route {
    Route::from_hash(&gloo::utils::window().location().hash().unwrap_or_default())
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| State { route: current_route(), ..State::default() });
    let loaded = use_memo((), |_| load());

    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                dispatch.dispatch(Action::Navigate(current_route()));
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

    let on_query = {
        let dispatch = state.dispatcher();
        Callback::from(move |q: String| dispatch.dispatch(Action::SetQuery(q)))
    };

    let body = match &loaded.engine {
        Err(message) => html! { <p class="error" role="alert">{ message.clone() }</p> },
        Ok(engine) => {
            let page = match state.route {
                Route::Ask => html! { <AskPage engine={engine.clone()} query={state.query.clone()} {on_query} /> },
                Route::Posture => html! { <PosturePage engine={engine.clone()} /> },
            };
            html! { <><StatusBanner engine={engine.clone()} />{ page }</> }
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
