//! Evidence or a citation as the page shows it: a link only when core's `link` says it
//! may be one (a path on this site, a plain e-mail address, an https URL with its host shown),
//! and plain text otherwise — whoever wrote it (a vendor's pack, an imported library, a page).

use trustdraft_core::{link, Link};
use yew::prelude::*;

/// `text` as a link where it may be one, else as text.
pub fn evidence_link(text: &str) -> Html {
    let Some(target) = link(text) else { return html! { { text.to_string() } } };
    let host = target.host_to_show(text).map(|h| html! { <span class="link-host">{ format!(" ({h})") }</span> });
    match &target {
        // Another site: the reader sees its host, and it learns nothing of this page.
        Link::Web { .. } => html! {
            <><a href={target.href()} rel="noopener noreferrer" referrerpolicy="no-referrer">{ text.to_string() }</a>{ host }</>
        },
        Link::SitePath(_) | Link::Mail(_) => html! { <a href={target.href()}>{ text.to_string() }</a> },
    }
}
