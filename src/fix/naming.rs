//! How a fix's title names what it touches: by display names, as findings
//! do, falling back to the id where an element is missing.

use crate::model::{Id, Map};

/// A service's display name.
pub(super) fn service_name<'m>(map: &'m Map, id: &'m Id) -> &'m str {
    map.service(id.as_str())
        .map_or(id.as_str(), |s| s.name.as_str())
}

/// A team's display name.
pub(super) fn team_name<'m>(map: &'m Map, id: &'m Id) -> &'m str {
    map.team(id.as_str())
        .map_or(id.as_str(), |t| t.name.as_str())
}

/// A stream's display name.
pub(super) fn stream_name<'m>(map: &'m Map, id: &'m Id) -> &'m str {
    map.stream(id.as_str())
        .map_or(id.as_str(), |s| s.name.as_str())
}
