//! The map's `allow` entries: marking the findings they accept, and the
//! `unused-allow` rule for entries that accept none.

use std::cell::Cell;

use rustc_hash::FxHashMap as HashMap;

use crate::model::{Allow, Id, Map};

use super::finding::{Finding, Severity};
use super::rule::Rule;

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

/// Why an allowed finding is allowed: the reason of the entry for its rule
/// and primary subject, else of the entry for its whole rule; `None` when
/// no entry accepts it. The editor, the Markdown report and `vsmap check`
/// all say it with the finding.
pub fn allow_reason<'a>(allows: &'a [Allow], finding: &Finding) -> Option<&'a str> {
    let of = |subject: Option<&Id>| {
        allows
            .iter()
            .find(|a| a.rule == finding.rule && a.subject.as_ref() == subject)
    };
    finding
        .primary()
        .and_then(|p| of(Some(p)))
        .or_else(|| of(None))
        .map(|a| a.reason.as_str())
}

/// Marks the findings that the map's `allow` entries accept, and reports
/// entries that accept none.
pub(super) fn apply_allow(map: &Map, findings: &mut Vec<Finding>) {
    if map.allow.is_empty() {
        return;
    }
    // Entries by what they accept, each with whether it was used: one pass
    // over the findings whatever the number of entries. A reviewed map can
    // carry hundreds of exceptions, and an organisation thousands of findings.
    let used: HashMap<(&str, Option<&Id>), Cell<bool>> = map
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::finding::count_by_severity;
    use crate::analysis::run::analyze_on;
    use crate::analysis::testing::*;
    use crate::model::{Allow, Id, ServiceKind as K};

    fn allow(rule: &str, subject: Option<&str>) -> Allow {
        Allow {
            rule: rule.into(),
            subject: subject.map(|s| Id::new(s).unwrap()),
            reason: "Known; fixed in Q3".into(),
        }
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
}
