//! How user strings read in every export: on one line, and teams by name.

use crate::model::{Id, Map};

/// User text on one line: control characters (newlines, tabs) become spaces.
pub(super) fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// A map's name as a title: on one line, or a plain title when it has none.
pub(super) fn map_title(map: &Map) -> String {
    let name = one_line(&map.name);
    if name.trim().is_empty() {
        "Value stream map".to_string()
    } else {
        name
    }
}

/// The display name of a team id (the id itself when the map has no such team).
pub(super) fn team_name<'a>(map: &'a Map, id: &'a Id) -> &'a str {
    map.team(id.as_str())
        .map_or(id.as_str(), |t| t.name.as_str())
}
