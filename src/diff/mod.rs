//! Structural diff of two maps: what changes between the map of today and the
//! map proposed, and whether the flow gets better.
//!
//! Elements are matched by id (ids survive renames, so a rename is a field
//! change, not a remove plus an add). The diff lists teams, services and
//! streams added, removed and changed field by field; links added, removed and
//! relabelled; services moved on the canvas (reported apart: positions are not
//! architecture); the findings of both maps side by side; and each stream's
//! flow figures before and after.
//!
//! The diff is exact: [`MapDiff::reversed`] of `diff(a, b)` equals `diff(b, a)`,
//! and [`MapDiff::apply`] of `diff(a, b)` to `a` gives a map whose canonical
//! file is byte-identical to `b`'s. Applying is done with the editor's own
//! vocabulary: [`MapDiff::to_edits`] turns a diff into ordinary
//! [`Edit`](crate::edit::Edit)s, undoable like any user action, and
//! [`MapDiff::only`] cuts out one change (a [`ChangeRef`]) to take alone.
//! All of this is property-tested over generated maps.
//!
//! This file only declares the parts and re-exports what callers use; the
//! parts import each other directly, never through here. `model` (the
//! [`MapDiff`] types), `findings` and `steps` are leaves; `compute` makes a
//! diff, `edits` applies one (with `fields`, one field's values, and
//! `error`), `partial` cuts one, and [`render`] shows one.

mod compute;
mod edits;
mod error;
mod fields;
mod findings;
mod model;
mod partial;
#[cfg(test)]
mod proptests;
pub mod render;
mod steps;
#[cfg(test)]
mod tests;

pub use compute::{Baseline, diff, diff_analyzed, diff_with_baseline};
pub use error::DiffError;
pub use findings::{FindingIter, FindingList, FindingsDiff};
pub use model::{
    Changed, EntityDiff, FieldChange, LinkDiff, MapDiff, Moved, OwnerMove, Relabel, StreamFlow,
};
pub use partial::ChangeRef;
pub use steps::{StepChanges, step_changes, step_changes_of};
