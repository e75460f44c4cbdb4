//! Making the map from the catalog: teams from groups, services from
//! components and databases, then links and (when asked) draft streams,
//! in an order that lets each step use the ids the previous ones assigned.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::catalog::{Catalog, Lookup};
use super::entity::{Entity, Key, list_items, parse_reference};
use super::notes::Notes;
use super::options::BackstageOptions;
use super::org_units::hierarchy_remark;
use super::roles::{Role, assign_ids, is_database};
use crate::io::import::assemble::{LinkSet, clip_description, clip_name, into_links};
use crate::model::{Id, Map, Service, ServiceKind, Team, TeamType};

impl Catalog<'_> {
    /// The map of the whole catalog, reporting into `notes` what it leaves
    /// out or cannot resolve.
    pub(super) fn build(&self, options: &BackstageOptions, notes: &mut Notes) -> Map {
        let units = self.organisational_units();
        let roles = self.roles(options, &units);
        let ids = assign_ids(&self.entities, &roles);
        let user_teams = self.user_teams(&ids);
        let mut map = Map {
            name: options
                .name
                .as_deref()
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map_or_else(|| "Imported Backstage catalog".to_string(), clip_name),
            description: "Imported from a Backstage catalog by `vsmap import backstage`: teams \
                from groups, services from components and databases, links from dependencies \
                and APIs. Check it, then set `reviewed`."
                .into(),
            ..Map::default()
        };
        map.teams = self.teams(&ids);
        let team_keys = (roles.iter())
            .filter(|(_, role)| **role == Role::Team)
            .map(|(key, _)| key.clone());
        let team_units: BTreeMap<String, Vec<String>> = (self.units_above(team_keys, &units))
            .into_iter()
            .filter_map(|(key, path)| Some((self.group_name(self.entities.get(&key)?), path)))
            .collect();
        notes.remarks.extend(hierarchy_remark(&team_units));
        map.services = self.services(&ids, &user_teams, notes);
        let providers = self.providers(&ids, notes);
        let mut links = LinkSet::new();
        notes.subcomponents = self.subcomponents(&ids, &mut map.services, &mut links, notes);
        self.dependencies(&ids, &providers, &mut links, notes);
        self.api_links(&ids, &providers, &mut links, notes);
        map.links = into_links(links);
        if options.systems_as_streams {
            map.streams = self.streams(&ids, &user_teams, &map, notes);
        }
        self.skip_the_rest(&roles, options, notes);
        map
    }

    /// A team per group, with its members counted.
    fn teams(&self, ids: &HashMap<Key, Id>) -> Vec<Team> {
        // Members: the users a group lists, and the users that list it.
        let mut members: HashMap<&Key, BTreeSet<String>> = HashMap::new();
        for (key, group) in self.of_kind("group") {
            let listed = members.entry(key).or_default();
            for text in list_items(group.node.at(&["spec", "members"]))
                .into_iter()
                .flatten()
            {
                if let Some(r) = parse_reference(text, &group.namespace) {
                    listed.insert(format!("{}/{}", r.namespace, r.name));
                }
            }
        }
        for (key, user) in self.of_kind("user") {
            for text in list_items(user.node.at(&["spec", "memberOf"]))
                .into_iter()
                .flatten()
            {
                if let Lookup::Found(group, _) = self.lookup(text, &user.namespace, &["group"]) {
                    members
                        .entry(group)
                        .or_default()
                        .insert(format!("{}/{}", key.namespace, key.name));
                }
            }
        }
        let mut teams = Vec::new();
        for (key, group) in self.of_kind("group") {
            let Some(id) = ids.get(key) else { continue };
            let count = members.get(key).map_or(0, BTreeSet::len);
            teams.push(Team {
                id: id.clone(),
                name: self.group_name(group),
                team_type: team_type(&group.spec_type()),
                members: (count > 0).then(|| u32::try_from(count).unwrap_or(u32::MAX)),
                color: None,
            });
        }
        teams
    }

    /// A service per component (libraries only when asked) and database.
    fn services(
        &self,
        ids: &HashMap<Key, Id>,
        user_teams: &HashMap<Key, Id>,
        notes: &mut Notes,
    ) -> Vec<Service> {
        let mut services = Vec::new();
        for (key, entity) in &self.entities {
            let Some(id) = ids.get(key) else { continue };
            let owner = self.owner(entity, ids, user_teams, notes);
            let kind = match entity.kind.as_str() {
                "component" => component_kind(&entity.spec_type()),
                "resource" if is_database(&entity.spec_type()) => ServiceKind::Datastore,
                // Another resource someone depends on: an identity provider,
                // a bucket, a CD tool. Outside the organisation when no team
                // of the catalog owns it.
                "resource" if owner.is_none() => ServiceKind::External,
                "resource" => ServiceKind::Service,
                _ => continue,
            };
            services.push(Service {
                id: id.clone(),
                name: entity.display_name(&[]),
                kind,
                owner,
                x: None,
                y: None,
                description: clip_description(
                    entity.text(&["metadata", "description"]).unwrap_or(""),
                ),
            });
        }
        services
    }
}

impl Catalog<'_> {
    /// A group's name: its title, else its profile's display name, else its
    /// `metadata.name`.
    pub(super) fn group_name(&self, group: &Entity<'_>) -> String {
        group.display_name(&[&["spec", "profile", "displayName"]])
    }
}

/// The team type a Backstage `spec.type` names, stream-aligned when it
/// names none: `platform`, `enabling`, `complicated-subsystem` (also with
/// `-team`, spaces or underscores), `stream-aligned`, `team`, `squad`, …
pub fn team_type(spec_type: &str) -> TeamType {
    let normalized = spec_type.trim().to_lowercase().replace([' ', '_'], "-");
    let normalized = normalized.strip_suffix("-team").unwrap_or(&normalized);
    match normalized {
        "platform" => TeamType::Platform,
        "enabling" | "enablement" => TeamType::Enabling,
        "complicated-subsystem" | "subsystem" => TeamType::ComplicatedSubsystem,
        _ => TeamType::StreamAligned,
    }
}

/// The service kind a Backstage component `spec.type` names.
pub fn component_kind(spec_type: &str) -> ServiceKind {
    match spec_type.trim().to_lowercase().as_str() {
        "website" | "frontend" | "web" | "mobile" | "mobile-app" => ServiceKind::Frontend,
        "gateway" | "api-gateway" => ServiceKind::Gateway,
        "legacy" => ServiceKind::Legacy,
        _ => ServiceKind::Service,
    }
}
