//! The full diff as JSON for scripts ([`json`]): every change with its
//! values as the file format writes them, keys and lists sorted.

use serde_json::{Value, json};

use crate::analysis::flow::FlowFigures;
use crate::diff::model::{EntityDiff, FieldChange, MapDiff};
use crate::model::{Id, Link};

fn entity_json<T>(diff: &EntityDiff<T>, id: fn(&T) -> &Id) -> Value {
    json!({
        "added": diff.added.iter().map(|t| id(t).as_str()).collect::<Vec<_>>(),
        "removed": diff.removed.iter().map(|t| id(t).as_str()).collect::<Vec<_>>(),
        "changed": diff.changed.iter().map(|c| json!({
            "id": c.id.as_str(),
            "changes": changes_json(&c.changes),
        })).collect::<Vec<_>>(),
    })
}

fn changes_json(changes: &[FieldChange]) -> Value {
    changes
        .iter()
        .map(|f| json!({"field": f.field, "before": f.before, "after": f.after}))
        .collect()
}

fn figures_json(f: Option<&FlowFigures>) -> Value {
    f.map_or(Value::Null, |f| {
        json!({
            "teams": f.teams,
            "other_teams": f.other_teams,
            "handoffs": f.handoffs,
            "findings": f.findings,
            "lead_time_minutes": f.lead_time_minutes,
            "flow_efficiency": f.flow_efficiency_percent.map(|p| f64::from(p) / 100.0),
            "longest_handoff_wait_minutes": f.longest_handoff_wait_minutes,
        })
    })
}

/// The full diff for scripts, keys and lists sorted:
/// `{"map": {"before", "after", "changes"}, "teams": {"added": [ids],
/// "removed": [ids], "changed": [{"id", "changes": [{"field", "before",
/// "after"}]}]}, "services": {…}, "streams": {…}, "links": {"added": [links],
/// "removed": [links], "relabeled": [{"from", "to", "kind", "before",
/// "after"}]}, "moved": [ids] (only with `include_moves`), "findings":
/// {"resolved", "introduced", "remaining"} (findings as in `check`'s JSON),
/// "streams_flow": [{"id", "before", "after"}]}`.
pub fn json(diff: &MapDiff, include_moves: bool) -> Value {
    let (before_name, after_name) = diff.map_names();
    let links = |links: &[Link]| serde_json::to_value(links).unwrap_or(Value::Null);
    let mut out = json!({
        "map": {
            "before": before_name,
            "after": after_name,
            "changes": changes_json(diff.map_changes()),
        },
        "teams": entity_json(&diff.teams, |t| &t.id),
        "services": entity_json(&diff.services, |s| &s.id),
        "streams": entity_json(&diff.streams, |s| &s.id),
        "links": {
            "added": links(&diff.links.added),
            "removed": links(&diff.links.removed),
            "relabeled": diff.links.relabeled.iter().map(|r| json!({
                "from": r.from.as_str(),
                "to": r.to.as_str(),
                "kind": r.kind.as_str(),
                "before": r.before,
                "after": r.after,
            })).collect::<Vec<_>>(),
        },
        "findings": {
            "resolved": serde_json::to_value(diff.findings.resolved()).unwrap_or(Value::Null),
            "introduced": serde_json::to_value(diff.findings.introduced()).unwrap_or(Value::Null),
            "remaining": serde_json::to_value(diff.findings.remaining()).unwrap_or(Value::Null),
        },
        "streams_flow": diff.streams_flow.iter().map(|s| json!({
            "id": s.id.as_str(),
            "before": figures_json(s.before.as_ref()),
            "after": figures_json(s.after.as_ref()),
        })).collect::<Vec<_>>(),
    });
    if include_moves && let Value::Object(object) = &mut out {
        object.insert(
            "moved".into(),
            diff.moved
                .iter()
                .map(|m| Value::from(m.id.as_str()))
                .collect(),
        );
    }
    out
}
