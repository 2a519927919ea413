//! Earlier answers reused by meaning (issue 23): the same words are reused, other words are a
//! suggestion unless the meaning is certain, another questionnaire family is bridged only by
//! shared controls (a related answer, never the answer), an answer for another product is never
//! asserted, and earlier answers that disagree are a conflict, never picked between.

use crate::library::{self, Library, LibraryIndex};
use crate::model::Match;
use crate::questionnaire::{self, Questionnaire};
use crate::{Answer, Band, Draft, Engine, Posture};

fn engine() -> Engine {
    let page = std::fs::read_to_string(format!(
        "{}/../tests/fixtures/posture/northwind-iso27001.md",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    Engine::new(Posture::from_pages([("northwind-iso27001.md", page.as_str())])).unwrap()
}

/// Last year's answers, as a filled questionnaire in our own words.
const LAST_YEAR: &str = "ID,Question,Answer,Comments,ISO 27001 mapping
P1,Is customer data encrypted at rest?,Yes,AES-256 in a managed key service.
P2,Do you run an annual penetration test of the platform by an outside firm?,Yes,A specialist firm tests every spring.
P3,Is there a documented plan for keeping the service running through a regional outage?,Yes,Tested twice a year.,A.5.30
";

fn filled(file: &str, csv: &str, scope: &str) -> Library {
    let q = questionnaire::import(file, csv.as_bytes()).unwrap();
    library::from_questionnaire_for(&q, file, "2026-11-30", scope)
}

fn draft_all(engine: &Engine, index: &LibraryIndex, csv: &str) -> (Questionnaire, Vec<Draft>) {
    let q = questionnaire::import("new.csv", csv.as_bytes()).unwrap();
    let drafts = q.questions.iter().map(|x| engine.draft_with_library(x, None, Some(index))).collect();
    (q, drafts)
}

#[test]
fn other_wording_is_found_and_offered_but_only_the_same_words_are_reused() {
    let engine = engine();
    let lib = filled("last-year.csv", LAST_YEAR, "Portal");
    let index = engine.library_index(&lib);
    let (_, drafts) = draft_all(
        &engine,
        &index,
        "ID,Question\nN1,Is customer data encrypted at rest?\nN2,Is the platform penetration tested by an outside firm every year?\n",
    );
    let same = drafts[0].library.as_ref().unwrap();
    assert_eq!((same.matched, same.score, same.is_reused()), (Match::Same, 1.0, true));
    assert_eq!(drafts[0].band(), Band::Library);
    assert_eq!(drafts[0].text, "AES-256 in a managed key service.");
    assert_eq!(same.scope, "Portal");
    let close = drafts[1].library.as_ref().expect("the reworded question finds last year's answer");
    assert_eq!(close.matched, Match::Close);
    assert_eq!(close.question, "Do you run an annual penetration test of the platform by an outside firm?");
    assert_eq!(close.answer, Some(Answer::Yes));
    assert_eq!(close.source, "last-year.csv \u{203a} P2 (answered before)");
    assert!(!close.is_reused(), "other wording is a suggestion: {close:?}");
    assert!(close.label().starts_with("suggestion from library: yes (last-year.csv"), "{}", close.label());
    assert_ne!(drafts[1].band(), Band::Library);
    assert!(!drafts[1].is_flagged(), "a suggestion is not a review flag");
}

#[test]
fn another_family_is_bridged_by_shared_controls_as_a_related_answer_never_the_answer() {
    let engine = engine();
    let lib = filled("caiq-2025.csv", LAST_YEAR, "");
    let index = engine.library_index(&lib);
    let (_, drafts) = draft_all(
        &engine,
        &index,
        "ID,Question,ISO 27001\nH1,Describe how ICT services recover after a disruption.,A.5.30\n",
    );
    let related = drafts[0].library.as_ref().expect("the shared ref bridges the two questionnaires");
    assert_eq!(related.matched, Match::Related);
    assert_eq!(related.source, "caiq-2025.csv \u{203a} P3 (answered before)");
    assert!(!related.is_reused());
    assert_ne!(drafts[0].text, "Tested twice a year.", "a related answer is never the draft's text");
    assert_ne!(drafts[0].band(), Band::Library);
}

#[test]
fn an_answer_for_another_product_is_never_asserted() {
    let engine = engine();
    let lib = filled("portal-2025.csv", LAST_YEAR, "Portal");
    let index = engine.library_index_for(&lib, Some("Mobile app"));
    let (_, drafts) = draft_all(&engine, &index, "ID,Question\nN1,Is customer data encrypted at rest?\n");
    let used = drafts[0].library.as_ref().unwrap();
    assert_eq!(used.matched, Match::Same);
    assert!(!used.is_reused());
    assert_ne!(drafts[0].text, "AES-256 in a managed key service.", "another product's text is not the answer");
    assert!(used.label().contains("answered for Portal, not for this one"), "{}", used.label());
    // The same library drafting for its own product reuses it.
    let own = engine.library_index_for(&lib, Some("portal"));
    let (_, drafts) = draft_all(&engine, &own, "ID,Question\nN1,Is customer data encrypted at rest?\n");
    assert_eq!(drafts[0].band(), Band::Library);
}

#[test]
fn two_earlier_answers_that_disagree_are_a_conflict_never_picked() {
    let engine = engine();
    let mut lib = filled("spring.csv", LAST_YEAR, "");
    let autumn = LAST_YEAR.replace(
        "P1,Is customer data encrypted at rest?,Yes,AES-256 in a managed key service.",
        "Q9,Is customer data encrypted at rest?,No,Only backups are.",
    );
    assert_eq!(lib.gather(filled("autumn.csv", &autumn, "")), 1, "only the disagreeing answer is new");
    let index = engine.library_index(&lib);
    let (_, drafts) = draft_all(&engine, &index, "ID,Question\nN1,Is customer data encrypted at rest?\n");
    let used = drafts[0].library.as_ref().unwrap();
    assert!(!used.is_reused());
    assert_eq!(used.conflicts.len(), 1);
    let answers = [used.answer.unwrap(), used.conflicts[0].answer];
    assert!(answers.contains(&Answer::Yes) && answers.contains(&Answer::No), "{answers:?}");
    assert!(drafts[0].is_flagged());
    assert!(used.label().starts_with("conflict: earlier answers disagree"), "{}", used.label());
    assert_ne!(drafts[0].band(), Band::Library);
}

#[test]
fn saved_work_and_libraries_of_before_scopes_still_read() {
    let old_use = r#"{"matched":"close","question":"q","approved":"2026-11-22","source":"a.xlsx › 1"}"#;
    let used: crate::model::LibraryUse = serde_json::from_str(old_use).unwrap();
    assert!(used.is_reused());
    let old_lib = r#"{"version":1,"entries":[{"question":"q","answer":"yes","text":"t","approved":"2026-11-22"}]}"#;
    let lib = Library::from_json("old.json", old_lib).unwrap();
    assert_eq!((lib.entries[0].scope.as_str(), lib.entries[0].refs.len()), ("", 0));
}
