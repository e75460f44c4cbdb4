//! Never lose a map: when to write the recovery copy while there are unsaved
//! changes, and the copies of dead editors waiting to be offered.
//!
//! The files themselves are handled by [`crate::io::recovery`]; this module
//! decides when to write them. The prompts are drawn by
//! [`crate::ui::dialogs`] and answered by the app.

use std::collections::VecDeque;
use std::path::PathBuf;
use std::time::Duration;

use crate::io::recovery::{CrashGuard, RecoveryEntry, RecoveryStore, Snapshot};
use crate::io::{DiskState, FileStamp};

use super::document::Document;
use super::revision::Revision;

/// Seconds between a change and its recovery copy, at most: a crash loses
/// no more than this.
pub const AUTOSAVE_SECONDS: f64 = 30.0;

/// Autosave's state, and the recovery copies offered at start-up.
#[derive(Default)]
pub struct Recovery {
    /// Where copies go; `None` without a data folder (autosave is off).
    guard: Option<CrashGuard>,
    /// The document state (revision, unsaved) the snapshot was taken of.
    snapshot_of: Option<(Revision, bool)>,
    /// When the first change not yet in the recovery copy was seen (egui time).
    pending_since: Option<f64>,
    /// The window's focus last frame.
    focused: Option<bool>,
    /// Copies of editors that died, newest first: offered one after another.
    pub offers: VecDeque<RecoveryEntry>,
    /// The copy being saved elsewhere (its file dialog is open).
    pub saving: Option<RecoveryEntry>,
    /// The disk version of the file whose reload the user declined, so the
    /// offer is not repeated for it.
    pub reload_declined: Option<FileStamp>,
    /// Why the last recovery copy could not be written.
    pub error: Option<String>,
}

/// What the window's focus did this frame.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FocusChange {
    /// The window lost focus (the user switched to another program).
    pub lost: bool,
    /// The window got focus back.
    pub gained: bool,
}

impl Recovery {
    /// Starts autosaving into `store`; returns the copies of dead editors.
    pub fn start(&mut self, store: &RecoveryStore) -> std::io::Result<Vec<RecoveryEntry>> {
        let session = store.start_session()?;
        self.guard = Some(CrashGuard::new(session));
        Ok(store.orphans())
    }

    /// The store, when autosave is on.
    pub fn store(&self) -> Option<&RecoveryStore> {
        self.guard.as_ref().map(|g| g.session().store())
    }

    /// This session's recovery copy (present only while there is something
    /// unsaved and it has been written).
    pub fn file(&self) -> Option<PathBuf> {
        self.guard.as_ref().map(|g| g.session().map_file())
    }

    /// The guard the panic hook writes through.
    pub fn guard(&self) -> Option<&CrashGuard> {
        self.guard.as_ref()
    }

    /// Forgets the document the snapshot was of (another one was opened).
    pub fn reset(&mut self) {
        self.snapshot_of = None;
        self.pending_since = None;
    }

    /// Reads the window's focus and says how it changed.
    pub fn track_focus(&mut self, ctx: &egui::Context) -> FocusChange {
        let now = ctx.input(|i| i.focused);
        let change = FocusChange {
            lost: self.focused == Some(true) && !now,
            gained: self.focused == Some(false) && now,
        };
        self.focused = Some(now);
        change
    }

    /// Keeps the snapshot current and writes the recovery copy when due:
    /// [`AUTOSAVE_SECONDS`] after the first change it lacks, or at once when
    /// the window loses focus. While a write is due it asks for a frame then;
    /// with nothing due it asks for none, so an idle editor stays idle.
    pub fn autosave(&mut self, doc: &Document, ctx: &egui::Context, focus_lost: bool) {
        let now = ctx.input(|i| i.time);
        self.update_snapshot(doc, now);
        let Some(since) = self.pending_since else {
            return;
        };
        let due = since + AUTOSAVE_SECONDS;
        if now >= due || focus_lost {
            self.write_now(now);
        } else {
            ctx.request_repaint_after(Duration::from_secs_f64(due - now));
        }
    }

    fn update_snapshot(&mut self, doc: &Document, now: f64) {
        let Some(guard) = &self.guard else {
            return;
        };
        let state = (doc.revision(), doc.is_dirty());
        if self.snapshot_of == Some(state) {
            return;
        }
        self.snapshot_of = Some(state);
        if doc.is_dirty() {
            // Cloned once per change, never per frame: the panic hook cannot
            // borrow the app, so it needs its own copy.
            guard.set(Some(Snapshot {
                map: doc.map().clone(),
                original: doc.path.clone(),
                original_stamp: doc.disk.clone(),
            }));
            self.pending_since.get_or_insert(now);
        } else {
            // Saved, or every change undone: nothing to recover.
            self.pending_since = None;
            if let Err(e) = guard.clear() {
                self.error = Some(format!("Cannot remove the recovery copy: {e}"));
            }
        }
    }

    /// Writes the recovery copy of `doc` now (a failed save, a restore).
    /// Returns whether the copy is on disk.
    pub fn checkpoint(&mut self, doc: &Document, ctx: &egui::Context) -> bool {
        let now = ctx.input(|i| i.time);
        self.update_snapshot(doc, now);
        if self.guard.is_none() || !doc.is_dirty() {
            return false;
        }
        self.write_now(now)
    }

    fn write_now(&mut self, now: f64) -> bool {
        let Some(guard) = &self.guard else {
            return false;
        };
        match guard.write() {
            Ok(_) => {
                self.pending_since = None;
                self.error = None;
                true
            }
            Err(e) => {
                // Retried after another interval; the status bar says why.
                self.pending_since = Some(now);
                self.error = Some(format!(
                    "Cannot write the recovery copy in {}: {e}",
                    guard.session().store().dir().display()
                ));
                false
            }
        }
    }

    /// A clean exit: the session's files go, unless a panic left a copy.
    pub fn end(&mut self) {
        if let Some(guard) = &self.guard {
            let _ = guard.end();
        }
    }
}

/// Whether the document's own file changed on disk since it was opened or
/// saved. A file with no stamp (a map restored from a crash) counts as
/// changed when it exists, so that it is not overwritten unseen.
pub fn changed_on_disk(doc: &Document) -> bool {
    let Some(path) = &doc.path else {
        return false;
    };
    match &doc.disk {
        Some(stamp) => stamp.check(path) == DiskState::Changed,
        None => path.exists(),
    }
}
