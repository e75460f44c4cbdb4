//! File dialogs as state: what one is for, and how it ended. The dialogs
//! themselves run off the UI thread ([`crate::ui::files`]); the app keeps
//! the one under way and polls it each frame.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};

/// What a dialog is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickPurpose {
    /// Choose a map to open.
    Open,
    /// Choose where to save the map.
    Save,
    /// Choose where to save a crashed editor's recovered map.
    SaveRecovered,
    /// Choose a map to compare the open one with.
    Compare,
    /// Choose where to write an export.
    Export(super::export_format::ExportFormat),
    /// Choose what to import: a catalog's folder or a workspace file.
    Import(super::import::ImportSource),
    /// Choose a CSV of step timings to fill the open map's steps from.
    Timings,
}

impl PickPurpose {
    /// Whether the dialog chooses a folder rather than a file.
    pub fn picks_folder(self) -> bool {
        matches!(self, PickPurpose::Import(source) if source.picks_folder())
    }
}

/// How a file dialog ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickOutcome {
    /// The user chose a file (or a folder, for a purpose that
    /// [picks a folder](PickPurpose::picks_folder)).
    Chosen(PathBuf),
    /// The user closed the dialog.
    Cancelled,
    /// No dialog could be shown (no desktop portal, no zenity).
    Unavailable,
}

/// A dialog under way; poll it each frame.
pub struct PendingPick {
    /// What it is for.
    pub purpose: PickPurpose,
    rx: Receiver<PickOutcome>,
}

impl PendingPick {
    /// A dialog whose outcome arrives on `rx` (sent from the dialog's thread).
    pub fn new(purpose: PickPurpose, rx: Receiver<PickOutcome>) -> PendingPick {
        PendingPick { purpose, rx }
    }

    /// An already answered dialog (for pickers that answer at once).
    pub fn answered(purpose: PickPurpose, outcome: PickOutcome) -> PendingPick {
        let (tx, rx) = channel();
        let _ = tx.send(outcome);
        PendingPick { purpose, rx }
    }

    /// The outcome, once the dialog has ended.
    pub fn poll(&self) -> Option<PickOutcome> {
        self.rx.try_recv().ok()
    }
}
