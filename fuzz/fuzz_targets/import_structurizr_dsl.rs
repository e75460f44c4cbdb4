//! Feeds arbitrary text to the Structurizr importer as a DSL workspace (the
//! bytes follow `workspace {`, so the DSL reader always takes them), at both
//! levels. A successful import must give a map that passes everything
//! downstream (`tests/exercise/mod.rs`); a failed one must say where.
//! `!include`s resolve under a folder that does not exist, so they fail
//! with a message instead of reading the machine's files.

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use vsmap::io::import::ImportError;
use vsmap::io::import::structurizr::{Level, StructurizrOptions, import_bytes};

#[path = "../../tests/exercise/mod.rs"]
#[allow(dead_code)] // only `downstream` is used here
mod exercise;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("/nonexistent-vsmap-fuzz/workspace.dsl");
    let mut text = b"workspace {\n".to_vec();
    text.extend_from_slice(data);
    for level in [Level::System, Level::Container] {
        let options = StructurizrOptions {
            name: None,
            level,
            exclude_tags: vec!["Future State".into()],
        };
        match import_bytes(path, &text, &options) {
            Ok(imported) => {
                let _ = imported.report.to_string();
                exercise::downstream(&imported.map);
            }
            Err(e) => {
                let message = e.to_string();
                assert!(message.starts_with("/nonexistent-vsmap-fuzz/"), "{e:?}");
                assert!(message.len() < 20_000, "a {} byte message", message.len());
                if let ImportError::Invalid(problems) = &e {
                    panic!("the importer built an invalid map: {problems:?}");
                }
            }
        }
    }
});
