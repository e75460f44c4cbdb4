//! Comparing the open map (the proposal, still editable) with another map
//! (usually today's, read-only): one canvas, three ways to look.

use std::path::PathBuf;
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::diff::{Baseline, MapDiff, diff_with_baseline};
use crate::model::{Id, Link, LinkKind, Map};

use super::document::Document;
use super::revision::Revision;

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
    revision: Option<Revision>,
    /// What the diff needs of `before` (its flow figures, its elements in
    /// the order the diff walks them), worked out on the first refresh:
    /// `before` does not change.
    baseline: Option<Baseline>,
    /// The union of both maps and the marks, for the overlay.
    pub overlay: Option<Document>,
    /// How services and links differ, shared with the canvas, which takes
    /// them every frame.
    pub marks: Arc<DiffMarks>,
    /// The change clicked in the changes panel, and how it reads there:
    /// the inspector shows it until something else is selected.
    pub focused: Option<(crate::diff::ChangeRef, String)>,
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
            baseline: None,
            overlay: None,
            marks: Arc::default(),
            focused: None,
        }
    }

    /// Recomputes the diff when the open map changed: the diff is live.
    pub fn refresh(&mut self, after: &Document) {
        if self.revision == Some(after.revision()) {
            return;
        }
        self.revision = Some(after.revision());
        // Both documents keep their findings up to date: the diff reuses them.
        // The compared map does not change: what the diff needs of it is
        // worked out once, not on every edit.
        let before = &self.before;
        let baseline = self
            .baseline
            .get_or_insert_with(|| Baseline::new(before.map(), before.findings()));
        let diff = diff_with_baseline(
            before.map(),
            before.shared_findings(),
            baseline,
            after.map(),
            after.shared_findings(),
        );
        // The overlay is brought up to date in place: an edit changes little
        // of the map, and copying all of it (then freeing the previous copy)
        // would cost as much as the edit itself on an organisation's map.
        // The overlay shows the proposal's findings (its hover text lists
        // them); removed services, drawn as ghosts, have none.
        let overlay = self
            .overlay
            .get_or_insert_with(|| Document::for_display(Map::default(), after));
        overlay.redisplay(after, |map| update_overlay(map, after.map(), &diff));
        self.marks = Arc::new(marks_of(&diff));
        self.diff = diff;
    }

    /// A one-line summary: "7 resolved, 1 introduced".
    pub fn findings_summary(&self) -> String {
        format!(
            "{} resolved, {} introduced",
            self.diff.findings.resolved().len(),
            self.diff.findings.introduced().len()
        )
    }
}

/// How each service and link differs, for the overlay. The canvas looks up
/// every node and edge in it whenever it restyles the overlay: hashed by id,
/// and ids shared with the open map compare by pointer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiffMarks {
    /// By service id.
    services: FxHashMap<Id, Mark>,
    /// By the link's `from`: its marked links as (to, kind, mark). Looking a
    /// link up hashes one id and copies none (tens of thousands per restyle).
    links: FxHashMap<Id, Vec<(Id, LinkKind, Mark)>>,
}

impl DiffMarks {
    /// How the service differs, if it does.
    pub fn service(&self, id: &Id) -> Option<&Mark> {
        self.services.get(id)
    }

    /// How the link differs, if it does.
    pub fn link(&self, link: &Link) -> Option<&Mark> {
        let marked = self.links.get(&link.from)?;
        marked.iter().find(|m| is_mark_of(m, link)).map(|m| &m.2)
    }

    fn mark_link(&mut self, link: &Link, mark: Mark) {
        let marked = self.links.entry(link.from.clone()).or_default();
        match marked.iter_mut().find(|m| is_mark_of(m, link)) {
            Some(known) => known.2 = mark,
            None => marked.push((link.to.clone(), link.kind, mark)),
        }
    }
}

/// Whether an entry of [`DiffMarks`]'s links (listed under `link.from`) is `link`'s.
fn is_mark_of((to, kind, _): &(Id, LinkKind, Mark), link: &Link) -> bool {
    *kind == link.kind && *to == link.to
}

/// Makes `overlay` the union of both maps: everything of `after`, plus what
/// only the map compared against has (at its old position). `overlay` is
/// the previous union, or empty: only what differs from it is copied.
/// Returns whether services or links were inserted or removed (compared by
/// id and key, in order), so the canvas knows whether to rebuild its graph.
fn update_overlay(overlay: &mut Map, after: &Map, diff: &MapDiff) -> bool {
    let Map {
        schema,
        name,
        description,
        reviewed,
        teams,
        services,
        links,
        streams,
        settings,
        allow,
    } = after;
    overlay.schema.clone_from(schema);
    overlay.name.clone_from(name);
    overlay.description.clone_from(description);
    overlay.reviewed = *reviewed;
    copy_changes(&mut overlay.teams, teams);
    overlay.teams.extend_from_slice(&diff.teams.removed);
    let services_moved = !same_keys(&overlay.services, services, &diff.services.removed, |s| {
        &s.id
    });
    copy_changes(&mut overlay.services, services);
    overlay.services.extend_from_slice(&diff.services.removed);
    let links_moved = !same_keys(&overlay.links, links, &diff.links.removed, |l| l.key());
    copy_changes(&mut overlay.links, links);
    overlay.links.extend_from_slice(&diff.links.removed);
    // Streams are drawn as they are in the proposal; removed streams are
    // listed in the changes panel rather than drawn.
    copy_changes(&mut overlay.streams, streams);
    overlay.settings.clone_from(settings);
    copy_changes(&mut overlay.allow, allow);
    services_moved || links_moved
}

/// Whether `list` holds, in order, elements with the keys of `source`
/// followed by those of `extra`.
fn same_keys<'a, T, K: PartialEq + 'a>(
    list: &'a [T],
    source: &'a [T],
    extra: &'a [T],
    key: impl Fn(&'a T) -> K,
) -> bool {
    list.len() == source.len() + extra.len()
        && list
            .iter()
            .zip(source.iter().chain(extra))
            .all(|(a, b)| key(a) == key(b))
}

/// Makes `copy` equal to `source`, copying only the elements that differ.
fn copy_changes<T: Clone + PartialEq>(copy: &mut Vec<T>, source: &[T]) {
    copy.truncate(source.len());
    for (c, s) in copy.iter_mut().zip(source) {
        if c != s {
            c.clone_from(s);
        }
    }
    let kept = copy.len();
    copy.extend_from_slice(&source[kept..]);
}

/// How each service and link differs, for the overlay.
fn marks_of(diff: &MapDiff) -> DiffMarks {
    let mut marks = DiffMarks::default();
    for s in &diff.services.added {
        marks.services.insert(s.id.clone(), Mark::Added);
    }
    for s in &diff.services.removed {
        marks.services.insert(s.id.clone(), Mark::Removed);
    }
    for c in &diff.services.changed {
        let mark = match c.field("owner") {
            // The previous owner's team (none if the value is not an id).
            Some(owner) => Mark::OwnerMoved(owner.before.as_str().and_then(|t| Id::new(t).ok())),
            None => Mark::Changed,
        };
        marks.services.insert(c.id.clone(), mark);
    }
    for l in &diff.links.added {
        marks.mark_link(l, Mark::Added);
    }
    for l in &diff.links.removed {
        marks.mark_link(l, Mark::Removed);
    }
    marks
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
        let marks = marks_of(&diff);
        let mut overlay = Map::default();
        update_overlay(&mut overlay, &after, &diff);

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

    /// The overlay as it would be built afresh for the open map.
    fn fresh_overlay(compare: &Compare, after: &Document) -> Map {
        let mut map = Map::default();
        update_overlay(&mut map, after.map(), &compare.diff);
        map
    }

    #[test]
    fn the_overlay_updated_in_place_equals_one_built_afresh_after_any_edit() {
        use crate::edit::{Edit, ServiceField};
        use crate::generate::{GenerateOptions, generate, vary};

        let map = generate(&GenerateOptions::with_services(200));
        let mut after = Document::new(map.clone(), None);
        let mut before = vary(&map, 10, 3);
        let mut ghost = map.services[1].clone();
        ghost.id = id("a-ghost");
        before.services.push(ghost);
        let mut compare = Compare::new(before, None);
        compare.refresh(&after);
        let first = compare.overlay.as_ref().unwrap().revision();
        let first_marks = compare.marks.clone();
        assert_eq!(
            compare.overlay.as_ref().unwrap().map(),
            &fresh_overlay(&compare, &after)
        );
        // Ghosts of what the proposal removed.
        let overlay = compare.overlay.as_ref().unwrap().map();
        assert_eq!(overlay.services.len(), map.services.len() + 1);
        assert!(overlay.links.len() > map.links.len());

        let svc = map.services[50].id.clone();
        let mut extra = map.services[0].clone();
        extra.id = id("a-new-service");
        let link = map.links[7].clone();
        let steps: [(&str, Vec<Edit>); 5] = [
            (
                "rename",
                vec![Edit::SetService(
                    svc.clone(),
                    ServiceField::Name("Renamed".into()),
                )],
            ),
            (
                "owner",
                vec![Edit::SetService(svc.clone(), ServiceField::Owner(None))],
            ),
            // Inserted first: every later element shifts by one.
            ("insert", vec![Edit::InsertService(0, extra)]),
            (
                "remove link",
                vec![Edit::RemoveLink(link.from, link.to, link.kind)],
            ),
            (
                "remove service",
                vec![Edit::RemoveService(id("a-new-service"))],
            ),
        ];
        let mut revisions = vec![first];
        for (label, edits) in steps {
            after.apply(label, edits).unwrap();
            compare.refresh(&after);
            let overlay = compare.overlay.as_ref().unwrap();
            assert_eq!(overlay.map(), &fresh_overlay(&compare, &after), "{label}");
            assert_eq!(overlay.findings(), after.findings(), "{label}");
            revisions.push(overlay.revision());
        }
        for _ in 0..5 {
            after.undo().unwrap();
            compare.refresh(&after);
            assert_eq!(
                compare.overlay.as_ref().unwrap().map(),
                &fresh_overlay(&compare, &after)
            );
        }
        // Back where it started: the marks too.
        assert_eq!(after.map(), &map);
        assert_eq!(compare.marks, first_marks);
        revisions.push(compare.overlay.as_ref().unwrap().revision());
        // Each refresh gives the canvas a revision it has not drawn.
        let unique: std::collections::BTreeSet<_> = revisions.iter().collect();
        assert_eq!(unique.len(), revisions.len());
    }
}
