//! The review grid: every draft with its answer, confidence, text and sources. Keyboard use
//! follows the W3C grid pattern: arrows, Home/End (Ctrl for rows) move; Enter acts on a cell
//! (edit, choose, approve, open sources); Esc cancels an edit and returns to the grid.

use std::rc::Rc;

use trustdraft_core::answer::answer_for_choice;
use trustdraft_core::workspace::Work;
use trustdraft_core::{Answer, Band};
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlSelectElement, HtmlTextAreaElement, KeyboardEvent};
use yew::prelude::*;

use crate::state::Action;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub work: Rc<Work>,
    /// Draft indexes on this page, in order.
    pub rows: Vec<usize>,
    pub open: Option<usize>,
    /// Per question: whether the loaded crosswalk maps it.
    #[prop_or_default]
    pub mapped: Rc<Vec<bool>>,
    pub on_action: Callback<Action>,
}

const COLS: usize = 7;
const COL_APPROVE: usize = 0;
const COL_ANSWER: usize = 3;
const COL_TEXT: usize = 5;
const COL_SOURCES: usize = 6;

fn cell_id(row: usize, col: usize) -> String {
    format!("cell-{row}-{col}")
}

fn focus(id: &str) {
    if let Some(el) = gloo::utils::document().get_element_by_id(id) {
        if let Ok(el) = el.dyn_into::<HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// What the workbook already answered for question `i`, and the choice to replace it.
fn earlier(work: &Work, i: usize, on_action: &Callback<Action>) -> Html {
    let q = &work.questionnaire.questions[i];
    let Some(e) = q.existing.as_ref().or_else(|| q.also.iter().find_map(|p| p.existing.as_ref())) else {
        return html! {};
    };
    let said = match (&e.answer, &e.comment) {
        (Some(a), Some(c)) => format!("{a} — {c}"),
        (Some(a), None) => a.clone(),
        (None, Some(c)) => c.clone(),
        (None, None) => String::new(),
    };
    let replace = work.replace_all || work.reviews.get(i).is_some_and(|r| r.replace);
    let nothing = work.final_answer(i).answer == Answer::NeedsReview;
    let on_action = on_action.clone();
    let onchange = Callback::from(move |e: Event| {
        on_action.emit(Action::SetReplace(i, e.target_unchecked_into::<web_sys::HtmlInputElement>().checked()))
    });
    html! {
        <div class="earlier" data-testid="earlier">
            <span class="earlier-text">{ "Answered before: " }<q>{ said }</q></span>
            <label class="earlier-choice">
                <input type="checkbox" tabindex="-1" checked={replace} disabled={work.replace_all} {onchange} />
                { match (nothing, replace) {
                    (true, _) => " kept on export: the draft has no answer to replace it",
                    (false, true) => " replaced by this draft on export",
                    (false, false) => " kept on export (tick to replace)",
                } }
            </label>
        </div>
    }
}

fn band_view(d: &trustdraft_core::Draft) -> Html {
    let (answer, band) = (d.answer, d.band());
    let answer_word = match answer {
        Answer::NeedsReview => None,
        a => Some(a.label()),
    };
    let library = d.library.as_ref().map(|l| html! { <span class="library-note">{ l.label() }</span> });
    if d.is_flagged() {
        return html! {
            <span class="band band-flagged">
                <span aria-hidden="true">{ "⚑ " }</span>{ "review: library answer" }
                { answer_word.map(|a| html! { <span class="drafted">{ format!("drafted {a}") }</span> }) }
                { library }
            </span>
        };
    }
    let (class, icon, word) = match (answer, band) {
        (_, Band::Library) => ("band band-library", "★", "library"),
        (Answer::NeedsReview, _) => ("band band-review", "?", "needs review"),
        (_, Band::High) => ("band band-high", "▲", "high"),
        (_, Band::Medium) => ("band band-medium", "■", "medium"),
        (_, Band::Low) => ("band band-low", "▼", "low"),
    };
    html! {
        <span class={class}>
            <span aria-hidden="true">{ icon }{ " " }</span>{ word }
            { answer_word.map(|a| html! { <span class="drafted">{ format!("drafted {a}") }</span> }) }
            { library }
        </span>
    }
}

/// For work opened from an answer pack: what in answer `i` contradicts the pack's own posture.
fn pack_check(work: &Work, i: usize) -> Option<&[trustdraft_core::pack::Contradiction]> {
    let check = work.pack.as_ref()?.check.as_ref()?;
    Some(check.contradictions.get(i).map(Vec::as_slice).unwrap_or(&[]))
}

#[function_component(ReviewTable)]
pub fn review_table(props: &Props) -> Html {
    // The active cell (row on this page, column) and the draft whose text is being edited.
    let active = use_state(|| (0usize, 1usize));
    let editing = use_state(|| None::<usize>);
    let rows = props.rows.clone();
    let work = props.work.clone();

    {
        let editing = *editing;
        use_effect_with(editing, move |editing| {
            if let Some(i) = editing {
                focus(&format!("edit-{i}"));
            }
        });
    }

    let move_to = {
        let active = active.clone();
        let n = rows.len();
        Callback::from(move |(r, c): (usize, usize)| {
            if n == 0 {
                return;
            }
            let pos = (r.min(n - 1), c.min(COLS - 1));
            active.set(pos);
            focus(&cell_id(pos.0, pos.1));
        })
    };

    let onkeydown = {
        let active = active.clone();
        let editing = editing.clone();
        let move_to = move_to.clone();
        let rows = rows.clone();
        let on_action = props.on_action.clone();
        let work = work.clone();
        Callback::from(move |e: KeyboardEvent| {
            let target: Option<web_sys::Element> = e.target().and_then(|t| t.dyn_into().ok());
            let in_control = target
                .as_ref()
                .is_some_and(|t| matches!(t.tag_name().as_str(), "TEXTAREA" | "SELECT" | "INPUT" | "BUTTON" | "A"));
            let (r, c) = *active;
            if in_control {
                if e.key() == "Escape" {
                    e.prevent_default();
                    editing.set(None);
                    focus(&cell_id(r, c));
                }
                return;
            }
            let last_row = rows.len().saturating_sub(1);
            let handled = match e.key().as_str() {
                "ArrowDown" => {
                    move_to.emit((r + 1, c));
                    true
                }
                "ArrowUp" => {
                    move_to.emit((r.saturating_sub(1), c));
                    true
                }
                "ArrowRight" => {
                    move_to.emit((r, c + 1));
                    true
                }
                "ArrowLeft" => {
                    move_to.emit((r, c.saturating_sub(1)));
                    true
                }
                "Home" if e.ctrl_key() => {
                    move_to.emit((0, 0));
                    true
                }
                "End" if e.ctrl_key() => {
                    move_to.emit((last_row, COLS - 1));
                    true
                }
                "Home" => {
                    move_to.emit((r, 0));
                    true
                }
                "End" => {
                    move_to.emit((r, COLS - 1));
                    true
                }
                "Enter" | " " | "F2" => {
                    let Some(&i) = rows.get(r) else { return };
                    match c {
                        COL_APPROVE => on_action.emit(Action::Approve(i, !work.reviews[i].approved)),
                        COL_ANSWER => focus(&format!("answer-{i}")),
                        COL_TEXT => editing.set(Some(i)),
                        COL_SOURCES => on_action.emit(Action::ToggleSources(i)),
                        _ => return,
                    }
                    true
                }
                _ => false,
            };
            if handled {
                e.prevent_default();
            }
        })
    };

    let header = html! {
        <thead>
            <tr role="row">
                <th role="columnheader" scope="col">{ "Approved" }</th>
                <th role="columnheader" scope="col">{ "ID" }</th>
                <th role="columnheader" scope="col">{ "Question" }</th>
                <th role="columnheader" scope="col">{ "Answer" }</th>
                <th role="columnheader" scope="col">{ "Confidence" }</th>
                <th role="columnheader" scope="col">{ "Answer text" }</th>
                <th role="columnheader" scope="col">{ "Sources" }</th>
            </tr>
        </thead>
    };

    let multi_sheet = work.questionnaire.sheets.iter().filter(|s| s.is_questionnaire()).count() > 1;
    let body = rows.iter().enumerate().map(|(r, &i)| {
        let d = &work.drafts[i];
        let q = &work.questionnaire.questions[i];
        let review = &work.reviews[i];
        let f = work.final_answer(i);
        let (ar, ac) = *active;
        let tab = |c: usize| if (ar, ac) == (r, c) { "0" } else { "-1" };
        let focus_cell = |c: usize| {
            let active = active.clone();
            Callback::from(move |_: FocusEvent| {
                if *active != (r, c) {
                    active.set((r, c));
                }
            })
        };
        let on_action = props.on_action.clone();
        let approve = Callback::from(move |e: Event| {
            let checked = e.target_unchecked_into::<web_sys::HtmlInputElement>().checked();
            on_action.emit(Action::Approve(i, checked));
        });
        let answer_select = match &q.choices {
            Some(choices) => {
                let on_action = props.on_action.clone();
                let onchange = Callback::from(move |e: Event| {
                    let v = e.target_unchecked_into::<HtmlSelectElement>().value();
                    // A value that means an answer sets it; a value that means none of them (an
                    // uptime tier) is written as chosen and leaves the answer as it was.
                    match answer_for_choice(&v) {
                        Some(answer) => on_action.emit(Action::SetAnswer(i, answer)),
                        None if v.is_empty() => on_action.emit(Action::SetAnswer(i, Answer::NeedsReview)),
                        None => {}
                    }
                    if !v.is_empty() {
                        on_action.emit(Action::SetChoice(i, v));
                    }
                });
                let current = f.choice.clone().unwrap_or_default();
                let unplaced = current.is_empty() && f.answer != Answer::NeedsReview;
                let note_id = format!("answer-note-{i}");
                html! {
                    <>
                        <select id={format!("answer-{i}")} tabindex="-1" aria-label={format!("Answer to {}", d.id)}
                            aria-describedby={unplaced.then(|| note_id.clone())} {onchange}>
                            <option value="" selected={current.is_empty()}>{ "— (blank)" }</option>
                            { for choices.iter().map(|c| html! { <option value={c.clone()} selected={*c == current}>{ c.clone() }</option> }) }
                        </select>
                        { unplaced.then(|| html! {
                            <span class="answer-note" id={note_id}>{ format!("Drafted: {}. The dropdown has no such value: choose one.", f.answer.label()) }</span>
                        }) }
                    </>
                }
            }
            None => {
                let on_action = props.on_action.clone();
                let onchange = Callback::from(move |e: Event| {
                    let v = e.target_unchecked_into::<HtmlSelectElement>().value();
                    if let Some(a) = Answer::parse(&v) {
                        on_action.emit(Action::SetAnswer(i, a));
                    }
                });
                html! {
                    <select id={format!("answer-{i}")} tabindex="-1" aria-label={format!("Answer to {}", d.id)} {onchange}>
                        { for Answer::ALL.iter().map(|a| html! { <option value={a.as_str()} selected={*a == f.answer}>{ a.label() }</option> }) }
                    </select>
                }
            }
        };
        let text_cell = if *editing == Some(i) {
            let on_action = props.on_action.clone();
            let editing_save = editing.clone();
            let save = Callback::from(move |_: MouseEvent| {
                if let Some(el) = gloo::utils::document().get_element_by_id(&format!("edit-{i}")) {
                    let v = el.unchecked_into::<HtmlTextAreaElement>().value();
                    on_action.emit(Action::SetText(i, v));
                }
                editing_save.set(None);
                focus(&cell_id(r, COL_TEXT));
            });
            let editing_cancel = editing.clone();
            let cancel = Callback::from(move |_: MouseEvent| {
                editing_cancel.set(None);
                focus(&cell_id(r, COL_TEXT));
            });
            let on_action = props.on_action.clone();
            let editing_key = editing.clone();
            let onkeydown = Callback::from(move |e: KeyboardEvent| {
                if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                    e.prevent_default();
                    let v = e.target_unchecked_into::<HtmlTextAreaElement>().value();
                    on_action.emit(Action::SetText(i, v));
                    editing_key.set(None);
                    focus(&cell_id(r, COL_TEXT));
                }
            });
            html! {
                <div class="editor">
                    <textarea id={format!("edit-{i}")} aria-label={format!("Answer text for {}", d.id)} rows="5" value={f.text.clone()} {onkeydown} />
                    <button type="button" onclick={save}>{ "Save" }</button>
                    <button type="button" onclick={cancel}>{ "Cancel" }</button>
                    <span class="hint">{ "Ctrl+Enter saves, Esc cancels" }</span>
                </div>
            }
        } else {
            let editing = editing.clone();
            let ondblclick = Callback::from(move |_: MouseEvent| editing.set(Some(i)));
            html! {
                <div class="answer-text" {ondblclick}>
                    { if f.text.is_empty() { html! { <span class="muted">{ "(no text: the posture does not cover this)" }</span> } } else { html! { { f.text.clone() } } } }
                    { review.text.is_some().then(|| html! { <span class="edited">{ " (edited)" }</span> }) }
                </div>
            }
        };
        let open = props.open == Some(i);
        let toggle = props.on_action.reform(move |_: MouseEvent| Action::ToggleSources(i));
        let details = open.then(|| html! {
            <tr class="sources-row" role="row">
                <td role="gridcell" colspan={COLS.to_string()}>
                    <div class="sources" id={format!("sources-{i}")}>
                        { if d.citations.is_empty() { html! { <p>{ "No row of the posture answers this question." }</p> } } else { html! {
                            <ul>{ for d.citations.iter().map(|c| html! {
                                <li>
                                    <strong>{ c.reference.clone() }</strong>
                                    { c.status.as_ref().map(|s| html! { <>{ " " }<crate::components::StatusBadge status={s.clone()} /></> }) }
                                    { format!(" — {} › {}", c.page, c.section) }
                                    { (!c.evidence.is_empty()).then(|| html! { <ul class="evidence">{ for c.evidence.iter().map(|e| html! {
                                        <li>{ crate::components::evidence_link(e) }</li>
                                    }) }</ul> }) }
                                </li>
                            }) }</ul>
                        } } }
                        { (!d.support.is_empty()).then(|| html! {
                            <p class="why">{ "Why: " }{ d.support.lines().join("; ") }</p>
                        }) }
                        { (!d.controls.is_empty()).then(|| html! {
                            <p class="controls">{ "Maps to " }{ d.controls.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(", ") }</p>
                        }) }
                    </div>
                </td>
            </tr>
        });
        html! {
            <>
            <tr role="row" class={classes!(review.approved.then_some("approved"), pack_check(&work, i).is_some_and(|c| !c.is_empty()).then_some("contradicted-row"))} data-id={d.id.clone()} aria-rowindex={(r + 2).to_string()}>
                <td role="gridcell" id={cell_id(r, 0)} tabindex={tab(0)} onfocus={focus_cell(0)}>
                    <input type="checkbox" tabindex="-1" checked={review.approved} onchange={approve} aria-label={format!("Approve {}", d.id)} />
                </td>
                <th role="rowheader" scope="row" id={cell_id(r, 1)} tabindex={tab(1)} onfocus={focus_cell(1)}>{ d.id.clone() }</th>
                <td role="gridcell" id={cell_id(r, 2)} tabindex={tab(2)} onfocus={focus_cell(2)}>
                    { d.question.clone() }
                    { match (multi_sheet, q.section.as_ref().or(q.domain.as_ref())) {
                        (true, Some(s)) => html! { <span class="context">{ format!("{} › {s}", q.sheet) }</span> },
                        (true, None) => html! { <span class="context">{ q.sheet.clone() }</span> },
                        (false, Some(s)) => html! { <span class="context">{ s.clone() }</span> },
                        (false, None) => html! {},
                    } }
                    { props.mapped.get(i).copied().unwrap_or(false).then(|| html! { <span class="context crosswalk-tag">{ "mapped by the crosswalk" }</span> }) }
                </td>
                <td role="gridcell" id={cell_id(r, 3)} tabindex={tab(3)} onfocus={focus_cell(3)}>
                    { answer_select }
                </td>
                <td role="gridcell" id={cell_id(r, 4)} tabindex={tab(4)} onfocus={focus_cell(4)}>
                    { match pack_check(&work, i) {
                        // A vendor's answer: not our confidence, but whether its posture bears it out.
                        Some(found) if !found.is_empty() => html! {
                            <div class="contradicted" data-testid="contradictions">
                                <span class="band band-contradicted"><span aria-hidden="true">{ "✖ " }</span>{ "contradicts its posture" }</span>
                                <ul>{ for found.iter().map(|c| html! { <li>{ c.to_string() }</li> }) }</ul>
                            </div>
                        },
                        Some(_) => html! { <span class="band band-agrees"><span aria-hidden="true">{ "✓ " }</span>{ "agrees with its posture" }</span> },
                        None => band_view(d),
                    } }
                    { review.answer.is_some().then(|| html! { <span class="edited">{ " (answer edited)" }</span> }) }
                </td>
                <td role="gridcell" id={cell_id(r, 5)} tabindex={tab(5)} onfocus={focus_cell(5)}>
                    { text_cell }
                    { earlier(&work, i, &props.on_action) }
                </td>
                <td role="gridcell" id={cell_id(r, 6)} tabindex={tab(6)} onfocus={focus_cell(6)}>
                    <button type="button" tabindex="-1" aria-expanded={open.to_string()} aria-controls={format!("sources-{i}")} onclick={toggle}>
                        { format!("{} source{}", d.citations.len(), if d.citations.len() == 1 { "" } else { "s" }) }
                    </button>
                </td>
            </tr>
            { for details }
            </>
        }
    });

    html! {
        <div class="table-wrap">
            <table role="grid" class="review" aria-label="Drafted answers" aria-rowcount={(rows.len() + 1).to_string()} {onkeydown}>
                { header }
                <tbody>{ for body }</tbody>
            </table>
        </div>
    }
}
