//! vsmap: value stream maps, their anti-patterns, and the tools around them.
//!
//! The [`model`] is the centre; [`io`] reads and writes it, [`analysis`] finds
//! anti-patterns in it, [`diff`] compares two of them, [`edit`] changes one
//! undoably, [`cli`] drives them from the command line; [`geometry`] and
//! [`palette`] are the shapes and colours that the canvas and the
//! [`export`]s both draw with, and [`overview`] the same one level up (a
//! block per team). Nothing but `ui` depends on the UI.

#![warn(missing_docs)]

pub mod analysis;
pub mod cli;
pub mod diff;
pub mod edit;
pub mod export;
pub mod fix;
pub mod generate;
pub mod geometry;
pub mod history;
pub mod io;
pub mod merge;
pub mod model;
pub mod overview;
pub mod palette;
pub mod text;
#[cfg(feature = "gui")]
pub mod ui;
