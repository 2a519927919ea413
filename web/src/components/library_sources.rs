//! What each file given on the Library page contributed (entries, questions answered, answered
//! in words only, left blank, the scope its answers were given for, editable), or why it was
//! refused. Everything from the file is shown as text.

use trustdraft_core::jobs::Contribution;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::state::{Action, SourceRead};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub sources: std::rc::Rc<Vec<SourceRead>>,
    pub on_action: Callback<Action>,
}

/// `n thing(s)`.
fn count(n: usize, thing: &str) -> String {
    format!("{n} {thing}{}", if n == 1 { "" } else { "s" })
}

/// What a source gave, in words: `12 entries from 15 questions: 12 answered, 1 in words only, 2 blank`.
pub fn contributed(c: &Contribution) -> String {
    let mut text = format!("{} {}", c.entries, if c.entries == 1 { "entry" } else { "entries" });
    if let (Some(q), Some(a), Some(w), Some(u)) = (c.questions, c.answered, c.in_words, c.unanswered) {
        text.push_str(&format!(" from {}: {a} answered, {w} in words only, {u} unanswered", count(q, "question")));
    }
    text
}

fn added(c: &Contribution, on_action: &Callback<Action>) -> Html {
    let scope = if c.kind == "questionnaire" {
        let file = c.file.clone();
        let onchange = on_action.reform(move |e: Event| Action::LibrarySourceScope {
            file: file.clone(),
            scope: e.target_unchecked_into::<HtmlInputElement>().value(),
        });
        html! {
            <label class="source-scope">{ "Answers given for " }
                <input type="text" value={c.scope.clone()} {onchange} aria-label={format!("Product or service {} answered for", c.file)} />
            </label>
        }
    } else {
        let scope = if c.scope.is_empty() { "not recorded".to_string() } else { c.scope.clone() };
        html! { <span class="source-scope">{ format!("Answers given for: {scope}") }</span> }
    };
    let kind = if c.kind == "questionnaire" { "filled questionnaire" } else { "answer library" };
    html! {
        <li class="source" data-file={c.file.clone()}>
            <strong>{ c.file.clone() }</strong>{ format!(" ({kind}): ") }
            <span data-testid="source-contribution">{ contributed(c) }</span>{ " " }{ scope }
            { if c.notes.is_empty() { html! {} } else { html! {
                <details><summary>{ count(c.notes.len(), "note") }</summary>
                    <ul>{ for c.notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }</ul>
                </details>
            } } }
        </li>
    }
}

#[function_component(LibrarySources)]
pub fn library_sources(props: &Props) -> Html {
    if props.sources.is_empty() {
        return html! {};
    }
    html! {
        <section class="library-sources" aria-labelledby="sources-title">
            <h2 id="sources-title">{ "Files added" }</h2>
            <ul>{ for props.sources.iter().map(|read| match read {
                SourceRead::Added(c) => added(c, &props.on_action),
                SourceRead::Refused(message) => html! { <li class="source error" role="alert">{ message.clone() }</li> },
            }) }</ul>
        </section>
    }
}
