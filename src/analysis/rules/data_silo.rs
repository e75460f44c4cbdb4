//! `data-silo`: point-to-point data integration between two teams.

use crate::analysis::finding::{Finding, Severity};
use crate::analysis::index::MapIndex;
use crate::analysis::rule::Rule;
use crate::model::LinkKind;

/// See the module docs.
pub static RULE: Rule = Rule {
    id: "data-silo",
    title: "Point-to-point data integration between two teams",
    severity: Severity::Warning,
    explanation: "The data-silo anti-pattern: each stream owns its data, but others need it, so \
        teams build point-to-point integrations that read or copy another team's data directly. \
        The integrations grow into a spider web of dependencies, and the owning team can no \
        longer change its schema without breaking readers it may not even know about.",
    hint: "Accept eventual consistency: let the owning team publish changes as events and let \
        each stream keep its own copy of the data it needs (event-driven integration).",
    check,
};

fn check(ix: &MapIndex<'_>, out: &mut Vec<Finding>) {
    for link in &ix.links {
        if link.kind != LinkKind::Data {
            continue;
        }
        let (from, to) = (link.from, link.to);
        if let (Some(a), Some(b)) = (ix.service_owner[from], ix.service_owner[to])
            && a != b
        {
            out.push(RULE.finding(
                vec![ix.service_id(from).clone(), ix.service_id(to).clone()],
                format!(
                    "{} ({}) reads the data of {} ({}) directly",
                    ix.service_name(from),
                    ix.team_name(a),
                    ix.service_name(to),
                    ix.team_name(b)
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::testing::*;
    use crate::model::{LinkKind as L, ServiceKind as K};

    #[test]
    fn fires_on_a_data_link_across_teams_with_from_first() {
        let map = builder()
            .sa("a")
            .sa("b")
            .svc("reporting", "b")
            .service("ledger-db", K::Datastore, Some("a"))
            .link("reporting", "ledger-db", L::Data)
            .build();
        assert_eq!(subjects_of(&map, "data-silo"), [["reporting", "ledger-db"]]);
        assert_eq!(
            findings_of(&map, "data-silo")[0].message,
            "Svc reporting (Team b) reads the data of Svc ledger-db (Team a) directly"
        );
    }

    #[test]
    fn same_team_unowned_or_other_kinds_do_not_fire() {
        let map = builder()
            .sa("a")
            .sa("b")
            .svc("x", "a")
            .svc("y", "a")
            .svc("z", "b")
            .service("u", K::Service, None)
            .link("x", "y", L::Data)
            .link("x", "u", L::Data)
            .link("x", "z", L::Sync)
            .link("z", "x", L::Event)
            .build();
        assert!(subjects_of(&map, "data-silo").is_empty());
    }
}
