//! `vsmap git setup`: makes the current repository use vsmap for maps:
//! `.gitattributes` names the merge driver and the diff for
//! `*.vsmap.json`, and the repository's config says what they run. Asks
//! nothing; says what it wrote.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use clap::{Args, Subcommand};

use super::exit_code::{EXIT_LOAD_ERROR, EXIT_OK};

/// Arguments of `vsmap git`.
#[derive(Debug, Args)]
pub struct GitArgs {
    /// What to do.
    #[command(subcommand)]
    pub action: GitAction,
}

/// `vsmap git` subcommands.
#[derive(Debug, Subcommand)]
pub enum GitAction {
    /// Use vsmap to merge and diff *.vsmap.json in the current repository.
    Setup,
}

/// The line `.gitattributes` gets.
pub const ATTRIBUTES: &str = "*.vsmap.json merge=vsmap diff=vsmap";
/// The repository config entries: key and value.
pub const CONFIG: [(&str, &str); 3] = [
    (
        "merge.vsmap.name",
        "vsmap: merge value stream maps by identity",
    ),
    ("merge.vsmap.driver", "vsmap merge %O %A %B"),
    ("diff.vsmap.command", "vsmap diff"),
];

/// Runs the action; returns the exit code.
pub fn run(args: &GitArgs, out: &mut dyn Write) -> u8 {
    match args.action {
        GitAction::Setup => match setup(Path::new("."), out) {
            Ok(()) => EXIT_OK,
            Err(message) => {
                eprintln!("error: {message}");
                EXIT_LOAD_ERROR
            }
        },
    }
}

/// Writes the attributes line (once) at the repository's root and the
/// config entries, through `git` itself.
fn setup(dir: &Path, out: &mut dyn Write) -> Result<(), String> {
    let git = |args: &[&str]| -> Result<String, String> {
        let output = Command::new("git")
            .args(args)
            .current_dir(dir)
            .output()
            .map_err(|e| format!("cannot run git: {e}"))?;
        if output.status.success() {
            Ok(String::from_utf8_lossy(&output.stdout).trim().to_string())
        } else {
            Err(String::from_utf8_lossy(&output.stderr).trim().to_string())
        }
    };
    let root = git(&["rev-parse", "--show-toplevel"])
        .map_err(|e| format!("not in a git repository ({e})"))?;
    let attributes = Path::new(&root).join(".gitattributes");
    let current = std::fs::read_to_string(&attributes).unwrap_or_default();
    if current.lines().any(|l| l.trim() == ATTRIBUTES) {
        let _ = writeln!(out, "{} already has: {ATTRIBUTES}", attributes.display());
    } else {
        let mut text = current;
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str(ATTRIBUTES);
        text.push('\n');
        crate::io::write_atomic(&attributes, text.as_bytes())
            .map_err(|e| format!("{}: cannot write: {e}", attributes.display()))?;
        let _ = writeln!(out, "{}: added {ATTRIBUTES}", attributes.display());
    }
    for (key, value) in CONFIG {
        git(&["config", key, value]).map_err(|e| format!("git config {key}: {e}"))?;
        let _ = writeln!(out, "git config {key} \"{value}\"");
    }
    Ok(())
}
