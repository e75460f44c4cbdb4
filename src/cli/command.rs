//! The `vsmap` command line as a whole: the parser's top level, the list of
//! subcommands, and running the one given.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use super::check::{self, CheckArgs};
use super::exit_code::EXIT_LOAD_ERROR;
use super::fmt::{self, FmtArgs};
use super::{
    arrange, diff, export, fix, flow, generate, git_setup, history, import, install_desktop, merge,
    schema,
};

/// Value stream maps: draw them, check them for architecture anti-patterns,
/// keep them in git.
#[derive(Debug, Parser)]
#[command(name = "vsmap", version, about, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// What to do; without one, the editor opens.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// A map to open in the editor.
    pub file: Option<PathBuf>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Find anti-patterns in maps and report them.
    Check(CheckArgs),
    /// Rewrite maps in their canonical, git-friendly form.
    Fmt(FmtArgs),
    /// Compare two maps: what changes, and does it make the flow better?
    Diff(diff::DiffArgs),
    /// Each stream's lead time, flow efficiency and the wait at each handoff.
    Flow(flow::FlowArgs),
    /// Merge three versions of a map by identity (git's merge driver: vsmap merge %O %A %B).
    Merge(merge::MergeArgs),
    /// Each commit that changed a map, with its findings and flow figures.
    History(history::HistoryArgs),
    /// Make the desktop know vsmap: its icon, menu entry and the *.vsmap.json file type (--uninstall removes them).
    InstallDesktop(install_desktop::InstallDesktopArgs),
    /// Set git up to merge and diff maps with vsmap.
    Git(git_setup::GitArgs),
    /// Draft the proposed map from the fixes of a map's findings.
    Fix(fix::FixArgs),
    /// Open the editor comparing two maps (BEFORE read-only, AFTER editable).
    Compare(CompareArgs),
    /// Export a map as SVG, a Markdown review report, Mermaid or Graphviz DOT.
    Export(export::ExportArgs),
    /// Make a synthetic map of any size, for trying the tool at scale.
    Generate(generate::GenerateArgs),
    /// Make a map from a Backstage catalog or a Structurizr workspace.
    Import(import::ImportArgs),
    /// Lay a map out: flows left to right, teams together (new services only, unless --all).
    Arrange(arrange::ArrangeArgs),
    /// Print the JSON Schema of the map file format, for editors' completion and checks.
    Schema(schema::SchemaArgs),
}

/// Arguments of `vsmap compare`.
#[derive(Debug, clap::Args)]
pub struct CompareArgs {
    /// The map of today (shown read-only).
    pub before: PathBuf,
    /// The proposed map (opened for editing).
    pub after: PathBuf,
}

/// Runs a subcommand and returns the process exit code.
pub fn run(command: Command) -> ExitCode {
    let code = match command {
        Command::Check(args) => check::run(&args, &mut std::io::stdout().lock()),
        Command::Fmt(args) => fmt::run(&args),
        Command::Arrange(args) => arrange::run(&args),
        Command::Diff(args) => diff::run(&args, &mut std::io::stdout().lock()),
        Command::Export(args) => export::run(&args, &mut std::io::stdout().lock()),
        Command::Generate(args) => generate::run(&args, &mut std::io::stdout().lock()),
        Command::Import(args) => import::run(
            &args,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        ),
        Command::Merge(args) => merge::run(&args, &mut std::io::stderr().lock()),
        Command::History(args) => history::run(&args, &mut std::io::stdout().lock()),
        Command::InstallDesktop(args) => install_desktop::run(&args, &mut std::io::stdout().lock()),
        Command::Git(args) => git_setup::run(&args, &mut std::io::stdout().lock()),
        Command::Flow(args) => flow::run(&args, &mut std::io::stdout().lock()),
        Command::Fix(args) => fix::run(
            &args,
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        ),
        Command::Schema(args) => schema::run(&args, &mut std::io::stdout().lock()),
        Command::Compare(_) => {
            eprintln!(
                "error: `vsmap compare` opens the editor, which this build does not have (built without the `gui` feature); use `vsmap diff`"
            );
            EXIT_LOAD_ERROR
        }
    };
    ExitCode::from(code)
}
