//! The `vsmap` binary: the editor, or a subcommand of the command line.

use std::process::ExitCode;

use clap::Parser;
use vsmap::cli::{Cli, run};

/// mimalloc instead of the system allocator: analysis, diff and the canvas
/// make and drop thousands of small strings and vectors on every edit, and
/// glibc's malloc spends a large share of an analysis in allocation,
/// trimming and page faults. Its version 2 (the `v2` feature), because
/// version 3 keeps more freed memory with a large map open; without
/// transparent huge pages (`no_thp`), which hold more memory and make
/// analysis no faster.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        #[cfg(feature = "gui")]
        Some(vsmap::cli::Command::Compare(args)) => open_compare(args),
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

/// `vsmap compare BEFORE AFTER`: both files must load before a window opens.
#[cfg(feature = "gui")]
fn open_compare(args: vsmap::cli::CompareArgs) -> ExitCode {
    for path in [&args.before, &args.after] {
        if let Err(e) = vsmap::io::load_file(path) {
            eprintln!("error: {e}");
            return ExitCode::from(vsmap::cli::EXIT_LOAD_ERROR);
        }
    }
    match vsmap::ui::run_compare(args.before, args.after) {
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
