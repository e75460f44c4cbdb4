//! `vsmap fmt`: rewrite maps in canonical form, like `cargo fmt` for maps.

use std::path::PathBuf;

use clap::Args;

use super::exit_code::{EXIT_FINDINGS, EXIT_LOAD_ERROR, EXIT_OK};
use crate::io::{LoadError, from_json, read_limited, to_canonical_json, write_atomic};

/// Arguments of `vsmap fmt`.
#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Map files to format.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Change nothing; list the files that are not canonical and exit with 1 if any.
    #[arg(long)]
    pub check: bool,
}

/// Formats (or checks) every file; returns the exit code.
pub fn run(args: &FmtArgs) -> u8 {
    let mut code = EXIT_OK;
    for file in &args.files {
        let loaded = read_limited(file).and_then(|bytes| {
            let map = from_json(&bytes)?;
            Ok((bytes, map))
        });
        let (bytes, map) = match loaded {
            Ok(ok) => ok,
            Err(kind) => {
                eprintln!(
                    "error: {}",
                    LoadError {
                        path: file.clone(),
                        kind
                    }
                );
                code = EXIT_LOAD_ERROR;
                continue;
            }
        };
        let canonical = to_canonical_json(&map);
        if canonical.as_bytes() == bytes.as_slice() {
            continue;
        }
        if args.check {
            println!(
                "{}: not in canonical form (run `vsmap fmt {}`)",
                file.display(),
                file.display()
            );
            if code == EXIT_OK {
                code = EXIT_FINDINGS;
            }
        } else if let Err(e) = write_atomic(file, canonical.as_bytes()) {
            eprintln!("error: {}: cannot save: {e}", file.display());
            code = EXIT_LOAD_ERROR;
        } else {
            println!("{}: formatted", file.display());
        }
    }
    code
}
