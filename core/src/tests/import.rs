//! Questionnaire import on fixture workbooks laid out like CAIQ v4, SIG and customers' sheets.

use crate::questionnaire::{self, Format, Questionnaire, Role};

fn fixture(name: &str) -> Questionnaire {
    let path = format!("{}/../tests/fixtures/questionnaires/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    questionnaire::import(name, &bytes).unwrap_or_else(|e| panic!("{e}"))
}

/// (sheet, header row 1-based, [(role, header text)], questions)
fn check_sheet(q: &Questionnaire, sheet: &str, header_row: u32, headers: &[(Role, &str)], questions: usize) {
    let s = q.sheets.iter().find(|s| s.name == sheet).unwrap_or_else(|| panic!("no sheet {sheet}"));
    assert_eq!(s.header_row.map(|r| r + 1), Some(header_row), "{sheet} header row");
    let got: Vec<(Role, &str)> = s.headers.iter().map(|(r, h)| (*r, h.as_str())).collect();
    assert_eq!(got, headers, "{sheet} columns");
    assert_eq!(s.questions, questions, "{sheet} questions");
}

#[test]
fn caiq_layout_is_recognised_with_merged_ccm_columns_and_dropdowns() {
    let q = fixture("caiq-layout.xlsx");
    assert_eq!(q.format, Format::CaiqV4 { version: "v4.0.3".into() });
    check_sheet(
        &q,
        "CAIQv4.0.3",
        2,
        &[
            (Role::Question, "Question"),
            (Role::Id, "Question ID"),
            (Role::Answer, "CSP CAIQ Answer"),
            (Role::Comment, "CSP Implementation Description (Optional/Recommended)"),
            (Role::Refs, "CCM Control ID"),
            (Role::Domain, "CCM Domain Title"),
            (Role::Ownership, "SSRM Control Ownership"),
        ],
        21,
    );
    // The introduction's table describing the columns is not a questionnaire.
    let intro = q.sheets.iter().find(|s| s.name == "Introduction").unwrap();
    assert_eq!(intro.kind, questionnaire::SheetKind::Instructions);
    assert!(q.questions.iter().all(|x| x.sheet == "CAIQv4.0.3"));
    let second = q.questions.iter().find(|x| x.id == "CEK-03.2").unwrap();
    // The merged CCM cells carry down to the second question of the control.
    assert_eq!(second.refs, vec!["CEK-03"]);
    assert_eq!(second.domain.as_deref(), Some("Cryptography, Encryption & Key Management"));
    assert_eq!(second.choices.as_deref(), Some(&["Yes".to_string(), "No".into(), "NA".into()][..]));
    assert_eq!(second.answer_cell.unwrap().name(), "C9");
    assert_eq!(second.comment_cell.unwrap().name(), "E9");
    assert_eq!(q.questions[0].id, "A&A-01.1");
    assert!(q.notes.is_empty());
}

#[test]
fn sig_style_workbook_with_header_on_row_4_and_a_list_sheet() {
    let q = fixture("sig-style.xlsx");
    assert_eq!(q.format, Format::SigStyle);
    let headers = [
        (Role::Question, "Question/Request"),
        (Role::Id, "Ques Num"),
        (Role::Answer, "Response"),
        (Role::Comment, "Additional Information"),
        (Role::Refs, "ISO 27001:2022 Ref"),
    ];
    check_sheet(&q, "A. Enterprise Risk", 4, &headers, 2);
    check_sheet(&q, "H. Access Control", 4, &headers, 3);
    assert_eq!(q.questions.len(), 7);
    let h2 = q.questions.iter().find(|x| x.id == "H.2").unwrap();
    assert_eq!(h2.refs, vec!["A.8.2"]);
    assert_eq!(h2.choices.as_deref(), Some(&["Yes".to_string(), "No".into(), "N/A".into()][..]));
    for empty in ["Instructions", "Business Information", "Lists"] {
        assert_eq!(q.sheets.iter().find(|s| s.name == empty).unwrap().questions, 0, "{empty}");
    }
    assert!(q.sheets.iter().find(|s| s.name == "Lists").unwrap().hidden);
}

#[test]
fn messy_customer_sheet_keeps_sections_and_reports_skipped_rows() {
    let q = fixture("customer-messy.xlsx");
    assert_eq!(q.format, Format::Generic);
    check_sheet(
        &q,
        "Security Review",
        3,
        &[
            (Role::Question, "Requirement"),
            (Role::Id, "#"),
            (Role::Answer, "Vendor Response"),
            (Role::Comment, "Comments"),
        ],
        6,
    );
    let s = &q.sheets[0];
    assert_eq!(s.sections, 3);
    assert_eq!(s.skipped.len(), 1);
    assert_eq!(s.skipped[0].row, 10);
    assert_eq!(s.skipped[0].reason, "2.2 has no question text");
    let ids: Vec<&str> = q.questions.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(ids, ["1.1", "1.2", "2.1", "2.3", "3.1", "3.2"]);
    assert_eq!(q.questions[2].section.as_deref(), Some("2. Data protection"));
    assert_eq!(q.questions[5].section.as_deref(), Some("3. Resilience"));
    assert_eq!(q.questions[0].choices.as_ref().unwrap().len(), 4);
}

#[test]
fn csv_with_bom_and_semicolons() {
    let q = fixture("bom-semicolon.csv");
    assert_eq!(q.format, Format::Generic);
    assert_eq!(q.questions.len(), 4);
    assert_eq!(q.questions[0].id, "Q1");
    assert_eq!(q.questions[1].text, "Is there a disaster recovery plan; is it tested?");
    assert_eq!(q.sheets[0].headers[0], (Role::Question, "Question".to_string()));
}

#[test]
fn a_plain_id_question_csv_is_a_questionnaire() {
    let q = fixture("id-question.csv");
    assert_eq!(q.questions.len(), 2);
    assert_eq!(q.questions[1].text, "Where is your list of subprocessors?");
    assert!(q.questions[0].answer_cell.is_none());
}

#[test]
fn the_shared_vsaq_questionnaire_imports_as_a_customer_sheet() {
    let bytes = b"questionnaire,id,type,section_path,text,choices\nwebapp,app_name,line,Web > App,The name of the application:,\nwebapp,tls,radiogroup,Web > Transport,Is TLS enforced for every connection?,Yes | No\n";
    let q = questionnaire::import("vsaq.csv", bytes).unwrap();
    assert_eq!(q.questions.len(), 2);
    assert_eq!(q.questions[1].id, "tls");
    assert_eq!(q.questions[1].text, "Is TLS enforced for every connection?");
}

#[test]
fn bad_files_are_refused_with_their_name() {
    let check = |name: &str, bytes: &[u8], expected: &str| {
        let err = questionnaire::import(name, bytes).unwrap_err();
        assert_eq!(err.to_string(), expected);
    };
    check("empty.xlsx", b"", "empty.xlsx: the file is empty");
    check("scan.xlsx", b"%PDF-1.4\n...", "scan.xlsx: this is a PDF document, not a spreadsheet (.xlsx or .csv)");
    let truncated =
        &std::fs::read(format!("{}/../tests/fixtures/questionnaires/caiq-layout.xlsx", env!("CARGO_MANIFEST_DIR")))
            .unwrap()[..3000];
    let err = questionnaire::import("cut.xlsx", truncated).unwrap_err().to_string();
    assert!(err.starts_with("cut.xlsx: the workbook is damaged and cannot be read ("), "{err}");
}

#[test]
fn a_workbook_without_questions_says_so() {
    let q = questionnaire::import("notes.csv", b"Notes\nnothing here\n").unwrap();
    assert!(q.questions.is_empty());
    assert_eq!(q.notes, vec!["notes.csv: no questions found; no sheet has a header row over a column of questions"]);
}
