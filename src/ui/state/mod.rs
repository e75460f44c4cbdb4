//! The editor's state and the actions that change it: a leaf of the UI that
//! imports no panel, dialog or view.
//!
//! The rule the UI follows: views (panels, dialogs, the canvas, the
//! presentation) read [`AppState`] and return [`Action`]s; the app
//! ([`crate::ui::app`]) is the only code that holds the state mutably, and
//! applies the actions at the end of each frame. The map itself changes only
//! through edits in the document's undo history.

mod action;
mod app_state;
mod command;
mod compare;
mod dialogs;
mod document;
mod export_format;
mod file_dialog;
mod fixes;
mod import;
mod names;
mod panels;
mod presentation;
mod recovery;
mod revision;
mod selection;
mod view;

pub use action::{Action, AfterPrompt, Answer, Dialog, PresentStep};
pub use app_state::{AppState, CanvasSource, Shown};
pub use command::UICommand;
pub use compare::{Compare, CompareMode, DiffMarks, Mark};
pub use dialogs::{
    AllowDialog, Conflict, Dialogs, HistoryWindow, Palette, PathField, resolve_typed_path,
};
pub use document::{Document, EXAMPLE_MAP, EXAMPLE_PROPOSED};
pub use export_format::ExportFormat;
pub use file_dialog::{PendingPick, PickOutcome, PickPurpose};
pub use fixes::{DraftDialog, FieldToType, FixPreview, FixRef, Ghost, GhostLink};
pub use import::{
    CatalogChoice, CatalogOptions, ImportDialogs, ImportSource, LevelChoice, ReportDialog,
};
pub use names::{name_of, stream_name, team_name};
pub use panels::{FindingsFilter, OutlineFilter, PanelVisibility, Section};
pub use presentation::{Presentation, Side, Slide};
pub use recovery::{AUTOSAVE_SECONDS, FocusChange, Recovery, changed_on_disk};
pub use revision::Revision;
pub use selection::{FindingKey, Selection};
pub use view::{LinksShown, ThemeChoice, ViewSettings};
