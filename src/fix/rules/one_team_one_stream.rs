//! `two-pizza`: one team, one stream. The services of the stream that other
//! stream-aligned teams own move to the stream's owner (platform services
//! stay with their platform), so a change to the stream is one team's work.
//! A stream without an owner goes to the team owning most of its steps.

use std::collections::BTreeMap;

use crate::fix::builder::FixBuilder;
use crate::fix::fix::Fix;
use crate::fix::naming::{stream_name, team_name};
use crate::model::{Id, Map, TeamType};

/// The fix for a `two-pizza` finding on `stream`.
pub(crate) fn fixes(map: &Map, subjects: &[Id]) -> Vec<Fix> {
    let [stream] = subjects else {
        return Vec::new();
    };
    let Some(k) = map.stream(stream.as_str()) else {
        return Vec::new();
    };
    let is_platform = |team: &Id| {
        map.team(team.as_str())
            .is_some_and(|t| t.team_type == TeamType::Platform)
    };
    let step_owners: Vec<(&Id, Option<&Id>)> = k
        .steps
        .iter()
        .filter_map(|s| {
            let service = map.service(s.service.as_str())?;
            Some((&service.id, service.owner.as_ref()))
        })
        .collect();
    let owner = match &k.owner {
        Some(owner) => owner.clone(),
        None => {
            let mut counts: BTreeMap<&Id, usize> = BTreeMap::new();
            for team in step_owners.iter().filter_map(|(_, t)| *t) {
                if !is_platform(team) {
                    *counts.entry(team).or_default() += 1;
                }
            }
            let Some((team, _)) = counts
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
            else {
                return Vec::new();
            };
            team.clone()
        }
    };
    let mut b = FixBuilder::new(map);
    b.set_stream_owner(stream, Some(owner.clone()));
    let mut moved = 0;
    for (service, team) in &step_owners {
        if team.is_none_or(|t| t != &owner && !is_platform(t)) {
            b.set_service_owner(service, Some(owner.clone()));
            moved += 1;
        }
    }
    if moved == 0 {
        return Vec::new();
    }
    vec![Fix::edits(
        "two-pizza",
        subjects,
        format!(
            "One team, one stream: give {} the {moved} services of {} other teams own",
            team_name(map, &owner),
            stream_name(map, stream)
        ),
        b.finish(),
    )]
}
