//! Edits as data, and the undo history.
//!
//! The UI never changes a [`Map`] directly: it builds [`Edit`] values (see
//! [`ops`] for the ones a user action needs) and hands them to
//! [`History::apply`], which applies them as one undoable transaction. Each
//! edit, when applied, returns its exact inverse, so undo and redo are just
//! more edits and the history can be tested without a GUI.

pub mod arrange;
pub mod ops;

use crate::model::MAX_COORDINATE;
use crate::model::limits::{MAX_NAME_CHARS, MAX_TEXT_CHARS};
use crate::model::{
    Allow, Color, Id, Link, LinkKind, Map, Service, ServiceKind, Settings, Step, Stream, Team,
    TeamType,
};
use jiff::civil::Date;

/// Why an edit could not be applied. The map is left unchanged.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// No team, service or stream has this id.
    #[error("nothing has the id \"{0}\"")]
    UnknownId(Id),
    /// The id is already used by a team, service or stream.
    #[error("the id \"{0}\" is already in use")]
    DuplicateId(Id),
    /// No such link.
    #[error("no {kind} link from \"{from}\" to \"{to}\"")]
    UnknownLink {
        /// Source.
        from: Id,
        /// Target.
        to: Id,
        /// Kind.
        kind: &'static str,
    },
    /// The link exists already or would join a service to itself.
    #[error(
        "a {kind} link from \"{from}\" to \"{to}\" is not allowed (it exists, or joins a service to itself)"
    )]
    BadLink {
        /// Source.
        from: Id,
        /// Target.
        to: Id,
        /// Kind.
        kind: &'static str,
    },
    /// A position in a list that does not exist.
    #[error("position {0} is out of range")]
    OutOfRange(usize),
    /// The service is already a step of the stream.
    #[error("\"{service}\" is already a step of \"{stream}\"")]
    DuplicateStep {
        /// The stream.
        stream: Id,
        /// The service.
        service: Id,
    },
    /// A name would become empty; maps with empty names do not load.
    #[error("a name must not be empty")]
    EmptyName,
    /// An allow entry for a rule that does not exist (the map would not load).
    #[error("no rule \"{0}\" can be allowed")]
    UnknownRule(String),
    /// A text longer than the file format accepts (see [`crate::model::limits`]).
    #[error("{what} is {chars} characters long; at most {max} are accepted")]
    TooLong {
        /// Which text, e.g. "a name".
        what: &'static str,
        /// Its length in characters.
        chars: usize,
        /// The limit.
        max: usize,
    },
    /// A position outside the canvas the file format accepts (the value as text).
    #[error("position {0} is outside ±{MAX_COORDINATE}")]
    OffCanvas(String),
    /// Something still refers to the element being removed.
    #[error("\"{0}\" is still referred to; remove its links, steps and ownerships first")]
    StillReferenced(Id),
}

/// A change to one field of a service.
#[derive(Debug, Clone, PartialEq)]
pub enum ServiceField {
    /// Display name.
    Name(String),
    /// Kind.
    Kind(ServiceKind),
    /// Owning team.
    Owner(Option<Id>),
    /// Description.
    Description(String),
    /// Canvas position.
    Position(Option<f64>, Option<f64>),
}

/// A change to one field of a team.
#[derive(Debug, Clone, PartialEq)]
pub enum TeamField {
    /// Display name.
    Name(String),
    /// Team Topologies type.
    Type(TeamType),
    /// Head count.
    Members(Option<u32>),
    /// Colour.
    Color(Option<Color>),
}

/// A change to one field of a stream (steps have their own edits).
#[derive(Debug, Clone, PartialEq)]
pub enum StreamField {
    /// Display name.
    Name(String),
    /// Owning team.
    Owner(Option<Id>),
    /// Customer.
    Customer(String),
    /// Description.
    Description(String),
    /// Line colour.
    Color(Option<Color>),
}

/// A change to one field of the map itself.
#[derive(Debug, Clone, PartialEq)]
pub enum MapField {
    /// Display name.
    Name(String),
    /// Description.
    Description(String),
    /// Last review date.
    Reviewed(Option<Date>),
    /// Rule thresholds.
    Settings(Settings),
}

/// One primitive change to a map. Applying it returns its inverse.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    /// Insert a team at a position of `teams`.
    InsertTeam(usize, Team),
    /// Remove a team that nothing refers to.
    RemoveTeam(Id),
    /// Change a team field.
    SetTeam(Id, TeamField),
    /// Insert a service at a position of `services`.
    InsertService(usize, Service),
    /// Remove a service that no link or step refers to.
    RemoveService(Id),
    /// Change a service field.
    SetService(Id, ServiceField),
    /// Insert a link at a position of `links`.
    InsertLink(usize, Link),
    /// Remove the link (from, to, kind).
    RemoveLink(Id, Id, LinkKind),
    /// Change a link's label.
    SetLinkLabel(Id, Id, LinkKind, String),
    /// Insert a stream at a position of `streams`.
    InsertStream(usize, Stream),
    /// Remove a stream.
    RemoveStream(Id),
    /// Change a stream field.
    SetStream(Id, StreamField),
    /// Insert a step into a stream at a position.
    InsertStep(Id, usize, Step),
    /// Remove the step at a position of a stream.
    RemoveStep(Id, usize),
    /// Move a stream's step from one position to another.
    MoveStep(Id, usize, usize),
    /// Insert an allow entry at a position.
    InsertAllow(usize, Allow),
    /// Remove the allow entry at a position.
    RemoveAllow(usize),
    /// Change a field of the map.
    SetMap(MapField),
}

fn position<T>(items: &[T], id: &Id, id_of: impl Fn(&T) -> &Id) -> Result<usize, EditError> {
    items
        .iter()
        .position(|t| id_of(t) == id)
        .ok_or_else(|| EditError::UnknownId(id.clone()))
}

fn link_position(map: &Map, from: &Id, to: &Id, kind: LinkKind) -> Result<usize, EditError> {
    map.links
        .iter()
        .position(|l| l.key() == (from, to, kind))
        .ok_or_else(|| EditError::UnknownLink {
            from: from.clone(),
            to: to.clone(),
            kind: kind.as_str(),
        })
}

fn check_insert_at(index: usize, len: usize) -> Result<(), EditError> {
    if index > len {
        Err(EditError::OutOfRange(index))
    } else {
        Ok(())
    }
}

fn check_new_id(map: &Map, id: &Id) -> Result<(), EditError> {
    if map.id_in_use(id.as_str()) {
        Err(EditError::DuplicateId(id.clone()))
    } else {
        Ok(())
    }
}

fn check_team(map: &Map, owner: &Option<Id>) -> Result<(), EditError> {
    match owner {
        Some(t) if map.team(t.as_str()).is_none() => Err(EditError::UnknownId(t.clone())),
        _ => Ok(()),
    }
}

/// Names are required by the file format: refuse to empty one, so that an
/// edited map always saves to a file that loads.
fn check_name(name: &str) -> Result<(), EditError> {
    if name.trim().is_empty() {
        Err(EditError::EmptyName)
    } else {
        Ok(())
    }
}

fn check_len(what: &'static str, s: &str, max: usize) -> Result<(), EditError> {
    // Cheap test first: a string of at most `max` bytes fits.
    if s.len() <= max {
        return Ok(());
    }
    let chars = s.chars().count();
    if chars > max {
        Err(EditError::TooLong { what, chars, max })
    } else {
        Ok(())
    }
}

fn check_position(v: Option<f64>) -> Result<(), EditError> {
    match v {
        Some(v) if !(v.is_finite() && v.abs() <= MAX_COORDINATE) => {
            Err(EditError::OffCanvas(v.to_string()))
        }
        _ => Ok(()),
    }
}

/// Texts and positions must stay within what the file format accepts, so
/// that an edited map always saves to a file that loads.
fn check_bounds(edit: &Edit) -> Result<(), EditError> {
    let name = |s: &str| check_len("a name", s, MAX_NAME_CHARS);
    let label = |s: &str| check_len("a label", s, MAX_NAME_CHARS);
    let text = |s: &str| check_len("a description", s, MAX_TEXT_CHARS);
    match edit {
        Edit::InsertTeam(_, t) => name(&t.name),
        Edit::SetTeam(_, TeamField::Name(n)) => name(n),
        Edit::InsertService(_, s) => {
            name(&s.name)?;
            text(&s.description)?;
            check_position(s.x)?;
            check_position(s.y)
        }
        Edit::SetService(_, ServiceField::Name(n)) => name(n),
        Edit::SetService(_, ServiceField::Description(d)) => text(d),
        Edit::SetService(_, ServiceField::Position(x, y)) => {
            check_position(*x)?;
            check_position(*y)
        }
        Edit::InsertLink(_, l) => label(&l.label),
        Edit::SetLinkLabel(_, _, _, l) => label(l),
        Edit::InsertStream(_, s) => {
            name(&s.name)?;
            label(&s.customer)?;
            text(&s.description)?;
            s.steps.iter().try_for_each(|step| label(&step.stage))
        }
        Edit::SetStream(_, StreamField::Name(n)) => name(n),
        Edit::SetStream(_, StreamField::Customer(c)) => label(c),
        Edit::SetStream(_, StreamField::Description(d)) => text(d),
        Edit::InsertStep(_, _, step) => label(&step.stage),
        Edit::InsertAllow(_, a) => text(&a.reason),
        Edit::SetMap(MapField::Name(n)) => name(n),
        Edit::SetMap(MapField::Description(d)) => text(d),
        _ => Ok(()),
    }
}

impl Edit {
    /// Applies the edit and returns its inverse. On error the map is unchanged.
    pub fn apply(self, map: &mut Map) -> Result<Edit, EditError> {
        check_bounds(&self)?;
        match &self {
            Edit::SetTeam(_, TeamField::Name(n))
            | Edit::SetService(_, ServiceField::Name(n))
            | Edit::SetStream(_, StreamField::Name(n)) => check_name(n)?,
            Edit::InsertTeam(_, Team { name, .. })
            | Edit::InsertService(_, Service { name, .. })
            | Edit::InsertStream(_, Stream { name, .. }) => check_name(name)?,
            // Allow entries are validated against the rule registry on load.
            Edit::InsertAllow(_, allow) if !crate::analysis::is_rule_id(&allow.rule) => {
                return Err(EditError::UnknownRule(allow.rule.clone()));
            }
            _ => {}
        }
        Ok(match self {
            Edit::InsertTeam(i, team) => {
                check_insert_at(i, map.teams.len())?;
                check_new_id(map, &team.id)?;
                let id = team.id.clone();
                map.teams.insert(i, team);
                Edit::RemoveTeam(id)
            }
            Edit::RemoveTeam(id) => {
                let i = position(&map.teams, &id, |t| &t.id)?;
                let owns = map.services.iter().any(|s| s.owner.as_ref() == Some(&id))
                    || map.streams.iter().any(|s| s.owner.as_ref() == Some(&id));
                if owns {
                    return Err(EditError::StillReferenced(id));
                }
                Edit::InsertTeam(i, map.teams.remove(i))
            }
            Edit::SetTeam(id, field) => {
                let i = position(&map.teams, &id, |t| &t.id)?;
                let team = &mut map.teams[i];
                let old = match field {
                    TeamField::Name(v) => TeamField::Name(std::mem::replace(&mut team.name, v)),
                    TeamField::Type(v) => {
                        TeamField::Type(std::mem::replace(&mut team.team_type, v))
                    }
                    TeamField::Members(v) => {
                        TeamField::Members(std::mem::replace(&mut team.members, v))
                    }
                    TeamField::Color(v) => TeamField::Color(std::mem::replace(&mut team.color, v)),
                };
                Edit::SetTeam(id, old)
            }
            Edit::InsertService(i, service) => {
                check_insert_at(i, map.services.len())?;
                check_new_id(map, &service.id)?;
                check_team(map, &service.owner)?;
                let id = service.id.clone();
                map.services.insert(i, service);
                Edit::RemoveService(id)
            }
            Edit::RemoveService(id) => {
                let i = position(&map.services, &id, |s| &s.id)?;
                let referenced = map.links.iter().any(|l| l.from == id || l.to == id)
                    || map.streams.iter().any(|s| s.has_step(&id));
                if referenced {
                    return Err(EditError::StillReferenced(id));
                }
                Edit::InsertService(i, map.services.remove(i))
            }
            Edit::SetService(id, field) => {
                let i = position(&map.services, &id, |s| &s.id)?;
                if let ServiceField::Owner(owner) = &field {
                    check_team(map, owner)?;
                }
                let s = &mut map.services[i];
                let old = match field {
                    ServiceField::Name(v) => ServiceField::Name(std::mem::replace(&mut s.name, v)),
                    ServiceField::Kind(v) => ServiceField::Kind(std::mem::replace(&mut s.kind, v)),
                    ServiceField::Owner(v) => {
                        ServiceField::Owner(std::mem::replace(&mut s.owner, v))
                    }
                    ServiceField::Description(v) => {
                        ServiceField::Description(std::mem::replace(&mut s.description, v))
                    }
                    ServiceField::Position(x, y) => {
                        let old = ServiceField::Position(s.x, s.y);
                        (s.x, s.y) = (x, y);
                        old
                    }
                };
                Edit::SetService(id, old)
            }
            Edit::InsertLink(i, link) => {
                check_insert_at(i, map.links.len())?;
                let bad = link.from == link.to
                    || map.links.iter().any(|l| l.key() == link.key())
                    || map.service(link.from.as_str()).is_none()
                    || map.service(link.to.as_str()).is_none();
                if bad {
                    return Err(EditError::BadLink {
                        from: link.from,
                        to: link.to,
                        kind: link.kind.as_str(),
                    });
                }
                let inverse = Edit::RemoveLink(link.from.clone(), link.to.clone(), link.kind);
                map.links.insert(i, link);
                inverse
            }
            Edit::RemoveLink(from, to, kind) => {
                let i = link_position(map, &from, &to, kind)?;
                Edit::InsertLink(i, map.links.remove(i))
            }
            Edit::SetLinkLabel(from, to, kind, label) => {
                let i = link_position(map, &from, &to, kind)?;
                let old = std::mem::replace(&mut map.links[i].label, label);
                Edit::SetLinkLabel(from, to, kind, old)
            }
            Edit::InsertStream(i, stream) => {
                check_insert_at(i, map.streams.len())?;
                check_new_id(map, &stream.id)?;
                check_team(map, &stream.owner)?;
                if let Some(step) = stream
                    .steps
                    .iter()
                    .find(|s| map.service(s.service.as_str()).is_none())
                {
                    return Err(EditError::UnknownId(step.service.clone()));
                }
                let id = stream.id.clone();
                map.streams.insert(i, stream);
                Edit::RemoveStream(id)
            }
            Edit::RemoveStream(id) => {
                let i = position(&map.streams, &id, |s| &s.id)?;
                Edit::InsertStream(i, map.streams.remove(i))
            }
            Edit::SetStream(id, field) => {
                let i = position(&map.streams, &id, |s| &s.id)?;
                if let StreamField::Owner(owner) = &field {
                    check_team(map, owner)?;
                }
                let s = &mut map.streams[i];
                let old = match field {
                    StreamField::Name(v) => StreamField::Name(std::mem::replace(&mut s.name, v)),
                    StreamField::Owner(v) => StreamField::Owner(std::mem::replace(&mut s.owner, v)),
                    StreamField::Customer(v) => {
                        StreamField::Customer(std::mem::replace(&mut s.customer, v))
                    }
                    StreamField::Description(v) => {
                        StreamField::Description(std::mem::replace(&mut s.description, v))
                    }
                    StreamField::Color(v) => StreamField::Color(std::mem::replace(&mut s.color, v)),
                };
                Edit::SetStream(id, old)
            }
            Edit::InsertStep(id, at, step) => {
                let i = position(&map.streams, &id, |s| &s.id)?;
                if map.service(step.service.as_str()).is_none() {
                    return Err(EditError::UnknownId(step.service));
                }
                let stream = &mut map.streams[i];
                check_insert_at(at, stream.steps.len())?;
                if stream.has_step(&step.service) {
                    return Err(EditError::DuplicateStep {
                        stream: id,
                        service: step.service,
                    });
                }
                stream.steps.insert(at, step);
                Edit::RemoveStep(id, at)
            }
            Edit::RemoveStep(id, at) => {
                let i = position(&map.streams, &id, |s| &s.id)?;
                let steps = &mut map.streams[i].steps;
                if at >= steps.len() {
                    return Err(EditError::OutOfRange(at));
                }
                let step = steps.remove(at);
                Edit::InsertStep(id, at, step)
            }
            Edit::MoveStep(id, from, to) => {
                let i = position(&map.streams, &id, |s| &s.id)?;
                let steps = &mut map.streams[i].steps;
                if from >= steps.len() || to >= steps.len() {
                    return Err(EditError::OutOfRange(from.max(to)));
                }
                let step = steps.remove(from);
                steps.insert(to, step);
                Edit::MoveStep(id, to, from)
            }
            Edit::InsertAllow(i, allow) => {
                check_insert_at(i, map.allow.len())?;
                map.allow.insert(i, allow);
                Edit::RemoveAllow(i)
            }
            Edit::RemoveAllow(i) => {
                if i >= map.allow.len() {
                    return Err(EditError::OutOfRange(i));
                }
                Edit::InsertAllow(i, map.allow.remove(i))
            }
            Edit::SetMap(field) => Edit::SetMap(match field {
                MapField::Name(v) => MapField::Name(std::mem::replace(&mut map.name, v)),
                MapField::Description(v) => {
                    MapField::Description(std::mem::replace(&mut map.description, v))
                }
                MapField::Reviewed(v) => {
                    MapField::Reviewed(std::mem::replace(&mut map.reviewed, v))
                }
                MapField::Settings(v) => {
                    MapField::Settings(std::mem::replace(&mut map.settings, v))
                }
            }),
        })
    }
}

/// Applies edits in order; if one fails, undoes those already applied and
/// returns the error, so the map is exactly as before. On success returns
/// the inverses in the order they must be applied to undo.
pub fn apply_all(map: &mut Map, edits: Vec<Edit>) -> Result<Vec<Edit>, EditError> {
    let mut inverses = Vec::with_capacity(edits.len());
    for edit in edits {
        match edit.apply(map) {
            Ok(inverse) => inverses.push(inverse),
            Err(e) => {
                rollback(map, inverses);
                return Err(e);
            }
        }
    }
    inverses.reverse();
    Ok(inverses)
}

fn rollback(map: &mut Map, mut inverses: Vec<Edit>) {
    while let Some(inverse) = inverses.pop() {
        // An inverse of an edit that just succeeded always applies: it
        // restores exactly the state the edit started from.
        let _ = inverse.apply(map);
    }
}

/// One undoable user action: a label for the Edit menu and the edits.
#[derive(Debug, Clone)]
struct Transaction {
    label: String,
    /// Edits that redo the action, in order.
    redo: Vec<Edit>,
    /// Edits that undo the action, in order.
    undo: Vec<Edit>,
    /// Identifies the map state after this transaction (for "unsaved" marks).
    state: u64,
}

/// The undo history of one map.
#[derive(Debug, Clone, Default)]
pub struct History {
    done: Vec<Transaction>,
    undone: Vec<Transaction>,
    next_state: u64,
    saved_state: u64,
    /// The state below the oldest kept action (0 until the limit drops one).
    base_state: u64,
}

/// How many actions the history keeps.
pub const HISTORY_LIMIT: usize = 1000;

impl History {
    /// An empty history for a map as it was loaded (and therefore saved).
    pub fn new() -> History {
        History::default()
    }

    /// Applies `edits` to `map` as one undoable action named `label`. Nothing
    /// changes if any edit fails. An action with no edits is not recorded.
    pub fn apply(
        &mut self,
        map: &mut Map,
        label: impl Into<String>,
        edits: Vec<Edit>,
    ) -> Result<(), EditError> {
        if edits.is_empty() {
            return Ok(());
        }
        let redo = edits.clone();
        let undo = apply_all(map, edits)?;
        self.next_state += 1;
        self.done.push(Transaction {
            label: label.into(),
            redo,
            undo,
            state: self.next_state,
        });
        self.undone.clear();
        if self.done.len() > HISTORY_LIMIT {
            let dropped = self.done.remove(0);
            self.base_state = dropped.state;
        }
        Ok(())
    }

    /// Undoes the last action; returns its label.
    pub fn undo(&mut self, map: &mut Map) -> Option<String> {
        let t = self.done.pop()?;
        match apply_all(map, t.undo.clone()) {
            Ok(_) => {
                let label = t.label.clone();
                self.undone.push(t);
                Some(label)
            }
            Err(_) => {
                // Cannot happen unless the map was changed behind the history's
                // back; keep the action rather than lose it.
                self.done.push(t);
                None
            }
        }
    }

    /// Redoes the last undone action; returns its label.
    pub fn redo(&mut self, map: &mut Map) -> Option<String> {
        let t = self.undone.pop()?;
        match apply_all(map, t.redo.clone()) {
            Ok(_) => {
                let label = t.label.clone();
                self.done.push(t);
                Some(label)
            }
            Err(_) => {
                self.undone.push(t);
                None
            }
        }
    }

    /// The label of the action Undo would undo.
    pub fn undo_label(&self) -> Option<&str> {
        self.done.last().map(|t| t.label.as_str())
    }

    /// The label of the action Redo would redo.
    pub fn redo_label(&self) -> Option<&str> {
        self.undone.last().map(|t| t.label.as_str())
    }

    /// Identifies the current map state: changes with every apply, undo and redo.
    pub fn state(&self) -> u64 {
        self.done.last().map_or(self.base_state, |t| t.state)
    }

    /// Records that the current state is what is on disk.
    pub fn mark_saved(&mut self) {
        self.saved_state = self.state();
    }

    /// Records that nothing of the current state is on disk (a map made by
    /// an import, or restored from a recovery copy): the map counts as
    /// unsaved until [`History::mark_saved`].
    pub fn mark_unsaved(&mut self) {
        // States count up from 0 by one per action: this one is never reached.
        self.saved_state = u64::MAX;
    }

    /// Whether the map differs from what was last saved or loaded.
    pub fn is_dirty(&self) -> bool {
        self.state() != self.saved_state
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::to_canonical_json;
    use crate::model::test_map::MapBuilder;

    fn id(s: &str) -> Id {
        Id::new(s).unwrap()
    }

    fn rename(s: &str, name: &str) -> Vec<Edit> {
        vec![Edit::SetService(id(s), ServiceField::Name(name.into()))]
    }

    #[test]
    fn undo_and_redo_walk_the_history_and_name_the_action() {
        let mut map = MapBuilder::new().sa("a").svc("x", "a").build();
        let original = to_canonical_json(&map);
        let mut h = History::new();
        h.apply(&mut map, "Rename to One", rename("x", "One"))
            .unwrap();
        h.apply(&mut map, "Rename to Two", rename("x", "Two"))
            .unwrap();
        let edited = to_canonical_json(&map);
        assert_eq!(h.undo_label(), Some("Rename to Two"));
        assert_eq!(h.undo(&mut map).as_deref(), Some("Rename to Two"));
        assert_eq!(map.services[0].name, "One");
        assert_eq!(h.redo_label(), Some("Rename to Two"));
        h.undo(&mut map);
        assert_eq!(to_canonical_json(&map), original);
        assert_eq!(h.undo(&mut map), None);
        h.redo(&mut map);
        h.redo(&mut map);
        assert_eq!(to_canonical_json(&map), edited);
        assert_eq!(h.redo(&mut map), None);
    }

    #[test]
    fn a_new_action_clears_redo() {
        let mut map = MapBuilder::new().sa("a").svc("x", "a").build();
        let mut h = History::new();
        h.apply(&mut map, "One", rename("x", "One")).unwrap();
        h.undo(&mut map);
        h.apply(&mut map, "Other", rename("x", "Other")).unwrap();
        assert_eq!(h.redo_label(), None);
    }

    #[test]
    fn dirty_tracks_the_saved_state_through_undo_and_redo() {
        let mut map = MapBuilder::new().sa("a").svc("x", "a").build();
        let mut h = History::new();
        assert!(!h.is_dirty());
        h.apply(&mut map, "One", rename("x", "One")).unwrap();
        assert!(h.is_dirty());
        h.mark_saved();
        assert!(!h.is_dirty());
        h.undo(&mut map);
        assert!(h.is_dirty());
        h.redo(&mut map);
        assert!(!h.is_dirty());
        // Undo, then a different action: the state differs from the saved one.
        h.undo(&mut map);
        h.apply(&mut map, "Two", rename("x", "Two")).unwrap();
        assert!(h.is_dirty());
    }

    #[test]
    fn a_whole_drag_is_one_step() {
        let mut map = MapBuilder::new()
            .sa("a")
            .svc("x", "a")
            .svc("y", "a")
            .build();
        let mut h = History::new();
        let moves = ops::move_services(&map, &[(id("x"), 100.0, 50.0), (id("y"), 300.0, 50.0)]);
        h.apply(&mut map, "Move 2 services", moves).unwrap();
        h.undo(&mut map);
        assert!(map.services.iter().all(|s| s.x.is_none()));
        assert_eq!(h.undo_label(), None);
    }

    #[test]
    fn every_edit_is_refused_cleanly_when_its_target_is_missing() {
        let map = MapBuilder::new()
            .sa("a")
            .svc("x", "a")
            .stream("s", Some("a"), &["x"])
            .build();
        let bad = [
            Edit::RemoveTeam(id("nope")),
            Edit::RemoveTeam(id("a")),
            Edit::SetService(id("nope"), ServiceField::Name("n".into())),
            Edit::SetService(id("x"), ServiceField::Owner(Some(id("ghost")))),
            Edit::RemoveService(id("x")),
            Edit::RemoveLink(id("x"), id("x"), LinkKind::Sync),
            Edit::InsertStep(
                id("s"),
                0,
                Step {
                    service: id("x"),
                    stage: String::new(),
                },
            ),
            Edit::InsertStep(
                id("s"),
                5,
                Step {
                    service: id("x"),
                    stage: String::new(),
                },
            ),
            Edit::RemoveStep(id("s"), 3),
            Edit::MoveStep(id("s"), 0, 2),
            Edit::RemoveAllow(0),
            Edit::InsertService(9, map.services[0].clone()),
        ];
        for edit in bad {
            let mut m = map.clone();
            assert!(edit.clone().apply(&mut m).is_err(), "{edit:?} should fail");
            assert_eq!(m, map, "{edit:?} changed the map");
        }
    }

    #[test]
    fn edits_that_would_make_the_map_unloadable_are_refused() {
        let map = MapBuilder::new()
            .sa("a")
            .svc("x", "a")
            .stream("s", Some("a"), &["x"])
            .build();
        let refused = [
            Edit::SetTeam(id("a"), TeamField::Name("  ".into())),
            Edit::SetStream(id("s"), StreamField::Name(String::new())),
            Edit::SetService(id("x"), ServiceField::Name(" ".into())),
            Edit::SetService(
                id("x"),
                ServiceField::Name("n".repeat(crate::model::limits::MAX_NAME_CHARS + 1)),
            ),
            Edit::SetService(
                id("x"),
                ServiceField::Description("d".repeat(crate::model::limits::MAX_TEXT_CHARS + 1)),
            ),
            Edit::SetService(id("x"), ServiceField::Position(Some(f64::NAN), Some(0.0))),
            Edit::SetService(id("x"), ServiceField::Position(Some(0.0), Some(-1e8))),
            Edit::SetLinkLabel(id("x"), id("x"), LinkKind::Sync, "l".repeat(5000)),
            Edit::SetMap(MapField::Name("m".repeat(1001))),
            Edit::InsertAllow(
                0,
                Allow {
                    rule: "unused-allow".into(),
                    subject: None,
                    reason: "r".into(),
                },
            ),
        ];
        for edit in refused {
            let mut m = map.clone();
            assert!(edit.clone().apply(&mut m).is_err(), "{edit:?}");
            assert_eq!(m, map);
            // Whatever the editor accepts saves to a file that loads.
            assert!(crate::model::validate(&m, crate::analysis::is_rule_id).is_empty());
        }
    }

    #[test]
    fn a_map_marked_unsaved_stays_unsaved_through_undo_until_saved() {
        let mut map = MapBuilder::new().sa("a").svc("x", "a").build();
        let mut h = History::new();
        h.mark_unsaved();
        assert!(h.is_dirty(), "an imported map is not on disk");
        h.apply(&mut map, "Rename", rename("x", "One")).unwrap();
        h.undo(&mut map);
        assert!(h.is_dirty(), "undoing every edit does not put it on disk");
        h.mark_saved();
        assert!(!h.is_dirty());
    }

    #[test]
    fn past_the_history_limit_undoing_everything_still_counts_as_unsaved() {
        let mut map = MapBuilder::new().sa("a").svc("x", "a").build();
        let mut h = History::new();
        for n in 0..HISTORY_LIMIT + 2 {
            h.apply(&mut map, "Rename", rename("x", &format!("Name {n}")))
                .unwrap();
        }
        while h.undo(&mut map).is_some() {}
        assert_ne!(
            map.services[0].name, "Svc x",
            "the oldest actions are no longer undoable"
        );
        assert!(h.is_dirty(), "the map still differs from the file");
    }
}
