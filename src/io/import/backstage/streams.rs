//! Systems as draft streams: each `System`'s services, in dependency order,
//! owned by the system's owner. Backstage has no value streams, so these
//! are a starting point for people to correct.

use std::collections::{BTreeSet, HashMap};

use super::catalog::{Catalog, Lookup};
use super::entity::Key;
use super::notes::Notes;
use crate::model::{Id, Link, Map, Service, ServiceKind, Step, Stream};

impl Catalog<'_> {
    /// Draft streams: each system's services in dependency order.
    pub(super) fn streams(
        &self,
        ids: &HashMap<Key, Id>,
        user_teams: &HashMap<Key, Id>,
        map: &Map,
        notes: &mut Notes,
    ) -> Vec<Stream> {
        let mut members: HashMap<&Key, Vec<&Service>> = HashMap::new();
        let services: HashMap<&Id, &Service> = map.services.iter().map(|s| (&s.id, s)).collect();
        for (key, entity) in &self.entities {
            let Some(service) = ids.get(key).and_then(|id| services.get(id)) else {
                continue;
            };
            let Some(text) = entity.text(&["spec", "system"]) else {
                continue;
            };
            match self.lookup(text, &entity.namespace, &["system"]) {
                Lookup::Found(system, _) if system.kind == "system" => {
                    members.entry(system).or_default().push(service);
                }
                Lookup::Found(other, _) => notes.issue(
                    entity,
                    "spec.system",
                    format!("{text:?} is a {}, not a system", other.kind),
                ),
                Lookup::Missing(wanted) => notes.issue(
                    entity,
                    "spec.system",
                    format!("unknown system {text:?} (no {wanted})"),
                ),
                Lookup::NotAReference => notes.issue(
                    entity,
                    "spec.system",
                    format!("{text:?} is not an entity reference"),
                ),
            }
        }
        let mut streams = Vec::new();
        for (key, system) in self.of_kind("system") {
            let Some(id) = ids.get(key) else { continue };
            let Some(steps) = members.get(key).filter(|m| !m.is_empty()) else {
                notes.skip(
                    "system",
                    "no imported component names it in spec.system",
                    system.reference(),
                );
                continue;
            };
            streams.push(Stream {
                id: id.clone(),
                name: system.display_name(&[]),
                owner: self.owner(system, ids, user_teams, notes),
                customer: String::new(),
                description: format!(
                    "Draft imported from the Backstage system {}: its components in dependency \
                     order. Backstage has no value streams, so check the steps, their order and \
                     the customer.",
                    system.reference()
                ),
                color: None,
                steps: dependency_order(steps, &map.links)
                    .into_iter()
                    .map(|service| Step {
                        service,
                        stage: String::new(),
                        work: None,
                        wait: None,
                        complete_accurate: None,
                    })
                    .collect(),
            });
        }
        streams
    }
}

/// The steps of a draft stream: callers before what they call (a
/// topological order of the links among the services), ties and cycles
/// broken by kind (front ends first, datastores last), then id.
fn dependency_order(services: &[&Service], links: &[Link]) -> Vec<Id> {
    let rank = |s: &Service| match s.kind {
        ServiceKind::Frontend => 0,
        ServiceKind::Gateway => 1,
        ServiceKind::Service | ServiceKind::Acl => 2,
        ServiceKind::Legacy => 3,
        ServiceKind::External => 4,
        ServiceKind::Datastore => 5,
    };
    let mut callers: HashMap<&Id, usize> = services.iter().map(|s| (&s.id, 0)).collect();
    let mut callees: HashMap<&Id, Vec<&Id>> = HashMap::new();
    for link in links {
        if callers.contains_key(&link.from) && callers.contains_key(&link.to) {
            *callers.entry(&link.to).or_default() += 1;
            callees.entry(&link.from).or_default().push(&link.to);
        }
    }
    let key_of: HashMap<&Id, (u8, &Id)> =
        services.iter().map(|s| (&s.id, (rank(s), &s.id))).collect();
    let mut remaining: BTreeSet<(u8, &Id)> = key_of.values().copied().collect();
    let mut ready: BTreeSet<(u8, &Id)> = remaining
        .iter()
        .filter(|(_, id)| callers.get(id).is_some_and(|&n| n == 0))
        .copied()
        .collect();
    let mut order = Vec::with_capacity(services.len());
    // The first ready service; in a cycle (none ready), the first left.
    while let Some(next) = ready.pop_first().or_else(|| remaining.first().copied()) {
        remaining.remove(&next);
        for callee in callees.get(next.1).into_iter().flatten() {
            if let Some(n) = callers.get_mut(callee) {
                *n = n.saturating_sub(1);
                if *n == 0
                    && let Some(key) = key_of.get(callee)
                    && remaining.contains(key)
                {
                    ready.insert(*key);
                }
            }
        }
        order.push(next.1.clone());
    }
    order
}
