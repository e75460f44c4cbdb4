//! `vsmap check`: load maps, run the rules, report the findings.
//!
//! `command` checks the files into a `report` (what was checked: each file's
//! findings and counts, or why it did not load) and hands it to the writer
//! of the chosen format: `text`, `json` or `sarif`. A writer only reads the
//! report, so a new format is a new file that changes none of the others.
//! This file only declares the parts and re-exports them.

mod command;
mod gitlab;
mod json;
mod junit;
mod report;
mod sarif;
mod text;

pub use command::{CheckArgs, FailOn, OutputFormat, run};
