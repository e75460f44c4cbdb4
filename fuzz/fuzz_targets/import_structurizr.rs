//! Feeds arbitrary bytes to the Structurizr importer as workspace JSON, at
//! both levels. A successful import must give a map that passes everything
//! downstream (`tests/exercise/mod.rs`); a failed one must name the file.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use vsmap::io::import::ImportError;
use vsmap::io::import::structurizr::{Level, StructurizrOptions, import_bytes};

#[path = "../../tests/exercise/mod.rs"]
#[allow(dead_code)] // only `downstream` is used here
mod exercise;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("workspace.json");
    for level in [Level::System, Level::Container] {
        let options = StructurizrOptions { name: None, level, exclude_tags: Vec::new() };
        match import_bytes(path, data, &options) {
            Ok(imported) => {
                let _ = imported.report.to_string();
                exercise::downstream(&imported.map);
            }
            Err(e) => {
                let message = e.to_string();
                assert!(message.starts_with("workspace.json"), "{e:?}");
                assert!(message.len() < 20_000, "a {} byte message", message.len());
                if let ImportError::Invalid(problems) = &e {
                    panic!("the importer built an invalid map: {problems:?}");
                }
            }
        }
    }
});
