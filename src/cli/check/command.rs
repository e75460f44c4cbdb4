//! `vsmap check`: load maps, run the rules, print the findings.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use jiff::civil::Date;
use serde::Serialize;

use super::{EXIT_FINDINGS, EXIT_LOAD_ERROR, EXIT_OK, sarif};
use crate::analysis::{Finding, Severity, analyze_on, count_by_severity, plural};

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
    #[arg(long, value_name = "DATE", value_parser = super::parse_day)]
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

/// The result of checking one file.
pub(super) struct FileReport {
    pub file: PathBuf,
    pub outcome: Result<Checked, String>,
}

/// A file that loaded: its text (for locations) and its findings.
pub(super) struct Checked {
    pub text: String,
    pub findings: Vec<Finding>,
    pub allow_reasons: Vec<(String, Option<String>, String)>,
}

/// Checks every file and writes the report to `out`; returns the exit code.
pub fn run(args: &CheckArgs, out: &mut dyn Write) -> u8 {
    let today = args.today.unwrap_or_else(crate::analysis::today);
    let reports: Vec<FileReport> = args
        .files
        .iter()
        .map(|file| check_file(file, today))
        .collect();

    let mut code = EXIT_OK;
    for report in &reports {
        match &report.outcome {
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
        OutputFormat::Text => write_text(&reports, out),
        OutputFormat::Json => write_json(&reports, out),
        OutputFormat::Sarif => sarif::write(&reports, out),
    };
    if let Err(e) = written {
        eprintln!("error: cannot write the report: {e}");
        return EXIT_LOAD_ERROR;
    }
    code
}

fn check_file(file: &std::path::Path, today: Date) -> FileReport {
    let outcome = crate::io::read_limited(file)
        .and_then(|bytes| {
            let map = crate::io::from_json(&bytes)?;
            Ok((String::from_utf8_lossy(&bytes).into_owned(), map))
        })
        .map(|(text, map)| Checked {
            text,
            findings: analyze_on(&map, today),
            allow_reasons: map
                .allow
                .iter()
                .map(|a| {
                    (
                        a.rule.clone(),
                        a.subject.as_ref().map(|s| s.to_string()),
                        a.reason.clone(),
                    )
                })
                .collect(),
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

fn write_text(reports: &[FileReport], out: &mut dyn Write) -> std::io::Result<()> {
    let mut totals = [0usize; 3];
    let mut allowed = 0;
    let mut checked = 0;
    for report in reports {
        let Ok(result) = &report.outcome else {
            continue;
        };
        checked += 1;
        let file = report.file.display();
        for f in &result.findings {
            let subjects = if f.subjects.is_empty() {
                String::new()
            } else {
                let ids: Vec<&str> = f.subjects.iter().map(|s| s.as_str()).collect();
                format!(" ({})", ids.join(", "))
            };
            let mark = if f.allowed { " [allowed]" } else { "" };
            writeln!(
                out,
                "{file}: {} {}: {}{subjects}{mark}",
                f.severity, f.rule, f.message
            )?;
        }
        let counts = count_by_severity(&result.findings);
        let file_allowed = result.findings.iter().filter(|f| f.allowed).count();
        writeln!(out, "{file}: {}", summary(counts, file_allowed))?;
        for (t, c) in totals.iter_mut().zip(counts) {
            *t += c;
        }
        allowed += file_allowed;
    }
    if checked > 1 {
        writeln!(
            out,
            "{} checked: {}",
            plural(checked, "file"),
            summary(totals, allowed)
        )?;
    }
    Ok(())
}

fn summary(counts: [usize; 3], allowed: usize) -> String {
    let mut s = format!(
        "{}, {}, {} info",
        plural(counts[0], "error"),
        plural(counts[1], "warning"),
        counts[2]
    );
    if allowed > 0 {
        s.push_str(&format!(" ({allowed} allowed)"));
    }
    s
}

#[derive(Serialize)]
struct JsonReport<'a> {
    files: Vec<JsonFile<'a>>,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    findings: &'a [Finding],
    counts: JsonCounts,
}

#[derive(Serialize)]
struct JsonCounts {
    error: usize,
    warning: usize,
    info: usize,
}

fn write_json(reports: &[FileReport], out: &mut dyn Write) -> std::io::Result<()> {
    let files = reports
        .iter()
        .map(|r| {
            let file = r.file.display().to_string();
            match &r.outcome {
                Ok(c) => {
                    let [error, warning, info] = count_by_severity(&c.findings);
                    JsonFile {
                        file,
                        error: None,
                        findings: &c.findings,
                        counts: JsonCounts {
                            error,
                            warning,
                            info,
                        },
                    }
                }
                Err(e) => JsonFile {
                    file,
                    error: Some(e),
                    findings: &[],
                    counts: JsonCounts {
                        error: 0,
                        warning: 0,
                        info: 0,
                    },
                },
            }
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &JsonReport { files })?;
    writeln!(out)
}
