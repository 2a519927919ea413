//! The Questionnaire page: open a workbook, see what was found, draft, review, export.

use std::rc::Rc;

use trustdraft_core::PostureFile;
use trustdraft_core::Work;
use trustdraft_core::{MarkColumn, Role, SheetOverride};
use yew::prelude::*;

use crate::components::{crosswalk_load, review_panel, DraftProgress, DropZone, ImportReport, PackBanner};
use crate::hooks::{use_engine, EngineRef};
use crate::posture::{Origin, PostureChange, PostureSource};
use crate::services::drafting::{draft_rest, DraftRun};
use crate::services::tasks;
use crate::state::{Action, Notice, State};

#[derive(Properties, PartialEq)]
pub struct Props {
    pub state: UseReducerHandle<State>,
    pub run: DraftRun,
    /// The posture in use (an answer pack exported from here carries it).
    pub source: Rc<PostureSource>,
    /// Replaces the posture (an answer pack opened here brings its own, and its answers).
    pub on_posture: Callback<PostureChange>,
}

/// What the page's parts (`import_view`, `crosswalk_load`, `review_panel`) are given: view
/// functions rather than components, each component costing the page module several KB.
pub struct Panel<'a> {
    pub state: &'a UseReducerHandle<State>,
    /// The work on the page (the state's).
    pub work: &'a Rc<Work>,
    pub run: &'a DraftRun,
    /// The posture in use (an answer pack exported from here carries it).
    pub source: &'a Rc<PostureSource>,
    pub engine: &'a EngineRef,
}

/// Opens an answer pack given here (after the user confirms replacing the work): its posture
/// replaces the one in use, and its answers become the work.
fn pack_opener(props: &Props, has_work: bool) -> Callback<(String, Vec<PostureFile>, Work)> {
    let on_posture = props.on_posture.clone();
    let today = props.state.today.clone();
    let current = props.source.clone();
    Callback::from(move |(name, pages, work): (String, Vec<PostureFile>, Work)| {
        if has_work
            && !gloo::dialogs::confirm(&format!(
                "Open the answer pack {name}? The current questionnaire's drafts are replaced and the posture becomes the one in the pack (export first if you need them)."
            ))
        {
            return;
        }
        // The pack's vendor field is only its claim: the posture is named by its own pages.
        let origin = Origin::Pack { vendor: String::new(), file: name.clone(), date: today.clone() };
        on_posture.emit(PostureChange {
            source: PostureSource::new(origin, pages.clone()).replacing(&current),
            open: Some(work),
        });
    })
}

/// A correction to one sheet's import, made with `change`; the file is imported again with it.
fn correction<T: 'static>(
    work: &Rc<Work>,
    dispatch: &UseReducerDispatcher<State>,
    change: fn(&mut SheetOverride, T),
) -> Callback<(String, T)> {
    let (work, dispatch) = (work.clone(), dispatch.clone());
    Callback::from(move |(sheet, value): (String, T)| {
        tasks::reimport_sheet(&work, &sheet, |over| change(over, value), &dispatch)
    })
}

/// What was imported, with the corrections the user can make, and the crosswalk.
fn import_view(at: &Panel) -> Html {
    let (work, state) = (at.work, at.state);
    let dispatch = state.dispatcher();
    let on_column = correction(work, &dispatch, |over, (role, col): (Role, Option<u32>)| {
        let mut columns = over.columns.clone().unwrap_or_default();
        columns.set(role, col);
        over.columns = Some(columns);
    });
    let on_column = on_column.reform(|(sheet, role, col)| (sheet, (role, col)));
    let on_marks = correction(work, &dispatch, |over, cols: Vec<u32>| {
        let mut columns = over.columns.clone().unwrap_or_default();
        columns.marks = cols.into_iter().map(|col| MarkColumn { col, label: String::new() }).collect();
        if !columns.marks.is_empty() {
            columns.answer = None;
        }
        over.columns = Some(columns);
    });
    let on_sheet = correction(work, &dispatch, |over, take: bool| {
        over.skip = !take;
        over.include = take;
    });
    let on_library = {
        let (work, today) = (work.clone(), state.today.clone());
        Callback::from(move |()| {
            let added = trustdraft_core::Library::from_questionnaire(&work.questionnaire, &work.file_name, &today);
            let n = added.len();
            dispatch.dispatch(Action::LibraryMerge(added));
            dispatch.dispatch(Action::Notify(Notice {
                error: false,
                text: format!(
                    "{n} earlier answer{} of {} added to the library, marked as answered before: they are offered for matching questions from now on.",
                    if n == 1 { "" } else { "s" },
                    work.file_name
                ),
            }));
        })
    };
    html! {
        <>
            <ImportReport work={work.clone()} {on_column} {on_marks} {on_sheet} {on_library} />
            { crosswalk_load(at) }
        </>
    }
}

#[function_component(QuestionnairePage)]
pub fn questionnaire_page(props: &Props) -> Html {
    let engine = use_engine();
    let state = &props.state;
    let dispatch = state.dispatcher();
    let has_work = state.work.as_ref().is_some_and(|w| !w.drafts.is_empty());
    let on_file = {
        let (dispatch, run, on_pack) = (dispatch.clone(), props.run.clone(), pack_opener(props, has_work));
        Callback::from(move |file: web_sys::File| {
            let opening =
                tasks::Opening { dispatch: dispatch.clone(), on_pack: on_pack.clone(), has_work, run: run.clone() };
            tasks::read_and_import(file, opening);
        })
    };
    let title = html! { <h1 id="questionnaire-title">{ "Questionnaire" }</h1> };
    let Some(work) = state.work.clone() else {
        return html! {
            <section aria-labelledby="questionnaire-title">
                { title }
                <p>{ "Drop a prospect's SIG, CAIQ or their own spreadsheet. Every question is drafted from the posture, with the rows and evidence behind it; review the doubtful ones first, then export the same workbook filled in." }</p>
                <p>{ "Received a vendor's answer pack (.trustdraft-pack.json)? Drop it here to read their answers, check their citations and coverage, and ask further questions of their posture — offline." }</p>
                <DropZone on_file={on_file} />
            </section>
        };
    };

    let total = work.questionnaire.questions.len();
    let done = work.drafts.len();
    let drafting_view = if done == 0 && !state.drafting {
        let (engine, work, run, library) = (engine.clone(), work.clone(), props.run.clone(), state.library.clone());
        let on_draft = Callback::from(move |_: MouseEvent| {
            draft_rest(engine.0.clone(), work.clone(), library.clone(), dispatch.clone(), run.clone())
        });
        html! {
            <p>
                <button type="button" class="primary" onclick={on_draft} disabled={total == 0}>{ format!("Draft all {total} questions") }</button>
            </p>
        }
    } else {
        html! { <DraftProgress {done} {total} drafting={state.drafting} /> }
    };
    let at = Panel { state, work: &work, run: &props.run, source: &props.source, engine: &engine };
    html! {
        <section aria-labelledby="questionnaire-title">
            { title }
            <DropZone on_file={on_file} compact=true />
            // What was found and the next action first; the sheets and columns below it.
            { drafting_view }
            { match &work.pack {
                Some(info) => html! {
                    <PackBanner info={info.clone()} answers={total} questionnaire={work.questionnaire.file.clone()} />
                },
                None => import_view(&at),
            } }
            { (done > 0).then(|| review_panel(&at)) }
        </section>
    }
}
