//! [`FixBuilder`]: edits written against a map that does not change while
//! they are written. It keeps the positions at which inserts land and the
//! ids already taken by the fix itself, so a fix that adds two services and
//! re-points five links is a list of edits that applies in order.

use std::collections::HashSet;

use super::place::free_spot_near;
use crate::edit::{Edit, ServiceField, StreamField};
use crate::model::{Id, Link, LinkKind, Map, Service, ServiceKind, Step, Team, TeamType, slug_id};

/// Edits for one fix, in the order they apply.
pub(super) struct FixBuilder<'m> {
    map: &'m Map,
    edits: Vec<Edit>,
    teams_len: usize,
    services_len: usize,
    links_len: usize,
    new_ids: HashSet<String>,
    /// Where the services this fix adds are drawn, so the next one is not
    /// put on top of them.
    placed: Vec<(f64, f64)>,
    removed_links: HashSet<(Id, Id, LinkKind)>,
    added_links: HashSet<(Id, Id, LinkKind)>,
}

impl<'m> FixBuilder<'m> {
    /// A builder for edits to `map`.
    pub(super) fn new(map: &'m Map) -> Self {
        FixBuilder {
            map,
            edits: Vec::new(),
            teams_len: map.teams.len(),
            services_len: map.services.len(),
            links_len: map.links.len(),
            new_ids: HashSet::new(),
            placed: Vec::new(),
            removed_links: HashSet::new(),
            added_links: HashSet::new(),
        }
    }

    /// The edits written so far.
    pub(super) fn finish(self) -> Vec<Edit> {
        self.edits
    }

    /// Whether nothing has been written.
    pub(super) fn is_empty(&self) -> bool {
        self.edits.is_empty()
    }

    /// A fresh id for a new element named `name`, unique in the map and
    /// among the elements this fix adds.
    fn fresh_id(&mut self, name: &str) -> Id {
        let id = slug_id(name, |c| self.map.id_in_use(c) || self.new_ids.contains(c));
        self.new_ids.insert(id.as_str().to_string());
        id
    }

    /// A new team; returns its id.
    pub(super) fn add_team(&mut self, name: &str, team_type: TeamType) -> Id {
        let id = self.fresh_id(name);
        self.edits.push(Edit::InsertTeam(
            self.teams_len,
            Team {
                id: id.clone(),
                name: name.to_string(),
                team_type,
                members: None,
                color: None,
            },
        ));
        self.teams_len += 1;
        id
    }

    /// A new service drawn near the services `near` (on a free spot), its id
    /// made from `id_base` (the name, unless a shorter one reads better);
    /// returns its id.
    pub(super) fn add_service(
        &mut self,
        (name, id_base): (&str, &str),
        kind: ServiceKind,
        owner: Option<Id>,
        description: String,
        near: &[&Id],
    ) -> Id {
        let id = self.fresh_id(id_base);
        let spot = free_spot_near(self.map, near, &self.placed);
        if let Some(spot) = spot {
            self.placed.push(spot);
        }
        self.edits.push(Edit::InsertService(
            self.services_len,
            Service {
                id: id.clone(),
                name: name.to_string(),
                kind,
                owner,
                x: spot.map(|s| s.0),
                y: spot.map(|s| s.1),
                description,
            },
        ));
        self.services_len += 1;
        id
    }

    /// Whether the link exists once the edits so far are applied.
    pub(super) fn has_link(&self, from: &Id, to: &Id, kind: LinkKind) -> bool {
        let key = (from.clone(), to.clone(), kind);
        self.added_links.contains(&key)
            || (!self.removed_links.contains(&key)
                && self.map.links.iter().any(|l| l.key() == (from, to, kind)))
    }

    /// A new link, unless it would join a service to itself or exists.
    pub(super) fn add_link(&mut self, from: &Id, to: &Id, kind: LinkKind, label: &str) {
        if from == to || self.has_link(from, to, kind) {
            return;
        }
        self.edits.push(Edit::InsertLink(
            self.links_len,
            Link {
                from: from.clone(),
                to: to.clone(),
                kind,
                label: label.to_string(),
            },
        ));
        self.added_links.insert((from.clone(), to.clone(), kind));
        self.links_len += 1;
    }

    /// Removes a link of the map (once).
    pub(super) fn remove_link(&mut self, link: &Link) {
        let key = (link.from.clone(), link.to.clone(), link.kind);
        if self.added_links.contains(&key) || !self.removed_links.insert(key) {
            return;
        }
        self.edits.push(Edit::RemoveLink(
            link.from.clone(),
            link.to.clone(),
            link.kind,
        ));
        self.links_len -= 1;
    }

    /// Replaces a link of the map by one with other ends or kind, keeping
    /// its label; where the replacement exists already, only removes it.
    pub(super) fn replace_link(&mut self, link: &Link, from: &Id, to: &Id, kind: LinkKind) {
        self.remove_link(link);
        self.add_link(from, to, kind, &link.label);
    }

    /// Gives a service another owner (nothing if it has that one).
    pub(super) fn set_service_owner(&mut self, service: &Id, owner: Option<Id>) {
        if self
            .map
            .service(service.as_str())
            .is_some_and(|s| s.owner != owner)
        {
            self.edits.push(Edit::SetService(
                service.clone(),
                ServiceField::Owner(owner),
            ));
        }
    }

    /// Gives a stream another owner (nothing if it has that one).
    pub(super) fn set_stream_owner(&mut self, stream: &Id, owner: Option<Id>) {
        if self
            .map
            .stream(stream.as_str())
            .is_some_and(|s| s.owner != owner)
        {
            self.edits
                .push(Edit::SetStream(stream.clone(), StreamField::Owner(owner)));
        }
    }

    /// Puts `service` in place of the stream's step at `at`, keeping its stage.
    pub(super) fn replace_step(&mut self, stream: &Id, at: usize, service: &Id) {
        let stage = self
            .map
            .stream(stream.as_str())
            .and_then(|s| s.steps.get(at))
            .map(|s| s.stage.clone())
            .unwrap_or_default();
        self.edits.push(Edit::RemoveStep(stream.clone(), at));
        self.edits.push(Edit::InsertStep(
            stream.clone(),
            at,
            Step {
                service: service.clone(),
                stage,
                work: None,
                wait: None,
                complete_accurate: None,
            },
        ));
    }
}
