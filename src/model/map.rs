//! The [`Map`] itself and what is done to it as a whole: looking elements
//! up, sharing reference ids, fresh ids, display positions and canonical
//! order. The elements live in their own files; this one only holds them.

use jiff::civil::Date;
use rustc_hash::FxHashSet;

use super::allow::Allow;
use super::id::{Id, slug_id};
use super::link::Link;
use super::service::Service;
use super::settings::Settings;
use super::stream::Stream;
use super::team::Team;

/// A whole value stream map.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Map {
    /// The `$schema` the file names, so that editors complete and check it;
    /// kept on save, otherwise ignored (empty when there is none).
    pub schema: String,
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

impl Map {
    /// Makes every reference to a team or service (owners, link ends and
    /// stream steps) a clone of the referenced element's own id, so
    /// that they share one text. Loading does this once; analysis then finds
    /// referenced elements by [`Id::address`] instead of hashing and
    /// comparing text on every change, and equal ids compare by pointer.
    /// References to nothing are left as they are.
    pub fn share_ids(&mut self) {
        let teams: FxHashSet<Id> = self.teams.iter().map(|t| t.id.clone()).collect();
        let services: FxHashSet<Id> = self.services.iter().map(|s| s.id.clone()).collect();
        let share = |set: &FxHashSet<Id>, id: &mut Id| {
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

    /// The owner of each of `stream`'s steps' services, in step order
    /// (`None` for an unowned or unknown service).
    pub fn step_owners(&self, stream: &Stream) -> Vec<Option<&Id>> {
        stream
            .steps
            .iter()
            .map(|s| {
                self.service(s.service.as_str())
                    .and_then(|x| x.owner.as_ref())
            })
            .collect()
    }

    /// Each service's position in `services`, by id: for looking up the
    /// ends of many links or steps without a search each.
    pub fn service_indices(&self) -> rustc_hash::FxHashMap<&Id, usize> {
        self.services
            .iter()
            .enumerate()
            .map(|(i, s)| (&s.id, i))
            .collect()
    }

    /// Whether a team, service or stream uses this id.
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
