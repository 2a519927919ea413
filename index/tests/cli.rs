//! The `trustdraft` binary, run on the embedded default and on fixture pages.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

fn trustdraft(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_trustdraft")).args(args).output().expect("runs")
}

fn fixture(name: &str) -> String {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "..", "tests", "fixtures", "posture", name].iter().collect();
    path.to_string_lossy().into_owned()
}

fn json(args: &[&str]) -> Value {
    let out = trustdraft(args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

#[test]
fn rows_json_lists_every_row_with_expanded_refs() {
    let rows = json(&["rows", "--json"]);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 81);
    let sdlc = rows.iter().find(|r| r["ref"] == "A.8.25–8.34").unwrap();
    assert_eq!(sdlc["controls"].as_array().unwrap().len(), 10);
    assert_eq!(sdlc["controls"][0], "ISO27001:A.8.25");
    assert_eq!(sdlc["status"], "Met");
    assert_eq!(sdlc["page"], "ISO/IEC 27001:2022");
    let api = rows.iter().find(|r| r["ref"] == "API — primary").unwrap();
    let dr: Vec<&str> = api["evidence"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "dr-scenario")
        .map(|e| e["target"].as_str().unwrap())
        .collect();
    assert_eq!(dr, ["1", "2", "3", "4", "5", "9"]);
}

#[test]
fn search_json_puts_the_encryption_row_first() {
    let hits = json(&["search", "is data encrypted at rest", "--json", "--limit", "3"]);
    assert_eq!(hits[0]["ref"], "A.8.24");
    assert_eq!(hits[0]["status"], "Met");
    assert_eq!(hits[0]["evidence"][0]["target"], "/technology/encryption");
    assert_eq!(hits.as_array().unwrap().len(), 3);
}

#[test]
fn search_text_marks_the_matched_words() {
    let out = trustdraft(&["search", "DR scenario 22", "--limit", "4"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Backup integrity [Met]"), "{text}");
    assert!(text.contains("[DR] [scenario] [22]"), "{text}");
}

#[test]
fn another_posture_replaces_the_default() {
    let page = fixture("northwind-iso27001.md");
    let rows = json(&["rows", "--json", "--posture", &page]);
    let statuses: Vec<&str> = rows.as_array().unwrap().iter().map(|r| r["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["Planned", "Met", "Not met", "N/A"]);
    let hits = json(&["search", "backup restore", "--json", "--posture", &page]);
    assert_eq!(hits[0]["ref"], "A.8.13");
    assert_eq!(hits[0]["page"], "Northwind Analytics — ISO/IEC 27001:2022");
}

#[test]
fn an_html_trust_page_is_read_like_a_markdown_one() {
    let page = fixture("northwind-trust.html");
    let rows = json(&["rows", "--json", "--posture", &page]);
    let refs: Vec<&str> = rows.as_array().unwrap().iter().map(|r| r["ref"].as_str().unwrap()).collect();
    assert_eq!(refs, ["A.5.7", "A.8.24", "A.8.13", "A.6.1", "A.8.5"]);
    assert_eq!(rows[0]["status"], "Planned");
    assert_eq!(rows[0]["line"], 22, "lines point into the HTML file");
    let draft = json(&["ask", "Is SSO with hardware keys required?", "--json", "--posture", &page]);
    assert_eq!(draft["answer"], "yes");
    assert_eq!(draft["citations"][0]["ref"], "A.8.5");
    let pointers = String::from_utf8(trustdraft(&["pointers", "--posture", &page]).stdout).unwrap();
    assert!(pointers.contains("/security/crypto") && pointers.contains("agency@northwind.example"), "{pointers}");
}

#[test]
fn coverage_marks_the_gap() {
    let out = trustdraft(&["coverage"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("ISO27001:A.5.37 Documented operating procedures [GAP]"), "{text}");
}

#[test]
fn a_missing_posture_file_is_named_in_the_error() {
    let out = trustdraft(&["rows", "--posture", "no/such/page.md"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("trustdraft: cannot read posture page no/such/page.md:"), "{err}");
}

#[test]
fn a_binary_posture_file_is_refused_with_its_name() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let path = dir.join("logo.png");
    std::fs::write(&path, [0x89, b'P', b'N', b'G', 0xff, 0xfe, 0x00]).unwrap();
    let out = trustdraft(&["rows", "--posture", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("logo.png: this is an image, not a posture page"), "{err}");
}

#[test]
fn a_page_without_tables_warns_on_stderr() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let path = dir.join("prose.md");
    std::fs::write(&path, "About us\nWe take security seriously.\n").unwrap();
    let out = trustdraft(&["rows", "--json", "--posture", path.to_str().unwrap()]);
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("warning: prose.md:1: no posture table found"), "{err}");
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), "[]");
}

fn questionnaire(name: &str) -> String {
    let path: PathBuf =
        [env!("CARGO_MANIFEST_DIR"), "..", "tests", "fixtures", "questionnaires", name].iter().collect();
    path.to_string_lossy().into_owned()
}

fn other_fixture(dir: &str, name: &str) -> String {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "..", "tests", "fixtures", dir, name].iter().collect();
    path.to_string_lossy().into_owned()
}

#[test]
fn draft_json_on_the_caiq_layout_gives_the_product_shape() {
    let drafts = json(&["draft", &questionnaire("caiq-layout.xlsx"), "--format", "json"]);
    let drafts = drafts.as_array().unwrap();
    assert_eq!(drafts.len(), 21);
    let cek = drafts.iter().find(|d| d["id"] == "CEK-03.1").unwrap();
    assert_eq!(cek["question"], "Is customer data encrypted at rest?");
    assert_eq!(cek["answer"], "yes");
    assert_eq!(cek["choice"], "Yes");
    assert!(cek["confidence"].as_f64().unwrap() > 0.5);
    assert_eq!(cek["controls"][0], "ISO27001:A.8.24");
    assert_eq!(cek["citations"][0]["page"], "ISO/IEC 27001:2022");
    assert_eq!(cek["citations"][0]["ref"], "A.8.24");
    assert_eq!(cek["citations"][0]["status"], "Met");
    assert_eq!(cek["citations"][0]["evidence"][0], "/technology/encryption");
    for d in drafts {
        for key in ["id", "question", "answer", "confidence", "text", "controls", "citations"] {
            assert!(d.get(key).is_some(), "{key} missing in {d}");
        }
    }
}

#[test]
fn draft_json_on_sig_customer_and_csv_fixtures() {
    let sig = json(&["draft", &questionnaire("sig-style.xlsx")]);
    assert_eq!(sig.as_array().unwrap().len(), 7);
    let h3 = sig.as_array().unwrap().iter().find(|d| d["id"] == "H.3").unwrap();
    assert_eq!(h3["answer"], "no");
    assert_eq!(h3["choice"], "No");
    let messy = json(&["draft", &questionnaire("customer-messy.xlsx")]);
    let cctv = messy.as_array().unwrap().iter().find(|d| d["id"] == "2.3").unwrap();
    assert_eq!(cctv["answer"], "needs-review");
    assert_eq!(cctv["text"], "");
    let iso = messy.as_array().unwrap().iter().find(|d| d["id"] == "3.2").unwrap();
    assert_eq!(iso["answer"], "no");
    assert_eq!(iso["choice"], "No");
    let csv = json(&["draft", &questionnaire("bom-semicolon.csv")]);
    let answers: Vec<&str> = csv.as_array().unwrap().iter().map(|d| d["answer"].as_str().unwrap()).collect();
    assert_eq!(answers, ["yes", "yes", "no", "needs-review"]);
}

#[test]
fn draft_csv_is_escaped_and_complete() {
    let out = trustdraft(&["draft", &questionnaire("id-question.csv"), "--format", "csv"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("id,question,answer,choice,confidence,text,controls,citations,evidence"));
    assert_eq!(lines.count(), 2);
    assert!(text.contains("S2,Where is your list of subprocessors?,yes,"), "{text}");
}

#[test]
fn draft_with_a_crosswalk_maps_through_it() {
    let drafts = json(&[
        "draft",
        &questionnaire("caiq-layout.xlsx"),
        "--crosswalk",
        &other_fixture("crosswalk", "ccm-style.csv"),
    ]);
    let bcr = drafts.as_array().unwrap().iter().find(|d| d["id"] == "BCR-08.2").unwrap();
    assert_eq!(bcr["controls"][0], "ISO27001:A.8.13");
}

#[test]
fn draft_refuses_a_file_that_is_not_a_spreadsheet_by_name() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let path = dir.join("questionnaire.xlsx");
    std::fs::write(&path, b"%PDF-1.7\n%...").unwrap();
    let out = trustdraft(&["draft", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap().trim(),
        "trustdraft: questionnaire.xlsx: this is a PDF document, not a spreadsheet (.xlsx or .csv)"
    );
}

#[test]
fn eval_prints_the_quality_table() {
    let out = trustdraft(&["eval", "--labels", &other_fixture("labelled", "seed-questions.csv")]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("drafts: 24 labelled questions"), "{text}");
    assert!(text.contains("answers accepted           100.0%"), "{text}");
    assert!(text.contains("precision                  100.0%  (20 of 20 substantive answers right)"), "{text}");
    assert!(text.contains("false yes                  0"), "{text}");
    assert!(text.contains("all needs-review would get  16.7%"), "{text}");
}

#[test]
fn ask_answers_one_question() {
    let out = trustdraft(&["ask", "Are you ISO 27001 certified?"]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("No (high confidence"), "{text}");
}

/// Writes `bytes` to a file named `name` in a fresh temporary directory, which is removed
/// when the returned guard drops; the path is the second value.
fn temp_file(name: &str, bytes: &[u8]) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path.to_string_lossy().into_owned())
}

#[test]
fn hostile_text_questions_draft_and_export_as_text() {
    let csv = "id,question\nQ1,<script>alert(1)</script> Is data encrypted?\nQ2,=cmd|' /C calc'!A0\nQ3,هل البيانات مشفرة؟\nQ4,Is 🔐 encryption used at rest?\n";
    let (_dir, path) = temp_file("hostile.csv", csv.as_bytes());
    let out = trustdraft(&["draft", &path, "--format", "csv"]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("Q2,'=cmd|' /C calc'!A0,needs-review"), "{text}");
    assert!(text.lines().skip(1).all(|l| !l.contains(",=") && !l.contains(",+") && !l.contains(",@")), "{text}");
    let (_dir, path) = temp_file("hostile2.csv", csv.as_bytes());
    let drafts = json(&["draft", &path]);
    assert_eq!(drafts[3]["answer"], "yes");
}

#[test]
fn rows_reads_an_soa_workbook_and_prints_how_it_was_read() {
    let path = fixture("forms/soa-bluefin.xlsx");
    let rows = json(&["rows", "--json", "--posture", &path]);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 7);
    let crypto = rows.iter().find(|r| r["ref"] == "A.8.24").unwrap();
    assert_eq!((crypto["status"].as_str(), crypto["controls"][0].as_str()), (Some("Met"), Some("ISO27001:A.8.24")));
    assert_eq!(crypto["justification"], "Customer data must stay confidential");
    let out = trustdraft(&["rows", "--posture", &path]);
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for line in [
        "soa-bluefin.xlsx: read as a Statement of Applicability spreadsheet; 7 rows",
        "statuses: Implemented → Met (2 rows, e.g. A5.1); Partially implemented → Partial (1 rows, e.g. A.5.7)",
        "skipped: sheet Lists: hidden; not read",
        "A.8.24 [Met] Use of cryptography → A.8.24",
    ] {
        assert!(text.contains(line), "{line} not in:\n{text}");
    }
}

#[test]
fn rows_shows_2013_refs_as_translated_and_nist_refs_as_theirs() {
    let text =
        String::from_utf8(trustdraft(&["rows", "--posture", &fixture("forms/soa-pinecone-2013.md")]).stdout).unwrap();
    assert!(
        // In place: in an SoA, the bullet links to its policy (issue 23).
        text.contains("A.10.1.1 [Met] Policy on the use of cryptographic controls → A.8.24"),
        "{text}"
    );
    assert!(text.contains("read as: A.10.1.1 (2013) → A.8.24"), "{text}");
    let rows = json(&["rows", "--json", "--posture", &fixture("forms/controls-nist.md")]);
    assert_eq!(rows[3]["ref"], "SC-28");
    assert_eq!(rows[3]["framework"], "NIST SP 800-53");
    assert_eq!(rows[3]["status"], "no status stated");
    let d = json(&["ask", "Is data at rest encrypted?", "--json", "--posture", &fixture("forms/controls-nist.md")]);
    assert_eq!(d["answer"], "yes");
    assert!(d["confidence"].as_f64().unwrap() < 0.75, "{d}");
    assert_eq!(d["citations"][0]["ref"], "SC-28");
}

/// Issue 22: `fill` writes assertions only; a suggestion (the posture's closest reading, with a
/// word no row states) is left blank for the reviewer, and the report counts both.
#[test]
fn fill_writes_assertions_and_leaves_suggestions_for_review() {
    let dir = std::env::temp_dir().join(format!("trustdraft-fill-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let input = dir.join("bands.csv");
    std::fs::write(
        &input,
        "id,question\n\
         B1,Do you perform background checks on new hires?\n\
         B2,Do you keep an inventory of your hardware and software assets?\n\
         B3,Are there CCTV cameras in your offices?\n",
    )
    .unwrap();
    let output = dir.join("bands-answered.csv");
    let out = trustdraft(&["fill", input.to_str().unwrap(), "-o", output.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report = String::from_utf8(out.stdout).unwrap();
    assert!(
        report.contains(
            "1 question answered (1 assertion, 0 approved answers); 1 suggestion left for your review, not written until approved; 1 left blank for you."
        ),
        "{report}"
    );
    let written = std::fs::read_to_string(&output).unwrap();
    let line = |id: &str| written.lines().find(|l| l.starts_with(id)).unwrap().to_string();
    assert!(line("B1").contains(",Yes,"), "{written}");
    assert!(line("B2").ends_with("assets?,,") || line("B2").ends_with("assets?"), "{written}");
    let json = json(&["fill", input.to_str().unwrap(), "-o", output.to_str().unwrap(), "--json"]);
    assert_eq!((json["summary"]["assertions"].as_u64(), json["summary"]["suggestions"].as_u64()), (Some(1), Some(1)));
    let _ = std::fs::remove_dir_all(&dir);
}
