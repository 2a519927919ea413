//! Exports: the answered original workbook, CSV and JSON of the drafts, the answer pack;
//! start over.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub file_name: AttrValue,
    pub approved: usize,
    pub total: usize,
    pub on_export: Callback<()>,
    pub on_csv: Callback<()>,
    pub on_json: Callback<()>,
    /// The approved answers and the posture as an answer pack.
    pub on_pack: Callback<()>,
    pub on_start_over: Callback<()>,
    /// Opened from a vendor's pack: there is no workbook to write back into.
    #[prop_or_default]
    pub from_pack: bool,
}

#[function_component(ExportBar)]
pub fn export_bar(props: &Props) -> Html {
    let click = |cb: &Callback<()>| cb.reform(|_: MouseEvent| ());
    html! {
        <section class="export-bar" aria-label="Export">
            <p class="counts" data-testid="counts">
                { format!("{} of {} approved · {} remaining", props.approved, props.total, props.total - props.approved) }
            </p>
            { (!props.from_pack).then(|| html! {
                <button type="button" class="primary" onclick={click(&props.on_export)}>{ format!("Export {} answered", props.file_name) }</button>
            }) }
            <button type="button" onclick={click(&props.on_csv)}>{ "Drafts as CSV" }</button>
            <button type="button" onclick={click(&props.on_json)}>{ "Drafts as JSON" }</button>
            { (!props.from_pack).then(|| html! {
                <button type="button" onclick={click(&props.on_pack)} title="The approved answers, their citations and the posture, in one file a customer opens offline">{ "Answer pack" }</button>
            }) }
            <button type="button" class="danger" onclick={click(&props.on_start_over)}>{ "Start over…" }</button>
        </section>
    }
}
