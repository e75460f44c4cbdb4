//! The value stream map: teams, services, links between services, value
//! streams threaded through them, and the rule settings and accepted
//! exceptions that travel with a map.
//!
//! This module has no I/O and no UI. The serde derives name the fields exactly
//! as the file format does (the field order here *is* the canonical key order
//! on disk); the envelope, version checks and canonical ordering live in
//! [`crate::io`].

mod equality;
mod id;
pub mod limits;
#[cfg(test)]
pub(crate) mod test_map;
mod validate;

pub use equality::same_text;
pub use id::{Color, Id, IdError, slug_id};
pub use validate::{MAX_COORDINATE, Problem, validate};

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// A whole value stream map.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Map {
    /// Display name, e.g. "Onboarding, current state".
    pub name: String,
    /// Free text about the map.
    pub description: String,
    /// The day the map was last reviewed; drives the `stale-map` rule.
    pub reviewed: Option<Date>,
    /// Teams that own services and streams.
    pub teams: Vec<Team>,
    /// Services (nodes on the canvas).
    pub services: Vec<Service>,
    /// Directed links between services.
    pub links: Vec<Link>,
    /// Value streams: customer journeys threaded through services.
    pub streams: Vec<Stream>,
    /// Rule thresholds this map overrides.
    pub settings: Settings,
    /// Findings accepted on purpose, each with a reason.
    pub allow: Vec<Allow>,
}

/// Team Topologies' four team types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TeamType {
    /// Owns a value stream end to end.
    StreamAligned,
    /// Provides internal services that stream-aligned teams consume.
    Platform,
    /// Helps other teams adopt practices; owns little itself.
    Enabling,
    /// Owns a part that needs specialist knowledge.
    ComplicatedSubsystem,
}

impl TeamType {
    /// Every team type, in the order menus show them.
    pub const ALL: [TeamType; 4] = [
        TeamType::StreamAligned,
        TeamType::Platform,
        TeamType::Enabling,
        TeamType::ComplicatedSubsystem,
    ];

    /// The identifier used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            TeamType::StreamAligned => "stream-aligned",
            TeamType::Platform => "platform",
            TeamType::Enabling => "enabling",
            TeamType::ComplicatedSubsystem => "complicated-subsystem",
        }
    }

    /// Human-readable name.
    pub fn label(self) -> &'static str {
        match self {
            TeamType::StreamAligned => "Stream-aligned",
            TeamType::Platform => "Platform",
            TeamType::Enabling => "Enabling",
            TeamType::ComplicatedSubsystem => "Complicated subsystem",
        }
    }
}

/// A team that owns services and streams.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Team {
    /// Stable identifier; never changes on rename.
    pub id: Id,
    /// Display name.
    pub name: String,
    /// Team Topologies type.
    #[serde(rename = "type")]
    pub team_type: TeamType,
    /// Head count, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub members: Option<u32>,
    /// Fill colour of the team's services; defaults by team type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<Color>,
}

/// What a service is, which decides its shape and which rules apply to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// Stable identifier; never changes on rename.
    pub id: Id,
    /// Display name.
    pub name: String,
    /// What the service is.
    pub kind: ServiceKind,
    /// The owning team's id; `None` is legal and reported by a rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Id>,
    /// Canvas x position; `None` lets the editor place the service.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole_number"
    )]
    pub x: Option<f64>,
    /// Canvas y position.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "whole_number"
    )]
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

/// How one service depends on another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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
#[derive(Debug, Clone, Serialize, Deserialize)]
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

/// One step of a value stream: a service the flow passes through.
// PartialEq is in `equality.rs`: written out for speed.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// The service at this step.
    pub service: Id,
    /// An optional stage label, e.g. "Compliance check".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub stage: String,
}

/// A value stream: a customer journey threaded through services in order.
// PartialEq is in `equality.rs`: written out for speed.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Stream {
    /// Stable identifier; never changes on rename.
    pub id: Id,
    /// Display name, e.g. "Onboard a new user".
    pub name: String,
    /// The team that owns the stream end to end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Id>,
    /// Who the stream serves.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub customer: String,
    /// A few sentences on what the stream delivers.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// Line colour on the canvas.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub color: Option<Color>,
    /// The services the flow passes through, in order (each at most once).
    #[serde(default, deserialize_with = "limits::deserialize_steps")]
    pub steps: Vec<Step>,
}

impl Stream {
    /// Whether the stream passes through the service.
    pub fn has_step(&self, service: &Id) -> bool {
        self.steps.iter().any(|s| &s.service == service)
    }
}

/// Rule thresholds a map overrides; `None` means the default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// `two-pizza`: most teams an end-to-end change may involve [2].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub two_pizza_max_teams: Option<u32>,
    /// `one-hop`: most other teams one service may depend on or serve [1].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub one_hop_max_hops: Option<u32>,
    /// `shared-service`: most streams one non-platform service may be on [2].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared_service_max_streams: Option<u32>,
    /// `blast-radius`: most other teams among a service's transitive callers [3].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blast_radius_max_teams: Option<u32>,
    /// `chatty-platform`: fewest calls from one stream into one platform that count as chatty [3].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chatty_platform_min_calls: Option<u32>,
    /// `team-overload`: most streams one team may own [2].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_max_streams: Option<u32>,
    /// `team-overload`: most services one team may own [8].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_max_services: Option<u32>,
    /// `stale-map`: most days since the last review [92].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_max_days: Option<u32>,
}

impl Settings {
    /// True when nothing is overridden (the file then omits `settings`).
    pub fn is_empty(&self) -> bool {
        self == &Settings::default()
    }

    /// `two_pizza_max_teams` or its default.
    pub fn two_pizza_max_teams(&self) -> usize {
        self.two_pizza_max_teams.unwrap_or(2) as usize
    }
    /// `one_hop_max_hops` or its default.
    pub fn one_hop_max_hops(&self) -> usize {
        self.one_hop_max_hops.unwrap_or(1) as usize
    }
    /// `shared_service_max_streams` or its default.
    pub fn shared_service_max_streams(&self) -> usize {
        self.shared_service_max_streams.unwrap_or(2) as usize
    }
    /// `blast_radius_max_teams` or its default.
    pub fn blast_radius_max_teams(&self) -> usize {
        self.blast_radius_max_teams.unwrap_or(3) as usize
    }
    /// `chatty_platform_min_calls` or its default.
    pub fn chatty_platform_min_calls(&self) -> usize {
        self.chatty_platform_min_calls.unwrap_or(3) as usize
    }
    /// `team_max_streams` or its default.
    pub fn team_max_streams(&self) -> usize {
        self.team_max_streams.unwrap_or(2) as usize
    }
    /// `team_max_services` or its default.
    pub fn team_max_services(&self) -> usize {
        self.team_max_services.unwrap_or(8) as usize
    }
    /// `review_max_days` or its default.
    pub fn review_max_days(&self) -> i64 {
        i64::from(self.review_max_days.unwrap_or(92))
    }
}

/// A finding accepted on purpose: still listed, but it does not fail `check`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Allow {
    /// The rule id the exception is for.
    pub rule: String,
    /// The primary subject it is for; `None` allows every finding of the rule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<Id>,
    /// Why the finding is accepted (required).
    pub reason: String,
}

impl Map {
    /// Makes every reference to a team or service (owners, link ends and
    /// stream steps) a clone of the referenced element's own id, so
    /// that they share one text. Loading does this once; analysis then finds
    /// referenced elements by [`Id::address`] instead of hashing and
    /// comparing text on every change, and equal ids compare by pointer.
    /// References to nothing are left as they are.
    pub fn share_ids(&mut self) {
        let teams: rustc_hash::FxHashSet<Id> = self.teams.iter().map(|t| t.id.clone()).collect();
        let services: rustc_hash::FxHashSet<Id> =
            self.services.iter().map(|s| s.id.clone()).collect();
        let share = |set: &rustc_hash::FxHashSet<Id>, id: &mut Id| {
            if let Some(own) = set.get(id.as_str()) {
                *id = own.clone();
            }
        };
        for service in &mut self.services {
            if let Some(owner) = &mut service.owner {
                share(&teams, owner);
            }
        }
        for link in &mut self.links {
            share(&services, &mut link.from);
            share(&services, &mut link.to);
        }
        for stream in &mut self.streams {
            if let Some(owner) = &mut stream.owner {
                share(&teams, owner);
            }
            for step in &mut stream.steps {
                share(&services, &mut step.service);
            }
        }
    }

    /// The team with this id.
    pub fn team(&self, id: &str) -> Option<&Team> {
        self.teams.iter().find(|t| t.id.as_str() == id)
    }

    /// The service with this id.
    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|s| s.id.as_str() == id)
    }

    /// The stream with this id.
    pub fn stream(&self, id: &str) -> Option<&Stream> {
        self.streams.iter().find(|s| s.id.as_str() == id)
    }

    /// Whether any team, service or stream already uses this id.
    pub fn id_in_use(&self, id: &str) -> bool {
        self.team(id).is_some() || self.service(id).is_some() || self.stream(id).is_some()
    }

    /// A fresh id for a new element named `name`: its slug, with `-2`, `-3`…
    /// appended on collision with any team, service or stream.
    pub fn new_id(&self, name: &str) -> Id {
        slug_id(name, |candidate| self.id_in_use(candidate))
    }

    /// Where each service is drawn, by position in `services`: its own `x`,
    /// `y`, or, for a service the file gives no position, a spot in rows of
    /// eight below the lowest placed service. The canvas and the exporters
    /// share this rule so that a hand-written map looks the same in both.
    pub fn display_positions(&self) -> Vec<(f64, f64)> {
        let bottom = self
            .services
            .iter()
            .filter_map(|s| s.y)
            .fold(f64::NEG_INFINITY, f64::max);
        let start_y = if bottom.is_finite() {
            bottom + 160.0
        } else {
            0.0
        };
        let mut unplaced = 0usize;
        self.services
            .iter()
            .map(|s| match (s.x, s.y) {
                (Some(x), Some(y)) => (x, y),
                _ => {
                    let (col, row) = (unplaced % 8, unplaced / 8);
                    unplaced += 1;
                    (col as f64 * 200.0, start_y + row as f64 * 110.0)
                }
            })
            .collect()
    }

    /// Puts every list in its canonical order: teams, services and streams by
    /// id, links by (from, to, kind), allow entries by (rule, subject, reason).
    /// Stream steps keep their order, which is meaningful.
    pub fn canonicalize(&mut self) {
        self.teams.sort_by(|a, b| a.id.cmp(&b.id));
        self.services.sort_by(|a, b| a.id.cmp(&b.id));
        self.streams.sort_by(|a, b| a.id.cmp(&b.id));
        self.links.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        self.allow.sort_by(|a, b| {
            (&a.rule, &a.subject, &a.reason).cmp(&(&b.rule, &b.subject, &b.reason))
        });
        for service in &mut self.services {
            service.x = service.x.map(f64::round);
            service.y = service.y.map(f64::round);
        }
    }
}
