//! `two-pizza`: one team, one stream. The services of the stream that other
//! stream-aligned teams own move to the stream's owner (platform services
//! stay with their platform), so a change to the stream is one team's work.
//! A store only the moved services use moves with them. A stream without
//! an owner goes to the team owning most of its steps.

use std::collections::{BTreeMap, BTreeSet};

use crate::fix::builder::FixBuilder;
use crate::fix::fix::Fix;
use crate::fix::naming::{stream_name, team_name};
use crate::model::{Id, Map, ServiceKind, TeamType};

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
    let moved: BTreeSet<&Id> = step_owners
        .iter()
        .filter(|(_, team)| team.is_none_or(|t| t != &owner && !is_platform(t)))
        .map(|(service, _)| *service)
        .collect();
    if moved.is_empty() {
        return Vec::new();
    }
    for service in &moved {
        b.set_service_owner(service, Some(owner.clone()));
    }
    // A store that only the moved services use goes with them: left behind,
    // it would be another team's data read point to point.
    let stores: Vec<&Id> = map
        .services
        .iter()
        .filter(|s| s.kind == ServiceKind::Datastore && !moved.contains(&s.id))
        .filter(|s| s.owner.as_ref() != Some(&owner))
        .filter(|s| {
            let mut users = map.links.iter().filter(|l| l.to == s.id).map(|l| &l.from);
            let mut any = false;
            users.all(|u| {
                any = true;
                moved.contains(u)
            }) && any
        })
        .map(|s| &s.id)
        .collect();
    for store in &stores {
        b.set_service_owner(store, Some(owner.clone()));
    }
    let with_stores = match stores.len() {
        0 => String::new(),
        1 => ", with the store only they use".to_string(),
        n => format!(", with the {n} stores only they use"),
    };
    vec![Fix::edits(
        "two-pizza",
        subjects,
        format!(
            "One team, one stream: give {} the {} services of {} other teams own{with_stores}",
            team_name(map, &owner),
            moved.len(),
            stream_name(map, stream)
        ),
        b.finish(),
    )]
}
