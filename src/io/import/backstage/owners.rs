//! Who owns what: a group is a team, and a user owns through the first
//! group it is a member of.

use std::collections::HashMap;

use super::catalog::{Catalog, Lookup};
use super::entity::{Entity, Key, list_items};
use super::notes::Notes;
use crate::io::import::yaml::Node;
use crate::model::Id;

impl Catalog<'_> {
    /// The team each user owns through: the first group of its
    /// `spec.memberOf` that exists.
    pub(super) fn user_teams(&self, ids: &HashMap<Key, Id>) -> HashMap<Key, Id> {
        let mut teams = HashMap::new();
        for (key, user) in self.of_kind("user") {
            for text in list_items(user.node.at(&["spec", "memberOf"]))
                .into_iter()
                .flatten()
            {
                if let Lookup::Found(group, _) = self.lookup(text, &user.namespace, &["group"])
                    && let Some(id) = ids.get(group)
                {
                    teams.insert(key.clone(), id.clone());
                    break;
                }
            }
        }
        teams
    }

    /// Resolves an entity's `spec.owner` to a team, reporting what does not
    /// resolve. A missing owner is not reported: the `unowned-service` rule
    /// flags it.
    pub(super) fn owner(
        &self,
        entity: &Entity<'_>,
        ids: &HashMap<Key, Id>,
        user_teams: &HashMap<Key, Id>,
        notes: &mut Notes,
    ) -> Option<Id> {
        let node = entity.node.at(&["spec", "owner"])?;
        let Some(text) = node.as_str().map(str::trim).filter(|t| !t.is_empty()) else {
            if *node != Node::Null {
                notes.issue(
                    entity,
                    "spec.owner",
                    "not an entity reference; left unowned".into(),
                );
            }
            return None;
        };
        let message = match self.lookup(text, &entity.namespace, &["group", "user"]) {
            Lookup::Found(key, _) if key.kind == "group" => return ids.get(key).cloned(),
            Lookup::Found(key, _) if key.kind == "user" => match user_teams.get(key) {
                Some(team) => return Some(team.clone()),
                None => format!(
                    "the owner {text:?} is a user in no known group (spec.memberOf); left unowned"
                ),
            },
            Lookup::Found(key, _) => format!(
                "the owner {text:?} is a {}, not a group or a user; left unowned",
                key.kind
            ),
            Lookup::Missing(wanted) => {
                format!("unknown owner {text:?} (no {wanted}); left unowned")
            }
            Lookup::NotAReference => format!("{text:?} is not an entity reference; left unowned"),
        };
        notes.issue(entity, "spec.owner", message);
        None
    }
}
