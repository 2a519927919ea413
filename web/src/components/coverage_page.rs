//! The Coverage page: ISO/IEC 27001:2022 Annex A by theme and the clauses 4–10 of both
//! standards, each cell Met / Partial / gap in words and pattern; a cell opens its rows.

use trustdraft_core::{ControlCoverage, EntryKind};
use trustdraft_core::{ControlId, Standard, Status};
use yew::prelude::*;

use crate::components::StatusBadge;
use crate::hooks::use_engine;

/// The word and CSS class of a cell.
fn cell_state(c: &ControlCoverage) -> (&'static str, &'static str) {
    match &c.status {
        None => ("Gap", "cov-gap"),
        Some(Status::Met) => ("Met", "cov-met"),
        Some(Status::Partial) => ("Partial", "cov-partial"),
        Some(Status::NotMet) => ("Not met", "cov-notmet"),
        Some(Status::Planned) => ("Planned", "cov-planned"),
        Some(Status::NotApplicable) => ("N/A", "cov-na"),
        Some(Status::Unstated) => ("No status stated", "cov-other"),
        Some(Status::Other(_)) => ("Other", "cov-other"),
    }
}

fn counts(cells: &[&ControlCoverage]) -> String {
    let mut parts: Vec<(String, usize)> = Vec::new();
    for c in cells {
        let (word, _) = cell_state(c);
        match parts.iter_mut().find(|(w, _)| w == word) {
            Some(p) => p.1 += 1,
            None => parts.push((word.to_string(), 1)),
        }
    }
    let order = ["Met", "Partial", "Not met", "Planned", "N/A", "Other", "Gap"];
    parts.sort_by_key(|(w, _)| order.iter().position(|o| o == w));
    parts.iter().map(|(w, n)| format!("{n} {w}")).collect::<Vec<_>>().join(" · ")
}

#[function_component(CoveragePage)]
pub fn coverage_page() -> Html {
    let selected = use_state(|| None::<ControlId>);
    let engine = use_engine();
    let engine = &engine.0;
    let open = use_state(super::status_banner::wide);
    let grid = |title: String, id: &str, cells: Vec<&ControlCoverage>| {
        let summary = counts(&cells);
        html! {
            <section class="coverage-group" aria-labelledby={id.to_string()}>
                <h3 id={id.to_string()}>{ title }</h3>
                <p class="coverage-counts">{ summary }</p>
                <ul class="coverage-grid">
                    { for cells.iter().map(|c| {
                        let (word, class) = cell_state(c);
                        let control = c.control.clone();
                        let selected = selected.clone();
                        let pressed = selected.as_ref() == Some(&c.control);
                        let onclick = Callback::from(move |_| selected.set(if pressed { None } else { Some(control.clone()) }));
                        html! {
                            <li>
                                <button type="button" class={classes!("cov-cell", class)} aria-pressed={pressed.to_string()}
                                    title={c.title.clone()} data-control={c.control.to_string()} {onclick}>
                                    <span class="cov-id">{ c.control.id.clone() }</span>
                                    <span class="cov-word">{ word }</span>
                                </button>
                            </li>
                        }
                    }) }
                </ul>
            </section>
        }
    };
    let annex: Vec<(String, &str, Vec<&ControlCoverage>)> =
        [("A.5", "Organisational"), ("A.6", "People"), ("A.7", "Physical"), ("A.8", "Technological")]
            .iter()
            .map(|(theme, name)| {
                let cells: Vec<&ControlCoverage> = engine
                    .coverage()
                    .iter()
                    .filter(|c| c.kind == EntryKind::Control && c.control.id.starts_with(&format!("{theme}.")))
                    .collect();
                (format!("{theme} {name} controls"), *theme, cells)
            })
            .collect();
    let clauses = |standard: Standard| -> Vec<&ControlCoverage> {
        engine
            .coverage()
            .iter()
            .filter(|c| c.control.standard == standard && c.kind == EntryKind::Clause && !c.control.id.contains('.'))
            .collect()
    };
    let all_annex: Vec<&ControlCoverage> = annex.iter().flat_map(|(_, _, c)| c.iter().copied()).collect();
    let detail = selected.as_ref().and_then(|id| engine.coverage().iter().find(|c| &c.control == id)).map(|c| {
        let (word, _) = cell_state(c);
        html! {
            <section class="coverage-detail" aria-live="polite" aria-labelledby="coverage-detail-title">
                <h2 id="coverage-detail-title">{ format!("{} {} — {}", c.control, c.title, word) }</h2>
                { if c.rows.is_empty() {
                    html! { <p>{ "No row of the posture covers this control." }</p> }
                } else { html! {
                    <ul>{ for c.rows.iter().map(|&r| {
                        let row = &engine.posture().rows[r];
                        html! {
                            <li>
                                <strong>{ row.reference.clone() }</strong>{ " " }<StatusBadge status={row.status.clone()} />
                                { format!(" {} — {}", row.requirement, row.text) }
                                <span class="where">{ format!(" ({} › {})", row.page, row.section) }</span>
                            </li>
                        }
                    }) }</ul>
                } } }
            </section>
        }
    });
    html! {
        <section aria-labelledby="coverage-title" class="coverage">
            <h1 id="coverage-title">{ "Coverage" }</h1>
            // Each page's status line; its paragraph folds under it on a phone, so that the
            // grid is not pushed below two screens of prose.
            <div class="cert-status">
                { for engine.posture().pages.iter().map(|p| {
                    let title = html! {
                        <><strong>{ p.title.clone() }</strong>{ p.status_line.as_ref().map(|s| format!(" — {s}")) }</>
                    };
                    match &p.summary {
                        Some(s) => html! {
                            <details class="page-status" open={*open}>
                                <summary>{ title }</summary>
                                <p class="page-summary">{ s.clone() }</p>
                            </details>
                        },
                        None => html! { <p>{ title }</p> },
                    }
                }) }
            </div>
            <p class="legend" aria-label="Legend">
                <span class="cov-cell cov-met legend-cell">{ "Met" }</span>
                <span class="cov-cell cov-partial legend-cell">{ "Partial" }</span>
                <span class="cov-cell cov-gap legend-cell">{ "Gap: no row covers it" }</span>
            </p>
            { detail }
            <h2>{ format!("ISO/IEC 27001:2022 Annex A — {} controls", all_annex.len()) }</h2>
            <p class="coverage-counts" data-testid="annex-counts">{ counts(&all_annex) }</p>
            { for annex.into_iter().map(|(title, theme, cells)| grid(title, &format!("theme-{}", theme.replace('.', "-")), cells)) }
            <h2>{ "Management-system clauses 4–10" }</h2>
            { grid("ISO/IEC 27001:2022 clauses".into(), "clauses-27001", clauses(Standard::Iso27001)) }
            { grid("ISO 22301:2019 clauses".into(), "clauses-22301", clauses(Standard::Iso22301)) }
        </section>
    }
}
