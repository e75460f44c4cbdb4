//! [`History`]: the undo history of one map.
//!
//! Each user action is one transaction: the edits that do it and their
//! inverses, which undo it. Undo and redo apply one list or the other, so the
//! history needs nothing but edits and can be tested without a GUI. Every
//! apply, undo and redo reports what it did as an [`Applied`], including
//! whether the graph of services and links changed shape, so that views know
//! whether to rebuild or update in place.

use super::check::EditError;
use super::edit::{Edit, apply_all};
use crate::model::Map;

/// What an apply, undo or redo did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// The action's label, as given to [`History::apply`].
    pub label: String,
    /// Whether any of its edits is structural (see [`Edit::is_structural`]):
    /// services or links were inserted or removed.
    pub structural: bool,
}

/// One undoable user action: a label for the Edit menu and the edits.
#[derive(Debug, Clone)]
struct Transaction {
    label: String,
    /// Edits that redo the action, in order.
    redo: Vec<Edit>,
    /// Edits that undo the action, in order.
    undo: Vec<Edit>,
    /// Whether the action inserts or removes services or links. An edit's
    /// inverse is structural exactly when the edit is, so this holds for
    /// undoing the action too.
    structural: bool,
    /// Identifies the map state after this transaction (for "unsaved" marks).
    state: u64,
}

impl Transaction {
    fn applied(&self) -> Applied {
        Applied {
            label: self.label.clone(),
            structural: self.structural,
        }
    }
}

/// Moves the last transaction of `from` to `to`, applying its `edits`.
/// When they do not apply, which cannot happen unless the map was changed
/// behind the history's back, the transaction stays where it was rather
/// than be lost, and nothing is reported.
fn replay(
    map: &mut Map,
    from: &mut Vec<Transaction>,
    to: &mut Vec<Transaction>,
    edits: fn(&Transaction) -> &Vec<Edit>,
) -> Option<Applied> {
    let t = from.pop()?;
    match apply_all(map, edits(&t).clone()) {
        Ok(_) => {
            let applied = t.applied();
            to.push(t);
            Some(applied)
        }
        Err(_) => {
            from.push(t);
            None
        }
    }
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
    /// changes if any edit fails. An action with no edits is not recorded
    /// (and reported as not structural).
    pub fn apply(
        &mut self,
        map: &mut Map,
        label: impl Into<String>,
        edits: Vec<Edit>,
    ) -> Result<Applied, EditError> {
        let label = label.into();
        if edits.is_empty() {
            return Ok(Applied {
                label,
                structural: false,
            });
        }
        let structural = edits.iter().any(Edit::is_structural);
        let redo = edits.clone();
        let undo = apply_all(map, edits)?;
        self.next_state += 1;
        let transaction = Transaction {
            label,
            redo,
            undo,
            structural,
            state: self.next_state,
        };
        let applied = transaction.applied();
        self.done.push(transaction);
        self.undone.clear();
        if self.done.len() > HISTORY_LIMIT {
            let dropped = self.done.remove(0);
            self.base_state = dropped.state;
        }
        Ok(applied)
    }

    /// Undoes the last action and says what it was; `None` when there is
    /// nothing to undo.
    pub fn undo(&mut self, map: &mut Map) -> Option<Applied> {
        replay(map, &mut self.done, &mut self.undone, |t| &t.undo)
    }

    /// Redoes the last undone action and says what it was; `None` when there
    /// is nothing to redo.
    pub fn redo(&mut self, map: &mut Map) -> Option<Applied> {
        replay(map, &mut self.undone, &mut self.done, |t| &t.redo)
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
    use crate::edit::edit::ServiceField;
    use crate::edit::ops;
    use crate::io::to_canonical_json;
    use crate::model::Id;
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
        assert_eq!(
            h.undo(&mut map).map(|a| a.label).as_deref(),
            Some("Rename to Two")
        );
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

    #[test]
    fn apply_undo_and_redo_say_whether_the_graph_changed_shape() {
        let mut map = MapBuilder::new().sa("a").svc("x", "a").build();
        let mut h = History::new();
        let renamed = h.apply(&mut map, "Rename", rename("x", "One")).unwrap();
        assert_eq!(
            renamed,
            Applied {
                label: "Rename".into(),
                structural: false
            }
        );
        let (_, add) = ops::add_service(
            &map,
            "Y",
            crate::model::ServiceKind::Service,
            None,
            (0.0, 0.0),
        );
        assert!(h.apply(&mut map, "Add", add).unwrap().structural);
        let undone = h.undo(&mut map).unwrap();
        assert_eq!((undone.label.as_str(), undone.structural), ("Add", true));
        assert!(!h.undo(&mut map).unwrap().structural);
        assert!(!h.redo(&mut map).unwrap().structural);
        assert!(h.redo(&mut map).unwrap().structural);
        let nothing = h.apply(&mut map, "Nothing", Vec::new()).unwrap();
        assert!(!nothing.structural);
        assert_eq!(h.undo_label(), Some("Add"));
    }
}
