//! The review grid: every draft with its answer, band (assertion or suggestion), text and sources, a `ReviewRow`
//! per draft. Keyboard use follows the W3C grid pattern: arrows, Home/End (Ctrl for rows)
//! move; Enter acts on a cell (edit, choose, approve, open sources); Esc cancels an edit and
//! returns to the grid.

use std::rc::Rc;

use trustdraft_core::Work;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, KeyboardEvent};
use yew::prelude::*;

use crate::components::ReviewRow;
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

pub(crate) const COLS: usize = 7;
pub(crate) const COL_APPROVE: usize = 0;
pub(crate) const COL_ANSWER: usize = 3;
pub(crate) const COL_TEXT: usize = 5;
pub(crate) const COL_SOURCES: usize = 6;

/// The DOM id of a cell: its row on this page and its column.
pub(crate) fn cell_id(row: usize, col: usize) -> String {
    format!("cell-{row}-{col}")
}

/// Moves the keyboard focus to the element `id`, if it is on the page.
pub(crate) fn focus(id: &str) {
    if let Some(el) = gloo::utils::document().get_element_by_id(id) {
        if let Ok(el) = el.dyn_into::<HtmlElement>() {
            let _ = el.focus();
        }
    }
}

/// Where a grid key moves the active cell from (`r`, `c`); `None` for a key that does not move.
fn moved(key: &str, ctrl: bool, (r, c): (usize, usize), last_row: usize) -> Option<(usize, usize)> {
    Some(match key {
        "ArrowDown" => (r + 1, c),
        "ArrowUp" => (r.saturating_sub(1), c),
        "ArrowRight" => (r, c + 1),
        "ArrowLeft" => (r, c.saturating_sub(1)),
        "Home" if ctrl => (0, 0),
        "End" if ctrl => (last_row, COLS - 1),
        "Home" => (r, 0),
        "End" => (r, COLS - 1),
        _ => return None,
    })
}

/// What the grid's keys do: move the active cell, or act on it; inside a control, Esc leaves
/// the edit and returns to the cell.
fn grid_keys(
    active: UseStateHandle<(usize, usize)>,
    editing: UseStateHandle<Option<usize>>,
    move_to: Callback<(usize, usize)>,
    props: &Props,
) -> Callback<KeyboardEvent> {
    let (rows, on_action, work) = (props.rows.clone(), props.on_action.clone(), props.work.clone());
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
        let handled = if let Some(to) = moved(&e.key(), e.ctrl_key(), (r, c), last_row) {
            move_to.emit(to);
            true
        } else if matches!(e.key().as_str(), "Enter" | " " | "F2") {
            let Some(&i) = rows.get(r) else { return };
            match c {
                COL_APPROVE => on_action.emit(Action::Approve(i, !work.reviews[i].approved)),
                COL_ANSWER => focus(&format!("answer-{i}")),
                COL_TEXT => editing.set(Some(i)),
                COL_SOURCES => on_action.emit(Action::ToggleSources(i)),
                _ => return,
            }
            true
        } else {
            false
        };
        if handled {
            e.prevent_default();
        }
    })
}

#[function_component(ReviewTable)]
pub fn review_table(props: &Props) -> Html {
    // The active cell (row on this page, column) and the draft whose text is being edited.
    let active = use_state(|| (0usize, 1usize));
    let editing = use_state(|| None::<usize>);
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
        let n = props.rows.len();
        Callback::from(move |(r, c): (usize, usize)| {
            if n == 0 {
                return;
            }
            let pos = (r.min(n - 1), c.min(COLS - 1));
            active.set(pos);
            focus(&cell_id(pos.0, pos.1));
        })
    };
    let onkeydown = grid_keys(active.clone(), editing.clone(), move_to, props);
    let on_focus = {
        let active = active.clone();
        Callback::from(move |pos: (usize, usize)| {
            if *active != pos {
                active.set(pos);
            }
        })
    };
    let on_edit = {
        let editing = editing.clone();
        Callback::from(move |i: Option<usize>| editing.set(i))
    };
    let work = &props.work;
    let multi_sheet = work.questionnaire.sheets.iter().filter(|s| s.is_questionnaire()).count() > 1;
    let (ar, ac) = *active;
    let body = props.rows.iter().enumerate().map(|(r, &i)| {
        html! {
            <ReviewRow work={work.clone()} {i} {r} active={(ar == r).then_some(ac)} editing={*editing == Some(i)}
                open={props.open == Some(i)} mapped={props.mapped.get(i).copied().unwrap_or(false)} {multi_sheet}
                on_action={props.on_action.clone()} on_focus={on_focus.clone()} on_edit={on_edit.clone()} />
        }
    });
    html! {
        <div class="table-wrap">
            <table role="grid" class="review" aria-label="Drafted answers" aria-rowcount={(props.rows.len() + 1).to_string()} {onkeydown}>
                <thead>
                    <tr role="row">
                        <th role="columnheader" scope="col">{ "Approved" }</th>
                        <th role="columnheader" scope="col">{ "ID" }</th>
                        <th role="columnheader" scope="col">{ "Question" }</th>
                        <th role="columnheader" scope="col">{ "Answer" }</th>
                        <th role="columnheader" scope="col">{ "Band" }</th>
                        <th role="columnheader" scope="col">{ "Answer text" }</th>
                        <th role="columnheader" scope="col">{ "Sources" }</th>
                    </tr>
                </thead>
                <tbody>{ for body }</tbody>
            </table>
        </div>
    }
}
