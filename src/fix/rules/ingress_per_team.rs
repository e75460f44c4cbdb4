//! `gateway-bottleneck`: split a central gateway into one ingress per
//! stream team. Each team owning a stream through the gateway gets its own
//! gateway, owned by it, in the gateway's place on its streams, with the
//! links to the steps before and after re-pointed; so it releases and
//! scales its entry point alone. Streams nobody owns keep the shared
//! gateway, and so do links no owned stream uses.

use std::collections::{BTreeMap, BTreeSet};

use crate::analysis::rules::GATEWAY_MAX_ROUTED_TEAMS;
use crate::fix::builder::FixBuilder;
use crate::fix::fix::Fix;
use crate::fix::naming::{service_name, team_name};
use crate::model::{Id, Link, LinkKind, Map, Stream};

/// The fix for a `gateway-bottleneck` finding on `gateway`.
pub(crate) fn fixes(map: &Map, subjects: &[Id]) -> Vec<Fix> {
    let [gateway] = subjects else {
        return Vec::new();
    };
    let Some(original) = map.service(gateway.as_str()) else {
        return Vec::new();
    };
    // The owned streams through the gateway, by team.
    let mut by_team: BTreeMap<&Id, Vec<(&Stream, usize)>> = BTreeMap::new();
    let mut unowned_uses: Vec<(&Stream, usize)> = Vec::new();
    for k in &map.streams {
        if let Some(at) = k.steps.iter().position(|s| &s.service == gateway) {
            match &k.owner {
                Some(team) if map.team(team.as_str()).is_some() => {
                    by_team.entry(team).or_default().push((k, at));
                }
                _ => unowned_uses.push((k, at)),
            }
        }
    }
    if by_team.len() < 2 {
        return Vec::new();
    }
    // Which links each stream's use of the gateway goes over: from the step
    // before, to the step after.
    let uses = |k: &Stream, at: usize| -> Vec<&Link> {
        let before = at.checked_sub(1).map(|i| &k.steps[i].service);
        let after = k.steps.get(at + 1).map(|s| &s.service);
        map.links
            .iter()
            .filter(|l| {
                (Some(&l.from) == before && &l.to == gateway)
                    || (&l.from == gateway && Some(&l.to) == after)
            })
            .collect()
    };
    let kept: BTreeSet<(&Id, &Id, LinkKind)> = unowned_uses
        .iter()
        .flat_map(|(k, at)| uses(k, *at))
        .map(Link::key)
        .collect();
    let owner_of = |id: &Id| map.service(id.as_str()).and_then(|s| s.owner.as_ref());
    // The gateway's other calls into a stream team's services go through
    // that team's ingress too; calls into any other team stay, and if they
    // reach more teams than a gateway may, the split would not resolve the
    // finding, and is not offered.
    let routed_after: BTreeSet<&Id> = map
        .links
        .iter()
        .filter(|l| &l.from == gateway && l.kind == LinkKind::Sync)
        .filter_map(|l| owner_of(&l.to))
        .filter(|t| !by_team.contains_key(t) && Some(*t) != original.owner.as_ref())
        .collect();
    if routed_after.len() > GATEWAY_MAX_ROUTED_TEAMS {
        return Vec::new();
    }
    let mut b = FixBuilder::new(map);
    let mut moved: BTreeSet<(&Id, &Id, LinkKind)> = BTreeSet::new();
    for (team, streams) in &by_team {
        let name = format!("{} ({})", original.name, team_name(map, team));
        let ingress = b.add_service(
            (&name, &format!("{gateway}-{team}")),
            original.kind,
            Some((*team).clone()),
            format!(
                "{}'s own entry point, split from {}.",
                team_name(map, team),
                original.name
            ),
            &[gateway],
        );
        for (k, at) in streams {
            b.replace_step(&k.id, *at, &ingress);
            for link in uses(k, *at) {
                let (from, to) = if &link.to == gateway {
                    (&link.from, &ingress)
                } else {
                    (&ingress, &link.to)
                };
                b.add_link(from, to, link.kind, &link.label);
                moved.insert(link.key());
            }
        }
        for link in &map.links {
            if &link.from == gateway
                && link.kind == LinkKind::Sync
                && owner_of(&link.to) == Some(*team)
            {
                b.add_link(&ingress, &link.to, link.kind, &link.label);
                moved.insert(link.key());
            }
        }
    }
    for link in &map.links {
        if moved.contains(&link.key()) && !kept.contains(&link.key()) {
            b.remove_link(link);
        }
    }
    vec![Fix::edits(
        "gateway-bottleneck",
        subjects,
        format!(
            "Split {} into one ingress per stream team ({})",
            service_name(map, gateway),
            by_team.len()
        ),
        b.finish(),
    )]
}
