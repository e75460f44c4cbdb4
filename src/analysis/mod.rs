//! The anti-pattern engine: a registry of rules, each in its own file under
//! [`rules`], run over a precomputed [`MapIndex`].
//!
//! Analysis is pure (the day it runs on is a parameter) and deterministic:
//! findings come out sorted by severity, rule and subjects.

pub mod flow;
mod index;
pub mod marks;
pub mod rules;

pub use index::{MapIndex, Pos, Position, Table};

use std::cell::Cell;
use std::fmt;

use jiff::civil::Date;
use serde::Serialize;

use crate::model::{Id, Map};

/// How serious a finding is. Orders from most to least serious.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Breaks the flow of a stream; fails `check` by default.
    Error,
    /// A likely anti-pattern worth fixing.
    Warning,
    /// Worth knowing about.
    Info,
}

impl Severity {
    /// Every severity, most serious first.
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    /// The identifier used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One anti-pattern found in a map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The id of the rule that fired.
    pub rule: &'static str,
    /// How serious it is.
    pub severity: Severity,
    /// The ids involved: the primary subject first, the rest sorted.
    pub subjects: Vec<Id>,
    /// What was found, naming things by their display names.
    pub message: String,
    /// How to fix it.
    pub hint: &'static str,
    /// Whether an `allow` entry of the map accepts it.
    pub allowed: bool,
}

impl Finding {
    /// The primary subject, if the finding has any.
    pub fn primary(&self) -> Option<&Id> {
        self.subjects.first()
    }

    /// The order findings are listed in: severity, rule, subjects.
    pub fn sort_key(&self) -> (Severity, &'static str, &[Id]) {
        (self.severity, self.rule, &self.subjects)
    }

    /// The identity used to match findings across two maps: rule and subjects.
    pub fn key(&self) -> (&'static str, &[Id]) {
        (self.rule, &self.subjects)
    }
}

/// A rule: what it detects, why it hurts, how to fix it, and the check.
pub struct Rule {
    /// Stable id, e.g. `shared-service`.
    pub id: &'static str,
    /// One line saying what the rule detects.
    pub title: &'static str,
    /// Severity of its findings.
    pub severity: Severity,
    /// Why it hurts the flow of value.
    pub explanation: &'static str,
    /// The pattern that cures it.
    pub hint: &'static str,
    /// Appends the rule's findings for the map to `out`.
    pub check: fn(&MapIndex<'_>, &mut Vec<Finding>),
}

impl Rule {
    /// A finding of this rule. `subjects` must list the primary subject first;
    /// the rest are sorted here.
    pub fn finding(&self, mut subjects: Vec<Id>, message: String) -> Finding {
        if let Some(rest) = subjects.get_mut(1..) {
            rest.sort();
        }
        Finding {
            rule: self.id,
            severity: self.severity,
            subjects,
            message,
            hint: self.hint,
            allowed: false,
        }
    }
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rule")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

/// The rule reported for `allow` entries that match no finding.
pub const UNUSED_ALLOW: Rule = Rule {
    id: "unused-allow",
    title: "An allow entry matches no finding",
    severity: Severity::Info,
    explanation: "An exception that no longer matches anything is stale: the problem was fixed, \
        the subject was renamed away, or the entry has a typo. Stale exceptions pile up and hide \
        the real ones.",
    hint: "Remove the allow entry, or correct its rule or subject.",
    check: |_, _| {},
};

/// The rule with this id, including `unused-allow`.
pub fn rule(id: &str) -> Option<&'static Rule> {
    rules::ALL
        .iter()
        .copied()
        .find(|r| r.id == id)
        .or((id == UNUSED_ALLOW.id).then_some(&UNUSED_ALLOW))
}

/// Whether `id` names a rule that `allow` entries may refer to.
pub fn is_rule_id(id: &str) -> bool {
    rules::ALL.iter().any(|r| r.id == id)
}

/// Runs every rule on the map as of `today`, applies the map's `allow`
/// entries, reports unused ones, and returns the findings sorted.
pub fn analyze_on(map: &Map, today: Date) -> Vec<Finding> {
    let index = MapIndex::new(map, today);
    // Rules run in the findings' order (severity, then rule), and each
    // lists its findings in map order, which is mostly subject order: the
    // sort at the end then finds long sorted runs and does little.
    let mut in_order: Vec<&Rule> = rules::ALL.to_vec();
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

/// Marks the findings that the map's `allow` entries accept, and reports
/// entries that accept none.
fn apply_allow(map: &Map, findings: &mut Vec<Finding>) {
    if map.allow.is_empty() {
        return;
    }
    // Entries by what they accept, each with whether it was used: one pass
    // over the findings whatever the number of entries. A reviewed map can
    // carry hundreds of exceptions, and an organisation thousands of findings.
    let used: rustc_hash::FxHashMap<(&str, Option<&Id>), Cell<bool>> = map
        .allow
        .iter()
        .map(|entry| {
            (
                (entry.rule.as_str(), entry.subject.as_ref()),
                Cell::new(false),
            )
        })
        .collect();
    for finding in findings.iter_mut() {
        // An entry without a subject accepts all its rule's findings. Both
        // are looked up, so that both entries count as used.
        let mut accepted = false;
        for subject in [None, finding.primary()] {
            if let Some(used) = used.get(&(finding.rule, subject)) {
                used.set(true);
                accepted = true;
            }
        }
        finding.allowed |= accepted;
    }
    for entry in &map.allow {
        if used
            .get(&(entry.rule.as_str(), entry.subject.as_ref()))
            .is_some_and(Cell::get)
        {
            continue;
        }
        let target = match &entry.subject {
            Some(subject) => format!("{} on {subject}", entry.rule),
            None => entry.rule.clone(),
        };
        findings.push(UNUSED_ALLOW.finding(
            entry.subject.iter().cloned().collect(),
            format!(
                "The exception for {target} matches no finding (reason given: {})",
                entry.reason
            ),
        ));
    }
}

/// Counts findings by severity, leaving allowed ones out.
pub fn count_by_severity<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> [usize; 3] {
    let mut counts = [0; 3];
    for f in findings.into_iter().filter(|f| !f.allowed) {
        counts[f.severity as usize] += 1;
    }
    counts
}

/// Joins display names for messages: "A, B and C".
pub fn join_names<S: AsRef<str>>(names: &[S]) -> String {
    NameList::all(names).to_string()
}

/// How many names a message lists before "and N more".
pub const NAMES_LISTED: usize = 6;

/// Keeps the first [`NAMES_LISTED`] of `names` in order: all that a
/// [`NameList::capped`] shows. A cycle can hold thousands of services, and
/// sorting every name to show six is most of the rule's time.
pub fn keep_first_names(names: &mut Vec<&str>) {
    if names.len() > NAMES_LISTED {
        // The NAMES_LISTED smallest now come first, in no order.
        names.select_nth_unstable(NAMES_LISTED);
        names.truncate(NAMES_LISTED);
    }
    names.sort_unstable();
}

/// Display names as a message shows them, written straight into the
/// message: analysis writes thousands of these, and a `String` for each list
/// would be one more allocation and copy per finding.
#[derive(Debug, Clone, Copy)]
pub struct NameList<'a, S> {
    names: &'a [S],
    /// Names not listed, counted in "and N more" instead.
    more: Option<usize>,
}

impl<'a, S: AsRef<str>> NameList<'a, S> {
    /// Every name: "A, B and C".
    pub fn all(names: &'a [S]) -> Self {
        NameList { names, more: None }
    }

    /// The first [`NAMES_LISTED`] of `names` (already in order), then
    /// "and N more" for the rest of `total`: "A, B, C, D, E, F and 3 more".
    pub fn capped(names: &'a [S], total: usize) -> Self {
        if total <= NAMES_LISTED && names.len() == total {
            return NameList::all(names);
        }
        let shown = names.len().min(NAMES_LISTED);
        NameList {
            names: &names[..shown],
            more: Some(total - shown),
        }
    }
}

impl<S: AsRef<str>> fmt::Display for NameList<'_, S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.names.len();
        for (i, name) in self.names.iter().enumerate() {
            if i > 0 {
                f.write_str(if self.more.is_none() && i + 1 == count {
                    " and "
                } else {
                    ", "
                })?;
            }
            f.write_str(name.as_ref())?;
        }
        match self.more {
            Some(more) => write!(f, " and {more} more"),
            None => Ok(()),
        }
    }
}

/// "1 team", "3 teams".
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
pub(crate) mod testing {
    //! Helpers for rule tests: build small maps and look at one rule's findings.

    use super::*;
    use crate::model::test_map::MapBuilder;

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
    pub fn findings_of(map: &Map, rule: &str) -> Vec<Finding> {
        assert!(super::rule(rule).is_some(), "no rule {rule}");
        let problems = crate::model::validate(map, is_rule_id);
        assert!(problems.is_empty(), "test map is invalid: {problems:?}");
        analyze_on(map, test_today())
            .into_iter()
            .filter(|f| f.rule == rule)
            .collect()
    }

    /// A builder with the review date set, so stale-map stays quiet.
    pub fn builder() -> MapBuilder {
        MapBuilder::new()
    }
}

#[cfg(test)]
mod tests {
    use super::testing::*;
    use super::*;
    use crate::model::{Allow, Id, ServiceKind as K};

    fn allow(rule: &str, subject: Option<&str>) -> Allow {
        Allow {
            rule: rule.into(),
            subject: subject.map(|s| Id::new(s).unwrap()),
            reason: "Known; fixed in Q3".into(),
        }
    }

    fn unowned_pair() -> crate::model::Map {
        builder()
            .service("b", K::Service, None)
            .service("a", K::Service, None)
            .with(|m| m.reviewed = None)
            .build()
    }

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

    #[test]
    fn an_allow_entry_with_a_subject_allows_only_that_primary_subject() {
        let mut map = unowned_pair();
        map.allow.push(allow("unowned-service", Some("a")));
        let findings = analyze_on(&map, test_today());
        let allowed: Vec<(&str, bool)> = findings
            .iter()
            .filter(|f| f.rule == "unowned-service")
            .map(|f| (f.subjects[0].as_str(), f.allowed))
            .collect();
        assert_eq!(allowed, [("a", true), ("b", false)]);
        assert_eq!(count_by_severity(&findings), [0, 1, 3]);
    }

    #[test]
    fn an_allow_entry_without_subject_allows_every_finding_of_its_rule() {
        let mut map = unowned_pair();
        map.allow.push(allow("stale-map", None));
        map.allow.push(allow("orphan-service", None));
        let findings = analyze_on(&map, test_today());
        assert!(
            findings
                .iter()
                .filter(|f| f.severity == Severity::Info)
                .all(|f| f.allowed)
        );
        assert!(findings.iter().all(|f| f.rule != UNUSED_ALLOW.id));
    }

    #[test]
    fn many_allow_entries_each_accept_their_own_finding_and_a_repeated_entry_is_used() {
        let mut b = builder();
        for i in 0..300 {
            b = b.service(&format!("s{i:03}"), K::Service, None);
        }
        let mut map = b.build();
        // Every third service is accepted, one of them twice, and one entry
        // names a service with no such finding.
        for i in (0..300).step_by(3) {
            map.allow
                .push(allow("unowned-service", Some(&format!("s{i:03}"))));
        }
        map.allow.push(allow("unowned-service", Some("s000")));
        map.allow.push(allow("two-pizza", Some("s001")));
        let findings = analyze_on(&map, test_today());
        let allowed: Vec<&str> = findings
            .iter()
            .filter(|f| f.rule == "unowned-service" && f.allowed)
            .map(|f| f.subjects[0].as_str())
            .collect();
        let expected: Vec<String> = (0..300).step_by(3).map(|i| format!("s{i:03}")).collect();
        assert_eq!(allowed, expected);
        assert_eq!(
            findings
                .iter()
                .filter(|f| f.allowed && f.rule != "unowned-service")
                .count(),
            0
        );
        let unused: Vec<&str> = findings
            .iter()
            .filter(|f| f.rule == UNUSED_ALLOW.id)
            .map(|f| f.subjects[0].as_str())
            .collect();
        assert_eq!(unused, ["s001"]);
    }

    #[test]
    fn unused_allow_entries_are_reported() {
        let mut map = unowned_pair();
        map.allow.push(allow("two-pizza", Some("a")));
        map.allow.push(allow("sync-cycle", None));
        let unused: Vec<(Vec<String>, String)> = analyze_on(&map, test_today())
            .into_iter()
            .filter(|f| f.rule == "unused-allow")
            .map(|f| {
                (
                    f.subjects.iter().map(|s| s.to_string()).collect(),
                    f.message,
                )
            })
            .collect();
        assert_eq!(
            unused,
            [
                (vec![], "The exception for sync-cycle matches no finding (reason given: Known; fixed in Q3)".to_string()),
                (vec!["a".to_string()], "The exception for two-pizza on a matches no finding (reason given: Known; fixed in Q3)".to_string()),
            ]
        );
    }

    #[test]
    fn messages_join_names_naturally() {
        assert_eq!(join_names::<&str>(&[]), "");
        assert_eq!(join_names(&["A"]), "A");
        assert_eq!(join_names(&["A", "B"]), "A and B");
        assert_eq!(join_names(&["A", "B", "C"]), "A, B and C");
    }

    #[test]
    fn long_lists_name_the_first_few_and_count_the_rest() {
        let names = ["A", "B", "C", "D", "E", "F", "G", "H"];
        assert_eq!(NameList::capped(&names[..3], 3).to_string(), "A, B and C");
        assert_eq!(
            NameList::capped(&names, 8).to_string(),
            "A, B, C, D, E, F and 2 more"
        );
        assert_eq!(
            NameList::capped(&names[..2], 5).to_string(),
            "A, B and 3 more"
        );
        assert_eq!(
            NameList::capped(&names[..6], 6).to_string(),
            "A, B, C, D, E and F"
        );
    }
}
