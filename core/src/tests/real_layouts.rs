//! Issue 14: workbooks laid out as real, published questionnaires are (fixtures in our own words,
//! one per layout feature) are imported with exactly their questions and exported with exactly
//! their answer cells changed — read back with calamine, not our own reader. Issue 23: workbooks
//! a vendor already filled (`make-filled.mjs`) are read whole, every answer with them.

use std::collections::BTreeMap;
use std::io::Cursor;

use crate::export::{self, export_xlsx, verify_xlsx, Basis, FinalAnswer, Replace};
use crate::questionnaire::{self, Questionnaire, SheetKind};
use crate::Answer;
use calamine::{Data, Reader, Xlsx};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../tests/fixtures/questionnaires/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn import(name: &str) -> Questionnaire {
    questionnaire::import(name, &fixture(name)).unwrap_or_else(|e| panic!("{e}"))
}

fn ids(q: &Questionnaire) -> Vec<&str> {
    q.questions.iter().map(|x| x.id.as_str()).collect()
}

fn kind(q: &Questionnaire, sheet: &str) -> SheetKind {
    q.sheets.iter().find(|s| s.name == sheet).unwrap_or_else(|| panic!("no sheet {sheet}")).kind
}

/// Every cell of every sheet as calamine reads it: (sheet, cell) → (value, formula).
fn all_cells(bytes: &[u8]) -> BTreeMap<String, (String, String)> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let mut out: BTreeMap<String, (String, String)> = BTreeMap::new();
    for name in wb.sheet_names() {
        let key = |r: u32, c: u32| format!("{name}!{}", questionnaire::Cell { row: r, col: c }.name());
        let values = wb.worksheet_range(&name).unwrap();
        if let Some((r0, c0)) = values.start() {
            for (r, c, v) in values.used_cells() {
                if !matches!(v, Data::Empty) {
                    out.entry(key(r0 + r as u32, c0 + c as u32)).or_default().0 = v.to_string();
                }
            }
        }
        let formulas = wb.worksheet_formula(&name).unwrap();
        if let Some((r0, c0)) = formulas.start() {
            for (r, c, f) in formulas.used_cells() {
                if !f.is_empty() {
                    out.entry(key(r0 + r as u32, c0 + c as u32)).or_default().1 = f.clone();
                }
            }
        }
    }
    out
}

/// Exports `answers`, checks that exactly the planned cells changed (calamine on both files) and
/// that our own check agrees; returns the plan and the exported bytes.
fn export_checked(
    name: &str,
    q: &Questionnaire,
    answers: &[FinalAnswer],
    replace: &Replace,
) -> (export::Plan, Vec<u8>) {
    let original = fixture(name);
    let plan = export::plan(name, &original, q, answers, replace).unwrap();
    let out = export_xlsx(name, &original, &plan.writes).unwrap();
    verify_xlsx(name, &original, &out, &plan.writes).unwrap();
    let (a, b) = (all_cells(&original), all_cells(&out));
    let mut changed: Vec<&String> = a.keys().chain(b.keys()).filter(|k| a.get(*k) != b.get(*k)).collect();
    changed.sort();
    changed.dedup();
    let mut planned: Vec<String> = plan
        .writes
        .iter()
        .filter(|w| !w.value.is_empty() || a.contains_key(&format!("{}!{}", w.sheet, w.cell.name())))
        .map(|w| format!("{}!{}", w.sheet, w.cell.name()))
        .collect();
    planned.sort();
    assert_eq!(changed.into_iter().cloned().collect::<Vec<_>>(), planned, "{name}: the cells that changed");
    (plan, out)
}

fn all(q: &Questionnaire, answer: Answer) -> Vec<FinalAnswer> {
    q.questions
        .iter()
        .map(|x| FinalAnswer {
            id: x.id.clone(),
            answer,
            choice: None,
            text: format!("Our answer to {}.", x.id),
            citations: vec![],
            basis: Basis::Approved,
        })
        .collect()
}

fn value(bytes: &[u8], cell: &str) -> String {
    all_cells(bytes).get(cell).map(|v| v.0.clone()).unwrap_or_default()
}

#[test]
fn a_multi_tab_assessment_yields_exactly_its_questions_once_each() {
    let q = import("vendor-assessment.xlsx");
    assert_eq!(
        ids(&q),
        [
            "QUAL-01", "QUAL-02", "PROF-01", "PROF-02", "PROF-03", "POLI-01", "POLI-02", "POLI-03", "DATA-01",
            "DATA-02", "DATA-03"
        ]
    );
    for sheet in ["Start", "Company", "Operations"] {
        assert_eq!(kind(&q, sheet), SheetKind::Questionnaire, "{sheet}");
    }
    assert_eq!(kind(&q, "Reviewer Evaluation"), SheetKind::Report);
    for sheet in ["Bank", "Lists", "Scoring"] {
        assert_eq!(kind(&q, sheet), SheetKind::Hidden, "{sheet}");
    }
    let data = q.questions.iter().find(|x| x.id == "DATA-01").unwrap();
    // The question cell is a formula: its cached value is the text.
    assert_eq!(data.text, "Is customer data encrypted at rest?*");
    assert_eq!(data.section.as_deref(), Some("Data protection"));
    assert_eq!((data.answer_cell.unwrap().name(), data.comment_cell.unwrap().name()), ("C24".into(), "D24".into()));
    // x14 lists on a hidden sheet, differing per row of one column.
    let yes_no = vec!["Yes".to_string(), "No".into()];
    assert_eq!(data.choices.as_ref(), Some(&yes_no));
    let with_na = q.questions.iter().find(|x| x.id == "DATA-03").unwrap();
    assert_eq!(with_na.choices.as_deref(), Some(&["Yes".to_string(), "No".into(), "N/A".into()][..]));
    // The qualifier mirrored on other tabs by formulas is asked once, where it is answered.
    let mirrored = q.sheets.iter().find(|s| s.name == "Company").unwrap();
    assert!(mirrored.skipped.iter().any(|s| s.row == 18 && s.reason.contains("answer cell is a formula")));
    assert!(mirrored.skipped.iter().any(|s| s.reason.starts_with("footer")));
}

#[test]
fn a_multi_tab_assessment_is_exported_with_its_evaluation_and_scoring_untouched() {
    let q = import("vendor-assessment.xlsx");
    let (plan, out) = export_checked("vendor-assessment.xlsx", &q, &all(&q, Answer::Yes), &Replace::default());
    assert!(plan.writes.iter().all(|w| ["Start", "Company", "Operations"].contains(&w.sheet.as_str())));
    assert!(plan.writes.iter().all(|w| w.cell.col == 2 || w.cell.col == 3), "only C and D");
    assert_eq!(plan.summary.answered, 11);
    assert_eq!(plan.writes.len(), 22);
    assert_eq!(value(&out, "Operations!C24"), "Yes");
    assert_eq!(value(&out, "Operations!D24"), "Our answer to DATA-01.");
}

#[test]
fn mark_columns_are_read_whatever_was_typed_and_written_as_the_sheet_marks() {
    let q = import("marks-filled.xlsx");
    assert_eq!(kind(&q, "Introduction"), SheetKind::Instructions);
    assert_eq!(ids(&q), ["ENC-01.1", "ENC-01.2", "RES-02.1", "RES-02.2", "PEO-03.1"]);
    let first = &q.questions[0];
    let labels: Vec<&str> = first.marks.iter().map(|m| m.label.as_str()).collect();
    assert_eq!(labels, ["Yes", "No", "Not Applicable"]);
    assert!(first.answer_cell.is_none());
    assert_eq!(first.existing.as_ref().and_then(|e| e.answer.as_deref()), Some("Yes"));
    assert_eq!(first.existing.as_ref().and_then(|e| e.comment.as_deref()), Some("AES-256 everywhere."));
    assert_eq!(q.questions[2].existing.as_ref().and_then(|e| e.answer.as_deref()), Some("No"), "YES typed under No");
    // The merged CCM-style cells carry down.
    assert_eq!(q.questions[1].domain.as_deref(), Some("Encryption"));

    // Kept: earlier answers stay; the others get an `x`, like the sheet's own marks.
    let (plan, out) = export_checked("marks-filled.xlsx", &q, &all(&q, Answer::Yes), &Replace::default());
    assert_eq!(plan.summary.kept_questions, 2);
    assert_eq!(value(&out, "Self-Assessment!F4"), "x");
    assert_eq!(value(&out, "Self-Assessment!G5"), "YES", "the earlier No mark is kept");
    assert_eq!(value(&out, "Self-Assessment!F5"), "");
    // Replaced: the earlier mark in another column is cleared.
    let replace = Replace { all: true, ..Replace::default() };
    let (plan, out) = export_checked("marks-filled.xlsx", &q, &all(&q, Answer::Yes), &replace);
    assert_eq!(value(&out, "Self-Assessment!F5"), "x");
    assert_eq!(value(&out, "Self-Assessment!G5"), "");
    assert!(plan.summary.replaced >= 2, "{:?}", plan.summary);
}

#[test]
fn last_years_answers_are_kept_unless_replaced_and_locked_cells_never_written() {
    let q = import("filled-protected.xlsx");
    assert_eq!(kind(&q, "Columns"), SheetKind::Reference, "a column-description table is not a questionnaire");
    assert_eq!(ids(&q), ["S-1", "S-2", "S-3", "S-4", "S-5"]);
    let existing: Vec<Option<&str>> =
        q.questions.iter().map(|x| x.existing.as_ref().and_then(|e| e.answer.as_deref())).collect();
    assert_eq!(existing, [Some("Yes"), None, Some("No"), None, None], "a placeholder is not an answer");
    assert_eq!(q.questions[3].existing.as_ref().and_then(|e| e.comment.as_deref()), Some("Scans run weekly."));
    assert_eq!(q.questions[0].choices.as_deref(), Some(&["Yes".to_string(), "No".into()][..]), "a named range");
    assert!(q.sheets.iter().find(|s| s.name == "Security Questions").unwrap().protected);

    let (plan, out) = export_checked("filled-protected.xlsx", &q, &all(&q, Answer::No), &Replace::default());
    assert_eq!(plan.summary.kept_questions, 3);
    assert_eq!(value(&out, "Security Questions!C2"), "Yes");
    assert_eq!(value(&out, "Security Questions!C3"), "No");
    assert_eq!(value(&out, "Security Questions!D5"), "Scans run weekly.");
    assert_eq!(value(&out, "Security Questions!C6"), "No", "a placeholder is written over");
    assert!(
        plan.summary.sentence().contains("3 questions already answered in the workbook kept"),
        "{}",
        plan.summary.sentence()
    );

    let replace = Replace { ids: ["S-1".to_string()].into_iter().collect(), ..Replace::default() };
    let (_, out) = export_checked("filled-protected.xlsx", &q, &all(&q, Answer::No), &replace);
    assert_eq!(value(&out, "Security Questions!C2"), "No");
    assert_eq!(value(&out, "Security Questions!D2"), "Our answer to S-1.");
    assert_eq!(value(&out, "Security Questions!C4"), "No", "S-3 was not chosen for replacing");

    // A question cell is locked on the protected sheet: a plan that tried to write it would not.
    let mut moved = q.clone();
    moved.questions[1].answer_cell = Some(questionnaire::Cell { row: 2, col: 1 });
    let plan = export::plan(
        "filled-protected.xlsx",
        &fixture("filled-protected.xlsx"),
        &moved,
        &all(&q, Answer::No),
        &Replace::default(),
    )
    .unwrap();
    assert!(plan.writes.iter().all(|w| w.cell.col != 1));
    assert_eq!(plan.summary.protected, 1);
}

#[test]
fn a_flat_list_gets_answer_columns_with_the_listed_choices() {
    let q = import("flat-list.xlsx");
    assert_eq!(ids(&q), ["A.1", "A.2", "B.1"]);
    assert_eq!(q.questions[0].choices.as_deref(), Some(&["Yes".to_string(), "No".into(), "N/A".into()][..]));
    let (plan, out) = export_checked("flat-list.xlsx", &q, &all(&q, Answer::NotApplicable), &Replace::default());
    assert_eq!(value(&out, "Question List!E1"), "Answer");
    assert_eq!(value(&out, "Question List!F1"), "Comments");
    assert_eq!(value(&out, "Question List!E2"), "N/A");
    assert_eq!(value(&out, "Question List!E4"), "", "B.1 allows only Yes or No");
    assert!(plan.summary.sentence().contains("new column"));
}

#[test]
fn a_sectioned_csv_export_imports_with_each_sections_questions() {
    let bytes = fixture("sections.csv");
    let q = questionnaire::import("sections.csv", &bytes).unwrap();
    assert_eq!(ids(&q), ["AC-01", "AC-02", "DH-01", "DH-02"]);
    assert_eq!(q.questions[0].text, "Do you require multi-factor authentication\nfor all administrators?");
    assert_eq!(q.questions[1].section.as_deref(), Some("Access control"));
    assert_eq!(q.questions[2].section.as_deref(), Some("Data handling"));
    let plan = export::plan("sections.csv", &bytes, &q, &all(&q, Answer::Yes), &Replace::default()).unwrap();
    let csv = export::export_csv_original(&bytes, &plan.writes);
    let back = questionnaire::import("sections-answered.csv", csv.as_bytes()).unwrap();
    assert_eq!(ids(&back), ids(&q));
    assert!(back.questions.iter().all(|x| x.existing.as_ref().and_then(|e| e.answer.as_deref()) == Some("Yes")));
}

#[test]
fn replacing_with_a_draft_the_dropdown_cannot_hold_clears_the_earlier_answer() {
    let q = import("filled-protected.xlsx");
    let replace = Replace { ids: ["S-1".to_string(), "S-3".to_string()].into_iter().collect(), ..Replace::default() };
    let mut answers = all(&q, Answer::Partial);
    // S-3 has nothing drafted: nothing replaces its earlier answer.
    answers[2] = FinalAnswer { answer: Answer::NeedsReview, text: String::new(), ..answers[2].clone() };
    let (plan, out) = export_checked("filled-protected.xlsx", &q, &answers, &replace);
    assert_eq!(value(&out, "Security Questions!C2"), "", "Partial has no Yes/No value: the old Yes is cleared");
    assert_eq!(value(&out, "Security Questions!D2"), "Our answer to S-1.");
    assert_eq!(value(&out, "Security Questions!C4"), "No", "a needs-review draft keeps the earlier answer");
    assert_eq!(plan.summary.kept_questions, 2, "S-3 and S-4");
}

#[test]
fn mark_columns_chosen_by_the_user_are_labelled_from_the_sheet() {
    use crate::questionnaire::{Columns, ImportOptions, MarkColumn, SheetOverride};
    let detected = import("marks-filled.xlsx");
    let mut columns: Columns = detected.sheets.iter().find(|s| s.name == "Self-Assessment").unwrap().columns.clone();
    columns.marks = [5, 6].into_iter().map(|col| MarkColumn { col, label: String::new() }).collect();
    let options = ImportOptions {
        sheets: vec![SheetOverride {
            sheet: "Self-Assessment".into(),
            columns: Some(columns),
            ..SheetOverride::default()
        }],
    };
    let q = questionnaire::import_with("marks-filled.xlsx", &fixture("marks-filled.xlsx"), &options).unwrap();
    let labels: Vec<&str> = q.questions[0].marks.iter().map(|m| m.label.as_str()).collect();
    assert_eq!(labels, ["Yes", "No"]);
}

/// Each question's id and the earlier answer read for it.
fn answers(q: &Questionnaire) -> Vec<(&str, Option<&str>)> {
    q.questions.iter().map(|x| (x.id.as_str(), x.existing.as_ref().and_then(|e| e.answer.as_deref()))).collect()
}

fn sheet<'q>(q: &'q Questionnaire, name: &str) -> &'q questionnaire::SheetReport {
    q.sheets.iter().find(|s| s.name == name).unwrap_or_else(|| panic!("no sheet {name}"))
}

#[test]
fn a_filled_caiq_protected_after_filling_is_read_whole_issue_23() {
    let q = import("filled-caiq-locked.xlsx");
    // Locked cells full of answers: a filled questionnaire, not a report; the scoring sheet that
    // copies them by formulas stays a report.
    assert_eq!(kind(&q, "CAIQv4.0.3"), SheetKind::Questionnaire, "{}", sheet(&q, "CAIQv4.0.3").reason);
    assert!(sheet(&q, "CAIQv4.0.3").reason.contains("filled"));
    assert_eq!(kind(&q, "Scoring"), SheetKind::Report);
    assert_eq!(
        answers(&q),
        [
            ("IRP-01.1", Some("No")),
            ("IRP-01.2", Some("Yes")),
            ("ACC-02.1", Some("Yes")),
            ("ACC-02.2", Some("Yes")),
            ("CRY-03.1", Some("Yes")),
            ("CRY-03.2", Some("Yes")),
            ("PHY-04.1", Some("NA")),
            ("SUP-05.1", Some("No")),
            ("SUP-05.2", Some("Yes")),
            ("LOG-06.1", Some("Yes")),
        ]
    );
    let first = &q.questions[0];
    assert_eq!(
        first.existing.as_ref().and_then(|e| e.comment.as_deref()),
        Some("The plan is being rewritten after the reorganisation.")
    );
    assert_eq!(first.domain.as_deref(), Some("Incident Handling"));
    // Three answers computed on the sheet, one linked to a notes sheet that asks nothing.
    assert_eq!(sheet(&q, "CAIQv4.0.3").formula_answers, 4);
    assert_eq!(sheet(&q, "CAIQv4.0.3").existing, 10);

    // Nothing of a locked sheet is written, even when every answer is replaced.
    let replace = Replace { all: true, ..Replace::default() };
    let (plan, _) = export_checked("filled-caiq-locked.xlsx", &q, &all(&q, Answer::Yes), &replace);
    assert!(plan.writes.is_empty(), "{:?}", plan.writes);
    assert!(plan.summary.protected > 0);
}

#[test]
fn an_answered_row_right_under_a_header_is_a_question_not_a_header_issue_23() {
    // `No` (a numbering header's word) beside a question naming "response" (an answer header's
    // word): read as a header, it took the next rows' answers from the wrong columns.
    let q = import("filled-sections.xlsx");
    assert_eq!(sheet(&q, "Vendor Response").header_rows, [3, 11, 15]);
    let ih = q.questions.iter().find(|x| x.id == "IH-01").unwrap();
    assert_eq!(ih.existing.as_ref().and_then(|e| e.answer.as_deref()), Some("No"));
    assert_eq!(ih.section.as_deref(), Some("Incident handling"));
    let m = import("filled-marks.xlsx");
    assert_eq!(sheet(&m, "Self-Assessment").header_rows, [0]);
    assert_eq!(
        answers(&m),
        [
            ("INC-01.1", Some("No")),
            ("INC-01.2", Some("Yes")),
            ("ENC-02.1", Some("Yes")),
            ("ENC-02.2", Some("Not Applicable")),
            ("BCP-03.1", Some("Yes")),
            ("BCP-03.2", Some("No")),
        ],
        "every mark read, typed any way or computed"
    );
}

#[test]
fn an_instruction_paragraph_and_a_qualifier_heading_are_not_questions_issue_23() {
    let q = import("filled-sections.xlsx");
    assert_eq!(ids(&q), ["CO-01", "CO-02", "QU-01", "QU-02", "QU-03", "IH-01", "IH-02", "IH-03", "DH-01", "DH-02"]);
    let report = sheet(&q, "Vendor Response");
    assert!(report.skipped.iter().any(|s| s.row == 7 && s.reason.contains("paragraph")), "{:?}", report.skipped);
    let qualifier = q.questions.iter().find(|x| x.id == "QU-01").unwrap();
    assert_eq!(qualifier.section.as_deref(), Some("Qualifiers"), "the heading heads its questions");
    assert_eq!(answers(&q).iter().filter(|(_, a)| a.is_some()).count(), 10, "{:?}", answers(&q));
}

#[test]
fn answers_that_are_formulas_are_read_by_their_values_and_never_written_issue_23() {
    let q = import("filled-sections.xlsx");
    let formula_answers: Vec<(&str, Option<&str>)> =
        answers(&q).into_iter().filter(|(id, _)| ["QU-02", "IH-02", "DH-01"].contains(id)).collect();
    assert_eq!(formula_answers, [("QU-02", Some("Yes")), ("IH-02", Some("Yes")), ("DH-01", Some("Yes"))]);
    assert_eq!(sheet(&q, "Vendor Response").formula_answers, 3);
    let replace = Replace { all: true, ..Replace::default() };
    let (plan, _) = export_checked("filled-sections.xlsx", &q, &all(&q, Answer::No), &replace);
    let written: Vec<String> = plan.writes.iter().map(|w| w.cell.name()).collect();
    for formula_cell in ["C10", "C14", "C17"] {
        assert!(!written.contains(&formula_cell.to_string()), "{formula_cell} is a formula: {written:?}");
    }
    assert!(written.contains(&"C6".to_string()) && written.contains(&"D17".to_string()), "{written:?}");
}
