//! Three-way merge of maps by identity, for git's merge driver: teams,
//! services and streams by id, links by (from, to, kind), allow entries by
//! (rule, subject), every field on its own (positions too), and a stream's
//! steps as a sequence. What only one side changed is taken; what both
//! changed alike is taken once; what both changed differently is a
//! [`Conflict`], and ours is kept, so the result always loads.
//!
//! This file only declares the parts and re-exports them.

mod conflict;
mod elements;
mod fields;
mod merge_maps;
mod steps;

pub use conflict::Conflict;
pub use merge_maps::{Merged, merge};

#[cfg(test)]
mod tests;
