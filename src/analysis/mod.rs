//! The anti-pattern engine: a registry of rules, each in its own file under
//! [`rules`], run over a precomputed [`MapIndex`].
//!
//! Analysis is pure (the day it runs on is a parameter) and deterministic:
//! findings come out sorted by severity, rule and subjects.
//!
//! This file only declares the parts and re-exports them, so that the rules
//! import the leaf files they need and nothing imports back into the engine
//! that runs them.

mod allow;
mod finding;
pub mod flow;
mod index;
pub mod marks;
mod rule;
pub mod rules;
mod run;
mod team_graph;
#[cfg(test)]
pub(crate) mod testing;
pub mod times;
mod wording;

pub use allow::{UNUSED_ALLOW, allow_reason};
pub use finding::{Finding, Severity, count_by_severity};
pub use index::{
    Adjacency, IndexedLink, LinkIx, MapIndex, ServiceIx, StreamIx, SyncGroupIx, Table, TeamIx,
    TeamRank, TypedIndex,
};
pub use rule::Rule;
pub use rules::{is_rule_id, rule};
pub use run::{analyze, analyze_on, today};
pub use team_graph::{TeamEdge, TeamGraph, TeamNode};
pub use wording::{NAMES_LISTED, NameList, join_names, keep_first_names, plural};
