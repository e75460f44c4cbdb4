//! How a stream's steps changed between two versions: [`StepChanges`],
//! read from two streams or from a `steps` field change.

use std::collections::BTreeSet;

use serde_json::Value;

use super::model::FieldChange;
use crate::model::{Id, Stream};

/// How a stream's steps changed; see [`step_changes`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct StepChanges {
    /// Services the stream now passes through, in their new order.
    pub added: Vec<Id>,
    /// Services the stream no longer passes through, in their old order.
    pub removed: Vec<Id>,
    /// Whether the services on both sides appear in a different order.
    pub reordered: bool,
}

impl StepChanges {
    /// True when the steps pass through the same services in the same order.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && !self.reordered
    }
}

/// Steps added, removed and reordered between two versions of a stream.
pub fn step_changes(before: &Stream, after: &Stream) -> StepChanges {
    let ids = |s: &Stream| -> Vec<Id> { s.steps.iter().map(|s| s.service.clone()).collect() };
    steps_between(&ids(before), &ids(after))
}

/// [`step_changes`] from the before/after values of a `steps` field change
/// (arrays of service ids).
pub fn step_changes_of(change: &FieldChange) -> StepChanges {
    steps_between(&ids_of(&change.before), &ids_of(&change.after))
}

/// The ids in a JSON array of id strings (anything else is skipped).
pub(super) fn ids_of(value: &Value) -> Vec<Id> {
    value
        .as_array()
        .map(|a| a.iter().filter_map(|s| Id::new(s.as_str()?).ok()).collect())
        .unwrap_or_default()
}

fn steps_between(before: &[Id], after: &[Id]) -> StepChanges {
    let old: BTreeSet<&Id> = before.iter().collect();
    let new: BTreeSet<&Id> = after.iter().collect();
    let added = after.iter().filter(|s| !old.contains(s)).cloned().collect();
    let removed = before
        .iter()
        .filter(|s| !new.contains(s))
        .cloned()
        .collect();
    let common_old = before.iter().filter(|s| new.contains(s));
    let common_new = after.iter().filter(|s| old.contains(s));
    let reordered = common_old.zip(common_new).any(|(a, b)| a != b);
    StepChanges {
        added,
        removed,
        reordered,
    }
}
