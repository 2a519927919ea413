//! What a draft rests on, at a glance: the rows it cites (ref and status) and the words of the
//! question no row states, marked. Shown beside every draft that cites a row, so a suggestion
//! puts its evidence and its gaps in front of the reviewer without opening anything. A question
//! no row answers still shows the rows that state some of its words ("Rows that touch it"), so
//! the reviewer starts from the posture rather than from nothing.

use trustdraft_core::Draft;
use yew::prelude::*;

use crate::components::StatusBadge;

/// The cited rows (or, when none is cited, the rows that state some of its words) and the
/// unstated words of `d` (nothing for a draft with none of them).
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
    let touching = (d.citations.is_empty() && !d.support.stated.is_empty()).then(|| {
        html! {
            <p class="touching" data-testid="touching">
                <span class="reading-label">{ "Rows that touch it (none answers it): " }</span>
                { for d.support.stated.iter().enumerate().map(|(n, s)| html! {
                    <>
                        { (n > 0).then(|| html! { { "; " } }) }
                        <span class="cited-row"><strong>{ s.reference.clone() }</strong>{ format!(" states “{}”", s.words.join("”, “")) }</span>
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
    html! { <>{ rows }{ touching }{ missing }</> }
}
