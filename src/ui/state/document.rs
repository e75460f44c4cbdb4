//! The open map with its file, history, findings and revisions.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::civil::Date;

use super::revision::Revision;
use super::selection::FindingKey;
use crate::analysis::{Finding, analyze_on};
use crate::edit::{Edit, EditError, History};
use crate::io::{FileStamp, LoadError};
use crate::model::Map;

/// The example map, embedded so the app opens on it from any folder.
pub const EXAMPLE_MAP: &str =
    include_str!("../../../assets/examples/onboarding-current.vsmap.json");
/// The proposed example map.
pub const EXAMPLE_PROPOSED: &str =
    include_str!("../../../assets/examples/onboarding-proposed.vsmap.json");

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
    /// Changes with every change of the map, so views know to refresh.
    revision: Revision,
    /// The revision at which services or links were last inserted or
    /// removed: the canvas rebuilds its graph only then, and otherwise
    /// moves, relabels and restyles the nodes it has.
    structure: Revision,
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
    /// `update` says whether it inserted or removed services or links.
    pub fn redisplay(&mut self, source: &Document, update: impl FnOnce(&mut Map) -> bool) {
        let structural = update(&mut self.map);
        self.findings = Arc::clone(&source.findings);
        self.today = source.today;
        self.changed_revision(structural);
    }

    fn assemble(
        map: Map,
        path: Option<PathBuf>,
        findings: Arc<[Finding]>,
        today: Date,
    ) -> Document {
        let revision = Revision::next();
        Document {
            map,
            path,
            disk: None,
            history: History::new(),
            revision,
            structure: revision,
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

    /// The day the findings are computed for (and a review fix records).
    pub fn today(&self) -> Date {
        self.today
    }

    /// The findings of the current map, sorted.
    pub fn findings(&self) -> &[Finding] {
        &self.findings
    }

    /// The finding a key names, if it still exists.
    pub fn finding(&self, key: &FindingKey) -> Option<&Finding> {
        self.findings.iter().find(|f| key.names(f))
    }

    /// The findings of the current map, to keep without copying them.
    pub fn shared_findings(&self) -> &Arc<[Finding]> {
        &self.findings
    }

    /// Changes with every edit, undo and redo.
    pub fn revision(&self) -> Revision {
        self.revision
    }

    /// The revision of the last edit, undo or redo that inserted or removed
    /// services or links.
    pub fn structure_revision(&self) -> Revision {
        self.structure
    }

    /// Applies edits as one undoable action and re-analyses.
    pub fn apply(&mut self, label: impl Into<String>, edits: Vec<Edit>) -> Result<(), EditError> {
        if edits.is_empty() {
            return Ok(());
        }
        let applied = self.history.apply(&mut self.map, label, edits)?;
        self.changed(applied.structural);
        Ok(())
    }

    /// Undoes the last action; returns its label.
    pub fn undo(&mut self) -> Option<String> {
        let undone = self.history.undo(&mut self.map)?;
        self.changed(undone.structural);
        Some(undone.label)
    }

    /// Redoes the last undone action; returns its label.
    pub fn redo(&mut self) -> Option<String> {
        let redone = self.history.redo(&mut self.map)?;
        self.changed(redone.structural);
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
    fn changed(&mut self, structural: bool) {
        self.changed_revision(structural);
        self.today = crate::analysis::today();
        self.findings = analyze_on(&self.map, self.today).into();
    }

    fn changed_revision(&mut self, structural: bool) {
        self.revision = Revision::next();
        if structural {
            self.structure = self.revision;
        }
    }
}
