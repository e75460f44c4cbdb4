//! `two-pizza`: an end-to-end change to a stream needs too many teams.

use crate::analysis::finding::{Finding, Severity};
use crate::analysis::index::{MapIndex, TeamIx};
use crate::analysis::rule::Rule;
use crate::analysis::wording::NameList;

/// See the module docs.
pub static RULE: Rule = Rule {
    id: "two-pizza",
    title: "An end-to-end change to the stream needs too many teams",
    severity: Severity::Error,
    explanation: "The two-pizza team test: if delivering a change to a stream means coordinating \
        more than two teams, each extra team adds a pull request, a review queue and a deployment \
        window. The architecture is drifting towards an anti-pattern, and lead time grows with \
        every handoff. Platform teams are not counted: they serve the stream through stable APIs.",
    hint: "Move ownership of the stream's services to the stream's team (one team, one stream), \
        or turn widely used capabilities into platform services with stable APIs (platform as an \
        enabler), so that one or two teams can deliver a change alone.",
    check,
};

fn check(ix: &MapIndex<'_>, out: &mut Vec<Finding>) {
    let max = ix.settings().two_pizza_max_teams();
    let mut teams: Vec<TeamIx> = Vec::new();
    for (k, stream) in ix.streams() {
        teams.clear();
        teams.extend(
            ix.stream_steps[k]
                .iter()
                .map(|&s| ix.service_owner[s])
                .chain([ix.stream_owner[k]])
                .flatten()
                .filter(|&t| !ix.team_is_platform[t]),
        );
        teams.sort_unstable();
        teams.dedup();
        if teams.len() > max {
            out.push(RULE.finding(
                vec![stream.id.clone()],
                format!(
                    "A change to {} needs {} teams to coordinate ({}); at most {max} should",
                    stream.name,
                    teams.len(),
                    NameList::all(&ix.team_names(teams.iter().copied())),
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::testing::*;
    use crate::model::ServiceKind as K;

    #[test]
    fn fires_when_more_than_two_teams_own_the_steps_and_stream() {
        let map = builder()
            .sa("a")
            .sa("b")
            .sa("c")
            .svc("x", "a")
            .svc("y", "b")
            .svc("z", "c")
            .stream("s", Some("a"), &["x", "y", "z"])
            .build();
        let findings = findings_of(&map, "two-pizza");
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].message,
            "A change to Stream s needs 3 teams to coordinate (Team a, Team b and Team c); at most 2 should"
        );
    }

    #[test]
    fn the_stream_owner_counts_as_a_team() {
        let map = builder()
            .sa("a")
            .sa("b")
            .sa("owner")
            .svc("x", "a")
            .svc("y", "b")
            .stream("s", Some("owner"), &["x", "y"])
            .build();
        assert_eq!(subjects_of(&map, "two-pizza"), [["s"]]);
    }

    #[test]
    fn platform_teams_and_unowned_steps_do_not_count() {
        let map = builder()
            .sa("a")
            .sa("b")
            .platform("p")
            .svc("x", "a")
            .svc("y", "b")
            .svc("z", "p")
            .service("u", K::Service, None)
            .stream("s", Some("a"), &["x", "y", "z", "u"])
            .build();
        assert!(subjects_of(&map, "two-pizza").is_empty());
    }

    #[test]
    fn the_threshold_comes_from_settings() {
        let map = builder()
            .sa("a")
            .sa("b")
            .svc("x", "a")
            .svc("y", "b")
            .stream("s", Some("a"), &["x", "y"])
            .with(|m| m.settings.two_pizza_max_teams = Some(1))
            .build();
        assert_eq!(subjects_of(&map, "two-pizza"), [["s"]]);
    }
}
