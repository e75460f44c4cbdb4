//! What each entity becomes on the map (a service, a team, a stream or
//! nothing, reported as skipped), and the id each mapped entity gets.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::catalog::{Catalog, Lookup};
use super::entity::{Entity, Key, list_items};
use super::notes::Notes;
use super::options::BackstageOptions;
use super::org_units::is_organisational_unit;
use crate::model::{Id, slug_id};

/// What a mapped entity becomes in the map; the order is which keeps a
/// slug that several entities would share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Role {
    /// A component or a database.
    Service,
    /// A group.
    Team,
    /// A system, when systems become streams.
    Stream,
}

impl Role {
    /// What qualifies the id of an entity that lost its slug to another of
    /// its namespace: `payments-team`.
    fn suffix(self) -> &'static str {
        match self {
            Role::Service => "service",
            Role::Team => "team",
            Role::Stream => "stream",
        }
    }
}

impl Catalog<'_> {
    /// Which entities become what; `units` are the groups that are not
    /// teams ([`Catalog::organisational_units`]).
    pub(super) fn roles(
        &self,
        options: &BackstageOptions,
        units: &BTreeSet<Key>,
    ) -> BTreeMap<Key, Role> {
        let mut roles = BTreeMap::new();
        let depended_on = self.depended_on_resources();
        for (key, entity) in &self.entities {
            let role = match entity.kind.as_str() {
                "group" => (!units.contains(key)).then_some(Role::Team),
                "component" => (entity.spec_type() != "library" || options.include_libraries)
                    .then_some(Role::Service),
                "resource" => (is_database(&entity.spec_type()) || depended_on.contains(key))
                    .then_some(Role::Service),
                "system" if options.systems_as_streams => Some(Role::Stream),
                _ => None,
            };
            if let Some(role) = role {
                roles.insert(key.clone(), role);
            }
        }
        roles
    }

    /// The resources a component or resource depends on (`spec.dependsOn`,
    /// or the resource's own `spec.dependencyOf`): an identity provider, a
    /// bucket, a CD tool are real dependencies, kept as services.
    pub(super) fn depended_on_resources(&self) -> BTreeSet<Key> {
        let mut out = BTreeSet::new();
        for (key, entity) in &self.entities {
            if !matches!(entity.kind.as_str(), "component" | "resource") {
                continue;
            }
            if entity.kind == "resource"
                && list_items(entity.node.at(&["spec", "dependencyOf"]))
                    .into_iter()
                    .flatten()
                    .next()
                    .is_some()
            {
                out.insert(key.clone());
            }
            for text in list_items(entity.node.at(&["spec", "dependsOn"]))
                .into_iter()
                .flatten()
            {
                let kinds = ["component", "resource", "api"];
                if let Lookup::Found(target, _) = self.lookup(text, &entity.namespace, &kinds)
                    && target.kind == "resource"
                {
                    out.insert(target.clone());
                }
            }
        }
        out
    }

    /// Reports every entity that is not on the map, by kind and reason.
    pub(super) fn skip_the_rest(
        &self,
        roles: &BTreeMap<Key, Role>,
        options: &BackstageOptions,
        notes: &mut Notes,
    ) {
        for (key, entity) in &self.entities {
            if roles.contains_key(key) {
                continue;
            }
            let spec_type = entity.spec_type();
            let (kind, reason) = match entity.kind.as_str() {
                "component" => (
                    "component (type library)".to_string(),
                    "libraries run inside other services; include them with --include-libraries (in the editor: Include libraries)",
                ),
                "resource" => (
                    format!(
                        "resource (type {})",
                        if spec_type.is_empty() {
                            "none"
                        } else {
                            &spec_type
                        }
                    ),
                    "only databases, and resources something depends on, become services",
                ),
                "api" => (
                    "api".into(),
                    "APIs become links from their consumers to their providers",
                ),
                "group" if is_organisational_unit(&spec_type) => (
                    format!("group (type {spec_type})"),
                    "an organisational unit above teams (organization, business unit, department, division), not a team",
                ),
                "group" => (
                    format!(
                        "group (type {})",
                        if spec_type.is_empty() {
                            "none"
                        } else {
                            &spec_type
                        }
                    ),
                    "holds other groups, but has no members and owns nothing: an organisational unit, not a team",
                ),
                "user" => (
                    "user".into(),
                    "users count as members of their groups and own through them",
                ),
                "system" if !options.systems_as_streams => (
                    "system".into(),
                    "Backstage has no value streams; --systems-as-streams (in the editor: Draft a stream per system) drafts one per system",
                ),
                "system" => continue,
                other => (other.to_string(), "not mapped"),
            };
            notes.skip(kind, reason, entity.reference());
        }
    }
}

/// Map ids for every mapped entity: the slug of its name; where several
/// entities would share one, the first (services before teams before
/// streams, the `default` namespace first) keeps it and the others are
/// qualified with their namespace (or, in the same namespace, with what they
/// became: `payments-team`), then numbered if still taken.
pub(super) fn assign_ids(
    entities: &BTreeMap<Key, Entity<'_>>,
    roles: &BTreeMap<Key, Role>,
) -> HashMap<Key, Id> {
    let mut by_slug: BTreeMap<String, Vec<(Role, bool, &Key)>> = BTreeMap::new();
    for (key, role) in roles {
        let Some(entity) = entities.get(key) else {
            continue;
        };
        let slug = slug_id(&entity.name, |_| false).as_str().to_string();
        by_slug
            .entry(slug)
            .or_default()
            .push((*role, entity.namespace != "default", key));
    }
    let mut wanted: Vec<(bool, Role, &Key, String)> = Vec::new();
    for (slug, mut claims) in by_slug {
        claims.sort();
        for (i, (role, other_namespace, key)) in claims.iter().enumerate() {
            let candidate = if i == 0 {
                slug.clone()
            } else if *other_namespace {
                format!("{}-{slug}", key.namespace)
            } else {
                format!("{slug}-{}", role.suffix())
            };
            wanted.push((i > 0, *role, key, candidate));
        }
    }
    // Unqualified names first, so a qualified one never takes a plain one.
    wanted.sort();
    let mut taken = HashSet::new();
    let mut ids = HashMap::new();
    for (_, _, key, candidate) in wanted {
        let id = slug_id(&candidate, |c| taken.contains(c));
        taken.insert(id.as_str().to_string());
        ids.insert(key.clone(), id);
    }
    ids
}

/// Whether a Backstage resource `spec.type` is a database.
pub(super) fn is_database(spec_type: &str) -> bool {
    matches!(spec_type, "database" | "db" | "datastore")
}
