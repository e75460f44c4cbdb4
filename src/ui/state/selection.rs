//! What the user has selected, and how a finding is named across edits.

use crate::analysis::Finding;
use crate::model::{Id, LinkKind};

/// What is selected; the inspector shows it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Selection {
    /// Nothing: the inspector shows the map.
    #[default]
    None,
    /// Services, in the order they were clicked.
    Services(Vec<Id>),
    /// One link.
    Link(Id, Id, LinkKind),
    /// One team.
    Team(Id),
    /// One stream: everything not on it is dimmed.
    Stream(Id),
}

impl Selection {
    /// The selected services, in click order.
    pub fn services(&self) -> &[Id] {
        match self {
            Selection::Services(ids) => ids,
            _ => &[],
        }
    }

    /// Whether a service is selected.
    pub fn has_service(&self, id: &Id) -> bool {
        self.services().contains(id)
    }

    /// Services, or nothing when the list is empty.
    pub fn of_services(ids: Vec<Id>) -> Selection {
        if ids.is_empty() {
            Selection::None
        } else {
            Selection::Services(ids)
        }
    }
}

/// A finding, named by its rule and subjects. Findings are re-sorted after
/// every edit, so a position in the list would name another finding; the key
/// names the same one for as long as it exists.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FindingKey {
    /// The rule that fired.
    pub rule: &'static str,
    /// Its subjects, the primary one first.
    pub subjects: Vec<Id>,
}

impl FindingKey {
    /// The key of a finding.
    pub fn of(finding: &Finding) -> FindingKey {
        FindingKey {
            rule: finding.rule,
            subjects: finding.subjects.clone(),
        }
    }

    /// Whether this is the key of `finding`.
    pub fn names(&self, finding: &Finding) -> bool {
        finding.key() == (self.rule, self.subjects.as_slice())
    }
}
