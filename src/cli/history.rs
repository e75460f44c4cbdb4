//! `vsmap history`: each commit that changed a map, newest first, with its
//! findings by severity and by rule and each stream's teams, handoffs and
//! lead time, read from the repository with gix.

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use jiff::civil::Date;

use super::day::parse_day;
use super::exit_code::{EXIT_LOAD_ERROR, EXIT_OK};
use crate::analysis::times::format_minutes;
use crate::history::history;

/// Arguments of `vsmap history`.
#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// The map, in a git repository.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// How to print it.
    #[arg(long, value_enum, default_value_t = HistoryFormat::Text)]
    pub format: HistoryFormat,
    /// Only commits after this revision (a hash, tag or branch).
    #[arg(long, value_name = "REV")]
    pub since: Option<String>,
    /// The day the rules take as today (for `stale-map`), as YYYY-MM-DD.
    #[arg(long, value_name = "DATE", value_parser = parse_day)]
    pub today: Option<Date>,
}

/// Output formats of `history`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum HistoryFormat {
    /// A few lines per commit.
    Text,
    /// For scripts.
    Json,
}

/// Prints the history; returns the exit code (2 when it cannot be read).
pub fn run(args: &HistoryArgs, out: &mut dyn Write) -> u8 {
    let today = args.today.unwrap_or_else(crate::analysis::today);
    let versions = match history(&args.file, args.since.as_deref(), today) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("error: {e}");
            return EXIT_LOAD_ERROR;
        }
    };
    let text = match args.format {
        HistoryFormat::Json => {
            let value = serde_json::json!({
                "file": args.file.display().to_string(),
                "commits": versions,
            });
            let mut s = serde_json::to_string_pretty(&value).unwrap_or_default();
            s.push('\n');
            s
        }
        HistoryFormat::Text => {
            let mut s = String::new();
            for v in &versions {
                let short = v.commit.get(..8).unwrap_or(&v.commit);
                s.push_str(&format!("{} {short} {}: {}\n", v.date, v.author, v.subject));
                match &v.error {
                    Some(e) => s.push_str(&format!("  does not load: {e}\n")),
                    None => {
                        let count = |k: &str| v.counts.get(k).copied().unwrap_or(0);
                        let rules: Vec<String> =
                            v.rules.iter().map(|(r, n)| format!("{r} {n}")).collect();
                        s.push_str(&format!(
                            "  {} errors, {} warnings, {} info{}\n",
                            count("error"),
                            count("warning"),
                            count("info"),
                            if rules.is_empty() {
                                String::new()
                            } else {
                                format!(" ({})", rules.join(", "))
                            }
                        ));
                        for k in &v.streams {
                            let lead = k.lead_time_minutes.map_or_else(String::new, |m| {
                                format!(", lead time {}", format_minutes(m))
                            });
                            s.push_str(&format!(
                                "  {}: {} teams, {} handoffs{lead}\n",
                                k.id, k.teams, k.handoffs
                            ));
                        }
                    }
                }
            }
            if versions.is_empty() {
                s.push_str("No commit changed this file.\n");
            }
            s
        }
    };
    match out.write_all(text.as_bytes()) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("error: cannot write the history: {e}");
            EXIT_LOAD_ERROR
        }
    }
}
