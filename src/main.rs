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
    #[cfg(windows)]
    let_go_of_own_console();
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

/// On Windows, a console program started from Explorer (a double-click on
/// a map) gets a console window of its own, which would stand open beside
/// the editor: the editor lets go of it. A console shared with a terminal
/// (vsmap started from cmd or PowerShell) stays, so messages still reach
/// it; and the subcommands, which write to it, never get here.
#[cfg(all(windows, feature = "gui"))]
fn let_go_of_own_console() {
    use windows_sys::Win32::System::Console::{FreeConsole, GetConsoleProcessList};
    let mut ids = [0u32; 2];
    // SAFETY: `ids` is a writable buffer of exactly the length passed; the
    // call writes at most that many process ids into it.
    let attached = unsafe { GetConsoleProcessList(ids.as_mut_ptr(), ids.len() as u32) };
    if attached == 1 {
        // SAFETY: FreeConsole takes no arguments and only detaches this
        // process from its console; nothing of ours refers to the console.
        unsafe { FreeConsole() };
    }
}
