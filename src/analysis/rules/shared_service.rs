//! `shared-service`: one team's service sits on too many streams.

use crate::analysis::finding::{Finding, Severity};
use crate::analysis::index::{MapIndex, ServiceIx};
use crate::analysis::rule::Rule;
use crate::analysis::wording::NameList;
use crate::model::ServiceKind;

/// See the module docs.
pub static RULE: Rule = Rule {
    id: "shared-service",
    title: "A product team's service is shared by too many value streams",
    severity: Severity::Warning,
    explanation: "The shared-service anti-pattern: a service built once and reused by many value \
        streams becomes a bottleneck. Every change needs coordination with all consuming teams, \
        its interface turns rigid, and every consuming team loses autonomy. It looks efficient in \
        the short term; the cost shows up as coordination overhead.",
    hint: "Treat it as a platform: hand it to a platform team that offers a stable, coarse-grained \
        API and serves the streams as internal customers (platform as an enabler), or split it so \
        that each stream owns its part (one team, one stream).",
    check,
};

/// Kinds that are expected on many streams and are judged by other rules.
pub(super) fn is_shared_candidate(ix: &MapIndex<'_>, s: ServiceIx) -> bool {
    let kind = ix.service_kind[s];
    kind != ServiceKind::External
        && kind != ServiceKind::Gateway
        && !ix.is_platform(ix.service_owner[s])
}

fn check(ix: &MapIndex<'_>, out: &mut Vec<Finding>) {
    let max = ix.settings().shared_service_max_streams();
    for (s, service) in ix.services() {
        let streams = &ix.service_streams[s];
        if streams.len() > max && is_shared_candidate(ix, s) {
            let mut names: Vec<&str> = streams.iter().map(|&k| ix.stream_name(k)).collect();
            names.sort_unstable();
            out.push(RULE.finding(
                vec![service.id.clone()],
                format!(
                    "{} is on {} streams ({}); at most {max} should share it",
                    service.name,
                    streams.len(),
                    NameList::all(&names)
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::testing::*;
    use crate::model::ServiceKind as K;

    fn on_three_streams(kind: K, owner: Option<&str>) -> crate::model::Map {
        builder()
            .sa("a")
            .platform("p")
            .service("shared", kind, owner)
            .stream("s1", Some("a"), &["shared"])
            .stream("s2", Some("a"), &["shared"])
            .stream("s3", Some("a"), &["shared"])
            .build()
    }

    #[test]
    fn fires_on_a_product_or_unowned_service_on_three_streams() {
        assert_eq!(
            subjects_of(&on_three_streams(K::Service, Some("a")), "shared-service"),
            [["shared"]]
        );
        assert_eq!(
            subjects_of(&on_three_streams(K::Datastore, None), "shared-service"),
            [["shared"]]
        );
    }

    #[test]
    fn platform_gateways_and_externals_may_be_shared() {
        assert!(subjects_of(&on_three_streams(K::Service, Some("p")), "shared-service").is_empty());
        assert!(subjects_of(&on_three_streams(K::Gateway, Some("a")), "shared-service").is_empty());
        assert!(subjects_of(&on_three_streams(K::External, None), "shared-service").is_empty());
    }

    #[test]
    fn two_streams_are_not_yet_shared() {
        let mut map = on_three_streams(K::Service, Some("a"));
        map.streams.pop();
        assert!(subjects_of(&map, "shared-service").is_empty());
    }
}
