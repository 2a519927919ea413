//! The answer library: every approved answer and every earlier answer taken from a file,
//! browsable, editable, retirable, exportable. Files come in here too: answer libraries (CSV,
//! JSON) and filled questionnaires (xlsx, csv …), several at once, each asked the product its
//! answers were given for. Drafting looks here first.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::components::drop_zone::use_file_drop;
use crate::components::{LibraryRow, LibrarySources};
use crate::services::{export, tasks};
use crate::state::{make_callback, State};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: UseReducerHandle<State>,
}

/// Every file of a file list.
fn files_of(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

#[function_component(LibraryPage)]
pub fn library_page(props: &Props) -> Html {
    let state = &props.state;
    let dispatch = state.dispatcher();
    let library = state.library.clone();
    let needle = use_state(String::new);
    let scope = use_state(String::new);

    let on_filter = {
        let needle = needle.clone();
        Callback::from(move |e: InputEvent| needle.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_scope = {
        let scope = scope.clone();
        Callback::from(move |e: InputEvent| scope.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_csv = {
        let (library, d) = (library.clone(), dispatch.clone());
        Callback::from(move |_: MouseEvent| export::library_csv(&library, &d))
    };
    let on_json = {
        let (library, d) = (library.clone(), dispatch.clone());
        Callback::from(move |_: MouseEvent| export::library_json(&library, &d))
    };
    let on_files = {
        let (d, scope, today) = (dispatch.clone(), scope.clone(), state.today.clone());
        Callback::from(move |list: web_sys::FileList| {
            let files = files_of(Some(list));
            if !files.is_empty() {
                tasks::add_sources(files, (*scope).clone(), today.clone(), d.clone());
            }
        })
    };
    let on_import = {
        let on_files = on_files.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(list) = input.files() {
                on_files.emit(list);
            }
            input.set_value("");
        })
    };
    let drop = use_file_drop(on_files);

    let filter = needle.trim().to_lowercase();
    let on_action = make_callback(&dispatch, |a| a);
    let rows = library.entries.iter().enumerate().filter(|(_, e)| {
        filter.is_empty()
            || e.question.to_lowercase().contains(&filter)
            || e.text.to_lowercase().contains(&filter)
            || e.scope.to_lowercase().contains(&filter)
    });
    let retired = library.entries.iter().filter(|e| !e.retired.is_empty()).count();
    let table = html! {
        <div class="table-wrap">
            <table class="library">
                <caption>{ "Earlier answers" }</caption>
                <thead><tr>
                    <th scope="col">{ "Question" }</th><th scope="col">{ "Answer" }</th><th scope="col">{ "Text" }</th>
                    <th scope="col">{ "Cites (status when approved)" }</th><th scope="col">{ "Given for" }</th>
                    <th scope="col">{ "Approved" }</th><th scope="col">{ "" }</th>
                </tr></thead>
                <tbody>{ for rows.map(|(index, entry)| html! {
                    <LibraryRow {index} entry={entry.clone()} on_action={on_action.clone()} />
                }) }</tbody>
            </table>
        </div>
    };
    let count = format!(
        "{} approved answer{}{}",
        library.len(),
        if library.len() == 1 { "" } else { "s" },
        if retired == 0 { String::new() } else { format!(" ({retired} retired: never reused)") }
    );

    html! {
        <section aria-labelledby="library-title">
            <h1 id="library-title">{ "Answer library" }</h1>
            <p>{ "Every answer you approve is kept here, in this browser, and so are the answers of the filled questionnaires you add (last year's CAIQ, a HECVAT sent elsewhere). Drafting looks here first: the same question (or other words of certain meaning) reuses the answer (marked “from library”); other wording, a related answer or two answers that disagree are shown beside the fresh draft for you to judge. Each answer records the product or service it was given for; here every answer is offered for the questionnaire at hand (the command line's --scope keeps another product's answers from being reused). A retired answer is kept but never reused." }</p>
            <div class={classes!("library-add", drop.over.then_some("over"))} data-testid="library-drop"
                ondragover={drop.ondragover} ondragleave={drop.ondragleave} ondrop={drop.ondrop}>
                <label for="library-scope">{ "Product or service these answers were given for" }</label>
                <input id="library-scope" type="text" value={(*scope).clone()} oninput={on_scope}
                    placeholder="blank: as the file records, or a questionnaire's file name" />
                <label for="library-import" class="button-like">{ "Add filled questionnaires or libraries" }</label>
                <input id="library-import" type="file" multiple=true accept=".xlsx,.xlsm,.xls,.ods,.csv,.json" onchange={on_import} />
                <span class="muted">{ " or drop them here (.xlsx, .csv, library .json)" }</span>
            </div>
            <LibrarySources sources={state.sources.clone()} on_action={on_action.clone()} />
            <div class="library-tools">
                <p data-testid="library-count">{ count }</p>
                <label for="library-filter">{ "Find" }</label>
                <input id="library-filter" type="search" value={(*needle).clone()} oninput={on_filter} />
                <button type="button" onclick={on_csv} disabled={library.is_empty()}>{ "Export CSV" }</button>
                <button type="button" onclick={on_json} disabled={library.is_empty()}>{ "Export JSON" }</button>
            </div>
            { if library.is_empty() {
                html! { <p class="muted">{ "No answers yet: approve drafts on the Questionnaire page, or add a filled questionnaire or a library." }</p> }
            } else {
                table
            } }
        </section>
    }
}
