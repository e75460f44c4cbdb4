//! `low-flow-efficiency`: a measured stream spends almost all its lead time
//! waiting.

use crate::analysis::finding::{Finding, Severity};
use crate::analysis::index::MapIndex;
use crate::analysis::rule::Rule;
use crate::analysis::times::{format_minutes, percent_down};

/// See the module docs.
pub static RULE: Rule = Rule {
    id: "low-flow-efficiency",
    title: "A value stream mostly waits",
    severity: Severity::Info,
    explanation: "Flow efficiency is the share of lead time spent working on a change rather \
        than waiting for it. Below about 15 percent, faster engineering barely changes lead time: \
        the waiting between steps, mostly at handoffs between teams, is where the time goes.",
    hint: "Look at the longest waits on the stream's timeline, usually at team boundaries, and \
        remove those handoffs before optimising any step's work.",
    check,
};

fn check(ix: &MapIndex<'_>, out: &mut Vec<Finding>) {
    let min = ix.settings().min_flow_efficiency();
    for (_, stream) in ix.streams() {
        let minutes = |d: Option<crate::model::Duration>| d.map_or(0, |d| d.minutes());
        let (mut work, mut wait, mut measured) = (0, 0, false);
        for step in &stream.steps {
            measured |= step.work.is_some() || step.wait.is_some();
            work += minutes(step.work);
            wait += minutes(step.wait);
        }
        let lead = work + wait;
        if !measured || lead == 0 {
            continue;
        }
        let efficiency = work as f64 / lead as f64;
        if efficiency >= min {
            continue;
        }
        out.push(RULE.finding(
            vec![stream.id.clone()],
            format!(
                "{} works {} of its {} lead time: a flow efficiency of {:.0} % (at least {:.0} %)",
                stream.name,
                format_minutes(work),
                format_minutes(lead),
                percent_down(efficiency),
                min * 100.0
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::analysis::testing::*;
    use crate::model::Duration;

    #[test]
    fn fires_on_measured_streams_below_the_threshold() {
        let map = builder()
            .sa("a")
            .svc("x", "a")
            .svc("y", "a")
            .stream("slow", Some("a"), &["x", "y"])
            .stream("unmeasured", Some("a"), &["y"])
            .with(|m| {
                m.streams[0].steps[0].work = Duration::parse("2h").ok();
                m.streams[0].steps[1].work = Duration::parse("2h").ok();
                m.streams[0].steps[1].wait = Duration::parse("1d").ok();
            })
            .build();
        assert_eq!(subjects_of(&map, "low-flow-efficiency"), [["slow"]]);
        assert_eq!(
            findings_of(&map, "low-flow-efficiency")[0].message,
            "Stream slow works 4h of its 1d4h lead time: a flow efficiency of 14 % (at least 15 %)"
        );
    }
}
