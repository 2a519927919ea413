//! The questionnaire importer takes any bytes (CSV or workbook): a questionnaire or an error
//! naming the file, never a panic; an imported workbook also exports back, writing no formula
//! start, and the written file passes the read-back check against the original.
#![no_main]
use libfuzzer_sys::fuzz_target;
use trustdraft_core::{jobs, Answer, Band, Draft, Work};

fuzz_target!(|data: &[u8]| {
    match jobs::import("fuzz.xlsx", data) {
        Ok(q) => {
            // Every question answered Yes with a text that starts like a formula.
            let drafts: Vec<Draft> = q
                .questions
                .iter()
                .map(|x| Draft { id: x.id.clone(), answer: Answer::Yes, text: "=1+1".into(), stated_band: Some(Band::High), ..Draft::needs_review() })
                .collect();
            let mut work = Work::new("fuzz.xlsx", data.to_vec(), Default::default(), q);
            work.push_drafts(drafts);
            let Ok(plan) = work.plan() else { return };
            assert!(plan.writes.iter().all(|c| !c.value.starts_with('=')));
            if data.starts_with(b"PK") {
                // It passes its check, unless the original itself is damaged (a part whose
                // checksum fails): then the export is refused, naming the file and the part.
                // A write that fails before the check (a part it cannot patch) is refused by name.
                if let Err(e) = work.write_planned(plan) {
                    let text = e.to_string();
                    let check_failed = text.contains("failed its check");
                    assert!(text.starts_with("fuzz.xlsx: "), "{text}");
                    assert!(!check_failed || text.contains("the original cannot be read"), "{text}");
                }
            }
        }
        Err(e) => assert!(e.to_string().starts_with("fuzz.xlsx: ")),
    }
});
