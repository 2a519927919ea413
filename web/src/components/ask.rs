//! The Ask page: a question box whose results are the matching rows, as the user types.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::app::EngineRef;
use crate::components::HitCard;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub engine: EngineRef,
    pub query: AttrValue,
    pub on_query: Callback<String>,
}

const RESULTS: usize = 10;

#[function_component(AskPage)]
pub fn ask_page(props: &Props) -> Html {
    let hits = {
        let engine = props.engine.clone();
        use_memo(props.query.clone(), move |q| engine.0.search(q, RESULTS))
    };
    let oninput = {
        let on_query = props.on_query.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            on_query.emit(input.value());
        })
    };
    let onsubmit = Callback::from(|e: SubmitEvent| e.prevent_default());
    let summary = if props.query.trim().is_empty() {
        "Type a question to see the control rows and evidence behind the answer.".to_string()
    } else if hits.is_empty() {
        "Nothing in the posture matches this question.".to_string()
    } else {
        format!("{} results.", hits.len())
    };
    html! {
        <section aria-labelledby="ask-title">
            <h1 id="ask-title">{ "Ask the posture" }</h1>
            <form role="search" {onsubmit}>
                <label for="ask-input">{ "Your question" }</label>
                <input id="ask-input" type="search" autocomplete="off" spellcheck="false"
                    placeholder="e.g. is data encrypted at rest?"
                    value={props.query.clone()} {oninput} />
            </form>
            <p id="ask-summary" class="summary" role="status" aria-live="polite">{ summary }</p>
            <ol class="hits" aria-label="Results">
                { for hits.iter().map(|hit| html! { <HitCard hit={hit.clone()} /> }) }
            </ol>
        </section>
    }
}
