//! Helpers for rule tests: build small maps and look at one rule's findings.

use jiff::civil::Date;

use crate::model::Map;
use crate::model::test_map::MapBuilder;

use super::finding::Finding;
use super::rules::{is_rule_id, rule};
use super::run::analyze_on;

/// The day the tests analyse on.
pub fn test_today() -> Date {
    jiff::civil::date(2026, 11, 24)
}

/// The subjects of each finding of `rule`, as plain strings.
pub fn subjects_of(map: &Map, rule: &str) -> Vec<Vec<String>> {
    findings_of(map, rule)
        .into_iter()
        .map(|f| f.subjects.iter().map(|s| s.to_string()).collect())
        .collect()
}

/// The findings of `rule` only.
pub fn findings_of(map: &Map, rule_id: &str) -> Vec<Finding> {
    assert!(rule(rule_id).is_some(), "no rule {rule_id}");
    let problems = crate::model::validate(map, is_rule_id);
    assert!(problems.is_empty(), "test map is invalid: {problems:?}");
    analyze_on(map, test_today())
        .into_iter()
        .filter(|f| f.rule == rule_id)
        .collect()
}

/// A builder with the review date set, so stale-map stays quiet.
pub fn builder() -> MapBuilder {
    MapBuilder::new()
}

/// Two unowned services, "b" then "a", on a map never reviewed: each is
/// found by three rules.
pub fn unowned_pair() -> Map {
    builder()
        .service("b", crate::model::ServiceKind::Service, None)
        .service("a", crate::model::ServiceKind::Service, None)
        .with(|m| m.reviewed = None)
        .build()
}
