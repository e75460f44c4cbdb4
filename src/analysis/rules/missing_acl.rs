//! `missing-acl`: a stream talks to a legacy system without a translation layer.

use std::collections::BTreeMap;

use crate::analysis::finding::{Finding, Severity};
use crate::analysis::index::{MapIndex, ServiceIx};
use crate::analysis::rule::Rule;
use crate::model::{LinkKind, ServiceKind};

/// See the module docs.
pub static RULE: Rule = Rule {
    id: "missing-acl",
    title: "Legacy system used without an anti-corruption layer",
    severity: Severity::Warning,
    explanation: "A legacy system was not designed for flow. A service that calls it or reads its \
        data directly takes on the legacy system's model, quirks and release cadence, so the value \
        stream moves at the legacy system's pace and cannot replace it step by step.",
    hint: "Put an anti-corruption layer (a service of kind acl) between the stream and the legacy \
        system: it translates the legacy model, isolates the stream from its quirks, and lets the \
        legacy system be wrapped or replaced gradually.",
    check,
};

fn check(ix: &MapIndex<'_>, out: &mut Vec<Finding>) {
    // One finding per (from, to) pair even if both a sync and a data link exist.
    let mut pairs: BTreeMap<(ServiceIx, ServiceIx), Vec<&'static str>> = BTreeMap::new();
    for link in &ix.links {
        let (from, to, kind) = (link.from, link.to, link.kind);
        let (from_kind, to_kind) = (ix.service_kind[from], ix.service_kind[to]);
        if matches!(kind, LinkKind::Sync | LinkKind::Data)
            && to_kind == ServiceKind::Legacy
            && !matches!(from_kind, ServiceKind::Legacy | ServiceKind::Acl)
        {
            pairs.entry((from, to)).or_default().push(kind.as_str());
        }
    }
    for ((from, to), kinds) in pairs {
        let how = if kinds.contains(&"sync") {
            "calls"
        } else {
            "reads the data of"
        };
        out.push(RULE.finding(
            vec![ix.service_id(from).clone(), ix.service_id(to).clone()],
            format!(
                "{} {} the legacy system {} directly, with no anti-corruption layer",
                ix.service_name(from),
                how,
                ix.service_name(to)
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::testing::*;
    use crate::model::{LinkKind as L, ServiceKind as K};

    #[test]
    fn fires_on_sync_or_data_links_into_legacy_once_per_pair() {
        let map = builder()
            .sa("a")
            .svc("x", "a")
            .svc("y", "a")
            .service("core", K::Legacy, Some("a"))
            .link("x", "core", L::Sync)
            .link("x", "core", L::Data)
            .link("y", "core", L::Data)
            .build();
        assert_eq!(
            subjects_of(&map, "missing-acl"),
            [["x", "core"], ["y", "core"]]
        );
        assert_eq!(
            findings_of(&map, "missing-acl")[1].message,
            "Svc y reads the data of the legacy system Svc core directly, with no anti-corruption layer"
        );
    }

    #[test]
    fn acls_other_legacy_systems_and_events_may_talk_to_legacy() {
        let map = builder()
            .sa("a")
            .service("acl", K::Acl, Some("a"))
            .service("old", K::Legacy, Some("a"))
            .service("core", K::Legacy, Some("a"))
            .svc("x", "a")
            .link("acl", "core", L::Sync)
            .link("old", "core", L::Data)
            .link("x", "core", L::Event)
            .link("x", "acl", L::Sync)
            .build();
        assert!(subjects_of(&map, "missing-acl").is_empty());
    }
}
