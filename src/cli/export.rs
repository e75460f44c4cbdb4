//! `vsmap export`: the map as SVG, a Markdown review report, a Mermaid
//! flowchart, Graphviz DOT, an interactive page or a PDF deck, to a file or
//! standard output, so that CI can publish the map of every commit.

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
    /// the page a Before / After / Overlay switch and the changes (HTML),
    /// the deck before and after per stream and the changes (PDF).
    #[arg(long, value_name = "BEFORE")]
    pub compare: Option<PathBuf>,
    /// The deck's page size; PDF only.
    #[arg(long, value_enum, value_name = "SIZE")]
    pub page: Option<DeckPage>,
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
    /// The presentation as a vector PDF deck: overview, a page per stream,
    /// the findings (and before / after with --compare).
    Pdf,
}

/// Page sizes of the PDF deck.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DeckPage {
    /// A4 landscape (the default).
    A4,
    /// 16:9 landscape, for a projector.
    Wide,
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
    if args.compare.is_some()
        && !matches!(
            args.format,
            ExportFormat::Markdown | ExportFormat::Html | ExportFormat::Pdf
        )
    {
        eprintln!("error: --compare works only with --format markdown, html or pdf");
        return EXIT_LOAD_ERROR;
    }
    if args.page.is_some() && args.format != ExportFormat::Pdf {
        eprintln!("error: --page works only with --format pdf");
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
    // The diff from BEFORE, with BEFORE's findings, for the formats that compare.
    let compared = before.as_ref().map(|before| {
        let before_findings: std::sync::Arc<[crate::analysis::Finding]> =
            analyze_on(before, today).into();
        let diff = crate::diff::diff_analyzed(before, &before_findings, &map, &findings);
        (before, before_findings, diff)
    });
    let compared = compared
        .as_ref()
        .map(|(map, findings, diff)| export::Before {
            map,
            findings,
            diff,
        });
    let bytes = match args.format {
        ExportFormat::Svg if args.teams => export::teams_svg(&map, &findings).into_bytes(),
        ExportFormat::Svg => export::svg(&map, &findings, stream.as_ref()).into_bytes(),
        ExportFormat::Markdown => {
            export::markdown_report(&map, &findings, compared.as_ref().map(|c| c.diff)).into_bytes()
        }
        ExportFormat::Mermaid => export::mermaid(&map, &findings).into_bytes(),
        ExportFormat::Dot => export::dot(&map, &findings).into_bytes(),
        ExportFormat::Html => export::html(&map, &findings, compared).into_bytes(),
        ExportFormat::Pdf => {
            let size = match args.page {
                Some(DeckPage::Wide) => export::PageSize::Wide,
                Some(DeckPage::A4) | None => export::PageSize::A4,
            };
            match export::pdf(&map, &findings, compared, size) {
                Ok(bytes) => bytes,
                Err(e) => {
                    eprintln!("error: {}: {e}", args.file.display());
                    return EXIT_LOAD_ERROR;
                }
            }
        }
    };
    let written = match &args.output {
        Some(path) => {
            write_atomic(path, &bytes).map_err(|e| format!("{}: cannot write: {e}", path.display()))
        }
        None => out
            .write_all(&bytes)
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
