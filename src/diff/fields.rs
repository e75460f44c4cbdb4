//! Field values as a [`FieldChange`](super::model::FieldChange) holds them, one
//! field at a time: the JSON a map's field is written as (for computing and
//! checking a change), and the typed value an edit sets (for applying one).
//!
//! A change holds JSON so that every rendering can show any field alike; the
//! edits that apply it are typed. Converting one field's value at a time
//! keeps the two apart without ever converting a whole element: a field left
//! out of the file (an empty text, no owner) is [`Value::Null`], exactly as
//! the file format's serialisation of the element would leave it out.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::edit::{ServiceField, StreamField, TeamField};
use crate::model::{Allow, Id, Service, Settings, Step, Stream, Team};

/// One field's value as JSON. Serialising the model's plain values (strings,
/// numbers, enums named in files) into a JSON value cannot fail; `Null`
/// stands in on the impossible failure.
fn json(value: &impl Serialize) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// A text field: left out of the file (`Null`) when empty.
pub(crate) fn text_value(s: &str) -> Value {
    if s.is_empty() {
        Value::Null
    } else {
        Value::from(s)
    }
}

/// The `steps` value of a stream: its service ids in order.
pub(crate) fn steps_value(stream: &Stream) -> Value {
    Value::Array(
        stream
            .steps
            .iter()
            .map(|s| Value::from(s.service.as_str()))
            .collect(),
    )
}

/// The `stages` value of a stream: service id to stage label, labelled steps only.
pub(crate) fn stages_value(stream: &Stream) -> Value {
    Value::Object(
        stream
            .steps
            .iter()
            .filter(|s| !s.stage.is_empty())
            .map(|s| (s.service.to_string(), Value::from(s.stage.as_str())))
            .collect(),
    )
}

/// The `times` value of a stream: service id to the step's `work`, `wait`
/// and `complete_accurate` as the file writes them, timed steps only.
pub(crate) fn times_value(stream: &Stream) -> Value {
    Value::Object(
        stream
            .steps
            .iter()
            .filter(|s| s.is_timed())
            .map(|s| (s.service.to_string(), step_times_value(s)))
            .collect(),
    )
}

/// One step's times as the file writes them.
pub(crate) fn step_times_value(step: &Step) -> Value {
    let mut times = serde_json::Map::new();
    if let Some(work) = step.work {
        times.insert("work".into(), Value::from(work.to_string()));
    }
    if let Some(wait) = step.wait {
        times.insert("wait".into(), Value::from(wait.to_string()));
    }
    if let Some(ca) = step.complete_accurate {
        times.insert("complete_accurate".into(), Value::from(ca));
    }
    Value::Object(times)
}

/// A step's `times` value in words: "work 4h, wait 1w, %C&A 75 %", or
/// "no times".
pub(crate) fn step_times_text(value: Option<&Value>) -> String {
    let Some(times) = value.and_then(Value::as_object) else {
        return "no times".into();
    };
    let mut parts = Vec::new();
    for (key, label) in [("work", "work"), ("wait", "wait")] {
        if let Some(d) = times.get(key).and_then(Value::as_str) {
            parts.push(format!("{label} {d}"));
        }
    }
    if let Some(p) = times.get("complete_accurate").and_then(Value::as_u64) {
        parts.push(format!("%C&A {p} %"));
    }
    if parts.is_empty() {
        "no times".into()
    } else {
        parts.join(", ")
    }
}

/// The allow entries in canonical order, as JSON (`Null` when there are none).
pub(crate) fn allow_value(allow: &[Allow]) -> Value {
    let mut sorted: Vec<&Allow> = allow.iter().collect();
    sorted.sort_by(|a, b| allow_key(a).cmp(&allow_key(b)));
    if sorted.is_empty() {
        return Value::Null;
    }
    json(&sorted)
}

/// The canonical order of allow entries.
pub(crate) fn allow_key(a: &Allow) -> (&String, &Option<Id>, &String) {
    (&a.rule, &a.subject, &a.reason)
}

/// Positions are compared as the file writes them: rounded to whole numbers.
pub(crate) fn same_position(a: (Option<f64>, Option<f64>), b: (Option<f64>, Option<f64>)) -> bool {
    let round = |v: Option<f64>| v.map(f64::round);
    round(a.0) == round(b.0) && round(a.1) == round(b.1)
}

/// A value read from a change, or why it is not one of its field.
pub(super) type Decoded<T> = Result<T, String>;

/// A text field's value: `Null` is the empty text.
pub(super) fn text(v: &Value) -> Decoded<String> {
    match v {
        Value::Null => Ok(String::new()),
        Value::String(s) => Ok(s.clone()),
        other => Err(format!("expected text, found {other}")),
    }
}

/// Any other field's value, read as the file format reads that field.
pub(super) fn parse<T: DeserializeOwned>(v: &Value) -> Decoded<T> {
    T::deserialize(v).map_err(|e| e.to_string())
}

/// A field of an element: its value now, as a change holds it, and the
/// change's new value as the field an edit sets.
pub(super) type FieldOf<F> = (Value, Decoded<F>);

/// The team field `field`: its value in `team` and `after` read as the
/// field; `None` if teams have no such field.
pub(super) fn team_field(team: &Team, field: &str, after: &Value) -> Option<FieldOf<TeamField>> {
    Some(match field {
        // Names are always written, even empty.
        "name" => (json(&team.name), text(after).map(TeamField::Name)),
        "type" => (json(&team.team_type), parse(after).map(TeamField::Type)),
        "members" => (json(&team.members), parse(after).map(TeamField::Members)),
        "color" => (json(&team.color), parse(after).map(TeamField::Color)),
        _ => return None,
    })
}

/// The service field `field` (positions are not fields: see `moved`), as
/// [`team_field`].
pub(super) fn service_field(
    service: &Service,
    field: &str,
    after: &Value,
) -> Option<FieldOf<ServiceField>> {
    Some(match field {
        "name" => (json(&service.name), text(after).map(ServiceField::Name)),
        "kind" => (json(&service.kind), parse(after).map(ServiceField::Kind)),
        "owner" => (json(&service.owner), parse(after).map(ServiceField::Owner)),
        "description" => (
            text_value(&service.description),
            text(after).map(ServiceField::Description),
        ),
        _ => return None,
    })
}

/// The stream field `field`, steps and stages apart (they are edited step
/// by step), as [`team_field`].
pub(super) fn stream_field(
    stream: &Stream,
    field: &str,
    after: &Value,
) -> Option<FieldOf<StreamField>> {
    Some(match field {
        "name" => (json(&stream.name), text(after).map(StreamField::Name)),
        "owner" => (json(&stream.owner), parse(after).map(StreamField::Owner)),
        "customer" => (
            text_value(&stream.customer),
            text(after).map(StreamField::Customer),
        ),
        "description" => (
            text_value(&stream.description),
            text(after).map(StreamField::Description),
        ),
        "color" => (json(&stream.color), parse(after).map(StreamField::Color)),
        _ => return None,
    })
}

/// The value of the setting named `key` (its file key) as a change holds
/// it (`Null` when it keeps its default), or `None` when there is no such
/// setting.
pub(super) fn setting_value(settings: &Settings, key: &str) -> Option<Value> {
    with_setting(settings, key, Value::Null).ok()?;
    Some(json(settings).get(key).cloned().unwrap_or(Value::Null))
}

/// `settings` with the setting named `key` set to `value` (`Null`: its
/// default); an error when there is no such setting or the value does not
/// fit it. Read through the file's own format, so every setting, of any
/// type, is covered without being listed here.
pub(super) fn with_setting(
    settings: &Settings,
    key: &str,
    value: Value,
) -> Result<Settings, String> {
    let mut all = json(settings);
    let Some(object) = all.as_object_mut() else {
        return Err("settings are not an object".into());
    };
    object.insert(key.to_string(), value);
    serde_json::from_value(all).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::Edit;
    use crate::model::{Color, Map, ServiceKind, TeamType};

    /// What serialising the whole element writes for `field`, `Null` when
    /// it is left out: the values `compute` diffs.
    fn written(element: &impl Serialize, field: &str) -> Value {
        json(element).get(field).cloned().unwrap_or(Value::Null)
    }

    fn id(s: &str) -> Id {
        Id::new(s).unwrap()
    }

    /// For each field and each way between two versions of an element:
    /// the field reads as the file writes it, and the edit made from the
    /// other version's value sets what the file then holds. The element
    /// sits in a map with the team "t".
    fn check_fields<T: Serialize + Clone, F>(
        versions: &[T; 2],
        fields: &[&str],
        field_of: fn(&T, &str, &Value) -> Option<FieldOf<F>>,
        set: fn(F) -> Edit,
        put: fn(&mut Map, T),
        get: fn(&Map) -> &T,
    ) {
        for (one, other) in [(&versions[0], &versions[1]), (&versions[1], &versions[0])] {
            for field in fields {
                let (now, value) = field_of(one, field, &written(other, field)).unwrap();
                assert_eq!(now, written(one, field), "{field}");
                let mut map = Map {
                    teams: vec![Team {
                        id: id("t"),
                        name: "T".into(),
                        team_type: TeamType::Platform,
                        members: None,
                        color: None,
                    }],
                    ..Map::default()
                };
                put(&mut map, one.clone());
                set(value.unwrap()).apply(&mut map).unwrap();
                assert_eq!(written(get(&map), field), written(other, field), "{field}");
            }
        }
    }

    #[test]
    fn each_field_reads_as_the_file_writes_it_and_sets_what_the_file_holds() {
        let team = |name: &str, members: Option<u32>, color: Option<&str>| Team {
            id: id("t"),
            name: name.into(),
            team_type: if members.is_some() {
                TeamType::Platform
            } else {
                TeamType::Enabling
            },
            members,
            color: color.and_then(Color::parse),
        };
        let service = |name: &str, owner: Option<&str>, description: &str| Service {
            id: id("s"),
            name: name.into(),
            kind: if owner.is_some() {
                ServiceKind::Gateway
            } else {
                ServiceKind::Legacy
            },
            owner: owner.map(id),
            x: None,
            y: None,
            description: description.into(),
        };
        let stream = |name: &str, owner: Option<&str>, text: &str| Stream {
            id: id("st"),
            name: name.into(),
            owner: owner.map(id),
            customer: text.into(),
            description: text.into(),
            color: owner.and_then(|_| Color::parse("#abcdef")),
            steps: Vec::new(),
        };
        let owners = [team("T", Some(3), Some("#102030")), team("U", None, None)];
        check_fields(
            &owners,
            &["name", "type", "members", "color"],
            team_field,
            |f| Edit::SetTeam(id("t"), f),
            |m, t| m.teams = vec![t],
            |m| &m.teams[0],
        );
        check_fields(
            &[service("S", Some("t"), "Words"), service("R", None, "")],
            &["name", "kind", "owner", "description"],
            service_field,
            |f| Edit::SetService(id("s"), f),
            |m, s| m.services = vec![s],
            |m| &m.services[0],
        );
        check_fields(
            &[stream("St", Some("t"), "Text"), stream("Su", None, "")],
            &["name", "owner", "customer", "description", "color"],
            stream_field,
            |f| Edit::SetStream(id("st"), f),
            |m, s| m.streams = vec![s],
            |m| &m.streams[0],
        );
        assert!(team_field(&owners[0], "id", &Value::Null).is_none());
        assert!(service_field(&service("S", None, ""), "x", &Value::Null).is_none());
        assert!(stream_field(&stream("S", None, ""), "steps", &Value::Null).is_none());
        let bad = service_field(&service("S", None, ""), "owner", &Value::from("Not An Id"));
        assert!(bad.unwrap().1.is_err());
        assert!(text(&Value::from(3)).is_err());
    }

    #[test]
    fn every_setting_is_named_by_its_file_key() {
        let settings = Settings::default();
        for (key, value) in [
            ("two_pizza_max_teams", Value::from(3)),
            ("review_max_days", Value::from(30)),
            ("handoff_max_wait", Value::from("4h")),
            ("min_flow_efficiency", Value::from(20)),
        ] {
            assert_eq!(setting_value(&settings, key), Some(Value::Null), "{key}");
            let set = with_setting(&settings, key, value.clone()).unwrap();
            assert_eq!(setting_value(&set, key), Some(value), "{key}");
            assert_eq!(written(&set, key), setting_value(&set, key).unwrap());
        }
        assert!(setting_value(&settings, "nope").is_none());
        assert!(with_setting(&settings, "handoff_max_wait", Value::from("soon")).is_err());
    }
}
