//! A row status shown as words and a symbol, never colour alone.

use trustdraft_core::Status;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub status: Status,
}

#[function_component(StatusBadge)]
pub fn status_badge(props: &Props) -> Html {
    let (class, symbol) = match props.status {
        Status::Met => ("met", "✓"),
        Status::Partial => ("partial", "◐"),
        Status::NotMet => ("not-met", "✗"),
        Status::Planned => ("planned", "…"),
        Status::NotApplicable => ("na", "–"),
        Status::Unstated => ("unstated", "?"),
        Status::Other(_) => ("other", "?"),
    };
    html! {
        <span class={classes!("status", format!("status-{class}"))}>
            <span aria-hidden="true">{ symbol }{ " " }</span>{ props.status.label().to_string() }
        </span>
    }
}
