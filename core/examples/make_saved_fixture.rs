//! Writes `tests/fixtures/saved/work-v{WORK_FORMAT_VERSION}.json`: saved work of the current format
//! version. Run once per format version; the file is committed and `core/tests/saved_work.rs`
//! checks that every version keeps loading. Version 1 was made on the CAIQ-layout fixture with one
//! edit and one approval; version 2 on the filled, protected fixture (sheet kinds, earlier answers)
//! with a replace choice, an edit and an approval.
use trustdraft_core::jobs;
use trustdraft_core::model::Review;
use trustdraft_core::ImportOptions;
use trustdraft_core::{Answer, Engine};
use trustdraft_core::{Work, WORK_FORMAT_VERSION};

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures");
    let name = "filled-protected.xlsx";
    let bytes = std::fs::read(format!("{dir}/questionnaires/{name}")).unwrap();
    let q = jobs::import(name, &bytes).unwrap();
    let drafts = Engine::embedded_default().unwrap().draft_questionnaire(&q, None);
    let mut work = Work::new(name, bytes, ImportOptions::default(), q);
    work.push_drafts(drafts);
    work.reviews[0] = Review {
        answer: Some(Answer::Yes),
        choice: Some("Yes".into()),
        text: Some("MFA is enforced for every administrator.".into()),
        approved: true,
        replace: true,
    };
    work.reviews[1].approved = true;
    let path = format!("{dir}/saved/work-v{WORK_FORMAT_VERSION}.json");
    std::fs::write(&path, work.to_json()).unwrap();
    println!("wrote {path}");
}
