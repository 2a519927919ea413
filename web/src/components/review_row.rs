//! One draft in the review grid: approve, id, question (with where it is asked), answer (the
//! sheet's dropdown or ours), its band and whether it is an assertion or a suggestion (or, for a
//! vendor's pack, whether its posture bears the answer out), the text (edited in place) with the
//! rows it rests on and the words no row states, and its sources, opened below the row.

use std::rc::Rc;

use trustdraft_core::model::answer_for_choice;
use trustdraft_core::Work;
use trustdraft_core::{Answer, Band, Draft};
use wasm_bindgen::JsCast;
use web_sys::{HtmlSelectElement, HtmlTextAreaElement, KeyboardEvent};
use yew::prelude::*;

use super::review_table::{cell_id, focus, COLS, COL_TEXT};
use crate::components::{evidence_link, reading, EarlierAnswer, StatusBadge};
use crate::kind::Kind;
use crate::state::Action;

#[derive(Properties)]
pub struct Props {
    /// The work under review, compared by identity (a row renders again when the work changes).
    pub work: Rc<Work>,
    /// The draft's index, and its row on this page.
    pub i: usize,
    pub r: usize,
    /// The active cell's column, when the active cell is in this row.
    pub active: Option<usize>,
    /// Whether its text is being edited.
    pub editing: bool,
    /// Whether its sources are open.
    pub open: bool,
    /// Whether the loaded crosswalk maps it.
    pub mapped: bool,
    /// Whether the questionnaire has several sheets (then the sheet is named).
    pub multi_sheet: bool,
    pub on_action: Callback<Action>,
    /// A cell of this row took the focus: (row, column).
    pub on_focus: Callback<(usize, usize)>,
    /// Start (`Some(i)`) or stop editing a text.
    pub on_edit: Callback<Option<usize>>,
}

impl PartialEq for Props {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.work, &other.work)
            && (self.i, self.r, self.active, self.editing, self.open, self.mapped, self.multi_sheet)
                == (other.i, other.r, other.active, other.editing, other.open, other.mapped, other.multi_sheet)
            && self.on_action == other.on_action
            && self.on_focus == other.on_focus
            && self.on_edit == other.on_edit
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
    let f = work.final_answer(i);
    let (nothing, unapproved) = (f.answer == Answer::NeedsReview, !f.is_written());
    let onchange = on_action.reform(move |e: Event| {
        Action::SetReplace(i, e.target_unchecked_into::<web_sys::HtmlInputElement>().checked())
    });
    html! {
        <div class="earlier" data-testid="earlier">
            <span class="earlier-text">{ "Answered before: " }<q>{ said }</q></span>
            <label class="earlier-choice">
                <input type="checkbox" tabindex="-1" checked={replace} disabled={work.replace_all} {onchange} />
                { match (nothing, replace) {
                    (true, _) => " kept on export: the draft has no answer to replace it",
                    _ if unapproved => " kept on export: a suggestion replaces it only once approved",
                    (false, true) => " replaced by this draft on export",
                    (false, false) => " kept on export (tick to replace)",
                } }
            </label>
        </div>
    }
}

/// The draft's confidence band (or that its library answer needs review).
fn band_view(d: &Draft) -> Html {
    let (answer, band) = (d.answer, d.band());
    let answer_word = match answer {
        Answer::NeedsReview => None,
        a => Some(a.label()),
    };
    let drafted = answer_word.map(|a| html! { <span class="drafted">{ format!("drafted {a}") }</span> });
    let library = d.library.as_ref().map(|l| html! { <span class="library-note">{ l.label() }</span> });
    if d.is_flagged() {
        return html! {
            <span class="band band-flagged">
                <span aria-hidden="true">{ "⚑ " }</span>{ "review: library answer" }
                { drafted }
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
            { drafted }
            { library }
        </span>
    }
}

/// For work opened from an answer pack: what in answer `i` contradicts the pack's own posture.
fn pack_check(work: &Work, i: usize) -> Option<&[trustdraft_core::model::Contradiction]> {
    let check = work.pack.as_ref()?.check.as_ref()?;
    Some(check.contradictions.get(i).map(Vec::as_slice).unwrap_or(&[]))
}

/// Whether draft `i` is an assertion, a suggestion or an answer a person gave, in words.
fn kind_line(work: &Work, i: usize) -> Html {
    let kind = Kind::of_work(work, i);
    html! {
        <span class={classes!("kind", format!("kind-{}", kind.as_str()))} data-testid="kind" data-kind={kind.as_str()}>
            { kind.label() }
        </span>
    }
}

/// The band cell: a vendor's answer shows not our band but whether its posture bears it out;
/// ours, the band and whether it is exported.
fn confidence(work: &Work, i: usize) -> Html {
    match pack_check(work, i) {
        Some(found) if !found.is_empty() => html! {
            <div class="contradicted" data-testid="contradictions">
                <span class="band band-contradicted"><span aria-hidden="true">{ "✖ " }</span>{ "contradicts its posture" }</span>
                <ul>{ for found.iter().map(|c| html! { <li>{ c.to_string() }</li> }) }</ul>
            </div>
        },
        Some(_) => {
            html! { <span class="band band-agrees"><span aria-hidden="true">{ "✓ " }</span>{ "agrees with its posture" }</span> }
        }
        None => html! { <>{ band_view(&work.drafts[i]) }{ kind_line(work, i) }</> },
    }
}

/// The answer: the sheet's own dropdown values where it has them, else our answers.
fn answer_select(props: &Props) -> Html {
    let (work, i) = (&props.work, props.i);
    let (d, f) = (&work.drafts[i], work.final_answer(i));
    let Some(choices) = &work.questionnaire.questions[i].choices else {
        let on_action = props.on_action.clone();
        let onchange = Callback::from(move |e: Event| {
            if let Some(a) = Answer::parse(&e.target_unchecked_into::<HtmlSelectElement>().value()) {
                on_action.emit(Action::SetAnswer(i, a));
            }
        });
        return html! {
            <select id={format!("answer-{i}")} tabindex="-1" aria-label={format!("Answer to {}", d.id)} {onchange}>
                { for Answer::ALL.iter().map(|a| html! { <option value={a.as_str()} selected={*a == f.answer}>{ a.label() }</option> }) }
            </select>
        };
    };
    let on_action = props.on_action.clone();
    let onchange = Callback::from(move |e: Event| {
        let v = e.target_unchecked_into::<HtmlSelectElement>().value();
        // A value that means an answer sets it; a value that means none of them (an uptime
        // tier) is written as chosen and leaves the answer as it was.
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

/// The answer text, or its editor (Save, Cancel; Ctrl+Enter saves, Esc cancels).
fn text_cell(props: &Props) -> Html {
    let (work, i, r) = (&props.work, props.i, props.r);
    let (d, f) = (&work.drafts[i], work.final_answer(i));
    if !props.editing {
        let ondblclick = props.on_edit.reform(move |_: MouseEvent| Some(i));
        return html! {
            <>
            <div class="answer-text" {ondblclick}>
                { match (f.text.is_empty(), d.citations.is_empty()) {
                    (true, true) if d.support.stated.is_empty() => html! { <span class="muted">{ "(no text: the posture does not cover this)" }</span> },
                    (true, true) => html! { <span class="muted">{ "(no text: no row answers it)" }</span> },
                    (true, false) => html! { <span class="muted">{ "(no text: the rows below are related but do not answer it)" }</span> },
                    (false, _) => html! { { f.text.clone() } },
                } }
                { work.reviews[i].text.is_some().then(|| html! { <span class="edited">{ " (edited)" }</span> }) }
            </div>
            { reading(d) }
            // The earlier answer beside this question: reused, a suggestion, related or a conflict.
            { d.library.as_ref().map(|l| html! { <EarlierAnswer question={d.question.clone()} found={l.clone()} /> }) }
            </>
        };
    }
    let done = {
        let on_edit = props.on_edit.clone();
        move || {
            on_edit.emit(None);
            focus(&cell_id(r, COL_TEXT));
        }
    };
    let save = {
        let (on_action, done) = (props.on_action.clone(), done.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(el) = gloo::utils::document().get_element_by_id(&format!("edit-{i}")) {
                on_action.emit(Action::SetText(i, el.unchecked_into::<HtmlTextAreaElement>().value()));
            }
            done();
        })
    };
    let cancel = {
        let done = done.clone();
        Callback::from(move |_: MouseEvent| done())
    };
    let on_action = props.on_action.clone();
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
            e.prevent_default();
            on_action.emit(Action::SetText(i, e.target_unchecked_into::<HtmlTextAreaElement>().value()));
            done();
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
}

/// The sources row under a draft: each citation with its status and evidence, why the cited
/// rows support it, and the controls it maps to.
fn sources(d: &Draft, i: usize) -> Html {
    html! {
        <tr class="sources-row" role="row">
            <td role="gridcell" colspan={COLS.to_string()}>
                <div class="sources" id={format!("sources-{i}")}>
                    { if d.citations.is_empty() { html! { <p>{ "No row of the posture answers this question." }</p> } } else { html! {
                        <ul>{ for d.citations.iter().map(|c| html! {
                            <li>
                                <strong>{ c.reference.clone() }</strong>
                                { c.status.as_ref().map(|s| html! { <>{ " " }<StatusBadge status={s.clone()} /></> }) }
                                { format!(" — {} › {}", c.page, c.section) }
                                { (!c.evidence.is_empty()).then(|| html! { <ul class="evidence">{ for c.evidence.iter().map(|e| html! {
                                    <li>{ evidence_link(e) }</li>
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
    }
}

/// A question as the grid shows it: whole, or a very long one up to where drafting stopped
/// reading it (its draft says so). Issue 22: the page laid out every row's 10,000 characters
/// again at each slice of drafting, and clicks waited up to 200 ms for it.
fn shown_question(question: &str) -> String {
    let part = trustdraft_core::limits::drafted_part(question);
    if part.len() < question.len() {
        format!("{part} …")
    } else {
        question.to_string()
    }
}

#[function_component(ReviewRow)]
pub fn review_row(props: &Props) -> Html {
    let (work, i, r) = (&props.work, props.i, props.r);
    let (d, q, review) = (&work.drafts[i], &work.questionnaire.questions[i], &work.reviews[i]);
    let tab = |c: usize| if props.active == Some(c) { "0" } else { "-1" };
    let focus_cell = |c: usize| props.on_focus.reform(move |_: FocusEvent| (r, c));
    let approve = props
        .on_action
        .reform(move |e: Event| Action::Approve(i, e.target_unchecked_into::<web_sys::HtmlInputElement>().checked()));
    let context = match (props.multi_sheet, q.section.as_ref().or(q.domain.as_ref())) {
        (true, Some(s)) => html! { <span class="context">{ format!("{} › {s}", q.sheet) }</span> },
        (true, None) => html! { <span class="context">{ q.sheet.clone() }</span> },
        (false, Some(s)) => html! { <span class="context">{ s.clone() }</span> },
        (false, None) => html! {},
    };
    let toggle = props.on_action.reform(move |_: MouseEvent| Action::ToggleSources(i));
    let contradicted = pack_check(work, i).is_some_and(|c| !c.is_empty());
    let suggestion = work.pack.is_none() && Kind::of_work(work, i) == Kind::Suggestion;
    html! {
        <>
        <tr role="row" class={classes!(review.approved.then_some("approved"), contradicted.then_some("contradicted-row"), suggestion.then_some("suggestion-row"))} data-id={d.id.clone()} aria-rowindex={(r + 2).to_string()}>
            <td role="gridcell" id={cell_id(r, 0)} tabindex={tab(0)} onfocus={focus_cell(0)}>
                <input type="checkbox" tabindex="-1" checked={review.approved} onchange={approve} aria-label={format!("Approve {}", d.id)} />
            </td>
            <th role="rowheader" scope="row" id={cell_id(r, 1)} tabindex={tab(1)} onfocus={focus_cell(1)}>{ d.id.clone() }</th>
            <td role="gridcell" id={cell_id(r, 2)} tabindex={tab(2)} onfocus={focus_cell(2)}>
                { shown_question(&d.question) }
                { context }
                { props.mapped.then(|| html! { <span class="context crosswalk-tag">{ "mapped by the crosswalk" }</span> }) }
            </td>
            <td role="gridcell" id={cell_id(r, 3)} tabindex={tab(3)} onfocus={focus_cell(3)}>
                { answer_select(props) }
            </td>
            <td role="gridcell" id={cell_id(r, 4)} tabindex={tab(4)} onfocus={focus_cell(4)}>
                { confidence(work, i) }
                { review.answer.is_some().then(|| html! { <span class="edited">{ " (answer edited)" }</span> }) }
            </td>
            <td role="gridcell" id={cell_id(r, 5)} tabindex={tab(5)} onfocus={focus_cell(5)}>
                { text_cell(props) }
                { earlier(work, i, &props.on_action) }
            </td>
            <td role="gridcell" id={cell_id(r, 6)} tabindex={tab(6)} onfocus={focus_cell(6)}>
                <button type="button" tabindex="-1" aria-expanded={props.open.to_string()} aria-controls={format!("sources-{i}")} onclick={toggle}>
                    { format!("{} source{}", d.citations.len(), if d.citations.len() == 1 { "" } else { "s" }) }
                </button>
            </td>
        </tr>
        { props.open.then(|| sources(d, i)) }
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::shown_question;
    use trustdraft_core::limits::MAX_DRAFTED_CHARS;

    #[test]
    fn a_very_long_question_is_shown_up_to_where_drafting_read_it() {
        let q = "Do you encrypt customer data at rest?";
        assert_eq!(shown_question(q), q);
        let long = "encryption ".repeat(1_000);
        let shown = shown_question(&long);
        assert!(shown.ends_with("encryption …"), "{}", &shown[shown.len() - 20..]);
        assert!(shown.chars().count() <= MAX_DRAFTED_CHARS + 2);
    }
}
