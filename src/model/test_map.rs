//! A terse builder of small maps for tests.

use super::id::Id;
use super::link::{Link, LinkKind};
use super::map::Map;
use super::service::{Service, ServiceKind};
use super::stream::{Step, Stream};
use super::team::{Team, TeamType};

/// Builds a [`Map`] one element at a time; ids must be valid.
#[derive(Default)]
pub struct MapBuilder {
    map: Map,
}

fn id(s: &str) -> Id {
    Id::new(s).unwrap()
}

impl MapBuilder {
    /// An empty map reviewed on the tests' "today", so `stale-map` stays quiet.
    pub fn new() -> MapBuilder {
        let mut map = Map {
            name: "Test".into(),
            ..Map::default()
        };
        map.reviewed = Some(jiff::civil::date(2026, 11, 1));
        MapBuilder { map }
    }

    /// A team named after its id.
    pub fn team(mut self, team_id: &str, team_type: TeamType) -> Self {
        self.map.teams.push(Team {
            id: id(team_id),
            name: format!("Team {team_id}"),
            team_type,
            members: None,
            color: None,
        });
        self
    }

    /// A stream-aligned team.
    pub fn sa(self, team_id: &str) -> Self {
        self.team(team_id, TeamType::StreamAligned)
    }

    /// A platform team.
    pub fn platform(self, team_id: &str) -> Self {
        self.team(team_id, TeamType::Platform)
    }

    /// A service named after its id.
    pub fn service(mut self, service_id: &str, kind: ServiceKind, owner: Option<&str>) -> Self {
        self.map.services.push(Service {
            id: id(service_id),
            name: format!("Svc {service_id}"),
            kind,
            owner: owner.map(id),
            x: None,
            y: None,
            description: String::new(),
        });
        self
    }

    /// A plain service owned by `owner`.
    pub fn svc(self, service_id: &str, owner: &str) -> Self {
        self.service(service_id, ServiceKind::Service, Some(owner))
    }

    /// A link.
    pub fn link(mut self, from: &str, to: &str, kind: LinkKind) -> Self {
        self.map.links.push(Link {
            from: id(from),
            to: id(to),
            kind,
            label: String::new(),
        });
        self
    }

    /// A described stream through `steps`.
    pub fn stream(mut self, stream_id: &str, owner: Option<&str>, steps: &[&str]) -> Self {
        self.map.streams.push(Stream {
            id: id(stream_id),
            name: format!("Stream {stream_id}"),
            owner: owner.map(id),
            customer: "A customer".into(),
            description: "What it delivers.".into(),
            color: None,
            steps: steps
                .iter()
                .map(|s| Step {
                    service: id(s),
                    stage: String::new(),
                    work: None,
                    wait: None,
                    complete_accurate: None,
                })
                .collect(),
        });
        self
    }

    /// Edits the map directly.
    pub fn with(mut self, edit: impl FnOnce(&mut Map)) -> Self {
        edit(&mut self.map);
        self
    }

    /// The map.
    pub fn build(self) -> Map {
        self.map
    }
}
