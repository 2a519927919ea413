//! What a draft rests on, at a glance: the rows it cites (ref and status) and the words of the
//! question no row states, marked. Shown beside every draft that cites a row, so a suggestion
//! puts its evidence and its gaps in front of the reviewer without opening anything.

use trustdraft_core::Draft;
use yew::prelude::*;

use crate::components::StatusBadge;

/// The cited rows and the unstated words of `d` (nothing for a draft with neither).
pub fn reading(d: &Draft) -> Html {
    let rows = (!d.citations.is_empty()).then(|| {
        html! {
            <p class="rests-on" data-testid="rests-on">
                <span class="reading-label">{ "Rests on: " }</span>
                { for d.citations.iter().enumerate().map(|(n, c)| html! {
                    <>
                        { (n > 0).then(|| html! { { "; " } }) }
                        <span class="cited-row">
                            <strong>{ c.reference.clone() }</strong>
                            { c.status.clone().map(|status| html! { <>{ " " }<StatusBadge {status} /></> }) }
                        </span>
                    </>
                }) }
            </p>
        }
    });
    let missing = (!d.support.missing.is_empty()).then(|| {
        html! {
            <p class="unstated" data-testid="unstated">
                <span class="reading-label">{ "No row states: " }</span>
                { for d.support.missing.iter().enumerate().map(|(n, w)| html! {
                    <>{ (n > 0).then(|| html! { { ", " } }) }<mark>{ w.clone() }</mark></>
                }) }
            </p>
        }
    });
    html! { <>{ rows }{ missing }</> }
}
