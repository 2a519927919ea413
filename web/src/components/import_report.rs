//! What the importer found: every sheet, taken as a questionnaire or left out and why, with the
//! columns, the mark columns and the sheets the user can correct, and the answers already there.

use trustdraft_core::Work;
use trustdraft_core::{column_name, Role, SheetReport};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub work: std::rc::Rc<Work>,
    /// (sheet, role, column or none) — the user corrected a column.
    pub on_column: Callback<(String, Role, Option<u32>)>,
    /// (sheet, columns) — the user chose the mark columns (one per answer value).
    pub on_marks: Callback<(String, Vec<u32>)>,
    /// (sheet, answer it or not) — the user included or left out a sheet.
    pub on_sheet: Callback<(String, bool)>,
    /// Add the answers already in the workbook to the answer library.
    pub on_library: Callback<()>,
}

fn dom_id(sheet: &str, what: &str) -> String {
    format!("{what}-{}", sheet.replace(|c: char| !c.is_alphanumeric(), "-"))
}

fn column_select(sheet: &SheetReport, role: Role, on_column: &Callback<(String, Role, Option<u32>)>) -> Html {
    let current = sheet.columns.get(role);
    let id = dom_id(&sheet.name, &format!("col-{}", role.label()));
    let onchange = {
        let on_column = on_column.clone();
        let name = sheet.name.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            on_column.emit((name.clone(), role, select.value().parse().ok()));
        })
    };
    html! {
        <div class="column-choice">
            <label for={id.clone()}>{ role.label() }</label>
            <select id={id} {onchange}>
                <option value="" selected={current.is_none()}>{ "— none —" }</option>
                { for (0..sheet.width.max(current.map_or(0, |c| c + 1))).map(|c| html! {
                    <option value={c.to_string()} selected={current == Some(c)}>{ format!("column {}", column_name(c)) }</option>
                }) }
            </select>
        </div>
    }
}

fn marks_select(sheet: &SheetReport, on_marks: &Callback<(String, Vec<u32>)>) -> Html {
    let id = dom_id(&sheet.name, "marks");
    let chosen: Vec<u32> = sheet.columns.marks.iter().map(|m| m.col).collect();
    let onchange = {
        let on_marks = on_marks.clone();
        let name = sheet.name.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let options = select.selected_options();
            let cols = (0..options.length())
                .filter_map(|i| options.item(i))
                .filter_map(|o| o.get_attribute("value"))
                .filter_map(|v| v.parse().ok())
                .collect();
            on_marks.emit((name.clone(), cols));
        })
    };
    html! {
        <div class="column-choice">
            <label for={id.clone()}>{ "mark columns" }</label>
            <select id={id} multiple=true size="3" {onchange}
                title="Answers given by a mark (X) in one column per value: choose those columns">
                { for (0..sheet.width).map(|c| {
                    let label = sheet.columns.marks.iter().find(|m| m.col == c).map(|m| format!(" ({})", m.label)).unwrap_or_default();
                    html! { <option value={c.to_string()} selected={chosen.contains(&c)}>{ format!("column {}{label}", column_name(c)) }</option> }
                }) }
            </select>
        </div>
    }
}

fn sheet_view(sheet: &SheetReport, props: &Props) -> Html {
    let taken = sheet.is_questionnaire();
    let toggle_id = dom_id(&sheet.name, "take");
    let onchange = {
        let on_sheet = props.on_sheet.clone();
        let name = sheet.name.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            on_sheet.emit((name.clone(), input.checked()));
        })
    };
    let status = if taken {
        format!(
            "{} question{}, header on row{} {}",
            sheet.questions,
            if sheet.questions == 1 { "" } else { "s" },
            if sheet.header_rows.len() > 1 { "s" } else { "" },
            sheet.header_rows.iter().map(|r| (r + 1).to_string()).collect::<Vec<_>>().join(", ")
        )
    } else {
        format!("left out — {}: {}", sheet.kind.label(), sheet.reason)
    };
    html! {
        <fieldset class={classes!("sheet-report", (!taken).then_some("left-out"))} data-sheet={sheet.name.clone()} data-kind={sheet.kind.label()}>
            <legend>
                <input type="checkbox" id={toggle_id.clone()} checked={taken} {onchange} />
                <label for={toggle_id}>{ sheet.name.clone() }</label>
                <span class="sheet-status">{ format!(" — {status}") }</span>
            </legend>
            { taken.then(|| html! {
                <>
                    <div class="columns">
                        { for [Role::Question, Role::Id, Role::Answer, Role::Comment].into_iter().map(|role| column_select(sheet, role, &props.on_column)) }
                        { marks_select(sheet, &props.on_marks) }
                    </div>
                    <p class="detected">{ for sheet.headers.iter().filter(|(_, h)| !h.is_empty()).map(|(role, header)| html! {
                        <span class="found">{ format!("{}: “{}”", role.label(), header) }</span>
                    }) }</p>
                    { sheet.choices.as_ref().map(|c| html! { <p>{ format!("Answer dropdown: {}", c.join(" / ")) }</p> }) }
                    { (!sheet.columns.marks.is_empty()).then(|| html! { <p>{ format!("Answers are marks in: {}", sheet.columns.marks.iter().map(|m| format!("{} ({})", column_name(m.col), m.label)).collect::<Vec<_>>().join(", ")) }</p> }) }
                    { sheet.protected.then(|| html! { <p>{ "The sheet is protected: only its unlocked answer cells are written." }</p> }) }
                    { (sheet.existing > 0).then(|| html! { <p>{ format!("{} already answered in the workbook.", sheet.existing) }</p> }) }
                    { (sheet.sections > 0).then(|| html! { <p>{ format!("{} section rows kept as context.", sheet.sections) }</p> }) }
                    { (!sheet.skipped.is_empty()).then(|| html! {
                        <details class="skipped">
                            <summary>{ format!("{} rows skipped", sheet.skipped.len()) }</summary>
                            <ul>{ for sheet.skipped.iter().take(200).map(|s| html! { <li>{ format!("row {}: {}", s.row, s.reason) }</li> }) }</ul>
                        </details>
                    }) }
                </>
            }) }
        </fieldset>
    }
}

#[function_component(ImportReport)]
pub fn import_report(props: &Props) -> Html {
    let q = &props.work.questionnaire;
    let used = q.sheets.iter().filter(|s| s.is_questionnaire()).count();
    let left_out: Vec<String> =
        q.sheets.iter().filter(|s| !s.is_questionnaire()).map(|s| format!("{} ({})", s.name, s.kind.label())).collect();
    let existing = q.questions.iter().filter(|x| x.has_existing()).count();
    // The earlier answers that say Yes, No, N/A or Partial (a comment alone is no answer).
    let addable = trustdraft_core::Library::from_questionnaire(q, &props.work.file_name, "").len();
    let on_library = props.on_library.reform(|_: MouseEvent| ());
    let unsure: Vec<(String, String)> = q
        .sheets
        .iter()
        .filter(|s| s.is_questionnaire())
        .flat_map(|s| s.unsure.iter().map(|u| (s.name.clone(), u.clone())))
        .collect();
    let open = !props.work.is_drafted() && (!unsure.is_empty() || q.questions.is_empty());
    html! {
        <section class="import-report" aria-labelledby="import-title">
            <h2 id="import-title">{ format!("{} — {}", props.work.file_name, q.format.label()) }</h2>
            <p class="summary" data-testid="import-summary">
                { format!("{} questions in {} sheet{}.", q.questions.len(), used, if used == 1 { "" } else { "s" }) }
                { (!left_out.is_empty()).then(|| format!(" Left out: {}.", left_out.join(", "))) }
            </p>
            { (existing > 0).then(|| html! {
                <p class="existing-summary" data-testid="existing-summary">
                    { format!("{existing} question{} already answered in this workbook: those answers are kept unless you choose to replace them (per question below, or all when you export). ", if existing == 1 { " is" } else { "s are" }) }
                    { (addable > 0).then(|| html! {
                        <button type="button" onclick={on_library}>{ format!("Add {addable} of these answers to the library") }</button>
                    }) }
                </p>
            }) }
            { for q.notes.iter().map(|n| html! { <p class="error">{ n.clone() }</p> }) }
            { for unsure.iter().map(|(sheet, pick)| html! {
                <p class="unsure" data-testid="import-unsure">{ format!("Check {sheet}: {pick}") }</p>
            }) }
            // Folded unless the importer is unsure of a pick or found no question: on a real
            // workbook the per-sheet pickers are pages long, and the action is above them.
            <details open={open} data-testid="import-sheets">
                <summary>{ "Sheets and columns (correct them here before drafting)" }</summary>
                { for q.sheets.iter().map(|sheet| sheet_view(sheet, props)) }
            </details>
        </section>
    }
}
