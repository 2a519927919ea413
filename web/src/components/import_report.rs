//! What the importer found, per sheet, with the columns the user can correct.

use trustdraft_core::questionnaire::{Role, SheetReport};
use trustdraft_core::workspace::Work;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub work: std::rc::Rc<Work>,
    /// (sheet, role, column or none) — the user corrected a column.
    pub on_column: Callback<(String, Role, Option<u32>)>,
}

/// Column letters for people: 0 → A.
fn letter(col: u32) -> String {
    let name = trustdraft_core::questionnaire::Cell { row: 0, col }.name();
    name.trim_end_matches(|c: char| c.is_ascii_digit()).to_string()
}

fn column_select(sheet: &SheetReport, role: Role, on_column: &Callback<(String, Role, Option<u32>)>) -> Html {
    let current = sheet.columns.get(role);
    let id = format!("col-{}-{}", sheet.name.replace(|c: char| !c.is_alphanumeric(), "-"), role.label());
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
                    <option value={c.to_string()} selected={current == Some(c)}>{ format!("column {}", letter(c)) }</option>
                }) }
            </select>
        </div>
    }
}

#[function_component(ImportReport)]
pub fn import_report(props: &Props) -> Html {
    let q = &props.work.questionnaire;
    let used: Vec<&SheetReport> = q.sheets.iter().filter(|s| s.questions > 0 || s.header_row.is_some()).collect();
    let other: Vec<&str> =
        q.sheets.iter().filter(|s| s.questions == 0 && s.header_row.is_none()).map(|s| s.name.as_str()).collect();
    html! {
        <section class="import-report" aria-labelledby="import-title">
            <h2 id="import-title">{ format!("{} — {}", props.work.file_name, q.format.label()) }</h2>
            <p class="summary" data-testid="import-summary">
                { format!("{} questions in {} sheet{}.", q.questions.len(), used.len(), if used.len() == 1 { "" } else { "s" }) }
                { (!other.is_empty()).then(|| format!(" Not questionnaire sheets: {}.", other.join(", "))) }
            </p>
            { for q.notes.iter().map(|n| html! { <p class="error">{ n.clone() }</p> }) }
            <details open={!props.work.is_drafted() && props.work.drafts.is_empty()}>
                <summary>{ "Sheets and columns (correct them here before drafting)" }</summary>
                { for used.iter().map(|sheet| html! {
                    <fieldset class="sheet-report" data-sheet={sheet.name.clone()}>
                        <legend>{ format!("{} — {} questions, header on row {}", sheet.name, sheet.questions, sheet.header_row.map_or(0, |r| r + 1)) }</legend>
                        <div class="columns">
                            { for [Role::Question, Role::Id, Role::Answer, Role::Comment].into_iter().map(|role| column_select(sheet, role, &props.on_column)) }
                        </div>
                        <p class="detected">{ for sheet.headers.iter().map(|(role, header)| html! {
                            <span class="found">{ format!("{}: “{}”", role.label(), header) }</span>
                        }) }</p>
                        { sheet.choices.as_ref().map(|c| html! { <p>{ format!("Answer dropdown: {}", c.join(" / ")) }</p> }) }
                        { (sheet.sections > 0).then(|| html! { <p>{ format!("{} section rows kept as context.", sheet.sections) }</p> }) }
                        { (!sheet.skipped.is_empty()).then(|| html! {
                            <details class="skipped">
                                <summary>{ format!("{} rows skipped", sheet.skipped.len()) }</summary>
                                <ul>{ for sheet.skipped.iter().take(200).map(|s| html! { <li>{ format!("row {}: {}", s.row, s.reason) }</li> }) }</ul>
                            </details>
                        }) }
                    </fieldset>
                }) }
            </details>
        </section>
    }
}
