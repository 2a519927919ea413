//! The drafting progress bar, announced to screen readers.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub done: usize,
    pub total: usize,
    pub drafting: bool,
}

#[function_component(DraftProgress)]
pub fn draft_progress(props: &Props) -> Html {
    let text = if props.drafting {
        format!("Drafting: {} of {} questions", props.done, props.total)
    } else {
        format!("Drafted {} of {} questions", props.done, props.total)
    };
    // Announce at most every tenth of the way, not every slice.
    let step = (props.total / 10).max(1);
    let announced = if props.drafting {
        format!("Drafting: {} of {}", props.done / step * step, props.total)
    } else {
        text.clone()
    };
    html! {
        <div class="progress">
            <progress id="draft-progress" max={props.total.to_string()} value={props.done.to_string()} aria-label="Drafting progress"></progress>
            <span aria-hidden="true">{ text }</span>
            <span class="visually-hidden" role="status" aria-live="polite">{ announced }</span>
        </div>
    }
}
