//! Comparing the open map (the proposal, still editable) with another map
//! (usually today's, read-only): one canvas, three ways to look.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::analysis::flow::FlowFigures;
use crate::diff::{MapDiff, diff_with_flow};
use crate::model::{Id, Link, LinkKind, Map};

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
    /// Flow figures of `before`'s streams, computed on the first refresh.
    flow_before: Option<Vec<FlowFigures>>,
    /// The union of both maps and the marks, for the overlay.
    pub overlay: Option<Document>,
    /// How services and links differ, shared with the canvas, which takes
    /// them every frame.
    pub marks: Arc<DiffMarks>,
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
            flow_before: None,
            overlay: None,
            marks: Arc::default(),
        }
    }

    /// Recomputes the diff when the open map changed: the diff is live.
    pub fn refresh(&mut self, after: &Document) {
        if self.revision == Some(after.revision()) {
            return;
        }
        self.revision = Some(after.revision());
        // Both documents keep their findings up to date: the diff reuses them.
        // The compared map does not change: its flow figures are computed
        // once, not on every edit (about 0.8 ms at 10,000 services).
        let before = &self.before;
        let flow_before = self.flow_before.get_or_insert_with(|| {
            crate::analysis::flow::all_flow_figures(before.map(), before.findings())
        });
        let diff = diff_with_flow(
            before.map(),
            before.findings(),
            flow_before,
            after.map(),
            after.findings(),
        );
        let (overlay, marks) = overlay_of(before.map(), after.map(), &diff);
        // The overlay shows the proposal's findings (its hover text lists
        // them); removed services, drawn as ghosts, have none.
        let mut doc = Document::for_display(overlay, after);
        // The overlay gets a fresh revision whenever the diff changes, so the canvas rebuilds.
        doc.set_revision(after.revision() + (1 << 40));
        self.overlay = Some(doc);
        self.diff = diff;
        self.marks = Arc::new(marks);
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

/// How each service and link differs, for the overlay. The canvas looks up
/// every node and edge in it whenever it restyles the overlay: hashed by id,
/// and ids shared with the open map compare by pointer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiffMarks {
    /// By service id.
    pub services: FxHashMap<Id, Mark>,
    /// By link: from, to and kind.
    pub links: FxHashMap<(Id, Id, LinkKind), Mark>,
}

impl DiffMarks {
    /// How the service differs, if it does.
    pub fn service(&self, id: &Id) -> Option<&Mark> {
        self.services.get(id)
    }

    /// How the link differs, if it does.
    pub fn link(&self, link: &Link) -> Option<&Mark> {
        self.links
            .get(&(link.from.clone(), link.to.clone(), link.kind))
    }
}

/// The union of both maps: everything of `after`, plus what only `before`
/// has (at its old position), and how each element differs.
fn overlay_of(before: &Map, after: &Map, diff: &MapDiff) -> (Map, DiffMarks) {
    let mut map = after.clone();
    let mut marks = DiffMarks::default();
    let after_teams: BTreeSet<&Id> = after.teams.iter().map(|t| &t.id).collect();
    for team in &before.teams {
        if !after_teams.contains(&team.id) {
            map.teams.push(team.clone());
        }
    }
    for s in &diff.services.added {
        marks.services.insert(s.id.clone(), Mark::Added);
    }
    for s in &diff.services.removed {
        marks.services.insert(s.id.clone(), Mark::Removed);
        map.services.push(s.clone());
    }
    for c in &diff.services.changed {
        marks.services.insert(c.id.clone(), Mark::Changed);
    }
    for m in diff.owner_moves() {
        // Moves are listed for changed services and streams; only services
        // are marked, and they were just marked as changed.
        if let Some(mark) = marks.services.get_mut(&m.id) {
            *mark = Mark::OwnerMoved(m.from.clone());
        }
    }
    let key = |l: &Link| (l.from.clone(), l.to.clone(), l.kind);
    for l in &diff.links.added {
        marks.links.insert(key(l), Mark::Added);
    }
    for l in &diff.links.removed {
        marks.links.insert(key(l), Mark::Removed);
        map.links.push(l.clone());
    }
    // Streams are drawn as they are in the proposal; removed streams are
    // listed in the changes panel rather than drawn.
    (map, marks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LinkKind as L;
    use crate::model::test_map::MapBuilder;

    fn id(s: &str) -> Id {
        Id::new(s).unwrap()
    }

    #[test]
    fn the_overlay_marks_every_kind_of_change_and_keeps_removed_things_as_ghosts() {
        let before = MapBuilder::new()
            .sa("a")
            .sa("b")
            .svc("kept", "a")
            .svc("moved", "a")
            .svc("renamed", "a")
            .svc("gone", "a")
            .link("kept", "gone", L::Sync)
            .build();
        let after = MapBuilder::new()
            .sa("a")
            .sa("b")
            .svc("kept", "a")
            .svc("moved", "b")
            .svc("renamed", "a")
            .svc("new", "b")
            .link("kept", "new", L::Event)
            .with(|m| m.services[2].name = "Another name".into())
            .build();
        let today = crate::analysis::today();
        let diff = crate::diff::diff(&before, &after, today);
        let (overlay, marks) = overlay_of(&before, &after, &diff);

        assert_eq!(marks.service(&id("kept")), None);
        assert_eq!(marks.service(&id("new")), Some(&Mark::Added));
        assert_eq!(marks.service(&id("gone")), Some(&Mark::Removed));
        assert_eq!(marks.service(&id("renamed")), Some(&Mark::Changed));
        assert_eq!(
            marks.service(&id("moved")),
            Some(&Mark::OwnerMoved(Some(id("a"))))
        );
        let link = |from: &str, to: &str, kind| crate::model::Link {
            from: id(from),
            to: id(to),
            kind,
            label: String::new(),
        };
        assert_eq!(
            marks.link(&link("kept", "new", L::Event)),
            Some(&Mark::Added)
        );
        assert_eq!(
            marks.link(&link("kept", "gone", L::Sync)),
            Some(&Mark::Removed)
        );
        assert_eq!(marks.link(&link("kept", "new", L::Sync)), None);

        // The ghost of the removed service and its link are drawn too.
        assert!(overlay.service("gone").is_some());
        assert_eq!(overlay.links.len(), 2);
        assert_eq!(overlay.services.len(), 5);
    }
}
