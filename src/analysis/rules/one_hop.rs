//! `one-hop`: changing a service needs more than one hop to another team.

use crate::analysis::finding::{Finding, Severity};
use crate::analysis::index::{IndexedLink, MapIndex, TeamIx};
use crate::analysis::rule::Rule;
use crate::analysis::wording::NameList;
use crate::model::LinkKind;

/// See the module docs.
pub static RULE: Rule = Rule {
    id: "one-hop",
    title: "A change to the service needs more than one hop to another team",
    severity: Severity::Warning,
    explanation: "The one-hop rule: a change to a value stream should require at most one hop to \
        another team. A service tied by synchronous calls or shared data to services of several \
        other teams cannot change its interface or its data without negotiating with each of \
        them; the architecture has drifted away from the stream.",
    hint: "Replace synchronous calls and shared data with events so each team evolves on its own \
        cadence (event-driven integration), or move the coupled services under one team \
        (one team, one stream).",
    check,
};

fn check(ix: &MapIndex<'_>, out: &mut Vec<Finding>) {
    let max = ix.settings().one_hop_max_hops();
    // Reused for every service: most services pass, and should cost no
    // allocation to do so.
    let mut teams: Vec<TeamIx> = Vec::new();
    let mut coupling: Vec<IndexedLink> = Vec::new();
    for (s, service) in ix.services() {
        let Some(own) = ix.service_owner[s] else {
            continue;
        };
        if ix.service_streams[s].is_empty() || ix.team_is_platform[own] {
            continue;
        }
        teams.clear();
        coupling.clear();
        // Each of the service's links, with what it couples the service to.
        let coupled = ix.links_out[s].iter().chain(&ix.links_in[s]).map(|&l| {
            let link = ix.links[l];
            (link, link.other_end(s))
        });
        for (link, other) in coupled {
            if link.kind == LinkKind::Event {
                continue;
            }
            let Some(team) = ix.service_owner[other] else {
                continue;
            };
            if team == own || ix.team_is_platform[team] {
                continue;
            }
            teams.push(team);
            coupling.push(link);
        }
        teams.sort_unstable();
        teams.dedup();
        if teams.len() > max {
            let mut links: Vec<String> = coupling
                .iter()
                .map(|link| {
                    format!(
                        "{} -> {} ({})",
                        ix.service_name(link.from),
                        ix.service_name(link.to),
                        link.kind.as_str()
                    )
                })
                .collect();
            links.sort();
            out.push(RULE.finding(
                vec![service.id.clone()],
                format!(
                    "A change to {} needs {} hops, to {}, over {}",
                    service.name,
                    teams.len(),
                    NameList::all(&ix.team_names(teams.iter().copied())),
                    NameList::all(&links),
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::testing::*;
    use crate::model::LinkKind as L;

    fn map_with(kind_to_c: L) -> crate::model::Map {
        builder()
            .sa("a")
            .sa("b")
            .sa("c")
            .platform("p")
            .svc("hub", "a")
            .svc("y", "b")
            .svc("z", "c")
            .svc("plat", "p")
            .link("hub", "y", L::Sync)
            .link("z", "hub", kind_to_c)
            .link("hub", "plat", L::Sync)
            .stream("s", Some("a"), &["hub"])
            .build()
    }

    #[test]
    fn fires_with_sync_or_data_links_to_two_other_teams_in_either_direction() {
        assert_eq!(subjects_of(&map_with(L::Sync), "one-hop"), [["hub"]]);
        let findings = findings_of(&map_with(L::Data), "one-hop");
        assert_eq!(findings.len(), 1);
        assert_eq!(
            findings[0].message,
            "A change to Svc hub needs 2 hops, to Team b and Team c, over Svc hub -> Svc y (sync) and Svc z -> Svc hub (data)"
        );
    }

    #[test]
    fn events_and_platform_teams_are_not_hops() {
        assert!(subjects_of(&map_with(L::Event), "one-hop").is_empty());
    }

    #[test]
    fn services_on_no_stream_are_not_checked() {
        let map = map_with(L::Sync).clone();
        let mut map = map;
        map.streams.clear();
        assert!(subjects_of(&map, "one-hop").is_empty());
    }
}
