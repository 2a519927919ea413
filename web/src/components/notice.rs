//! A message for the user: errors in an alert, confirmations in a status region.

use yew::prelude::*;

use crate::state::Notice;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub notice: Option<Notice>,
    pub on_dismiss: Callback<()>,
}

#[function_component(NoticeBar)]
pub fn notice_bar(props: &Props) -> Html {
    let Some(notice) = &props.notice else {
        return html! { <div class="notice-slot" role="status" aria-live="polite"></div> };
    };
    let dismiss = props.on_dismiss.reform(|_: MouseEvent| ());
    let (class, role) = if notice.error { ("notice notice-error", "alert") } else { ("notice notice-ok", "status") };
    html! {
        <div class={class} role={role} aria-live={if notice.error { "assertive" } else { "polite" }}>
            <p><span aria-hidden="true">{ if notice.error { "⚠ " } else { "✓ " } }</span>{ notice.text.clone() }</p>
            <button type="button" class="link" onclick={dismiss}>{ "Dismiss" }</button>
        </div>
    }
}
