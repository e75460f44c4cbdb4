//! The `vsmap` command line: argument parsing and the subcommands.
//!
//! This file only declares the parts and re-exports them: `command` is the
//! top level, each subcommand has its file (`check` its folder, one writer
//! per output format), and the parts import one another directly, so that
//! none imports this facade back.

mod arrange;
mod check;
mod command;
mod day;
mod diff;
mod exit_code;
mod export;
mod fix;
mod flow;
mod fmt;
mod generate;
mod git_setup;
mod history;
pub mod import;
mod install_desktop;
mod merge;
mod schema;

pub use arrange::ArrangeArgs;
pub use check::{CheckArgs, FailOn, OutputFormat};
pub use command::{Cli, Command, CompareArgs, run};
pub use exit_code::{EXIT_FINDINGS, EXIT_LOAD_ERROR, EXIT_OK};
pub use fmt::FmtArgs;
