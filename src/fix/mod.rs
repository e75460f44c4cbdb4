//! Fixes: for a finding, the edits that apply one of the article's cures
//! (one team, one stream; platform as an enabler; anti-corruption layer;
//! event-driven integration), and a whole proposal drafted from them.
//!
//! A fix is a list of ordinary [`Edit`](crate::edit::Edit)s, the same
//! vocabulary as every other change, so applying one is one undoable step
//! and a proposal diffs like any map. Fixes read the map and the analysis
//! and never change either: the editor and `vsmap fix` apply them.
//!
//! This part sits above `analysis` and `edit` (a rule cannot import its fix:
//! `edit` already reads the rule registry), below `ui` and `cli`. One file
//! per cure under `rules/`, named after what it does; `registry` says which
//! rule offers which.
//!
//! This file only declares the parts and re-exports them.

mod builder;
mod delta;
mod draft;
// `fix::Fix`, as `edit::Edit`: the file is named after the type it defines.
#[allow(clippy::module_inception)]
mod fix;
mod naming;
mod place;
mod registry;
mod rules;

pub use delta::{FindingDelta, delta_of, preview};
pub use draft::{Applied, DraftOptions, draft_proposal, finding_name, proposal_name};
pub use fix::{Fix, FixField};
pub use registry::{fixes_for, has_fix, writes_edits};

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;
