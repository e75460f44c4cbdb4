//! `stale-map`: the map has not been reviewed this quarter.

use crate::analysis::finding::{Finding, Severity};
use crate::analysis::index::MapIndex;
use crate::analysis::rule::Rule;

/// See the module docs.
pub static RULE: Rule = Rule {
    id: "stale-map",
    title: "The map has not been reviewed in the last quarter",
    severity: Severity::Info,
    explanation: "A value stream map drawn once in a workshop and never looked at again drifts \
        from reality: streams change with the business, services gain consumers nobody planned. \
        Boundaries should be revisited at least once a quarter, and newcomers learn the wrong \
        mental model from a stale map.",
    hint: "Review the map with each stream's team in a quarterly architecture review, update it, \
        and set `reviewed` to the day of the review.",
    check,
};

fn check(ix: &MapIndex<'_>, out: &mut Vec<Finding>) {
    let max = ix.settings().review_max_days();
    let message = match ix.map.reviewed {
        None => "The map has no review date".to_string(),
        Some(day) => {
            let age = ix
                .today
                .since(day)
                .map(|span| i64::from(span.get_days()))
                .unwrap_or(0);
            if age <= max {
                return;
            }
            format!("The map was last reviewed on {day}, {age} days ago (at most {max})")
        }
    };
    out.push(RULE.finding(Vec::new(), message));
}

#[cfg(test)]
mod tests {
    use crate::analysis::testing::*;

    #[test]
    fn fires_without_a_review_date_or_after_92_days() {
        let never = builder().with(|m| m.reviewed = None).build();
        assert_eq!(
            findings_of(&never, "stale-map")[0].message,
            "The map has no review date"
        );
        // The tests run on 2026-11-24; 92 days before is 2026-08-24.
        let old = builder()
            .with(|m| m.reviewed = Some(jiff::civil::date(2026, 8, 23)))
            .build();
        assert_eq!(
            findings_of(&old, "stale-map")[0].message,
            "The map was last reviewed on 2026-08-23, 93 days ago (at most 92)"
        );
        assert_eq!(subjects_of(&old, "stale-map"), [Vec::<String>::new()]);
    }

    #[test]
    fn a_recent_or_future_review_is_fine() {
        let recent = builder()
            .with(|m| m.reviewed = Some(jiff::civil::date(2026, 8, 24)))
            .build();
        assert!(findings_of(&recent, "stale-map").is_empty());
        let future = builder()
            .with(|m| m.reviewed = Some(jiff::civil::date(2027, 1, 1)))
            .build();
        assert!(findings_of(&future, "stale-map").is_empty());
    }
}
