//! The Ask page: a question box answered as the user types, with the drafted answer, the rows
//! it rests on, and the related rows and evidence. The URL carries the question.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::{AnswerCard, HitCard};
use crate::hooks::use_engine;
use crate::kind::Kind;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub query: AttrValue,
    pub on_query: Callback<String>,
}

const RESULTS: usize = 8;

/// Questions for a first visit.
pub const SUGGESTED: &[&str] = &[
    "Are you ISO 27001 certified?",
    "Is customer data encrypted at rest?",
    "Do you support SSO?",
    "How are backups verified?",
    "Where is your list of subprocessors?",
    "What is the recovery time objective for the API?",
];

#[function_component(AskPage)]
pub fn ask_page(props: &Props) -> Html {
    let engine = use_engine();
    let result = {
        use_memo((props.query.clone(), engine), move |(q, engine)| {
            let q = q.trim();
            if q.is_empty() {
                None
            } else {
                Some(engine.0.ask(q, RESULTS))
            }
        })
    };
    let oninput = {
        let on_query = props.on_query.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            on_query.emit(input.value());
        })
    };
    let onsubmit = Callback::from(|e: SubmitEvent| e.prevent_default());
    let summary = match result.as_ref() {
        None => "Type a question: the answer and the rows behind it appear as you type.".to_string(),
        Some((draft, hits)) => format!(
            "{}. {} related rows and evidence.",
            match Kind::of_draft(draft) {
                Kind::NotCovered => "Answer: not covered by the posture".to_string(),
                Kind::Suggestion =>
                    "Not a confirmed answer: what the posture says, for the company to confirm".to_string(),
                _ => format!("Answer: {}", draft.answer.label()),
            },
            hits.len()
        ),
    };
    let body = match result.as_ref() {
        None => html! {
            <section class="suggested" aria-labelledby="suggested-title">
                <h2 id="suggested-title">{ "Try" }</h2>
                <ul>
                    { for SUGGESTED.iter().map(|q| {
                        let on_query = props.on_query.clone();
                        let question = q.to_string();
                        html! { <li><button type="button" class="suggestion" onclick={move |_| on_query.emit(question.clone())}>{ *q }</button></li> }
                    }) }
                </ul>
            </section>
        },
        Some((draft, hits)) => html! {
            <>
                <AnswerCard draft={draft.clone()} />
                <h2 class="related">{ "Related rows and evidence" }</h2>
                <ol class="hits" aria-label="Related rows and evidence">
                    { for hits.iter().map(|hit| html! { <HitCard hit={hit.clone()} /> }) }
                </ol>
            </>
        },
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
            { body }
        </section>
    }
}
