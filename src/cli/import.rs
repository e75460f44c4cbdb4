//! `vsmap import`: a map made from a Backstage catalog or a Structurizr
//! workspace, laid out, written to a file or standard output, with the
//! import's report and the map's findings on standard error so that one
//! command shows the ownership problems.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};
use jiff::civil::Date;

use super::day::parse_day;
use super::exit_code::{EXIT_LOAD_ERROR, EXIT_OK};
use crate::analysis::{Severity, analyze_on, count_by_severity, plural};
use crate::edit::{Edit, StepTimes, apply_all};
use crate::io::import::backstage::{self, BackstageOptions};
use crate::io::import::structurizr::{self, Level, StructurizrOptions};
use crate::io::import::timings;
use crate::io::import::{ImportError, Imported};
use crate::io::{to_canonical_json, write_atomic};

/// Arguments of `vsmap import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Where to import from.
    #[command(subcommand)]
    pub source: ImportSource,
}

/// What `vsmap import` reads.
#[derive(Debug, Subcommand)]
pub enum ImportSource {
    /// A Backstage software catalog: catalog-info YAML files, or folders searched for *.yaml / *.yml.
    Backstage(BackstageArgs),
    /// A Structurizr workspace in its JSON form.
    Structurizr(StructurizrArgs),
    /// Step timings from a CSV (stream,service,work,wait[,complete_accurate]) into a map.
    Timings(TimingsArgs),
}

/// Arguments of `vsmap import timings`.
#[derive(Debug, Args)]
pub struct TimingsArgs {
    /// The CSV: a header row naming stream, service, work, wait and optionally complete_accurate.
    #[arg(value_name = "CSV")]
    pub csv: PathBuf,
    /// The map whose steps the rows fill.
    #[arg(long, value_name = "MAP")]
    pub into: PathBuf,
    /// Write the map to this file (replaced atomically) instead of standard output.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
}

/// What every import writes and how.
#[derive(Debug, Args)]
pub struct OutputArgs {
    /// Write the map to this file (replaced atomically) instead of standard output.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// The map's name.
    #[arg(long)]
    pub name: Option<String>,
    /// The day to run the rules on (for `stale-map`), as YYYY-MM-DD; defaults to today.
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub today: Option<Date>,
}

/// Arguments of `vsmap import backstage`.
#[derive(Debug, Args)]
pub struct BackstageArgs {
    /// YAML files or folders of the catalog.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// Import components of type library as services.
    #[arg(long)]
    pub include_libraries: bool,
    /// Draft a stream for each System: its components in dependency order.
    #[arg(long)]
    pub systems_as_streams: bool,
    /// Output, name and day.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// Arguments of `vsmap import structurizr`.
#[derive(Debug, Args)]
pub struct StructurizrArgs {
    /// The workspace JSON file.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Which elements become services.
    #[arg(long, value_enum, default_value_t = LevelArg::System)]
    pub level: LevelArg,
    /// Leave out elements with this tag (repeatable), e.g. "Future State".
    #[arg(long = "exclude-tag", value_name = "TAG")]
    pub exclude_tags: Vec<String>,
    /// Output, name and day.
    #[command(flatten)]
    pub output: OutputArgs,
}

/// `--level`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LevelArg {
    /// Software systems become services.
    System,
    /// Containers become services (and systems that have none).
    Container,
}

/// Imports, lays out and writes the map; returns the exit code: 0 when it
/// was written (unresolved references are reported, not fatal), 2 when the
/// input cannot be read or the output cannot be written.
pub fn run(args: &ImportArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let (imported, output) = match &args.source {
        ImportSource::Timings(a) => {
            return match import_timings(a, out, err) {
                Ok(()) => EXIT_OK,
                Err(message) => {
                    let _ = writeln!(err, "error: {message}");
                    EXIT_LOAD_ERROR
                }
            };
        }
        ImportSource::Backstage(a) => {
            let options = BackstageOptions {
                name: a.output.name.clone(),
                include_libraries: a.include_libraries,
                systems_as_streams: a.systems_as_streams,
            };
            (backstage::import_paths(&a.paths, &options), &a.output)
        }
        ImportSource::Structurizr(a) => {
            let options = StructurizrOptions {
                name: a.output.name.clone(),
                level: match a.level {
                    LevelArg::System => Level::System,
                    LevelArg::Container => Level::Container,
                },
                exclude_tags: a.exclude_tags.clone(),
            };
            (structurizr::import_path(&a.file, &options), &a.output)
        }
    };
    match write_import(imported, output, out, err) {
        Ok(()) => EXIT_OK,
        Err(message) => {
            let _ = writeln!(err, "error: {message}");
            EXIT_LOAD_ERROR
        }
    }
}

/// Fills the map's steps from the CSV and writes the map; reports each row
/// skipped. Nothing is written when the map or the CSV cannot be read.
fn import_timings(
    args: &TimingsArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), String> {
    let mut map = crate::io::load_file(&args.into).map_err(|e| e.to_string())?;
    let bytes = crate::io::import::read_import_file(&args.csv).map_err(|e| e.to_string())?;
    let timings = timings::read_timings(&args.csv, &bytes, &map).map_err(|e| e.to_string())?;
    let edits: Vec<Edit> = timings
        .steps
        .iter()
        .map(|t| {
            Edit::SetStepTimes(
                t.stream.clone(),
                t.step,
                StepTimes {
                    work: t.work,
                    wait: t.wait,
                    complete_accurate: t.complete_accurate,
                },
            )
        })
        .collect();
    apply_all(&mut map, edits).map_err(|e| format!("{}: {e}", args.csv.display()))?;
    let text = to_canonical_json(&map);
    match &args.output {
        Some(path) => write_atomic(path, text.as_bytes())
            .map_err(|e| format!("{}: cannot write: {e}", path.display()))?,
        None => out
            .write_all(text.as_bytes())
            .and_then(|()| out.flush())
            .map_err(|e| format!("cannot write the map: {e}"))?,
    }
    let written = (|| -> std::io::Result<()> {
        writeln!(
            err,
            "Filled {} from {}.",
            plural(timings.steps.len(), "step"),
            args.csv.display()
        )?;
        if !timings.skipped.is_empty() {
            writeln!(err, "Skipped ({}):", timings.skipped.len())?;
            for line in &timings.skipped {
                writeln!(err, "  {}: {line}", args.csv.display())?;
            }
        }
        Ok(())
    })();
    written.map_err(|e| format!("cannot write the report: {e}"))
}

fn write_import(
    imported: Result<Imported, ImportError>,
    output: &OutputArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(), String> {
    let mut imported = imported.map_err(|e| e.to_string())?;
    imported
        .lay_out_with(|map| crate::edit::tidy::tidy_map(map, crate::edit::tidy::Scope::Unplaced));
    let Imported { map, report } = imported;
    let text = to_canonical_json(&map);
    match &output.output {
        Some(path) => write_atomic(path, text.as_bytes())
            .map_err(|e| format!("{}: cannot write: {e}", path.display()))?,
        None => out
            .write_all(text.as_bytes())
            .and_then(|()| out.flush())
            .map_err(|e| format!("cannot write the map: {e}"))?,
    }
    let today = output.today.unwrap_or_else(crate::analysis::today);
    let findings = analyze_on(&map, today);
    let written = (|| -> std::io::Result<()> {
        write!(err, "{report}")?;
        let counts = count_by_severity(&findings);
        writeln!(
            err,
            "Findings: {}, {}, {} info.",
            plural(counts[0], "error"),
            plural(counts[1], "warning"),
            counts[2]
        )?;
        // Errors and warnings one per line, the infos counted by rule: the
        // ownership problems are the point of importing.
        let mut infos: BTreeMap<&str, usize> = BTreeMap::new();
        for f in findings.iter().filter(|f| !f.allowed) {
            if f.severity == Severity::Info {
                *infos.entry(f.rule).or_default() += 1;
            } else {
                writeln!(err, "  {} {}: {}", f.severity, f.rule, f.message)?;
            }
        }
        if !infos.is_empty() {
            let listed: Vec<String> = infos.iter().map(|(r, n)| format!("{r} {n}")).collect();
            writeln!(err, "  info: {}", listed.join(", "))?;
        }
        if let Some(path) = &output.output {
            writeln!(
                err,
                "Wrote {}; `vsmap check {}` lists every finding.",
                path.display(),
                path.display()
            )?;
        }
        Ok(())
    })();
    written.map_err(|e| format!("cannot write the report: {e}"))
}
