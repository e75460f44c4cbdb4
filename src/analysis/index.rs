//! The lookups every rule needs, computed once per analysis so that each rule
//! is a linear pass instead of a search per service.

use rustc_hash::FxHashMap as HashMap;

use jiff::civil::Date;

use crate::model::{Id, LinkKind, Map, Settings, TeamType};

/// Index-based views of a map. Services, teams and streams are referred to by
/// their position in the map's vectors.
pub struct MapIndex<'a> {
    /// The map.
    pub map: &'a Map,
    /// The day the analysis runs on.
    pub today: Date,
    /// Owning team of each service.
    pub service_owner: Vec<Option<usize>>,
    /// Whether each team is a platform team.
    pub team_is_platform: Vec<bool>,
    /// Owning team of each stream.
    pub stream_owner: Vec<Option<usize>>,
    /// Services of each stream, in step order.
    pub stream_steps: Vec<Vec<usize>>,
    /// Streams each service is on, in stream order.
    pub service_streams: Vec<Vec<usize>>,
    /// Every link as (from, to, kind), in map order.
    pub links: Vec<(usize, usize, LinkKind)>,
    /// Indices into `links` leaving each service.
    pub links_out: Vec<Vec<usize>>,
    /// Indices into `links` arriving at each service.
    pub links_in: Vec<Vec<usize>>,
    /// Strongly connected groups of services under `sync` links, in reverse
    /// topological order (a group comes before the groups that call it).
    pub sync_components: Vec<Vec<usize>>,
    /// The position in `sync_components` of each service's group.
    pub sync_component_of: Vec<usize>,
    /// Each team's position when teams are sorted by name (then id).
    pub team_rank: Vec<usize>,
    /// The teams sorted by name (then id): the inverse of `team_rank`.
    pub team_by_rank: Vec<usize>,
}

/// A set of team positions, as a bit set: analysis unions many of them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TeamSet(Vec<u64>);

impl TeamSet {
    /// Adds team `t`.
    pub fn insert(&mut self, t: usize) {
        let (word, bit) = (t / 64, t % 64);
        if self.0.len() <= word {
            self.0.resize(word + 1, 0);
        }
        self.0[word] |= 1 << bit;
    }

    /// Adds every team of `other`.
    pub fn union_with(&mut self, other: &TeamSet) {
        if self.0.len() < other.0.len() {
            self.0.resize(other.0.len(), 0);
        }
        for (a, b) in self.0.iter_mut().zip(&other.0) {
            *a |= b;
        }
    }

    /// How many teams are in the set.
    pub fn len(&self) -> usize {
        self.0.iter().map(|w| w.count_ones() as usize).sum()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|&w| w == 0)
    }

    /// Whether team `t` is in the set.
    pub fn contains(&self, t: usize) -> bool {
        self.0.get(t / 64).is_some_and(|w| w & (1 << (t % 64)) != 0)
    }

    /// The teams, in ascending order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        self.0.iter().enumerate().flat_map(|(w, &bits)| {
            (0..64)
                .filter(move |b| bits & (1 << b) != 0)
                .map(move |b| w * 64 + b)
        })
    }
}

impl<'a> MapIndex<'a> {
    /// Builds the index. References that do not resolve (a map that was not
    /// validated) are treated as absent rather than panicking.
    pub fn new(map: &'a Map, today: Date) -> MapIndex<'a> {
        let team_pos: HashMap<&str, usize> = map
            .teams
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id.as_str(), i))
            .collect();
        let service_pos: HashMap<&str, usize> = map
            .services
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.as_str(), i))
            .collect();
        let team_of = |owner: &Option<Id>| {
            owner
                .as_ref()
                .and_then(|o| team_pos.get(o.as_str()).copied())
        };

        let service_owner = map.services.iter().map(|s| team_of(&s.owner)).collect();
        let team_is_platform = map
            .teams
            .iter()
            .map(|t| t.team_type == TeamType::Platform)
            .collect();
        let stream_owner = map.streams.iter().map(|s| team_of(&s.owner)).collect();

        let mut service_streams = vec![Vec::new(); map.services.len()];
        let stream_steps = map
            .streams
            .iter()
            .enumerate()
            .map(|(k, stream)| {
                let mut steps: Vec<usize> = Vec::with_capacity(stream.steps.len());
                for step in &stream.steps {
                    if let Some(&i) = service_pos.get(step.service.as_str())
                        && !steps.contains(&i)
                    {
                        steps.push(i);
                        service_streams[i].push(k);
                    }
                }
                steps
            })
            .collect();

        let mut links = Vec::with_capacity(map.links.len());
        let mut links_out = vec![Vec::new(); map.services.len()];
        let mut links_in = vec![Vec::new(); map.services.len()];
        for link in &map.links {
            if let (Some(&from), Some(&to)) = (
                service_pos.get(link.from.as_str()),
                service_pos.get(link.to.as_str()),
            ) {
                links_out[from].push(links.len());
                links_in[to].push(links.len());
                links.push((from, to, link.kind));
            }
        }

        let (sync_components, sync_component_of) = sync_components(map.services.len(), &links);
        let mut team_by_rank: Vec<usize> = (0..map.teams.len()).collect();
        team_by_rank.sort_by(|&a, &b| {
            let (a, b) = (&map.teams[a], &map.teams[b]);
            (&a.name, &a.id).cmp(&(&b.name, &b.id))
        });
        let mut team_rank = vec![0; map.teams.len()];
        for (rank, &t) in team_by_rank.iter().enumerate() {
            team_rank[t] = rank;
        }

        MapIndex {
            team_rank,
            team_by_rank,
            sync_components,
            sync_component_of,
            map,
            today,
            service_owner,
            team_is_platform,
            stream_owner,
            stream_steps,
            service_streams,
            links,
            links_out,
            links_in,
        }
    }

    /// For each group of `sync_components`: the teams owning a service that
    /// reaches the group through `sync` calls, or is in it, as ranks in
    /// `team_by_rank` (name order). Computed in one
    /// pass over the condensed call graph instead of a search per service.
    pub fn sync_caller_teams(&self) -> Vec<TeamSet> {
        let mut callers_of: Vec<Vec<usize>> = vec![Vec::new(); self.sync_components.len()];
        for &(from, to, kind) in &self.links {
            let (cf, ct) = (self.sync_component_of[from], self.sync_component_of[to]);
            if kind == LinkKind::Sync && cf != ct {
                callers_of[ct].push(cf);
            }
        }
        // Bits are team ranks in name order, so that the first teams of a set
        // are the first names alphabetically, without sorting a large set.
        let mut reach: Vec<TeamSet> = vec![TeamSet::default(); self.sync_components.len()];
        // Callers come after callees in `sync_components`, so walking it
        // backwards visits every caller group before the groups it calls.
        for c in (0..self.sync_components.len()).rev() {
            let mut set = TeamSet::default();
            for &s in &self.sync_components[c] {
                if let Some(t) = self.service_owner[s] {
                    set.insert(self.team_rank[t]);
                }
            }
            for &caller in &callers_of[c] {
                set.union_with(&reach[caller]);
            }
            reach[c] = set;
        }
        reach
    }

    /// The map's rule settings.
    pub fn settings(&self) -> &Settings {
        &self.map.settings
    }

    /// Whether team `t` is a platform team.
    pub fn is_platform(&self, team: Option<usize>) -> bool {
        team.is_some_and(|t| self.team_is_platform[t])
    }

    /// The display name of service `i`.
    pub fn service_name(&self, i: usize) -> &str {
        &self.map.services[i].name
    }

    /// The display name of team `t`.
    pub fn team_name(&self, t: usize) -> &str {
        &self.map.teams[t].name
    }

    /// The display name of stream `k`.
    pub fn stream_name(&self, k: usize) -> &str {
        &self.map.streams[k].name
    }

    /// The id of service `i`.
    pub fn service_id(&self, i: usize) -> &Id {
        &self.map.services[i].id
    }

    /// Team display names, sorted, for messages.
    pub fn team_names(&self, teams: impl IntoIterator<Item = usize>) -> Vec<&str> {
        let mut names: Vec<&str> = teams.into_iter().map(|t| self.team_name(t)).collect();
        names.sort_unstable();
        names.dedup();
        names
    }
}

/// Tarjan's strongly connected components of the `sync` call graph.
fn sync_components(n: usize, links: &[(usize, usize, LinkKind)]) -> (Vec<Vec<usize>>, Vec<usize>) {
    let mut graph = petgraph::graph::DiGraph::<(), ()>::with_capacity(n, links.len());
    for _ in 0..n {
        graph.add_node(());
    }
    for &(from, to, kind) in links {
        if kind == LinkKind::Sync {
            graph.add_edge(
                petgraph::graph::NodeIndex::new(from),
                petgraph::graph::NodeIndex::new(to),
                (),
            );
        }
    }
    let components: Vec<Vec<usize>> = petgraph::algo::tarjan_scc(&graph)
        .into_iter()
        .map(|c| c.into_iter().map(|node| node.index()).collect())
        .collect();
    let mut component_of = vec![0; n];
    for (c, members) in components.iter().enumerate() {
        for &s in members {
            component_of[s] = c;
        }
    }
    (components, component_of)
}
