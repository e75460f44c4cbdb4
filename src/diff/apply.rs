//! Applying a diff to the map it was made from.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::{
    EntityDiff, FieldChange, MapDiff, allow_value, ids_of, object_of, same_position, stages_value,
    steps_value, text_value,
};
use crate::model::{Id, Link, Map, Service, Step, Stream, Team};

/// Why a diff does not apply to a map: the map is not the one the diff was
/// made from, or the result would not be a valid map.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DiffError {
    /// An element the diff removes or changes is not in the map.
    #[error("no {what} \"{id}\" in the map")]
    Missing {
        /// "team", "service" or "stream".
        what: &'static str,
        /// Its id.
        id: Id,
    },
    /// An element the diff adds is already in the map.
    #[error("{what} \"{id}\" is already in the map")]
    AlreadyThere {
        /// "team", "service" or "stream".
        what: &'static str,
        /// Its id.
        id: Id,
    },
    /// A value in the map is not the old value the diff expects.
    #[error("{subject}: {field} is {found}, but the diff expects {expected}")]
    Conflict {
        /// What the field belongs to, e.g. `service "kyc"` or `the map`.
        subject: String,
        /// The field.
        field: String,
        /// The old value the diff expects.
        expected: Value,
        /// The value in the map.
        found: Value,
    },
    /// A link the diff removes or relabels is not in the map.
    #[error("no link {0} in the map")]
    MissingLink(String),
    /// A link the diff adds is already in the map.
    #[error("link {0} is already in the map")]
    LinkThere(String),
    /// A new value does not fit its field.
    #[error("{subject}: cannot set {field}: {message}")]
    BadValue {
        /// What the field belongs to.
        subject: String,
        /// The field.
        field: String,
        /// Why.
        message: String,
    },
    /// The result breaks the map's rules (e.g. a step on a removed service).
    #[error("the result is not a valid map: {0}")]
    Invalid(String),
}

pub(super) fn apply(diff: &MapDiff, before: &Map) -> Result<Map, DiffError> {
    let mut map = before.clone();
    apply_entities("team", &mut map.teams, &diff.teams, |t| &t.id, set_team)?;
    apply_entities(
        "service",
        &mut map.services,
        &diff.services,
        |s| &s.id,
        set_service,
    )?;
    apply_entities(
        "stream",
        &mut map.streams,
        &diff.streams,
        |s| &s.id,
        set_stream,
    )?;
    apply_links(diff, &mut map.links)?;
    for m in &diff.moved {
        let service = map
            .services
            .iter_mut()
            .find(|s| s.id == m.id)
            .ok_or_else(|| DiffError::Missing {
                what: "service",
                id: m.id.clone(),
            })?;
        if !same_position((service.x, service.y), m.before) {
            let pos = |p: (Option<f64>, Option<f64>)| serde_json::json!([p.0, p.1]);
            return Err(DiffError::Conflict {
                subject: format!("service \"{}\"", m.id),
                field: "position".into(),
                expected: pos(m.before),
                found: pos((service.x, service.y)),
            });
        }
        (service.x, service.y) = m.after;
    }
    for change in &diff.map {
        set_map_field(&mut map, change)?;
    }
    map.teams.sort_by(|a, b| a.id.cmp(&b.id));
    map.services.sort_by(|a, b| a.id.cmp(&b.id));
    map.streams.sort_by(|a, b| a.id.cmp(&b.id));
    map.links.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    map.allow
        .sort_by(|a, b| (&a.rule, &a.subject, &a.reason).cmp(&(&b.rule, &b.subject, &b.reason)));
    let problems = crate::model::validate(&map, crate::analysis::is_rule_id);
    if !problems.is_empty() {
        let list: Vec<String> = problems.iter().map(ToString::to_string).collect();
        return Err(DiffError::Invalid(list.join("; ")));
    }
    map.share_ids();
    Ok(map)
}

type Setter<T> = fn(&mut T, &[FieldChange]) -> Result<(), DiffError>;

fn apply_entities<T: Clone + Serialize>(
    what: &'static str,
    list: &mut Vec<T>,
    diff: &EntityDiff<T>,
    id: fn(&T) -> &Id,
    set: Setter<T>,
) -> Result<(), DiffError> {
    for removed in &diff.removed {
        let at = list
            .iter()
            .position(|t| id(t) == id(removed))
            .ok_or_else(|| DiffError::Missing {
                what,
                id: id(removed).clone(),
            })?;
        let (expected, found) = (object_of(removed), object_of(&list[at]));
        if expected != found {
            return Err(DiffError::Conflict {
                subject: format!("{what} \"{}\"", id(removed)),
                field: "(the whole element)".into(),
                expected: Value::Object(expected),
                found: Value::Object(found),
            });
        }
        list.remove(at);
    }
    for changed in &diff.changed {
        let element = list
            .iter_mut()
            .find(|t| id(t) == &changed.id)
            .ok_or_else(|| DiffError::Missing {
                what,
                id: changed.id.clone(),
            })?;
        set(element, &changed.changes)?;
    }
    for added in &diff.added {
        if list.iter().any(|t| id(t) == id(added)) {
            return Err(DiffError::AlreadyThere {
                what,
                id: id(added).clone(),
            });
        }
        list.push(added.clone());
    }
    Ok(())
}

/// Sets file-format fields of an element through its JSON object, checking
/// each old value first.
fn set_fields<T: Serialize + DeserializeOwned>(
    element: &mut T,
    subject: &str,
    changes: &[&FieldChange],
) -> Result<(), DiffError> {
    let mut object = object_of(element);
    for change in changes {
        check(subject, change, object.get(&change.field))?;
        if change.after.is_null() {
            object.remove(&change.field);
        } else {
            object.insert(change.field.clone(), change.after.clone());
        }
    }
    *element = serde_json::from_value(Value::Object(object)).map_err(|e| DiffError::BadValue {
        subject: subject.to_string(),
        field: changes
            .iter()
            .map(|c| c.field.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        message: e.to_string(),
    })?;
    Ok(())
}

fn check(subject: &str, change: &FieldChange, current: Option<&Value>) -> Result<(), DiffError> {
    let found = current.cloned().unwrap_or(Value::Null);
    if found == change.before {
        Ok(())
    } else {
        Err(DiffError::Conflict {
            subject: subject.to_string(),
            field: change.field.clone(),
            expected: change.before.clone(),
            found,
        })
    }
}

fn set_team(team: &mut Team, changes: &[FieldChange]) -> Result<(), DiffError> {
    let subject = format!("team \"{}\"", team.id);
    set_fields(team, &subject, &changes.iter().collect::<Vec<_>>())
}

fn set_service(service: &mut Service, changes: &[FieldChange]) -> Result<(), DiffError> {
    let subject = format!("service \"{}\"", service.id);
    // Positions are not fields of a change; keep them exact (the JSON
    // object holds them rounded).
    let position = (service.x, service.y);
    set_fields(service, &subject, &changes.iter().collect::<Vec<_>>())?;
    (service.x, service.y) = position;
    Ok(())
}

fn set_stream(stream: &mut Stream, changes: &[FieldChange]) -> Result<(), DiffError> {
    let subject = format!("stream \"{}\"", stream.id);
    let (step_fields, fields): (Vec<&FieldChange>, Vec<&FieldChange>) = changes
        .iter()
        .partition(|c| c.field == "steps" || c.field == "stages");
    set_fields(stream, &subject, &fields)?;
    let mut ids = ids_of(&steps_value(stream));
    let mut stages = stages_value(stream);
    for change in step_fields {
        if change.field == "steps" {
            check(&subject, change, Some(&steps_value(stream)))?;
            ids = ids_of(&change.after);
            if ids.len() != change.after.as_array().map_or(0, Vec::len) {
                return Err(DiffError::BadValue {
                    subject,
                    field: "steps".into(),
                    message: "expected an array of service ids".into(),
                });
            }
        } else {
            check(&subject, change, Some(&stages_value(stream)))?;
            stages = change.after.clone();
        }
    }
    stream.steps = ids
        .into_iter()
        .map(|service| Step {
            stage: stages
                .get(service.as_str())
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
            service,
        })
        .collect();
    Ok(())
}

fn link_name(l: &Link) -> String {
    format!("{} -> {} ({})", l.from, l.to, l.kind.as_str())
}

fn apply_links(diff: &MapDiff, links: &mut Vec<Link>) -> Result<(), DiffError> {
    for removed in &diff.links.removed {
        let at = links
            .iter()
            .position(|l| l == removed)
            .ok_or_else(|| DiffError::MissingLink(link_name(removed)))?;
        links.remove(at);
    }
    for r in &diff.links.relabeled {
        let link = links
            .iter_mut()
            .find(|l| l.from == r.from && l.to == r.to && l.kind == r.kind)
            .ok_or_else(|| {
                DiffError::MissingLink(format!("{} -> {} ({})", r.from, r.to, r.kind.as_str()))
            })?;
        if link.label != r.before {
            return Err(DiffError::Conflict {
                subject: format!("link {}", link_name(link)),
                field: "label".into(),
                expected: Value::from(r.before.as_str()),
                found: Value::from(link.label.as_str()),
            });
        }
        link.label = r.after.clone();
    }
    for added in &diff.links.added {
        if links.iter().any(|l| l.key() == added.key()) {
            return Err(DiffError::LinkThere(link_name(added)));
        }
        links.push(added.clone());
    }
    Ok(())
}

fn set_map_field(map: &mut Map, change: &FieldChange) -> Result<(), DiffError> {
    let subject = "the map";
    let bad = |message: String| DiffError::BadValue {
        subject: subject.into(),
        field: change.field.clone(),
        message,
    };
    let text = |v: &Value| -> Result<String, DiffError> {
        match v {
            Value::Null => Ok(String::new()),
            Value::String(s) => Ok(s.clone()),
            other => Err(bad(format!("expected text, found {other}"))),
        }
    };
    match change.field.as_str() {
        "name" => {
            check(subject, change, Some(&text_value(&map.name)))?;
            map.name = text(&change.after)?;
        }
        "description" => {
            check(subject, change, Some(&text_value(&map.description)))?;
            map.description = text(&change.after)?;
        }
        "reviewed" => {
            let current = map
                .reviewed
                .map_or(Value::Null, |d| Value::from(d.to_string()));
            check(subject, change, Some(&current))?;
            map.reviewed = match &change.after {
                Value::Null => None,
                Value::String(s) => Some(
                    crate::io::parse_date(s)
                        .ok_or_else(|| bad(format!("{s:?} is not a day written as YYYY-MM-DD")))?,
                ),
                other => return Err(bad(format!("expected a date, found {other}"))),
            };
        }
        "allow" => {
            check(subject, change, Some(&allow_value(&map.allow)))?;
            map.allow = match &change.after {
                Value::Null => Vec::new(),
                v => serde_json::from_value(v.clone()).map_err(|e| bad(e.to_string()))?,
            };
        }
        field => {
            let Some(key) = field.strip_prefix("settings.") else {
                return Err(bad("not a field of the map".into()));
            };
            let key_change = FieldChange {
                field: key.to_string(),
                before: change.before.clone(),
                after: change.after.clone(),
            };
            set_fields(&mut map.settings, "the map's settings", &[&key_change])?;
        }
    }
    Ok(())
}
