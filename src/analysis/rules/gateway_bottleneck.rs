//! `gateway-bottleneck`: a central gateway that many teams must go through.

use std::collections::BTreeSet;

use crate::analysis::finding::{Finding, Severity};
use crate::analysis::index::{MapIndex, TeamIx};
use crate::analysis::rule::Rule;
use crate::analysis::wording::NameList;
use crate::model::{LinkKind, ServiceKind};

/// Number of other teams' services a gateway may route to before it is central.
pub const MAX_ROUTED_TEAMS: usize = 2;

/// See the module docs.
pub static RULE: Rule = Rule {
    id: "gateway-bottleneck",
    title: "A central gateway couples several teams",
    severity: Severity::Warning,
    explanation: "The gateway anti-pattern: a centralised API gateway that routes to many teams' \
        services becomes a point of coupling. Every team must coordinate with the gateway's team \
        to add or change a route, so the gateway slows every value stream. It often starts from a \
        wish to enforce security or monitoring centrally.",
    hint: "Give each value stream its own ingress that its team owns (one team, one stream), and \
        keep cross-cutting security and monitoring in a self-service platform capability \
        (platform as an enabler) rather than in one shared routing table.",
    check,
};

fn check(ix: &MapIndex<'_>, out: &mut Vec<Finding>) {
    for (s, service) in ix.services() {
        if service.kind != ServiceKind::Gateway {
            continue;
        }
        let stream_teams: BTreeSet<TeamIx> = ix.service_streams[s]
            .iter()
            .filter_map(|&k| ix.stream_owner[k])
            .collect();
        let own = ix.service_owner[s];
        let routed_teams: BTreeSet<TeamIx> = ix.links_out[s]
            .iter()
            .map(|&l| ix.links[l])
            .filter(|link| link.kind == LinkKind::Sync)
            .filter_map(|link| ix.service_owner[link.to])
            .filter(|&t| Some(t) != own)
            .collect();
        let mut reasons = Vec::new();
        if stream_teams.len() >= 2 {
            reasons.push(format!(
                "is on streams of {} teams ({})",
                stream_teams.len(),
                NameList::all(&ix.team_names(stream_teams.iter().copied()))
            ));
        }
        if routed_teams.len() > MAX_ROUTED_TEAMS {
            reasons.push(format!(
                "routes calls to services of {} other teams ({})",
                routed_teams.len(),
                NameList::all(&ix.team_names(routed_teams.iter().copied()))
            ));
        }
        if !reasons.is_empty() {
            out.push(RULE.finding(
                vec![service.id.clone()],
                format!("{} {}", service.name, reasons.join(" and ")),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::testing::*;
    use crate::model::{LinkKind as L, ServiceKind as K};

    #[test]
    fn fires_when_streams_of_two_teams_pass_through() {
        let map = builder()
            .sa("a")
            .sa("b")
            .service("gw", K::Gateway, Some("a"))
            .stream("s1", Some("a"), &["gw"])
            .stream("s2", Some("b"), &["gw"])
            .build();
        let findings = findings_of(&map, "gateway-bottleneck");
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].message,
            "Svc gw is on streams of 2 teams (Team a and Team b)"
        );
    }

    #[test]
    fn fires_when_routing_to_three_other_teams() {
        let map = builder()
            .sa("own")
            .sa("a")
            .sa("b")
            .sa("c")
            .service("gw", K::Gateway, Some("own"))
            .svc("x", "a")
            .svc("y", "b")
            .svc("z", "c")
            .link("gw", "x", L::Sync)
            .link("gw", "y", L::Sync)
            .link("gw", "z", L::Sync)
            .build();
        assert_eq!(subjects_of(&map, "gateway-bottleneck"), [["gw"]]);
    }

    #[test]
    fn two_other_teams_events_and_own_team_do_not_count() {
        let map = builder()
            .sa("own")
            .sa("a")
            .sa("b")
            .sa("c")
            .service("gw", K::Gateway, Some("own"))
            .svc("x", "a")
            .svc("y", "b")
            .svc("z", "c")
            .svc("w", "own")
            .link("gw", "x", L::Sync)
            .link("gw", "y", L::Sync)
            .link("gw", "z", L::Event)
            .link("gw", "w", L::Sync)
            .stream("s1", Some("own"), &["gw"])
            .stream("s2", None, &["gw"])
            .build();
        assert!(subjects_of(&map, "gateway-bottleneck").is_empty());
    }

    #[test]
    fn only_gateways_are_checked() {
        let map = builder()
            .sa("a")
            .sa("b")
            .svc("svc", "a")
            .stream("s1", Some("a"), &["svc"])
            .stream("s2", Some("b"), &["svc"])
            .build();
        assert!(subjects_of(&map, "gateway-bottleneck").is_empty());
    }
}
