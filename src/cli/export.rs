//! `vsmap export`: the map as SVG, a Markdown review report, a Mermaid
//! flowchart, Graphviz DOT or an interactive page, to a file or standard
//! output, so that CI can publish the map of every commit.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use jiff::civil::Date;

use super::day::parse_day;
use super::exit_code::{EXIT_LOAD_ERROR, EXIT_OK};
use crate::analysis::analyze_on;
use crate::export;
use crate::io::{load_file, write_atomic};
use crate::model::Id;

/// Arguments of `vsmap export`.
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The map to export.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// What to produce.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Draw only this value stream (its id), fitted to it; SVG only.
    #[arg(long, value_name = "ID")]
    pub stream: Option<String>,
    /// Draw the team interaction graph (View ▸ Teams) instead of the
    /// services; SVG only.
    #[arg(long, conflicts_with = "stream")]
    pub teams: bool,
    /// Write to this file (replaced atomically) instead of standard output.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Compare with this map (BEFORE): the report gains the diff (Markdown),
    /// the page a Before / After / Overlay switch and the changes (HTML).
    #[arg(long, value_name = "BEFORE")]
    pub compare: Option<PathBuf>,
    /// The day to run the rules on (for `stale-map`), as YYYY-MM-DD; defaults to today.
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub today: Option<Date>,
}

/// Output formats of `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// A standalone SVG picture that looks like the editor's canvas.
    Svg,
    /// A review report: streams, teams, findings (and the diff with --compare).
    Markdown,
    /// A Mermaid flowchart, rendered inline by git hosting sites.
    Mermaid,
    /// A Graphviz digraph (`dot -Tsvg`, `dot -Tpng`).
    Dot,
    /// One self-contained interactive page: pan, zoom, hover details,
    /// streams and findings highlighted (and before / after with --compare).
    Html,
}

/// Loads the map(s), exports, writes the result; returns the exit code: 0
/// when it was written, 2 when a file does not load, an option does not fit
/// the format or the stream does not exist, or the output cannot be written.
pub fn run(args: &ExportArgs, out: &mut dyn Write) -> u8 {
    if args.stream.is_some() && args.format != ExportFormat::Svg {
        eprintln!("error: --stream works only with --format svg");
        return EXIT_LOAD_ERROR;
    }
    if args.teams && args.format != ExportFormat::Svg {
        eprintln!("error: --teams works only with --format svg");
        return EXIT_LOAD_ERROR;
    }
    if args.compare.is_some() && !matches!(args.format, ExportFormat::Markdown | ExportFormat::Html)
    {
        eprintln!("error: --compare works only with --format markdown or html");
        return EXIT_LOAD_ERROR;
    }
    let map = match load_file(&args.file) {
        Ok(map) => map,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_LOAD_ERROR;
        }
    };
    let before = match args.compare.as_deref().map(load_file).transpose() {
        Ok(before) => before,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_LOAD_ERROR;
        }
    };
    let stream = match args.stream.as_deref() {
        None => None,
        Some(id) => match Id::new(id)
            .ok()
            .filter(|id| map.stream(id.as_str()).is_some())
        {
            Some(id) => Some(id),
            None => {
                let mut known: Vec<&str> = map.streams.iter().map(|s| s.id.as_str()).collect();
                known.sort_unstable();
                eprintln!(
                    "error: {}: no stream {id:?} (streams: {})",
                    args.file.display(),
                    if known.is_empty() {
                        "none".to_string()
                    } else {
                        known.join(", ")
                    }
                );
                return EXIT_LOAD_ERROR;
            }
        },
    };
    let today = args.today.unwrap_or_else(crate::analysis::today);
    // Shared with the diff, which lists them without copying.
    let findings: std::sync::Arc<[crate::analysis::Finding]> = analyze_on(&map, today).into();
    let text = match args.format {
        ExportFormat::Svg if args.teams => export::teams_svg(&map, &findings),
        ExportFormat::Svg => export::svg(&map, &findings, stream.as_ref()),
        ExportFormat::Markdown => {
            let diff = before.as_ref().map(|before| {
                let before_findings = analyze_on(before, today).into();
                crate::diff::diff_analyzed(before, &before_findings, &map, &findings)
            });
            export::markdown_report(&map, &findings, diff.as_ref())
        }
        ExportFormat::Mermaid => export::mermaid(&map, &findings),
        ExportFormat::Dot => export::dot(&map, &findings),
        ExportFormat::Html => match before.as_ref() {
            None => export::html(&map, &findings, None),
            Some(before) => {
                let before_findings: std::sync::Arc<[crate::analysis::Finding]> =
                    analyze_on(before, today).into();
                let diff = crate::diff::diff_analyzed(before, &before_findings, &map, &findings);
                let compared = export::Before {
                    map: before,
                    findings: &before_findings,
                    diff: &diff,
                };
                export::html(&map, &findings, Some(compared))
            }
        },
    };
    let written = match &args.output {
        Some(path) => write_atomic(path, text.as_bytes())
            .map_err(|e| format!("{}: cannot write: {e}", path.display())),
        None => out
            .write_all(text.as_bytes())
            .and_then(|()| out.flush())
            .map_err(|e| format!("cannot write the export: {e}")),
    };
    match written {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_LOAD_ERROR
        }
    }
}
