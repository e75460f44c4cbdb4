//! `vsmap flow`: each stream's time figures (lead time, work, wait, flow
//! efficiency, rolled %C&A, handoffs and the wait at each), for the
//! terminal, a review document or a script.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::exit_code::{EXIT_LOAD_ERROR, EXIT_OK};
use crate::analysis::times::{StreamTimes, format_minutes, percent_down, stream_times};
use crate::io::load_file;
use crate::model::{Id, Map};

/// Arguments of `vsmap flow`.
#[derive(Debug, Args)]
pub struct FlowArgs {
    /// The map.
    #[arg(value_name = "MAP")]
    pub map: PathBuf,
    /// How to print the figures.
    #[arg(long, value_enum, default_value_t = FlowFormat::Text)]
    pub format: FlowFormat,
}

/// Output formats of `flow`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FlowFormat {
    /// A line per stream and per handoff.
    Text,
    /// A table to paste into a review document.
    Markdown,
    /// For scripts.
    Json,
}

/// Prints the figures; returns the exit code (2 when the map does not load).
pub fn run(args: &FlowArgs, out: &mut dyn Write) -> u8 {
    let map = match load_file(&args.map) {
        Ok(map) => map,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_LOAD_ERROR;
        }
    };
    let mut streams: Vec<(&crate::model::Stream, StreamTimes)> = map
        .streams
        .iter()
        .map(|k| (k, stream_times(&map, k)))
        .collect();
    streams.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    let text = match args.format {
        FlowFormat::Text => text(&map, &streams),
        FlowFormat::Markdown => markdown(&map, &streams),
        FlowFormat::Json => json(&streams),
    };
    match out.write_all(text.as_bytes()) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("error: cannot write the figures: {e}");
            EXIT_LOAD_ERROR
        }
    }
}

/// A team's name, "no team" for none.
fn team_name(map: &Map, team: Option<&Id>) -> String {
    team.and_then(|t| map.team(t.as_str()))
        .map_or_else(|| "no team".to_string(), |t| t.name.clone())
}

fn service_name<'m>(map: &'m Map, id: &'m Id) -> &'m str {
    map.service(id.as_str())
        .map_or(id.as_str(), |s| s.name.as_str())
}

/// "12 %", or "not measured".
fn percent(fraction: Option<f64>) -> String {
    fraction.map_or_else(
        || "not measured".into(),
        |f| format!("{} %", percent_down(f)),
    )
}

fn text(map: &Map, streams: &[(&crate::model::Stream, StreamTimes)]) -> String {
    let mut out = String::new();
    for (stream, t) in streams {
        out.push_str(&format!(
            "{} ({}): lead time {}, work {}, wait {}, flow efficiency {}, %C&A {}, {} handoffs, {} of {} steps unmeasured\n",
            stream.name,
            stream.id,
            format_minutes(t.lead_time_minutes),
            format_minutes(t.work_minutes),
            format_minutes(t.wait_minutes),
            percent(t.flow_efficiency),
            percent(Some(t.complete_accurate)),
            t.handoffs,
            t.unmeasured_steps,
            stream.steps.len(),
        ));
        for b in &t.boundaries {
            out.push_str(&format!(
                "  {} → {} before {}: {}\n",
                team_name(map, b.from_team.as_ref()),
                team_name(map, b.to_team.as_ref()),
                service_name(map, &b.to_service),
                b.wait_minutes.map_or_else(
                    || "wait not measured".into(),
                    |w| format!("waits {}", format_minutes(w))
                )
            ));
        }
    }
    if streams.is_empty() {
        out.push_str("No value streams.\n");
    }
    out
}

fn markdown(map: &Map, streams: &[(&crate::model::Stream, StreamTimes)]) -> String {
    let cell = |s: &str| s.replace('|', "\\\\|").replace('\n', " ");
    let mut out = String::from(
        "| stream | lead time | work | wait | flow efficiency | %C&A | handoffs | unmeasured steps |\n|---|---|---|---|---|---|---|---|\n",
    );
    for (stream, t) in streams {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} of {} |\n",
            cell(&stream.name),
            format_minutes(t.lead_time_minutes),
            format_minutes(t.work_minutes),
            format_minutes(t.wait_minutes),
            percent(t.flow_efficiency),
            percent(Some(t.complete_accurate)),
            t.handoffs,
            t.unmeasured_steps,
            stream.steps.len()
        ));
    }
    for (stream, t) in streams.iter().filter(|(_, t)| !t.boundaries.is_empty()) {
        out.push_str(&format!(
            "\n**{}**: waits at its handoffs\n\n",
            cell(&stream.name)
        ));
        for b in &t.boundaries {
            out.push_str(&format!(
                "- {} → {} before {}: {}\n",
                cell(&team_name(map, b.from_team.as_ref())),
                cell(&team_name(map, b.to_team.as_ref())),
                cell(service_name(map, &b.to_service)),
                b.wait_minutes
                    .map_or_else(|| "not measured".into(), format_minutes)
            ));
        }
    }
    out
}

fn json(streams: &[(&crate::model::Stream, StreamTimes)]) -> String {
    let streams: Vec<serde_json::Value> = streams
        .iter()
        .map(|(stream, t)| {
            let mut v = serde_json::to_value(t).unwrap_or_default();
            if let Some(object) = v.as_object_mut() {
                object.insert("stream".into(), stream.id.as_str().into());
            }
            v
        })
        .collect();
    let mut out = serde_json::to_string_pretty(&serde_json::json!({ "streams": streams }))
        .unwrap_or_default();
    out.push('\n');
    out
}
