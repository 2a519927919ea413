//! Where a questionnaire comes in: a file picker and a drop target.

use web_sys::{DragEvent, HtmlInputElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub on_file: Callback<web_sys::File>,
    /// A smaller zone once a questionnaire is loaded.
    #[prop_or_default]
    pub compact: bool,
}

#[function_component(DropZone)]
pub fn drop_zone(props: &Props) -> Html {
    let over = use_state(|| false);
    let onchange = {
        let on_file = props.on_file.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                on_file.emit(file);
            }
            input.set_value("");
        })
    };
    let ondragover = {
        let over = over.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            over.set(true);
        })
    };
    let ondragleave = {
        let over = over.clone();
        Callback::from(move |_: DragEvent| over.set(false))
    };
    let ondrop = {
        let over = over.clone();
        let on_file = props.on_file.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            over.set(false);
            if let Some(file) = e.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
                on_file.emit(file);
            }
        })
    };
    let class = classes!("drop-zone", (*over).then_some("drop-over"), props.compact.then_some("drop-compact"));
    html! {
        <div class={class} {ondragover} {ondragleave} {ondrop} data-testid="drop-zone">
            <label for="questionnaire-file">
                { if props.compact { "Open another questionnaire" } else { "Open a questionnaire (.xlsx or .csv)" } }
            </label>
            <input id="questionnaire-file" type="file" accept=".xlsx,.xlsm,.xls,.ods,.csv,.tsv,.txt" {onchange} />
            { (!props.compact).then(|| html! {
                <p class="hint">{ "Or drop the file here. It is read in this browser and never uploaded." }</p>
            }) }
        </div>
    }
}
