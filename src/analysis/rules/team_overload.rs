//! `team-overload`: a team owns more than it can hold in its head.

use crate::analysis::finding::{Finding, Severity};
use crate::analysis::index::{MapIndex, Table, TeamIx};
use crate::analysis::rule::Rule;
use crate::analysis::wording::plural;

/// See the module docs.
pub static RULE: Rule = Rule {
    id: "team-overload",
    title: "A team owns too many streams or services",
    severity: Severity::Warning,
    explanation: "A team can own more than one value stream only while it can manage the \
        cognitive load. Past that, it context-switches between streams, knows none of them well, \
        and becomes the queue that every one of its streams waits in.",
    hint: "Split the team as its streams grow, giving each new team whole streams and the \
        services they need (one team, one stream); hand generic services to a platform team \
        (platform as an enabler).",
    check,
};

fn check(ix: &MapIndex<'_>, out: &mut Vec<Finding>) {
    let (max_streams, max_services) = (
        ix.settings().team_max_streams(),
        ix.settings().team_max_services(),
    );
    let mut streams: Table<TeamIx, usize> = Table::filled(ix.map.teams.len(), 0);
    let mut services: Table<TeamIx, usize> = Table::filled(ix.map.teams.len(), 0);
    for t in ix.stream_owner.iter().flatten() {
        streams[*t] += 1;
    }
    for t in ix.service_owner.iter().flatten() {
        services[*t] += 1;
    }
    for (t, team) in ix.teams() {
        let mut parts = Vec::new();
        if streams[t] > max_streams {
            parts.push(format!(
                "{} (at most {max_streams})",
                plural(streams[t], "stream")
            ));
        }
        if services[t] > max_services {
            parts.push(format!(
                "{} (at most {max_services})",
                plural(services[t], "service")
            ));
        }
        if !parts.is_empty() {
            out.push(RULE.finding(
                vec![team.id.clone()],
                format!("{} owns {}", team.name, parts.join(" and ")),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::testing::*;

    #[test]
    fn fires_on_three_streams() {
        let map = builder()
            .sa("a")
            .svc("x", "a")
            .stream("s1", Some("a"), &["x"])
            .stream("s2", Some("a"), &["x"])
            .stream("s3", Some("a"), &["x"])
            .build();
        assert_eq!(
            findings_of(&map, "team-overload")[0].message,
            "Team a owns 3 streams (at most 2)"
        );
    }

    #[test]
    fn fires_on_nine_services_and_not_on_eight() {
        let mut b = builder().sa("a").sa("b");
        for i in 0..9 {
            b = b.svc(&format!("s{i}"), "a");
        }
        for i in 0..8 {
            b = b.svc(&format!("t{i}"), "b");
        }
        assert_eq!(subjects_of(&b.build(), "team-overload"), [["a"]]);
    }
}
