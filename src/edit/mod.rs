//! Edits as data, and the undo history.
//!
//! The UI never changes a [`Map`](crate::model::Map) directly: it builds
//! [`Edit`] values (see [`ops`] for the ones a user action needs) and hands
//! them to [`History::apply`], which applies them as one undoable
//! transaction. Each edit, when applied, returns its exact inverse, so undo
//! and redo are just more edits and the history can be tested without a GUI.
//!
//! This file only declares the parts and re-exports what callers use; each
//! part imports its siblings directly, never through here:
//! - `edit`: [`Edit`] and its field enums, applying one edit, [`apply_all`];
//! - `check`: the bounds and limits every edit keeps, and [`EditError`];
//! - `history`: [`History`], transactions of edits with undo and redo;
//! - [`ops`]: the edits behind each user action; [`arrange`]: layouts.

pub mod arrange;
mod check;
pub mod tidy;
// The file is named for the type it holds, like its siblings.
#[allow(clippy::module_inception)]
mod edit;
mod history;
pub mod ops;

pub use check::EditError;
pub use edit::{Edit, MapField, ServiceField, StepTimes, StreamField, TeamField, apply_all};
pub use history::{Applied, HISTORY_LIMIT, History};
