//! `chatty-platform`: a stream makes many round trips into one platform.

use crate::analysis::finding::{Finding, Severity};
use crate::analysis::index::{MapIndex, ServiceIx, TeamIx};
use crate::analysis::rule::Rule;
use crate::analysis::wording::NameList;

/// See the module docs.
pub static RULE: Rule = Rule {
    id: "chatty-platform",
    title: "A stream makes many synchronous calls into one platform team's services",
    severity: Severity::Info,
    explanation: "When a platform offers low-level primitives instead of coarse-grained APIs \
        aligned to common workflows, each product team makes many round trips, builds its own \
        integration, and waits for the platform team whenever a field is missing. Latency and \
        coordination grow with every call.",
    hint: "Treat the platform's API as a product for the stream teams: offer coarse-grained \
        operations that match their workflows (platform as an enabler), so one call does what \
        several did.",
    check,
};

fn check(ix: &MapIndex<'_>, out: &mut Vec<Finding>) {
    let min = ix.settings().chatty_platform_min_calls();
    // (platform team, called service) for each synchronous call of the
    // stream, reused across streams.
    let mut calls: Vec<(TeamIx, ServiceIx)> = Vec::new();
    for (k, stream) in ix.streams() {
        calls.clear();
        for &step in &ix.stream_steps[k] {
            for &to in &ix.sync_callees[step] {
                if let Some(team) = ix.service_owner[to].filter(|&t| ix.team_is_platform[t]) {
                    calls.push((team, to));
                }
            }
        }
        calls.sort_unstable();
        for group in calls.chunk_by(|a, b| a.0 == b.0) {
            let team = group[0].0;
            if group.len() >= min {
                let mut names: Vec<&str> = group.iter().map(|&(_, s)| ix.service_name(s)).collect();
                names.sort_unstable();
                names.dedup();
                out.push(RULE.finding(
                    vec![stream.id.clone(), ix.team_id(team).clone()],
                    format!(
                        "{} makes {} synchronous calls into {}'s services ({})",
                        stream.name,
                        group.len(),
                        ix.team_name(team),
                        NameList::all(&names)
                    ),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::testing::*;
    use crate::model::LinkKind as L;

    fn map(third: L) -> crate::model::Map {
        builder()
            .sa("a")
            .platform("p")
            .svc("web", "a")
            .svc("api", "a")
            .svc("auth", "p")
            .svc("logs", "p")
            .link("web", "auth", L::Sync)
            .link("api", "auth", L::Sync)
            .link("api", "logs", third)
            .stream("s", Some("a"), &["web", "api"])
            .build()
    }

    #[test]
    fn fires_at_three_sync_calls_from_the_steps_into_one_platform() {
        assert_eq!(subjects_of(&map(L::Sync), "chatty-platform"), [["s", "p"]]);
        assert_eq!(
            findings_of(&map(L::Sync), "chatty-platform")[0].message,
            "Stream s makes 3 synchronous calls into Team p's services (Svc auth and Svc logs)"
        );
    }

    #[test]
    fn events_do_not_count() {
        assert!(subjects_of(&map(L::Event), "chatty-platform").is_empty());
    }

    #[test]
    fn calls_into_product_teams_do_not_count() {
        let m = map(L::Sync).clone();
        let mut m = m;
        m.teams[1].team_type = crate::model::TeamType::StreamAligned;
        assert!(subjects_of(&m, "chatty-platform").is_empty());
    }
}
