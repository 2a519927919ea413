//! Writes `tests/fixtures/saved/work-v1.json`: saved work of format version 1 on the CAIQ-layout
//! fixture, with one edit and one approval. Run once per format version; the file is committed
//! and `core/tests/saved_work.rs` checks it keeps loading.
use trustdraft_core::questionnaire::{self, ImportOptions};
use trustdraft_core::workspace::{Review, Work, WORK_FORMAT_VERSION};
use trustdraft_core::{Answer, Engine};

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures");
    let bytes = std::fs::read(format!("{dir}/questionnaires/caiq-layout.xlsx")).unwrap();
    let q = questionnaire::import("caiq-layout.xlsx", &bytes).unwrap();
    let drafts = Engine::embedded_default().unwrap().draft_questionnaire(&q, None);
    let mut work = Work::new("caiq-layout.xlsx", bytes, ImportOptions::default(), q);
    work.push_drafts(drafts);
    work.reviews[0] = Review {
        answer: Some(Answer::Yes),
        choice: Some("Yes".into()),
        text: Some("Edited by a reviewer.".into()),
        approved: true,
        ..Review::default()
    };
    work.reviews[1].approved = true;
    let path = format!("{dir}/saved/work-v{WORK_FORMAT_VERSION}.json");
    std::fs::write(&path, work.to_json()).unwrap();
    println!("wrote {path}");
}
