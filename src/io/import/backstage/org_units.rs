//! The group hierarchy above the teams. Backstage models organisations,
//! business units and departments as groups, as it does teams; on a value
//! stream map they are not teams (as teams they would be empty boxes in the
//! legend). This file decides which groups are such units, and keeps what
//! the hierarchy says about the teams under them: the report lists the
//! teams by the units they sit in.

use std::collections::{BTreeMap, BTreeSet};

use super::catalog::{Catalog, Lookup};
use super::entity::{Key, list_items};

/// How many levels of parents are followed: deeper than any real
/// organisation, and a bound should the catalog's parents form a cycle.
const MAX_DEPTH: usize = 16;

impl Catalog<'_> {
    /// The groups that are units above teams: those whose `spec.type` says
    /// so (organization, business unit, department, division), and those
    /// that hold other groups but have no members and own nothing.
    pub(super) fn organisational_units(&self) -> BTreeSet<Key> {
        let parents = self.group_parents();
        let holders: BTreeSet<&Key> = parents.values().collect();
        let with_members = self.groups_with_members();
        let owners = self.owning_groups();
        self.of_kind("group")
            .filter(|(key, group)| {
                is_organisational_unit(&group.spec_type())
                    || (holders.contains(key)
                        && !with_members.contains(*key)
                        && !owners.contains(*key))
            })
            .map(|(key, _)| key.clone())
            .collect()
    }

    /// Each group's parent group, from its `spec.parent` or its parent's
    /// `spec.children` (the parent's own word wins when they disagree).
    pub(super) fn group_parents(&self) -> BTreeMap<Key, Key> {
        let mut parents = BTreeMap::new();
        for (key, group) in self.of_kind("group") {
            if let Some(text) = group.text(&["spec", "parent"])
                && let Lookup::Found(parent, _) = self.lookup(text, &group.namespace, &["group"])
                && parent != key
            {
                parents.insert(key.clone(), parent.clone());
            }
        }
        for (key, group) in self.of_kind("group") {
            for text in list_items(group.node.at(&["spec", "children"]))
                .into_iter()
                .flatten()
            {
                if let Lookup::Found(child, _) = self.lookup(text, &group.namespace, &["group"])
                    && child != key
                {
                    parents.insert(child.clone(), key.clone());
                }
            }
        }
        parents
    }

    /// The groups with at least one member: listed in `spec.members`, or a
    /// user's `spec.memberOf`.
    fn groups_with_members(&self) -> BTreeSet<Key> {
        let mut out = BTreeSet::new();
        for (key, group) in self.of_kind("group") {
            if list_items(group.node.at(&["spec", "members"]))
                .into_iter()
                .flatten()
                .next()
                .is_some()
            {
                out.insert(key.clone());
            }
        }
        for (_, user) in self.of_kind("user") {
            for text in list_items(user.node.at(&["spec", "memberOf"]))
                .into_iter()
                .flatten()
            {
                if let Lookup::Found(group, _) = self.lookup(text, &user.namespace, &["group"]) {
                    out.insert(group.clone());
                }
            }
        }
        out
    }

    /// The groups some entity names as its `spec.owner`.
    fn owning_groups(&self) -> BTreeSet<Key> {
        let mut out = BTreeSet::new();
        for entity in self.entities.values() {
            if let Some(text) = entity.text(&["spec", "owner"])
                && let Lookup::Found(key, _) = self.lookup(text, &entity.namespace, &["group"])
                && key.kind == "group"
            {
                out.insert(key.clone());
            }
        }
        out
    }

    /// The units above each team, outermost first, as display names:
    /// `["ACME Corp", "Infrastructure"]`. Teams under no unit are absent.
    pub(super) fn units_above(
        &self,
        teams: impl Iterator<Item = Key>,
        units: &BTreeSet<Key>,
    ) -> BTreeMap<Key, Vec<String>> {
        let parents = self.group_parents();
        let mut out = BTreeMap::new();
        for team in teams {
            let mut path = Vec::new();
            let mut at = &team;
            for _ in 0..MAX_DEPTH {
                let Some(parent) = parents.get(at).filter(|p| **p != team) else {
                    break;
                };
                if units.contains(parent)
                    && let Some(entity) = self.entities.get(parent)
                {
                    path.push(self.group_name(entity));
                }
                at = parent;
            }
            if !path.is_empty() {
                path.reverse();
                out.insert(team, path);
            }
        }
        out
    }
}

/// The report's line on the hierarchy: teams listed under the units they
/// sit in, units in order of their path, teams by name.
pub(super) fn hierarchy_remark(team_units: &BTreeMap<String, Vec<String>>) -> Option<String> {
    let mut by_path: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
    for (team, path) in team_units {
        by_path
            .entry(path.join(" ▸ "))
            .or_default()
            .insert(team.as_str());
    }
    if by_path.is_empty() {
        return None;
    }
    let parts: Vec<String> = by_path
        .iter()
        .map(|(path, teams)| {
            format!(
                "{path}: {}",
                teams.iter().copied().collect::<Vec<_>>().join(", ")
            )
        })
        .collect();
    Some(format!(
        "Teams by the organisational unit they sit in (the units themselves are not teams): {}.",
        parts.join("; ")
    ))
}

/// Whether a group's `spec.type` names a unit above teams: an organisation,
/// a business unit, a department (or sub-department) or a division. They hold teams; they are
/// not teams, and as teams they would be empty ones in the legend.
pub(super) fn is_organisational_unit(spec_type: &str) -> bool {
    matches!(
        spec_type,
        "organization"
            | "organisation"
            | "org"
            | "business-unit"
            | "businessunit"
            | "bu"
            | "department"
            | "sub-department"
            | "subdepartment"
            | "division"
    )
}
