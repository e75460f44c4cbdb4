//! Flow figures of a value stream: how many teams and handoffs an
//! end-to-end change meets, and, where its steps are timed, its lead time,
//! flow efficiency and longest wait at a handoff. Shown on the flow card
//! and compared in diffs.

use std::collections::BTreeSet;

use rustc_hash::FxHashMap as HashMap;

use serde::Serialize;

use super::finding::Finding;
use crate::model::{Id, Map, Stream};

/// The flow figures of one stream.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FlowFigures {
    /// Teams an end-to-end change involves: the stream's owner and the
    /// owners of its steps, platform teams included.
    pub teams: usize,
    /// Of those, the teams other than the stream's owner.
    pub other_teams: usize,
    /// Consecutive steps owned by different teams (an unowned step counts as a handoff).
    pub handoffs: usize,
    /// Findings (not allowed) naming the stream or one of its steps.
    pub findings: usize,
    /// Lead time in minutes: work plus wait over the steps (0 when unmeasured).
    pub lead_time_minutes: u64,
    /// Flow efficiency in whole percent, rounded down; `None` when unmeasured.
    pub flow_efficiency_percent: Option<u32>,
    /// The longest measured wait at a handoff between teams, in minutes.
    pub longest_handoff_wait_minutes: Option<u64>,
}

impl FlowFigures {
    /// Whether the stream's steps carry times.
    pub fn is_measured(&self) -> bool {
        self.flow_efficiency_percent.is_some()
    }
}

/// Names of the teams an end-to-end change to the stream involves, sorted.
pub fn stream_teams(map: &Map, stream: &Stream) -> Vec<String> {
    let mut ids: BTreeSet<&Id> = stream
        .steps
        .iter()
        .filter_map(|s| map.service(s.service.as_str())?.owner.as_ref())
        .collect();
    ids.extend(stream.owner.as_ref());
    let mut names: Vec<String> = ids
        .into_iter()
        .map(|t| {
            map.team(t.as_str())
                .map_or_else(|| t.to_string(), |t| t.name.clone())
        })
        .collect();
    names.sort();
    names
}

/// Computes a stream's flow figures; `findings` are the map's findings.
pub fn flow_figures(map: &Map, stream: &Stream, findings: &[Finding]) -> FlowFigures {
    let owners = map.step_owners(stream);
    let on_stream = |id: &Id| id == &stream.id || stream.has_step(id);
    let findings = findings
        .iter()
        .filter(|f| !f.allowed && f.subjects.iter().any(on_stream))
        .count();
    figures_of(stream, &owners, findings)
}

/// [`flow_figures`] of every stream of the map, in map order, in one pass
/// over the findings: a diff of an organisation's maps needs them all, and
/// one search per stream would be quadratic.
pub fn all_flow_figures(map: &Map, findings: &[Finding]) -> Vec<FlowFigures> {
    /// Ends a list in `chain`.
    const END: usize = usize::MAX;
    // Per id a finding may name (a service, a stream): its owner if it is a
    // service, and the first entry of its list of streams in `chain`. The
    // lists are linked through one vector instead of a vector per id: an
    // organisation has thousands of them.
    let mut ids: HashMap<&str, (Option<&Id>, usize)> = HashMap::default();
    ids.reserve(map.services.len() + map.streams.len());
    for s in &map.services {
        ids.insert(s.id.as_str(), (s.owner.as_ref(), END));
    }
    // (stream, next entry of the same id's list).
    let mut chain: Vec<(usize, usize)> = Vec::new();
    let mut owners: Vec<Option<&Id>> = Vec::new();
    let mut step_owners: Vec<std::ops::Range<usize>> = Vec::with_capacity(map.streams.len());
    for (k, stream) in map.streams.iter().enumerate() {
        let concerns = |head: &mut usize, chain: &mut Vec<(usize, usize)>| {
            // A service twice on a stream still concerns it once.
            if *head == END || chain[*head].0 != k {
                chain.push((k, *head));
                *head = chain.len() - 1;
            }
        };
        let entry = ids.entry(stream.id.as_str()).or_insert((None, END));
        concerns(&mut entry.1, &mut chain);
        let start = owners.len();
        for step in &stream.steps {
            match ids.get_mut(step.service.as_str()) {
                Some((owner, head)) => {
                    owners.push(*owner);
                    concerns(head, &mut chain);
                }
                None => owners.push(None),
            }
        }
        step_owners.push(start..owners.len());
    }
    let mut counts = vec![0usize; map.streams.len()];
    let mut touched: Vec<usize> = Vec::new();
    for finding in findings.iter().filter(|f| !f.allowed) {
        touched.clear();
        for subject in &finding.subjects {
            let mut at = ids.get(subject.as_str()).map_or(END, |&(_, head)| head);
            while at != END {
                touched.push(chain[at].0);
                at = chain[at].1;
            }
        }
        touched.sort_unstable();
        touched.dedup();
        for &k in &touched {
            counts[k] += 1;
        }
    }
    map.streams
        .iter()
        .zip(counts)
        .zip(step_owners)
        .map(|((stream, findings), range)| figures_of(stream, &owners[range], findings))
        .collect()
}

/// The figures from the owners of a stream's steps, in order.
fn figures_of(stream: &Stream, owners: &[Option<&Id>], findings: usize) -> FlowFigures {
    let handoffs = owners
        .windows(2)
        .filter(|w| w[0] != w[1] || w[0].is_none())
        .count();
    // A stream has a dozen steps at most: a sorted vector beats a tree.
    let mut teams: Vec<&Id> = owners.iter().flatten().copied().collect();
    teams.extend(stream.owner.as_ref());
    teams.sort_unstable();
    teams.dedup();
    let other_teams = teams
        .iter()
        .filter(|t| Some(**t) != stream.owner.as_ref())
        .count();
    let times = super::times::times_of(&stream.steps, owners);
    FlowFigures {
        teams: teams.len(),
        other_teams,
        handoffs,
        findings,
        lead_time_minutes: times.lead_time_minutes,
        flow_efficiency_percent: times.flow_efficiency.map(super::times::percent_down),
        longest_handoff_wait_minutes: times.boundaries.iter().filter_map(|b| b.wait_minutes).max(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::test_map::MapBuilder;

    #[test]
    fn all_flow_figures_agree_with_one_stream_at_a_time() {
        for map in [
            crate::io::from_json(include_bytes!(
                "../../assets/examples/onboarding-current.vsmap.json"
            ))
            .unwrap(),
            crate::generate::generate(&crate::generate::GenerateOptions::with_services(600)),
        ] {
            let findings =
                crate::analysis::analyze_on(&map, crate::analysis::testing::test_today());
            let all = all_flow_figures(&map, &findings);
            assert_eq!(all.len(), map.streams.len());
            assert!(all.iter().any(|f| f.findings > 0));
            for (stream, figures) in map.streams.iter().zip(&all) {
                assert_eq!(
                    figures,
                    &flow_figures(&map, stream, &findings),
                    "{}",
                    stream.id
                );
            }
        }
    }

    #[test]
    fn handoffs_count_changes_of_owner_between_consecutive_steps() {
        let map = MapBuilder::new()
            .sa("a")
            .sa("b")
            .svc("x", "a")
            .svc("y", "a")
            .svc("z", "b")
            .service("u", crate::model::ServiceKind::Service, None)
            .stream("s", Some("a"), &["x", "y", "z", "u"])
            .build();
        let figures = flow_figures(&map, &map.streams[0], &[]);
        assert_eq!(
            figures,
            FlowFigures {
                teams: 2,
                other_teams: 1,
                handoffs: 2,
                findings: 0,
                lead_time_minutes: 0,
                flow_efficiency_percent: None,
                longest_handoff_wait_minutes: None,
            }
        );
        assert_eq!(stream_teams(&map, &map.streams[0]), ["Team a", "Team b"]);
        let findings = crate::analysis::analyze_on(&map, crate::analysis::testing::test_today());
        assert!(
            flow_figures(&map, &map.streams[0], &findings).findings >= 1,
            "the unowned step is a finding on the stream"
        );
    }
}
