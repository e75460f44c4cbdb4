//! What a rule is: its id, explanation and fix, and the check it runs over
//! the [`MapIndex`]. Each rule is one value of [`Rule`] in its own file
//! under `rules/`.

use std::fmt;

use crate::model::Id;

use super::finding::{Finding, Severity};
use super::index::MapIndex;

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
