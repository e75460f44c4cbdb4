//! Cross-reference checks that serde cannot do field by field: unique ids,
//! references to teams and services that exist, no duplicate or self links,
//! each service at most once per stream, sane positions.

use std::fmt;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::limits::{
    MAX_COORDINATE, MAX_NAME_CHARS, MAX_QUOTED_CHARS, MAX_TEXT_CHARS, shorten, too_long,
};
use super::link::LinkKind;
use super::map::Map;

/// One thing wrong with a map, at a field path such as
/// `streams[2].steps[4].service`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Where, as a path into the file's JSON.
    pub path: String,
    /// What is wrong, naming the offending value.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Returns every problem with the map's references, in file order. An empty
/// list means the map is valid. `known_rule` decides which `allow[].rule`
/// values exist (the rule registry lives outside the model).
pub fn validate(map: &Map, known_rule: impl Fn(&str) -> bool) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut push = |path: String, message: String| problems.push(Problem { path, message });

    // Paths are spelled out only for problems: loading validates every map,
    // and a string per element would be most of the work.
    let mut first_use: HashMap<&str, (&str, usize)> = HashMap::default();
    let ids = (map.teams.iter().enumerate())
        .map(|(i, t)| ("teams", i, t.id.as_str()))
        .chain((map.services.iter().enumerate()).map(|(i, s)| ("services", i, s.id.as_str())))
        .chain((map.streams.iter().enumerate()).map(|(i, s)| ("streams", i, s.id.as_str())));
    for (list, i, id) in ids {
        match first_use.get(id) {
            Some((first_list, first)) => push(
                format!("{list}[{i}].id"),
                format!("duplicate id \"{id}\" (already used at {first_list}[{first}].id)"),
            ),
            None => {
                first_use.insert(id, (list, i));
            }
        }
    }

    let teams: HashSet<&str> = map.teams.iter().map(|t| t.id.as_str()).collect();
    let services: HashSet<&str> = map.services.iter().map(|s| s.id.as_str()).collect();

    for (i, team) in map.teams.iter().enumerate() {
        if team.name.trim().is_empty() {
            push(format!("teams[{i}].name"), "a team needs a name".into());
        }
    }
    for (i, service) in map.services.iter().enumerate() {
        if service.name.trim().is_empty() {
            push(
                format!("services[{i}].name"),
                "a service needs a name".into(),
            );
        }
        if let Some(owner) = &service.owner
            && !teams.contains(owner.as_str())
        {
            push(
                format!("services[{i}].owner"),
                format!("no team \"{owner}\""),
            );
        }
        for (axis, value) in [("x", service.x), ("y", service.y)] {
            if let Some(v) = value
                && !(v.is_finite() && v.abs() <= MAX_COORDINATE)
            {
                push(
                    format!("services[{i}].{axis}"),
                    format!("position {v} is outside ±{MAX_COORDINATE}"),
                );
            }
        }
    }

    let mut seen_links: HashMap<(&str, &str, LinkKind), usize> = HashMap::default();
    for (i, link) in map.links.iter().enumerate() {
        for (field, id) in [("from", &link.from), ("to", &link.to)] {
            if !services.contains(id.as_str()) {
                push(
                    format!("links[{i}].{field}"),
                    format!("no service \"{id}\""),
                );
            }
        }
        if link.from == link.to {
            push(
                format!("links[{i}]"),
                format!("a link from \"{}\" to itself", link.from),
            );
        }
        let key = (link.from.as_str(), link.to.as_str(), link.kind);
        if let Some(first) = seen_links.insert(key, i) {
            push(
                format!("links[{i}]"),
                format!(
                    "duplicate {} link from \"{}\" to \"{}\" (already at links[{first}])",
                    link.kind.as_str(),
                    link.from,
                    link.to
                ),
            );
        }
    }

    let mut on_stream: HashMap<&str, usize> = HashMap::default();
    for (i, stream) in map.streams.iter().enumerate() {
        if stream.name.trim().is_empty() {
            push(format!("streams[{i}].name"), "a stream needs a name".into());
        }
        if let Some(owner) = &stream.owner
            && !teams.contains(owner.as_str())
        {
            push(
                format!("streams[{i}].owner"),
                format!("no team \"{owner}\""),
            );
        }
        on_stream.clear();
        for (j, step) in stream.steps.iter().enumerate() {
            let path = || format!("streams[{i}].steps[{j}].service");
            if !services.contains(step.service.as_str()) {
                push(path(), format!("no service \"{}\"", step.service));
            } else if let Some(first) = on_stream.insert(step.service.as_str(), j) {
                push(
                    path(),
                    format!(
                        "service \"{}\" is already step {first} of this stream; a service may appear once per stream",
                        step.service
                    ),
                );
            }
        }
    }

    for (i, allow) in map.allow.iter().enumerate() {
        if !known_rule(&allow.rule) {
            push(
                format!("allow[{i}].rule"),
                format!("no rule \"{}\"", shorten(&allow.rule, MAX_QUOTED_CHARS)),
            );
        }
        if allow.reason.trim().is_empty() {
            push(
                format!("allow[{i}].reason"),
                "an allow entry needs a reason".into(),
            );
        }
    }
    problems.extend(overlong_texts(map));
    problems
}

/// Every free-text field longer than its limit (see [`super::limits`]).
fn overlong_texts(map: &Map) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut check = |path: &dyn Fn() -> String, s: &str, max: usize| {
        if let Some(message) = too_long(s, max) {
            problems.push(Problem {
                path: path(),
                message,
            });
        }
    };
    check(&|| "$schema".into(), &map.schema, MAX_TEXT_CHARS);
    check(&|| "name".into(), &map.name, MAX_NAME_CHARS);
    check(&|| "description".into(), &map.description, MAX_TEXT_CHARS);
    for (i, t) in map.teams.iter().enumerate() {
        check(&|| format!("teams[{i}].name"), &t.name, MAX_NAME_CHARS);
    }
    for (i, s) in map.services.iter().enumerate() {
        check(&|| format!("services[{i}].name"), &s.name, MAX_NAME_CHARS);
        let path = || format!("services[{i}].description");
        check(&path, &s.description, MAX_TEXT_CHARS);
    }
    for (i, l) in map.links.iter().enumerate() {
        check(&|| format!("links[{i}].label"), &l.label, MAX_NAME_CHARS);
    }
    for (i, s) in map.streams.iter().enumerate() {
        check(&|| format!("streams[{i}].name"), &s.name, MAX_NAME_CHARS);
        check(
            &|| format!("streams[{i}].customer"),
            &s.customer,
            MAX_NAME_CHARS,
        );
        let path = || format!("streams[{i}].description");
        check(&path, &s.description, MAX_TEXT_CHARS);
        for (j, step) in s.steps.iter().enumerate() {
            let path = || format!("streams[{i}].steps[{j}].stage");
            check(&path, &step.stage, MAX_NAME_CHARS);
        }
    }
    for (i, a) in map.allow.iter().enumerate() {
        // The rule name is checked against the registry, which bounds it.
        check(&|| format!("allow[{i}].reason"), &a.reason, MAX_TEXT_CHARS);
    }
    problems
}
