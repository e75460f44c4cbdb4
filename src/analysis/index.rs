//! The lookups every rule needs, computed once per analysis so that each rule
//! is a linear pass instead of a search per service.

use rustc_hash::FxHashMap as HashMap;

use jiff::civil::Date;

use crate::model::{Id, LinkKind, Map, ServiceKind, Settings, TeamType};

/// Index-based views of a map. Services, teams and streams are referred to by
/// their position in the map's vectors.
pub struct MapIndex<'a> {
    /// The map.
    pub map: &'a Map,
    /// The day the analysis runs on.
    pub today: Date,
    /// Owning team of each service.
    pub service_owner: Table<Option<usize>>,
    /// What each service is: rules that look at every link read it for both
    /// ends, and this is much smaller than the services themselves.
    pub service_kind: Table<ServiceKind>,
    /// Whether each team is a platform team.
    pub team_is_platform: Table<bool>,
    /// Owning team of each stream.
    pub stream_owner: Table<Option<usize>>,
    /// Services of each stream, in step order.
    pub stream_steps: Adjacency,
    /// Streams each service is on, in stream order.
    pub service_streams: Adjacency,
    /// Every link as (from, to, kind), in map order.
    pub links: Table<(Pos, Pos, LinkKind)>,
    /// Indices into `links` leaving each service.
    pub links_out: Adjacency,
    /// Indices into `links` arriving at each service.
    pub links_in: Adjacency,
    /// The services each service calls through `sync` links, in map order.
    /// Rules about synchronous coupling read the callee beside its caller
    /// instead of following a link index into `links`.
    pub sync_callees: Adjacency,
    /// Strongly connected groups of services under `sync` links, in reverse
    /// topological order (a group comes before the groups that call it).
    pub sync_components: Adjacency,
    /// The position in `sync_components` of each service's group.
    pub sync_component_of: Table<Pos>,
    /// Each team's position when teams are sorted by name (then id).
    pub team_rank: Table<usize>,
    /// The teams sorted by name (then id): the inverse of `team_rank`.
    pub team_by_rank: Table<usize>,
}

/// Lists of positions, one list per row, stored in two flat vectors: an
/// organisation's index would otherwise be tens of thousands of small
/// allocations, made and freed on every change. `adjacency[row]` is a slice.
///
/// Positions are 32-bit ([`Pos`]): at 10,000 services analysis is bound by
/// memory reads rather than by work, and the index is then half the size.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Adjacency {
    /// Where each row starts in `items`; one more entry than rows.
    starts: Vec<Pos>,
    items: Vec<Pos>,
}

/// A position in one of the map's lists, as the index stores it. Loaded maps
/// are bounded far below 2^32 elements (`model::limits`: at most a million
/// links).
pub type Pos = u32;

/// `i` as a stored position.
fn pos(i: usize) -> Pos {
    // Maps are far below 2^32 elements (see `Pos`); saturating keeps this total.
    Pos::try_from(i).unwrap_or(Pos::MAX)
}

impl Adjacency {
    /// `rows` lists from (row, item) pairs, each list in the pairs' order.
    pub fn from_pairs(rows: usize, pairs: &[(usize, usize)]) -> Adjacency {
        let mut starts: Vec<Pos> = vec![0; rows + 1];
        for &(row, _) in pairs {
            starts[row + 1] += 1;
        }
        for r in 0..rows {
            starts[r + 1] += starts[r];
        }
        let mut next = starts.clone();
        let mut items: Vec<Pos> = vec![0; pairs.len()];
        for &(row, item) in pairs {
            items[next[row] as usize] = pos(item);
            next[row] += 1;
        }
        Adjacency { starts, items }
    }

    /// How many rows.
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The rows, in order.
    pub fn iter(&self) -> impl Iterator<Item = &[Pos]> + '_ {
        self.starts
            .windows(2)
            .map(|w| &self.items[w[0] as usize..w[1] as usize])
    }

    /// Adds a row at the end.
    fn push_row(&mut self, row: impl IntoIterator<Item = usize>) {
        // A default (no `starts` at all) is an empty list of rows too.
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        self.items.extend(row.into_iter().map(pos));
        self.starts.push(pos(self.items.len()));
    }
}

impl<P: Position> std::ops::Index<P> for Adjacency {
    type Output = [Pos];

    fn index(&self, row: P) -> &[Pos] {
        let row = row.at();
        &self.items[self.starts[row] as usize..self.starts[row + 1] as usize]
    }
}

/// A position as rules hold it: a `usize` from walking the map's lists, or
/// a [`Pos`] read from the index.
pub trait Position: Copy {
    /// The position as an index into a list.
    fn at(self) -> usize;
}

impl Position for usize {
    fn at(self) -> usize {
        self
    }
}

impl Position for Pos {
    fn at(self) -> usize {
        self as usize
    }
}

/// One entry per element of one of the map's lists, read at any [`Position`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Table<T>(Vec<T>);

impl<T, P: Position> std::ops::Index<P> for Table<T> {
    type Output = T;

    fn index(&self, p: P) -> &T {
        &self.0[p.at()]
    }
}

impl<T> std::ops::Deref for Table<T> {
    type Target = [T];

    fn deref(&self) -> &[T] {
        &self.0
    }
}

impl<'a, T> IntoIterator for &'a Table<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl<T> FromIterator<T> for Table<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        Table(iter.into_iter().collect())
    }
}

impl<'a> IntoIterator for &'a Adjacency {
    type Item = &'a [Pos];
    type IntoIter = Box<dyn Iterator<Item = &'a [Pos]> + 'a>;

    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

/// Sets of team positions, one set per row, as bit sets laid end to end in
/// one vector: analysis builds one per call group and unions many of them,
/// and an organisation has thousands of groups.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TeamSets {
    /// Words per row: enough bits for every team.
    words: usize,
    bits: Vec<u64>,
}

impl TeamSets {
    /// `rows` empty sets of positions below `teams`.
    pub fn new(rows: usize, teams: usize) -> TeamSets {
        let words = teams.div_ceil(64);
        TeamSets {
            words,
            bits: vec![0; rows * words],
        }
    }

    /// Adds team `t` to set `row`.
    pub fn insert(&mut self, row: usize, t: usize) {
        self.bits[row * self.words + t / 64] |= 1 << (t % 64);
    }

    /// Adds every team of set `from` to set `into`.
    pub fn union_into(&mut self, into: usize, from: usize) {
        if into == from {
            return;
        }
        let w = self.words;
        let (low, high) = self.bits.split_at_mut(into.max(from) * w);
        let (into_row, from_row) = if into < from {
            (&mut low[into * w..][..w], &high[..w])
        } else {
            (&mut high[..w], &low[from * w..][..w])
        };
        for (a, b) in into_row.iter_mut().zip(from_row) {
            *a |= b;
        }
    }

    /// Set `row`.
    pub fn row(&self, row: impl Position) -> TeamSet<'_> {
        let row = row.at();
        TeamSet {
            bits: &self.bits[row * self.words..][..self.words],
            lone: None,
        }
    }
}

/// A set of team positions: a row of [`TeamSets`], or a single team (or
/// none) held without a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TeamSet<'a> {
    bits: &'a [u64],
    /// A member not in `bits`.
    lone: Option<usize>,
}

impl<'a> TeamSet<'a> {
    /// The set holding only `team`, or the empty set.
    pub fn lone(team: Option<usize>) -> TeamSet<'a> {
        TeamSet {
            bits: &[],
            lone: team,
        }
    }

    /// How many teams are in the set.
    pub fn len(&self) -> usize {
        let in_bits: usize = self.bits.iter().map(|w| w.count_ones() as usize).sum();
        in_bits + usize::from(self.lone.is_some())
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.lone.is_none() && self.bits.iter().all(|&w| w == 0)
    }

    /// Whether team `t` is in the set.
    pub fn contains(&self, t: usize) -> bool {
        self.lone == Some(t)
            || self
                .bits
                .get(t / 64)
                .is_some_and(|w| w & (1 << (t % 64)) != 0)
    }

    /// The teams, in ascending order.
    pub fn iter(&self) -> impl Iterator<Item = usize> + 'a {
        // One step per member, not per bit: sets of a large organisation
        // are sparse words.
        let in_bits = self.bits.iter().enumerate().flat_map(|(w, &word)| {
            let mut bits = word;
            std::iter::from_fn(move || {
                if bits == 0 {
                    return None;
                }
                let b = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                Some(w * 64 + b)
            })
        });
        // A set is a row or a lone team, never both, so this keeps the order.
        in_bits.chain(self.lone)
    }
}

/// For each group of [`MapIndex::sync_components`], the teams owning a
/// service that is in the group or reaches it through `sync` calls. Made by
/// [`MapIndex::sync_caller_teams`].
#[derive(Debug, Clone)]
pub struct CallerTeams {
    /// Sets of the groups that other groups call, or whose members belong
    /// to more than one team.
    sets: TeamSets,
    /// Where each group's set is.
    of_group: Vec<GroupTeams>,
}

/// Where [`CallerTeams`] keeps one group's set.
#[derive(Debug, Clone, Copy)]
enum GroupTeams {
    /// A row of `CallerTeams::sets`.
    Row(Pos),
    /// No group calls this one, and its members belong to this team (or to
    /// none). Most groups of an organisation are one service that nothing
    /// calls synchronously: a row each would be the bulk of the sets, and
    /// almost all zeros.
    Lone(Option<Pos>),
}

impl CallerTeams {
    /// The set of group `group`.
    pub fn of_group(&self, group: impl Position) -> TeamSet<'_> {
        match self.of_group[group.at()] {
            GroupTeams::Row(row) => self.sets.row(row),
            GroupTeams::Lone(team) => TeamSet::lone(team.map(Position::at)),
        }
    }
}

/// Positions of elements by id. A loaded map's references share their
/// element's id ([`Map::share_ids`]), so they are found by address, without
/// hashing or comparing text; an id made separately (an edit, a map that was
/// built by hand) is found by its text, in a table built on first need.
struct Positions<'a> {
    by_address: HashMap<usize, usize>,
    ids: Vec<&'a Id>,
    by_text: std::cell::OnceCell<HashMap<&'a str, usize>>,
}

impl<'a> Positions<'a> {
    fn new(ids: impl Iterator<Item = &'a Id>) -> Positions<'a> {
        let ids: Vec<&Id> = ids.collect();
        let by_address = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.address(), i))
            .collect();
        Positions {
            by_address,
            ids,
            by_text: std::cell::OnceCell::new(),
        }
    }

    /// The position of the element with id `id`, if there is one.
    fn get(&self, id: &Id) -> Option<usize> {
        if let Some(&i) = self.by_address.get(&id.address()) {
            return Some(i);
        }
        let by_text = self.by_text.get_or_init(|| {
            self.ids
                .iter()
                .enumerate()
                .map(|(i, id)| (id.as_str(), i))
                .collect()
        });
        by_text.get(id.as_str()).copied()
    }

    /// [`Positions::get`], trying position `near` and the one after it
    /// first. A saved map lists links sorted by their `from`, in the order
    /// of the services, so each link's `from` is the previous one's or the
    /// next service: a comparison instead of a hash lookup.
    fn get_near(&self, id: &Id, near: usize) -> Option<usize> {
        let address = id.address();
        (near..near + 2)
            .find(|&i| self.ids.get(i).is_some_and(|g| g.address() == address))
            .or_else(|| self.get(id))
    }
}

impl<'a> MapIndex<'a> {
    /// Builds the index. References that do not resolve (a map that was not
    /// validated) are treated as absent rather than panicking.
    pub fn new(map: &'a Map, today: Date) -> MapIndex<'a> {
        let teams = Positions::new(map.teams.iter().map(|t| &t.id));
        let services = Positions::new(map.services.iter().map(|s| &s.id));
        let team_of = |owner: &Option<Id>| owner.as_ref().and_then(|o| teams.get(o));

        let service_owner = map.services.iter().map(|s| team_of(&s.owner)).collect();
        let service_kind = map.services.iter().map(|s| s.kind).collect();
        let team_is_platform = map
            .teams
            .iter()
            .map(|t| t.team_type == TeamType::Platform)
            .collect();
        let stream_owner = map.streams.iter().map(|s| team_of(&s.owner)).collect();

        let mut stream_steps = Adjacency::from_pairs(0, &[]);
        let mut on_stream: Vec<(usize, usize)> = Vec::new();
        let mut steps: Vec<usize> = Vec::new();
        for (k, stream) in map.streams.iter().enumerate() {
            steps.clear();
            for step in &stream.steps {
                if let Some(i) = services.get(&step.service)
                    && !steps.contains(&i)
                {
                    steps.push(i);
                    on_stream.push((i, k));
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
        let mut last_from = 0;
        for link in &map.links {
            let from = services.get_near(&link.from, last_from);
            if let (Some(from), Some(to)) = (from, services.get(&link.to)) {
                last_from = from;
                outgoing.push((from, links.len()));
                incoming.push((to, links.len()));
                if link.kind == LinkKind::Sync {
                    calls.push((from, to));
                }
                links.push((pos(from), pos(to), link.kind));
            }
        }
        let links_out = Adjacency::from_pairs(map.services.len(), &outgoing);
        let links_in = Adjacency::from_pairs(map.services.len(), &incoming);
        let sync_callees = Adjacency::from_pairs(map.services.len(), &calls);

        let (sync_components, sync_component_of) = strong_components(&sync_callees);
        let mut team_by_rank: Vec<usize> = (0..map.teams.len()).collect();
        team_by_rank.sort_by(|&a, &b| {
            let (a, b) = (&map.teams[a], &map.teams[b]);
            (&a.name, &a.id).cmp(&(&b.name, &b.id))
        });
        let mut team_rank = vec![0; map.teams.len()];
        for (rank, &t) in team_by_rank.iter().enumerate() {
            team_rank[t] = rank;
        }
        let (team_rank, team_by_rank) = (Table(team_rank), Table(team_by_rank));

        MapIndex {
            team_rank,
            team_by_rank,
            sync_components,
            sync_component_of,
            map,
            today,
            service_owner,
            service_kind,
            team_is_platform,
            stream_owner,
            stream_steps,
            service_streams,
            links: Table(links),
            links_out,
            links_in,
            sync_callees,
        }
    }

    /// For each group of `sync_components`: the teams owning a service that
    /// reaches the group through `sync` calls, or is in it, as ranks in
    /// `team_by_rank` (name order). Computed in one pass over the condensed
    /// call graph instead of a search per service.
    pub fn sync_caller_teams(&self) -> CallerTeams {
        let group = |s: Pos| self.sync_component_of[s] as usize;
        let mut calls: Vec<(usize, usize)> = Vec::with_capacity(self.sync_callees.items.len());
        for (caller, callees) in self.sync_callees.iter().enumerate() {
            let from = group(pos(caller));
            calls.extend(
                callees
                    .iter()
                    .map(|&callee| (group(callee), from))
                    .filter(|&(to, from)| to != from),
            );
        }
        let callers_of = Adjacency::from_pairs(self.sync_components.len(), &calls);
        let rank_of = |s: Pos| self.service_owner[s].map(|t| pos(self.team_rank[t]));
        // Rows are handed out before any is filled, so the sets are one
        // allocation of the final size rather than a vector that grows.
        let mut rows = 0;
        let of_group: Vec<GroupTeams> = (0..self.sync_components.len())
            .map(|c| {
                let members = &self.sync_components[c];
                let first_team = members.first().and_then(|&s| rank_of(s));
                if callers_of[c].is_empty() && members.iter().all(|&s| rank_of(s) == first_team) {
                    GroupTeams::Lone(first_team)
                } else {
                    rows += 1;
                    GroupTeams::Row(pos(rows - 1))
                }
            })
            .collect();
        // Bits are team ranks in name order, so that the first teams of a set
        // are the first names alphabetically, without sorting a large set.
        let mut sets = TeamSets::new(rows, self.map.teams.len());
        // Callers come after callees in `sync_components`, so walking it
        // backwards visits every caller group before the groups it calls.
        for c in (0..self.sync_components.len()).rev() {
            let GroupTeams::Row(row) = of_group[c] else {
                continue;
            };
            let row = row.at();
            for &s in &self.sync_components[c] {
                if let Some(t) = rank_of(s) {
                    sets.insert(row, t.at());
                }
            }
            for &caller in &callers_of[c] {
                match of_group[caller.at()] {
                    GroupTeams::Row(from) => sets.union_into(row, from.at()),
                    GroupTeams::Lone(Some(t)) => sets.insert(row, t.at()),
                    GroupTeams::Lone(None) => {}
                }
            }
        }
        CallerTeams { sets, of_group }
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
    pub fn service_name(&self, i: impl Position) -> &str {
        &self.map.services[i.at()].name
    }

    /// The display name of team `t`.
    pub fn team_name(&self, t: impl Position) -> &str {
        &self.map.teams[t.at()].name
    }

    /// The display name of stream `k`.
    pub fn stream_name(&self, k: impl Position) -> &str {
        &self.map.streams[k.at()].name
    }

    /// The id of service `i`.
    pub fn service_id(&self, i: impl Position) -> &Id {
        &self.map.services[i.at()].id
    }

    /// The ids of services `members`, sorted: a finding's subjects. A saved
    /// map lists services sorted by id, so sorting positions usually sorts
    /// the ids too, which one pass then confirms; only otherwise are the
    /// ids compared to sort them.
    pub fn sorted_service_ids(&self, members: &[Pos]) -> Vec<Id> {
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
    pub fn team_names(&self, teams: impl IntoIterator<Item = usize>) -> Vec<&str> {
        let mut names: Vec<&str> = teams.into_iter().map(|t| self.team_name(t)).collect();
        names.sort_unstable();
        names.dedup();
        names
    }
}

/// The strongly connected components of a call graph (Tarjan's algorithm),
/// in reverse topological order: a component comes before every component
/// that calls into it. Returns the components and each service's component.
///
/// Written out rather than taken from `petgraph`: its Tarjan recurses once
/// per service on a call chain and overflowed the stack on a valid map (a
/// chain of 100,000 services needs more than 6 MiB; Windows gives the main
/// thread 1 MiB), and its Kosaraju walks the graph twice and allocates once
/// per component. This one keeps its own stack and reads the callees the
/// index already laid out.
fn strong_components(callees: &Adjacency) -> (Adjacency, Table<Pos>) {
    const NONE: Pos = Pos::MAX;
    let n = callees.len();
    // Discovery order of each service, and the lowest discovery order it
    // reaches through services whose component is still open.
    let mut order = vec![NONE; n];
    let mut low = vec![NONE; n];
    let mut component_of = vec![NONE; n];
    let mut components = Adjacency::from_pairs(0, &[]);
    // Services visited whose component is not yet closed: exactly those
    // with an order and no component.
    let mut open: Vec<Pos> = Vec::new();
    // The search path: each service with where the next of its callees to
    // try, and the end of its callees, lie in `callees.items`.
    let mut path: Vec<(Pos, Pos, Pos)> = Vec::new();
    let mut next_order: Pos = 0;
    // Enters service `s`. One that calls nobody is a component of its
    // own at once: most services are, and they skip the path.
    macro_rules! enter {
        ($s:expr) => {{
            let s: Pos = $s;
            let si = s as usize;
            order[si] = next_order;
            next_order += 1;
            let (start, end) = (callees.starts[si], callees.starts[si + 1]);
            if start == end {
                component_of[si] = pos(components.len());
                components.push_row([si]);
            } else {
                low[si] = order[si];
                open.push(s);
                path.push((s, start, end));
            }
        }};
    }
    for root in 0..n {
        if order[root] != NONE {
            continue;
        }
        enter!(pos(root));
        while let Some(&mut (s, ref mut next, end)) = path.last_mut() {
            let si = s as usize;
            if *next < end {
                let callee = callees.items[*next as usize];
                *next += 1;
                let c = callee as usize;
                if order[c] == NONE {
                    enter!(callee);
                } else if component_of[c] == NONE {
                    low[si] = low[si].min(order[c]);
                }
                continue;
            }
            path.pop();
            if let Some(&(caller, _, _)) = path.last() {
                let caller = caller as usize;
                low[caller] = low[caller].min(low[si]);
            }
            if low[si] == order[si] {
                // `s` is the first of its component that the search entered:
                // the component is `s` and everything opened after it.
                // `s` is open (it was entered and its component not closed).
                let start = open.iter().rposition(|&o| o == s).unwrap_or(0);
                let component = pos(components.len());
                for &member in &open[start..] {
                    component_of[member as usize] = component;
                }
                components.push_row(open.drain(start..).map(|m| m as usize));
            }
        }
    }
    (components, Table(component_of))
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

    /// The call graph of `n` services with the given calls.
    fn call_graph(n: usize, calls: &[(usize, usize)]) -> Adjacency {
        Adjacency::from_pairs(n, calls)
    }

    /// The components of `calls` among `n` services, found on a thread with
    /// 256 KiB of stack.
    fn components_on_a_small_stack(n: usize, calls: &[(usize, usize)]) -> (Adjacency, Table<Pos>) {
        let graph = call_graph(n, calls);
        std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || strong_components(&graph))
            .unwrap()
            .join()
            .unwrap()
    }

    #[test]
    fn a_call_chain_as_long_as_a_map_may_hold_needs_no_deep_stack() {
        // 100,000 services, each calling the next, then the last calling
        // the first: one component. A recursive search needs megabytes of
        // stack for this.
        let n = crate::model::limits::MAX_SERVICES;
        let mut calls: Vec<(usize, usize)> = (1..n).map(|s| (s - 1, s)).collect();
        let (components, component_of) = components_on_a_small_stack(n, &calls);
        assert_eq!(components.len(), n);
        // Callees come first: the last service of the chain is component 0.
        assert_eq!(component_of[n - 1], 0);
        assert_eq!(component_of[0usize], pos(n - 1));

        calls.push((n - 1, 0));
        let (components, _) = components_on_a_small_stack(n, &calls);
        assert_eq!(components.len(), 1);
        assert_eq!(components[0usize].len(), n);
    }

    proptest::proptest! {
        #[test]
        fn components_are_petgraphs_in_an_order_where_callees_come_first(
            n in 1usize..24,
            calls in proptest::collection::vec((0usize..24, 0usize..24), 0..60),
        ) {
            let calls: Vec<(usize, usize)> =
                calls.into_iter().map(|(a, b)| (a % n, b % n)).collect();
            let (components, component_of) = strong_components(&call_graph(n, &calls));

            // Every service is in exactly the component it is listed in.
            let mut listed = vec![0; n];
            for (c, members) in components.iter().enumerate() {
                for &m in members {
                    listed[m as usize] += 1;
                    proptest::prop_assert_eq!(component_of[m] as usize, c);
                }
            }
            proptest::prop_assert!(listed.iter().all(|&times| times == 1));

            // The same partition as petgraph's.
            let mut graph = petgraph::graphmap::DiGraphMap::<usize, ()>::new();
            for s in 0..n {
                graph.add_node(s);
            }
            for &(a, b) in &calls {
                graph.add_edge(a, b, ());
            }
            let mut ours: Vec<Vec<usize>> = components
                .iter()
                .map(|members| {
                    let mut m: Vec<usize> = members.iter().map(|&s| s as usize).collect();
                    m.sort_unstable();
                    m
                })
                .collect();
            let mut theirs: Vec<Vec<usize>> = petgraph::algo::kosaraju_scc(&graph)
                .into_iter()
                .map(|mut m| {
                    m.sort_unstable();
                    m
                })
                .collect();
            ours.sort();
            theirs.sort();
            proptest::prop_assert_eq!(ours, theirs);

            // A call between components goes to an earlier one.
            for &(a, b) in &calls {
                proptest::prop_assert!(component_of[b] <= component_of[a]);
            }
        }
    }

    /// The teams of the services that reach `target` through `sync` links,
    /// `target` included, as ranks: a search backwards from one service.
    fn caller_teams_by_search(ix: &MapIndex<'_>, target: usize) -> Vec<usize> {
        let mut seen = vec![false; ix.map.services.len()];
        let mut to_visit = vec![target];
        seen[target] = true;
        let mut ranks = Vec::new();
        while let Some(s) = to_visit.pop() {
            ranks.extend(ix.service_owner[s].map(|t| ix.team_rank[t]));
            for &l in &ix.links_in[s] {
                let (from, _, kind) = ix.links[l];
                if kind == LinkKind::Sync && !seen[from.at()] {
                    seen[from.at()] = true;
                    to_visit.push(from.at());
                }
            }
        }
        ranks.sort_unstable();
        ranks.dedup();
        ranks
    }

    /// Checks every service's caller teams against [`caller_teams_by_search`].
    fn assert_caller_teams_match_a_search(map: &Map) {
        let ix = MapIndex::new(map, Date::constant(2026, 1, 1));
        let caller_teams = ix.sync_caller_teams();
        for s in 0..map.services.len() {
            let set = caller_teams.of_group(ix.sync_component_of[s]);
            let expected = caller_teams_by_search(&ix, s);
            let context = format!("service {}", map.services[s].id);
            assert_eq!(set.iter().collect::<Vec<_>>(), expected, "{context}");
            assert_eq!(set.len(), expected.len(), "{context}");
            assert_eq!(set.is_empty(), expected.is_empty(), "{context}");
            for t in 0..map.teams.len() {
                assert_eq!(
                    set.contains(t),
                    expected.contains(&t),
                    "{context}, team {t}"
                );
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
        #[test]
        fn caller_teams_are_the_teams_a_search_from_each_service_finds(
            services in 1usize..160,
            teams in 1usize..90,
            seed in 0u64..1000,
        ) {
            // Few teams give groups that no one calls, held without a row;
            // many teams give sets over more than one word.
            assert_caller_teams_match_a_search(&crate::generate::generate(
                &crate::generate::GenerateOptions {
                    services,
                    teams: Some(teams),
                    streams: None,
                    seed,
                },
            ));
        }
    }

    #[test]
    fn a_cycle_no_one_calls_holds_the_teams_of_all_its_members() {
        use crate::analysis::testing::builder;
        let map = builder()
            .sa("a")
            .sa("b")
            .svc("a1", "a")
            .svc("b1", "b")
            .svc("a2", "a")
            .service("nobody", crate::model::ServiceKind::Service, None)
            .link("a1", "b1", LinkKind::Sync)
            .link("b1", "a1", LinkKind::Sync)
            .link("a2", "a1", LinkKind::Event)
            .build();
        assert_caller_teams_match_a_search(&map);
        let ix = MapIndex::new(&map, Date::constant(2026, 1, 1));
        let a1 = map.services.iter().position(|s| s.id.as_str() == "a1");
        let caller_teams = ix.sync_caller_teams();
        let set = caller_teams.of_group(ix.sync_component_of[a1.expect("a1 is on the map")]);
        assert_eq!(
            set.iter()
                .map(|r| ix.team_name(ix.team_by_rank[r]))
                .collect::<Vec<_>>(),
            ["Team a", "Team b"]
        );
    }

    #[test]
    fn team_sets_keep_rows_apart_and_union_in_either_direction() {
        // 130 teams: three words per row, so bits land in every word.
        let mut sets = TeamSets::new(3, 130);
        sets.insert(0, 0);
        sets.insert(0, 129);
        sets.insert(1, 64);
        sets.insert(2, 5);
        assert_eq!(sets.row(0usize).iter().collect::<Vec<_>>(), [0, 129]);
        assert_eq!(sets.row(1usize).len(), 1);
        assert!(sets.row(1usize).contains(64) && !sets.row(1usize).contains(0));

        sets.union_into(1, 0); // from a lower row
        sets.union_into(1, 2); // from a higher row
        sets.union_into(1, 1); // itself: nothing changes
        assert_eq!(sets.row(1usize).iter().collect::<Vec<_>>(), [0, 5, 64, 129]);
        assert_eq!(sets.row(0usize).iter().collect::<Vec<_>>(), [0, 129]);
        assert_eq!(sets.row(2usize).iter().collect::<Vec<_>>(), [5]);
        assert!(!sets.row(2usize).is_empty());
        assert!(TeamSets::new(1, 0).row(0usize).is_empty());
    }
}
