//! The questionnaire importer takes any bytes (CSV or workbook): a questionnaire or an error
//! naming the file, never a panic; an imported workbook also exports back.
#![no_main]
use libfuzzer_sys::fuzz_target;
use trustdraft_core::export::{answered_cells, FinalAnswer};
use trustdraft_core::{questionnaire, Answer};

fuzz_target!(|data: &[u8]| {
    match questionnaire::import("fuzz.xlsx", data) {
        Ok(q) => {
            let answers: Vec<FinalAnswer> = q
                .questions
                .iter()
                .map(|x| FinalAnswer {
                    id: x.id.clone(),
                    answer: Answer::Yes,
                    choice: None,
                    text: "=1+1".into(),
                    citations: vec![],
                })
                .collect();
            let cells = answered_cells(&q, &answers);
            assert!(cells.iter().all(|c| !c.value.starts_with('=')));
            if data.starts_with(b"PK") {
                let _ = trustdraft_core::export::export_xlsx("fuzz.xlsx", data, &cells);
            }
        }
        Err(e) => assert!(e.to_string().starts_with("fuzz.xlsx: ")),
    }
});
