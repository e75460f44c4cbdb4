//! Links from the catalog's relations: `spec.dependsOn` and
//! `spec.dependencyOf` between components and databases, and
//! `spec.consumesApis` to the components that provide the API.

use std::collections::{BTreeSet, HashMap};

use super::catalog::{Catalog, Lookup};
use super::entity::{Entity, Key, list_items};
use super::notes::Notes;
use super::roles::is_database;
use crate::io::import::assemble::{LinkSet, add_link};
use crate::model::{Id, LinkKind};

impl Catalog<'_> {
    /// The services providing each API (`spec.providesApis`), reporting
    /// references to APIs that do not exist.
    pub(super) fn providers(
        &self,
        ids: &HashMap<Key, Id>,
        notes: &mut Notes,
    ) -> HashMap<Key, BTreeSet<Id>> {
        let mut providers: HashMap<Key, BTreeSet<Id>> = HashMap::new();
        for (key, entity) in self.of_kind("component") {
            let items = list_items(entity.node.at(&["spec", "providesApis"]));
            for (i, item) in items.into_iter().enumerate() {
                let field = format!("spec.providesApis[{i}]");
                match self.lookup_api(item, entity) {
                    Ok(api) => {
                        if let Some(id) = ids.get(key) {
                            providers.entry(api.clone()).or_default().insert(id.clone());
                        }
                    }
                    Err(message) => notes.issue(entity, field, message),
                }
            }
        }
        providers
    }

    /// The API an item of `spec.providesApis` or `spec.consumesApis` names,
    /// or why it names none.
    fn lookup_api(&self, item: Option<&str>, entity: &Entity<'_>) -> Result<&Key, String> {
        let Some(text) = item else {
            return Err("not an entity reference".into());
        };
        match self.lookup(text, &entity.namespace, &["api"]) {
            Lookup::Found(key, _) if key.kind == "api" => Ok(key),
            Lookup::Found(key, _) => Err(format!("{text:?} is a {}, not an API", key.kind)),
            Lookup::Missing(wanted) => Err(format!("unknown API {text:?} (no {wanted})")),
            Lookup::NotAReference => Err(format!("{text:?} is not an entity reference")),
        }
    }

    /// `spec.dependsOn` and `spec.dependencyOf` of components and resources.
    pub(super) fn dependencies(
        &self,
        ids: &HashMap<Key, Id>,
        providers: &HashMap<Key, BTreeSet<Id>>,
        links: &mut LinkSet,
        notes: &mut Notes,
    ) {
        for (key, entity) in &self.entities {
            if !matches!(entity.kind.as_str(), "component" | "resource") {
                continue;
            }
            let own = ids.get(key);
            for (field, reversed) in [("dependsOn", false), ("dependencyOf", true)] {
                let items = list_items(entity.node.at(&["spec", field]));
                for (i, item) in items.into_iter().enumerate() {
                    let place = format!("spec.{field}[{i}]");
                    let Some(text) = item else {
                        notes.issue(entity, place, "not an entity reference".into());
                        continue;
                    };
                    let kinds = ["component", "resource", "api"];
                    let (target, target_entity) = match self.lookup(text, &entity.namespace, &kinds)
                    {
                        Lookup::Found(target, target_entity) => (target, target_entity),
                        Lookup::Missing(wanted) => {
                            let message = format!("dangling dependency {text:?} (no {wanted})");
                            notes.issue(entity, place, message);
                            continue;
                        }
                        Lookup::NotAReference => {
                            let message = format!("{text:?} is not an entity reference");
                            notes.issue(entity, place, message);
                            continue;
                        }
                    };
                    // A library or a resource that is not a database is
                    // resolved but not on the map: no link, nothing to report.
                    let Some(own) = own else { continue };
                    let mut add = |other: &Id, kind: LinkKind, label: String| {
                        let (from, to) = if reversed { (other, own) } else { (own, other) };
                        add_link(links, from, to, kind, label);
                    };
                    match target.kind.as_str() {
                        "api" => {
                            let label = target_entity.display_name(&[]);
                            for provider in providers.get(target).into_iter().flatten() {
                                add(provider, LinkKind::Sync, label.clone());
                            }
                        }
                        "component" | "resource" => {
                            let Some(other) = ids.get(target) else { continue };
                            // Depending on a database reads its data.
                            let database = |k: &Key, e: &Entity<'_>| {
                                k.kind == "resource" && is_database(&e.spec_type())
                            };
                            let data = if reversed {
                                database(key, entity)
                            } else {
                                database(target, target_entity)
                            };
                            let kind = if data { LinkKind::Data } else { LinkKind::Sync };
                            add(other, kind, String::new());
                        }
                        other => notes.issue(
                            entity,
                            place,
                            format!("{text:?} is a {other}; only components, resources and APIs become links"),
                        ),
                    }
                }
            }
        }
    }

    /// `spec.subcomponentOf`: a subcomponent runs as part of its parent, so
    /// the parent calls it (a `sync` link labelled "subcomponent"), and it
    /// takes the parent's owner when it names none. Returns how many were
    /// tied, for the report.
    pub(super) fn subcomponents(
        &self,
        ids: &HashMap<Key, Id>,
        services: &mut [crate::model::Service],
        links: &mut LinkSet,
        notes: &mut Notes,
    ) -> usize {
        let mut tied = 0;
        for (key, entity) in self.of_kind("component") {
            let Some(text) = entity.text(&["spec", "subcomponentOf"]) else {
                continue;
            };
            let Some(own) = ids.get(key) else { continue };
            let parent = match self.lookup(text, &entity.namespace, &["component"]) {
                Lookup::Found(parent, _) => parent,
                Lookup::Missing(wanted) => {
                    let message = format!("unknown parent {text:?} (no {wanted})");
                    notes.issue(entity, "spec.subcomponentOf", message);
                    continue;
                }
                Lookup::NotAReference => {
                    let message = format!("{text:?} is not an entity reference");
                    notes.issue(entity, "spec.subcomponentOf", message);
                    continue;
                }
            };
            let Some(parent_id) = ids.get(parent) else {
                continue;
            };
            add_link(links, parent_id, own, LinkKind::Sync, "subcomponent".into());
            let parent_owner = services
                .iter()
                .find(|s| &s.id == parent_id)
                .and_then(|s| s.owner.clone());
            if let Some(service) = services.iter_mut().find(|s| &s.id == own)
                && service.owner.is_none()
            {
                service.owner = parent_owner;
            }
            tied += 1;
        }
        tied
    }

    /// `spec.consumesApis`: a `sync` link from the consumer to each provider.
    pub(super) fn api_links(
        &self,
        ids: &HashMap<Key, Id>,
        providers: &HashMap<Key, BTreeSet<Id>>,
        links: &mut LinkSet,
        notes: &mut Notes,
    ) {
        for (key, entity) in self.of_kind("component") {
            let items = list_items(entity.node.at(&["spec", "consumesApis"]));
            for (i, item) in items.into_iter().enumerate() {
                let field = format!("spec.consumesApis[{i}]");
                let api = match self.lookup_api(item, entity) {
                    Ok(api) => api,
                    Err(message) => {
                        notes.issue(entity, field, message);
                        continue;
                    }
                };
                let Some(api_providers) = providers.get(api) else {
                    let message = format!(
                        "the API {} has no provider (no component lists it in spec.providesApis)",
                        self.entities
                            .get(api)
                            .map_or_else(String::new, Entity::reference)
                    );
                    notes.issue(entity, field, message);
                    continue;
                };
                let Some(own) = ids.get(key) else { continue };
                let label = self
                    .entities
                    .get(api)
                    .map(|a| a.display_name(&[]))
                    .unwrap_or_default();
                for provider in api_providers {
                    add_link(links, own, provider, LinkKind::Sync, label.clone());
                }
            }
        }
    }
}
