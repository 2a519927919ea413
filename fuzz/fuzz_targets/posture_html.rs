//! Any bytes as a posture page published as HTML: decoded, tokenized, parsed; rows and
//! diagnostics come back, never a panic, and every line points into the file.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = trustdraft_core::jobs::decode_page("fuzz.html", data) {
        let lines = text.lines().count().max(1);
        let posture = trustdraft_core::Posture::from_pages([("fuzz.html", text.as_str())]);
        for row in &posture.rows {
            assert!(!row.reference.is_empty());
            assert!(row.line <= lines, "row line {} past the end ({lines})", row.line);
        }
    }
});
