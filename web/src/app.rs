//! The root component: composes the app's hooks (the engine, persistence, the route, the file
//! module's status) and lays out the page, giving the engine to every page through a context.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::{
    AskPage, BrowsePage, CoveragePage, LibraryPage, Nav, NoticeBar, QuestionnairePage, StatusBanner,
};
use crate::hooks::{
    initial_state, use_ask_query, use_draft_run, use_hash_route, use_loaded, use_persistence, use_posture_change,
    use_worker_status, EngineRef, Loaded,
};
use crate::posture::{PostureChange, PostureSource};
use crate::route::Route;
use crate::services::drafting::DraftRun;
use crate::state::{Action, State};

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(initial_state);
    let progress = use_worker_status();
    let loaded = use_loaded(state.dispatcher());
    use_hash_route(state.dispatcher());
    let run = use_draft_run();
    use_persistence(&state, &loaded, &run);
    let on_posture = use_posture_change(&loaded, &state, &run);
    let on_query = use_ask_query(state.dispatcher());

    let body = match (*loaded).as_ref().map(|l| (&l.engine, l.source.clone())) {
        None => html! {
            <p class="loading" role="status" data-testid="posture-progress">{ progress.unwrap_or_else(|| "Loading your posture…".to_string()) }</p>
        },
        Some((Err(message), _)) => html! { <p class="error" role="alert">{ message.clone() }</p> },
        Some((Ok(engine), source)) => {
            let step = progress
                .map(|p| html! { <p class="progress-step" role="status" data-testid="posture-progress">{ p }</p> });
            let on_dismiss = state.dispatcher();
            html! {
                <ContextProvider<EngineRef> context={engine.clone()}>
                    <NoticeBar notice={state.notice.clone()} on_dismiss={Callback::from(move |_| on_dismiss.dispatch(Action::Dismiss))} />
                    { step }
                    { page(&state, source, on_posture, on_query, run) }
                </ContextProvider<EngineRef>>
            }
        }
    };

    html! {
        <>
            <header class="site-header">
                <p class="brand"><a href="#ask">{ "trustdraft" }</a></p>
                <Nav route={state.route} />
            </header>
            <main id="main" tabindex="-1" class={classes!((state.route == Route::Questionnaire).then_some("wide"))}>{ body }</main>
            <footer class="site-footer"><p>{ footer(&loaded) }</p></footer>
        </>
    }
}

/// The page the route names.
fn page(
    state: &UseReducerHandle<State>,
    source: Rc<PostureSource>,
    on_posture: Callback<PostureChange>,
    on_query: Callback<String>,
    run: DraftRun,
) -> Html {
    match state.route {
        Route::Ask => html! { <><StatusBanner /><AskPage query={state.query.clone()} {on_query} /></> },
        Route::Browse => html! { <BrowsePage {source} {on_posture} today={state.today.clone()} /> },
        Route::Coverage => html! { <CoveragePage /> },
        Route::Library => html! { <LibraryPage state={state.clone()} /> },
        Route::Questionnaire => html! { <QuestionnairePage state={state.clone()} {run} {source} {on_posture} /> },
    }
}

/// The footer: which posture answers, and that nothing leaves the device.
fn footer(loaded: &Option<Loaded>) -> String {
    match loaded {
        Some(Loaded { engine: Ok(engine), build_ms, source }) => format!(
            "{} · {} rows · {} evidence pointers · index built in {:.0} ms, in this browser. Nothing leaves this device.",
            source.describe(),
            engine.0.posture().rows.len(),
            engine.0.posture().pointers.len(),
            build_ms
        ),
        _ => String::new(),
    }
}
