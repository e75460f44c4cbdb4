//! `missing-acl`: put an anti-corruption layer between the streams and a
//! legacy system. The callers are re-pointed at a new `acl` service that
//! alone calls the legacy system, so the streams stop taking on its model
//! and pace and it can be replaced step by step.
//!
//! Two fixes: one layer for every caller (owned by a platform team when the
//! map has one, else by the legacy system's team, else by the caller's), or,
//! when several teams call the system, one layer per calling team, each
//! owned by its team (they then translate only what their stream needs).

use std::collections::BTreeMap;

use crate::fix::builder::FixBuilder;
use crate::fix::fix::Fix;
use crate::fix::naming::team_name;
use crate::model::{Id, Link, LinkKind, Map, ServiceKind, TeamType};

/// The fixes for a `missing-acl` finding on (`caller`, `legacy`).
pub(crate) fn fixes(map: &Map, subjects: &[Id]) -> Vec<Fix> {
    let [caller, legacy] = subjects else {
        return Vec::new();
    };
    let Some(legacy_service) = map.service(legacy.as_str()) else {
        return Vec::new();
    };
    // Every direct call or read of the legacy system by a service that is
    // not itself legacy or a layer: what the rule fires on.
    let direct: Vec<&Link> = map
        .links
        .iter()
        .filter(|l| {
            &l.to == legacy
                && matches!(l.kind, LinkKind::Sync | LinkKind::Data)
                && map
                    .service(l.from.as_str())
                    .is_some_and(|s| !matches!(s.kind, ServiceKind::Legacy | ServiceKind::Acl))
        })
        .collect();
    if !direct.iter().any(|l| &l.from == caller) {
        return Vec::new();
    }
    let owner_of = |id: &Id| map.service(id.as_str()).and_then(|s| s.owner.clone());
    let platform = map
        .teams
        .iter()
        .find(|t| t.team_type == TeamType::Platform)
        .map(|t| t.id.clone());
    let legacy_name = &legacy_service.name;
    let mut fixes = Vec::new();

    let one_owner = platform
        .or_else(|| legacy_service.owner.clone())
        .or_else(|| owner_of(caller));
    let mut b = FixBuilder::new(map);
    let name = format!("{legacy_name} ACL");
    let acl = b.add_service(
        (&name, &format!("{legacy}-acl")),
        ServiceKind::Acl,
        one_owner.clone(),
        format!("Anti-corruption layer: translates {legacy_name}'s model for the streams."),
        &[legacy],
    );
    reroute(&mut b, &direct, &acl, legacy);
    let owner = one_owner.as_ref().map_or(String::new(), |t| {
        format!(", owned by {}", team_name(map, t))
    });
    fixes.push(Fix::edits(
        "missing-acl",
        subjects,
        format!(
            "Put one anti-corruption layer, {legacy_name} ACL{owner}, between {legacy_name} and its {} callers",
            direct.len()
        ),
        b.finish(),
    ));

    let mut by_team: BTreeMap<Option<Id>, Vec<&Link>> = BTreeMap::new();
    for link in &direct {
        by_team.entry(owner_of(&link.from)).or_default().push(link);
    }
    if by_team.len() > 1 {
        let mut b = FixBuilder::new(map);
        for (team, links) in &by_team {
            let (name, id_base) = match team {
                Some(t) => (
                    format!("{legacy_name} ACL ({})", team_name(map, t)),
                    format!("{legacy}-acl-{t}"),
                ),
                None => (format!("{legacy_name} ACL"), format!("{legacy}-acl")),
            };
            let acl = b.add_service(
                (&name, &id_base),
                ServiceKind::Acl,
                team.clone(),
                format!("Anti-corruption layer: translates {legacy_name}'s model for its team."),
                &[legacy, &links[0].from],
            );
            reroute(&mut b, links, &acl, legacy);
        }
        fixes.push(Fix::edits(
            "missing-acl",
            subjects,
            format!(
                "Put an anti-corruption layer per calling team ({}) in front of {legacy_name}",
                by_team.len()
            ),
            b.finish(),
        ));
    }
    fixes
}

/// Re-points `links` at `acl` (a call: the layer answers for the legacy
/// system) and has the layer call the legacy system.
fn reroute(b: &mut FixBuilder<'_>, links: &[&Link], acl: &Id, legacy: &Id) {
    for link in links {
        b.replace_link(link, &link.from, acl, LinkKind::Sync);
    }
    b.add_link(acl, legacy, LinkKind::Sync, "");
}
