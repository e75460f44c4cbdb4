//! GitLab code quality JSON output of `check`: a list of issues, each with
//! a description, a check name, a severity, the map and line, and a
//! fingerprint that stays the same from run to run (rule, file and
//! subjects), so GitLab tells new findings from old.

use std::io::Write;

use serde_json::{Value, json};

use super::report::CheckReport;
use crate::analysis::Severity;

/// GitLab's severity for ours.
fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "critical",
        Severity::Warning => "major",
        Severity::Info => "info",
    }
}

/// A stable fingerprint: FNV-1a (64 bits) of rule, path and subjects, in hex.
fn fingerprint(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

/// Writes the issues of the whole check (allowed findings left out).
pub(super) fn write(report: &CheckReport, out: &mut dyn Write) -> std::io::Result<()> {
    let mut issues: Vec<Value> = Vec::new();
    for file in &report.files {
        let path = file.file.to_string_lossy().replace('\\', "/");
        let Ok(checked) = &file.outcome else {
            continue;
        };
        for f in checked.findings.iter().filter(|f| !f.allowed) {
            let subjects: Vec<&str> = f.subjects.iter().map(|s| s.as_str()).collect();
            let mut parts = vec![f.rule, path.as_str()];
            parts.extend(&subjects);
            issues.push(json!({
                "description": format!("{}: {}", f.rule, f.message),
                "check_name": f.rule,
                "fingerprint": fingerprint(&parts),
                "severity": severity(f.severity),
                "location": {
                    "path": path,
                    "lines": { "begin": super::sarif::line_of(&checked.text, f) },
                },
            }));
        }
    }
    serde_json::to_writer_pretty(&mut *out, &issues)?;
    writeln!(out)
}
