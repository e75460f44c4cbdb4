//! `tangled-stream`: split a service two streams of different teams share
//! into one per stream. The stream whose owner owns the service keeps it;
//! the other gets a copy owned by its own team, placed beside it, with its
//! step and the links to its neighbours on that stream re-pointed at the
//! copy. Links to services on neither stream stay with the original.

use crate::fix::builder::FixBuilder;
use crate::fix::fix::Fix;
use crate::fix::naming::{service_name, stream_name, team_name};
use crate::model::{Id, Map, Stream};

/// The fix for a `tangled-stream` finding on `service`.
pub(crate) fn fixes(map: &Map, subjects: &[Id]) -> Vec<Fix> {
    let [service] = subjects else {
        return Vec::new();
    };
    let Some(original) = map.service(service.as_str()) else {
        return Vec::new();
    };
    let streams: Vec<&Stream> = map.streams.iter().filter(|k| k.has_step(service)).collect();
    let [first, second] = streams[..] else {
        return Vec::new();
    };
    // The stream of the service's own team keeps it; else the first.
    let (kept, other) = if second.owner.is_some() && second.owner == original.owner {
        (second, first)
    } else {
        (first, second)
    };
    let neighbours = |k: &Stream| -> Vec<Id> {
        let Some(at) = k.steps.iter().position(|s| &s.service == service) else {
            return Vec::new();
        };
        let before = at.checked_sub(1).and_then(|i| k.steps.get(i));
        let after = k.steps.get(at + 1);
        before
            .into_iter()
            .chain(after)
            .map(|s| s.service.clone())
            .collect()
    };
    let kept_neighbours = neighbours(kept);
    let other_neighbours = neighbours(other);
    let mut b = FixBuilder::new(map);
    let copy_name = format!("{} ({})", original.name, other.name);
    let copy = b.add_service(
        (&copy_name, &format!("{service}-{}", other.id)),
        original.kind,
        other.owner.clone(),
        original.description.clone(),
        &[service],
    );
    if let Some(at) = other.steps.iter().position(|s| &s.service == service) {
        b.replace_step(&other.id, at, &copy);
    }
    for link in &map.links {
        let (end, is_from) = if &link.from == service {
            (&link.to, true)
        } else if &link.to == service {
            (&link.from, false)
        } else {
            continue;
        };
        if other_neighbours.contains(end) && !kept_neighbours.contains(end) {
            if is_from {
                b.replace_link(link, &copy, end, link.kind);
            } else {
                b.replace_link(link, end, &copy, link.kind);
            }
        }
    }
    let owner = other.owner.as_ref().map_or(String::new(), |t| {
        format!(", owned by {}", team_name(map, t))
    });
    vec![Fix::edits(
        "tangled-stream",
        subjects,
        format!(
            "Split {}: {} keeps it, {} gets its own copy{owner}",
            service_name(map, service),
            stream_name(map, &kept.id),
            stream_name(map, &other.id)
        ),
        b.finish(),
    )]
}
