//! Loading a crosswalk for the open questionnaire (question id or framework ref → ISO ref, or
//! CSA's CCM workbook), and which questions it maps.

use std::rc::Rc;

use trustdraft_core::workspace::Work;
use yew::prelude::*;

use crate::hooks::use_engine;
use crate::services::drafting::DraftRun;
use crate::services::tasks::{self, Redrafting};
use crate::state::State;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub work: Rc<Work>,
    pub state: UseReducerHandle<State>,
    /// The drafting run the crosswalk's redraft replaces.
    pub run: DraftRun,
}

/// Which questions the loaded crosswalk maps, by id.
fn report(work: &Work) -> Html {
    let Some(cw) = work.crosswalk.as_ref() else { return html! {} };
    let mapped = work.crosswalk_mapped();
    let ids: Vec<String> =
        work.questionnaire.questions.iter().zip(&mapped).filter(|(_, m)| **m).map(|(q, _)| q.id.clone()).collect();
    let total = work.questionnaire.questions.len();
    html! {
        <details class="crosswalk-report" data-testid="crosswalk-report">
            <summary>{ format!("Crosswalk {}: {} entries; maps {} of {} questions", cw.file, cw.len(), ids.len(), total) }</summary>
            <p>{ if ids.is_empty() { "No question id or reference matches an entry.".to_string() } else { ids.join(", ") } }</p>
        </details>
    }
}

#[function_component(CrosswalkLoad)]
pub fn crosswalk_load(props: &Props) -> Html {
    let engine = use_engine();
    let onchange = {
        let (work, state, run) = (props.work.clone(), props.state.clone(), props.run.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
            input.set_value("");
            let to = Redrafting {
                engine: engine.0.clone(),
                work: work.clone(),
                library: state.library.clone(),
                dispatch: state.dispatcher(),
                run: run.clone(),
            };
            tasks::load_crosswalk(file, to);
        })
    };
    html! {
        <div class="crosswalk-load">
            <label for="crosswalk-file">{ "Crosswalk (optional): a CSV of question id or framework ref → ISO ref, or CSA's CCM workbook" }</label>
            <input id="crosswalk-file" type="file" accept=".csv,.xlsx,.xls,.ods,.tsv,.txt" {onchange} />
            { report(&props.work) }
        </div>
    }
}
