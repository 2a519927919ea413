//! The answer library reuses approved answers (and flags them when a cited row changed status);
//! answer packs round-trip and packs of older format versions keep opening.

use trustdraft_core::library::{self, Library, Match};
use trustdraft_core::pack::{is_pack, AnswerPack, PackError, PostureFile};
use trustdraft_core::questionnaire::{self, ImportOptions};
use trustdraft_core::workspace::Work;
use trustdraft_core::{Answer, Band, Engine, Posture};

fn fixture(path: &str) -> String {
    std::fs::read_to_string(format!("{}/../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn northwind(text: &str) -> Engine {
    Engine::new(Posture::from_pages([("northwind-iso27001.md", text)])).unwrap()
}

fn approved_library(engine: &Engine) -> Library {
    let csv = b"ID,Question\nN1,Is customer data encrypted at rest?\nN2,Are backup restores tested?\nN3,Do you screen new staff?\n";
    let q = questionnaire::import("first.csv", csv).unwrap();
    let drafts = engine.draft_questionnaire(&q, None);
    let mut lib = Library::default();
    for d in &drafts {
        let text = if d.id == "N3" { "Contractors are screened by their agency.".to_string() } else { d.text.clone() };
        lib.record(library::entry_of(d, d.answer, None, text, "2026-11-22", &format!("first.csv › {}", d.id)));
    }
    lib
}

#[test]
fn reworded_questions_reuse_approved_answers_above_fresh_drafts() {
    let engine = northwind(&fixture("posture/northwind-iso27001.md"));
    let lib = approved_library(&engine);
    let index = engine.library_index(&lib);
    let csv = b"ID,Question\nM1,Is all customer data encrypted when at rest?\nM2,Are backup restores tested?\nM3,Do you screen your new staff members?\nM4,Is MFA enforced?\n";
    let q = questionnaire::import("second.csv", csv).unwrap();
    let drafts: Vec<_> = q.questions.iter().map(|x| engine.draft_with_library(x, None, Some(&index))).collect();
    let used: Vec<Option<Match>> = drafts.iter().map(|d| d.library.as_ref().map(|l| l.matched)).collect();
    assert_eq!(used, [Some(Match::Close), Some(Match::Same), Some(Match::Close), None]);
    assert_eq!(drafts[0].band(), Band::Library);
    assert!(Band::Library > Band::High);
    assert_eq!(drafts[2].text, "Contractors are screened by their agency.", "the reviewer's text is reused");
    assert_eq!(drafts[0].library.as_ref().unwrap().label(), "from library (close wording): approved 2026-11-22");
    assert_ne!(drafts[3].band(), Band::Library);
}

#[test]
fn a_changed_row_status_flags_the_library_answer_instead_of_reusing_it() {
    let page = fixture("posture/northwind-iso27001.md");
    let lib = approved_library(&northwind(&page));
    let changed = page.replace("| A.8.24 | Met |", "| A.8.24 | Partial |");
    assert_ne!(changed, page);
    let engine = northwind(&changed);
    let index = engine.library_index(&lib);
    let q = questionnaire::import("again.csv", b"ID,Question\nX1,Is customer data encrypted at rest?\n").unwrap();
    let draft = engine.draft_with_library(&q.questions[0], None, Some(&index));
    assert!(draft.is_flagged());
    assert_eq!(draft.band(), Band::Low);
    assert_eq!(draft.answer, Answer::Partial, "the fresh draft from the changed posture");
    assert_eq!(
        draft.library.as_ref().unwrap().label(),
        "library answer of 2026-11-22 not reused: A.8.24: Met → Partial since"
    );
}

#[test]
fn a_pack_round_trips_and_opens_as_approved_work() {
    let files =
        vec![PostureFile { name: "northwind-trust.html".into(), text: fixture("posture/northwind-trust.html") }];
    let engine = Engine::new(Posture::from_pages(files.iter().map(|f| (f.name.as_str(), f.text.as_str())))).unwrap();
    let csv = b"ID,Question\nN1,Is customer data encrypted at rest?\nN2,Is MFA enforced?\n".to_vec();
    let q = questionnaire::import("q.csv", &csv).unwrap();
    let mut work = Work::new("q.csv", csv, ImportOptions::default(), q);
    work.push_drafts(engine.draft_questionnaire(&work.questionnaire.clone(), None));
    work.reviews[0].approved = true;
    work.reviews[0].text = Some("Encrypted with AES-256.".into());
    let pack = AnswerPack::from_work(&work, files, "Northwind Analytics", "2026-11-22");
    assert_eq!(pack.answers.len(), 1, "only approved answers go in a pack");
    let json = pack.to_json();
    assert!(is_pack(json.as_bytes()));
    let back = AnswerPack::from_json("northwind.trustdraft-pack.json", json.as_bytes()).unwrap();
    assert_eq!(back, pack);
    let opened = back.to_work("northwind.trustdraft-pack.json");
    assert_eq!(opened.final_answer(0).text, "Encrypted with AES-256.");
    assert_eq!(opened.counts(), (1, 0));
    assert!(opened.export_original().unwrap_err().to_string().contains("export CSV or JSON instead"));
}

#[test]
fn the_version_1_fixture_pack_keeps_opening() {
    let text = fixture("packs/pack-v1.json");
    let pack = AnswerPack::from_json("pack-v1.json", text.as_bytes()).unwrap();
    assert_eq!(pack.vendor, "Northwind Analytics");
    assert_eq!(pack.answers.len(), 3);
    let engine = Engine::new(Posture::from_pages(pack.pages())).unwrap();
    assert_eq!(engine.posture.rows.len(), 5);
    assert_eq!(engine.draft_text("Are backup restores tested?").answer, Answer::No);
    let work = pack.to_work("pack-v1.json");
    assert_eq!(work.drafts[0].answer, Answer::Yes);
    assert!(work.drafts[0].citations.iter().any(|c| c.reference == "A.8.24"));
}

#[test]
fn files_that_are_not_packs_are_refused_by_name() {
    let err = |bytes: &[u8]| AnswerPack::from_json("x.json", bytes).unwrap_err().to_string();
    assert!(err(b"{\"a\": 1}").starts_with("x.json: not a trustdraft answer pack (no `\"format\""));
    assert!(err(b"\xff\xfe").contains("not UTF-8"));
    let newer = r#"{"format": "trustdraft-answer-pack", "version": 9, "app_version": "4.0.0"}"#;
    assert_eq!(err(newer.as_bytes()), "x.json: the answer pack is from a newer trustdraft (4.0.0, pack format 9; this one reads up to 1). Open it with trustdraft 4.0.0 or later.");
    let empty = r#"{"format": "trustdraft-answer-pack", "version": 1, "app_version": "0.1.0", "created": "", "vendor": "", "questionnaire": "", "posture": [], "answers": []}"#;
    assert!(matches!(AnswerPack::from_json("x.json", empty.as_bytes()), Err(PackError::NoPosture { .. })));
}
