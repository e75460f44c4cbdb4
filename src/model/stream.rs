//! Value streams and their steps.

use serde::{Deserialize, Deserializer, Serialize};

use super::id::{Color, Id};
use super::limits::{Bounded, MAX_NAME_CHARS, MAX_STEPS, Noun};

/// One step of a value stream: a service the flow passes through.
// PartialEq is in `equality.rs`: written out for speed.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stream {
    /// Stable identifier; never changes on rename.
    pub id: Id,
    /// Display name, e.g. "Onboard a new user".
    #[schemars(length(max = MAX_NAME_CHARS), regex(pattern = r"\S"))]
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
    #[serde(default, deserialize_with = "deserialize_steps")]
    pub steps: Vec<Step>,
}

impl Stream {
    /// Whether the stream passes through the service.
    pub fn has_step(&self, service: &Id) -> bool {
        self.steps.iter().any(|s| &s.service == service)
    }
}

/// Deserialises a stream's steps, at most [`MAX_STEPS`].
fn deserialize_steps<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<Step>, D::Error> {
    Bounded::<Step, MAX_STEPS>::deserialize_vec(deserializer)
}

impl Noun for Step {
    const PLURAL: &'static str = "steps";
}

impl Noun for Stream {
    const PLURAL: &'static str = "streams";
}
