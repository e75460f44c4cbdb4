//! JUnit XML output of `check`, which nearly every CI system shows as test
//! results: one test suite per map, one test case per rule, failing when a
//! finding of the rule (not allowed) is at or above `--fail-on`; a map that
//! does not load is an error of its suite.

use std::io::Write;

use super::report::CheckReport;
use crate::analysis::{Severity, rules};

/// `text` escaped for XML text and attributes.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 has no place for most control characters.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\r' | '\t') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Writes the JUnit report of the whole check; `fails` says whether a
/// finding of a severity fails (`--fail-on`).
pub(super) fn write(
    report: &CheckReport,
    fails: &dyn Fn(Severity) -> bool,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<testsuites name="vsmap check">"#)?;
    for file in &report.files {
        let name = xml(&file.file.display().to_string());
        let checked = match &file.outcome {
            Ok(c) => c,
            Err(message) => {
                writeln!(
                    out,
                    r#"  <testsuite name="{name}" tests="1" failures="0" errors="1">"#
                )?;
                writeln!(out, r#"    <testcase classname="{name}" name="load">"#)?;
                writeln!(out, r#"      <error message="{}"/>"#, xml(message))?;
                writeln!(out, "    </testcase>\n  </testsuite>")?;
                continue;
            }
        };
        let cases: Vec<(&str, Vec<&crate::analysis::Finding>)> = rules::ALL
            .iter()
            .map(|rule| {
                let failing = checked
                    .findings
                    .iter()
                    .filter(|f| f.rule == rule.id && !f.allowed && fails(f.severity))
                    .collect();
                (rule.id, failing)
            })
            .collect();
        let failures = cases.iter().filter(|(_, f)| !f.is_empty()).count();
        writeln!(
            out,
            r#"  <testsuite name="{name}" tests="{}" failures="{failures}" errors="0">"#,
            cases.len()
        )?;
        for (rule, failing) in cases {
            if failing.is_empty() {
                writeln!(out, r#"    <testcase classname="{name}" name="{rule}"/>"#)?;
                continue;
            }
            writeln!(out, r#"    <testcase classname="{name}" name="{rule}">"#)?;
            let lines: Vec<String> = failing
                .iter()
                .map(|f| format!("{} {}: {}", f.severity, f.rule, f.message))
                .collect();
            writeln!(
                out,
                r#"      <failure message="{}" type="{}">{}</failure>"#,
                xml(&format!("{} finding(s) of {rule}", failing.len())),
                failing[0].severity,
                xml(&lines.join("\n"))
            )?;
            writeln!(out, "    </testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}
