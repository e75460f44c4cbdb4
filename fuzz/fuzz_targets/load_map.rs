//! Feeds arbitrary bytes to the map loader; whatever loads goes through the
//! analysis, the canonical save and its reload, the diff and every exporter
//! (see `tests/exercise/mod.rs`, shared with the property tests).

#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/exercise/mod.rs"]
mod exercise;

fuzz_target!(|data: &[u8]| {
    exercise::load_and_use(data);
});
