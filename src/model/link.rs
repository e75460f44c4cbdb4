//! Links: how one service depends on another.

use serde::{Deserialize, Serialize};

use super::id::Id;
use super::limits::Noun;

/// How one service depends on another.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Serialize,
    Deserialize,
    schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum LinkKind {
    /// Request/response: `from` calls `to` and waits.
    Sync,
    /// `from` publishes an event that `to` consumes.
    Event,
    /// Point-to-point data integration: `from` reads or copies `to`'s data.
    Data,
}

impl LinkKind {
    /// Every kind, in the order menus show them.
    pub const ALL: [LinkKind; 3] = [LinkKind::Sync, LinkKind::Event, LinkKind::Data];

    /// The identifier used in files (and the canonical sort key of links).
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Sync => "sync",
            LinkKind::Event => "event",
            LinkKind::Data => "data",
        }
    }
}

/// A directed link between two services, identified by (`from`, `to`, `kind`).
// PartialEq is in `equality.rs`: written out for speed.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Link {
    /// The calling, publishing or reading service.
    pub from: Id,
    /// The called, consuming or read service.
    pub to: Id,
    /// How `from` depends on `to`.
    pub kind: LinkKind,
    /// What flows over the link.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
}

impl Link {
    /// The identity of a link: no two links of a map share it.
    pub fn key(&self) -> (&Id, &Id, LinkKind) {
        (&self.from, &self.to, self.kind)
    }

    /// The canonical sort key on disk: from, to, then the kind's name.
    pub fn sort_key(&self) -> (&str, &str, &'static str) {
        (self.from.as_str(), self.to.as_str(), self.kind.as_str())
    }
}

impl Noun for Link {
    const PLURAL: &'static str = "links";
}
