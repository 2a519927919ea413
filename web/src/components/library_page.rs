//! The answer library: every approved answer, browsable, editable, exportable and importable
//! (CSV and JSON). Drafting looks here first.

use trustdraft_core::jobs::{Reply, Request};
use trustdraft_core::library::Entry;
use trustdraft_core::Answer;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::state::{Action, Notice, State};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: UseReducerHandle<State>,
}

fn offer(name: &str, mime: &str, text: &str, dispatch: &UseReducerDispatcher<State>) {
    let notice = match crate::download::offer(name, mime, text.as_bytes()) {
        Ok(()) => Notice { error: false, text: format!("Exported {name}.") },
        Err(e) => Notice { error: true, text: e },
    };
    dispatch.dispatch(Action::Notify(notice));
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
        Callback::from(move |_: MouseEvent| {
            let request = Request::LibraryCsv { library: (*library).clone() };
            let d = d.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let done = crate::worker::run(&request, &[], "Writing the library as CSV…").await;
                match done.reply {
                    Reply::File { name, mime, .. } => offer(&name, &mime, &String::from_utf8_lossy(&done.bytes), &d),
                    other => d.dispatch(Action::Notify(Notice { error: true, text: crate::tasks::failure(other) })),
                }
            });
        })
    };
    let on_json = {
        let (library, d) = (library.clone(), dispatch.clone());
        Callback::from(move |_: MouseEvent| {
            offer("trustdraft-library.json", "application/json", &library.to_json(), &d)
        })
    };
    let on_import = {
        let d = dispatch.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            let d = d.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let Some((name, bytes)) = crate::tasks::read_bytes(file, &d).await else { return };
                // A pack, a workbook or a page given here is refused by name; the library stays.
                let request = Request::Library { name: name.clone() };
                match crate::worker::run(&request, &bytes, &format!("Reading {name}…")).await.reply {
                    Reply::Library { library: lib } => {
                        let n = lib.len();
                        d.dispatch(Action::LibraryMerge(lib));
                        d.dispatch(Action::Notify(Notice {
                            error: false,
                            text: format!("Imported {n} approved answers from {name}."),
                        }));
                    }
                    other => d.dispatch(Action::Notify(Notice {
                        error: true,
                        text: format!("{}. The library is unchanged.", crate::tasks::failure(other)),
                    })),
                }
            });
        })
    };

    let filter = needle.trim().to_lowercase();
    let rows = library.entries.iter().enumerate().filter(|(_, e)| {
        filter.is_empty() || e.question.to_lowercase().contains(&filter) || e.text.to_lowercase().contains(&filter)
    });
    let row = |(i, e): (usize, &Entry)| {
        let on_answer = {
            let (d, e) = (dispatch.clone(), e.clone());
            Callback::from(move |ev: Event| {
                let v = ev.target_unchecked_into::<HtmlSelectElement>().value();
                if let Some(answer) = Answer::parse(&v) {
                    d.dispatch(Action::LibraryEdit(i, Entry { answer, choice: None, ..e.clone() }));
                }
            })
        };
        let on_text = {
            let (d, e) = (dispatch.clone(), e.clone());
            Callback::from(move |ev: Event| {
                let text = ev.target_unchecked_into::<HtmlTextAreaElement>().value();
                d.dispatch(Action::LibraryEdit(i, Entry { text, ..e.clone() }));
            })
        };
        let on_remove = {
            let d = dispatch.clone();
            let q = e.question.clone();
            Callback::from(move |_: MouseEvent| {
                if gloo::dialogs::confirm(&format!("Remove the approved answer to “{q}” from the library?")) {
                    d.dispatch(Action::LibraryRemove(i));
                }
            })
        };
        let cites: Vec<String> = e
            .citations
            .iter()
            .map(|c| match &c.status {
                Some(s) => format!("{} [{}]", c.reference, s.label()),
                None => c.reference.clone(),
            })
            .collect();
        html! {
            <tr data-question={e.question.clone()}>
                <th scope="row">{ e.question.clone() }</th>
                <td>
                    <select aria-label={format!("Answer to {}", e.question)} onchange={on_answer}>
                        { for Answer::ALL.iter().map(|a| html! { <option value={a.as_str()} selected={*a == e.answer}>{ a.label() }</option> }) }
                    </select>
                    { e.choice.as_ref().map(|c| html! { <span class="context">{ format!("written as “{c}”") }</span> }) }
                </td>
                <td><textarea aria-label={format!("Approved text for {}", e.question)} rows="3" value={e.text.clone()} onchange={on_text} /></td>
                <td>{ if cites.is_empty() { "—".to_string() } else { cites.join(", ") } }</td>
                <td>{ e.approved.clone() }<span class="context">{ e.source.clone() }</span></td>
                <td><button type="button" class="danger" onclick={on_remove} aria-label={format!("Remove {}", e.question)}>{ "Remove" }</button></td>
            </tr>
        }
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
                html! {
                    <div class="table-wrap">
                        <table class="library">
                            <caption>{ "Approved answers" }</caption>
                            <thead><tr>
                                <th scope="col">{ "Question" }</th><th scope="col">{ "Answer" }</th><th scope="col">{ "Text" }</th>
                                <th scope="col">{ "Cites (status when approved)" }</th><th scope="col">{ "Approved" }</th><th scope="col">{ "" }</th>
                            </tr></thead>
                            <tbody>{ for rows.map(row) }</tbody>
                        </table>
                    </div>
                }
            } }
        </section>
    }
}
