//! `blast-radius`: a service whose failure or change reaches many teams.
//!
//! A folder rather than one file: the rule needs the teams that reach each
//! call group ([`caller_teams`]), held as bit sets of teams ([`team_sets`]),
//! and no other rule does.

mod caller_teams;
mod team_sets;

use crate::analysis::finding::{Finding, Severity};
use crate::analysis::index::{MapIndex, SyncGroupIx, Table};
use crate::analysis::rule::Rule;
use crate::analysis::wording::{NAMES_LISTED, NameList};

use caller_teams::CallerTeams;

/// See the module docs.
pub static RULE: Rule = Rule {
    id: "blast-radius",
    title: "Callers in too many other teams depend on the service",
    severity: Severity::Warning,
    explanation: "A healthy architecture contains the blast radius of a change: a team updates its \
        service and nobody else gets paged. When services of many other teams call a service, \
        directly or through a chain of synchronous calls, every change and every outage of it \
        ripples into all of those teams.",
    hint: "Cut the synchronous chains: let callers react to events instead of calling \
        (event-driven integration), or, if every team truly needs it, make it a platform service \
        with a stable, versioned API (platform as an enabler).",
    check,
};

fn check(ix: &MapIndex<'_>, out: &mut Vec<Finding>) {
    let max = ix.settings().blast_radius_max_teams();
    // Sets of team ranks (name order): counting is a popcount, and the names
    // in a message are the first few set bits, however many teams there are.
    let caller_teams = CallerTeams::new(ix);
    // Each group's count, made on first need and shared by its members: a
    // sync cycle can hold thousands of services, and counting a set of an
    // organisation's teams reads a word per 64 teams.
    let mut group_counts: Table<SyncGroupIx, Option<usize>> =
        Table::filled(ix.sync_groups.len(), None);
    for (s, service) in ix.services() {
        let own = ix.service_owner[s];
        if ix.is_platform(own) {
            continue;
        }
        let group = ix.sync_group_of[s];
        let callers = caller_teams.of_group(group);
        let group_count = *group_counts[group].get_or_insert_with(|| callers.len());
        let own_rank = own.map(|t| ix.team_rank[t]);
        let count = group_count - usize::from(own_rank.is_some_and(|r| callers.contains(r)));
        if count > max {
            let names: Vec<&str> = callers
                .iter()
                .filter(|&r| Some(r) != own_rank)
                .take(NAMES_LISTED)
                .map(|r| ix.team_name(ix.team_by_rank[r]))
                .collect();
            out.push(RULE.finding(
                vec![service.id.clone()],
                format!(
                    "{} is called, directly or through others, by services of {} other teams ({})",
                    service.name,
                    count,
                    NameList::capped(&names, count)
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::testing::*;
    use crate::model::{LinkKind as L, ServiceKind as K};

    fn chain(last_link: L, target_owner: &str) -> crate::model::Map {
        // a1 -> b1 -> c1 -> target ← d1, each of another team.
        builder()
            .sa("a")
            .sa("b")
            .sa("c")
            .sa("d")
            .sa("t")
            .platform("p")
            .svc("a1", "a")
            .svc("b1", "b")
            .svc("c1", "c")
            .svc("d1", "d")
            .svc("target", target_owner)
            .link("a1", "b1", L::Sync)
            .link("b1", "c1", L::Sync)
            .link("c1", "target", last_link)
            .link("d1", "target", L::Sync)
            .build()
    }

    #[test]
    fn fires_on_transitive_callers_of_four_other_teams() {
        assert_eq!(
            subjects_of(&chain(L::Sync, "t"), "blast-radius"),
            [["target"]]
        );
        assert_eq!(
            findings_of(&chain(L::Sync, "t"), "blast-radius")[0].message,
            "Svc target is called, directly or through others, by services of 4 other teams (Team a, Team b, Team c and Team d)"
        );
    }

    #[test]
    fn events_break_the_chain_and_own_team_does_not_count() {
        assert!(subjects_of(&chain(L::Event, "t"), "blast-radius").is_empty());
        assert!(subjects_of(&chain(L::Sync, "a"), "blast-radius").is_empty());
    }

    #[test]
    fn a_long_list_of_teams_names_the_first_alphabetically_and_counts_the_rest() {
        let mut b = builder().sa("t").svc("target", "t");
        for team in ["h", "g", "f", "e", "d", "c", "b", "a"] {
            let caller = format!("{team}1");
            b = b
                .sa(team)
                .svc(&caller, team)
                .link(&caller, "target", L::Sync);
        }
        let findings = findings_of(&b.build(), "blast-radius");
        assert_eq!(
            findings[0].message,
            "Svc target is called, directly or through others, by services of 8 other teams \
             (Team a, Team b, Team c, Team d, Team e, Team f and 2 more)"
        );
    }

    #[test]
    fn platform_services_are_expected_to_have_many_callers() {
        assert!(subjects_of(&chain(L::Sync, "p"), "blast-radius").is_empty());
    }

    #[test]
    fn cycles_count_every_member_as_a_caller() {
        let map = builder()
            .sa("a")
            .sa("b")
            .sa("c")
            .sa("d")
            .sa("t")
            .svc("a1", "a")
            .svc("b1", "b")
            .svc("c1", "c")
            .svc("d1", "d")
            .svc("target", "t")
            .service("nobody", K::Service, None)
            .link("target", "a1", L::Sync)
            .link("a1", "b1", L::Sync)
            .link("b1", "target", L::Sync)
            .link("c1", "a1", L::Sync)
            .link("d1", "c1", L::Sync)
            .link("nobody", "d1", L::Sync)
            .build();
        // Every member of the cycle is called by all the others and by the chain.
        assert_eq!(
            subjects_of(&map, "blast-radius"),
            [["a1"], ["b1"], ["target"]]
        );
    }
}
