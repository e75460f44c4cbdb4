//! Value streams and their steps.

use serde::{Deserialize, Deserializer, Serialize};

use super::duration::Duration;
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
    /// Hands-on time at this step (format version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work: Option<Duration>,
    /// Time the work waits in a queue before this step (format version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wait: Option<Duration>,
    /// Percentage of the work arriving at this step that needs no rework,
    /// 0 to 100 (%C&A, format version 2).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "deserialize_percent"
    )]
    #[schemars(range(min = 0, max = 100))]
    pub complete_accurate: Option<u8>,
}

impl Step {
    /// A step through `service`, with no stage and no times.
    pub fn at(service: Id) -> Step {
        Step {
            service,
            stage: String::new(),
            work: None,
            wait: None,
            complete_accurate: None,
        }
    }

    /// Whether the step carries a time or a %C&A (which need format version 2).
    pub fn is_timed(&self) -> bool {
        self.work.is_some() || self.wait.is_some() || self.complete_accurate.is_some()
    }
}

/// Reads a %C&A: a whole number from 0 to 100.
fn deserialize_percent<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u8>, D::Error> {
    let n = i64::deserialize(deserializer)?;
    u8::try_from(n)
        .ok()
        .filter(|&p| p <= 100)
        .map(Some)
        .ok_or_else(|| {
            serde::de::Error::custom(format!(
                "{n} is not a percentage (a whole number from 0 to 100)"
            ))
        })
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
