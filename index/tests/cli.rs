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
    let dr: Vec<&str> = api["evidence"].as_array().unwrap().iter()
        .filter(|e| e["kind"] == "dr-scenario").map(|e| e["target"].as_str().unwrap()).collect();
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
    let dir = std::env::temp_dir().join(format!("trustdraft-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("logo.png");
    std::fs::write(&path, [0x89, b'P', b'N', b'G', 0xff, 0xfe, 0x00]).unwrap();
    let out = trustdraft(&["rows", "--posture", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("logo.png: not UTF-8 text"), "{err}");
}

#[test]
fn a_page_without_tables_warns_on_stderr() {
    let dir = std::env::temp_dir().join(format!("trustdraft-cli-notable-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("prose.md");
    std::fs::write(&path, "About us\nWe take security seriously.\n").unwrap();
    let out = trustdraft(&["rows", "--json", "--posture", path.to_str().unwrap()]);
    assert!(out.status.success());
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("warning: prose.md:1: no posture table found"), "{err}");
    assert_eq!(String::from_utf8(out.stdout).unwrap().trim(), "[]");
}
