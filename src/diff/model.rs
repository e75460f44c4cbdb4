//! The diff itself, as data: [`MapDiff`] and the parts it lists (elements
//! added, removed and changed field by field, links, moves, flow figures),
//! with what can be read off a diff once made (reversal, ownership moves,
//! names, severity counts).
//!
//! A leaf of `diff`: computing (`compute`), applying (`edits`), cutting
//! (`partial`) and rendering (`render`) all build on these types, which
//! depend on none of them.

use rustc_hash::FxHashMap;
use serde_json::Value;

use super::findings::FindingsDiff;
use crate::analysis::flow::FlowFigures;
use crate::analysis::{Finding, count_by_severity};
use crate::model::{Id, Link, LinkKind, Service, Stream, Team};

/// Everything that differs between two maps. Build it with [`diff`](super::diff()).
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
    pub(super) map: Vec<FieldChange>,
    /// The display names of both maps.
    pub(super) map_names: (String, String),
    /// Display names, before and after, of the teams, services and streams
    /// the diff mentions (see `compute::names_of`). Only looked up, never
    /// listed: hashed, as keeping thousands of names in order would cost an
    /// ordered insertion per name on every diff.
    pub(super) names: FxHashMap<Id, (Option<String>, Option<String>)>,
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
        let paired = self.kind_changes().into_iter().map(|(_, a)| a);
        unpaired(&self.added, paired.collect())
    }

    /// Removed links that are not one half of a [`kind change`](Self::kind_changes).
    pub fn only_removed(&self) -> Vec<&Link> {
        let paired = self.kind_changes().into_iter().map(|(r, _)| r);
        unpaired(&self.removed, paired.collect())
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

/// The links of `links` that are not in `paired` (the very links, not
/// equal ones).
fn unpaired<'a>(links: &'a [Link], paired: Vec<&'a Link>) -> Vec<&'a Link> {
    links
        .iter()
        .filter(|l| !paired.iter().any(|p| std::ptr::eq(*p, *l)))
        .collect()
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
