//! The open map with its file, history and findings.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::civil::Date;

use crate::analysis::{Finding, analyze_on};
use crate::edit::{Edit, EditError, History};
use crate::io::{FileStamp, LoadError};
use crate::model::Map;

/// The example map, embedded so the app opens on it from any folder.
pub const EXAMPLE_MAP: &str = include_str!("../../assets/examples/onboarding-current.vsmap.json");
/// The proposed example map.
pub const EXAMPLE_PROPOSED: &str =
    include_str!("../../assets/examples/onboarding-proposed.vsmap.json");

/// A revision no document has had before. Views cache what they drew by
/// revision; were every new document to start at 0, opening a file (or
/// restoring a recovery copy) in place of an unedited one would leave the
/// outline and findings showing the previous map.
fn next_revision() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// One open map.
pub struct Document {
    /// The map; changed only through [`Document::apply`], undo and redo.
    map: Map,
    /// Where it is saved; `None` for a new map or the embedded example.
    pub path: Option<PathBuf>,
    /// The file at `path` as it was when opened or last saved: a save
    /// compares it with the disk before overwriting.
    pub disk: Option<FileStamp>,
    /// The undo history.
    pub history: History,
    /// Changes with every change of the map, so views know to refresh;
    /// unique in the process (see [`next_revision`]).
    revision: u64,
    /// Findings of the current revision.
    /// Shared, so that the compare overlay shows them without a copy.
    findings: Arc<[Finding]>,
    /// The day findings are computed for.
    today: Date,
}

impl Document {
    /// A document for a map just loaded from `path` (or not saved anywhere).
    pub fn new(map: Map, path: Option<PathBuf>) -> Document {
        let today = crate::analysis::today();
        let findings = analyze_on(&map, today).into();
        Document::assemble(map, path, findings, today)
    }

    /// A document that is shown but never edited (the compare overlay),
    /// showing the findings of `source` instead of its own: the overlay is a
    /// union of two maps, rebuilt on every edit while comparing, and
    /// analysing it would cost a whole analysis per edit for findings that
    /// describe no real map. The findings are shared, not copied.
    pub fn for_display(map: Map, source: &Document) -> Document {
        Document::assemble(map, None, Arc::clone(&source.findings), source.today)
    }

    /// Changes a document built with [`Document::for_display`] in place,
    /// and shows the findings of `source` as they are now.
    pub fn redisplay(&mut self, source: &Document, update: impl FnOnce(&mut Map)) {
        update(&mut self.map);
        self.findings = Arc::clone(&source.findings);
        self.today = source.today;
    }

    fn assemble(
        map: Map,
        path: Option<PathBuf>,
        findings: Arc<[Finding]>,
        today: Date,
    ) -> Document {
        Document {
            map,
            path,
            disk: None,
            history: History::new(),
            revision: next_revision(),
            findings,
            today,
        }
    }

    /// Opens a map file, remembering how it looked on disk.
    pub fn open(path: &Path) -> Result<Document, LoadError> {
        let (map, stamp) = crate::io::load_file_stamped(path)?;
        let mut doc = Document::new(map, Some(path.to_path_buf()));
        doc.disk = Some(stamp);
        Ok(doc)
    }

    /// The embedded example map.
    pub fn example() -> Document {
        // The example is checked by the test suite (it round-trips and loads);
        // an empty map is the safe fallback should that ever regress.
        let map = crate::io::from_json(EXAMPLE_MAP.as_bytes()).unwrap_or_default();
        Document::new(map, None)
    }

    /// The map (read-only: edits go through [`Document::apply`]).
    pub fn map(&self) -> &Map {
        &self.map
    }

    /// The findings of the current map, sorted.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// The findings of the current map, to keep without copying them.
    pub fn shared_findings(&self) -> &Arc<[Finding]> {
        &self.findings
    }

    /// Changes with every edit, undo and redo.
    pub fn revision(&self) -> u64 {
        self.revision
    }

    /// Sets the revision of a document built for display only (the compare
    /// overlay), so the canvas knows when to rebuild it.
    pub fn set_revision(&mut self, revision: u64) {
        self.revision = revision;
    }

    /// Applies edits as one undoable action and re-analyses.
    pub fn apply(&mut self, label: impl Into<String>, edits: Vec<Edit>) -> Result<(), EditError> {
        if edits.is_empty() {
            return Ok(());
        }
        self.history.apply(&mut self.map, label, edits)?;
        self.changed();
        Ok(())
    }

    /// Undoes the last action; returns its label.
    pub fn undo(&mut self) -> Option<String> {
        let undone = self.history.undo(&mut self.map)?;
        self.changed();
        Some(undone.label)
    }

    /// Redoes the last undone action; returns its label.
    pub fn redo(&mut self) -> Option<String> {
        let redone = self.history.redo(&mut self.map)?;
        self.changed();
        Some(redone.label)
    }

    /// Whether there are changes that are not on disk.
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// The title: map name, or the file name, or "Untitled map".
    pub fn display_name(&self) -> String {
        if !self.map.name.trim().is_empty() {
            self.map.name.clone()
        } else if let Some(name) = self.path.as_ref().and_then(|p| p.file_name()) {
            name.to_string_lossy().into_owned()
        } else {
            "Untitled map".into()
        }
    }

    /// Analysis runs once per change, never on frames where nothing changed.
    /// "Today" is read again, so an editor left open for days stays right
    /// about `stale-map`.
    fn changed(&mut self) {
        self.revision = next_revision();
        self.today = crate::analysis::today();
        self.findings = analyze_on(&self.map, self.today).into();
    }
}
