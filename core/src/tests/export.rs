//! Export back into the original workbook: answers land in the answer and comment cells of
//! question rows, and nothing else changes — checked by reading both files with calamine (not
//! our own reader) and comparing every cell's value and formula on every sheet.

use std::collections::BTreeMap;
use std::io::Cursor;

use crate::export::{self, export_xlsx, verify_xlsx, Basis, FinalAnswer, Replace};
use crate::questionnaire::{self, Questionnaire};
use crate::{Answer, Engine};
use calamine::{Data, Reader, Xlsx};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../tests/fixtures/questionnaires/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// Every cell of every sheet as calamine reads it: (sheet, row, col) → (value, formula).
fn all_cells(bytes: &[u8]) -> BTreeMap<(String, u32, u32), (String, String)> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let mut out = BTreeMap::new();
    for name in wb.sheet_names() {
        let values = wb.worksheet_range(&name).unwrap();
        for (r, c, v) in values.used_cells() {
            let (r0, c0) = values.start().unwrap();
            let text = match v {
                Data::Empty => continue,
                other => other.to_string(),
            };
            out.entry((name.clone(), r0 + r as u32, c0 + c as u32)).or_insert((String::new(), String::new())).0 = text;
        }
        let formulas = wb.worksheet_formula(&name).unwrap();
        for (r, c, f) in formulas.used_cells() {
            let (r0, c0) = formulas.start().unwrap();
            if !f.is_empty() {
                out.entry((name.clone(), r0 + r as u32, c0 + c as u32)).or_insert((String::new(), String::new())).1 =
                    f.clone();
            }
        }
    }
    out
}

/// The cells that differ between two workbooks, as `Sheet!C3`.
fn changed(before: &[u8], after: &[u8]) -> Vec<String> {
    let a = all_cells(before);
    let b = all_cells(after);
    let mut keys: Vec<&(String, u32, u32)> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|(s, r, c)| format!("{s}!{}", questionnaire::Cell { row: *r, col: *c }.name()))
        .collect()
}

struct Filled {
    q: Questionnaire,
    out: Vec<u8>,
    plan: export::Plan,
}

fn fill(name: &str, answers: impl Fn(&Questionnaire) -> Vec<FinalAnswer>, replace: &Replace) -> Filled {
    let original = fixture(name);
    let q = questionnaire::import(name, &original).unwrap();
    let answers = answers(&q);
    let plan = export::plan(name, &original, &q, &answers, replace).unwrap();
    let out = export_xlsx(name, &original, &plan.writes).unwrap();
    verify_xlsx(name, &original, &out, &plan.writes).unwrap();
    // Exactly the planned cells changed, as an independent reader sees it.
    let mut planned: Vec<String> = plan.writes.iter().map(|w| format!("{}!{}", w.sheet, w.cell.name())).collect();
    planned.sort();
    planned.dedup();
    let mut seen = changed(&original, &out);
    // A planned write of an empty mark over an empty cell is no change to see.
    seen.sort();
    assert_eq!(seen, planned, "{name}: cells changed");
    Filled { q, out, plan }
}

fn drafted(q: &Questionnaire) -> Vec<FinalAnswer> {
    let engine = Engine::embedded_default().unwrap();
    engine.draft_questionnaire(q, None).iter().map(FinalAnswer::from).collect()
}

fn every(answer: Answer, text: &str) -> impl Fn(&Questionnaire) -> Vec<FinalAnswer> + '_ {
    move |q: &Questionnaire| {
        q.questions
            .iter()
            .map(|x| FinalAnswer {
                id: x.id.clone(),
                answer,
                choice: None,
                text: text.to_string(),
                citations: vec![],
                basis: Basis::Approved,
            })
            .collect()
    }
}

fn sheet_cell(bytes: &[u8], sheet: &str, cell: &str) -> String {
    let (row, col) = questionnaire::package::parse_cell(cell).unwrap();
    let grids = questionnaire::grid::read_xlsx("x.xlsx", bytes).unwrap();
    grids.iter().find(|g| g.name == sheet).unwrap().cell(row, col).to_string()
}

#[test]
fn a_caiq_workbook_comes_back_answered_and_otherwise_unchanged() {
    let f = fill("caiq-layout.xlsx", drafted, &Replace::default());
    let engine = Engine::embedded_default().unwrap();
    let drafts = engine.draft_questionnaire(&f.q, None);
    for (d, question) in drafts.iter().zip(&f.q.questions) {
        let answer = sheet_cell(&f.out, "CAIQv4.0.3", &format!("C{}", question.row + 1));
        let comment = sheet_cell(&f.out, "CAIQv4.0.3", &format!("E{}", question.row + 1));
        // Only assertions are written unreviewed: a suggestion leaves both cells to the reviewer.
        let written = d.is_assertion();
        match d.answer {
            _ if !written => assert_eq!(answer, "", "{}: a suggestion is not written", d.id),
            Answer::Yes => assert_eq!(answer, "Yes", "{}", d.id),
            Answer::No => assert_eq!(answer, "No", "{}", d.id),
            Answer::NotApplicable => assert_eq!(answer, "NA", "{}", d.id),
            Answer::Partial | Answer::NeedsReview => assert_eq!(answer, "", "{}", d.id),
        }
        if written {
            assert!(comment.starts_with(&d.text), "{}: {comment}", d.id);
            assert!(comment.contains("Sources: "), "{}: {comment}", d.id);
        } else {
            assert_eq!(comment, "");
        }
    }
    // Dropdowns survive.
    let back = questionnaire::import("caiq-layout-answered.xlsx", &f.out).unwrap();
    assert_eq!(back.questions.len(), 21);
    assert_eq!(back.sheets[1].choices.as_deref(), Some(&["Yes".to_string(), "No".into(), "NA".into()][..]));
    // Nothing is written on the Introduction sheet.
    assert!(f.plan.writes.iter().all(|w| w.sheet == "CAIQv4.0.3"));
}

#[test]
fn a_sheet_without_answer_columns_gets_new_ones() {
    let original = fixture("sig-style.xlsx");
    let mut q = questionnaire::import("sig-style.xlsx", &original).unwrap();
    // Pretend the detection found no answer or comment column on one sheet.
    let sheet = q.sheets.iter_mut().find(|s| s.name == "D. Asset Management").unwrap();
    sheet.columns.answer = None;
    sheet.columns.comment = None;
    for question in q.questions.iter_mut().filter(|x| x.sheet == "D. Asset Management") {
        question.answer_cell = None;
        question.comment_cell = None;
        question.choices = None;
    }
    let answers = vec![FinalAnswer {
        id: "D.1".into(),
        answer: Answer::Partial,
        choice: None,
        text: "=HYPERLINK(\"x\")".into(),
        citations: vec![],
        basis: Basis::Approved,
    }];
    let plan = export::plan("sig-style.xlsx", &original, &q, &answers, &Replace::default()).unwrap();
    let out = export_xlsx("sig-style.xlsx", &original, &plan.writes).unwrap();
    verify_xlsx("sig-style.xlsx", &original, &out, &plan.writes).unwrap();
    assert_eq!(sheet_cell(&out, "D. Asset Management", "F4"), "Answer");
    assert_eq!(sheet_cell(&out, "D. Asset Management", "G4"), "Comments");
    assert_eq!(sheet_cell(&out, "D. Asset Management", "F5"), "Partial");
    assert_eq!(
        sheet_cell(&out, "D. Asset Management", "G5"),
        "'=HYPERLINK(\"x\")",
        "a formula start is written as text"
    );
    assert!(plan.summary.sentence().contains("new column"), "{}", plan.summary.sentence());
}

#[test]
fn the_answered_csv_keeps_the_original_columns() {
    let original = fixture("bom-semicolon.csv");
    let q = questionnaire::import("bom-semicolon.csv", &original).unwrap();
    let answers = every(Answer::Yes, "Done.")(&q);
    let plan = export::plan("bom-semicolon.csv", &original, &q, &answers, &Replace::default()).unwrap();
    let csv = export::export_csv_original(&original, &plan.writes);
    assert!(csv.starts_with("ID;Question;Answer;Comments"), "{csv}");
    assert!(csv.contains("Q1;Is data encrypted at rest?;Yes;Done."), "{csv}");
}

#[test]
fn a_tampered_export_is_refused_by_the_check() {
    let original = fixture("caiq-layout.xlsx");
    let q = questionnaire::import("caiq-layout.xlsx", &original).unwrap();
    let answers = every(Answer::Yes, "Yes, always.")(&q);
    let plan = export::plan("caiq-layout.xlsx", &original, &q, &answers, &Replace::default()).unwrap();
    // One more cell than planned: a question cell overwritten.
    let mut writes = plan.writes.clone();
    writes.push(export::CellWrite {
        sheet: "CAIQv4.0.3".into(),
        cell: questionnaire::Cell { row: 2, col: 1 },
        value: "changed".into(),
    });
    let out = export_xlsx("caiq-layout.xlsx", &original, &writes).unwrap();
    let err = verify_xlsx("caiq-layout.xlsx", &original, &out, &plan.writes).unwrap_err().to_string();
    assert_eq!(
        err,
        "caiq-layout.xlsx: the answered workbook failed its check and was not saved (sheet CAIQv4.0.3: B3 changed)"
    );
}
