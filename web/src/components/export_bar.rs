//! Exports: the answered original workbook, CSV and JSON of the drafts; start over.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub file_name: AttrValue,
    pub approved: usize,
    pub total: usize,
    pub on_export: Callback<()>,
    pub on_csv: Callback<()>,
    pub on_json: Callback<()>,
    pub on_start_over: Callback<()>,
}

#[function_component(ExportBar)]
pub fn export_bar(props: &Props) -> Html {
    let click = |cb: &Callback<()>| cb.reform(|_: MouseEvent| ());
    html! {
        <section class="export-bar" aria-label="Export">
            <p class="counts" data-testid="counts">
                { format!("{} of {} approved · {} remaining", props.approved, props.total, props.total - props.approved) }
            </p>
            <button type="button" class="primary" onclick={click(&props.on_export)}>{ format!("Export {} answered", props.file_name) }</button>
            <button type="button" onclick={click(&props.on_csv)}>{ "Drafts as CSV" }</button>
            <button type="button" onclick={click(&props.on_json)}>{ "Drafts as JSON" }</button>
            <button type="button" class="danger" onclick={click(&props.on_start_over)}>{ "Start over…" }</button>
        </section>
    }
}
