//! One file per rule (a folder for a rule with parts of its own): what it
//! detects, why it hurts, how to fix it, one pass over the
//! [`MapIndex`](super::MapIndex), and its passing and failing examples as
//! tests. [`ALL`] is the registry; this file only declares the rules and
//! re-exports it.

mod blast_radius;
mod chatty_platform;
mod data_silo;
mod gateway_bottleneck;
mod low_flow_efficiency;
mod missing_acl;
mod one_hop;
mod orphan_service;
mod shared_service;
mod slow_handoff;
mod stale_map;
mod sync_coupling;
mod sync_cycle;
mod tangled_stream;
mod team_overload;
mod two_pizza;
mod undescribed_stream;
mod unowned_service;
mod unowned_stream;

mod registry;

pub use gateway_bottleneck::MAX_ROUTED_TEAMS as GATEWAY_MAX_ROUTED_TEAMS;
pub use registry::{ALL, is_rule_id, rule};
