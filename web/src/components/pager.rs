//! The pages of the review table: previous, where, next (nothing when all drafts fit on one).

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// 0-based page shown, and how many there are.
    pub page: usize,
    pub pages: usize,
    pub on_page: Callback<usize>,
}

#[function_component(Pager)]
pub fn pager(props: &Props) -> Html {
    let (page, pages) = (props.page, props.pages);
    if pages <= 1 {
        return html! {};
    }
    let prev = props.on_page.reform(move |_: MouseEvent| page.saturating_sub(1));
    let next = props.on_page.reform(move |_: MouseEvent| page + 1);
    html! {
        <nav class="pager" aria-label="Pages of drafts">
            <button type="button" disabled={page == 0} onclick={prev}>{ "Previous" }</button>
            <span>{ format!("Page {} of {}", page + 1, pages) }</span>
            <button type="button" disabled={page + 1 >= pages} onclick={next}>{ "Next" }</button>
        </nav>
    }
}
