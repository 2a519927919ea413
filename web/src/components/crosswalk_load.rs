//! Loading a crosswalk for the open questionnaire (question id or framework ref → ISO ref, or
//! CSA's CCM workbook), and which questions it maps. A view function of the Questionnaire page.

use trustdraft_core::Work;
use yew::prelude::*;

use crate::components::Panel;
use crate::services::tasks::{self, Redrafting};

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

/// The crosswalk input and what the loaded one maps; a file loaded redrafts the questionnaire.
pub fn crosswalk_load(at: &Panel) -> Html {
    let onchange = {
        let (engine, work, state, run) = (at.engine.clone(), at.work.clone(), at.state.clone(), at.run.clone());
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
            { report(at.work) }
        </div>
    }
}
