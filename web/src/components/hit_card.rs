//! One search result: a control row, a passage, an evidence pointer or a catalog control.

use trustdraft_core::{DocRef, Hit};
use yew::prelude::*;

use crate::components::{evidence_link, Marked, StatusBadge};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub hit: Hit,
}

fn kind_label(doc: DocRef) -> &'static str {
    match doc {
        DocRef::Row(_) => "Control row",
        DocRef::Passage(_) => "Page text",
        DocRef::Pointer(_) => "Evidence",
        DocRef::Control(_) => "ISO control",
    }
}

#[function_component(HitCard)]
pub fn hit_card(props: &Props) -> Html {
    let hit = &props.hit;
    let location = match (&hit.page, &hit.section) {
        (Some(page), Some(section)) if page == section => html! { <p class="where">{ page.clone() }</p> },
        (Some(page), Some(section)) => html! { <p class="where">{ format!("{page} › {section}") }</p> },
        _ => html! {},
    };
    let evidence = if hit.evidence.is_empty() {
        html! {}
    } else {
        html! {
            <ul class="evidence" aria-label="Evidence">
                { for hit.evidence.iter().map(|e| {
                    let body = html! { <span>{ evidence_link(&e.to_string()) }</span> };
                    html! { <li><span class="evidence-kind">{ e.kind.label() }{ ": " }</span>{ body }</li> }
                }) }
            </ul>
        }
    };
    html! {
        <li class={classes!("hit", matches!(hit.doc, DocRef::Row(_)).then_some("hit-row"))} data-ref={hit.reference.clone()}>
            <p class="hit-head">
                <span class="kind">{ kind_label(hit.doc) }</span>
                <span class="ref">{ hit.reference.clone() }</span>
                { hit.status.clone().map(|status| html! { <StatusBadge {status} /> }) }
                <span class="title">{ hit.title.clone() }</span>
            </p>
            { location }
            <p class="text"><Marked text={hit.text.clone()} marks={hit.marks.clone()} /></p>
            { evidence }
        </li>
    }
}
