//! The answer library: every approved answer, browsable, editable, exportable and importable
//! (CSV and JSON). Drafting looks here first.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::LibraryRow;
use crate::services::{export, tasks};
use crate::state::{make_callback, State};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: UseReducerHandle<State>,
}

#[function_component(LibraryPage)]
pub fn library_page(props: &Props) -> Html {
    let state = &props.state;
    let dispatch = state.dispatcher();
    let library = state.library.clone();
    let needle = use_state(String::new);

    let on_filter = {
        let needle = needle.clone();
        Callback::from(move |e: InputEvent| needle.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_csv = {
        let (library, d) = (library.clone(), dispatch.clone());
        Callback::from(move |_: MouseEvent| export::library_csv(&library, &d))
    };
    let on_json = {
        let (library, d) = (library.clone(), dispatch.clone());
        Callback::from(move |_: MouseEvent| export::library_json(&library, &d))
    };
    let on_import = {
        let d = dispatch.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            tasks::import_library(file, d.clone());
        })
    };

    let filter = needle.trim().to_lowercase();
    let on_action = make_callback(&dispatch, |a| a);
    let rows = library.entries.iter().enumerate().filter(|(_, e)| {
        filter.is_empty() || e.question.to_lowercase().contains(&filter) || e.text.to_lowercase().contains(&filter)
    });
    let table = html! {
        <div class="table-wrap">
            <table class="library">
                <caption>{ "Approved answers" }</caption>
                <thead><tr>
                    <th scope="col">{ "Question" }</th><th scope="col">{ "Answer" }</th><th scope="col">{ "Text" }</th>
                    <th scope="col">{ "Cites (status when approved)" }</th><th scope="col">{ "Approved" }</th><th scope="col">{ "" }</th>
                </tr></thead>
                <tbody>{ for rows.map(|(index, entry)| html! {
                    <LibraryRow {index} entry={entry.clone()} on_action={on_action.clone()} />
                }) }</tbody>
            </table>
        </div>
    };

    html! {
        <section aria-labelledby="library-title">
            <h1 id="library-title">{ "Answer library" }</h1>
            <p>{ "Every answer you approve is kept here, in this browser. When the same or a near-identical question comes again, drafting reuses it (marked “from library”, above any fresh draft). If a row it cites has changed status since, the question is flagged for review instead." }</p>
            <div class="library-tools">
                <p data-testid="library-count">{ format!("{} approved answer{}", library.len(), if library.len() == 1 { "" } else { "s" }) }</p>
                <label for="library-filter">{ "Find" }</label>
                <input id="library-filter" type="search" value={(*needle).clone()} oninput={on_filter} />
                <button type="button" onclick={on_csv} disabled={library.is_empty()}>{ "Export CSV" }</button>
                <button type="button" onclick={on_json} disabled={library.is_empty()}>{ "Export JSON" }</button>
                <label for="library-import" class="button-like">{ "Import CSV or JSON" }</label>
                <input id="library-import" type="file" accept=".csv,.json" onchange={on_import} />
            </div>
            { if library.is_empty() {
                html! { <p class="muted">{ "No approved answers yet: approve drafts on the Questionnaire page, or import a library." }</p> }
            } else {
                table
            } }
        </section>
    }
}
