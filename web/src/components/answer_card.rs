//! A drafted answer: the answer word, the text, and the rows and evidence it rests on.

use trustdraft_core::{Answer, Draft};
use yew::prelude::*;

use crate::components::{evidence_link, StatusBadge};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub draft: Draft,
}

#[function_component(AnswerCard)]
pub fn answer_card(props: &Props) -> Html {
    let d = &props.draft;
    let class = match d.answer {
        Answer::Yes => "answer-yes",
        Answer::No => "answer-no",
        Answer::Partial => "answer-partial",
        Answer::NotApplicable => "answer-na",
        Answer::NeedsReview => "answer-review",
    };
    let word = match d.answer {
        Answer::NeedsReview => "Not covered by the published posture".to_string(),
        a => a.label().to_string(),
    };
    html! {
        <section class={classes!("answer", class)} aria-labelledby="answer-word" data-answer={d.answer.as_str()}>
            <p class="answer-word" id="answer-word">
                <span class="answer-label">{ "Answer: " }</span>{ word }
                <span class="answer-band">{ format!(" · {} confidence", d.band().label()) }</span>
            </p>
            { if d.text.is_empty() {
                html! { <p>{ "Nothing in the posture answers this question. Ask the company directly." }</p> }
            } else {
                html! { <p class="answer-text">{ d.text.clone() }</p> }
            } }
            { (!d.support.is_empty()).then(|| html! {
                <ul class="why" aria-label="Why this answer">{ for d.support.lines().into_iter().map(|l| html! { <li>{ l }</li> }) }</ul>
            }) }
            { (!d.citations.is_empty()).then(|| html! {
                <>
                    <h2 class="based-on">{ "Based on" }</h2>
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
