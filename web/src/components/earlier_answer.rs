//! An earlier answer found in the library for a question, as the review shows it: the earlier
//! question beside the new one, where it came from, how it matched and how closely, the product
//! it was given for, why it is only a suggestion, cited rows changed since, and the earlier
//! answers that disagree with it. Everything in it was written by someone else: shown as text.

use trustdraft_core::model::{LibraryUse, Match};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The new question.
    pub question: String,
    pub found: LibraryUse,
}

/// How an earlier answer matched, in words.
pub fn match_words(m: Match) -> &'static str {
    match m {
        Match::Same => "same question",
        Match::Close => "other wording",
        Match::Related => "related: answers the same controls",
    }
}

/// `reused`, `suggestion: …`, `conflict` or `review: a cited row changed`.
pub fn verdict(found: &LibraryUse) -> String {
    if found.is_reused() {
        "reused as the answer".to_string()
    } else if !found.conflicts.is_empty() {
        "not reused: earlier answers disagree".to_string()
    } else if !found.changed.is_empty() {
        "not reused: a cited row changed since".to_string()
    } else {
        match found.suggestion.as_deref() {
            // The match line already says it is other wording, and how close.
            Some(s) if s.starts_with("other wording") => "only a suggestion, not reused".to_string(),
            Some(s) => format!("only a suggestion: {s}"),
            None => "only a suggestion: check it".to_string(),
        }
    }
}

#[function_component(EarlierAnswer)]
pub fn earlier_answer(props: &Props) -> Html {
    let f = &props.found;
    let scope = if f.scope.is_empty() { "any product".to_string() } else { f.scope.clone() };
    let answer = f.answer.map(|a| a.label().to_string()).unwrap_or_default();
    html! {
        <div class={classes!("earlier-answer", f.needs_look().then_some("needs-look"))} data-testid="earlier-answer">
            <dl>
                <dt>{ "This question" }</dt><dd>{ props.question.clone() }</dd>
                <dt>{ "Answered before" }</dt><dd>{ f.question.clone() }</dd>
                <dt>{ "Earlier answer" }</dt><dd>{ answer }{ if f.text.is_empty() { String::new() } else { format!(" — {}", f.text) } }</dd>
                <dt>{ "Match" }</dt><dd>{ format!("{} (score {:.2}); {}", match_words(f.matched), f.score, verdict(f)) }</dd>
                <dt>{ "Given for" }</dt><dd>{ scope }</dd>
                <dt>{ "From" }</dt><dd>{ format!("{}, {}", f.source, f.approved) }</dd>
            </dl>
            { for f.changed.iter().map(|c| html! { <p class="flag">{ format!("⚑ {}", c.describe()) }</p> }) }
            { if f.conflicts.is_empty() { html! {} } else { html! {
                <ul class="conflicts" aria-label="Earlier answers that disagree">
                    { for f.conflicts.iter().map(|c| html! {
                        <li>{ format!("{}: “{}” ({}, {}{})", c.answer.label(), c.question, c.source, c.approved,
                            if c.scope.is_empty() { String::new() } else { format!(", for {}", c.scope) }) }
                            { if c.text.is_empty() { html! {} } else { html! { <span class="context">{ c.text.clone() }</span> } } }
                        </li>
                    }) }
                </ul>
            } } }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use trustdraft_core::Answer;

    fn found() -> LibraryUse {
        serde_json::from_value(serde_json::json!({
            "matched": "close", "question": "Is MFA enforced for admins?", "approved": "2026-05-01",
            "source": "caiq.xlsx › IAM-01", "score": 0.72, "answer": "yes", "suggestion": "other wording"
        }))
        .unwrap()
    }

    #[test]
    fn a_suggestion_says_why_and_a_conflict_is_never_reused() {
        assert_eq!(verdict(&found()), "only a suggestion, not reused");
        let mut f = found();
        f.suggestion = None;
        assert_eq!(verdict(&f), "reused as the answer");
        f.conflicts = vec![serde_json::from_value(serde_json::json!({
            "question": "Is MFA enforced?", "answer": "no", "source": "hecvat.xlsx › 2", "approved": ""
        }))
        .unwrap()];
        assert_eq!(f.conflicts[0].answer, Answer::No);
        assert_eq!(verdict(&f), "not reused: earlier answers disagree");
    }
}
