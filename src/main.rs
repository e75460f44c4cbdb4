//! The `vsmap` binary: the editor, or a subcommand of the command line.

use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use vsmap::cli::{Cli, run};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match (cli.command, cli.file) {
        (Some(command), _) => run(command),
        (None, Some(file)) => match vsmap::io::load_file(&file) {
            // The editor arrives with the GUI; until then, say what the file holds.
            Ok(map) => {
                println!(
                    "{}: \"{}\", {} teams, {} services, {} links, {} streams. The editor is not built yet; try `vsmap check {}`.",
                    file.display(),
                    map.name,
                    map.teams.len(),
                    map.services.len(),
                    map.links.len(),
                    map.streams.len(),
                    file.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(vsmap::cli::EXIT_LOAD_ERROR)
            }
        },
        (None, None) => {
            let _ = Cli::command().print_help();
            ExitCode::SUCCESS
        }
    }
}
