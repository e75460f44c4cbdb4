//! The value stream map: teams, services, links between services, value
//! streams threaded through them, and the rule settings and accepted
//! exceptions that travel with a map.
//!
//! This module has no I/O and no UI. The serde derives name the fields exactly
//! as the file format does (the field order here *is* the canonical key order
//! on disk); the envelope, version checks and canonical ordering live in
//! [`crate::io`].
//!
//! This file only declares the parts and re-exports them: each type lives in
//! the file named after it, and the files import one another directly, so
//! that none imports this facade back.

mod allow;
mod duration;
mod equality;
mod id;
pub mod limits;
mod link;
mod map;
mod service;
mod settings;
mod stream;
mod team;
#[cfg(test)]
pub(crate) mod test_map;
mod validate;

pub use allow::Allow;
pub use duration::{Duration, DurationError, MAX_DURATION_MINUTES};
pub use equality::same_text;
pub use id::{Color, Id, IdError, MAX_ID_LEN, slug_id};
pub use limits::MAX_COORDINATE;
pub use link::{Link, LinkKind};
pub use map::Map;
pub use service::{Service, ServiceKind};
pub use settings::Settings;
pub use stream::{Step, Stream};
pub use team::{Team, TeamType};
pub use validate::{Problem, validate};
