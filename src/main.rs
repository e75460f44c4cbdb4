//! The `vsmap` binary: the editor, or a subcommand of the command line.

use std::process::ExitCode;

use clap::Parser;
use vsmap::cli::{Cli, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Some(command) => run(command),
        None => open_editor(cli.file),
    }
}

#[cfg(feature = "gui")]
fn open_editor(file: Option<std::path::PathBuf>) -> ExitCode {
    match vsmap::ui::run(file) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot open the editor window: {e}");
            ExitCode::from(vsmap::cli::EXIT_LOAD_ERROR)
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_editor(_file: Option<std::path::PathBuf>) -> ExitCode {
    use clap::CommandFactory;
    eprintln!(
        "This build of vsmap has no editor (built without the `gui` feature); use a subcommand.\n"
    );
    let _ = Cli::command().print_help();
    ExitCode::from(vsmap::cli::EXIT_LOAD_ERROR)
}
