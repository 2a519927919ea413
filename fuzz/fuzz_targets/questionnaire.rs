//! The questionnaire importer takes any bytes (CSV or workbook): a questionnaire or an error
//! naming the file, never a panic; an imported workbook also exports back, writing no formula
//! start, and the written file passes the read-back check against the original.
#![no_main]
use libfuzzer_sys::fuzz_target;
use trustdraft_core::export::{self, Basis, FinalAnswer};
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
                    basis: Basis::Approved,
                })
                .collect();
            let Ok(plan) = export::plan("fuzz.xlsx", data, &q, &answers, &Default::default()) else { return };
            assert!(plan.writes.iter().all(|c| !c.value.starts_with('=')));
            if data.starts_with(b"PK") {
                if let Ok(out) = export::export_xlsx("fuzz.xlsx", data, &plan.writes) {
                    // It passes its check, unless the original itself is damaged (a part whose
                    // checksum fails): then the export is refused, naming the file and the part.
                    if let Err(e) = export::verify_xlsx("fuzz.xlsx", data, &out, &plan.writes) {
                        let text = e.to_string();
                        assert!(
                            text.starts_with("fuzz.xlsx: ") && text.contains("the original cannot be read"),
                            "{text}"
                        );
                    }
                }
            }
        }
        Err(e) => assert!(e.to_string().starts_with("fuzz.xlsx: ")),
    }
});
