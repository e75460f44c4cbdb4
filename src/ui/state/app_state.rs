//! Everything the editor knows that is not a view's cache: the open map,
//! the selection, the dialogs, the comparison, the presentation, autosave.
//!
//! Views get it read-only (`&AppState`) and answer with actions; only
//! [`crate::ui::app`] holds it mutably. What a view keeps for itself is a
//! cache of what it drew, or a gesture in progress (a drag, a rename field).

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::path::PathBuf;

use super::action::{AfterPrompt, Dialog};
use super::compare::{Compare, CompareMode, DiffMarks};
use super::dialogs::Dialogs;
use super::document::Document;
use super::export_format::ExportFormat;
use super::file_dialog::PendingPick;
use super::panels::{FindingsFilter, OutlineFilter, PanelVisibility};
use super::presentation::{Presentation, Side, Slide};
use super::recovery::Recovery;
use super::selection::{FindingKey, Selection};
use super::view::{ThemeChoice, ViewSettings};
use crate::analysis::Finding;
use crate::edit::ops;
use crate::model::Id;

/// Which document the canvas shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CanvasSource {
    /// The open map, editable.
    Open,
    /// The map compared against, read-only.
    Compared,
    /// Both maps at once (the compare overlay), read-only.
    Overlay,
}

/// What the canvas draws this frame, worked out from the state.
pub struct Shown<'a> {
    /// The document drawn.
    pub doc: &'a Document,
    /// Which one it is.
    pub source: CanvasSource,
    /// Diff marks drawn instead of the findings' halos (the overlay).
    pub marks: Option<&'a DiffMarks>,
    /// What a comparison changed, tagged on the services without the
    /// overlay's styling (a stream's "after" slide: what changed is marked,
    /// what did not stays calm).
    pub changes: Option<&'a DiffMarks>,
    /// What is drawn as selected.
    pub selection: Cow<'a, Selection>,
    /// What stays bright; everything else is dimmed.
    pub focus: Option<BTreeSet<Id>>,
    /// Halo every element with findings, not only the selected ones.
    pub highlight_findings: bool,
    /// The subjects of the finding under the pointer in the findings
    /// panel: haloed while it is there, without dimming the rest.
    pub hovered: Option<BTreeSet<Id>>,
    /// Which links, streams, zones and labels are drawn.
    pub view: ViewSettings,
    /// The fix under the pointer in a Fix menu, drawn over the map.
    pub ghost: Option<&'a super::fixes::Ghost>,
}

/// The editor's application state.
pub struct AppState {
    /// The open map.
    pub doc: Document,
    /// What is selected.
    pub selection: Selection,
    /// The finding whose explanation is unfolded.
    pub expanded_finding: Option<FindingKey>,
    /// The finding under the pointer in the findings panel.
    pub hovered_finding: Option<FindingKey>,
    /// Which panels show.
    pub panels: PanelVisibility,
    /// The canvas halos every element with findings (View ▸ Highlight
    /// findings), not only the selected finding's subjects and the selection.
    pub highlight_findings: bool,
    /// What the canvas draws besides the services (View menu).
    pub view: ViewSettings,
    /// The app's colours (View ▸ Theme).
    pub theme: ThemeChoice,
    /// While presenting in the other theme: the app's own, to go back to.
    pub theme_after_presenting: Option<ThemeChoice>,
    /// The outline's filter and folds.
    pub outline: OutlineFilter,
    /// The findings panel's filter.
    pub findings_filter: FindingsFilter,
    /// Open dialogs and their inputs.
    pub dialogs: Dialogs,
    /// Recently opened files, newest first.
    pub recent: Vec<PathBuf>,
    /// Copied services.
    pub clipboard: Option<ops::Fragment>,
    /// A short message for the status bar.
    pub status: String,
    /// An open comparison with another map.
    pub compare: Option<Compare>,
    /// A presentation under way.
    pub presentation: Option<Presentation>,
    /// Autosave to a recovery copy, and the copies offered after a crash.
    pub recovery: Recovery,
    /// A file dialog under way.
    pub pending_pick: Option<PendingPick>,
    /// What to do after a save that a prompt asked for.
    pub after_save: Option<AfterPrompt>,
    /// Where the next picture of the view goes, and at which scale (Export ▸ PNG).
    pub pending_png: Option<(PathBuf, ExportFormat)>,
    /// The close request was approved (or nothing was unsaved).
    pub allow_close: bool,
    /// The fix under the pointer in a Fix menu, previewed.
    pub fix_preview: Option<super::fixes::FixPreview>,
    /// The field a fix asked the user to type into, until the inspector
    /// has focused it.
    pub field_to_type: Option<super::fixes::FieldToType>,
}

impl AppState {
    /// The state on a document, everything else as on a fresh start.
    pub fn with_document(doc: Document) -> AppState {
        AppState {
            doc,
            selection: Selection::None,
            expanded_finding: None,
            hovered_finding: None,
            panels: PanelVisibility::default(),
            highlight_findings: false,
            view: ViewSettings::default(),
            theme: ThemeChoice::default(),
            theme_after_presenting: None,
            outline: OutlineFilter::default(),
            findings_filter: FindingsFilter::default(),
            dialogs: Dialogs::default(),
            recent: Vec::new(),
            clipboard: None,
            status: String::new(),
            compare: None,
            presentation: None,
            recovery: Recovery::default(),
            pending_pick: None,
            after_save: None,
            pending_png: None,
            allow_close: false,
            fix_preview: None,
            field_to_type: None,
        }
    }

    /// The document the canvas shows, which every panel describes: while
    /// comparing in Before, the map compared with (read-only); otherwise
    /// the open map.
    pub fn shown_doc(&self) -> &Document {
        match &self.compare {
            Some(c) if c.mode == CompareMode::Before => &c.before,
            _ => &self.doc,
        }
    }

    /// Whether the panels show the open map, which edits change (not the
    /// map compared with, which is read-only).
    pub fn shows_open_map(&self) -> bool {
        std::ptr::eq(self.shown_doc(), &self.doc)
    }

    /// The unfolded finding, if it still exists in the map shown.
    pub fn expanded(&self) -> Option<&Finding> {
        self.shown_doc().finding(self.expanded_finding.as_ref()?)
    }

    /// The findings naming a subject (for tooltips and the inspector).
    pub fn findings_for<'a>(&'a self, id: &'a Id) -> impl Iterator<Item = &'a Finding> + 'a {
        self.shown_doc()
            .findings()
            .iter()
            .filter(move |f| f.subjects.contains(id))
    }

    /// The dialog Escape closes, if any: the dialogs', or the offer to
    /// restore a crashed editor's changes.
    pub fn topmost_dialog(&self) -> Option<Dialog> {
        self.dialogs
            .topmost()
            .or_else(|| self.restore_offer().map(|_| Dialog::Restore))
    }

    /// Whether a modal dialog holds the keyboard.
    pub fn modal_open(&self) -> bool {
        self.dialogs.modal_open() || self.restore_offer().is_some()
    }

    /// The crashed editor's copy offered now, if any (none while another
    /// one's file dialog is open).
    pub fn restore_offer(&self) -> Option<&crate::io::recovery::RecoveryEntry> {
        if self.recovery.saving.is_some() {
            return None;
        }
        self.recovery.offers.front()
    }

    /// The selected stream's steps, or the unfolded finding's subjects:
    /// what stays bright while the rest is dimmed.
    pub fn focus(&self) -> Option<BTreeSet<Id>> {
        match &self.selection {
            Selection::Stream(id) => {
                let stream = self.shown_doc().map().stream(id.as_str())?;
                Some(stream.steps.iter().map(|s| s.service.clone()).collect())
            }
            _ => Some(self.expanded()?.subjects.iter().cloned().collect()),
        }
    }

    /// What the canvas shows: in the editor, the open map or, while
    /// comparing, the mode's map; presenting, the current slide's.
    pub fn shown(&self) -> Shown<'_> {
        if let Some(p) = &self.presentation {
            return self.slide_shown(p.current());
        }
        let mode = self.compare.as_ref().map(|c| (c, c.mode));
        let (doc, source, marks) = match mode {
            Some((c, CompareMode::Before)) => (&c.before, CanvasSource::Compared, None),
            Some((c, CompareMode::Overlay)) => match &c.overlay {
                Some(overlay) => (overlay, CanvasSource::Overlay, Some(&*c.marks)),
                None => (&self.doc, CanvasSource::Open, None),
            },
            _ => (&self.doc, CanvasSource::Open, None),
        };
        Shown {
            doc,
            source,
            marks,
            changes: None,
            selection: Cow::Borrowed(&self.selection),
            focus: self.focus(),
            highlight_findings: self.highlight_findings,
            hovered: self
                .hovered_finding
                .as_ref()
                .and_then(|key| self.shown_doc().finding(key))
                .map(|f| f.subjects.iter().cloned().collect()),
            view: overlay_view(self.view, marks.is_some()),
            ghost: self
                .fix_preview
                .as_ref()
                .filter(|p| source == CanvasSource::Open && p.revision == self.doc.revision())
                .map(|p| &p.ghost),
        }
    }

    /// What a slide shows: a stream slide its stream, focused, on the side
    /// it presents; the changes slide the overlay.
    pub fn slide_shown(&self, slide: &Slide) -> Shown<'_> {
        let compare = self.compare.as_ref();
        let (doc, source, marks) = match (slide, compare) {
            (Slide::Changes, Some(c)) => match &c.overlay {
                Some(overlay) => (overlay, CanvasSource::Overlay, Some(&*c.marks)),
                None => (&self.doc, CanvasSource::Open, None),
            },
            (Slide::Stream(_, Side::Before), Some(c)) => (&c.before, CanvasSource::Compared, None),
            _ => (&self.doc, CanvasSource::Open, None),
        };
        let stream = match slide {
            Slide::Stream(id, _) => Some(id),
            _ => None,
        };
        let focus = stream
            .and_then(|id| doc.map().stream(id.as_str()))
            .map(|s| s.steps.iter().map(|x| x.service.clone()).collect());
        let changes = match (slide, compare) {
            (Slide::Stream(_, Side::After), Some(c)) => Some(&*c.marks),
            _ => None,
        };
        Shown {
            doc,
            source,
            marks,
            changes,
            selection: Cow::Owned(
                stream.map_or(Selection::None, |id| Selection::Stream(id.clone())),
            ),
            focus,
            highlight_findings: self.highlight_findings,
            hovered: None,
            view: overlay_view(self.view, marks.is_some()),
            ghost: None,
        }
    }

    /// The window title: map name, file path, and a dot when unsaved.
    pub fn title(&self) -> String {
        let dot = if self.doc.is_dirty() { "● " } else { "" };
        let path = self
            .doc
            .path
            .as_ref()
            .map_or_else(|| "not saved".to_string(), |p| p.display().to_string());
        let name = self.doc.display_name();
        let name = crate::text::elide(&name, MAX_TITLE_NAME_CHARS);
        format!("{dot}{name} — {path} — vsmap")
    }
}

/// Most characters of the map's name in the window title.
const MAX_TITLE_NAME_CHARS: usize = 80;

/// What the canvas draws of `view` when it shows a comparison's overlay
/// (`overlay`): no stream lines, whose colours would read as the diff's
/// marks (a red stream is not a removal); the changes are the story there.
fn overlay_view(view: ViewSettings, overlay: bool) -> ViewSettings {
    ViewSettings {
        streams: view.streams && !overlay,
        ..view
    }
}
