//! `unowned-service`, `unowned-stream`: give it an owner. The candidates
//! are ranked, best first, and each is a fix of its own; the editor shows
//! them all, `vsmap fix` takes the first.
//!
//! For a service: the teams owning the streams it is on (most streams
//! first), then the teams whose services it is linked with (most links
//! first), then, when many streams use it, the platform teams (platform as
//! an enabler). For a stream: the teams owning its steps (most steps first).

use std::collections::BTreeMap;

use crate::edit::{Edit, ServiceField, StreamField};
use crate::fix::fix::Fix;
use crate::fix::naming::{service_name, stream_name, team_name};
use crate::model::{Id, Map, TeamType};

/// Most candidates offered.
const MAX_CANDIDATES: usize = 3;

/// The fixes for an `unowned-service` finding on `service`.
pub(crate) fn service(map: &Map, subjects: &[Id]) -> Vec<Fix> {
    let [service] = subjects else {
        return Vec::new();
    };
    let streams: Vec<_> = map.streams.iter().filter(|k| k.has_step(service)).collect();
    let mut ranked: Vec<(Id, String)> = Vec::new();
    let mut push = |team: &Id, why: String| {
        if map.team(team.as_str()).is_some() && !ranked.iter().any(|(t, _)| t == team) {
            ranked.push((team.clone(), why));
        }
    };
    for (team, count) in by_count(streams.iter().filter_map(|k| k.owner.as_ref())) {
        push(
            team,
            format!(
                "owns {} it is on",
                plural_of(count, "the stream", "streams")
            ),
        );
    }
    let linked = map.links.iter().filter_map(|l| {
        let other = if &l.from == service {
            &l.to
        } else if &l.to == service {
            &l.from
        } else {
            return None;
        };
        map.service(other.as_str())?.owner.as_ref()
    });
    for (team, count) in by_count(linked) {
        push(
            team,
            format!(
                "its services have {} with it",
                plural_of(count, "a link", "links")
            ),
        );
    }
    if streams.len() >= map.settings.shared_service_max_streams() {
        for team in map
            .teams
            .iter()
            .filter(|t| t.team_type == TeamType::Platform)
        {
            push(
                &team.id,
                format!("a platform team, and {} streams use it", streams.len()),
            );
        }
    }
    let name = service_name(map, service);
    ranked
        .into_iter()
        .take(MAX_CANDIDATES)
        .map(|(team, why)| {
            Fix::edits(
                "unowned-service",
                subjects,
                format!("Give {name} to {} ({why})", team_name(map, &team)),
                vec![Edit::SetService(
                    service.clone(),
                    ServiceField::Owner(Some(team)),
                )],
            )
        })
        .collect()
}

/// The fixes for an `unowned-stream` finding on `stream`.
pub(crate) fn stream(map: &Map, subjects: &[Id]) -> Vec<Fix> {
    let [stream] = subjects else {
        return Vec::new();
    };
    let Some(k) = map.stream(stream.as_str()) else {
        return Vec::new();
    };
    let owners = k
        .steps
        .iter()
        .filter_map(|s| map.service(s.service.as_str())?.owner.as_ref());
    let name = stream_name(map, stream);
    by_count(owners)
        .into_iter()
        .filter(|(team, _)| map.team(team.as_str()).is_some())
        .take(MAX_CANDIDATES)
        .map(|(team, count)| {
            Fix::edits(
                "unowned-stream",
                subjects,
                format!(
                    "Give {name} to {} (owns {count} of its {} steps)",
                    team_name(map, team),
                    k.steps.len()
                ),
                vec![Edit::SetStream(
                    stream.clone(),
                    StreamField::Owner(Some(team.clone())),
                )],
            )
        })
        .collect()
}

/// Each team with how often it occurs, most first, ties in id order.
fn by_count<'a>(teams: impl Iterator<Item = &'a Id>) -> Vec<(&'a Id, usize)> {
    let mut counts: BTreeMap<&Id, usize> = BTreeMap::new();
    for team in teams {
        *counts.entry(team).or_default() += 1;
    }
    let mut ranked: Vec<(&Id, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    ranked
}

/// "the stream" for one, "3 streams" for more.
fn plural_of(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        one.to_string()
    } else {
        format!("{count} {many}")
    }
}
