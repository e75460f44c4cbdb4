//! The organisation one level up, drawn: a block per team and, between two
//! blocks, one arrow for everything that crosses from one team to the other
//! (links of every kind and stream handoffs, [`crate::analysis::TeamGraph`]).
//!
//! Two pictures use it. Zoomed far out on the canvas, where services would
//! be dots, each team's block takes its zone's place ([`TeamOverview::at_zones`])
//! so the overview keeps the map's geography. View ▸ Teams and
//! `vsmap export --teams` show the team interaction graph on its own
//! ([`TeamOverview::laid_out`]): the teams laid out by the same layered
//! layout as services (Arrange ▸ Tidy), with the arrows routed around the
//! blocks they do not join. Both are GUI-free so the canvas and the SVG
//! export draw the same picture.
//!
//! This file only declares the parts: [`block`] the block and the arrow,
//! [`team_overview`] the overview and its wording, [`layout`] the teams
//! laid out on their own.

mod block;
mod layout;
mod team_overview;

pub use block::{TeamArrow, TeamBlock, arrow_width};
pub use layout::laid_out_blocks;
pub use team_overview::{TeamOverview, straight_between};

#[cfg(test)]
mod tests;
