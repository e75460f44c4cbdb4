//! The JSON output of `vsmap check`, for scripts: every file given, with its
//! findings and counts, or the error that kept it from loading.

use std::io::Write;

use serde::Serialize;

use super::report::CheckReport;
use crate::analysis::Finding;

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

/// Writes the report as pretty-printed JSON with a trailing newline.
pub(super) fn write(report: &CheckReport, out: &mut dyn Write) -> std::io::Result<()> {
    let files = report
        .files
        .iter()
        .map(|r| {
            let file = r.file.display().to_string();
            match &r.outcome {
                Ok(c) => {
                    let [error, warning, info] = c.counts();
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
