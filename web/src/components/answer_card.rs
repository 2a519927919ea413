//! A drafted answer: the answer word, the text, and the rows and evidence it rests on. Only an
//! assertion (or an answer approved earlier) is shown as the answer; a suggestion is shown as
//! what the posture says, not a confirmed answer, with its rows and the words no row states.

use trustdraft_core::{Answer, Draft};
use yew::prelude::*;

use crate::components::{evidence_link, reading, StatusBadge};
use crate::kind::Kind;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub draft: Draft,
}

/// The heading line: the answer (an assertion), "not a confirmed answer" (a suggestion), or not
/// covered.
fn heading(d: &Draft, kind: Kind) -> Html {
    match kind {
        Kind::NotCovered => html! {
            <p class="answer-word" id="answer-word">
                <span class="answer-label">{ "Answer: " }</span>{ "Not covered by the published posture" }
            </p>
        },
        Kind::Suggestion => html! {
            <p class="answer-word" id="answer-word">
                { "Not a confirmed answer" }
                <span class="answer-band">{ format!(" · {} confidence: the posture's closest rows, for the company to confirm", d.band().label()) }</span>
            </p>
        },
        _ => html! {
            <p class="answer-word" id="answer-word">
                <span class="answer-label">{ "Answer: " }</span>{ d.answer.label() }
                <span class="answer-band">{ format!(" · {} confidence", d.band().label()) }</span>
            </p>
        },
    }
}

/// The text: the answer's, or for a suggestion what the posture says, marked as unconfirmed.
fn body(d: &Draft, kind: Kind) -> Html {
    match kind {
        Kind::NotCovered => {
            html! { <p>{ "Nothing in the posture answers this question. Ask the company directly." }</p> }
        }
        Kind::Suggestion if d.text.is_empty() => html! {
            <p class="posture-says">{ "The posture has related rows but does not say this. Ask the company directly." }</p>
        },
        Kind::Suggestion => html! {
            <p class="posture-says">
                { "The posture says: " }<q class="answer-text">{ said(&d.text) }</q>{ " — not a confirmed answer." }
            </p>
        },
        _ => html! { <p class="answer-text">{ d.text.clone() }</p> },
    }
}

#[function_component(AnswerCard)]
pub fn answer_card(props: &Props) -> Html {
    let d = &props.draft;
    let kind = Kind::of_draft(d);
    let class = match (kind, d.answer) {
        (Kind::Suggestion, _) => "answer-suggestion",
        (_, Answer::Yes) => "answer-yes",
        (_, Answer::No) => "answer-no",
        (_, Answer::Partial) => "answer-partial",
        (_, Answer::NotApplicable) => "answer-na",
        (_, Answer::NeedsReview) => "answer-review",
    };
    html! {
        <section class={classes!("answer", class)} aria-labelledby="answer-word" data-answer={d.answer.as_str()} data-kind={kind.as_str()}>
            { heading(d, kind) }
            { body(d, kind) }
            { (kind == Kind::Suggestion).then(|| reading(d)) }
            { (!d.support.is_empty()).then(|| html! {
                <ul class="why" aria-label="Why this answer">{ for d.support.lines().into_iter().map(|l| html! { <li>{ l }</li> }) }</ul>
            }) }
            { (!d.citations.is_empty()).then(|| html! {
                <>
                    <h2 class="based-on">{ if kind == Kind::Suggestion { "Rows it rests on" } else { "Based on" } }</h2>
                    <ul class="citations">
                        { for d.citations.iter().map(|c| html! {
                            <li>
                                <strong>{ c.reference.clone() }</strong>
                                { c.status.clone().map(|status| html! { <>{ " " }<StatusBadge {status} /></> }) }
                                <span class="where">{ if c.section == c.page || c.section == c.reference { format!(" {}", c.page) } else { format!(" {} › {}", c.page, c.section) } }</span>
                                { (!c.evidence.is_empty()).then(|| html! {
                                    <ul class="evidence">{ for c.evidence.iter().map(|e| html! { <li>{ evidence_link(e) }</li> }) }</ul>
                                }) }
                            </li>
                        }) }
                    </ul>
                </>
            }) }
        </section>
    }
}

/// A suggestion's text as what the posture says: without the answer word drafting opens with
/// ("Partially.", "No."), which would read as the answer it is not.
fn said(text: &str) -> String {
    ["Partially. ", "No. "].iter().find_map(|w| text.strip_prefix(w)).unwrap_or(text).to_string()
}
