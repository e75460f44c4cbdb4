//! Partial diffs: one change of a diff, addressed by a [`ChangeRef`], taken
//! on its own ([`MapDiff::only`]), so that the compare view can take a
//! proposed change into the open map one at a time.
//!
//! A partial diff holds the changes the reference addresses and nothing
//! else; its findings and flow figures are left empty (they describe whole
//! maps, and a partial diff is made to be applied, not reviewed). Element
//! names are kept, so that it renders with the same names as the whole.

use super::model::{Changed, EntityDiff, LinkDiff, MapDiff};
use crate::model::{Id, LinkKind};

/// One change a diff lists, addressed so that it can be taken on its own.
///
/// `field` is a file-format key as in [`FieldChange::field`](super::model::FieldChange)
/// (a stream's `steps` or `stages`, the map's `settings.<key>` or `allow`),
/// or `position` for a service moved on the canvas; `None` addresses
/// everything of the element: all its changed fields and its move, or the
/// whole element where it is added or removed (which has no fields of its
/// own to address).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeRef {
    /// A team, or one of its fields.
    Team {
        /// The team.
        id: Id,
        /// The field, or `None` for all of the team's changes.
        field: Option<String>,
    },
    /// A service, or one of its fields.
    Service {
        /// The service.
        id: Id,
        /// The field (`position` for its move), or `None` for all.
        field: Option<String>,
    },
    /// A stream, or one of its fields.
    Stream {
        /// The stream.
        id: Id,
        /// The field, or `None` for all of the stream's changes.
        field: Option<String>,
    },
    /// A link added, removed or relabelled. A change of kind is a removal
    /// and an addition between the same services: either key addresses
    /// both, as taking one half alone would lose or duplicate the link.
    Link {
        /// The calling, publishing or reading service.
        from: Id,
        /// The called, consuming or read service.
        to: Id,
        /// How `from` depends on `to`.
        kind: LinkKind,
    },
    /// A field of the map itself, or `None` for all of them.
    Map {
        /// The field, or `None` for all of the map's own changes.
        field: Option<String>,
    },
}

/// The position field of a service: its move on the canvas.
const POSITION: &str = "position";

impl MapDiff {
    /// Every change the diff lists, one reference each, sorted (teams,
    /// services, streams, links, then the map): a field reference per
    /// changed field of an element in both maps (and `position` per service
    /// moved), a whole-element reference per element added or removed, a
    /// reference per link added, removed or relabelled (one per change of
    /// kind, by the removed link's key), and a reference per map field.
    pub fn change_refs(&self) -> Vec<ChangeRef> {
        let mut refs = Vec::new();
        fn entities<T>(
            refs: &mut Vec<ChangeRef>,
            diff: &EntityDiff<T>,
            id: fn(&T) -> &Id,
            make: fn(Id, Option<String>) -> ChangeRef,
        ) {
            for t in diff.added.iter().chain(&diff.removed) {
                refs.push(make(id(t).clone(), None));
            }
            for c in &diff.changed {
                for f in &c.changes {
                    refs.push(make(c.id.clone(), Some(f.field.clone())));
                }
            }
        }
        entities(
            &mut refs,
            &self.teams,
            |t| &t.id,
            |id, field| ChangeRef::Team { id, field },
        );
        entities(
            &mut refs,
            &self.services,
            |s| &s.id,
            |id, field| ChangeRef::Service { id, field },
        );
        entities(
            &mut refs,
            &self.streams,
            |s| &s.id,
            |id, field| ChangeRef::Stream { id, field },
        );
        refs.extend(self.moved.iter().map(|m| ChangeRef::Service {
            id: m.id.clone(),
            field: Some(POSITION.into()),
        }));
        let link = |from: &Id, to: &Id, kind: LinkKind| ChangeRef::Link {
            from: from.clone(),
            to: to.clone(),
            kind,
        };
        let links = &self.links;
        refs.extend(
            links
                .kind_changes()
                .iter()
                .map(|(r, _)| link(&r.from, &r.to, r.kind)),
        );
        refs.extend(
            links
                .only_added()
                .iter()
                .map(|l| link(&l.from, &l.to, l.kind)),
        );
        refs.extend(
            links
                .only_removed()
                .iter()
                .map(|l| link(&l.from, &l.to, l.kind)),
        );
        refs.extend(links.relabeled.iter().map(|r| link(&r.from, &r.to, r.kind)));
        refs.extend(self.map.iter().map(|c| ChangeRef::Map {
            field: Some(c.field.clone()),
        }));
        refs.sort();
        refs.dedup();
        refs
    }

    /// The part of the diff that `change` addresses, nothing else: what
    /// [`MapDiff::to_edits`] of it gives is that change alone. Its findings
    /// and flow figures are empty (see the module documentation). A
    /// reference to something the diff does not list gives an empty diff.
    pub fn only(&self, change: &ChangeRef) -> MapDiff {
        let mut part = MapDiff {
            map_names: self.map_names.clone(),
            names: self.names.clone(),
            ..MapDiff::default()
        };
        match change {
            ChangeRef::Team { id, field } => {
                part.teams = only_entity(&self.teams, |t| &t.id, id, field.as_deref());
            }
            ChangeRef::Service { id, field } => {
                part.services = only_entity(&self.services, |s| &s.id, id, field.as_deref());
                if field.as_deref().is_none_or(|f| f == POSITION) {
                    part.moved = self.moved.iter().filter(|m| &m.id == id).cloned().collect();
                }
            }
            ChangeRef::Stream { id, field } => {
                part.streams = only_entity(&self.streams, |s| &s.id, id, field.as_deref());
            }
            ChangeRef::Link { from, to, kind } => {
                part.links = only_link(&self.links, (from, to, *kind));
            }
            ChangeRef::Map { field } => {
                part.map = (self.map.iter())
                    .filter(|c| field.as_ref().is_none_or(|f| &c.field == f))
                    .cloned()
                    .collect();
            }
        }
        part
    }
}

/// The changes of one element: all of them, or one field's.
fn only_entity<T: Clone>(
    diff: &EntityDiff<T>,
    id_of: fn(&T) -> &Id,
    id: &Id,
    field: Option<&str>,
) -> EntityDiff<T> {
    let whole = |list: &[T]| -> Vec<T> {
        if field.is_some() {
            return Vec::new();
        }
        list.iter().filter(|t| id_of(t) == id).cloned().collect()
    };
    EntityDiff {
        added: whole(&diff.added),
        removed: whole(&diff.removed),
        changed: (diff.changed.iter())
            .filter(|c| &c.id == id)
            .map(|c| Changed {
                id: c.id.clone(),
                changes: (c.changes.iter())
                    .filter(|f| field.is_none_or(|field| f.field == field))
                    .cloned()
                    .collect(),
            })
            .filter(|c| !c.changes.is_empty())
            .collect(),
    }
}

/// The changes of the link with this key, with the other half of a change
/// of kind.
fn only_link(diff: &LinkDiff, key: (&Id, &Id, LinkKind)) -> LinkDiff {
    let mut keys = vec![key];
    for (removed, added) in diff.kind_changes() {
        if removed.key() == key {
            keys.push(added.key());
        } else if added.key() == key {
            keys.push(removed.key());
        }
    }
    LinkDiff {
        added: (diff.added.iter())
            .filter(|l| keys.contains(&l.key()))
            .cloned()
            .collect(),
        removed: (diff.removed.iter())
            .filter(|l| keys.contains(&l.key()))
            .cloned()
            .collect(),
        relabeled: (diff.relabeled.iter())
            .filter(|r| (&r.from, &r.to, r.kind) == key)
            .cloned()
            .collect(),
    }
}
