//! Time on a value stream: each step's hands-on work and the wait before
//! it, summed into lead time and flow efficiency, the steps' %C&A rolled
//! into one, and the wait at every handoff between teams, where a change
//! queues for another team. The lean value-stream figures, on the services
//! and teams of the map.

use serde::Serialize;

use crate::model::{Id, Map, Step, Stream};

/// The time figures of one stream.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StreamTimes {
    /// Hands-on time, summed over the steps, in minutes.
    pub work_minutes: u64,
    /// Time queued before the steps, summed, in minutes.
    pub wait_minutes: u64,
    /// Work plus wait, in minutes.
    pub lead_time_minutes: u64,
    /// Work over lead time, 0 to 1; `None` when nothing is measured.
    pub flow_efficiency: Option<f64>,
    /// The product of the steps' %C&A, 0 to 1 (1 when none is given).
    pub complete_accurate: f64,
    /// Consecutive steps owned by different teams (an unowned step counts).
    pub handoffs: usize,
    /// Steps with neither work nor wait: they count as zero.
    pub unmeasured_steps: usize,
    /// Each handoff, with the wait before the step that receives the work.
    pub boundaries: Vec<Boundary>,
}

/// One handoff on a stream: the step before and the step after, their
/// teams, and how long the work waits at it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Boundary {
    /// The team handing over (`None`: unowned).
    pub from_team: Option<Id>,
    /// The team receiving (`None`: unowned).
    pub to_team: Option<Id>,
    /// The service of the step handing over.
    pub from_service: Id,
    /// The service of the step receiving.
    pub to_service: Id,
    /// The wait before the receiving step, in minutes; `None` when not measured.
    pub wait_minutes: Option<u64>,
}

impl StreamTimes {
    /// Whether any step is measured (has work or wait).
    pub fn is_measured(&self) -> bool {
        self.flow_efficiency.is_some()
    }
}

/// The time figures of `stream` of `map`.
pub fn stream_times(map: &Map, stream: &Stream) -> StreamTimes {
    let owners = map.step_owners(stream);
    times_of(&stream.steps, &owners)
}

/// The figures from a stream's steps and their owners, in order.
pub fn times_of(steps: &[Step], owners: &[Option<&Id>]) -> StreamTimes {
    let minutes = |d: Option<crate::model::Duration>| d.map_or(0, |d| d.minutes());
    let work: u64 = steps.iter().map(|s| minutes(s.work)).sum();
    let wait: u64 = steps.iter().map(|s| minutes(s.wait)).sum();
    let lead = work + wait;
    let measured = steps.iter().any(|s| s.work.is_some() || s.wait.is_some());
    let complete_accurate = steps
        .iter()
        .filter_map(|s| s.complete_accurate)
        .map(|p| f64::from(p) / 100.0)
        .product();
    let mut boundaries = Vec::new();
    for (i, pair) in owners.windows(2).enumerate() {
        if pair[0] != pair[1] || pair[0].is_none() {
            boundaries.push(Boundary {
                from_team: pair[0].cloned(),
                to_team: pair[1].cloned(),
                from_service: steps[i].service.clone(),
                to_service: steps[i + 1].service.clone(),
                wait_minutes: steps[i + 1].wait.map(|d| d.minutes()),
            });
        }
    }
    StreamTimes {
        work_minutes: work,
        wait_minutes: wait,
        lead_time_minutes: lead,
        flow_efficiency: (measured && lead > 0).then(|| work as f64 / lead as f64),
        complete_accurate,
        handoffs: boundaries.len(),
        unmeasured_steps: steps
            .iter()
            .filter(|s| s.work.is_none() && s.wait.is_none())
            .count(),
        boundaries,
    }
}

/// A fraction (0 to 1) as whole percent, rounded down, as every figure and
/// rule shows flow efficiency: a stream just below a threshold never reads
/// as at it.
pub fn percent_down(fraction: f64) -> u32 {
    (fraction * 100.0).floor() as u32
}

/// Minutes as a person reads a duration: `1d4h`, `45m`, `0m`.
pub fn format_minutes(minutes: u64) -> String {
    match crate::model::Duration::from_minutes(minutes) {
        Some(d) => d.to_string(),
        // Sums of long steps may pass ten years: whole days then.
        None => format!("{}d", minutes / (24 * 60)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::testing::builder;
    use crate::model::Duration;

    fn timed(map: &mut Map, stream: usize, step: usize, work: &str, wait: &str, ca: Option<u8>) {
        let s = &mut map.streams[stream].steps[step];
        s.work = (!work.is_empty()).then(|| Duration::parse(work).unwrap());
        s.wait = (!wait.is_empty()).then(|| Duration::parse(wait).unwrap());
        s.complete_accurate = ca;
    }

    #[test]
    fn lead_time_flow_efficiency_and_handoff_waits_are_summed_by_hand() {
        let mut map = builder()
            .sa("a")
            .sa("b")
            .svc("x", "a")
            .svc("y", "a")
            .svc("z", "b")
            .service("u", crate::model::ServiceKind::Service, None)
            .stream("s", Some("a"), &["x", "y", "z", "u"])
            .build();
        timed(&mut map, 0, 0, "2h", "", Some(90));
        timed(&mut map, 0, 1, "1h", "30m", None);
        timed(&mut map, 0, 2, "3h", "2d", Some(50));
        let t = stream_times(&map, &map.streams[0]);
        assert_eq!(t.work_minutes, 6 * 60);
        assert_eq!(t.wait_minutes, 2 * 1440 + 30);
        assert_eq!(t.lead_time_minutes, 6 * 60 + 2 * 1440 + 30);
        let efficiency = 360.0 / (360.0 + 2910.0);
        assert!((t.flow_efficiency.unwrap() - efficiency).abs() < 1e-12);
        assert!((t.complete_accurate - 0.45).abs() < 1e-12);
        assert_eq!(t.handoffs, 2);
        assert_eq!(t.unmeasured_steps, 1);
        let waits: Vec<(&str, &str, Option<u64>)> = t
            .boundaries
            .iter()
            .map(|b| {
                (
                    b.from_service.as_str(),
                    b.to_service.as_str(),
                    b.wait_minutes,
                )
            })
            .collect();
        assert_eq!(waits, [("y", "z", Some(2880)), ("z", "u", None)]);
        assert_eq!(format_minutes(t.lead_time_minutes), "2d6h30m");
    }

    #[test]
    fn a_stream_without_times_is_unmeasured() {
        let map = builder()
            .sa("a")
            .svc("x", "a")
            .svc("y", "a")
            .stream("s", Some("a"), &["x", "y"])
            .build();
        let t = stream_times(&map, &map.streams[0]);
        assert_eq!(t.lead_time_minutes, 0);
        assert_eq!(t.flow_efficiency, None);
        assert!(!t.is_measured());
        assert_eq!(t.complete_accurate, 1.0);
        assert_eq!(t.unmeasured_steps, 2);
        assert_eq!(t.handoffs, 0);
    }
}
