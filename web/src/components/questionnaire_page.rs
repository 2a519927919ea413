//! The Questionnaire page: open a workbook, see what was found, draft, review, export.

use std::cell::Cell;
use std::rc::Rc;

use trustdraft_core::jobs::{Reply, Request};
use trustdraft_core::pack::PostureFile;
use trustdraft_core::questionnaire::{ImportOptions, MarkColumn, Role, SheetOverride};
use trustdraft_core::workspace::Work;
use yew::prelude::*;

use crate::app::EngineRef;
use crate::components::{DraftProgress, DropZone, ExportBar, ImportReport, ReviewFilters, ReviewTable};
use crate::posture::{Origin, PostureChange, PostureSource};
use crate::state::{Action, State, PAGE_SIZE};
use crate::tasks;

/// The drafting run token shared with the app (see [`tasks::draft_rest`]); never compared.
#[derive(Clone)]
pub struct DraftRun(pub Rc<Cell<u32>>);

impl PartialEq for DraftRun {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

#[derive(Properties, PartialEq)]
pub struct Props {
    pub engine: EngineRef,
    pub state: UseReducerHandle<State>,
    pub run: DraftRun,
    /// The posture in use (an answer pack exported from here carries it).
    pub source: Rc<PostureSource>,
    /// Replaces the posture (an answer pack opened here brings its own, and its answers).
    pub on_posture: Callback<PostureChange>,
}

#[function_component(QuestionnairePage)]
pub fn questionnaire_page(props: &Props) -> Html {
    let state = &props.state;
    let dispatch = state.dispatcher();

    let has_work = state.work.as_ref().is_some_and(|w| !w.drafts.is_empty());
    let on_pack = {
        let on_posture = props.on_posture.clone();
        let today = state.today.clone();
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
                open: Some(work.clone()),
            });
        })
    };
    let on_file = {
        let dispatch = dispatch.clone();
        let run = props.run.clone();
        let on_pack = on_pack.clone();
        Callback::from(move |file: web_sys::File| {
            let opening =
                tasks::Opening { dispatch: dispatch.clone(), on_pack: on_pack.clone(), has_work, run: run.0.clone() };
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

    // A correction to one sheet's import: the sheet's override (made from what was detected),
    // changed by `change`, then the file imported again with it.
    let correct = {
        let work = work.clone();
        let dispatch = dispatch.clone();
        move |sheet: String, change: Box<dyn FnOnce(&mut SheetOverride)>| {
            let mut options: ImportOptions = work.options.clone();
            let report = work.questionnaire.sheets.iter().find(|s| s.name == sheet);
            let slot = match options.sheets.iter().position(|o| o.sheet == sheet) {
                Some(i) => i,
                None => {
                    options.sheets.push(SheetOverride {
                        sheet: sheet.clone(),
                        header_row: report
                            .and_then(|r| r.header_row)
                            .filter(|_| report.is_some_and(|r| r.header_rows.len() <= 1)),
                        columns: report.filter(|r| r.is_questionnaire()).map(|r| r.columns.clone()),
                        ..SheetOverride::default()
                    });
                    options.sheets.len() - 1
                }
            };
            change(&mut options.sheets[slot]);
            tasks::import(&work.file_name, work.original.clone(), options, &dispatch);
        }
    };
    let on_column = {
        let correct = correct.clone();
        Callback::from(move |(sheet, role, col): (String, Role, Option<u32>)| {
            correct(
                sheet,
                Box::new(move |over| {
                    let mut columns = over.columns.clone().unwrap_or_default();
                    columns.set(role, col);
                    over.columns = Some(columns);
                }),
            )
        })
    };
    let on_marks = {
        let correct = correct.clone();
        Callback::from(move |(sheet, cols): (String, Vec<u32>)| {
            correct(
                sheet,
                Box::new(move |over| {
                    let mut columns = over.columns.clone().unwrap_or_default();
                    columns.marks = cols.into_iter().map(|col| MarkColumn { col, label: String::new() }).collect();
                    if !columns.marks.is_empty() {
                        columns.answer = None;
                    }
                    over.columns = Some(columns);
                }),
            )
        })
    };
    let on_sheet = {
        let correct = correct.clone();
        Callback::from(move |(sheet, take): (String, bool)| {
            correct(
                sheet,
                Box::new(move |over| {
                    over.skip = !take;
                    over.include = take;
                }),
            )
        })
    };
    let on_library = {
        let work = work.clone();
        let dispatch = dispatch.clone();
        let today = state.today.clone();
        Callback::from(move |_| {
            let added = trustdraft_core::library::from_questionnaire(&work.questionnaire, &work.file_name, &today);
            let n = added.len();
            dispatch.dispatch(Action::LibraryMerge(added));
            dispatch.dispatch(Action::Notify(crate::state::Notice {
                error: false,
                text: format!(
                    "{n} earlier answer{} of {} added to the library, marked as answered before: they are offered for matching questions from now on.",
                    if n == 1 { "" } else { "s" },
                    work.file_name
                ),
            }));
        })
    };
    let total = work.questionnaire.questions.len();
    let done = work.drafts.len();
    let on_draft = {
        let engine = props.engine.0.clone();
        let work = work.clone();
        let dispatch = dispatch.clone();
        let run = props.run.0.clone();
        let library = state.library.clone();
        Callback::from(move |_: MouseEvent| {
            tasks::draft_rest(engine.clone(), work.clone(), library.clone(), dispatch.clone(), run.clone())
        })
    };
    let on_crosswalk = {
        let engine = props.engine.0.clone();
        let work = work.clone();
        let dispatch = dispatch.clone();
        let run = props.run.0.clone();
        let library = state.library.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            let (engine, work, dispatch, run, library) =
                (engine.clone(), work.clone(), dispatch.clone(), run.clone(), library.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let Some((name, bytes)) = tasks::read_bytes(file, &dispatch).await else { return };
                let request = Request::Crosswalk { name: name.clone() };
                match crate::worker::run(&request, &bytes, &format!("Reading {name}…")).await.reply {
                    Reply::Crosswalk { crosswalk: cw } => {
                        let mut again = (*work).clone();
                        again.crosswalk = Some(cw.clone());
                        again.redraft();
                        let mapped = again.crosswalk_mapped().iter().filter(|m| **m).count();
                        run.set(run.get().wrapping_add(1));
                        dispatch.dispatch(Action::SetCrosswalk(cw));
                        dispatch.dispatch(Action::Notify(crate::state::Notice {
                            error: false,
                            text: format!(
                                "Crosswalk {name} loaded: it maps {mapped} of {} questions. Redrafting with it.",
                                again.questionnaire.questions.len()
                            ),
                        }));
                        tasks::draft_rest(engine, Rc::new(again), library, dispatch, run);
                    }
                    other => dispatch.dispatch(Action::Notify(crate::state::Notice {
                        error: true,
                        text: format!("{}. The drafts are unchanged.", tasks::failure(other)),
                    })),
                }
            });
        })
    };

    let drafting_view = if done == 0 && !state.drafting {
        html! {
            <p>
                <button type="button" class="primary" onclick={on_draft} disabled={total == 0}>{ format!("Draft all {total} questions") }</button>
            </p>
        }
    } else {
        html! { <DraftProgress {done} {total} drafting={state.drafting} /> }
    };

    let review = if done == 0 {
        html! {}
    } else {
        let order = state.order.clone();
        let pages = order.len().div_ceil(PAGE_SIZE).max(1);
        let page = state.page.min(pages - 1);
        let rows: Vec<usize> = order.iter().skip(page * PAGE_SIZE).take(PAGE_SIZE).copied().collect();
        let mut groups: Vec<String> = Vec::new();
        for q in &work.questionnaire.questions {
            for g in [Some(&q.sheet), q.domain.as_ref()].into_iter().flatten() {
                if !groups.contains(g) {
                    groups.push(g.clone());
                }
            }
        }
        let needs_review =
            (0..done).filter(|&i| work.final_answer(i).answer == trustdraft_core::Answer::NeedsReview).count();
        let (approved, _) = work.counts();
        let d = dispatch.clone();
        let on_filter = Callback::from(move |f| d.dispatch(Action::SetFilter(f)));
        let d = dispatch.clone();
        let on_approve_shown = Callback::from(move |_| d.dispatch(Action::ApproveShown));
        let d = dispatch.clone();
        let on_action = Callback::from(move |a| d.dispatch(a));
        let pager = (pages > 1).then(|| {
            let prev = dispatch.clone();
            let next = dispatch.clone();
            html! {
                <nav class="pager" aria-label="Pages of drafts">
                    <button type="button" disabled={page == 0} onclick={move |_| prev.dispatch(Action::Page(page.saturating_sub(1)))}>{ "Previous" }</button>
                    <span>{ format!("Page {} of {}", page + 1, pages) }</span>
                    <button type="button" disabled={page + 1 >= pages} onclick={move |_| next.dispatch(Action::Page(page + 1))}>{ "Next" }</button>
                </nav>
            }
        });
        let w = work.clone();
        let d = dispatch.clone();
        let on_export = Callback::from(move |_| {
            tasks::export_original(&w, &d);
            d.dispatch(Action::ExportPlanned(None));
        });
        let w = work.clone();
        let d = dispatch.clone();
        let on_plan = Callback::from(move |_| tasks::plan(&w, &d));
        let d = dispatch.clone();
        let on_cancel_plan = Callback::from(move |_| d.dispatch(Action::ExportPlanned(None)));
        let w = work.clone();
        let d = dispatch.clone();
        let on_replace_all = Callback::from(move |all: bool| {
            d.dispatch(Action::SetReplaceAll(all));
            // The plan shown is worked out again with the choice.
            let mut again = (*w).clone();
            again.replace_all = all;
            tasks::plan(&again, &d);
        });
        let existing = work.questionnaire.questions.iter().filter(|q| q.has_existing()).count();
        let w = work.clone();
        let d = dispatch.clone();
        let on_csv = Callback::from(move |_| tasks::export_drafts(&w, false, &d));
        let w = work.clone();
        let d = dispatch.clone();
        let on_json = Callback::from(move |_| tasks::export_drafts(&w, true, &d));
        let w = work.clone();
        let d = dispatch.clone();
        let source = props.source.clone();
        let vendor = crate::posture::vendor_of(&props.engine.0.posture);
        let today = state.today.clone();
        let on_pack_export = Callback::from(move |_| tasks::export_pack(&w, &source, &vendor, &today, &d));
        let d = dispatch.clone();
        let run = props.run.0.clone();
        let on_start_over = Callback::from(move |_| {
            if gloo::dialogs::confirm(
                "Start over? The questionnaire, its drafts, edits and approvals are removed from this browser.",
            ) {
                run.set(run.get().wrapping_add(1));
                d.dispatch(Action::StartOver);
            }
        });
        html! {
            <>
                <p class="review-summary" data-testid="review-summary">
                    { format!("{done} drafted · {needs_review} need review · {approved} approved") }
                </p>
                <ReviewFilters filter={state.filter.clone()} {groups} shown={order.len()} {on_filter} {on_approve_shown} />
                <ReviewTable work={work.clone()} {rows} open={state.open} mapped={Rc::new(work.crosswalk_mapped())} {on_action} />
                { pager }
                <ExportBar file_name={work.file_name.clone()} {approved} total={total} from_pack={work.pack.is_some()}
                    {on_plan} plan={state.export_plan.clone()} {on_cancel_plan} {existing} replace_all={work.replace_all} {on_replace_all}
                    {on_export} {on_csv} {on_json} on_pack={on_pack_export} {on_start_over} />
            </>
        }
    };

    html! {
        <section aria-labelledby="questionnaire-title">
            { title }
            <DropZone on_file={on_file} compact=true />
            { match &work.pack {
                Some(info) => html! {
                    <crate::components::PackBanner info={info.clone()} answers={total} questionnaire={work.questionnaire.file.clone()} />
                },
                None => html! {
                    <>
                        <ImportReport work={work.clone()} {on_column} {on_marks} {on_sheet} {on_library} />
                        <div class="crosswalk-load">
                            <label for="crosswalk-file">{ "Crosswalk (optional): a CSV of question id or framework ref → ISO ref, or CSA's CCM workbook" }</label>
                            <input id="crosswalk-file" type="file" accept=".csv,.xlsx,.xls,.ods,.tsv,.txt" onchange={on_crosswalk} />
                            { work.crosswalk.as_ref().map(|cw| {
                                let mapped = work.crosswalk_mapped();
                                let ids: Vec<String> = work.questionnaire.questions.iter().zip(&mapped).filter(|(_, m)| **m).map(|(q, _)| q.id.clone()).collect();
                                html! {
                                    <details class="crosswalk-report" data-testid="crosswalk-report">
                                        <summary>{ format!("Crosswalk {}: {} entries; maps {} of {} questions", cw.file, cw.len(), ids.len(), total) }</summary>
                                        <p>{ if ids.is_empty() { "No question id or reference matches an entry.".to_string() } else { ids.join(", ") } }</p>
                                    </details>
                                }
                            }) }
                        </div>
                    </>
                },
            } }
            { drafting_view }
            { review }
        </section>
    }
}
