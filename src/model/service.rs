//! Services, the nodes of the map, and their kinds.

use serde::{Deserialize, Serialize};

use super::id::Id;
use super::limits::{MAX_COORDINATE, MAX_NAME_CHARS, Noun};

/// What a service is, which decides its shape and which rules apply to it.
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
pub enum ServiceKind {
    /// An ordinary backend service.
    Service,
    /// A user-facing front end (web, mobile).
    Frontend,
    /// An API gateway that routes to other services.
    Gateway,
    /// A database or other store.
    Datastore,
    /// A legacy system not designed for flow.
    Legacy,
    /// An anti-corruption layer isolating a stream from a legacy system.
    Acl,
    /// A system outside the organisation (a vendor, a regulator).
    External,
}

impl ServiceKind {
    /// Every kind, in the order menus show them.
    pub const ALL: [ServiceKind; 7] = [
        ServiceKind::Service,
        ServiceKind::Frontend,
        ServiceKind::Gateway,
        ServiceKind::Datastore,
        ServiceKind::Legacy,
        ServiceKind::Acl,
        ServiceKind::External,
    ];

    /// The identifier used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceKind::Service => "service",
            ServiceKind::Frontend => "frontend",
            ServiceKind::Gateway => "gateway",
            ServiceKind::Datastore => "datastore",
            ServiceKind::Legacy => "legacy",
            ServiceKind::Acl => "acl",
            ServiceKind::External => "external",
        }
    }

    /// Human-readable name.
    pub fn label(self) -> &'static str {
        match self {
            ServiceKind::Service => "Service",
            ServiceKind::Frontend => "Frontend",
            ServiceKind::Gateway => "Gateway",
            ServiceKind::Datastore => "Datastore",
            ServiceKind::Legacy => "Legacy system",
            ServiceKind::Acl => "Anti-corruption layer",
            ServiceKind::External => "External system",
        }
    }
}

/// A service: a node on the canvas.
// PartialEq is in `equality.rs`: written out for speed.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Stable identifier; never changes on rename.
    pub id: Id,
    /// Display name (not blank).
    #[schemars(length(max = MAX_NAME_CHARS), regex(pattern = r"\S"))]
    pub name: String,
    /// What the service is.
    pub kind: ServiceKind,
    /// The owning team's id; absent is legal and reported by a rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Id>,
    /// Canvas x position; absent lets the editor place the service.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole_number"
    )]
    #[schemars(range(min = -MAX_COORDINATE, max = MAX_COORDINATE))]
    pub x: Option<f64>,
    /// Canvas y position.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole_number"
    )]
    #[schemars(range(min = -MAX_COORDINATE, max = MAX_COORDINATE))]
    pub y: Option<f64>,
    /// Free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// Positions are written rounded to whole numbers: sub-pixel drags must not
/// show up in diffs.
fn whole_number<S: serde::Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        // Validation bounds positions to ±1e7, well inside i64.
        Some(v) => s.serialize_i64(v.round() as i64),
        None => s.serialize_none(),
    }
}

impl Noun for Service {
    const PLURAL: &'static str = "services";
}
