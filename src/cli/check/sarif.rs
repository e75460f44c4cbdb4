//! SARIF 2.1.0 output of `check`, so code-scanning tools can show findings
//! on the map file in a pull request.

use std::io::Write;
use std::path::Path;

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
pub(super) fn line_of(text: &str, finding: &Finding) -> usize {
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
    let mut roots: Vec<String> = Vec::new();
    for file in &report.files {
        let location = artifact_location(&file.file);
        if let Some(root) = &location.root
            && !roots.contains(root)
        {
            roots.push(root.clone());
        }
        let uri = location.value;
        let checked = match &file.outcome {
            Ok(c) => c,
            Err(message) => {
                notifications.push(json!({
                    "level": "error",
                    "message": { "text": message },
                    "locations": [{ "physicalLocation": { "artifactLocation": uri } }],
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
                        "artifactLocation": uri.clone(),
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

    let mut driver = json!({
        "name": "vsmap",
        "version": env!("CARGO_PKG_VERSION"),
        "rules": descriptors,
    });
    // The tool's home page, which validators ask for (SARIF2005), from the
    // package's `homepage`: the project has none yet, and none is made up.
    if let Some(home) = HOMEPAGE.filter(|h| !h.is_empty()) {
        driver["informationUri"] = json!(home);
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver },
            "originalUriBaseIds": original_uri_base_ids(&roots),
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

/// `homepage` of Cargo.toml, when it has one.
const HOMEPAGE: Option<&str> = option_env!("CARGO_PKG_HOMEPAGE");
/// Where a map is, as SARIF says it: relative to the root of the git
/// repository it is in (`%SRCROOT%`, which code scanning resolves against
/// the checkout), else an absolute `file://` URI.
struct ArtifactLocation {
    /// The `artifactLocation` object.
    value: Value,
    /// The repository root it is relative to, as a `file://` URI.
    root: Option<String>,
}

fn artifact_location(path: &Path) -> ArtifactLocation {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let root = absolute
        .ancestors()
        .skip(1)
        .find(|dir| dir.join(".git").exists())
        .map(Path::to_path_buf);
    if let Some(root) = root
        && let Ok(relative) = absolute.strip_prefix(&root)
    {
        let uri = relative
            .components()
            .map(|c| percent_encode(&c.as_os_str().to_string_lossy()))
            .collect::<Vec<_>>()
            .join("/");
        return ArtifactLocation {
            value: json!({ "uri": uri, "uriBaseId": "%SRCROOT%" }),
            root: Some(file_uri(&root, true)),
        };
    }
    ArtifactLocation {
        value: json!({ "uri": file_uri(&absolute, false) }),
        root: None,
    }
}

/// `originalUriBaseIds` for the repository roots met (one in practice).
fn original_uri_base_ids(roots: &[String]) -> Value {
    match roots.first() {
        Some(root) => json!({ "%SRCROOT%": { "uri": root } }),
        None => json!({}),
    }
}

/// An absolute path as a `file://` URI (a folder's with a trailing slash).
fn file_uri(path: &Path, folder: bool) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in path.components() {
        match c {
            std::path::Component::RootDir | std::path::Component::Prefix(_) => {}
            other => parts.push(percent_encode(&other.as_os_str().to_string_lossy())),
        }
    }
    format!(
        "file:///{}{}",
        parts.join("/"),
        if folder { "/" } else { "" }
    )
}

/// A path segment with what a URI may not hold percent-encoded.
fn percent_encode(segment: &str) -> String {
    let mut out = String::new();
    for b in segment.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn with_period(s: &str) -> String {
    if s.ends_with('.') {
        s.to_string()
    } else {
        format!("{s}.")
    }
}
