//! `sync-coupling`: a synchronous call between two different streams.

use crate::analysis::finding::{Finding, Severity};
use crate::analysis::index::MapIndex;
use crate::analysis::rule::Rule;

/// See the module docs.
pub static RULE: Rule = Rule {
    id: "sync-coupling",
    title: "A synchronous call couples two value streams",
    severity: Severity::Info,
    explanation: "A request/response call from one value stream into another couples them in \
        time: the caller waits, fails when the callee fails, and both must release in step. \
        Streams usually have different cadences, one deploying daily and another weekly, and a \
        synchronous call forces the faster one to the pace of the slower.",
    hint: "Let the called stream publish what the caller needs as events, and let the caller \
        react to them or keep its own copy (event-driven integration).",
    check,
};

fn check(ix: &MapIndex<'_>, out: &mut Vec<Finding>) {
    let calls = ix
        .sync_callees
        .iter_enumerated()
        .flat_map(|(from, callees)| callees.iter().map(move |&to| (from, to)));
    for (from, to) in calls {
        if ix.is_platform(ix.service_owner[to]) {
            continue;
        }
        let (a, b) = (&ix.service_streams[from], &ix.service_streams[to]);
        if a.is_empty() || b.is_empty() || a.iter().any(|k| b.contains(k)) {
            continue;
        }
        out.push(RULE.finding(
            vec![ix.service_id(from).clone(), ix.service_id(to).clone()],
            format!(
                "{} calls {} synchronously, but they share no stream ({} and {})",
                ix.service_name(from),
                ix.service_name(to),
                ix.stream_name(a[0]),
                ix.stream_name(b[0]),
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::testing::*;
    use crate::model::LinkKind as L;

    fn map(kind: L, callee_owner: &str, shared: bool) -> crate::model::Map {
        let s2: &[&str] = if shared { &["y", "x"] } else { &["y"] };
        builder()
            .sa("a")
            .platform("p")
            .svc("x", "a")
            .svc("y", callee_owner)
            .link("x", "y", kind)
            .stream("s1", Some("a"), &["x"])
            .stream("s2", Some("a"), s2)
            .build()
    }

    #[test]
    fn fires_on_a_sync_call_between_streams_that_share_nothing() {
        assert_eq!(
            subjects_of(&map(L::Sync, "a", false), "sync-coupling"),
            [["x", "y"]]
        );
    }

    #[test]
    fn shared_streams_events_and_platform_callees_are_fine() {
        assert!(subjects_of(&map(L::Sync, "a", true), "sync-coupling").is_empty());
        assert!(subjects_of(&map(L::Event, "a", false), "sync-coupling").is_empty());
        assert!(subjects_of(&map(L::Sync, "p", false), "sync-coupling").is_empty());
    }

    #[test]
    fn services_on_no_stream_are_not_checked() {
        let mut m = map(L::Sync, "a", false);
        m.streams.truncate(1);
        assert!(subjects_of(&m, "sync-coupling").is_empty());
    }
}
