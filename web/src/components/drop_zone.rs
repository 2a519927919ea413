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

/// The handlers of a drop target and whether a file is being dragged over it.
pub struct FileDrop {
    pub over: bool,
    pub ondragover: Callback<DragEvent>,
    pub ondragleave: Callback<DragEvent>,
    pub ondrop: Callback<DragEvent>,
}

/// A drop target for files: `on_files` gets what was dropped.
#[hook]
pub fn use_file_drop(on_files: Callback<web_sys::FileList>) -> FileDrop {
    let over = use_state(|| false);
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
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            over.set(false);
            if let Some(files) = e.data_transfer().and_then(|d| d.files()) {
                on_files.emit(files);
            }
        })
    };
    FileDrop { over: *over, ondragover, ondragleave, ondrop }
}

#[function_component(DropZone)]
pub fn drop_zone(props: &Props) -> Html {
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
    let on_file = props.on_file.clone();
    let drop = use_file_drop(Callback::from(move |files: web_sys::FileList| {
        if let Some(file) = files.get(0) {
            on_file.emit(file);
        }
    }));
    let (over, ondragover, ondragleave, ondrop) = (drop.over, drop.ondragover, drop.ondragleave, drop.ondrop);
    let class = classes!("drop-zone", over.then_some("drop-over"), props.compact.then_some("drop-compact"));
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
