//! `tangled-stream`: two streams of different teams share one service.

use crate::analysis::finding::{Finding, Severity};
use crate::analysis::index::MapIndex;
use crate::analysis::rule::Rule;

use super::shared_service::is_shared_candidate;

/// See the module docs.
pub static RULE: Rule = Rule {
    id: "tangled-stream",
    title: "Two value streams of different teams are tangled in one service",
    severity: Severity::Warning,
    explanation: "The tangled-stream anti-pattern: a service carries logic for two value streams \
        that different teams own. It usually starts as a shortcut under deadline pressure, a \
        conditional added to an existing service; over months the service fills with flags for \
        both streams, and a change for one stream breaks the other.",
    hint: "Split the service along the two streams so that each stream's team owns its part \
        (one team, one stream), and let the parts exchange what they share through events \
        (event-driven integration).",
    check,
};

fn check(ix: &MapIndex<'_>, out: &mut Vec<Finding>) {
    for (s, service) in ix.services() {
        let [k1, k2] = ix.service_streams[s][..] else {
            continue;
        };
        let (o1, o2) = (ix.stream_owner[k1], ix.stream_owner[k2]);
        // An unowned stream is owned by no team, so it never matches another.
        let same_owner = o1.is_some() && o1 == o2;
        if !same_owner && is_shared_candidate(ix, s) {
            let mut names = [ix.stream_name(k1), ix.stream_name(k2)];
            names.sort_unstable();
            out.push(RULE.finding(
                vec![service.id.clone()],
                format!(
                    "{} carries logic for {} and {}, owned by different teams",
                    service.name, names[0], names[1]
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::testing::*;
    use crate::model::ServiceKind as K;

    fn two_streams(owner1: Option<&str>, owner2: Option<&str>, kind: K) -> crate::model::Map {
        builder()
            .sa("a")
            .sa("b")
            .service("mid", kind, Some("a"))
            .stream("s1", owner1, &["mid"])
            .stream("s2", owner2, &["mid"])
            .build()
    }

    #[test]
    fn fires_when_the_two_streams_have_different_or_no_owners() {
        assert_eq!(
            subjects_of(
                &two_streams(Some("a"), Some("b"), K::Service),
                "tangled-stream"
            ),
            [["mid"]]
        );
        assert_eq!(
            subjects_of(&two_streams(Some("a"), None, K::Service), "tangled-stream"),
            [["mid"]]
        );
        assert_eq!(
            subjects_of(&two_streams(None, None, K::Service), "tangled-stream"),
            [["mid"]]
        );
    }

    #[test]
    fn one_team_owning_both_streams_is_fine() {
        assert!(
            subjects_of(
                &two_streams(Some("a"), Some("a"), K::Service),
                "tangled-stream"
            )
            .is_empty()
        );
    }

    #[test]
    fn gateways_are_judged_by_their_own_rule() {
        assert!(
            subjects_of(
                &two_streams(Some("a"), Some("b"), K::Gateway),
                "tangled-stream"
            )
            .is_empty()
        );
    }
}
