//! The Posture page: every row, by page and table.

use trustdraft_core::ControlRow;
use yew::prelude::*;

use crate::app::EngineRef;
use crate::components::StatusBadge;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub engine: EngineRef,
}

fn row_view(row: &ControlRow) -> Html {
    let evidence: Vec<String> = row.evidence.iter().map(|e| e.to_string()).collect();
    let controls: Vec<String> = row.controls.iter().map(|c| c.id.clone()).collect();
    html! {
        <tr data-ref={row.reference.clone()}>
            <th scope="row">{ row.reference.clone() }
                { (!controls.is_empty() && controls.len() > 1).then(|| html! {
                    <span class="covers">{ format!("covers {}", controls.join(", ")) }</span>
                }) }
            </th>
            <td>{ row.requirement.clone() }</td>
            <td><StatusBadge status={row.status.clone()} /></td>
            <td>{ row.text.clone() }</td>
            <td>{ evidence.join("; ") }</td>
        </tr>
    }
}

#[function_component(PosturePage)]
pub fn posture_page(props: &Props) -> Html {
    let posture = &props.engine.0.posture;
    html! {
        <section aria-labelledby="posture-title">
            <h1 id="posture-title">{ "Posture" }</h1>
            { for posture.pages.iter().map(|page| html! {
                <section class="posture-page" aria-label={page.title.clone()}>
                    <h2>{ page.title.clone() }</h2>
                    { for page.sections.iter().filter(|s| s.rows > 0).map(|section| {
                        let rows = posture.rows.iter().filter(|r| r.page == page.title && r.section == section.heading);
                        html! {
                            <div class="table-wrap">
                                <table>
                                    <caption>{ section.heading.clone() }</caption>
                                    <thead><tr>
                                        <th scope="col">{ "Ref" }</th><th scope="col">{ "Requirement" }</th>
                                        <th scope="col">{ "Status" }</th><th scope="col">{ "How we meet it / gap" }</th>
                                        <th scope="col">{ "Evidence" }</th>
                                    </tr></thead>
                                    <tbody>{ for rows.map(row_view) }</tbody>
                                </table>
                            </div>
                        }
                    }) }
                </section>
            }) }
        </section>
    }
}
