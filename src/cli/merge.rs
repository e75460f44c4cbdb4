//! `vsmap merge`: three versions of a map merged by identity, as git's
//! merge driver (`vsmap merge %O %A %B` rewrites OURS). Exit 0 when clean,
//! 1 with conflicts (ours kept at each, listed on standard error), 2 when a
//! file cannot be read (nothing written).

use std::io::Write;
use std::path::PathBuf;

use clap::Args;

use super::exit_code::{EXIT_FINDINGS, EXIT_LOAD_ERROR, EXIT_OK};
use crate::io::{load_file, to_canonical_json, write_atomic};
use crate::merge::merge;

/// Arguments of `vsmap merge`.
#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The common ancestor (git's %O).
    #[arg(value_name = "BASE")]
    pub base: PathBuf,
    /// Our version (git's %A); rewritten with the merge unless -o is given.
    #[arg(value_name = "OURS")]
    pub ours: PathBuf,
    /// Their version (git's %B).
    #[arg(value_name = "THEIRS")]
    pub theirs: PathBuf,
    /// Write the merge here instead of over OURS.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
}

/// Merges and writes; returns the exit code.
pub fn run(args: &MergeArgs, err: &mut dyn Write) -> u8 {
    let maps = [&args.base, &args.ours, &args.theirs].map(|p| load_file(p));
    let [base, ours, theirs] = maps;
    let (base, ours, theirs) = match (base, ours, theirs) {
        (Ok(b), Ok(o), Ok(t)) => (b, o, t),
        (b, o, t) => {
            for e in [b.err(), o.err(), t.err()].into_iter().flatten() {
                let _ = writeln!(err, "error: {e}");
            }
            return EXIT_LOAD_ERROR;
        }
    };
    let merged = merge(&base, &ours, &theirs);
    let target = args.output.as_ref().unwrap_or(&args.ours);
    if let Err(e) = write_atomic(target, to_canonical_json(&merged.map).as_bytes()) {
        let _ = writeln!(err, "error: {}: cannot write: {e}", target.display());
        return EXIT_LOAD_ERROR;
    }
    if merged.conflicts.is_empty() {
        return EXIT_OK;
    }
    let _ = writeln!(
        err,
        "{}: {} (ours kept at each):",
        args.ours.display(),
        crate::analysis::plural(merged.conflicts.len(), "conflict")
    );
    for conflict in &merged.conflicts {
        let _ = writeln!(err, "  {conflict}");
    }
    EXIT_FINDINGS
}
