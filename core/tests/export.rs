//! Export back into the original workbook: answers land in the answer and comment cells, and
//! nothing else in the package changes.

use std::io::{Cursor, Read};

use trustdraft_core::export::{self, answered_cells, export_xlsx, FinalAnswer};
use trustdraft_core::questionnaire;
use trustdraft_core::{Answer, Engine};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/../tests/fixtures/questionnaires/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut out = Vec::new();
            f.read_to_end(&mut out).unwrap();
            (f.name().unwrap().into_owned(), out)
        })
        .collect()
}

#[test]
fn a_caiq_workbook_comes_back_answered_and_otherwise_unchanged() {
    let original = fixture("caiq-layout.xlsx");
    let q = questionnaire::import("caiq-layout.xlsx", &original).unwrap();
    let engine = Engine::embedded_default().unwrap();
    let drafts = engine.draft_questionnaire(&q, None);
    let answers: Vec<FinalAnswer> = drafts.iter().map(FinalAnswer::from).collect();
    let out = export_xlsx("caiq-layout.xlsx", &original, &answered_cells(&q, &answers)).unwrap();

    // Read back with the importer (calamine): answers and descriptions are there.
    let back = questionnaire::import("caiq-layout-answered.xlsx", &out).unwrap();
    assert_eq!(back.questions.len(), 21);
    let grids = questionnaire::grid::read_xlsx("x.xlsx", &out).unwrap();
    let sheet = grids.iter().find(|g| g.name == "CAIQv4.0.3").unwrap();
    for (d, question) in drafts.iter().zip(&q.questions) {
        let answer = sheet.cell(question.row, 2);
        let comment = sheet.cell(question.row, 4);
        match d.answer {
            Answer::Yes => assert_eq!(answer, "Yes", "{}", d.id),
            Answer::No => assert_eq!(answer, "No", "{}", d.id),
            Answer::NotApplicable => assert_eq!(answer, "NA", "{}", d.id),
            Answer::Partial | Answer::NeedsReview => assert_eq!(answer, "", "{}", d.id),
        }
        if d.answer != Answer::NeedsReview {
            assert!(comment.starts_with(&d.text), "{}: {comment}", d.id);
            assert!(comment.contains("Sources: "), "{}: {comment}", d.id);
        } else {
            assert_eq!(comment, "");
        }
    }
    // Dropdowns and merged ranges survive.
    assert_eq!(back.sheets[1].choices.as_deref(), Some(&["Yes".to_string(), "No".into(), "NA".into()][..]));
    assert_eq!(sheet.merged.len(), grids_merged(&original));

    // Every other part of the package is byte for byte the same.
    let before = parts(&original);
    let after = parts(&out);
    assert_eq!(before.iter().map(|p| &p.0).collect::<Vec<_>>(), after.iter().map(|p| &p.0).collect::<Vec<_>>());
    for ((name, a), (_, b)) in before.iter().zip(&after) {
        if name != "xl/worksheets/sheet2.xml" {
            assert_eq!(a, b, "{name} changed");
        }
    }
}

fn grids_merged(bytes: &[u8]) -> usize {
    questionnaire::grid::read_xlsx("x.xlsx", bytes)
        .unwrap()
        .iter()
        .find(|g| g.name == "CAIQv4.0.3")
        .unwrap()
        .merged
        .len()
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
    }];
    let out = export_xlsx("sig-style.xlsx", &original, &answered_cells(&q, &answers)).unwrap();
    let grids = questionnaire::grid::read_xlsx("x.xlsx", &out).unwrap();
    let g = grids.iter().find(|g| g.name == "D. Asset Management").unwrap();
    assert_eq!(g.cell(3, 5), "Answer");
    assert_eq!(g.cell(3, 6), "Comments");
    assert_eq!(g.cell(4, 5), "Partial");
    assert_eq!(g.cell(4, 6), "'=HYPERLINK(\"x\")", "a formula start is written as text");
}

#[test]
fn a_csv_questionnaire_comes_back_as_csv_with_answers() {
    let original = fixture("id-question.csv");
    let q = questionnaire::import("id-question.csv", &original).unwrap();
    let engine = Engine::embedded_default().unwrap();
    let answers: Vec<FinalAnswer> = engine.draft_questionnaire(&q, None).iter().map(FinalAnswer::from).collect();
    let csv = export::export_csv_original(&original, &answered_cells(&q, &answers));
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "id,question,Answer,Comments");
    assert!(lines[2].starts_with("S2,Where is your list of subprocessors?,Yes,"), "{}", lines[2]);
}
