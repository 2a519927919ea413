//! Exports: the answered original workbook (after the user has seen what will be written), CSV
//! and JSON of the drafts, the answer pack; start over.

use std::rc::Rc;

use trustdraft_core::Summary;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub file_name: AttrValue,
    pub approved: usize,
    pub total: usize,
    /// Work out what the export would write (shown before anything is written).
    pub on_plan: Callback<()>,
    /// What it would write, once worked out.
    #[prop_or_default]
    pub plan: Option<Rc<Summary>>,
    pub on_cancel_plan: Callback<()>,
    /// Questions the workbook already answers, and whether their answers are all replaced.
    #[prop_or_default]
    pub existing: usize,
    #[prop_or_default]
    pub replace_all: bool,
    pub on_replace_all: Callback<bool>,
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
    let on_replace_all =
        props.on_replace_all.reform(|e: Event| e.target_unchecked_into::<web_sys::HtmlInputElement>().checked());
    let plan = props.plan.as_ref().filter(|_| !props.from_pack).map(|summary| {
        html! {
            <div class="export-plan" role="region" aria-label="What the export writes" data-testid="export-plan">
                <p><strong>{ "Before anything is written: " }</strong>{ summary.sentence() }</p>
                <p class="muted">{ "Only answer and comment cells of question rows change: never a formula, a hidden sheet or a locked cell. The file is read back and checked against the original before it is offered." }</p>
                { (props.existing > 0).then(|| html! {
                    <p>
                        <label>
                            <input type="checkbox" checked={props.replace_all} onchange={on_replace_all} />
                            { format!(" Replace all {} earlier answers in the workbook", props.existing) }
                        </label>
                    </p>
                }) }
                <button type="button" class="primary" onclick={click(&props.on_export)}>{ "Write and download" }</button>
                <button type="button" onclick={click(&props.on_cancel_plan)}>{ "Cancel" }</button>
            </div>
        }
    });
    html! {
        <section class="export-bar" aria-label="Export">
            <p class="counts" data-testid="counts">
                { format!("{} of {} approved · {} remaining", props.approved, props.total, props.total - props.approved) }
            </p>
            { (!props.from_pack).then(|| html! {
                <button type="button" class="primary" onclick={click(&props.on_plan)} aria-expanded={props.plan.is_some().to_string()}>{ format!("Export {} answered…", props.file_name) }</button>
            }) }
            <button type="button" onclick={click(&props.on_csv)}>{ "Drafts as CSV" }</button>
            <button type="button" onclick={click(&props.on_json)}>{ "Drafts as JSON" }</button>
            { (!props.from_pack).then(|| html! {
                <button type="button" onclick={click(&props.on_pack)} title="The approved answers, their citations and the posture, in one file a customer opens offline">{ "Answer pack" }</button>
            }) }
            <button type="button" class="danger" onclick={click(&props.on_start_over)}>{ "Start over…" }</button>
            { plan }
        </section>
    }
}
