//! [`MapIndex`]: the lookups every rule needs, built once per analysis so
//! that each rule is a linear pass instead of a search per service.

use jiff::civil::Date;

use crate::model::{Id, LinkKind, Map, Service, ServiceKind, Settings, Stream, Team, TeamType};

use super::adjacency::Adjacency;
use super::id_lookup::IdLookup;
use super::indexed_link::IndexedLink;
use super::ix::{LinkIx, ServiceIx, StreamIx, SyncGroupIx, Table, TeamIx, TeamRank, enumerate};
use super::sync_groups::sync_groups;

/// Index-based views of a map. Services, teams, streams and links are
/// referred to by typed indices into the map's lists.
pub struct MapIndex<'a> {
    /// The map.
    pub map: &'a Map,
    /// The day the analysis runs on.
    pub today: Date,
    /// Owning team of each service.
    pub service_owner: Table<ServiceIx, Option<TeamIx>>,
    /// What each service is: rules that look at every link read it for both
    /// ends, and this is much smaller than the services themselves.
    pub service_kind: Table<ServiceIx, ServiceKind>,
    /// Whether each team is a platform team.
    pub team_is_platform: Table<TeamIx, bool>,
    /// Owning team of each stream.
    pub stream_owner: Table<StreamIx, Option<TeamIx>>,
    /// Services of each stream, in step order, each once.
    pub stream_steps: Adjacency<StreamIx, ServiceIx>,
    /// Streams each service is on, in stream order.
    pub service_streams: Adjacency<ServiceIx, StreamIx>,
    /// Every link whose ends are both on the map, in map order.
    pub links: Table<LinkIx, IndexedLink>,
    /// The links leaving each service.
    pub links_out: Adjacency<ServiceIx, LinkIx>,
    /// The links arriving at each service.
    pub links_in: Adjacency<ServiceIx, LinkIx>,
    /// The services each service calls through `sync` links, in map order.
    /// Rules about synchronous coupling read the callee beside its caller
    /// instead of following a link index into `links`.
    pub sync_callees: Adjacency<ServiceIx, ServiceIx>,
    /// Groups of services that call each other, directly or not, through
    /// `sync` links (strongly connected components), in reverse topological
    /// order: a group comes before the groups that call it.
    pub sync_groups: Adjacency<SyncGroupIx, ServiceIx>,
    /// The sync group of each service.
    pub sync_group_of: Table<ServiceIx, SyncGroupIx>,
    /// Each team's rank when teams are sorted by name (then id).
    pub team_rank: Table<TeamIx, TeamRank>,
    /// The teams sorted by name (then id): the inverse of `team_rank`.
    pub team_by_rank: Table<TeamRank, TeamIx>,
}

impl<'a> MapIndex<'a> {
    /// Builds the index. References that do not resolve (a map that was not
    /// validated) are treated as absent rather than panicking.
    pub fn new(map: &'a Map, today: Date) -> MapIndex<'a> {
        let teams: IdLookup<TeamIx> = IdLookup::new(map.teams.iter().map(|t| &t.id));
        let services: IdLookup<ServiceIx> = IdLookup::new(map.services.iter().map(|s| &s.id));
        let team_of = |owner: &Option<Id>| owner.as_ref().and_then(|o| teams.get(o));

        let service_owner = map.services.iter().map(|s| team_of(&s.owner)).collect();
        let service_kind = map.services.iter().map(|s| s.kind).collect();
        let team_is_platform = map
            .teams
            .iter()
            .map(|t| t.team_type == TeamType::Platform)
            .collect();
        let stream_owner = map.streams.iter().map(|s| team_of(&s.owner)).collect();

        let mut stream_steps = Adjacency::new();
        let mut on_stream: Vec<(ServiceIx, StreamIx)> = Vec::new();
        let mut steps: Vec<ServiceIx> = Vec::new();
        for (k, stream) in enumerate::<StreamIx, _>(&map.streams) {
            steps.clear();
            for step in &stream.steps {
                if let Some(s) = services.get(&step.service)
                    && !steps.contains(&s)
                {
                    steps.push(s);
                    on_stream.push((s, k));
                }
            }
            stream_steps.push_row(steps.iter().copied());
        }
        // Pairs come in stream order, so each service's list is in stream order.
        let service_streams = Adjacency::from_pairs(map.services.len(), &on_stream);

        let mut links = Vec::with_capacity(map.links.len());
        let mut outgoing = Vec::with_capacity(map.links.len());
        let mut incoming = Vec::with_capacity(map.links.len());
        let mut calls = Vec::with_capacity(map.links.len());
        let mut last_from = ServiceIx::new(0);
        for link in &map.links {
            let from = services.get_near(&link.from, last_from);
            if let (Some(from), Some(to)) = (from, services.get(&link.to)) {
                last_from = from;
                let l = LinkIx::new(links.len());
                outgoing.push((from, l));
                incoming.push((to, l));
                if link.kind == LinkKind::Sync {
                    calls.push((from, to));
                }
                links.push(IndexedLink {
                    from,
                    to,
                    kind: link.kind,
                });
            }
        }
        let links_out = Adjacency::from_pairs(map.services.len(), &outgoing);
        let links_in = Adjacency::from_pairs(map.services.len(), &incoming);
        let sync_callees = Adjacency::from_pairs(map.services.len(), &calls);
        let (sync_groups, sync_group_of) = sync_groups(&sync_callees);

        let mut team_by_rank: Vec<TeamIx> = (0..map.teams.len()).map(TeamIx::new).collect();
        team_by_rank.sort_by(|&a, &b| {
            let (a, b) = (&map.teams[a.index()], &map.teams[b.index()]);
            (&a.name, &a.id).cmp(&(&b.name, &b.id))
        });
        let mut team_rank = Table::filled(map.teams.len(), TeamRank::new(0));
        for (rank, &t) in enumerate::<TeamRank, _>(&team_by_rank) {
            team_rank[t] = rank;
        }

        MapIndex {
            map,
            today,
            service_owner,
            service_kind,
            team_is_platform,
            stream_owner,
            stream_steps,
            service_streams,
            links: Table::from(links),
            links_out,
            links_in,
            sync_callees,
            sync_groups,
            sync_group_of,
            team_rank,
            team_by_rank: Table::from(team_by_rank),
        }
    }

    /// The map's rule settings.
    pub fn settings(&self) -> &Settings {
        &self.map.settings
    }

    /// The map's services, each with its index.
    pub fn services(&self) -> impl Iterator<Item = (ServiceIx, &'a Service)> + use<'a> {
        enumerate(&self.map.services)
    }

    /// The map's teams, each with its index.
    pub fn teams(&self) -> impl Iterator<Item = (TeamIx, &'a Team)> + use<'a> {
        enumerate(&self.map.teams)
    }

    /// The map's streams, each with its index.
    pub fn streams(&self) -> impl Iterator<Item = (StreamIx, &'a Stream)> + use<'a> {
        enumerate(&self.map.streams)
    }

    /// Whether `team` is a platform team (no team is not).
    pub fn is_platform(&self, team: Option<TeamIx>) -> bool {
        team.is_some_and(|t| self.team_is_platform[t])
    }

    /// The display name of service `s`.
    pub fn service_name(&self, s: ServiceIx) -> &'a str {
        &self.map.services[s.index()].name
    }

    /// The display name of team `t`.
    pub fn team_name(&self, t: TeamIx) -> &'a str {
        &self.map.teams[t.index()].name
    }

    /// The display name of stream `k`.
    pub fn stream_name(&self, k: StreamIx) -> &'a str {
        &self.map.streams[k.index()].name
    }

    /// The id of service `s`.
    pub fn service_id(&self, s: ServiceIx) -> &'a Id {
        &self.map.services[s.index()].id
    }

    /// The id of team `t`.
    pub fn team_id(&self, t: TeamIx) -> &'a Id {
        &self.map.teams[t.index()].id
    }

    /// The ids of services `members`, sorted: a finding's subjects. A saved
    /// map lists services sorted by id, so sorting indices usually sorts the
    /// ids too, which one pass then confirms; only otherwise are the ids
    /// compared to sort them.
    pub fn sorted_service_ids(&self, members: &[ServiceIx]) -> Vec<Id> {
        let mut members = members.to_vec();
        members.sort_unstable();
        let ids_in_order = members
            .windows(2)
            .all(|w| self.service_id(w[0]) <= self.service_id(w[1]));
        if !ids_in_order {
            members.sort_by(|&a, &b| self.service_id(a).cmp(self.service_id(b)));
        }
        members
            .iter()
            .map(|&s| self.service_id(s).clone())
            .collect()
    }

    /// Team display names, sorted, for messages.
    pub fn team_names(&self, teams: impl IntoIterator<Item = TeamIx>) -> Vec<&'a str> {
        let mut names: Vec<&str> = teams.into_iter().map(|t| self.team_name(t)).collect();
        names.sort_unstable();
        names.dedup();
        names
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `map` with every id made afresh from its text: nothing shared, as
    /// when a map is built by hand or an edit makes a new id.
    fn unshared(map: &Map) -> Map {
        let fresh = |id: &Id| Id::new(id.as_str()).unwrap();
        let mut copy = map.clone();
        for team in &mut copy.teams {
            team.id = fresh(&team.id);
        }
        for service in &mut copy.services {
            service.id = fresh(&service.id);
            service.owner = service.owner.as_ref().map(fresh);
        }
        for link in &mut copy.links {
            (link.from, link.to) = (fresh(&link.from), fresh(&link.to));
        }
        for stream in &mut copy.streams {
            stream.owner = stream.owner.as_ref().map(fresh);
            for step in &mut stream.steps {
                step.service = fresh(&step.service);
            }
        }
        copy
    }

    #[test]
    fn references_are_found_whether_or_not_they_share_their_elements_id() {
        let shared =
            crate::generate::generate(&crate::generate::GenerateOptions::with_services(300));
        let separate = unshared(&shared);
        assert_ne!(
            separate.links[0].from.address(),
            separate
                .services
                .iter()
                .find(|s| s.id == separate.links[0].from)
                .unwrap()
                .id
                .address()
        );
        let today = crate::analysis::testing::test_today();
        let (a, b) = (
            MapIndex::new(&shared, today),
            MapIndex::new(&separate, today),
        );
        assert_eq!(a.links, b.links);
        assert_eq!(a.links.len(), shared.links.len());
        assert_eq!(a.service_owner, b.service_owner);
        assert_eq!(a.stream_owner, b.stream_owner);
        assert_eq!(a.stream_steps, b.stream_steps);
        assert!(a.service_owner.iter().any(Option::is_some));
        assert_eq!(
            crate::analysis::analyze_on(&shared, today),
            crate::analysis::analyze_on(&separate, today)
        );
    }

    #[test]
    fn team_ranks_follow_names_and_invert_each_other() {
        let map = crate::analysis::testing::builder()
            .sa("c")
            .sa("a")
            .sa("b")
            .build();
        let ix = MapIndex::new(&map, crate::analysis::testing::test_today());
        let by_rank: Vec<&str> = ix.team_by_rank.iter().map(|&t| ix.team_name(t)).collect();
        assert_eq!(by_rank, ["Team a", "Team b", "Team c"]);
        for (t, &rank) in ix.team_rank.iter_enumerated() {
            assert_eq!(ix.team_by_rank[rank], t);
        }
    }
}
