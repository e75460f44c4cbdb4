//! For the blast-radius rule: the teams that reach each sync group through
//! synchronous calls, found in one pass over the condensed call graph
//! instead of a search backwards from every service.

use crate::analysis::index::{Adjacency, MapIndex, ServiceIx, SyncGroupIx, Table, TeamRank};

use super::team_sets::{TeamSet, TeamSets};

/// For each group of [`MapIndex::sync_groups`], the teams owning a service
/// that is in the group or reaches it through `sync` calls, as ranks (name
/// order).
#[derive(Debug, Clone)]
pub(super) struct CallerTeams {
    /// Sets of the groups that other groups call, or whose members belong
    /// to more than one team.
    sets: TeamSets,
    /// Where each group's set is.
    of_group: Table<SyncGroupIx, GroupTeams>,
}

/// Where [`CallerTeams`] keeps one group's set.
#[derive(Debug, Clone, Copy)]
enum GroupTeams {
    /// A row of `CallerTeams::sets`.
    Row(u32),
    /// No group calls this one, and its members belong to this team (or to
    /// none). Most groups of an organisation are one service that nothing
    /// calls synchronously: a row each would be the bulk of the sets, and
    /// almost all zeros.
    Lone(Option<TeamRank>),
}

impl CallerTeams {
    /// The caller teams of every sync group of `ix`.
    pub(super) fn new(ix: &MapIndex<'_>) -> CallerTeams {
        let groups = &ix.sync_groups;
        let group_of = |s: ServiceIx| ix.sync_group_of[s];
        let mut calls: Vec<(SyncGroupIx, SyncGroupIx)> =
            Vec::with_capacity(ix.sync_callees.item_count());
        for (caller, callees) in ix.sync_callees.iter_enumerated() {
            let from = group_of(caller);
            calls.extend(
                callees
                    .iter()
                    .map(|&callee| (group_of(callee), from))
                    .filter(|&(to, from)| to != from),
            );
        }
        let callers_of = Adjacency::from_pairs(groups.len(), &calls);
        let rank_of = |s: ServiceIx| ix.service_owner[s].map(|t| ix.team_rank[t]);
        // Rows are handed out before any is filled, so the sets are one
        // allocation of the final size rather than a vector that grows.
        let mut rows: u32 = 0;
        let of_group: Table<SyncGroupIx, GroupTeams> = groups
            .iter_enumerated()
            .map(|(g, members)| {
                let first_team = members.first().and_then(|&s| rank_of(s));
                if callers_of[g].is_empty() && members.iter().all(|&s| rank_of(s) == first_team) {
                    GroupTeams::Lone(first_team)
                } else {
                    rows += 1;
                    GroupTeams::Row(rows - 1)
                }
            })
            .collect();
        let mut sets = TeamSets::new(rows as usize, ix.map.teams.len());
        // Callers come after callees in `sync_groups`, so walking it
        // backwards visits every caller group before the groups it calls.
        for g in (0..groups.len()).rev().map(SyncGroupIx::new) {
            let GroupTeams::Row(row) = of_group[g] else {
                continue;
            };
            let row = row as usize;
            for &s in &groups[g] {
                if let Some(t) = rank_of(s) {
                    sets.insert(row, t);
                }
            }
            for &caller in &callers_of[g] {
                match of_group[caller] {
                    GroupTeams::Row(from) => sets.union_into(row, from as usize),
                    GroupTeams::Lone(Some(t)) => sets.insert(row, t),
                    GroupTeams::Lone(None) => {}
                }
            }
        }
        CallerTeams { sets, of_group }
    }

    /// The set of group `group`.
    pub(super) fn of_group(&self, group: SyncGroupIx) -> TeamSet<'_> {
        match self.of_group[group] {
            GroupTeams::Row(row) => self.sets.row(row as usize),
            GroupTeams::Lone(team) => TeamSet::lone(team),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{LinkKind, Map};
    use jiff::civil::Date;

    /// The teams of the services that reach `target` through `sync` links,
    /// `target` included, as ranks: a search backwards from one service.
    fn caller_teams_by_search(ix: &MapIndex<'_>, target: ServiceIx) -> Vec<TeamRank> {
        let mut seen = vec![false; ix.map.services.len()];
        let mut to_visit = vec![target];
        seen[target.index()] = true;
        let mut ranks = Vec::new();
        while let Some(s) = to_visit.pop() {
            ranks.extend(ix.service_owner[s].map(|t| ix.team_rank[t]));
            for &l in &ix.links_in[s] {
                let link = ix.links[l];
                if link.kind == LinkKind::Sync && !seen[link.from.index()] {
                    seen[link.from.index()] = true;
                    to_visit.push(link.from);
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
        let caller_teams = CallerTeams::new(&ix);
        for (s, service) in ix.services() {
            let set = caller_teams.of_group(ix.sync_group_of[s]);
            let expected = caller_teams_by_search(&ix, s);
            let context = format!("service {}", service.id);
            assert_eq!(set.iter().collect::<Vec<_>>(), expected, "{context}");
            assert_eq!(set.len(), expected.len(), "{context}");
            for t in (0..map.teams.len()).map(TeamRank::new) {
                assert_eq!(
                    set.contains(t),
                    expected.contains(&t),
                    "{context}, team {t:?}"
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
        let a1 = ServiceIx::new(a1.expect("a1 is on the map"));
        let caller_teams = CallerTeams::new(&ix);
        let set = caller_teams.of_group(ix.sync_group_of[a1]);
        let names: Vec<&str> = set
            .iter()
            .map(|r| ix.team_name(ix.team_by_rank[r]))
            .collect();
        assert_eq!(names, ["Team a", "Team b"]);
    }
}
