//! SARIF 2.1.0 output of `check`, so code-scanning tools can show findings
//! on the map file in a pull request.

use std::io::Write;

use serde_json::{Value, json};

use super::report::CheckReport;
use crate::analysis::{Finding, Rule, Severity, UNUSED_ALLOW, rules};

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn all_rules() -> impl Iterator<Item = &'static Rule> {
    rules::ALL.iter().copied().chain([&UNUSED_ALLOW])
}

/// The 1-based line where the finding's primary subject is defined, so that
/// code-scanning tools annotate the right place; 1 when it cannot be found.
fn line_of(text: &str, finding: &Finding) -> usize {
    let needle = match (finding.primary(), finding.rule) {
        (Some(id), _) => format!("\"id\": \"{id}\""),
        (None, "stale-map") => "\"reviewed\"".to_string(),
        (None, _) => format!("\"rule\": \"{}\"", finding.rule),
    };
    text.lines()
        .position(|line| line.contains(&needle))
        .map_or(1, |i| i + 1)
}

/// Writes the SARIF log of the whole check.
pub(super) fn write(report: &CheckReport, out: &mut dyn Write) -> std::io::Result<()> {
    let rule_index = |id: &str| all_rules().position(|r| r.id == id);
    let descriptors: Vec<Value> = all_rules()
        .map(|r| {
            json!({
                "id": r.id,
                "shortDescription": { "text": r.title },
                "fullDescription": { "text": r.explanation },
                "help": { "text": r.hint },
                "defaultConfiguration": { "level": level(r.severity) },
            })
        })
        .collect();

    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for file in &report.files {
        let uri = file.file.to_string_lossy().replace('\\', "/");
        let checked = match &file.outcome {
            Ok(c) => c,
            Err(message) => {
                notifications.push(json!({
                    "level": "error",
                    "message": { "text": message },
                    "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri } } }],
                }));
                continue;
            }
        };
        for f in &checked.findings {
            let mut result = json!({
                "ruleId": f.rule,
                "ruleIndex": rule_index(f.rule),
                "level": level(f.severity),
                "message": { "text": format!("{} Fix: {}", with_period(&f.message), f.hint) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": { "startLine": line_of(&checked.text, f) },
                    },
                    "logicalLocations": f.subjects.iter().map(|s| json!({ "name": s.as_str() })).collect::<Vec<_>>(),
                }],
                "partialFingerprints": {
                    "vsmapFinding/v1": format!("{}:{}", f.rule, f.subjects.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(",")),
                },
            });
            if f.allowed {
                let reason = checked.allow_reason(f);
                result["suppressions"] = json!([{ "kind": "inSource", "justification": reason }]);
            }
            results.push(result);
        }
    }

    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "vsmap",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": descriptors,
            }},
            "invocations": [{
                "executionSuccessful": notifications.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

fn with_period(s: &str) -> String {
    if s.ends_with('.') {
        s.to_string()
    } else {
        format!("{s}.")
    }
}
