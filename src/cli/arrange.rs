//! `vsmap arrange`: the layered layout of Arrange ▸ Tidy from the command
//! line, so maps made by scripts or other tools open readable. Like `vsmap
//! fmt`, it rewrites the file in canonical form, atomically; a map that does
//! not load is named with the place of the problem and nothing is written.

use std::path::PathBuf;

use clap::Args;

use super::exit_code::{EXIT_LOAD_ERROR, EXIT_OK};
use crate::edit::tidy::{Scope, tidy_map};
use crate::io::{load_file, save_file};

/// Arguments of `vsmap arrange`.
#[derive(Debug, Args)]
pub struct ArrangeArgs {
    /// The map to arrange.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Write the arranged map here (replaced atomically) instead of over FILE.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Lay out every service; without it, only services with no position or
    /// stacked on another's move.
    #[arg(long)]
    pub all: bool,
}

/// Arranges the map and writes it; returns the exit code.
pub fn run(args: &ArrangeArgs) -> u8 {
    let mut map = match load_file(&args.file) {
        Ok(map) => map,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_LOAD_ERROR;
        }
    };
    let scope = if args.all {
        Scope::All
    } else {
        Scope::Unplaced
    };
    let moved = tidy_map(&mut map, scope);
    let target = args.output.as_ref().unwrap_or(&args.file);
    match save_file(&map, target) {
        Ok(()) => {
            eprintln!(
                "{}: {} of {} services placed",
                target.display(),
                moved,
                map.services.len()
            );
            EXIT_OK
        }
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_LOAD_ERROR
        }
    }
}
