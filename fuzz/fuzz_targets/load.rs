//! Fuzz target: the scenario loader on arbitrary bytes. Any input must give
//! a scenario or an error that names the file; never a panic, a hang or a
//! crash.

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match envroi::io::load_bytes(data, "fuzz.ron") {
        Ok(_) => {}
        Err(error) => assert!(error.to_string().starts_with("fuzz.ron")),
    }
});
