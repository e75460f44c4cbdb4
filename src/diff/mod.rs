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

mod compute;
mod edits;
mod error;
mod fields;
mod partial;
#[cfg(test)]
mod proptests;
pub mod render;
#[cfg(test)]
mod tests;

pub use compute::{Baseline, diff, diff_analyzed, diff_with_baseline};
pub use error::DiffError;
pub use partial::ChangeRef;

use std::collections::BTreeSet;
use std::sync::Arc;

use rustc_hash::FxHashMap;
use serde_json::Value;

use crate::analysis::flow::FlowFigures;
use crate::analysis::{Finding, count_by_severity};
use crate::model::{Id, Link, LinkKind, Service, Stream, Team};

/// Everything that differs between two maps. Build it with [`diff`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MapDiff {
    /// Teams added, removed and changed.
    pub teams: EntityDiff<Team>,
    /// Services added, removed and changed (positions apart: see `moved`).
    pub services: EntityDiff<Service>,
    /// Streams added, removed and changed; step changes are the field `steps`
    /// (and stage labels the field `stages`).
    pub streams: EntityDiff<Stream>,
    /// Links added, removed and relabelled.
    pub links: LinkDiff,
    /// Services whose x/y changed (positions are not architecture; reported separately).
    pub moved: Vec<Moved>,
    /// The findings of both maps side by side.
    pub findings: FindingsDiff,
    /// Per stream (of either map, sorted by id), the flow figures before and after.
    pub streams_flow: Vec<StreamFlow>,
    /// Map-level field changes: `name`, `description`, `reviewed`,
    /// `settings.<key>` and `allow`.
    map: Vec<FieldChange>,
    /// The display names of both maps.
    map_names: (String, String),
    /// Display names, before and after, of the teams, services and streams
    /// the diff mentions (see `compute::names_of`). Only looked up, never
    /// listed: hashed, as a tree of thousands of names cost a sort per edit.
    names: FxHashMap<Id, (Option<String>, Option<String>)>,
}

/// Elements of one sort (teams, services or streams) added, removed and
/// changed, each list sorted by id.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityDiff<T> {
    /// Only in the `after` map.
    pub added: Vec<T>,
    /// Only in the `before` map.
    pub removed: Vec<T>,
    /// In both maps with different fields.
    pub changed: Vec<Changed>,
}

impl<T> Default for EntityDiff<T> {
    fn default() -> Self {
        EntityDiff {
            added: Vec::new(),
            removed: Vec::new(),
            changed: Vec::new(),
        }
    }
}

impl<T> EntityDiff<T> {
    /// True when nothing was added, removed or changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }

    /// The changes of the element with this id, if it changed.
    pub fn changes_of(&self, id: &str) -> Option<&Changed> {
        self.changed.iter().find(|c| c.id.as_str() == id)
    }
}

impl<T: Clone> EntityDiff<T> {
    fn reversed(&self) -> Self {
        EntityDiff {
            added: self.removed.clone(),
            removed: self.added.clone(),
            changed: self.changed.iter().map(Changed::reversed).collect(),
        }
    }
}

/// One element present in both maps whose fields differ.
#[derive(Debug, Clone, PartialEq)]
pub struct Changed {
    /// The element's id (the same in both maps).
    pub id: Id,
    /// The fields that differ, sorted by field name.
    pub changes: Vec<FieldChange>,
}

impl Changed {
    /// The change of this field, if it changed.
    pub fn field(&self, field: &str) -> Option<&FieldChange> {
        self.changes.iter().find(|c| c.field == field)
    }

    fn reversed(&self) -> Changed {
        Changed {
            id: self.id.clone(),
            changes: self.changes.iter().map(FieldChange::reversed).collect(),
        }
    }
}

/// One field's old and new value, as JSON.
///
/// `field` is the file-format key (`name`, `kind`, `owner`, `description`,
/// `type`, `members`, `color`, `customer`, …). A field left out of the file
/// (an empty description, no owner) is [`Value::Null`]. Two fields are not
/// file keys: a stream's `steps` holds the arrays of its steps' service ids,
/// and its `stages` an object from service id to stage label (labelled steps
/// only). At map level, settings are `settings.<key>` and `allow` is the whole
/// list of allow entries.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    /// The file-format key.
    pub field: String,
    /// The value in the `before` map.
    pub before: Value,
    /// The value in the `after` map.
    pub after: Value,
}

impl FieldChange {
    fn reversed(&self) -> FieldChange {
        FieldChange {
            field: self.field.clone(),
            before: self.after.clone(),
            after: self.before.clone(),
        }
    }
}

/// Links added and removed. A link is its `from`, `to` and `kind`: a change of
/// kind is a remove plus an add (see [`LinkDiff::kind_changes`]); a change of
/// label alone is listed in `relabeled`. Each list is sorted by (from, to, kind).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LinkDiff {
    /// Links only in the `after` map.
    pub added: Vec<Link>,
    /// Links only in the `before` map.
    pub removed: Vec<Link>,
    /// Links in both maps (same from, to and kind) whose label changed.
    pub relabeled: Vec<Relabel>,
}

/// A link whose label changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relabel {
    /// The calling, publishing or reading service.
    pub from: Id,
    /// The called, consuming or read service.
    pub to: Id,
    /// How `from` depends on `to`.
    pub kind: LinkKind,
    /// The label in the `before` map.
    pub before: String,
    /// The label in the `after` map.
    pub after: String,
}

impl LinkDiff {
    /// True when no link was added, removed or relabelled.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.relabeled.is_empty()
    }

    /// Removed and added links between the same two services, paired as
    /// `(removed, added)`: the links whose kind changed. Sorted by (from, to);
    /// when several kinds between the same pair change, they pair in kind order.
    pub fn kind_changes(&self) -> Vec<(&Link, &Link)> {
        let mut used = vec![false; self.added.len()];
        let mut pairs = Vec::new();
        for removed in &self.removed {
            let partner = self.added.iter().enumerate().find(|(i, a)| {
                !used[*i] && a.from == removed.from && a.to == removed.to && a.kind != removed.kind
            });
            if let Some((i, added)) = partner {
                used[i] = true;
                pairs.push((removed, added));
            }
        }
        pairs
    }

    /// Added links that are not one half of a [`kind change`](Self::kind_changes).
    pub fn only_added(&self) -> Vec<&Link> {
        let paired: Vec<&Link> = self.kind_changes().into_iter().map(|(_, a)| a).collect();
        self.added
            .iter()
            .filter(|l| !paired.iter().any(|p| std::ptr::eq(*p, *l)))
            .collect()
    }

    /// Removed links that are not one half of a [`kind change`](Self::kind_changes).
    pub fn only_removed(&self) -> Vec<&Link> {
        let paired: Vec<&Link> = self.kind_changes().into_iter().map(|(r, _)| r).collect();
        self.removed
            .iter()
            .filter(|l| !paired.iter().any(|p| std::ptr::eq(*p, *l)))
            .collect()
    }

    fn reversed(&self) -> LinkDiff {
        LinkDiff {
            added: self.removed.clone(),
            removed: self.added.clone(),
            relabeled: self
                .relabeled
                .iter()
                .map(|r| Relabel {
                    before: r.after.clone(),
                    after: r.before.clone(),
                    ..r.clone()
                })
                .collect(),
        }
    }
}

/// A service that moved on the canvas.
#[derive(Debug, Clone, PartialEq)]
pub struct Moved {
    /// The service.
    pub id: Id,
    /// Its (x, y) in the `before` map.
    pub before: (Option<f64>, Option<f64>),
    /// Its (x, y) in the `after` map.
    pub after: (Option<f64>, Option<f64>),
}

/// The findings of both maps, matched by rule and subjects. Allowed findings
/// are included with their `allowed` flag. Each list keeps the analysis order
/// (severity, rule, subjects).
///
/// Both maps' findings are shared, not copied, and the lists are positions
/// in them: an organisation's maps have thousands of findings, most of them
/// in both maps, and the editor diffs on every edit while comparing.
#[derive(Debug, Clone, Default)]
pub struct FindingsDiff {
    before: Arc<[Finding]>,
    after: Arc<[Finding]>,
    /// Positions in `before` of the findings `after` does not have.
    resolved: Vec<usize>,
    /// Positions in `after` of the findings `before` does not have.
    introduced: Vec<usize>,
    /// Positions in `before` of the findings both have.
    remaining_before: Vec<usize>,
    /// Positions in `after` of the same findings, in the same order.
    remaining_after: Vec<usize>,
}

impl FindingsDiff {
    /// In `before`, not in `after`.
    pub fn resolved(&self) -> FindingList<'_> {
        FindingList::new(&self.before, &self.resolved)
    }

    /// In `after`, not in `before`.
    pub fn introduced(&self) -> FindingList<'_> {
        FindingList::new(&self.after, &self.introduced)
    }

    /// In both, as worded in `after`.
    pub fn remaining(&self) -> FindingList<'_> {
        FindingList::new(&self.after, &self.remaining_after)
    }

    /// In both, as worded in `before`, in the order of [`Self::remaining`].
    pub fn remaining_before(&self) -> FindingList<'_> {
        FindingList::new(&self.before, &self.remaining_before)
    }

    /// No findings matched yet between these two lists.
    fn new(before: Arc<[Finding]>, after: Arc<[Finding]>) -> FindingsDiff {
        FindingsDiff {
            before,
            after,
            ..FindingsDiff::default()
        }
    }

    /// Records a finding of `before`, of `after`, or of both (positions).
    fn push(&mut self, positions: (Option<usize>, Option<usize>)) {
        match positions {
            (Some(b), None) => self.resolved.push(b),
            (None, Some(a)) => self.introduced.push(a),
            (Some(b), Some(a)) => {
                self.remaining_before.push(b);
                self.remaining_after.push(a);
            }
            (None, None) => {}
        }
    }

    /// The findings from `after` back to `before`.
    fn reversed(&self) -> FindingsDiff {
        FindingsDiff {
            before: Arc::clone(&self.after),
            after: Arc::clone(&self.before),
            resolved: self.introduced.clone(),
            introduced: self.resolved.clone(),
            remaining_before: self.remaining_after.clone(),
            remaining_after: self.remaining_before.clone(),
        }
    }
}

/// Two findings diffs are equal when they list the same findings, whatever
/// else the maps' shared finding lists hold.
impl PartialEq for FindingsDiff {
    fn eq(&self, other: &Self) -> bool {
        self.resolved() == other.resolved()
            && self.introduced() == other.introduced()
            && self.remaining() == other.remaining()
            && self.remaining_before() == other.remaining_before()
    }
}

/// Some of a map's findings, in order: a view into [`FindingsDiff`].
#[derive(Clone, Copy)]
pub struct FindingList<'a> {
    findings: &'a [Finding],
    positions: &'a [usize],
}

impl<'a> FindingList<'a> {
    fn new(findings: &'a [Finding], positions: &'a [usize]) -> Self {
        FindingList {
            findings,
            positions,
        }
    }

    /// How many findings.
    pub fn len(&self) -> usize {
        self.positions.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.positions.is_empty()
    }

    /// The findings, in order.
    pub fn iter(&self) -> FindingIter<'a> {
        FindingIter {
            findings: self.findings,
            positions: self.positions.iter(),
        }
    }
}

impl<'a> IntoIterator for FindingList<'a> {
    type Item = &'a Finding;
    type IntoIter = FindingIter<'a>;

    fn into_iter(self) -> FindingIter<'a> {
        self.iter()
    }
}

impl PartialEq for FindingList<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl std::fmt::Debug for FindingList<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl serde::Serialize for FindingList<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// The findings of a [`FindingList`], in order.
#[derive(Clone)]
pub struct FindingIter<'a> {
    findings: &'a [Finding],
    positions: std::slice::Iter<'a, usize>,
}

impl<'a> Iterator for FindingIter<'a> {
    type Item = &'a Finding;

    fn next(&mut self) -> Option<&'a Finding> {
        self.positions.next().map(|&p| &self.findings[p])
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.positions.size_hint()
    }
}

impl ExactSizeIterator for FindingIter<'_> {}

/// One stream's flow figures in both maps (`None` where the stream is absent).
#[derive(Debug, Clone, PartialEq)]
pub struct StreamFlow {
    /// The stream.
    pub id: Id,
    /// Its display name (in `after` if it is there, else in `before`).
    pub name: String,
    /// Figures in the `before` map.
    pub before: Option<FlowFigures>,
    /// Figures in the `after` map.
    pub after: Option<FlowFigures>,
}

/// A service or stream that changed hands.
#[derive(Debug, Clone, PartialEq)]
pub struct OwnerMove {
    /// The service or stream.
    pub id: Id,
    /// Its display name (as in `after`).
    pub name: String,
    /// The owning team before.
    pub from: Option<Id>,
    /// The owning team after.
    pub to: Option<Id>,
    /// The display name of `from` (in `before`), or "no owner".
    pub from_name: String,
    /// The display name of `to` (in `after`), or "no owner".
    pub to_name: String,
}

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
pub(crate) fn ids_of(value: &Value) -> Vec<Id> {
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

impl MapDiff {
    /// True when nothing of the architecture changed: no team, service,
    /// stream, link or map-level field (name, description, reviewed,
    /// settings, allow). Moves, findings and flow figures don't count.
    pub fn is_empty(&self) -> bool {
        self.teams.is_empty()
            && self.services.is_empty()
            && self.streams.is_empty()
            && self.links.is_empty()
            && self.map.is_empty()
    }

    /// The diff from `after` back to `before`: `diff(a, b).reversed() == diff(b, a)`.
    pub fn reversed(&self) -> MapDiff {
        let names: FxHashMap<Id, (Option<String>, Option<String>)> = self
            .names
            .iter()
            .map(|(id, (b, a))| (id.clone(), (a.clone(), b.clone())))
            .collect();
        let streams_flow = self
            .streams_flow
            .iter()
            .map(|f| StreamFlow {
                id: f.id.clone(),
                // Unchanged streams are not in `names`: their name is the same on both sides.
                name: names
                    .get(&f.id)
                    .and_then(|(b, a)| a.as_ref().or(b.as_ref()))
                    .unwrap_or(&f.name)
                    .clone(),
                before: f.after.clone(),
                after: f.before.clone(),
            })
            .collect();
        MapDiff {
            teams: self.teams.reversed(),
            services: self.services.reversed(),
            streams: self.streams.reversed(),
            links: self.links.reversed(),
            moved: self
                .moved
                .iter()
                .map(|m| Moved {
                    id: m.id.clone(),
                    before: m.after,
                    after: m.before,
                })
                .collect(),
            findings: self.findings.reversed(),
            streams_flow,
            map: self.map.iter().map(FieldChange::reversed).collect(),
            map_names: (self.map_names.1.clone(), self.map_names.0.clone()),
            names,
        }
    }

    /// Services and streams whose owner changed, services first, each sorted by id.
    pub fn owner_moves(&self) -> Vec<OwnerMove> {
        let team_name = |id: Option<&Id>, after: bool| match id {
            None => "no owner".to_string(),
            Some(id) => self
                .names
                .get(id)
                .and_then(|(b, a)| if after { a.as_ref() } else { b.as_ref() })
                .cloned()
                .unwrap_or_else(|| id.to_string()),
        };
        let as_id = |v: &Value| v.as_str().and_then(|s| Id::new(s).ok());
        self.services
            .changed
            .iter()
            .chain(&self.streams.changed)
            .filter_map(|c| {
                let owner = c.field("owner")?;
                let (from, to) = (as_id(&owner.before), as_id(&owner.after));
                Some(OwnerMove {
                    id: c.id.clone(),
                    name: self.name_of(&c.id).to_string(),
                    from_name: team_name(from.as_ref(), false),
                    to_name: team_name(to.as_ref(), true),
                    from,
                    to,
                })
            })
            .collect()
    }

    /// Map-level field changes: `name`, `description`, `reviewed`,
    /// `settings.<key>` and `allow` (the whole list), sorted by field.
    pub fn map_changes(&self) -> &[FieldChange] {
        &self.map
    }

    /// The display names of the `before` and `after` maps.
    pub fn map_names(&self) -> (&str, &str) {
        (&self.map_names.0, &self.map_names.1)
    }

    /// Every finding of the `before` map, in analysis order.
    pub fn before_findings(&self) -> Vec<&Finding> {
        let f = &self.findings;
        sorted_findings(f.resolved().iter().chain(f.remaining_before()))
    }

    /// Every finding of the `after` map, in analysis order.
    pub fn after_findings(&self) -> Vec<&Finding> {
        let f = &self.findings;
        sorted_findings(f.introduced().iter().chain(f.remaining()))
    }

    /// Findings counted by severity (error, warning, info), allowed ones
    /// left out, in the `before` and the `after` map.
    pub fn severity_counts(&self) -> ([usize; 3], [usize; 3]) {
        let f = &self.findings;
        (
            count_by_severity(f.resolved().iter().chain(f.remaining_before())),
            count_by_severity(f.introduced().iter().chain(f.remaining())),
        )
    }

    /// The display name in the `before` map of a team, service or stream
    /// that the diff mentions (added, removed, changed, moved, at the end of
    /// a changed link, or named in a changed field).
    pub fn name_before(&self, id: &Id) -> Option<&str> {
        self.names.get(id).and_then(|(b, _)| b.as_deref())
    }

    /// The display name in the `after` map of a team, service or stream that
    /// the diff mentions (see [`MapDiff::name_before`]).
    pub fn name_after(&self, id: &Id) -> Option<&str> {
        self.names.get(id).and_then(|(_, a)| a.as_deref())
    }

    /// The display name of a team, service or stream the diff mentions: as
    /// in `after` if it is there, else as in `before`; else the id itself.
    pub fn name_of<'a>(&'a self, id: &'a Id) -> &'a str {
        self.name_after(id)
            .or_else(|| self.name_before(id))
            .unwrap_or(id.as_str())
    }
}

fn sorted_findings<'a>(findings: impl Iterator<Item = &'a Finding>) -> Vec<&'a Finding> {
    let mut all: Vec<&Finding> = findings.collect();
    all.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    all
}
