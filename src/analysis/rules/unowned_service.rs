//! `unowned-service`: a service nobody owns.

use crate::analysis::finding::{Finding, Severity};
use crate::analysis::index::MapIndex;
use crate::analysis::rule::Rule;
use crate::model::ServiceKind;

/// See the module docs.
pub static RULE: Rule = Rule {
    id: "unowned-service",
    title: "Service without an owning team",
    severity: Severity::Warning,
    explanation: "When nobody owns a service, teams treat its code as a commons: they avoid \
        refactoring it because they do not know whom to ask, and technical debt piles up silently. \
        Every change to it becomes an escalation instead of a conversation with one team.",
    hint: "Give the service one owning team, ideally the team whose value stream uses it most \
        (one team, one stream); if every stream needs it, hand it to a platform team as an enabler.",
    check,
};

fn check(ix: &MapIndex<'_>, out: &mut Vec<Finding>) {
    for (s, service) in ix.services() {
        if service.kind != ServiceKind::External && ix.service_owner[s].is_none() {
            out.push(RULE.finding(
                vec![service.id.clone()],
                format!("{} has no owning team", service.name),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::testing::*;
    use crate::model::ServiceKind as K;

    #[test]
    fn fires_on_an_unowned_service() {
        let map = builder()
            .sa("a")
            .svc("owned", "a")
            .service("orphan", K::Datastore, None)
            .build();
        assert_eq!(subjects_of(&map, "unowned-service"), [["orphan"]]);
        assert_eq!(
            findings_of(&map, "unowned-service")[0].message,
            "Svc orphan has no owning team"
        );
    }

    #[test]
    fn external_systems_need_no_owner() {
        let map = builder().service("bureau", K::External, None).build();
        assert!(subjects_of(&map, "unowned-service").is_empty());
    }
}
