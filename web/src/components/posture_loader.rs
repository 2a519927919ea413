//! Loading a company's own posture: pick or drop pages (markdown, text, HTML), SoA spreadsheets
//! (.xlsx, .ods, .csv), control lists or control pages, see how each file was read (its form,
//! columns, status words as read, ref styles, what was skipped; rows, refs that did not parse,
//! evidence pointers), then replace the current posture or add the files to it. Back to the
//! embedded default at any time.

use std::rc::Rc;

use trustdraft_core::FileReport;
use trustdraft_core::{Posture, Status};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::posture::{Origin, PostureChange, PostureSource};
use crate::services::tasks::{self, PostureRead};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub source: Rc<PostureSource>,
    pub on_posture: Callback<PostureChange>,
    pub today: AttrValue,
}

fn read_files(
    list: web_sys::FileList,
    pending: UseStateHandle<Option<PostureRead>>,
    busy: UseStateHandle<Option<String>>,
) {
    let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
    busy.set(Some(format!("Reading {} file{}…", files.len(), if files.len() == 1 { "" } else { "s" })));
    wasm_bindgen_futures::spawn_local(async move {
        let given = tasks::posture_bytes(files).await;
        busy.set(None);
        pending.set(Some(tasks::read_posture(given).await));
    });
}

fn status_counts(posture: &Posture, page: &str) -> String {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for r in posture.rows.iter().filter(|r| r.page == page) {
        let label = match r.status.label() {
            "" => "no status".to_string(),
            l => l.to_string(),
        };
        match counts.iter_mut().find(|(l, _)| *l == label) {
            Some((_, n)) => *n += 1,
            None => counts.push((label, 1)),
        }
    }
    counts.sort_by_key(|(l, _)| std::cmp::Reverse(Status::parse(l).rank()));
    counts.iter().map(|(l, n)| format!("{n} {l}")).collect::<Vec<_>>().join(", ")
}

/// How one file was read: its form, the columns understood, each status word and what it was
/// read as, the ref styles with examples, and what was skipped.
fn file_report(r: &FileReport) -> Html {
    html! {
        <details open=true class="file-report" data-file={r.file.clone()}>
            <summary>{ format!("{}: read as {}, {} row{}", r.file, r.form.label(), r.rows, if r.rows == 1 { "" } else { "s" }) }</summary>
            { (!r.columns.is_empty()).then(|| html! {
                <p class="columns">{ "Columns: " }{ r.columns.iter().map(|(at, h, role)| if at.is_empty() { format!("{h} → {role}") } else { format!("{at}: {h} → {role}") }).collect::<Vec<_>>().join("; ") }</p>
            }) }
            { (!r.statuses.is_empty()).then(|| html! {
                <table class="status-words" data-testid="status-words">
                    <caption>{ "Status words, as read" }</caption>
                    <thead><tr><th scope="col">{ "In the file" }</th><th scope="col">{ "Read as" }</th><th scope="col">{ "Rows" }</th><th scope="col">{ "For example" }</th></tr></thead>
                    <tbody>{ for r.statuses.iter().map(|w| html! {
                        <tr><td>{ w.word.clone() }</td><td>{ w.read_as.label().to_string() }</td><td>{ w.rows }</td><td>{ w.example.clone() }</td></tr>
                    }) }</tbody>
                </table>
            }) }
            { (!r.refs.is_empty()).then(|| html! {
                <ul class="ref-styles">{ for r.refs.iter().map(|s| html! {
                    <li>{ format!("{} row{} with {}, e.g. {}", s.rows, if s.rows == 1 { "" } else { "s" }, s.style.label(), s.examples.join(", ")) }</li>
                }) }</ul>
            }) }
            { (!r.skipped.is_empty()).then(|| html! {
                <ul class="skipped">{ for r.skipped.iter().map(|s| html! { <li>{ format!("Skipped: {s}") }</li> }) }</ul>
            }) }
        </details>
    }
}

fn report(p: &PostureRead) -> Html {
    let posture = &p.posture;
    let unparsed: Vec<String> =
        posture.diagnostics.iter().filter(|d| d.message.starts_with("ref ")).map(|d| d.to_string()).collect();
    let other: Vec<String> =
        posture.diagnostics.iter().filter(|d| !d.message.starts_with("ref ")).map(|d| d.to_string()).collect();
    html! {
        <div class="posture-report" data-testid="posture-report">
            <p class="summary">{ format!(
                "{} page{} read: {} rows in {} tables, {} evidence pointers.",
                posture.pages.len(), if posture.pages.len() == 1 { "" } else { "s" },
                posture.rows.len(),
                posture.pages.iter().map(|pg| pg.sections.iter().filter(|s| s.rows > 0).count()).sum::<usize>(),
                posture.pointers.len()
            ) }</p>
            { (!p.refused.is_empty()).then(|| html! {
                <ul class="error" role="alert">{ for p.refused.iter().map(|r| html! { <li>{ r.clone() }</li> }) }</ul>
            }) }
            { (!posture.pages.is_empty()).then(|| html! {
                <div class="table-wrap">
                    <table>
                        <caption>{ "What was parsed" }</caption>
                        <thead><tr>
                            <th scope="col">{ "File" }</th><th scope="col">{ "Title" }</th><th scope="col">{ "Standard" }</th>
                            <th scope="col">{ "Tables" }</th><th scope="col">{ "Rows" }</th><th scope="col">{ "Statuses" }</th>
                            <th scope="col">{ "Certification status line" }</th>
                        </tr></thead>
                        <tbody>{ for posture.pages.iter().map(|pg| html! {
                            <tr data-file={pg.file.clone()}>
                                <th scope="row">{ pg.file.clone() }</th>
                                <td>{ pg.title.clone() }</td>
                                <td>{ pg.standard.map(|s| s.name().to_string()).unwrap_or_else(|| "—".into()) }</td>
                                <td>{ pg.sections.iter().filter(|s| s.rows > 0).count() }</td>
                                <td>{ posture.rows.iter().filter(|r| r.page == pg.title).count() }</td>
                                <td>{ status_counts(posture, &pg.title) }</td>
                                <td>{ pg.status_line.clone().unwrap_or_else(|| "none".into()) }</td>
                            </tr>
                        }) }</tbody>
                    </table>
                </div>
            }) }
            { for posture.reports.iter().map(file_report) }
            { (!unparsed.is_empty()).then(|| html! {
                <details open=true class="unparsed">
                    <summary>{ format!("{} {} not parse (those rows are kept, mapped to no control)", unparsed.len(), if unparsed.len() == 1 { "ref did" } else { "refs did" }) }</summary>
                    <ul>{ for unparsed.iter().map(|u| html! { <li>{ u.clone() }</li> }) }</ul>
                </details>
            }) }
            { (!other.is_empty()).then(|| html! {
                <details open=true class="diagnostics">
                    <summary>{ format!("{} other {}", other.len(), if other.len() == 1 { "note" } else { "notes" }) }</summary>
                    <ul>{ for other.iter().map(|u| html! { <li>{ u.clone() }</li> }) }</ul>
                </details>
            }) }
            { (!posture.pointers.is_empty()).then(|| html! {
                <details class="pointers-found">
                    <summary>{ format!("{} evidence pointers", posture.pointers.len()) }</summary>
                    <ul>{ for posture.pointers.iter().map(|pt| html! { <li>{ format!("{}: {}", pt.kind.label(), pt.target) }</li> }) }</ul>
                </details>
            }) }
        </div>
    }
}

#[function_component(PostureLoader)]
pub fn posture_loader(props: &Props) -> Html {
    let pending = use_state(|| None::<PostureRead>);
    let busy = use_state(|| None::<String>);
    let onchange = {
        let (pending, busy) = (pending.clone(), busy.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(list) = input.files() {
                read_files(list, pending.clone(), busy.clone());
            }
            input.set_value("");
        })
    };
    let drop = {
        let (pending, busy) = (pending.clone(), busy.clone());
        crate::components::drop_zone::use_file_drop(Callback::from(move |files| {
            read_files(files, pending.clone(), busy.clone())
        }))
    };
    let apply = |replace: bool| {
        let pending = pending.clone();
        let on_posture = props.on_posture.clone();
        let current = props.source.clone();
        let today = props.today.to_string();
        Callback::from(move |_: MouseEvent| {
            let Some(p) = (*pending).clone() else { return };
            let (current, on_posture, today, pending) =
                (current.clone(), on_posture.clone(), today.clone(), pending.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let mut files = match (replace, current.pages()) {
                    (true, _) => Vec::new(),
                    (false, Some(pages)) => pages,
                    // The embedded default's pages are the second module's.
                    (false, None) => tasks::default_pages().await,
                };
                // A page of the same name is replaced by the new one.
                files.retain(|f| !p.files.iter().any(|n| n.name == f.name));
                files.extend(p.files);
                let source = PostureSource::new(Origin::Loaded { date: today }, files);
                on_posture.emit(PostureChange::to(source));
                pending.set(None);
            });
        })
    };
    let cancel = {
        let pending = pending.clone();
        Callback::from(move |_: MouseEvent| pending.set(None))
    };
    let back_to_default = {
        let on_posture = props.on_posture.clone();
        Callback::from(move |_: MouseEvent| {
            if gloo::dialogs::confirm("Go back to the embedded default posture? Your loaded pages are removed from this browser (load them again at any time).") {
                on_posture.emit(PostureChange::to(PostureSource::embedded()));
            }
        })
    };
    let back_to_own = props.source.previous.as_ref().map(|own| {
        let on_posture = props.on_posture.clone();
        let own = (**own).clone();
        let label = match &own.origin {
            Origin::Loaded { date } => format!("Back to your own posture (loaded {date})"),
            _ => "Back to your own posture".to_string(),
        };
        html! { <button type="button" onclick={Callback::from(move |_: MouseEvent| on_posture.emit(PostureChange::to(own.clone())))}>{ label }</button> }
    });
    let usable = (*pending).as_ref().is_some_and(|p| !p.posture.rows.is_empty());
    let class = classes!("drop-zone", "drop-compact", drop.over.then_some("drop-over"));
    let (ondragover, ondragleave, ondrop) = (drop.ondragover, drop.ondragleave, drop.ondrop);
    html! {
        <section class="posture-loader" aria-labelledby="posture-load-title">
            <h2 id="posture-load-title">{ "Which posture answers" }</h2>
            <p data-testid="posture-source">{ props.source.describe() }</p>
            { (props.source.origin != Origin::Default).then(|| html! {
                <p class="posture-actions">{ back_to_own }<button type="button" onclick={back_to_default}>{ "Back to the embedded default" }</button></p>
            }) }
            <div {class} {ondragover} {ondragleave} {ondrop} data-testid="posture-drop">
                <label for="posture-files">{ "Load your posture (pages .md, .txt, .html; SoA spreadsheets .xlsx, .ods, .csv — several at once)" }</label>
                <input id="posture-files" type="file" multiple=true accept=".md,.markdown,.txt,.html,.htm,.csv,.tsv,.xlsx,.xlsm,.xls,.ods" {onchange} />
                <p class="hint">{ "Pages with Ref and Status tables, a Statement of Applicability, a control list or your control pages: columns are found by their headers, status words are shown as read. Read in this browser; never uploaded." }</p>
            </div>
            { (*busy).as_ref().map(|b| html! { <p class="progress-step" role="status" data-testid="posture-progress">{ b.clone() }</p> }) }
            { (*pending).as_ref().map(|p| html! {
                <>
                    { report(p) }
                    <p class="posture-actions">
                        <button type="button" class="primary" disabled={!usable} onclick={apply(true)}>{ "Replace the current posture" }</button>
                        <button type="button" disabled={!usable} onclick={apply(false)}>{ "Add to the current posture" }</button>
                        <button type="button" onclick={cancel}>{ "Cancel" }</button>
                        { (!usable).then(|| html! { <span class="error">{ " No control rows were found: nothing to answer from, so these pages cannot be used." }</span> }) }
                    </p>
                </>
            }) }
        </section>
    }
}
