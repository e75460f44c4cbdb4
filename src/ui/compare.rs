//! Comparing the open map (the proposal, still editable) with another map
//! (usually today's, read-only): one canvas, three ways to look.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use crate::diff::{MapDiff, diff_analyzed};
use crate::model::{Id, Map};

use super::document::Document;

/// Which map the canvas shows while comparing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareMode {
    /// The map compared against (read-only).
    Before,
    /// The open map (editable).
    After,
    /// Both: added things green, removed ones red ghosts, changed ones amber.
    Overlay,
}

/// How an element differs between the two maps, for the overlay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mark {
    /// Only in the open map.
    Added,
    /// Only in the map compared against.
    Removed,
    /// In both, with changed fields.
    Changed,
    /// In both, with another owner; the previous owner's team id.
    OwnerMoved(Option<Id>),
}

/// An open comparison.
pub struct Compare {
    /// The map compared against, as a read-only document.
    pub before: Document,
    /// Where it came from, for the title and the changes panel.
    pub before_path: Option<PathBuf>,
    /// The canvas mode.
    pub mode: CompareMode,
    /// The diff from `before` to the open map, as of `revision`.
    pub diff: MapDiff,
    revision: Option<u64>,
    /// The union of both maps and the marks, for the overlay.
    pub overlay: Option<Document>,
    /// Marks of services and links (links keyed "from>to>kind").
    pub marks: BTreeMap<String, Mark>,
}

impl Compare {
    /// Starts comparing the open map with `before`.
    pub fn new(before: Map, before_path: Option<PathBuf>) -> Compare {
        Compare {
            before: Document::new(before, before_path.clone()),
            before_path,
            mode: CompareMode::Overlay,
            diff: MapDiff::default(),
            revision: None,
            overlay: None,
            marks: BTreeMap::new(),
        }
    }

    /// Recomputes the diff when the open map changed: the diff is live.
    pub fn refresh(&mut self, after: &Document) {
        if self.revision == Some(after.revision()) {
            return;
        }
        self.revision = Some(after.revision());
        // Both documents keep their findings up to date: the diff reuses them.
        self.diff = diff_analyzed(
            self.before.map(),
            self.before.findings(),
            after.map(),
            after.findings(),
        );
        let (overlay, marks) = overlay_of(self.before.map(), after.map(), &self.diff);
        // The overlay gets a fresh revision whenever the diff changes, so the canvas rebuilds.
        let mut doc = Document::new(overlay, None);
        doc.set_revision(after.revision() + (1 << 40));
        self.overlay = Some(doc);
        self.marks = marks;
    }

    /// A one-line summary: "7 resolved, 1 introduced".
    pub fn findings_summary(&self) -> String {
        format!(
            "{} resolved, {} introduced",
            self.diff.findings.resolved.len(),
            self.diff.findings.introduced.len()
        )
    }
}

/// The key of a link in [`Compare::marks`].
pub fn link_mark_key(from: &Id, to: &Id, kind: crate::model::LinkKind) -> String {
    format!("{from}>{to}>{}", kind.as_str())
}

/// The union of both maps: everything of `after`, plus what only `before`
/// has (at its old position), and how each element differs.
fn overlay_of(before: &Map, after: &Map, diff: &MapDiff) -> (Map, BTreeMap<String, Mark>) {
    let mut map = after.clone();
    let mut marks = BTreeMap::new();
    let after_teams: BTreeSet<&Id> = after.teams.iter().map(|t| &t.id).collect();
    for team in &before.teams {
        if !after_teams.contains(&team.id) {
            map.teams.push(team.clone());
        }
    }
    for s in &diff.services.added {
        marks.insert(s.id.to_string(), Mark::Added);
    }
    for s in &diff.services.removed {
        marks.insert(s.id.to_string(), Mark::Removed);
        map.services.push(s.clone());
    }
    for c in &diff.services.changed {
        marks.insert(c.id.to_string(), Mark::Changed);
    }
    for m in diff.owner_moves() {
        if after.service(m.id.as_str()).is_some() {
            marks.insert(m.id.to_string(), Mark::OwnerMoved(m.from.clone()));
        }
    }
    for l in &diff.links.added {
        marks.insert(link_mark_key(&l.from, &l.to, l.kind), Mark::Added);
    }
    for l in &diff.links.removed {
        marks.insert(link_mark_key(&l.from, &l.to, l.kind), Mark::Removed);
        map.links.push(l.clone());
    }
    // Streams are drawn as they are in the proposal; removed streams are
    // listed in the changes panel rather than drawn.
    (map, marks)
}
