//! One answer of the library: its question, answer and text (both editable), what it cites with
//! the statuses at approval, the product it was given for (editable), when and where it was
//! approved; retirable (kept, never reused) and removable. All of it shown as text.

use trustdraft_core::Answer;
use trustdraft_core::Entry;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Its place in the library.
    pub index: usize,
    pub entry: Entry,
    pub on_action: Callback<Action>,
}

/// What an entry cites, with each row's status when it was approved.
fn cites(entry: &Entry) -> String {
    let cites: Vec<String> = entry
        .citations
        .iter()
        .map(|c| match &c.status {
            Some(s) => format!("{} [{}]", c.reference, s.label()),
            None => c.reference.clone(),
        })
        .collect();
    if cites.is_empty() {
        "—".to_string()
    } else {
        cites.join(", ")
    }
}

#[function_component(LibraryRow)]
pub fn library_row(props: &Props) -> Html {
    let (i, e) = (props.index, &props.entry);
    let on_answer = {
        let (e, on_action) = (e.clone(), props.on_action.clone());
        Callback::from(move |ev: Event| {
            let v = ev.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(answer) = Answer::parse(&v) {
                on_action.emit(Action::LibraryEdit(i, Entry { answer, choice: None, ..e.clone() }));
            }
        })
    };
    let on_text = {
        let e = e.clone();
        props.on_action.reform(move |ev: Event| {
            let text = ev.target_unchecked_into::<HtmlTextAreaElement>().value();
            Action::LibraryEdit(i, Entry { text, ..e.clone() })
        })
    };
    let on_scope = {
        let e = e.clone();
        props.on_action.reform(move |ev: Event| {
            let scope = ev.target_unchecked_into::<HtmlInputElement>().value().trim().to_string();
            Action::LibraryEdit(i, Entry { scope, ..e.clone() })
        })
    };
    let retired = !e.retired.is_empty();
    let on_retire = props.on_action.reform(move |_: MouseEvent| Action::LibraryRetire(i, !retired));
    let on_remove = {
        let (q, on_action) = (e.question.clone(), props.on_action.clone());
        Callback::from(move |_: MouseEvent| {
            if gloo::dialogs::confirm(&format!("Remove the approved answer to “{q}” from the library?")) {
                on_action.emit(Action::LibraryRemove(i));
            }
        })
    };
    html! {
        <tr data-question={e.question.clone()} class={classes!(retired.then_some("retired"))}>
            <th scope="row">{ e.question.clone() }
                { if retired { html! { <span class="context retired-note">{ format!("retired {}: never reused", e.retired) }</span> } } else { html! {} } }
                { if e.refs.is_empty() { html! {} } else { html! { <span class="context">{ format!("refs: {}", e.refs.join(", ")) }</span> } } }
            </th>
            <td>
                <select aria-label={format!("Answer to {}", e.question)} onchange={on_answer}>
                    { for Answer::ALL.iter().map(|a| html! { <option value={a.as_str()} selected={*a == e.answer}>{ a.label() }</option> }) }
                </select>
                { e.choice.as_ref().map(|c| html! { <span class="context">{ format!("written as “{c}”") }</span> }) }
            </td>
            <td><textarea aria-label={format!("Approved text for {}", e.question)} rows="3" value={e.text.clone()} onchange={on_text} /></td>
            <td>{ cites(e) }</td>
            <td><input type="text" value={e.scope.clone()} onchange={on_scope} placeholder="any product" aria-label={format!("Product or service for {}", e.question)} /></td>
            <td>{ e.approved.clone() }<span class="context">{ e.source.clone() }</span></td>
            <td>
                <button type="button" onclick={on_retire} aria-label={format!("{} {}", if retired { "Reuse" } else { "Retire" }, e.question)}>{ if retired { "Reuse again" } else { "Retire" } }</button>
                <button type="button" class="danger" onclick={on_remove} aria-label={format!("Remove {}", e.question)}>{ "Remove" }</button>
            </td>
        </tr>
    }
}
