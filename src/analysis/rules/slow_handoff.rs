//! `slow-handoff`: work waits too long where one team hands it to another.
//! One finding per service that keeps work waiting, across its streams.

use crate::analysis::finding::{Finding, Severity};
use crate::analysis::index::{MapIndex, ServiceIx, StreamIx, TeamIx};
use crate::analysis::rule::Rule;
use crate::analysis::times::format_minutes;
use crate::analysis::wording::{NameList, plural};

/// See the module docs.
pub static RULE: Rule = Rule {
    id: "slow-handoff",
    title: "Work waits long at a handoff between teams",
    severity: Severity::Warning,
    explanation: "Most of a change's lead time is waiting, and the longest waits sit where one \
        team hands the work to another: a ticket in another team's backlog, a review queue, a \
        release train. The map measures the wait before each step; where that step belongs to \
        another team than the one before, the wait is a handoff cost the architecture causes.",
    hint: "Remove the handoff (one team owns both steps: one team, one stream), or make it \
        asynchronous and self-service (a platform API instead of a ticket); at least agree a \
        service level for the queue.",
    check,
};

fn check(ix: &MapIndex<'_>, out: &mut Vec<Finding>) {
    let max = ix.settings().handoff_max_wait().minutes();
    // Every handoff whose wait is too long: (receiving service, wait, team
    // handing over, stream). Read off the index, no allocation per stream:
    // an organisation has thousands of streams, mostly untimed.
    let mut slow: Vec<(ServiceIx, u64, Option<TeamIx>, StreamIx)> = Vec::new();
    for (k, stream) in ix.streams() {
        let steps = &ix.stream_steps[k];
        if steps.len() != stream.steps.len() {
            continue;
        }
        for j in 1..steps.len() {
            let Some(wait) = stream.steps[j]
                .wait
                .map(|d| d.minutes())
                .filter(|&w| w > max)
            else {
                continue;
            };
            let (from, to) = (ix.service_owner[steps[j - 1]], ix.service_owner[steps[j]]);
            if from != to || to.is_none() {
                slow.push((steps[j], wait, from, k));
            }
        }
    }
    slow.sort_unstable_by_key(|&(s, _, _, k)| (s, k));
    for group in slow.chunk_by(|a, b| a.0 == b.0) {
        let service = group[0].0;
        let wait = group.iter().map(|g| g.1).max().unwrap_or(0);
        let mut from: Vec<&str> = group
            .iter()
            .map(|g| g.2.map_or("no team", |t| ix.team_name(t)))
            .collect();
        from.sort_unstable();
        from.dedup();
        let mut streams: Vec<StreamIx> = group.iter().map(|g| g.3).collect();
        streams.dedup();
        let names: Vec<&str> = streams.iter().map(|&k| ix.stream_name(k)).collect();
        let mut subjects = vec![ix.service_id(service).clone()];
        subjects.extend(
            streams
                .iter()
                .map(|&k| ix.map.streams[k.index()].id.clone()),
        );
        out.push(RULE.finding(
            subjects,
            format!(
                "Work waits up to {} before {}, handed over from {}, on {} ({}); at most {} should",
                format_minutes(wait),
                ix.service_name(service),
                NameList::all(&from),
                plural(names.len(), "stream"),
                NameList::all(&names),
                format_minutes(max)
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::testing::*;
    use crate::model::Duration;

    #[test]
    fn fires_on_a_measured_wait_past_the_limit_at_a_team_boundary_only() {
        let map = builder()
            .sa("a")
            .sa("b")
            .svc("x", "a")
            .svc("y", "a")
            .svc("z", "b")
            .stream("s", Some("a"), &["x", "y", "z"])
            .with(|m| {
                // Inside one team a long wait is not a handoff.
                m.streams[0].steps[1].wait = Duration::parse("5d").ok();
                m.streams[0].steps[2].wait = Duration::parse("2d").ok();
            })
            .build();
        let findings = findings_of(&map, "slow-handoff");
        assert_eq!(subjects_of(&map, "slow-handoff"), [["z", "s"]]);
        assert_eq!(
            findings[0].message,
            "Work waits up to 2d before Svc z, handed over from Team a, on 1 stream (Stream s); at most 1d should"
        );
        let quick = builder()
            .sa("a")
            .sa("b")
            .svc("x", "a")
            .svc("z", "b")
            .stream("s", Some("a"), &["x", "z"])
            .with(|m| m.streams[0].steps[1].wait = Duration::parse("1d").ok())
            .build();
        assert!(
            subjects_of(&quick, "slow-handoff").is_empty(),
            "at the limit is fine"
        );
    }
}
