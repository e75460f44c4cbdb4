//! Feeds arbitrary bytes to the Backstage importer as a catalog of up to
//! eight files (the input split at NUL bytes, so references can cross
//! files), with the default options and with libraries and systems-as-
//! streams switched on. A successful import must give a map that passes
//! everything downstream (`tests/exercise/mod.rs`); a failed one must say
//! which file it is about.

#![no_main]

use std::path::PathBuf;

use libfuzzer_sys::fuzz_target;
use vsmap::io::import::ImportError;
use vsmap::io::import::backstage::{BackstageOptions, CatalogFile, import_files};

#[path = "../../tests/exercise/mod.rs"]
#[allow(dead_code)] // only `downstream` is used here
mod exercise;

fuzz_target!(|data: &[u8]| {
    let files: Vec<CatalogFile> = data
        .split(|&b| b == 0)
        .take(8)
        .enumerate()
        .map(|(i, bytes)| CatalogFile {
            path: PathBuf::from(format!("catalog/{i}/catalog-info.yaml")),
            bytes: bytes.to_vec(),
        })
        .collect();
    for options in [
        BackstageOptions::default(),
        BackstageOptions {
            name: None,
            include_libraries: true,
            systems_as_streams: true,
        },
    ] {
        match import_files(&files, &options) {
            Ok(imported) => {
                // The report is printed by the CLI and shown by the editor.
                let _ = imported.report.to_string();
                exercise::downstream(&imported.map);
            }
            Err(e) => check_error(&e),
        }
    }
});

/// An import error names the file (and, for malformed input, never an
/// empty message); it is never the importer's own bug.
fn check_error(e: &ImportError) {
    let message = e.to_string();
    assert!(!message.trim().is_empty(), "empty message for {e:?}");
    assert!(message.len() < 20_000, "a {} byte message", message.len());
    match e {
        ImportError::Invalid(problems) => panic!("the importer built an invalid map: {problems:?}"),
        ImportError::Malformed { path, message, .. } => {
            assert!(path.starts_with("catalog"), "{e:?}");
            assert!(!message.trim().is_empty(), "{e:?}");
        }
        ImportError::AliasExpansion { path, .. } => assert!(path.starts_with("catalog"), "{e:?}"),
        _ => {}
    }
}
