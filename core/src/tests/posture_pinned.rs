//! The embedded default and every posture fixture parse exactly as they did before the posture
//! forms of issue 17 (SoA spreadsheets, statusless control lists, control pages) were added:
//! the whole parse (pages, rows, passages, pointers, diagnostics) is compared with the JSON
//! pinned in `tests/fixtures/posture/pinned/`. Set `TRUSTDRAFT_BLESS=1` to write the pins again
//! after a change that is meant to alter a parse, and review the diff.

use std::path::PathBuf;

use crate::posture::DEFAULT_PAGES;
use crate::Posture;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The parse as pinned: the posture's own fields, without the per-file reports added later.
fn parsed(posture: &Posture) -> String {
    let mut value = serde_json::to_value(posture).expect("a posture serializes");
    if let Some(map) = value.as_object_mut() {
        map.retain(|k, _| ["pages", "rows", "passages", "pointers", "diagnostics"].contains(&k.as_str()));
    }
    serde_json::to_string_pretty(&value).expect("json") + "\n"
}

fn check(pin: &str, posture: &Posture) {
    let path = root().join("tests/fixtures/posture/pinned").join(pin);
    let got = parsed(posture);
    if std::env::var_os("TRUSTDRAFT_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &got).unwrap();
        return;
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if got != want {
        let first = got.lines().zip(want.lines()).position(|(a, b)| a != b).unwrap_or(0);
        panic!(
            "{pin}: the parse changed from line {} of the pin:\n  now:    {}\n  pinned: {}",
            first + 1,
            got.lines().nth(first).unwrap_or("(end)"),
            want.lines().nth(first).unwrap_or("(end)")
        );
    }
}

fn page(path: &str) -> (String, String) {
    let full = root().join(path);
    let bytes = std::fs::read(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()));
    let name = full.file_name().unwrap().to_string_lossy().into_owned();
    let text = crate::posture::decode_page(&name, &bytes).unwrap();
    (name, text)
}

#[test]
fn the_embedded_default_parses_exactly_as_pinned() {
    check("default.json", &Posture::embedded_default());
    assert_eq!(DEFAULT_PAGES.len(), 2);
}

#[test]
fn every_existing_posture_fixture_parses_exactly_as_pinned() {
    for (pin, path) in [
        ("northwind-iso27001.json", "tests/fixtures/posture/northwind-iso27001.md"),
        ("northwind-trust.json", "tests/fixtures/posture/northwind-trust.html"),
        ("hostile-broken-table.json", "tests/hostile/broken-table.md"),
        ("hostile-no-tables.json", "tests/hostile/no-tables.md"),
    ] {
        let (name, text) = page(path);
        check(pin, &Posture::from_pages([(name.as_str(), text.as_str())]));
    }
}
