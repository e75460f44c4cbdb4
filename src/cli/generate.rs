//! `vsmap generate`: a synthetic map of any size, for trying the tool at
//! scale and for the benchmarks.

use std::path::PathBuf;

use clap::Args;

use super::exit_code::{EXIT_LOAD_ERROR, EXIT_OK};
use crate::generate::{GenerateOptions, generate};
use crate::io::{to_canonical_json, write_atomic};

/// The most services `generate` makes: well past any real organisation, and
/// below the loader's limits.
const MAX_SERVICES: usize = 100_000;

/// Arguments of `vsmap generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// How many services.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=MAX_SERVICES as i64))]
    pub services: u32,
    /// How many teams [default: one per eight services].
    #[arg(long, value_name = "T", value_parser = clap::value_parser!(u32).range(1..))]
    pub teams: Option<u32>,
    /// How many value streams [default: one per twelve services].
    #[arg(long, value_name = "S", value_parser = clap::value_parser!(u32).range(1..))]
    pub streams: Option<u32>,
    /// The random seed: the same seed gives the same file.
    #[arg(long, value_name = "K", default_value_t = 1)]
    pub seed: u64,
    /// Where to write the map; without it, standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Generates the map and writes it; returns the exit code.
pub fn run(args: &GenerateArgs, out: &mut dyn std::io::Write) -> u8 {
    let map = generate(&GenerateOptions {
        services: args.services as usize,
        teams: args.teams.map(|t| t as usize),
        streams: args.streams.map(|s| s as usize),
        seed: args.seed,
    });
    let json = to_canonical_json(&map);
    let written = match &args.output {
        Some(path) => write_atomic(path, json.as_bytes())
            .map_err(|e| format!("{}: cannot write: {e}", path.display())),
        None => out
            .write_all(json.as_bytes())
            .map_err(|e| format!("cannot write to standard output: {e}")),
    };
    match written {
        Ok(()) => {
            if let Some(path) = &args.output {
                eprintln!(
                    "{}: {} teams, {} services, {} links, {} streams",
                    path.display(),
                    map.teams.len(),
                    map.services.len(),
                    map.links.len(),
                    map.streams.len()
                );
            }
            EXIT_OK
        }
        Err(e) => {
            eprintln!("error: {e}");
            EXIT_LOAD_ERROR
        }
    }
}
