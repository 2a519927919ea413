//! The page navigation.

use yew::prelude::*;

use crate::route::Route;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub route: Route,
}

#[function_component(Nav)]
pub fn nav(props: &Props) -> Html {
    html! {
        <nav aria-label="Pages">
            <ul>
                { for Route::ALL.iter().map(|&r| {
                    let current = (r == props.route).then_some("page");
                    html! { <li><a href={r.hash()} aria-current={current}>{ r.label() }</a></li> }
                }) }
            </ul>
        </nav>
    }
}
