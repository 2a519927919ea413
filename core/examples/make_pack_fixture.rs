//! Writes `tests/fixtures/packs/pack-v1.json`: an answer pack of format version 1 — the
//! Northwind posture (markdown and HTML pages) and the approved answers to a short CSV
//! questionnaire. Run once per pack format version; the file is committed and
//! `core/tests/library_and_pack.rs` checks it keeps opening.
use trustdraft_core::jobs;
use trustdraft_core::ImportOptions;
use trustdraft_core::Work;
use trustdraft_core::{AnswerPack, PostureFile, PACK_FORMAT_VERSION};
use trustdraft_core::{Engine, Posture};

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures");
    let page = |name: &str| PostureFile {
        name: name.into(),
        text: std::fs::read_to_string(format!("{dir}/posture/{name}")).unwrap(),
    };
    let files = vec![page("northwind-trust.html")];
    let engine = Engine::new(Posture::from_pages(files.iter().map(|f| (f.name.as_str(), f.text.as_str())))).unwrap();
    let csv = b"ID,Question\nN1,Is customer data encrypted at rest?\nN2,Are backup restores tested?\nN3,Do you use a threat intelligence feed?\nN4,Is there a bug bounty programme?\n".to_vec();
    let q = jobs::import("northwind-questions.csv", &csv).unwrap();
    let drafts = engine.draft_questionnaire(&q, None);
    let mut work = Work::new("northwind-questions.csv", csv, ImportOptions::default(), q);
    work.push_drafts(drafts);
    for i in 0..3 {
        work.reviews[i].approved = true;
    }
    let pack = AnswerPack::from_work(&work, files, "Northwind Analytics", "2026-11-22");
    let path = format!("{dir}/packs/pack-v{PACK_FORMAT_VERSION}.json");
    std::fs::create_dir_all(format!("{dir}/packs")).unwrap();
    std::fs::write(&path, pack.to_json()).unwrap();
    println!("wrote {path}");
}
