//! [`merge`]: the whole map, list by list, then the references mended: a
//! link, step or owner that names what the other side deleted is dropped
//! and reported, so the result always validates.

use std::collections::HashSet;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::conflict::Conflict;
use super::elements::ListMerge;
use super::fields::{merge_object, pick};
use super::steps::merge_steps;
use crate::model::{Map, Settings, validate};

/// A merged map and the conflicts met (each kept ours).
#[derive(Debug, Clone)]
pub struct Merged {
    /// The merge; valid.
    pub map: Map,
    /// Where both sides changed the same thing differently, in the order met.
    pub conflicts: Vec<Conflict>,
}

fn values<T: Serialize>(list: &[T]) -> Vec<Value> {
    list.iter()
        .map(|x| serde_json::to_value(x).unwrap_or(Value::Null))
        .collect()
}

/// A text field of an element, empty when it has none.
fn text_of(v: &Value, field: &str) -> String {
    v.get(field)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// Reads merged values back, keeping ours' element where a merged one does
/// not read (fields from both sides that do not go together).
fn read<T: DeserializeOwned>(
    values: Vec<Value>,
    conflicts: &mut Vec<Conflict>,
    what: &str,
) -> Vec<T> {
    values
        .into_iter()
        .filter_map(|v| match serde_json::from_value(v.clone()) {
            Ok(x) => Some(x),
            Err(e) => {
                conflicts.push(Conflict {
                    place: format!("{what}: {e}"),
                    ours: v,
                    theirs: Value::Null,
                });
                None
            }
        })
        .collect()
}

/// Merges `ours` and `theirs`, both changed from `base`.
pub fn merge(base: &Map, ours: &Map, theirs: &Map) -> Merged {
    let mut conflicts = Vec::new();
    let none = |_: &str, _: &Value, _: &Value, _: &Value, _: &mut Value, _: &mut Vec<Conflict>| {};
    let plain = |what: &'static str, key: &'static dyn Fn(&Value) -> String| ListMerge {
        what,
        key,
        skip: &[],
        special: &none,
    };
    let id: &'static dyn Fn(&Value) -> String = &|v| text_of(v, "id");
    let link_key: &'static dyn Fn(&Value) -> String = &|v| {
        format!(
            "{} -> {} ({})",
            text_of(v, "from"),
            text_of(v, "to"),
            text_of(v, "kind")
        )
    };
    let allow_key: &'static dyn Fn(&Value) -> String =
        &|v| format!("{}:{}", text_of(v, "rule"), text_of(v, "subject"));
    let c = &mut conflicts;
    let teams = plain("teams", id).merge(
        &values(&base.teams),
        &values(&ours.teams),
        &values(&theirs.teams),
        c,
    );
    let services = plain("services", id).merge(
        &values(&base.services),
        &values(&ours.services),
        &values(&theirs.services),
        c,
    );
    let links = plain("links", link_key).merge(
        &values(&base.links),
        &values(&ours.links),
        &values(&theirs.links),
        c,
    );
    let streams = ListMerge {
        what: "streams",
        key: id,
        skip: &["steps"],
        special: &merge_steps,
    }
    .merge(
        &values(&base.streams),
        &values(&ours.streams),
        &values(&theirs.streams),
        c,
    );
    let allow = plain("allow", allow_key).merge(
        &values(&base.allow),
        &values(&ours.allow),
        &values(&theirs.allow),
        c,
    );

    let mut map = Map {
        teams: read(teams, &mut conflicts, "teams"),
        services: read(services, &mut conflicts, "services"),
        links: read(links, &mut conflicts, "links"),
        streams: read(streams, &mut conflicts, "streams"),
        allow: read(allow, &mut conflicts, "allow"),
        ..ours.clone()
    };
    // The map's own fields.
    let field =
        |place: &str, b: Value, o: Value, t: Value, conflicts: &mut Vec<Conflict>| -> Value {
            match pick(&b, &o, &t) {
                Some(v) => v.clone(),
                None => {
                    conflicts.push(Conflict {
                        place: place.into(),
                        ours: o.clone(),
                        theirs: t,
                    });
                    o
                }
            }
        };
    let s = |x: &str| Value::from(x);
    map.name = field(
        "name",
        s(&base.name),
        s(&ours.name),
        s(&theirs.name),
        &mut conflicts,
    )
    .as_str()
    .unwrap_or_default()
    .to_string();
    map.description = field(
        "description",
        s(&base.description),
        s(&ours.description),
        s(&theirs.description),
        &mut conflicts,
    )
    .as_str()
    .unwrap_or_default()
    .to_string();
    map.schema = field(
        "$schema",
        s(&base.schema),
        s(&ours.schema),
        s(&theirs.schema),
        &mut conflicts,
    )
    .as_str()
    .unwrap_or_default()
    .to_string();
    let day = |m: &Map| {
        m.reviewed
            .map_or(Value::Null, |d| Value::from(d.to_string()))
    };
    map.reviewed = field(
        "reviewed",
        day(base),
        day(ours),
        day(theirs),
        &mut conflicts,
    )
    .as_str()
    .and_then(crate::io::parse_date);
    let settings = |m: &Map| serde_json::to_value(&m.settings).unwrap_or(Value::Null);
    let merged_settings = merge_object(
        "settings",
        &settings(base),
        &settings(ours),
        &settings(theirs),
        &[],
        &mut conflicts,
    );
    map.settings = serde_json::from_value::<Settings>(merged_settings)
        .unwrap_or_else(|_| ours.settings.clone());

    mend_references(&mut map, &mut conflicts);
    let problems = validate(&map, crate::analysis::is_rule_id);
    if !problems.is_empty() {
        // Nothing above should leave a problem; should one remain, ours
        // stands whole, and says why.
        conflicts.push(Conflict {
            place: format!(
                "the merge did not validate ({}); ours is kept whole",
                problems[0]
            ),
            ours: Value::Null,
            theirs: Value::Null,
        });
        map = ours.clone();
    }
    map.share_ids();
    Merged { map, conflicts }
}

/// Drops what names an element the other side deleted: links and steps on
/// a missing service, owners that are missing teams, allow entries of a
/// missing subject; each is reported.
fn mend_references(map: &mut Map, conflicts: &mut Vec<Conflict>) {
    let teams: HashSet<String> = map.teams.iter().map(|t| t.id.to_string()).collect();
    let services: HashSet<String> = map.services.iter().map(|s| s.id.to_string()).collect();
    let mut gone = |place: String, what: &str| {
        conflicts.push(Conflict {
            place,
            ours: Value::from(format!("refers to {what}, which one side deleted")),
            theirs: Value::Null,
        });
    };
    for s in &mut map.services {
        if let Some(owner) = &s.owner
            && !teams.contains(owner.as_str())
        {
            gone(format!("services[{}].owner", s.id), owner.as_str());
            s.owner = None;
        }
    }
    map.links.retain(|l| {
        let ok = services.contains(l.from.as_str()) && services.contains(l.to.as_str());
        if !ok {
            gone(
                format!("links[{} -> {} ({})]", l.from, l.to, l.kind.as_str()),
                if services.contains(l.from.as_str()) {
                    l.to.as_str()
                } else {
                    l.from.as_str()
                },
            );
        }
        ok
    });
    for k in &mut map.streams {
        if let Some(owner) = &k.owner
            && !teams.contains(owner.as_str())
        {
            gone(format!("streams[{}].owner", k.id), owner.as_str());
            k.owner = None;
        }
        let mut seen = HashSet::new();
        let id = k.id.clone();
        k.steps.retain(|step| {
            let ok = services.contains(step.service.as_str()) && seen.insert(step.service.clone());
            if !ok {
                gone(
                    format!("streams[{id}].steps[{}]", step.service),
                    step.service.as_str(),
                );
            }
            ok
        });
    }
    let ids: HashSet<String> = teams
        .iter()
        .chain(&services)
        .cloned()
        .chain(map.streams.iter().map(|k| k.id.to_string()))
        .collect();
    map.allow.retain(|a| {
        let ok = a.subject.as_ref().is_none_or(|s| ids.contains(s.as_str()));
        if !ok {
            gone(
                format!("allow[{}]", a.rule),
                a.subject.as_ref().map_or("", |s| s.as_str()),
            );
        }
        ok
    });
}
