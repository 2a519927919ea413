//! The crosswalk loader takes any bytes: a crosswalk or an error naming the file.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = trustdraft_core::jobs::load_crosswalk("fuzz.csv", data) {
        assert!(e.to_string().starts_with("fuzz.csv: "));
    }
});
