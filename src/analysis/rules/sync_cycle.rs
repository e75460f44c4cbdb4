//! `sync-cycle`: services of different teams call each other in a circle.

use crate::analysis::finding::{Finding, Severity};
use crate::analysis::index::{MapIndex, TeamIx};
use crate::analysis::rule::Rule;
use crate::analysis::wording::{NameList, keep_first_names};

/// See the module docs.
pub static RULE: Rule = Rule {
    id: "sync-cycle",
    title: "Synchronous calls between teams form a cycle",
    severity: Severity::Warning,
    explanation: "Services of different teams that call each other in a circle form a distributed \
        monolith: none of them can be changed, released or rolled back alone, a failure anywhere \
        travels round the loop, and every change needs all their teams in the same room.",
    hint: "Break the cycle: reverse one dependency into an event that the other side publishes \
        (event-driven integration), or merge the services of the cycle under one team \
        (one team, one stream).",
    check,
};

fn check(ix: &MapIndex<'_>, out: &mut Vec<Finding>) {
    let mut teams: Vec<TeamIx> = Vec::new();
    for group in ix.sync_groups.iter() {
        if group.len() < 2 {
            continue;
        }
        teams.clear();
        teams.extend(group.iter().filter_map(|&s| ix.service_owner[s]));
        teams.sort_unstable();
        teams.dedup();
        if teams.len() < 2 {
            continue;
        }
        let ids = ix.sorted_service_ids(group);
        // A tangled organisation can have one cycle of thousands of
        // services: the message names the first few, the subjects list all.
        let mut names: Vec<&str> = group.iter().map(|&s| ix.service_name(s)).collect();
        keep_first_names(&mut names);
        let team_names = ix.team_names(teams.iter().copied());
        out.push(RULE.finding(
            ids,
            format!(
                "{} call each other in a cycle across {} teams ({})",
                NameList::capped(&names, group.len()),
                teams.len(),
                NameList::capped(&team_names, team_names.len())
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::testing::*;
    use crate::model::LinkKind as L;

    #[test]
    fn fires_once_per_cycle_across_teams_with_sorted_subjects() {
        let map = builder()
            .sa("a")
            .sa("b")
            .svc("z", "a")
            .svc("m", "b")
            .svc("c", "a")
            .svc("lone", "b")
            .link("z", "m", L::Sync)
            .link("m", "c", L::Sync)
            .link("c", "z", L::Sync)
            .link("lone", "z", L::Sync)
            .build();
        assert_eq!(subjects_of(&map, "sync-cycle"), [["c", "m", "z"]]);
    }

    #[test]
    fn single_team_cycles_and_event_cycles_are_fine() {
        let map = builder()
            .sa("a")
            .sa("b")
            .svc("x", "a")
            .svc("y", "a")
            .svc("p", "a")
            .svc("q", "b")
            .link("x", "y", L::Sync)
            .link("y", "x", L::Sync)
            .link("p", "q", L::Sync)
            .link("q", "p", L::Event)
            .build();
        assert!(subjects_of(&map, "sync-cycle").is_empty());
    }

    #[test]
    fn a_large_cycle_names_the_first_services_and_teams_and_lists_every_subject() {
        // s1 -> s2 -> ... -> s8 -> s1, each service in its own team, listed
        // in no order.
        let mut b = builder();
        for i in [5, 8, 1, 3, 7, 2, 6, 4] {
            b = b
                .sa(&format!("t{i}"))
                .svc(&format!("s{i}"), &format!("t{i}"));
        }
        for i in 1..=8 {
            let next = i % 8 + 1;
            b = b.link(&format!("s{i}"), &format!("s{next}"), L::Sync);
        }
        let findings = findings_of(&b.build(), "sync-cycle");
        assert_eq!(findings.len(), 1);
        let subjects: Vec<&str> = findings[0].subjects.iter().map(|s| s.as_str()).collect();
        assert_eq!(subjects, ["s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8"]);
        assert_eq!(
            findings[0].message,
            "Svc s1, Svc s2, Svc s3, Svc s4, Svc s5, Svc s6 and 2 more call each other in a \
             cycle across 8 teams (Team t1, Team t2, Team t3, Team t4, Team t5, Team t6 and 2 more)"
        );
    }
}
