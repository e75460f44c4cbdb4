//! Teams and their Team Topologies types.

use serde::{Deserialize, Serialize};

use super::id::{Color, Id};
use super::limits::{MAX_NAME_CHARS, Noun};

/// Team Topologies' four team types.
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Team {
    /// Stable identifier; never changes on rename.
    pub id: Id,
    /// Display name (not blank).
    #[schemars(length(max = MAX_NAME_CHARS), regex(pattern = r"\S"))]
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

impl Noun for Team {
    const PLURAL: &'static str = "teams";
}
