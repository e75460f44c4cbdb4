//! `data-silo`: replace a point-to-point read of another team's data with
//! an event. The owner publishes its changes and the reader consumes them
//! and keeps its own copy (event-driven integration), so the owner can
//! change its store without breaking the reader.

use crate::fix::builder::FixBuilder;
use crate::fix::fix::Fix;
use crate::fix::naming::service_name;
use crate::model::{Id, LinkKind, Map};

/// The fix for a `data-silo` finding on (`reader`, `owned`).
pub(crate) fn fixes(map: &Map, subjects: &[Id]) -> Vec<Fix> {
    let [reader, owned] = subjects else {
        return Vec::new();
    };
    let Some(read) = map
        .links
        .iter()
        .find(|l| l.key() == (reader, owned, LinkKind::Data))
    else {
        return Vec::new();
    };
    let mut b = FixBuilder::new(map);
    b.replace_link(read, owned, reader, LinkKind::Event);
    let (r, o) = (service_name(map, reader), service_name(map, owned));
    vec![Fix::edits(
        "data-silo",
        subjects,
        format!("Replace {r}'s read of {o} with events {o} publishes and {r} keeps a copy of"),
        b.finish(),
    )]
}
