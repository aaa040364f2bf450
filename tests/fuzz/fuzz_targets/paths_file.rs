//! Any bytes as a paths file (one or several windows, with or without touch events), through
//! encoding detection and the comparison of every model the file supports.
#![no_main]

use kol_attribution::decode;
use kol_attribution::{CompareOptions, compare_path_windows};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok((text, _)) = decode(data, "paths.csv") else { return };
    if let Err(error) = compare_path_windows(&text, &CompareOptions::default()) {
        assert!(!error.to_string().is_empty());
    }
});
