//! The banner over work opened from a vendor's answer pack: whose posture it is, as the pages
//! name themselves (the pack's own `vendor` field shown only as its claim), whether its answers
//! agree with that posture, its fingerprint, and what opening it left out.

use trustdraft_core::model::PackInfo;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub info: PackInfo,
    /// How many answers it holds.
    pub answers: usize,
    /// The questionnaire they answer.
    pub questionnaire: AttrValue,
}

/// `sha256:3f9a12bc…` as `3f9a 12bc 9e0d 77aa`: enough to compare two packs by eye.
fn short(fingerprint: &str) -> String {
    let hex = fingerprint.trim_start_matches("sha256:");
    let head: Vec<String> = hex.as_bytes().chunks(4).take(4).map(|c| String::from_utf8_lossy(c).into_owned()).collect();
    head.join(" ")
}

#[function_component(PackBanner)]
pub fn pack_banner(props: &Props) -> Html {
    let info = &props.info;
    let s = |n: usize| if n == 1 { "" } else { "s" };
    let Some(check) = &info.check else {
        return html! {
            <section class="pack-banner" aria-label="Answer pack" data-testid="pack-banner">
                <h2>{ "Answer pack" }</h2>
                <p>{ "Checking the pack's answers against its posture…" }</p>
            </section>
        };
    };
    let named = check.named_by_pages.clone();
    let contradicted = check.contradicted();
    let claim = (info.vendor.trim() != named).then(|| {
        html! {
            <p class="pack-claim" data-testid="pack-claim">
                { format!("The pack says it comes from \u{201c}{}\u{201d}. That is the pack's own claim: nothing checks who made a pack, and its pages name {named}.", info.vendor) }
            </p>
        }
    });
    let verdict = if contradicted == 0 {
        html! {
            <p class="pack-agrees" data-testid="pack-verdict">
                { "Every answer's citations agree with the posture in the pack (rows, statuses, evidence and controls checked when it was opened)." }
            </p>
        }
    } else {
        html! {
            <p class="pack-contradicted" role="alert" data-testid="pack-verdict">
                <span aria-hidden="true">{ "✖ " }</span>
                { format!("{contradicted} of {} answer{} contradict{} the posture in the pack: each is marked in red below, in words.", props.answers, s(props.answers), if contradicted == 1 { "s" } else { "" }) }
            </p>
        }
    };
    let fingerprint = html! {
        <p class="pack-fingerprint">
            { "Posture fingerprint (SHA-256 of its pages): " }
            <code title={check.fingerprint.clone()} data-testid="pack-fingerprint">{ short(&check.fingerprint) }</code>
            { check.stated_fingerprint.as_ref().map(|stated| html! {
                <span class="error">{ format!(" — the pack states {}: its pages were changed after it was made.", short(stated)) }</span>
            }) }
        </p>
    };
    let notes = (!check.notes.is_empty()).then(|| {
        html! {
            <details open=true class="diagnostics" data-testid="pack-notes">
                <summary>{ format!("{} note{} on the pack's pages", check.notes.len(), s(check.notes.len())) }</summary>
                <ul>{ for check.notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }</ul>
            </details>
        }
    });
    html! {
        <section class="pack-banner" aria-label="Answer pack" data-testid="pack-banner">
            <h2>{ format!("Answer pack on {named}'s posture") }</h2>
            <p>{ format!(
                "{} answer{} to {}, approved by whoever made the pack (it says: with trustdraft {} on {}). Their citations point into the posture the pack carries, which Ask, Coverage and Posture now show; ask it anything further. Nothing here is uploaded.",
                props.answers, s(props.answers), props.questionnaire, info.app_version, info.created
            ) }</p>
            { claim }
            { verdict }
            { fingerprint }
            { notes }
        </section>
    }
}
