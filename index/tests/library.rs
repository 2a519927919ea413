//! `--library` on draft, fill and ask, and `trustdraft library` (issue 23): earlier answers from
//! a filled questionnaire or a library file, where each reused answer came from, scope, and bad
//! files refused by name and row.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn trustdraft(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_trustdraft")).args(args).output().expect("runs")
}

fn json(args: &[&str]) -> Value {
    let out = trustdraft(args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("valid JSON")
}

fn questionnaire_fixture(name: &str) -> String {
    let path: PathBuf =
        [env!("CARGO_MANIFEST_DIR"), "..", "tests", "fixtures", "questionnaires", name].iter().collect();
    path.to_string_lossy().into_owned()
}

/// Last year's questionnaire, answered, in our own words.
const LAST_YEAR: &str = "ID,Question,Answer,Comments
P1,Is customer data encrypted at rest?,Yes,AES-256 in a managed key service.
P2,Do you run an annual penetration test of the platform by an outside firm?,Yes,A specialist firm tests every spring.
P3,Do you keep paper records of customer data?,No,Nothing is printed.
P4,Who is your data protection officer?,,
";

const THIS_YEAR: &str = "ID,Question
N1,Is customer data encrypted at rest?
N2,Is the platform penetration tested by an outside firm every year?
N3,Is multi-factor authentication enforced for administrators?
";

fn write(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn draft_reuses_a_filled_questionnaire_and_says_where_each_answer_came_from() {
    let dir = tempfile::tempdir().unwrap();
    let last = write(dir.path(), "portal-2025.csv", LAST_YEAR);
    let new = write(dir.path(), "new.csv", THIS_YEAR);
    let drafts = json(&["draft", &new, "--library", &last, "--format", "json"]);
    let same = &drafts[0]["library"];
    assert_eq!(same["matched"], "same");
    assert_eq!(same["source"], "portal-2025.csv \u{203a} P1 (answered before)");
    assert_eq!(same["question"], "Is customer data encrypted at rest?");
    assert_eq!(same["scope"], "portal-2025");
    assert_eq!(same["answer"], "yes");
    assert_eq!(same["score"], 1.0);
    assert!(same.get("suggestion").is_none());
    assert_eq!(drafts[0]["answer"], "yes");
    assert_eq!(drafts[0]["text"], "AES-256 in a managed key service.");
    let close = &drafts[1]["library"];
    assert_eq!(close["matched"], "close");
    assert_eq!(close["answer"], "yes");
    assert!(close["suggestion"].as_str().unwrap().starts_with("other wording"), "{close}");
    assert_ne!(drafts[1]["text"], "A specialist firm tests every spring.");
    // Without --library nothing is reused.
    let fresh = json(&["draft", &new, "--format", "json"]);
    assert!(fresh[0].get("library").is_none());
}

#[test]
fn an_answer_for_another_product_is_shown_but_never_asserted() {
    let dir = tempfile::tempdir().unwrap();
    let last = write(dir.path(), "last.csv", LAST_YEAR);
    let new = write(dir.path(), "new.csv", THIS_YEAR);
    let spec = format!("{last}=Portal");
    let drafts = json(&["draft", &new, "--library", &spec, "--scope", "Mobile app", "--format", "json"]);
    let used = &drafts[0]["library"];
    assert_eq!(used["scope"], "Portal");
    assert!(used["suggestion"].as_str().unwrap().contains("answered for Portal"), "{used}");
    assert_ne!(drafts[0]["text"], "AES-256 in a managed key service.");
}

#[test]
fn ask_and_fill_take_earlier_answers_too() {
    let dir = tempfile::tempdir().unwrap();
    let last = write(dir.path(), "last.csv", LAST_YEAR);
    let asked = json(&["ask", "Is customer data encrypted at rest?", "--library", &last, "--json"]);
    assert_eq!(asked["library"]["matched"], "same");
    assert_eq!(asked["text"], "AES-256 in a managed key service.");
    let out = trustdraft(&["ask", "Is customer data encrypted at rest?", "--library", &last]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("from library: approved"), "{text}");
    let new = write(dir.path(), "new.csv", THIS_YEAR);
    let target = dir.path().join("answered.csv");
    let out = trustdraft(&["fill", &new, "-o", target.to_str().unwrap(), "--library", &last]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.contains("AES-256 in a managed key service."), "{written}");
}

#[test]
fn a_filled_workbook_is_a_library_and_the_listing_says_what_each_file_gives() {
    let dir = tempfile::tempdir().unwrap();
    let last = write(dir.path(), "last.csv", LAST_YEAR);
    let workbook = questionnaire_fixture("filled-protected.xlsx");
    let listed = json(&["library", &last, &workbook, "--json"]);
    assert_eq!(listed[0]["kind"], "questionnaire");
    assert_eq!(listed[0]["scope"], "last");
    assert_eq!(
        [&listed[0]["entries"], &listed[0]["answered"], &listed[0]["unanswered"]],
        [&Value::from(3), &Value::from(3), &Value::from(1)]
    );
    assert_eq!(listed[1]["file"], "filled-protected.xlsx");
    assert_eq!(listed[1]["kind"], "questionnaire");
    assert!(listed[1]["entries"].as_u64().unwrap() > 0, "{}", listed[1]);
    // Its answers are reused, the same words, when the workbook itself is drafted again.
    let drafts = json(&["draft", &workbook, "--library", &workbook, "--format", "json"]);
    let reused: Vec<&Value> = drafts.as_array().unwrap().iter().filter(|d| d["library"]["matched"] == "same").collect();
    assert_eq!(reused.len() as u64, listed[1]["entries"].as_u64().unwrap());
    assert!(reused
        .iter()
        .all(|d| d["library"]["source"].as_str().unwrap().starts_with("filled-protected.xlsx \u{203a} ")));
    let out = trustdraft(&["library", &last]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("last.csv: questionnaire, scope last: 3 entries (4 questions: 3 answered"), "{text}");
}

#[test]
fn a_bad_library_file_is_named_with_its_row_and_the_others_still_listed() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "last.csv", LAST_YEAR);
    let bad = write(
        dir.path(),
        "shared-library.csv",
        "question,answer,text,source\nIs MFA enforced?,yes,Always.,a\nIs data encrypted?,perhaps,Mostly.,b\n",
    );
    let new = write(dir.path(), "new.csv", THIS_YEAR);
    let out = trustdraft(&["draft", &new, "--library", &good, &bad]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("shared-library.csv: row 3: answer `perhaps` is not one of"), "{err}");
    assert!(out.stdout.is_empty(), "nothing drafted from a partial library");
    let out = trustdraft(&["library", &good, &bad, "--json"]);
    assert_eq!(out.status.code(), Some(2));
    let listed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listed[0]["entries"], 3);
    assert!(listed[1]["error"].as_str().unwrap().contains("shared-library.csv: row 3"), "{}", listed[1]);
    let page = write(dir.path(), "notes.md", "# Notes\nNothing here.\n");
    let out = trustdraft(&["library", &page]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("notes.md: cannot be used: notes.md: not a trustdraft answer library (this is a posture page"),
        "{text}"
    );
}
