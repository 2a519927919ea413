//! The review table's filters and bulk approval.

use trustdraft_core::{Answer, Band};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::kind::band_label;
use crate::state::Filter;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub filter: Filter,
    /// Sheet names and domains to filter by.
    pub groups: Vec<String>,
    pub shown: usize,
    pub on_filter: Callback<Filter>,
    pub on_approve_shown: Callback<()>,
}

#[function_component(ReviewFilters)]
pub fn review_filters(props: &Props) -> Html {
    let update = |f: fn(&mut Filter, String)| {
        let filter = props.filter.clone();
        let on_filter = props.on_filter.clone();
        Callback::from(move |value: String| {
            let mut next = filter.clone();
            f(&mut next, value);
            on_filter.emit(next);
        })
    };
    let select = |cb: Callback<String>| {
        Callback::from(move |e: Event| cb.emit(e.target_unchecked_into::<HtmlSelectElement>().value()))
    };
    let text = update(|f, v| f.text = v);
    let oninput = Callback::from(move |e: InputEvent| text.emit(e.target_unchecked_into::<HtmlInputElement>().value()));
    let answer = select(update(|f, v| f.answer = Answer::parse(&v)));
    let band = select(update(|f, v| {
        f.band = match v.as_str() {
            "high" => Some(Band::High),
            "medium" => Some(Band::Medium),
            "low" => Some(Band::Low),
            "library" => Some(Band::Library),
            _ => None,
        }
    }));
    let group = select(update(|f, v| f.sheet = (!v.is_empty()).then_some(v)));
    let check = |f: fn(&mut Filter, bool)| {
        let filter = props.filter.clone();
        let on_filter = props.on_filter.clone();
        Callback::from(move |e: Event| {
            let mut next = filter.clone();
            f(&mut next, e.target_unchecked_into::<HtmlInputElement>().checked());
            on_filter.emit(next);
        })
    };
    let f = &props.filter;
    html! {
        <div class="review-filters" role="search" aria-label="Filter the drafts">
            <div>
                <label for="filter-text">{ "Find" }</label>
                <input id="filter-text" type="search" value={f.text.clone()} {oninput} placeholder="id, question or answer text" />
            </div>
            <div>
                <label for="filter-answer">{ "Answer" }</label>
                <select id="filter-answer" onchange={answer}>
                    <option value="" selected={f.answer.is_none()}>{ "all" }</option>
                    { for Answer::ALL.iter().map(|a| html! {
                        <option value={a.as_str()} selected={f.answer == Some(*a)}>{ a.label() }</option>
                    }) }
                </select>
            </div>
            <div>
                <label for="filter-band">{ "Band" }</label>
                <select id="filter-band" onchange={band}>
                    <option value="" selected={f.band.is_none()}>{ "all" }</option>
                    { for [Band::Low, Band::Medium, Band::High, Band::Library].iter().map(|b| html! {
                        <option value={b.label()} selected={f.band == Some(*b)}>{ band_label(*b) }</option>
                    }) }
                </select>
            </div>
            { (props.groups.len() > 1).then(|| html! {
                <div>
                    <label for="filter-group">{ "Sheet or domain" }</label>
                    <select id="filter-group" onchange={group}>
                        <option value="" selected={f.sheet.is_none()}>{ "all" }</option>
                        { for props.groups.iter().map(|g| html! {
                            <option value={g.clone()} selected={f.sheet.as_ref() == Some(g)}>{ g.clone() }</option>
                        }) }
                    </select>
                </div>
            }) }
            <div class="checks">
                <label><input type="checkbox" checked={f.doubtful_first} onchange={check(|f, v| f.doubtful_first = v)} />{ " Doubtful first (suggestions before assertions)" }</label>
                <label><input type="checkbox" checked={f.hide_approved} onchange={check(|f, v| f.hide_approved = v)} />{ " Hide approved" }</label>
            </div>
            <button type="button" onclick={props.on_approve_shown.reform(|_: MouseEvent| ())}>
                { format!("Approve the {} shown", props.shown) }
            </button>
        </div>
    }
}
