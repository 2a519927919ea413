//! The posture parser takes any text: it returns rows and diagnostics, never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let posture = trustdraft_core::Posture::from_pages([("fuzz.md", text)]);
        for row in &posture.rows {
            assert!(!row.reference.is_empty());
        }
    }
});
