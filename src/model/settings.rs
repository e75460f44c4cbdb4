//! The rule thresholds a map overrides, and their defaults.

use serde::{Deserialize, Serialize};

use super::duration::Duration;

/// Rule thresholds a map overrides; an absent one keeps its default.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// `two-pizza`: most teams an end-to-end change may involve (default 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub two_pizza_max_teams: Option<u32>,
    /// `one-hop`: most other teams one service may depend on or serve (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub one_hop_max_hops: Option<u32>,
    /// `shared-service`: most streams one non-platform service may be on (default 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared_service_max_streams: Option<u32>,
    /// `blast-radius`: most other teams among a service's transitive callers (default 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub blast_radius_max_teams: Option<u32>,
    /// `chatty-platform`: fewest calls from one stream into one platform that count as chatty (default 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub chatty_platform_min_calls: Option<u32>,
    /// `team-overload`: most streams one team may own (default 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_max_streams: Option<u32>,
    /// `team-overload`: most services one team may own (default 8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_max_services: Option<u32>,
    /// `stale-map`: most days since the last review (default 92).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_max_days: Option<u32>,
    /// `slow-handoff`: longest wait at a handoff between two teams (default 1d; format version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub handoff_max_wait: Option<Duration>,
    /// `low-flow-efficiency`: lowest flow efficiency of a measured stream, in
    /// percent (default 15; format version 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(max = 100))]
    pub min_flow_efficiency: Option<u32>,
}

impl Settings {
    /// True when nothing is overridden (the file then omits `settings`).
    pub fn is_empty(&self) -> bool {
        self == &Settings::default()
    }

    /// Whether a threshold of format version 2 is set.
    pub fn needs_version_2(&self) -> bool {
        self.handoff_max_wait.is_some() || self.min_flow_efficiency.is_some()
    }

    /// `handoff_max_wait` or its default, one day.
    pub fn handoff_max_wait(&self) -> Duration {
        self.handoff_max_wait.unwrap_or(Duration::DAY)
    }

    /// `min_flow_efficiency` or its default, 15 percent, as a fraction.
    pub fn min_flow_efficiency(&self) -> f64 {
        f64::from(self.min_flow_efficiency.unwrap_or(15).min(100)) / 100.0
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
