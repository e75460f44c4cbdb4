//! The text output of `vsmap check`: one line per finding, a summary line
//! per file, and a total when more than one file was checked. Files that did
//! not load are left out: their errors go to standard error.

use std::io::Write;

use super::report::CheckReport;
use crate::analysis::plural;

/// Writes the report for people.
pub(super) fn write(report: &CheckReport, out: &mut dyn Write) -> std::io::Result<()> {
    let mut totals = [0usize; 3];
    let mut allowed = 0;
    let mut checked = 0;
    for (file, result) in report.checked() {
        checked += 1;
        let file = file.display();
        for f in &result.findings {
            let subjects = if f.subjects.is_empty() {
                String::new()
            } else {
                let ids: Vec<&str> = f.subjects.iter().map(|s| s.as_str()).collect();
                format!(" ({})", ids.join(", "))
            };
            let mark = if f.allowed { " [allowed]" } else { "" };
            writeln!(
                out,
                "{file}: {} {}: {}{subjects}{mark}",
                f.severity, f.rule, f.message
            )?;
        }
        let counts = result.counts();
        let file_allowed = result.allowed();
        writeln!(out, "{file}: {}", summary(counts, file_allowed))?;
        for (t, c) in totals.iter_mut().zip(counts) {
            *t += c;
        }
        allowed += file_allowed;
    }
    if checked > 1 {
        writeln!(
            out,
            "{} checked: {}",
            plural(checked, "file"),
            summary(totals, allowed)
        )?;
    }
    Ok(())
}

/// "1 error, 2 warnings, 0 info (1 allowed)".
fn summary(counts: [usize; 3], allowed: usize) -> String {
    let mut s = format!(
        "{}, {}, {} info",
        plural(counts[0], "error"),
        plural(counts[1], "warning"),
        counts[2]
    );
    if allowed > 0 {
        s.push_str(&format!(" ({allowed} allowed)"));
    }
    s
}
