//! `slow-handoff`: work waits too long where one team hands it to another.
//! One finding per service that keeps work waiting, across its streams.

use crate::analysis::finding::{Finding, Severity};
use crate::analysis::index::MapIndex;
use crate::analysis::rule::Rule;
use std::collections::{BTreeMap, BTreeSet};

use crate::analysis::times::{format_minutes, times_of};
use crate::analysis::wording::{NameList, plural};
use crate::model::Id;

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
    // Per receiving service: the longest wait, the teams handing over and
    // the streams; one finding per service, where the queue is.
    let mut slow: BTreeMap<Id, (u64, BTreeSet<String>, BTreeSet<&Id>)> = BTreeMap::new();
    for (k, stream) in ix.streams() {
        if !stream.steps.iter().any(|s| s.wait.is_some()) {
            continue;
        }
        let owners: Vec<Option<&Id>> = ix.stream_steps[k]
            .iter()
            .map(|&s| ix.service_owner[s].map(|t| ix.team_id(t)))
            .collect();
        if owners.len() != stream.steps.len() {
            continue;
        }
        let times = times_of(&stream.steps, &owners);
        for b in &times.boundaries {
            let Some(wait) = b.wait_minutes.filter(|&w| w > max) else {
                continue;
            };
            let from = b
                .from_team
                .as_ref()
                .and_then(|t| ix.map.team(t.as_str()))
                .map_or("no team".to_string(), |t| t.name.clone());
            let entry = slow.entry(b.to_service.clone()).or_default();
            entry.0 = entry.0.max(wait);
            entry.1.insert(from);
            entry.2.insert(&stream.id);
        }
    }
    for (service, (wait, from, streams)) in slow {
        let name = ix
            .map
            .service(service.as_str())
            .map_or(service.as_str(), |s| s.name.as_str());
        let stream_names: Vec<&str> = streams
            .iter()
            .filter_map(|k| ix.map.stream(k.as_str()))
            .map(|k| k.name.as_str())
            .collect();
        let from: Vec<&str> = from.iter().map(String::as_str).collect();
        let mut subjects = vec![service.clone()];
        subjects.extend(streams.iter().map(|&k| k.clone()));
        out.push(RULE.finding(
            subjects,
            format!(
                "Work waits up to {} before {name}, handed over from {}, on {} ({}); at most {} should",
                format_minutes(wait),
                NameList::all(&from),
                plural(stream_names.len(), "stream"),
                NameList::all(&stream_names),
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
