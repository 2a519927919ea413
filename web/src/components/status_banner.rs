//! Each posture page's certification status, in the page's own words: the status line always
//! shown, the page's paragraph on certification folded on a narrow screen (a phone) so that
//! the Ask box stays on the first screen, a tap away.

use yew::prelude::*;

use crate::hooks::use_engine;

/// Whether the window is wide enough to show every page's paragraph at once (a phone is not).
pub(crate) fn wide() -> bool {
    gloo::utils::window().match_media("(min-width: 48rem)").ok().flatten().is_none_or(|m| m.matches())
}

#[function_component(StatusBanner)]
pub fn status_banner() -> Html {
    let engine = use_engine();
    let pages = &engine.0.posture().pages;
    let open = use_state(wide);
    html! {
        <section class="status-banner" aria-label="Certification status">
            { for pages.iter().map(|page| {
                let title = html! {
                    <>
                        <strong>{ page.title.clone() }</strong>
                        { page.status_line.as_ref().map(|s| html! { <>{ " — Status: " }{ s.clone() }</> }) }
                    </>
                };
                match &page.summary {
                    Some(s) => html! {
                        <details class="page-status" open={*open}>
                            <summary class="page-status-title">{ title }</summary>
                            <p class="page-summary">{ s.clone() }</p>
                        </details>
                    },
                    None => html! { <div class="page-status"><p class="page-status-title">{ title }</p></div> },
                }
            }) }
        </section>
    }
}
