//! `unowned-stream`: a value stream nobody owns end to end.

use crate::analysis::finding::{Finding, Severity};
use crate::analysis::index::MapIndex;
use crate::analysis::rule::Rule;

/// See the module docs.
pub static RULE: Rule = Rule {
    id: "unowned-stream",
    title: "Value stream without an owning team",
    severity: Severity::Warning,
    explanation: "A value stream that no team owns end to end has nobody who knows its customer, \
        its bottlenecks and its handoffs. Each step is optimised locally and the flow as a whole \
        is nobody's job, so delays between the steps go unnoticed.",
    hint: "Name one stream-aligned team that owns the stream from idea to production \
        (one team, one stream); if the stream is small, combine it with a similar one under one team.",
    check,
};

fn check(ix: &MapIndex<'_>, out: &mut Vec<Finding>) {
    for (k, stream) in ix.streams() {
        if ix.stream_owner[k].is_none() {
            out.push(RULE.finding(
                vec![stream.id.clone()],
                format!("{} has no owning team", stream.name),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::testing::*;

    #[test]
    fn fires_on_a_stream_without_owner_only() {
        let map = builder()
            .sa("a")
            .svc("s", "a")
            .stream("owned", Some("a"), &["s"])
            .stream("adrift", None, &["s"])
            .build();
        assert_eq!(subjects_of(&map, "unowned-stream"), [["adrift"]]);
    }
}
