//! Synchronous coupling cured with events (`sync-coupling`, `sync-cycle`,
//! `blast-radius`, `one-hop`): the call becomes an event in the same
//! direction (the caller publishes what it would have asked for, the callee
//! reacts), so neither waits for the other or fails with it.
//!
//! Which calls: for `sync-coupling`, the call itself; for a cycle, the
//! calls inside it that cross a team boundary (what is left are calls
//! within one team, which form no cycle across teams); for blast radius,
//! the calls across teams on the paths into the service, those farthest
//! from it first (all at one distance together), until few enough teams
//! reach it; for one hop, the service's calls
//! and reads with the teams it is least coupled to, keeping as many teams
//! as the threshold allows (a read becomes an event from the data's owner).

use std::collections::{BTreeMap, VecDeque};

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::fix::builder::FixBuilder;
use crate::fix::fix::Fix;
use crate::fix::naming::{service_name, team_name};
use crate::model::{Id, Link, LinkKind, Map, TeamType};

/// The fix for a `sync-coupling` finding on (`from`, `to`).
pub(crate) fn sync_coupling(map: &Map, subjects: &[Id]) -> Vec<Fix> {
    let [from, to] = subjects else {
        return Vec::new();
    };
    let Some(call) = map
        .links
        .iter()
        .find(|l| l.key() == (from, to, LinkKind::Sync))
    else {
        return Vec::new();
    };
    let mut b = FixBuilder::new(map);
    b.replace_link(call, from, to, LinkKind::Event);
    vec![Fix::edits(
        "sync-coupling",
        subjects,
        format!(
            "Turn {}'s call to {} into an event",
            service_name(map, from),
            service_name(map, to)
        ),
        b.finish(),
    )]
}

/// The fix for a `sync-cycle` finding on the services of the cycle.
pub(crate) fn sync_cycle(map: &Map, subjects: &[Id]) -> Vec<Fix> {
    let members: HashSet<&Id> = subjects.iter().collect();
    let owner = owners(map);
    let crossing: Vec<&Link> = map
        .links
        .iter()
        .filter(|l| {
            l.kind == LinkKind::Sync
                && members.contains(&l.from)
                && members.contains(&l.to)
                && owner.get(&l.from) != owner.get(&l.to)
        })
        .collect();
    if crossing.is_empty() {
        return Vec::new();
    }
    let mut b = FixBuilder::new(map);
    for link in &crossing {
        b.replace_link(link, &link.from, &link.to, LinkKind::Event);
    }
    vec![Fix::edits(
        "sync-cycle",
        subjects,
        format!(
            "Turn the {} calls across teams in the cycle into events",
            crossing.len()
        ),
        b.finish(),
    )]
}

/// The fix for a `blast-radius` finding on `service`.
pub(crate) fn blast_radius(map: &Map, subjects: &[Id]) -> Vec<Fix> {
    let [service] = subjects else {
        return Vec::new();
    };
    let max = map.settings.blast_radius_max_teams();
    let owner = owners(map);
    let own = owner.get(service).copied();
    let mut callers_of: HashMap<&Id, Vec<&Link>> = HashMap::default();
    for link in map.links.iter().filter(|l| l.kind == LinkKind::Sync) {
        callers_of.entry(&link.to).or_default().push(link);
    }
    let mut cut: HashSet<(&Id, &Id)> = HashSet::default();
    loop {
        // The services that reach `service` through calls not yet cut, with
        // their distance, and the teams among them.
        let mut distance: HashMap<&Id, usize> = HashMap::default();
        distance.insert(service, 0);
        let mut queue = VecDeque::from([service]);
        let mut crossing: Vec<(usize, &Link)> = Vec::new();
        while let Some(at) = queue.pop_front() {
            let d = distance[at];
            for link in callers_of.get(at).into_iter().flatten() {
                if cut.contains(&(&link.from, &link.to)) {
                    continue;
                }
                if owner.get(&link.from) != owner.get(&link.to) {
                    crossing.push((d + 1, link));
                }
                if !distance.contains_key(&link.from) {
                    distance.insert(&link.from, d + 1);
                    queue.push_back(&link.from);
                }
            }
        }
        let teams: HashSet<&Id> = distance
            .keys()
            .filter_map(|s| owner.get(s).copied())
            .filter(|t| Some(*t) != own)
            .collect();
        if teams.len() <= max {
            break;
        }
        // The farthest calls across teams go first, all those at one
        // distance together (one search per distance, not per call).
        let Some(farthest) = crossing.iter().map(|(d, _)| *d).max() else {
            break;
        };
        for (_, link) in crossing.into_iter().filter(|(d, _)| *d == farthest) {
            cut.insert((&link.from, &link.to));
        }
    }
    if cut.is_empty() {
        return Vec::new();
    }
    let mut b = FixBuilder::new(map);
    let mut cut: Vec<&(&Id, &Id)> = cut.iter().collect();
    cut.sort();
    for (from, to) in &cut {
        if let Some(link) = map
            .links
            .iter()
            .find(|l| l.key() == (*from, *to, LinkKind::Sync))
        {
            b.replace_link(link, from, to, LinkKind::Event);
        }
    }
    vec![Fix::edits(
        "blast-radius",
        subjects,
        format!(
            "Turn {} across teams on the way to {} into events, farthest first",
            if cut.len() == 1 {
                "1 call".to_string()
            } else {
                format!("{} calls", cut.len())
            },
            service_name(map, service)
        ),
        b.finish(),
    )]
}

/// The fix for a `one-hop` finding on `service`.
pub(crate) fn one_hop(map: &Map, subjects: &[Id]) -> Vec<Fix> {
    let [service] = subjects else {
        return Vec::new();
    };
    let max = map.settings.one_hop_max_hops();
    let owner = owners(map);
    let platform = platform_teams(map);
    let Some(own) = owner.get(service).copied() else {
        return Vec::new();
    };
    // The service's calls and reads, by the other team they couple it to.
    let mut by_team: BTreeMap<&Id, Vec<&Link>> = BTreeMap::new();
    for link in &map.links {
        if link.kind == LinkKind::Event || (&link.from != service && &link.to != service) {
            continue;
        }
        let other = if &link.from == service {
            &link.to
        } else {
            &link.from
        };
        if let Some(team) = owner.get(other).copied()
            && team != own
            && !platform.contains(team)
        {
            by_team.entry(team).or_default().push(link);
        }
    }
    if by_team.len() <= max {
        return Vec::new();
    }
    // Keep the teams it is most coupled to; decouple from the rest.
    let mut ranked: Vec<(&Id, Vec<&Link>)> = by_team.into_iter().collect();
    ranked.sort_by(|(ta, a), (tb, b)| b.len().cmp(&a.len()).then(ta.cmp(tb)));
    let released = &ranked[max..];
    let mut b = FixBuilder::new(map);
    for (_, links) in released {
        for link in links {
            match link.kind {
                LinkKind::Data => b.replace_link(link, &link.to, &link.from, LinkKind::Event),
                _ => b.replace_link(link, &link.from, &link.to, LinkKind::Event),
            }
        }
    }
    let names: Vec<&str> = released.iter().map(|(t, _)| team_name(map, t)).collect();
    vec![Fix::edits(
        "one-hop",
        subjects,
        format!(
            "Decouple {} from {}: its calls and reads there become events",
            service_name(map, service),
            names.join(", ")
        ),
        b.finish(),
    )]
}

/// Each owned service's team.
fn owners(map: &Map) -> HashMap<&Id, &Id> {
    map.services
        .iter()
        .filter_map(|s| Some((&s.id, s.owner.as_ref()?)))
        .collect()
}

/// The platform teams' ids.
fn platform_teams(map: &Map) -> HashSet<&Id> {
    map.teams
        .iter()
        .filter(|t| t.team_type == TeamType::Platform)
        .map(|t| &t.id)
        .collect()
}
