//! `vsmap diff`: compare two maps and print what changes and what it does
//! to the flow, for the terminal, a review document or a script.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use jiff::civil::Date;

use super::day::parse_day;
use super::exit_code::{EXIT_LOAD_ERROR, EXIT_OK};
use crate::diff::render;
use crate::io::load_file;

/// Arguments of `vsmap diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The map as it is (e.g. today's architecture).
    #[arg(value_name = "BEFORE")]
    pub before: PathBuf,
    /// The map as proposed.
    #[arg(value_name = "AFTER")]
    pub after: PathBuf,
    /// How to print the diff.
    #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
    pub format: DiffFormat,
    /// Also list services moved on the canvas (positions are not architecture).
    #[arg(long)]
    pub include_moves: bool,
    /// The day to compare findings on (for `stale-map`), as YYYY-MM-DD; defaults to today.
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub today: Option<Date>,
    /// The rest of git's external-diff arguments (`path old-file old-hex
    /// old-mode new-file new-hex new-mode`): BEFORE is then the path and
    /// AFTER the old file.
    #[arg(hide = true, num_args = 0..)]
    pub git: Vec<String>,
}

/// Output formats of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// A readable summary for the terminal.
    Text,
    /// A section to paste into a pull request or review document.
    Markdown,
    /// The full diff, for scripts.
    Json,
}

/// Loads both maps and prints their diff; returns the exit code: 0 when both
/// files load (whether or not they differ), 2 when either does not.
pub fn run(args: &DiffArgs, out: &mut dyn Write) -> u8 {
    // As git's external diff: path, old file, old hex, old mode, new file,
    // new hex, new mode. A side git gives as /dev/null (added or deleted)
    // is an empty map.
    let (before_path, after_path) = match args.git.as_slice() {
        [_, _, new, _, _] => {
            let _ = writeln!(out, "vsmap diff {}", args.before.display());
            (args.after.clone(), PathBuf::from(new))
        }
        [] => (args.before.clone(), args.after.clone()),
        _ => {
            eprintln!(
                "error: vsmap diff takes BEFORE AFTER, or the seven arguments git passes an external diff"
            );
            return EXIT_LOAD_ERROR;
        }
    };
    let load = |path: &PathBuf| {
        if path.as_os_str() == "/dev/null" {
            Ok(crate::model::Map::default())
        } else {
            load_file(path)
        }
    };
    let (before, after) = (load(&before_path), load(&after_path));
    let (before, after) = match (before, after) {
        (Ok(before), Ok(after)) => (before, after),
        (before, after) => {
            for error in [before.err(), after.err()].into_iter().flatten() {
                eprintln!("error: {error}");
            }
            return EXIT_LOAD_ERROR;
        }
    };
    let today = args.today.unwrap_or_else(crate::analysis::today);
    let diff = crate::diff::diff(&before, &after, today);
    let written = match args.format {
        DiffFormat::Text => out.write_all(render::text(&diff, args.include_moves).as_bytes()),
        DiffFormat::Markdown => {
            out.write_all(render::markdown(&diff, args.include_moves).as_bytes())
        }
        DiffFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &render::json(&diff, args.include_moves))
                .map_err(std::io::Error::from)
                .and_then(|()| writeln!(out))
        }
    };
    if let Err(e) = written {
        eprintln!("error: cannot write the diff: {e}");
        return EXIT_LOAD_ERROR;
    }
    EXIT_OK
}
