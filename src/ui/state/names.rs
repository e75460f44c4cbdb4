//! Display names of a map's elements, falling back to the id: labels of
//! edits, inspector rows and messages name things the way the user does.

use crate::model::{Id, Map};

/// A service's display name, or its id.
pub fn name_of(map: &Map, id: &Id) -> String {
    map.service(id.as_str())
        .map_or_else(|| id.to_string(), |s| s.name.clone())
}

/// A team's display name, or its id.
pub fn team_name(map: &Map, id: &Id) -> String {
    map.team(id.as_str())
        .map_or_else(|| id.to_string(), |t| t.name.clone())
}

/// A stream's display name, or its id.
pub fn stream_name(map: &Map, id: &Id) -> String {
    map.stream(id.as_str())
        .map_or_else(|| id.to_string(), |s| s.name.clone())
}
