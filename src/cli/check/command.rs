//! `vsmap check` as a command: its arguments, checking each file into a
//! [`CheckReport`], the exit code, and the writer for the chosen format.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use jiff::civil::Date;

use super::report::{CheckReport, Checked, FileReport};
use super::{gitlab, json, junit, sarif, text};
use crate::analysis::{Severity, analyze_on};
use crate::cli::day::parse_day;
use crate::cli::exit_code::{EXIT_FINDINGS, EXIT_LOAD_ERROR, EXIT_OK};

/// Arguments of `vsmap check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Map files to check.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// How to print the findings.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
    /// Exit with 1 when a finding at or above this severity fired (allowed findings never count).
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    pub fail_on: FailOn,
    /// The day to check on (for `stale-map`), as YYYY-MM-DD; defaults to today.
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub today: Option<Date>,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// One line per finding, for people.
    Text,
    /// Machine-readable, for scripts.
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// JUnit XML: a test case per rule and map, failing at the --fail-on level.
    Junit,
    /// GitLab code quality JSON, with fingerprints stable across runs.
    Gitlab,
}

/// The lowest severity that fails the check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Only errors fail.
    Error,
    /// Warnings and errors fail.
    Warning,
    /// Every finding fails.
    Info,
    /// Nothing fails (loading errors still exit with 2).
    Never,
}

impl FailOn {
    fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Error => severity <= Severity::Error,
            FailOn::Warning => severity <= Severity::Warning,
            FailOn::Info => true,
            FailOn::Never => false,
        }
    }
}

/// Checks every file and writes the report to `out`; returns the exit code.
pub fn run(args: &CheckArgs, out: &mut dyn Write) -> u8 {
    let today = args.today.unwrap_or_else(crate::analysis::today);
    let report = CheckReport {
        files: args
            .files
            .iter()
            .map(|file| check_file(file, today))
            .collect(),
    };

    let mut code = EXIT_OK;
    for file in &report.files {
        match &file.outcome {
            Err(message) => {
                eprintln!("error: {message}");
                code = EXIT_LOAD_ERROR;
            }
            Ok(checked) => {
                let failing = checked
                    .findings
                    .iter()
                    .any(|f| !f.allowed && args.fail_on.fails(f.severity));
                if failing && code == EXIT_OK {
                    code = EXIT_FINDINGS;
                }
            }
        }
    }

    let written = match args.format {
        OutputFormat::Text => text::write(&report, out),
        OutputFormat::Json => json::write(&report, out),
        OutputFormat::Sarif => sarif::write(&report, out),
        OutputFormat::Junit => junit::write(&report, &|s| args.fail_on.fails(s), out),
        OutputFormat::Gitlab => gitlab::write(&report, out),
    };
    if let Err(e) = written {
        eprintln!("error: cannot write the report: {e}");
        return EXIT_LOAD_ERROR;
    }
    code
}

/// Loads and checks one file; a file that does not load gives its message.
fn check_file(file: &std::path::Path, today: Date) -> FileReport {
    let outcome = crate::io::read_limited(file)
        .and_then(|bytes| {
            let map = crate::io::from_json(&bytes)?;
            Ok((String::from_utf8_lossy(&bytes).into_owned(), map))
        })
        .map(|(text, map)| Checked {
            text,
            findings: analyze_on(&map, today),
            allows: map.allow.clone(),
        })
        .map_err(|kind| {
            crate::io::LoadError {
                path: file.to_path_buf(),
                kind,
            }
            .to_string()
        });
    FileReport {
        file: file.to_path_buf(),
        outcome,
    }
}
