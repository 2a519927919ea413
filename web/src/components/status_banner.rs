//! Each posture page's certification status, in the page's own words.

use yew::prelude::*;

use crate::app::EngineRef;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub engine: EngineRef,
}

#[function_component(StatusBanner)]
pub fn status_banner(props: &Props) -> Html {
    let pages = &props.engine.0.posture.pages;
    html! {
        <section class="status-banner" aria-label="Certification status">
            { for pages.iter().map(|page| html! {
                <div class="page-status">
                    <p class="page-status-title"><strong>{ page.title.clone() }</strong>
                        { page.status_line.as_ref().map(|s| html! { <>{ " — Status: " }{ s.clone() }</> }) }
                    </p>
                    { page.summary.as_ref().map(|s| html! { <p class="page-summary">{ s.clone() }</p> }) }
                </div>
            }) }
        </section>
    }
}
