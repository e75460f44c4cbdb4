//! The changes of a diff as a review reads them, one line each, for the
//! compare view's changes panel: grouped by what matters in a review
//! (ownership moves first, prose last), every element named by its name,
//! every change said in words ("step 4 Address Lookup removed", "stage of
//! KYC Check: Compliance check → Automated KYC"), never as ids or JSON.
//!
//! Each line keeps the [`ChangeRef`] it shows, so the panel can take it
//! back into the open map, and the services it is about, so a click can
//! show them.

use serde_json::Value;

use crate::diff::fields::step_times_text;
use crate::diff::model::{Changed, MapDiff};
use crate::diff::partial::ChangeRef;
use crate::diff::steps::ids_of;
use crate::model::{Id, Link};

/// The groups of a review, in the order it reads them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeGroup {
    /// Services and streams that changed hands.
    Ownership,
    /// Services added, removed, renamed or changed in kind.
    Services,
    /// Links added, removed, changed in kind or relabelled.
    Links,
    /// Streams added and removed, their steps, stages and fields.
    Streams,
    /// Teams added, removed and changed.
    Teams,
    /// The map's own name, review date, settings and exceptions.
    Map,
    /// Descriptions: worth a look, not the story (folded in the panel).
    Text,
}

impl ChangeGroup {
    /// The group's heading.
    pub fn title(self) -> &'static str {
        match self {
            ChangeGroup::Ownership => "Ownership",
            ChangeGroup::Services => "Services",
            ChangeGroup::Links => "Links",
            ChangeGroup::Streams => "Streams",
            ChangeGroup::Teams => "Teams",
            ChangeGroup::Map => "The map",
            ChangeGroup::Text => "Text edits",
        }
    }
}

/// Whether a line adds, removes or changes something.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Only in the map after.
    Added,
    /// Only in the map before.
    Removed,
    /// In both, different.
    Changed,
}

/// One change, in words.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewLine {
    /// Where it is listed.
    pub group: ChangeGroup,
    /// Added, removed or changed.
    pub tone: Tone,
    /// What changed, in names and words.
    pub text: String,
    /// The change, to take it back or to address all of its element's.
    pub change: ChangeRef,
    /// The services the change is about (a link's two ends, a step's
    /// service), to show on a click; empty for a change of a stream, a
    /// team or the map as a whole.
    pub services: Vec<Id>,
}

/// Between a value before and after.
const ARROW: &str = " → ";
/// A long text is cut to this many characters in a line (the inspector and
/// the Markdown report have it whole).
const MAX_VALUE_CHARS: usize = 60;

/// Every change of `diff`, grouped ([`ChangeGroup`] order), each group in
/// the diff's order (elements by id, fields by name).
pub fn review_lines(diff: &MapDiff) -> Vec<ReviewLine> {
    let mut out = Vec::new();
    let name = |id: &Id| diff.name_of(id).to_string();
    for m in diff.owner_moves() {
        let field = Some("owner".to_string());
        let (change, services) = if diff.services.changes_of(m.id.as_str()).is_some() {
            let id = m.id.clone();
            (ChangeRef::Service { id, field }, vec![m.id.clone()])
        } else {
            let id = m.id.clone();
            (ChangeRef::Stream { id, field }, Vec::new())
        };
        out.push(ReviewLine {
            group: ChangeGroup::Ownership,
            tone: Tone::Changed,
            text: format!("{} moved from {} to {}", m.name, m.from_name, m.to_name),
            change,
            services,
        });
    }

    let whole_service = |id: &Id| ChangeRef::Service {
        id: id.clone(),
        field: None,
    };
    for s in &diff.services.added {
        out.push(ReviewLine {
            group: ChangeGroup::Services,
            tone: Tone::Added,
            text: format!("Added {} {}", s.kind.label().to_lowercase(), s.name),
            change: whole_service(&s.id),
            services: vec![s.id.clone()],
        });
    }
    for s in &diff.services.removed {
        out.push(ReviewLine {
            group: ChangeGroup::Services,
            tone: Tone::Removed,
            text: format!("Removed {} {}", s.kind.label().to_lowercase(), s.name),
            change: whole_service(&s.id),
            services: vec![s.id.clone()],
        });
    }
    for c in &diff.services.changed {
        for f in c.changes.iter().filter(|f| f.field != "owner") {
            let before_name = diff.name_before(&c.id).unwrap_or(c.id.as_str());
            let text = match f.field.as_str() {
                "name" => format!("Renamed {}{ARROW}{}", value(&f.before), value(&f.after)),
                "description" => format!("Description of {} changed", name(&c.id)),
                field => format!(
                    "{} of {before_name}: {}{ARROW}{}",
                    capitalised(field),
                    value(&f.before),
                    value(&f.after)
                ),
            };
            out.push(ReviewLine {
                group: group_of_field(&f.field, ChangeGroup::Services),
                tone: Tone::Changed,
                text,
                change: ChangeRef::Service {
                    id: c.id.clone(),
                    field: Some(f.field.clone()),
                },
                services: vec![c.id.clone()],
            });
        }
    }

    let link_line = |tone: Tone, text: String, l: &Link| ReviewLine {
        group: ChangeGroup::Links,
        tone,
        text,
        change: ChangeRef::Link {
            from: l.from.clone(),
            to: l.to.clone(),
            kind: l.kind,
        },
        services: vec![l.from.clone(), l.to.clone()],
    };
    let ends = |l: &Link| format!("{}{ARROW}{}", name(&l.from), name(&l.to));
    for l in diff.links.only_added() {
        let text = format!("Added {} link {}", l.kind.as_str(), ends(l));
        out.push(link_line(Tone::Added, text, l));
    }
    for l in diff.links.only_removed() {
        let text = format!("Removed {} link {}", l.kind.as_str(), ends(l));
        out.push(link_line(Tone::Removed, text, l));
    }
    for (old, new) in diff.links.kind_changes() {
        let text = format!(
            "Link {}: {}{ARROW}{}",
            ends(old),
            old.kind.as_str(),
            new.kind.as_str()
        );
        out.push(link_line(Tone::Changed, text, old));
    }
    for r in &diff.links.relabeled {
        out.push(ReviewLine {
            group: ChangeGroup::Links,
            tone: Tone::Changed,
            text: format!(
                "Label of {} link {}{ARROW}{}: {}{ARROW}{}",
                r.kind.as_str(),
                name(&r.from),
                name(&r.to),
                quoted(&r.before),
                quoted(&r.after)
            ),
            change: ChangeRef::Link {
                from: r.from.clone(),
                to: r.to.clone(),
                kind: r.kind,
            },
            services: vec![r.from.clone(), r.to.clone()],
        });
    }

    let whole_stream = |id: &Id| ChangeRef::Stream {
        id: id.clone(),
        field: None,
    };
    for s in &diff.streams.added {
        out.push(ReviewLine {
            group: ChangeGroup::Streams,
            tone: Tone::Added,
            text: format!("Added stream {} ({} steps)", s.name, s.steps.len()),
            change: whole_stream(&s.id),
            services: s.steps.iter().map(|x| x.service.clone()).collect(),
        });
    }
    for s in &diff.streams.removed {
        out.push(ReviewLine {
            group: ChangeGroup::Streams,
            tone: Tone::Removed,
            text: format!("Removed stream {}", s.name),
            change: whole_stream(&s.id),
            services: s.steps.iter().map(|x| x.service.clone()).collect(),
        });
    }
    for c in &diff.streams.changed {
        stream_lines(diff, c, &mut out);
    }

    for t in &diff.teams.added {
        out.push(ReviewLine {
            group: ChangeGroup::Teams,
            tone: Tone::Added,
            text: format!("Added team {} ({})", t.name, t.team_type.as_str()),
            change: ChangeRef::Team {
                id: t.id.clone(),
                field: None,
            },
            services: Vec::new(),
        });
    }
    for t in &diff.teams.removed {
        out.push(ReviewLine {
            group: ChangeGroup::Teams,
            tone: Tone::Removed,
            text: format!("Removed team {}", t.name),
            change: ChangeRef::Team {
                id: t.id.clone(),
                field: None,
            },
            services: Vec::new(),
        });
    }
    for c in &diff.teams.changed {
        for f in &c.changes {
            let before_name = diff.name_before(&c.id).unwrap_or(c.id.as_str());
            let text = match f.field.as_str() {
                "name" => format!(
                    "Renamed team {}{ARROW}{}",
                    value(&f.before),
                    value(&f.after)
                ),
                "description" => format!("Description of team {} changed", name(&c.id)),
                field => format!(
                    "{} of team {before_name}: {}{ARROW}{}",
                    capitalised(field),
                    value(&f.before),
                    value(&f.after)
                ),
            };
            out.push(ReviewLine {
                group: group_of_field(&f.field, ChangeGroup::Teams),
                tone: Tone::Changed,
                text,
                change: ChangeRef::Team {
                    id: c.id.clone(),
                    field: Some(f.field.clone()),
                },
                services: Vec::new(),
            });
        }
    }

    for f in diff.map_changes() {
        let text = match f.field.as_str() {
            "description" => "Description of the map changed".to_string(),
            "allow" => format!(
                "Exceptions (allow entries): {}{ARROW}{}",
                f.before.as_array().map_or(0, Vec::len),
                f.after.as_array().map_or(0, Vec::len)
            ),
            field => format!(
                "{} of the map: {}{ARROW}{}",
                capitalised(field),
                value(&f.before),
                value(&f.after)
            ),
        };
        out.push(ReviewLine {
            group: group_of_field(&f.field, ChangeGroup::Map),
            tone: Tone::Changed,
            text,
            change: ChangeRef::Map {
                field: Some(f.field.clone()),
            },
            services: Vec::new(),
        });
    }
    // Stable: each group keeps the diff's order.
    out.sort_by_key(|l| l.group);
    out
}

/// The lines of one changed stream: each step added or removed (with its
/// place), a reorder, each stage relabelled, and its other fields.
fn stream_lines(diff: &MapDiff, c: &Changed, out: &mut Vec<ReviewLine>) {
    let stream = diff.name_of(&c.id).to_string();
    let line = |field: &str, tone: Tone, text: String, services: Vec<Id>| ReviewLine {
        group: group_of_field(field, ChangeGroup::Streams),
        tone,
        text,
        change: ChangeRef::Stream {
            id: c.id.clone(),
            field: Some(field.to_string()),
        },
        services,
    };
    // Steps added or removed carry their stage with them.
    let mut moved_steps: Vec<Id> = Vec::new();
    if let Some(f) = c.field("steps") {
        let (before, after) = (ids_of(&f.before), ids_of(&f.after));
        for (i, id) in before.iter().enumerate() {
            if !after.contains(id) {
                let text = format!("{stream}: step {} {} removed", i + 1, diff.name_of(id));
                out.push(line("steps", Tone::Removed, text, vec![id.clone()]));
                moved_steps.push(id.clone());
            }
        }
        for (i, id) in after.iter().enumerate() {
            if !before.contains(id) {
                let text = format!("{stream}: step {} {} added", i + 1, diff.name_of(id));
                out.push(line("steps", Tone::Added, text, vec![id.clone()]));
                moved_steps.push(id.clone());
            }
        }
        let common = |a: &[Id], b: &[Id]| -> Vec<Id> {
            a.iter().filter(|x| b.contains(x)).cloned().collect()
        };
        let (old_order, new_order) = (common(&before, &after), common(&after, &before));
        if old_order != new_order {
            let names = |ids: &[Id]| {
                ids.iter()
                    .map(|id| diff.name_of(id))
                    .collect::<Vec<_>>()
                    .join(ARROW)
            };
            let text = format!("{stream}: steps reordered, now {}", names(&new_order));
            out.push(line("steps", Tone::Changed, text, new_order));
        }
    }
    // Per step: its stage and its times, each a line per step that changed
    // (the steps added or removed carry theirs with them).
    let stage_text = |v: Option<&Value>| v.and_then(Value::as_str).map_or("no stage".into(), cut);
    let per_step: [(&str, &str, &StepValueText); 2] = [
        ("stages", "stage", &stage_text),
        ("times", "times", &step_times_text),
    ];
    for (field, what, show) in per_step {
        let Some(f) = c.field(field) else {
            continue;
        };
        let empty = serde_json::Map::new();
        let before = f.before.as_object().unwrap_or(&empty);
        let after = f.after.as_object().unwrap_or(&empty);
        let mut keys: Vec<&String> = before.keys().chain(after.keys()).collect();
        keys.sort();
        keys.dedup();
        for key in keys {
            let (old, new) = (before.get(key), after.get(key));
            let Ok(id) = Id::new(key.as_str()) else {
                continue;
            };
            if old == new || moved_steps.contains(&id) {
                continue;
            }
            let text = format!(
                "{stream}: {what} of {}: {}{ARROW}{}",
                diff.name_of(&id),
                show(old),
                show(new)
            );
            out.push(line(field, Tone::Changed, text, vec![id]));
        }
    }
    for f in c.changes.iter() {
        let text = match f.field.as_str() {
            "owner" | "steps" | "stages" | "times" => continue,
            "name" => format!(
                "Renamed stream {}{ARROW}{}",
                value(&f.before),
                value(&f.after)
            ),
            "description" => format!("Description of stream {stream} changed"),
            field => format!(
                "{} of stream {stream}: {}{ARROW}{}",
                capitalised(field),
                value(&f.before),
                value(&f.after)
            ),
        };
        out.push(line(&f.field, Tone::Changed, text, Vec::new()));
    }
}

/// Where a change of `field` is listed: prose with the text edits, the
/// rest in the element's group.
fn group_of_field(field: &str, group: ChangeGroup) -> ChangeGroup {
    if field == "description" {
        ChangeGroup::Text
    } else {
        group
    }
}

/// A field's value in words: none, a text (cut), a number, a list's size.
fn value(v: &Value) -> String {
    match v {
        Value::Null => "none".into(),
        Value::String(s) if s.is_empty() => "empty".into(),
        Value::String(s) => cut(s),
        Value::Array(a) => format!("{} entries", a.len()),
        Value::Object(o) => format!("{} entries", o.len()),
        other => other.to_string(),
    }
}

/// A label in quotes, "none" when empty.
fn quoted(s: &str) -> String {
    if s.is_empty() {
        "none".into()
    } else {
        format!("\"{}\"", cut(s))
    }
}

/// How a per-step value (a stage, a step's times) is worded.
type StepValueText = dyn Fn(Option<&Value>) -> String;

/// `s` cut to [`MAX_VALUE_CHARS`], with an ellipsis when cut.
fn cut(s: &str) -> String {
    if s.chars().count() > MAX_VALUE_CHARS {
        let kept: String = s.chars().take(MAX_VALUE_CHARS - 1).collect();
        format!("{kept}…")
    } else {
        s.to_string()
    }
}

/// A file key as the start of a sentence: `settings.max_teams` reads
/// "Setting max_teams".
fn capitalised(field: &str) -> String {
    if let Some(key) = field.strip_prefix("settings.") {
        return format!("Setting {key}");
    }
    let mut chars = field.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::today;
    use crate::diff::diff;
    use crate::io::load_file;
    use std::path::Path;

    fn examples() -> MapDiff {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples");
        let before = load_file(&dir.join("onboarding-current.vsmap.json")).unwrap();
        let after = load_file(&dir.join("onboarding-proposed.vsmap.json")).unwrap();
        diff(&before, &after, today())
    }

    #[test]
    fn groups_come_in_review_order_with_text_edits_last() {
        let lines = review_lines(&examples());
        let groups: Vec<ChangeGroup> = lines.iter().map(|l| l.group).collect();
        let mut sorted = groups.clone();
        sorted.sort();
        assert_eq!(groups, sorted);
        assert_eq!(lines[0].group, ChangeGroup::Ownership);
        let first_text = groups.iter().position(|g| *g == ChangeGroup::Text).unwrap();
        assert!(
            lines[..first_text]
                .iter()
                .all(|l| !l.text.starts_with("Description")),
            "descriptions wait for the text edits"
        );
    }

    #[test]
    fn changes_are_said_in_names_and_words_never_ids_or_json() {
        let diff = examples();
        let lines = review_lines(&diff);
        for l in &lines {
            assert!(
                !l.text.contains('{') && !l.text.contains('['),
                "no JSON: {}",
                l.text
            );
        }
        let texts: Vec<&str> = lines.iter().map(|l| l.text.as_str()).collect();
        // A link is named by its ends' names, not their ids.
        assert!(
            texts
                .iter()
                .any(|t| t.starts_with("Removed data link Card Ordering Service → Customer DB")),
            "{texts:#?}"
        );
        assert!(!texts.iter().any(|t| t.contains("card-ordering")));
    }

    #[test]
    fn a_stream_s_steps_and_stages_are_each_one_line() {
        use crate::model::test_map::MapBuilder;
        let before = MapBuilder::new()
            .sa("t")
            .svc("web", "t")
            .svc("kyc", "t")
            .svc("addr", "t")
            .svc("core", "t")
            .stream("onboard", Some("t"), &["web", "addr", "kyc", "core"])
            .with(|m| m.streams[0].steps[2].stage = "Compliance check".into())
            .build();
        let mut after = before.clone();
        after.streams[0].steps.remove(1);
        after.streams[0].steps[1].stage = "Automated KYC".into();
        let texts: Vec<String> = review_lines(&diff(&before, &after, today()))
            .into_iter()
            .map(|l| l.text)
            .collect();
        assert_eq!(
            texts,
            [
                "Stream onboard: step 2 Svc addr removed",
                "Stream onboard: stage of Svc kyc: Compliance check → Automated KYC",
            ]
        );
    }
}
