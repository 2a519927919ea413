//! The drafts under review: counts, filters, the review table a page at a time, and the exports.
//! A view function of the Questionnaire page (its state is the reducer's).

use std::rc::Rc;

use trustdraft_core::Answer;
use trustdraft_core::Work;
use yew::prelude::*;

use crate::components::{pager, ExportBar, Panel, ReviewFilters, ReviewTable};
use crate::services::export;
use crate::state::{make_callback, Action, State, PAGE_SIZE};

/// The sheets and domains the drafts can be filtered by, in questionnaire order.
fn groups(work: &Work) -> Vec<String> {
    let mut groups: Vec<String> = Vec::new();
    for q in &work.questionnaire.questions {
        for g in [Some(&q.sheet), q.domain.as_ref()].into_iter().flatten() {
            if !groups.contains(g) {
                groups.push(g.clone());
            }
        }
    }
    groups
}

/// A callback that runs `task` on the work under review.
fn on_work<E>(at: &Panel, task: impl Fn(&Rc<Work>, &UseReducerDispatcher<State>) + 'static) -> Callback<E> {
    let (work, dispatch) = (at.work.clone(), at.state.dispatcher());
    Callback::from(move |_| task(&work, &dispatch))
}

/// The export bar: the answered workbook (its plan shown first), the drafts, the pack; start over.
fn export_bar(at: &Panel) -> Html {
    let (state, work) = (at.state, at.work);
    let dispatch = state.dispatcher();
    let planned = state.export_plan.clone();
    let on_export = on_work(at, move |w, d| {
        export::write_original(w.clone(), planned.clone(), d);
        d.dispatch(Action::ExportPlanned(None));
    });
    let on_replace_all = {
        let (w, d) = (work.clone(), dispatch.clone());
        Callback::from(move |all: bool| {
            d.dispatch(Action::SetReplaceAll(all));
            // The plan shown is worked out again with the choice.
            export::plan(Rc::new(Work { replace_all: all, ..(*w).clone() }), &d);
        })
    };
    let (vendor, source, today) =
        (crate::posture::vendor_of(at.engine.0.posture()), at.source.clone(), state.today.clone());
    let on_pack = on_work(at, move |w, d| export::pack(w, &source, &vendor, &today, d));
    let on_start_over = {
        let (run, d) = (at.run.clone(), dispatch.clone());
        Callback::from(move |()| {
            if gloo::dialogs::confirm(
                "Start over? The questionnaire, its drafts, edits and approvals are removed from this browser.",
            ) {
                run.stop();
                d.dispatch(Action::StartOver);
            }
        })
    };
    let (approved, _) = work.counts();
    html! {
        <ExportBar file_name={work.file_name.clone()} {approved} total={work.questionnaire.questions.len()} from_pack={work.pack.is_some()}
            on_plan={on_work(at, |w, d| export::plan(w.clone(), d))} plan={state.export_plan.as_ref().map(|p| p.summary.clone())}
            on_cancel_plan={make_callback(&dispatch, |()| Action::ExportPlanned(None))}
            existing={work.questionnaire.questions.iter().filter(|q| q.has_existing()).count()} replace_all={work.replace_all} {on_replace_all}
            {on_export} on_csv={on_work(at, |w, d| export::drafts(w, false, d))} on_json={on_work(at, |w, d| export::drafts(w, true, d))}
            {on_pack} {on_start_over} />
    }
}

/// Counts, filters, the table's page of drafts, the pager and the export bar.
pub fn review_panel(at: &Panel) -> Html {
    let (state, work) = (at.state, at.work);
    let dispatch = state.dispatcher();
    let done = work.drafts.len();
    let order = state.order.clone();
    let pages = order.len().div_ceil(PAGE_SIZE).max(1);
    let page = state.page.min(pages - 1);
    let rows: Vec<usize> = order.iter().skip(page * PAGE_SIZE).take(PAGE_SIZE).copied().collect();
    let needs_review = (0..done).filter(|&i| work.final_answer(i).answer == Answer::NeedsReview).count();
    let (approved, _) = work.counts();
    html! {
        <>
            <p class="review-summary" data-testid="review-summary">
                { format!("{done} drafted · {needs_review} need review · {approved} approved") }
            </p>
            <ReviewFilters filter={state.filter.clone()} groups={groups(work)} shown={order.len()}
                on_filter={make_callback(&dispatch, Action::SetFilter)} on_approve_shown={make_callback(&dispatch, |()| Action::ApproveShown)} />
            <ReviewTable work={work.clone()} {rows} open={state.open} mapped={Rc::new(work.crosswalk_mapped())} on_action={make_callback(&dispatch, |a| a)} />
            { pager(page, pages, &make_callback(&dispatch, Action::Page)) }
            { export_bar(at) }
        </>
    }
}
