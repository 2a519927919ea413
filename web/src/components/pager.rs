//! The pages of the review table: previous, where, next (nothing when all drafts fit on one).
//! A view function, not a component: it holds no state, and a component costs the page module
//! several KB of yew's code.

use yew::prelude::*;

/// The pager for 0-based `page` of `pages`; `on_page` is asked for another.
pub fn pager(page: usize, pages: usize, on_page: &Callback<usize>) -> Html {
    if pages <= 1 {
        return html! {};
    }
    let prev = on_page.reform(move |_: MouseEvent| page.saturating_sub(1));
    let next = on_page.reform(move |_: MouseEvent| page + 1);
    html! {
        <nav class="pager" aria-label="Pages of drafts">
            <button type="button" disabled={page == 0} onclick={prev}>{ "Previous" }</button>
            <span>{ format!("Page {} of {}", page + 1, pages) }</span>
            <button type="button" disabled={page + 1 >= pages} onclick={next}>{ "Next" }</button>
        </nav>
    }
}
