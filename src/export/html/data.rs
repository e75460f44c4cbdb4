//! The page's data block: what the script shows on hover, on a click of a
//! stream and on a click of a finding, as JSON in a
//! `<script type="application/json">` element.
//!
//! The data is built as a [`serde_json::Value`] (objects keyed by id, so
//! sorted and deterministic) and never concatenated with markup: the only
//! step from JSON to page is [`script_safe_json`], which escapes the few
//! characters that could end the element or confuse an HTML parser.

use rustc_hash::FxHashMap as HashMap;
use serde_json::{Value, json};

use crate::analysis::Finding;
use crate::analysis::flow::{all_flow_figures, stream_teams};
use crate::analysis::times::format_minutes;
use crate::diff::MapDiff;
use crate::diff::render::{Tone, review_lines};
use crate::export::display_text::{one_line, team_name};
use crate::model::Map;

/// Everything the script reads: the map shown (`after`), the map compared
/// with (`before`, or null) and the changes between them.
pub(super) fn page_data(
    map: &Map,
    findings: &[Finding],
    before: Option<(&Map, &[Finding], &MapDiff)>,
) -> Value {
    let changes: Vec<Value> = before
        .map(|(_, _, diff)| {
            review_lines(diff)
                .into_iter()
                .map(|line| {
                    json!({
                        "group": line.group.title(),
                        "tone": tone_word(line.tone),
                        "text": line.text,
                        "services": line.services.iter().map(|id| id.as_str()).collect::<Vec<_>>(),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    json!({
        "after": map_data(map, findings),
        "before": before.map(|(m, f, _)| map_data(m, f)),
        "changes": changes,
    })
}

/// A change's tone as the page's class names spell it.
pub(super) fn tone_word(tone: Tone) -> &'static str {
    match tone {
        Tone::Added => "added",
        Tone::Removed => "removed",
        Tone::Changed => "changed",
    }
}

/// The live (not allowed) findings of a map, in the analysis' order; the
/// page numbers them by this order.
pub(super) fn live(findings: &[Finding]) -> impl Iterator<Item = &Finding> {
    findings.iter().filter(|f| !f.allowed)
}

/// One map: its services and streams by id, and its live findings.
fn map_data(map: &Map, findings: &[Finding]) -> Value {
    let live: Vec<&Finding> = live(findings).collect();
    // The live findings naming each subject, by their number on the page.
    let mut by_subject: HashMap<&str, Vec<usize>> = HashMap::default();
    for (i, f) in live.iter().enumerate() {
        for s in &f.subjects {
            let list = by_subject.entry(s.as_str()).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    let naming = |id: &str| -> Vec<usize> { by_subject.get(id).cloned().unwrap_or_default() };
    let services: serde_json::Map<String, Value> = map
        .services
        .iter()
        .map(|s| {
            let team = s.owner.as_ref().map(|t| one_line(team_name(map, t)));
            (
                s.id.to_string(),
                json!({
                    "name": one_line(&s.name),
                    "kind": s.kind.label(),
                    "team": team,
                    "description": s.description,
                    "findings": naming(s.id.as_str()),
                }),
            )
        })
        .collect();
    let figures = all_flow_figures(map, findings);
    let streams: serde_json::Map<String, Value> = map
        .streams
        .iter()
        .zip(&figures)
        .map(|(s, figures)| {
            let measured = figures.is_measured();
            // A stream's findings: those naming it or one of its steps.
            let mut about: Vec<usize> = naming(s.id.as_str());
            for step in &s.steps {
                about.extend(naming(step.service.as_str()));
            }
            about.sort_unstable();
            about.dedup();
            (
                s.id.to_string(),
                json!({
                    "name": one_line(&s.name),
                    "customer": one_line(&s.customer),
                    "owner": s.owner.as_ref().map(|t| one_line(team_name(map, t))),
                    "description": s.description,
                    "steps": s.steps.iter().map(|st| st.service.as_str()).collect::<Vec<_>>(),
                    "teams": stream_teams(map, s),
                    "handoffs": figures.handoffs,
                    "lead_time": measured.then(|| format_minutes(figures.lead_time_minutes)),
                    "flow_efficiency": figures.flow_efficiency_percent,
                    "longest_wait": figures.longest_handoff_wait_minutes.map(format_minutes),
                    "findings": about,
                }),
            )
        })
        .collect();
    let findings: Vec<Value> = live
        .iter()
        .map(|f| {
            json!({
                "rule": f.rule,
                "severity": f.severity.as_str(),
                "message": f.message,
                "hint": f.hint,
                "subjects": f.subjects.iter().map(|id| id.as_str()).collect::<Vec<_>>(),
            })
        })
        .collect();
    json!({ "services": services, "streams": streams, "findings": findings })
}

/// JSON that can stand inside a `<script>` element: `<`, `>` and `&` (which
/// could close the element or open a comment) and the line separators
/// U+2028 and U+2029 are written as `\u` escapes. They can only occur inside
/// JSON strings, where the escape means the same character.
pub(super) fn script_safe_json(value: &Value) -> String {
    let text = value.to_string();
    let mut out = String::with_capacity(text.len() + 64);
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_safe_json_cannot_close_its_element_and_reads_back_the_same() {
        let value = json!({"name": "</script><!-- & \u{2028}"});
        let text = script_safe_json(&value);
        assert!(!text.contains('<') && !text.contains('>') && !text.contains('&'));
        assert!(!text.contains('\u{2028}'));
        let back: Value = serde_json::from_str(&text).expect("valid JSON");
        assert_eq!(back, value);
    }
}
