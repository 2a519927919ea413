//! The answer library reuses approved answers (and flags them when a cited row changed status);
//! answer packs round-trip and packs of older format versions keep opening.

use crate::library::{self, Library};
use crate::model::Contradiction;
use crate::model::Match;
use crate::pack::{self, is_pack, AnswerPack, PackError, PostureFile};
use crate::questionnaire::{self, ImportOptions};
use crate::workspace::Work;
use crate::{Answer, Band, Catalog, Engine, Posture};

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
        lib.record(library::Entry::of(d, d.answer, None, text, "2026-11-22", &format!("first.csv › {}", d.id)));
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
    assert_eq!(err(newer.as_bytes()), "x.json: the answer pack is from a newer trustdraft (4.0.0, pack format 9; this one reads up to 1); open it with trustdraft 4.0.0 or later");
    let empty = r#"{"format": "trustdraft-answer-pack", "version": 1, "app_version": "0.1.0", "created": "", "vendor": "", "questionnaire": "", "posture": [], "answers": []}"#;
    assert!(matches!(AnswerPack::from_json("x.json", empty.as_bytes()), Err(PackError::NoPosture { .. })));
}

/// A pack around `pages` with `answers` (JSON objects).
fn pack_json(vendor: &str, pages: &[(&str, &str)], answers: &str) -> String {
    let pages: Vec<String> = pages
        .iter()
        .map(|(n, t)| format!("{{\"name\": {}, \"text\": {}}}", serde_json::json!(n), serde_json::json!(t)))
        .collect();
    format!(
        r#"{{"format": "trustdraft-answer-pack", "version": 1, "app_version": "0.1.0", "created": "2026-11-22",
            "vendor": {}, "questionnaire": "q.csv", "posture": [{}], "answers": [{answers}]}}"#,
        serde_json::json!(vendor),
        pages.join(",")
    )
}

const NORTHWIND_PAGE: &str = "# Northwind Analytics — ISO/IEC 27001:2022\nStatus: certified since 2025\n## Annex A\n| Ref | Status | Requirement | How we meet it / gap |\n|---|---|---|---|\n| A.8.24 | Met | Use of cryptography | AES-256; see /security/crypto. |\n| A.8.13 | Not met | Information backup | Restores are not tested. |\n| A.9.99 | Met | Not a control | Something. |\n";

#[test]
fn a_pack_made_from_work_agrees_with_its_posture() {
    // Issue 16: every fixture pack and every pack the app writes checks clean.
    let text = fixture("packs/pack-v1.json");
    let pack = AnswerPack::from_json("pack-v1.json", text.as_bytes()).unwrap();
    let posture = Posture::from_pages(pack.pages());
    let check = pack.check(&posture, &Catalog::embedded());
    assert_eq!(check.contradicted(), 0, "{:?}", check.contradictions);
    assert_eq!(check.named_by_pages, "Northwind Analytics");
    assert_eq!(check.stated_fingerprint, None, "a pack from before fingerprints states none");

    let files = vec![PostureFile { name: "n.md".into(), text: fixture("posture/northwind-iso27001.md") }];
    let engine = Engine::new(Posture::from_pages(files.iter().map(|f| (f.name.as_str(), f.text.as_str())))).unwrap();
    let csv = fixture("questionnaires/northwind-questions.csv").into_bytes();
    let q = questionnaire::import("northwind-questions.csv", &csv).unwrap();
    let mut work = Work::new("northwind-questions.csv", csv, ImportOptions::default(), q);
    work.push_drafts(engine.draft_questionnaire(&work.questionnaire.clone(), None));
    for r in &mut work.reviews {
        r.approved = true;
    }
    let made = AnswerPack::from_work(&work, files, "Northwind Analytics", "2026-11-22");
    assert_eq!(made.posture_sha256.as_deref(), Some(pack::fingerprint(&made.posture).as_str()));
    let opened = AnswerPack::from_json("p.json", made.to_json().as_bytes()).unwrap();
    let check = opened.check(&Posture::from_pages(opened.pages()), &Catalog::embedded());
    assert_eq!(check.contradicted(), 0, "{:?}", check.contradictions);
    assert_eq!(check.stated_fingerprint, None);
    let mut work = opened.to_work("p.json");
    pack::check_work(&mut work, &opened.posture, &engine.posture, &Catalog::embedded());
    let info = work.pack.as_ref().unwrap();
    assert_eq!(info.check.as_ref().unwrap().contradicted(), 0);
    assert_eq!(info.check.as_ref().unwrap().fingerprint, made.posture_sha256.clone().unwrap());
    // The check is kept with the work, and work saved before checks existed still loads.
    assert_eq!(Work::from_json(&work.to_json()).unwrap(), work);
}

#[test]
fn a_pack_that_lies_about_its_posture_is_contradicted_in_words() {
    // Issue 16: a status its posture contradicts, a row its posture lacks, a control no catalog
    // has, evidence its row does not name, a Yes with no Met row; the vendor named by the pages.
    let cite = |r: &str, status: &str, evidence: &str| {
        format!(
            r#"{{"page": "Northwind Analytics — ISO/IEC 27001:2022", "section": "Annex A", "ref": "{r}", "status": "{status}", "evidence": [{evidence}]}}"#
        )
    };
    let answer = |id: &str, citations: String| {
        format!(
            r#"{{"id": "{id}", "question": "q {id}", "answer": "yes", "text": "t", "citations": [{citations}], "controls": []}}"#
        )
    };
    let answers = [
        answer("L1", cite("A.8.13", "Met", "")),
        answer("L2", cite("A.8.12", "Met", "")),
        answer("L3", cite("A.9.99", "Met", "")),
        answer("L4", cite("A.8.24", "Met", r#""/security/crypto", "//evil.example/phish""#)),
        answer("L5", cite("A.8.24", "Met", r#""/security/crypto""#)),
    ]
    .join(",");
    let json = pack_json("Glassbreak Ltd (verified by trustdraft)", &[("n.md", NORTHWIND_PAGE)], &answers);
    let pack = AnswerPack::from_json("lies.json", json.as_bytes()).unwrap();
    let posture = Posture::from_pages(pack.pages());
    let check = pack.check(&posture, &Catalog::embedded());
    let words: Vec<Vec<String>> =
        check.contradictions.iter().map(|c| c.iter().map(|c| c.to_string()).collect()).collect();
    assert_eq!(
        words,
        vec![
            vec![
                "A.8.13: the pack says Met; its posture says Not met".to_string(),
                "the pack answers Yes, but no row it cites is Met in its posture".into()
            ],
            vec![
                "the pack cites A.8.12 on \u{201c}Northwind Analytics — ISO/IEC 27001:2022\u{201d}; its posture has no such row".to_string(),
                "the pack answers Yes, but no row it cites is Met in its posture".into()
            ],
            vec!["A.9.99: A.9.99 is not a control of ISO/IEC 27001:2022".to_string()],
            vec!["A.8.24: the pack cites \u{201c}//evil.example/phish\u{201d} as evidence; its posture does not name it there".to_string()],
            vec![],
        ]
    );
    assert_eq!(check.contradicted(), 4);
    assert!(matches!(check.contradictions[0][0], Contradiction::Status { .. }));
    assert_eq!(check.named_by_pages, "Northwind Analytics", "the pages' own name, not the pack's claim");
    assert_eq!(pack.vendor, "Glassbreak Ltd (verified by trustdraft)");
}

#[test]
fn a_fingerprint_tells_postures_apart_and_notices_edited_pages() {
    let pages = |text: &str| vec![PostureFile { name: "n.md".into(), text: text.into() }];
    let a = pack::fingerprint(&pages(NORTHWIND_PAGE));
    assert_eq!(a, pack::fingerprint(&pages(NORTHWIND_PAGE)));
    assert!(a.starts_with("sha256:") && a.len() == 7 + 64);
    assert_ne!(a, pack::fingerprint(&pages(&NORTHWIND_PAGE.replace("Not met", "Met"))));
    // The name counts, and where one page ends and the next begins.
    assert_ne!(
        pack::fingerprint(&[PostureFile { name: "ab".into(), text: "c".into() }]),
        pack::fingerprint(&[PostureFile { name: "a".into(), text: "bc".into() }])
    );
    // A pack whose pages were edited after it was made: its stated fingerprint is kept aside.
    let json = pack_json("N", &[("n.md", NORTHWIND_PAGE)], "")
        .replace(r#""answers""#, r#""posture_sha256": "sha256:00", "answers""#);
    let pack = AnswerPack::from_json("p.json", json.as_bytes()).unwrap();
    let check = pack.check(&Posture::from_pages(pack.pages()), &Catalog::embedded());
    assert_eq!(check.stated_fingerprint.as_deref(), Some("sha256:00"));
    assert_eq!(check.fingerprint, a);
}

#[test]
fn a_pack_is_held_to_the_limits_and_says_what_it_left_out() {
    use crate::limits::{MAX_PACK_BYTES, MAX_PAGES, MAX_PAGE_BYTES};
    let big = vec![b' '; MAX_PACK_BYTES + 1];
    assert_eq!(
        AnswerPack::from_json("big.json", &big).unwrap_err().to_string(),
        format!(
            "big.json: the answer pack is {:.1} MB, over the limit of 50 MB for an answer pack",
            big.len() as f64 / 1e6
        )
    );
    let many: Vec<(String, &str)> = (0..MAX_PAGES + 3).map(|i| (format!("p{i}.md"), NORTHWIND_PAGE)).collect();
    let refs: Vec<(&str, &str)> = many.iter().map(|(n, t)| (n.as_str(), *t)).collect();
    let pack = AnswerPack::from_json("many.json", pack_json("N", &refs, "").as_bytes()).unwrap();
    assert_eq!(pack.posture.len(), MAX_PAGES);
    assert_eq!(
        pack.notes,
        vec![format!(
            "many.json: 3 pages not loaded (p50.md … p52.md): at most {MAX_PAGES} posture pages are loaded at once"
        )]
    );
    let huge = format!("{NORTHWIND_PAGE}{}", "x".repeat(MAX_PAGE_BYTES));
    let pack = AnswerPack::from_json(
        "huge.json",
        pack_json("N", &[("n.md", NORTHWIND_PAGE), ("huge.md", &huge)], "").as_bytes(),
    )
    .unwrap();
    assert_eq!(pack.posture.len(), 1);
    assert_eq!(pack.notes.len(), 1);
    assert!(
        pack.notes[0].starts_with("huge.json: page huge.md: not loaded: the page is 5.2 MB, over the limit of 5 MB"),
        "{}",
        pack.notes[0]
    );
    let check = pack.check(&Posture::from_pages(pack.pages()), &Catalog::embedded());
    assert_eq!(check.notes[0], pack.notes[0], "the check carries what opening left out");
}
