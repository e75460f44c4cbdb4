//! Running the analysis: every rule over one [`MapIndex`], then the map's
//! `allow` entries, then the findings in their listed order.

use jiff::civil::Date;

use crate::model::Map;

use super::allow::apply_allow;
use super::finding::Finding;
use super::index::MapIndex;
use super::rule::Rule;
use super::rules::ALL;

/// Runs every rule on the map as of `today`, applies the map's `allow`
/// entries, reports unused ones, and returns the findings sorted.
pub fn analyze_on(map: &Map, today: Date) -> Vec<Finding> {
    let index = MapIndex::new(map, today);
    // Rules run in the findings' order (severity, then rule), and each
    // lists its findings in map order, which is mostly subject order: the
    // sort at the end then finds long sorted runs and does little.
    let mut in_order: Vec<&Rule> = ALL.to_vec();
    in_order.sort_by_key(|r| (r.severity, r.id));
    let mut findings = Vec::new();
    for rule in in_order {
        (rule.check)(&index, &mut findings);
    }
    apply_allow(map, &mut findings);
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings
}

/// [`analyze_on`] as of today's date in the local time zone.
pub fn analyze(map: &Map) -> Vec<Finding> {
    analyze_on(map, today())
}

/// Today's date in the local time zone.
pub fn today() -> Date {
    jiff::Zoned::now().date()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::finding::Severity;
    use crate::analysis::testing::*;
    use crate::model::Id;

    #[test]
    fn findings_are_sorted_by_severity_rule_and_subjects() {
        let findings = analyze_on(&unowned_pair(), test_today());
        let keys: Vec<(Severity, &str, Vec<&str>)> = findings
            .iter()
            .map(|f| {
                (
                    f.severity,
                    f.rule,
                    f.subjects.iter().map(Id::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            keys,
            [
                (Severity::Warning, "unowned-service", vec!["a"]),
                (Severity::Warning, "unowned-service", vec!["b"]),
                (Severity::Info, "orphan-service", vec!["a"]),
                (Severity::Info, "orphan-service", vec!["b"]),
                (Severity::Info, "stale-map", vec![]),
            ]
        );
    }
}
