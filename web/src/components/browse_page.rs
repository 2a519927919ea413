//! The Posture page: which posture answers (and loading your own), every row by page and table, the recovery objectives, and every evidence
//! pointer with the rows that cite it.

use trustdraft_core::model::EvidenceKind;
use trustdraft_core::ControlRow;
use yew::prelude::*;

use crate::components::{evidence_link, StatusBadge};
use crate::hooks::use_engine;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub source: std::rc::Rc<crate::posture::PostureSource>,
    pub on_posture: Callback<crate::posture::PostureChange>,
    pub today: AttrValue,
}

fn row_view(row: &ControlRow) -> Html {
    let controls: Vec<String> = row.controls.iter().map(|c| c.id.clone()).collect();
    html! {
        <tr data-ref={row.reference.clone()}>
            <th scope="row">{ row.reference.clone() }
                { (controls.len() > 1).then(|| html! {
                    <span class="covers">{ format!("covers {}", controls.join(", ")) }</span>
                }) }
                { row.translated.as_ref().map(|t| html! { <span class="covers">{ format!("read as {t}") }</span> }) }
                { row.framework.as_ref().map(|f| html! { <span class="covers">{ f.clone() }</span> }) }
            </th>
            <td>{ row.requirement.clone() }</td>
            <td><StatusBadge status={row.status.clone()} /></td>
            <td>{ row.text.clone() }</td>
            <td><ul class="evidence">{ for row.evidence.iter().map(|e| html! { <li>{ evidence_link(&e.to_string()) }</li> }) }</ul></td>
        </tr>
    }
}

/// Rows of one table shown at first: a posture of thousands of rows renders at once, and the
/// rest are a click away.
const SHOWN_ROWS: usize = 200;

#[function_component(BrowsePage)]
pub fn browse_page(props: &Props) -> Html {
    let engine = use_engine();
    let posture = engine.0.posture();
    // Tables (page and heading) the user asked to see whole.
    let shown_all = use_state(Vec::<String>::new);
    let objectives = posture.recovery_objectives();
    html! {
        <section aria-labelledby="browse-title">
            <h1 id="browse-title">{ "Posture" }</h1>
            <crate::components::PostureLoader source={props.source.clone()} on_posture={props.on_posture.clone()} today={props.today.clone()} />
            <crate::components::StatusBanner />
            { for posture.pages.iter().map(|page| html! {
                <section class="posture-page" aria-label={page.title.clone()}>
                    <h2>{ page.title.clone() }</h2>
                    { page.status_line.as_ref().map(|s| html! { <p class="page-status-line">{ format!("Status: {s}") }</p> }) }
                    { for page.sections.iter().filter(|s| s.rows > 0).map(|section| {
                        let key = format!("{}\u{0}{}", page.title, section.heading);
                        let all = shown_all.contains(&key);
                        let rows = posture.rows.iter().filter(|r| r.page == page.title && r.section == section.heading);
                        let limit = if all { usize::MAX } else { SHOWN_ROWS };
                        let more = (section.rows > SHOWN_ROWS && !all).then(|| {
                            let shown_all = shown_all.clone();
                            let onclick = Callback::from(move |_: MouseEvent| {
                                let mut next = (*shown_all).clone();
                                next.push(key.clone());
                                shown_all.set(next);
                            });
                            html! { <p><button type="button" {onclick}>{ format!("Show all {} rows of this table", section.rows) }</button></p> }
                        });
                        html! {
                            <div class="table-wrap">
                                <table>
                                    <caption>{ section.heading.clone() }</caption>
                                    <thead><tr>
                                        <th scope="col">{ "Ref" }</th><th scope="col">{ "Requirement" }</th>
                                        <th scope="col">{ "Status" }</th><th scope="col">{ "How we meet it / gap" }</th>
                                        <th scope="col">{ "Evidence" }</th>
                                    </tr></thead>
                                    <tbody>{ for rows.take(limit).map(row_view) }</tbody>
                                </table>
                                { more }
                            </div>
                        }
                    }) }
                </section>
            }) }
            { (!objectives.is_empty()).then(|| html! {
                <section aria-labelledby="objectives-title">
                    <h2 id="objectives-title">{ "Recovery objectives" }</h2>
                    <div class="table-wrap">
                        <table class="objectives">
                            <caption>{ "Recovery time (RTO) and recovery point (RPO) objectives per surface" }</caption>
                            <thead><tr>
                                <th scope="col">{ "Surface" }</th><th scope="col">{ "RTO" }</th><th scope="col">{ "RPO" }</th>
                                <th scope="col">{ "Status" }</th><th scope="col">{ "Tested in DR scenarios" }</th>
                            </tr></thead>
                            <tbody>{ for objectives.iter().map(|o| html! {
                                <tr>
                                    <th scope="row">{ o.surface.clone() }<span class="covers">{ o.requirement.clone() }</span></th>
                                    <td>{ o.rto.clone().unwrap_or_else(|| "—".into()) }</td>
                                    <td>{ o.rpo.clone().unwrap_or_else(|| "—".into()) }</td>
                                    <td><StatusBadge status={o.status.clone()} /></td>
                                    <td>{ if o.tested_in.is_empty() { "—".to_string() } else { o.tested_in.join(", ") } }</td>
                                </tr>
                            }) }</tbody>
                        </table>
                    </div>
                </section>
            }) }
            <section aria-labelledby="evidence-title">
                <h2 id="evidence-title">{ format!("Evidence pointers ({})", posture.pointers.len()) }</h2>
                { for EvidenceKind::ALL.iter().map(|kind| {
                    let of_kind: Vec<_> = posture.pointers.iter().filter(|p| p.kind == *kind).collect();
                    html! {
                        <section class="evidence-kind-group" aria-label={kind.label()}>
                            <h3>{ format!("{} ({})", kind.label(), of_kind.len()) }</h3>
                            <dl class="pointers">
                                { for of_kind.iter().map(|p| {
                                    let shown = trustdraft_core::EvidenceRef { kind: p.kind, target: p.target.clone(), sections: vec![] }.to_string();
                                    let rows: Vec<String> = p.rows().map(|r| posture.rows[r].reference.clone()).collect();
                                    html! {
                                        <>
                                            <dt data-pointer={p.key()}>{ evidence_link(&shown) }</dt>
                                            <dd>{ if rows.is_empty() { "cited in the page text".to_string() } else { format!("cited by {}", rows.join(", ")) } }</dd>
                                        </>
                                    }
                                }) }
                            </dl>
                        </section>
                    }
                }) }
            </section>
        </section>
    }
}
