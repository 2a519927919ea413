//! Saved work written by earlier versions keeps loading (one fixture per format version).

use crate::workspace::Work;
use crate::Answer;

#[test]
fn format_v1_saved_work_still_loads_with_its_edits() {
    let text = std::fs::read_to_string(format!("{}/../tests/fixtures/saved/work-v1.json", env!("CARGO_MANIFEST_DIR")))
        .unwrap();
    let work = Work::from_json(&text).unwrap();
    assert_eq!(work.file_name, "caiq-layout.xlsx");
    assert_eq!(work.questionnaire.questions.len(), 21);
    assert_eq!(work.drafts.len(), 21);
    let first = work.final_answer(0);
    assert_eq!(first.answer, Answer::Yes);
    assert_eq!(first.text, "Edited by a reviewer.");
    assert_eq!(work.counts(), (2, 19));
    // It can still be exported back into its original workbook.
    let exported = work.export_original().unwrap();
    assert_eq!(exported.name, "caiq-layout-answered.xlsx");
    assert!(exported.bytes.starts_with(b"PK"));
    assert!(exported.verified.is_some());
    // Its drafts state no band (saved before bands): each falls back to its confidence. Only the
    // assertions and the two approved answers are written; the suggestions wait (issue 22).
    let s = &exported.summary;
    assert_eq!((s.answered, s.assertions, s.approved), (8, 6, 2), "{s:?}");
    assert_eq!(s.suggestions, 11, "{s:?}");
}

#[test]
fn format_v2_saved_work_loads_with_its_sheet_kinds_and_replace_choices() {
    let text = std::fs::read_to_string(format!("{}/../tests/fixtures/saved/work-v2.json", env!("CARGO_MANIFEST_DIR")))
        .unwrap();
    let work = Work::from_json(&text).unwrap();
    assert_eq!(work.file_name, "filled-protected.xlsx");
    let kinds: Vec<_> = work.questionnaire.sheets.iter().map(|s| s.kind.label()).collect();
    assert_eq!(kinds, ["reference", "questionnaire", "hidden"]);
    assert!(work.reviews[0].replace);
    assert_eq!(work.questionnaire.questions[0].existing.as_ref().and_then(|e| e.answer.as_deref()), Some("Yes"));
    let exported = work.export_original().unwrap();
    assert!(exported.verified.is_some());
}
