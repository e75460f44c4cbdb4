//! The editor app: its state, and the one place where user actions are applied.

mod documents;

use super::export::ExportFormat;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::analysis::Finding;
use crate::edit::{Edit, ServiceField, ops};
use crate::model::{Id, LinkKind, ServiceKind, TeamType};

use super::canvas::Canvas;
use super::command::UICommand;
use super::compare::CompareMode;
use super::dialogs::Dialogs;
use super::document::Document;
use super::files::{FilePicker, PendingPick, PickOutcome, PickPurpose, RfdPicker};
use super::panels;
use super::theme::Theme;

/// What is selected; the inspector shows it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Selection {
    /// Nothing: the inspector shows the map.
    #[default]
    None,
    /// Services, in the order they were clicked.
    Services(Vec<Id>),
    /// One link.
    Link(Id, Id, LinkKind),
    /// One team.
    Team(Id),
    /// One stream: everything not on it is dimmed.
    Stream(Id),
}

impl Selection {
    /// The selected services, in click order.
    pub fn services(&self) -> &[Id] {
        match self {
            Selection::Services(ids) => ids,
            _ => &[],
        }
    }

    /// Whether a service is selected.
    pub fn has_service(&self, id: &Id) -> bool {
        self.services().contains(id)
    }
}

/// A change of state asked for by the UI; applied in [`VsmapApp::apply_action`].
#[derive(Debug, Clone)]
pub enum Action {
    /// A command without arguments.
    Command(UICommand),
    /// Edits to apply as one undoable step, and what to select afterwards.
    Edit {
        /// Label for the Edit menu ("Rename Signup API").
        label: String,
        /// The edits.
        edits: Vec<Edit>,
        /// The selection after the edit, if it should change.
        select: Option<Selection>,
    },
    /// Change the selection.
    Select(Selection),
    /// Toggle a service in the selection (Ctrl-click).
    ToggleService(Id),
    /// Select a finding: its subjects, dimming the rest, and pan to them.
    FocusFinding(usize),
    /// Select every service a team owns.
    SelectOwnedBy(Id),
    /// Add a service at a canvas position.
    AddServiceAt(f64, f64),
    /// Open a file (asking about unsaved changes first).
    OpenPath(PathBuf),
    /// Save to a path.
    SaveTo(PathBuf),
    /// Start asking for an allow reason for a finding.
    AskAllow(usize),
    /// Pan the canvas to show these services.
    Reveal(Vec<Id>),
}

/// What to do once unsaved changes are dealt with.
#[derive(Debug, Clone, PartialEq)]
pub enum AfterPrompt {
    /// Start a new map.
    New,
    /// Show the open dialog.
    Open,
    /// Open this file.
    OpenPath(PathBuf),
    /// Open the example map.
    OpenExample,
    /// Ask for a catalog or workspace to import (File ▸ Import).
    Import(super::import::ImportSource),
    /// Import this catalog folder (dropped on the window).
    ImportPath(super::import::ImportSource, PathBuf),
    /// Close the window.
    Quit,
}

/// Which panels are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PanelVisibility {
    /// The outline on the left.
    pub outline: bool,
    /// The inspector on the right.
    pub inspector: bool,
    /// The findings at the bottom.
    pub findings: bool,
}

impl Default for PanelVisibility {
    fn default() -> Self {
        PanelVisibility {
            outline: true,
            inspector: true,
            findings: true,
        }
    }
}

/// What eframe persists between runs.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct Persisted {
    recent: Vec<PathBuf>,
    last_file: Option<PathBuf>,
    panels: Option<PanelVisibility>,
}

const STORAGE_KEY: &str = "vsmap";
const MAX_RECENT: usize = 10;
/// Most characters of an action's label ("Rename … to …") kept for the Edit
/// menu and the status bar.
const MAX_ACTION_LABEL_CHARS: usize = 120;
/// Most characters of the map's name in the window title.
const MAX_TITLE_NAME_CHARS: usize = 80;

/// The editor.
pub struct VsmapApp {
    /// The open map.
    pub doc: Document,
    /// What is selected.
    pub selection: Selection,
    /// The finding whose explanation is unfolded, by index into the findings.
    pub expanded_finding: Option<usize>,
    /// Which panels show.
    pub panels: PanelVisibility,
    /// The canvas and its view.
    pub canvas: Canvas,
    /// Open dialogs and their inputs.
    pub dialogs: Dialogs,
    /// Recently opened files, newest first.
    pub recent: Vec<PathBuf>,
    /// Copied services.
    clipboard: Option<ops::Fragment>,
    /// File dialogs (native, or scripted in tests).
    picker: Box<dyn FilePicker>,
    /// A file dialog under way.
    pending_pick: Option<PendingPick>,
    /// What to do after a save that a prompt asked for.
    after_save: Option<AfterPrompt>,
    /// Actions queued by the UI this frame.
    queue: Vec<Action>,
    /// A short message for the status bar.
    pub status: String,
    /// The last window title sent, so it is sent only on change.
    title_sent: String,
    /// The close request was approved (or nothing was unsaved).
    allow_close: bool,
    /// An open comparison with another map.
    pub compare: Option<super::compare::Compare>,
    /// A presentation under way.
    pub presentation: Option<super::present::Presentation>,
    /// Where the next picture of the view goes, and at which scale (Export ▸ PNG).
    pending_png: Option<(PathBuf, ExportFormat)>,
    /// The egui context, kept to send viewport commands from actions.
    ctx: egui::Context,
    /// Autosave to a recovery copy, and the copies offered after a crash.
    pub recovery: super::recovery::Recovery,
}

impl VsmapApp {
    /// The app on a document.
    pub fn with_document(doc: Document) -> VsmapApp {
        VsmapApp {
            doc,
            selection: Selection::None,
            expanded_finding: None,
            panels: PanelVisibility::default(),
            canvas: Canvas::default(),
            dialogs: Dialogs::default(),
            recent: Vec::new(),
            clipboard: None,
            picker: Box::new(RfdPicker),
            pending_pick: None,
            after_save: None,
            queue: Vec::new(),
            status: String::new(),
            title_sent: String::new(),
            allow_close: false,
            compare: None,
            presentation: None,
            pending_png: None,
            ctx: egui::Context::default(),
            recovery: Default::default(),
        }
    }

    /// The app as eframe starts it: `file` if given, else the last file, else the example.
    pub fn new(cc: &eframe::CreationContext<'_>, file: Option<PathBuf>) -> VsmapApp {
        let persisted: Persisted = cc
            .storage
            .and_then(|s| eframe::get_value(s, STORAGE_KEY))
            .unwrap_or_default();
        let mut app = VsmapApp::with_document(Document::example());
        app.recent = persisted.recent;
        app.panels = persisted.panels.unwrap_or_default();
        let explicit = file.is_some();
        if let Some(path) = file.or(persisted.last_file.filter(|p| p.exists())) {
            match Document::open(&path) {
                Ok(doc) => app.doc = doc,
                // An explicit file that fails is reported; a stale last file is silently skipped.
                Err(e) if explicit => app.dialogs.error = Some(e.to_string()),
                Err(_) => {}
            }
        }
        match crate::io::recovery::RecoveryStore::from_env() {
            Some(store) => app.set_recovery_store(&store),
            None => {
                app.status = "No data folder for recovery copies: autosave is off".into();
            }
        }
        if let Some(guard) = app.recovery.guard() {
            guard.install_panic_hook();
        }
        app
    }

    /// Autosaves into `store` from now on, and offers the copies that
    /// editors which are no longer running left there.
    pub fn set_recovery_store(&mut self, store: &crate::io::recovery::RecoveryStore) {
        match self.recovery.start(store) {
            Ok(orphans) => self.recovery.offers.extend(orphans),
            Err(e) => {
                self.status = format!("Autosave is off: cannot use {}: {e}", store.dir().display());
            }
        }
    }

    /// Replaces the native file dialogs (tests answer dialogs this way).
    pub fn set_picker(&mut self, picker: Box<dyn FilePicker>) {
        self.picker = picker;
    }

    /// Queues an action, applied at the end of the frame.
    pub fn act(&mut self, action: Action) {
        self.queue.push(action);
    }

    /// The selected finding's subjects, or the selected stream's steps: what stays bright.
    pub fn focus(&self) -> Option<BTreeSet<Id>> {
        match &self.selection {
            Selection::Stream(id) => {
                let stream = self.doc.map().stream(id.as_str())?;
                Some(stream.steps.iter().map(|s| s.service.clone()).collect())
            }
            _ => {
                let finding = self.doc.findings().get(self.expanded_finding?)?;
                Some(finding.subjects.iter().cloned().collect())
            }
        }
    }

    /// Draws one frame.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.ctx = ctx.clone();
        let theme = Theme::for_ctx(&ctx);
        let focus = self.recovery.track_focus(&ctx);
        if focus.gained {
            self.offer_reload();
        }
        if self.presentation.is_some() {
            // Presenting: no editing chrome, no editing shortcuts.
            super::present::presentation_ui(self, ui, &theme);
            self.recovery.autosave(&self.doc, &ctx, focus.lost);
            return;
        }
        for command in UICommand::from_input(&ctx) {
            self.act(Action::Command(command));
        }
        self.handle_dropped_files(&ctx);
        self.receive_screenshot(&ctx);
        self.handle_close_request(&ctx);
        self.poll_file_dialog();

        panels::menu_bar::menu_bar_ui(self, ui);
        panels::menu_bar::toolbar_ui(self, ui);
        panels::status_bar::status_bar_ui(self, ui, &theme);
        if self.panels.findings {
            panels::findings::findings_ui(self, ui, &theme);
        }
        if let Some(compare) = &mut self.compare {
            compare.refresh(&self.doc);
            panels::changes::changes_ui(self, ui, &theme);
        } else if self.panels.outline {
            panels::outline::outline_ui(self, ui);
        }
        if self.panels.inspector {
            panels::inspector::inspector_ui(self, ui, &theme);
        }
        egui::CentralPanel::no_frame().show(ui, |ui| {
            let focus = self.focus();
            let mode = self.compare.as_ref().map(|c| c.mode);
            let shown = match (&self.compare, mode) {
                (Some(c), Some(CompareMode::Before)) => Some(&c.before),
                (Some(c), Some(CompareMode::Overlay)) => c.overlay.as_ref(),
                _ => None,
            };
            self.canvas.source = match mode {
                Some(CompareMode::Before) => 1,
                Some(CompareMode::Overlay) => 2,
                _ => 0,
            };
            self.canvas.diff_marks = match (mode, &self.compare) {
                (Some(CompareMode::Overlay), Some(c)) => Some(c.marks.clone()),
                _ => None,
            };
            let doc = shown.unwrap_or(&self.doc);
            let actions = self
                .canvas
                .canvas_ui(ui, doc, &self.selection, focus.as_ref(), &theme);
            if shown.is_some() {
                // The compared map and the overlay are read-only: keep selection
                // and navigation, drop anything that would edit.
                self.queue.extend(
                    actions
                        .into_iter()
                        .filter(|a| !matches!(a, Action::Edit { .. } | Action::AddServiceAt(..))),
                );
            } else {
                self.queue.extend(actions);
            }
        });
        super::dialogs::dialogs_ui(self, &ctx);

        // Actions may queue more actions (a command that edits); apply them all
        // this frame, so that nothing lands a frame late.
        let mut applied = 0;
        while !self.queue.is_empty() && applied < 64 {
            for action in std::mem::take(&mut self.queue) {
                self.apply_action(action, &ctx);
                applied += 1;
            }
        }
        if applied > 0 {
            // The panels above were drawn before these changes: draw once more.
            ctx.request_repaint();
        }
        self.recovery.autosave(&self.doc, &ctx, focus.lost);
        if let Some(error) = self.recovery.error.take() {
            self.status = error;
        }
        self.update_title(&ctx);
    }

    /// Applies one action: the only place where app state changes.
    pub fn apply_action(&mut self, action: Action, ctx: &egui::Context) {
        match action {
            Action::Command(command) => self.apply_command(command, ctx),
            Action::Edit {
                label,
                edits,
                select,
            } => match self.doc.apply(
                // Labels quote names (up to 1,000 characters each) and show
                // in the Edit menu and the status bar.
                super::shapes::elide(&label, MAX_ACTION_LABEL_CHARS),
                edits,
            ) {
                Ok(()) => {
                    if let Some(selection) = select {
                        self.selection = selection;
                    }
                    self.validate_selection();
                    self.status = super::shapes::elide(&label, MAX_ACTION_LABEL_CHARS).into();
                }
                Err(e) => {
                    let label = super::shapes::elide(&label, MAX_ACTION_LABEL_CHARS);
                    self.status = format!("{label}: {e}");
                }
            },
            Action::Select(selection) => {
                // Selecting a stream brings the whole stream into view.
                if let Selection::Stream(id) = &selection
                    && let Some(stream) = self.doc.map().stream(id.as_str())
                {
                    let steps: Vec<Id> = stream.steps.iter().map(|s| s.service.clone()).collect();
                    self.canvas.reveal(self.doc.map(), &steps);
                }
                self.selection = selection;
                self.expanded_finding = None;
            }
            Action::ToggleService(id) => {
                let mut ids = self.selection.services().to_vec();
                if let Some(i) = ids.iter().position(|s| s == &id) {
                    ids.remove(i);
                } else {
                    ids.push(id);
                }
                self.selection = if ids.is_empty() {
                    Selection::None
                } else {
                    Selection::Services(ids)
                };
                self.expanded_finding = None;
            }
            Action::FocusFinding(index) => self.focus_finding(index),
            Action::SelectOwnedBy(team) => {
                let ids: Vec<Id> = self
                    .doc
                    .map()
                    .services
                    .iter()
                    .filter(|s| s.owner.as_ref() == Some(&team))
                    .map(|s| s.id.clone())
                    .collect();
                self.status = format!("Selected {} services", ids.len());
                self.selection = if ids.is_empty() {
                    Selection::None
                } else {
                    Selection::Services(ids)
                };
            }
            Action::AddServiceAt(x, y) => self.add_service_at(x, y),
            Action::OpenPath(path) => self.guard_unsaved(AfterPrompt::OpenPath(path)),
            Action::SaveTo(path) => {
                self.save_to(&path);
            }
            Action::AskAllow(index) => {
                if self.doc.findings().get(index).is_some() {
                    self.dialogs.allow = Some((index, String::new()));
                }
            }
            Action::Reveal(ids) => self.canvas.reveal(self.doc.map(), &ids),
        }
    }

    fn apply_command(&mut self, command: UICommand, ctx: &egui::Context) {
        let map = self.doc.map();
        match command {
            UICommand::New => self.guard_unsaved(AfterPrompt::New),
            UICommand::Open => self.guard_unsaved(AfterPrompt::Open),
            UICommand::OpenExample => self.guard_unsaved(AfterPrompt::OpenExample),
            UICommand::ImportBackstage | UICommand::ImportStructurizr => {
                if let Some(source) = command.import_source() {
                    self.guard_unsaved(AfterPrompt::Import(source));
                }
            }
            UICommand::Save => match self.doc.path.clone() {
                Some(path) => self.save_checked(path, None),
                None => self.start_pick(PickPurpose::Save, ctx),
            },
            UICommand::SaveAs => self.start_pick(PickPurpose::Save, ctx),
            UICommand::Quit => self.guard_unsaved(AfterPrompt::Quit),
            UICommand::CompareWith => self.start_pick(PickPurpose::Compare, ctx),
            UICommand::ExportSvg
            | UICommand::ExportStreamSvg
            | UICommand::ExportMarkdown
            | UICommand::ExportMermaid
            | UICommand::ExportDot
            | UICommand::ExportPng
            | UICommand::ExportPng2x => {
                if let Some(format) = command.export_format() {
                    // Check before asking for a file that the export can be made.
                    if !format.is_png()
                        && let Err(e) = super::export::export_text(self, format)
                    {
                        self.dialogs.error = Some(e);
                        return;
                    }
                    self.start_pick(PickPurpose::Export(format), ctx);
                }
            }
            UICommand::CloseCompare => {
                self.compare = None;
                self.canvas.diff_marks = None;
                self.canvas.source = 0;
            }
            UICommand::Undo => {
                self.status = match self.doc.undo() {
                    Some(label) => format!("Undid: {label}"),
                    None => "Nothing to undo".into(),
                };
                self.validate_selection();
            }
            UICommand::Redo => {
                self.status = match self.doc.redo() {
                    Some(label) => format!("Redid: {label}"),
                    None => "Nothing to redo".into(),
                };
                self.validate_selection();
            }
            UICommand::Copy | UICommand::Cut => {
                let ids: BTreeSet<Id> = self.selection.services().iter().cloned().collect();
                if ids.is_empty() {
                    return;
                }
                let fragment = ops::copy(map, &ids);
                if let Ok(text) = serde_json::to_string_pretty(&fragment) {
                    ctx.copy_text(text);
                }
                self.clipboard = Some(fragment);
                if command == UICommand::Cut {
                    let edits = ops::delete_services(map, &ids);
                    let label = format!("Cut {}", crate::analysis::plural(ids.len(), "service"));
                    self.act(Action::Edit {
                        label,
                        edits,
                        select: Some(Selection::None),
                    });
                } else {
                    self.status =
                        format!("Copied {}", crate::analysis::plural(ids.len(), "service"));
                }
            }
            UICommand::Paste => {
                if let Some(fragment) = &self.clipboard {
                    let (ids, edits) = ops::paste(map, fragment, (40.0, 40.0));
                    let label = format!("Paste {}", crate::analysis::plural(ids.len(), "service"));
                    // Paste again and it lands a step further, like any editor.
                    if let Some(f) = &mut self.clipboard {
                        for s in &mut f.services {
                            s.x = s.x.map(|x| x + 40.0);
                            s.y = s.y.map(|y| y + 40.0);
                        }
                    }
                    self.act(Action::Edit {
                        label,
                        edits,
                        select: Some(Selection::Services(ids)),
                    });
                }
            }
            UICommand::Delete => self.delete_selection(),
            UICommand::SelectAll => {
                self.selection =
                    Selection::Services(map.services.iter().map(|s| s.id.clone()).collect());
            }
            UICommand::SelectNone => {
                if self.dialogs.any_open() {
                    return;
                }
                self.selection = Selection::None;
                self.expanded_finding = None;
            }
            UICommand::AddService => {
                let (x, y) = self.canvas.view_center();
                self.add_service_at(x, y);
            }
            UICommand::LinkSelected => {
                let ids = self.selection.services();
                if let [from, to] = ids {
                    let edits = ops::add_link(map, from, to, LinkKind::Sync);
                    if edits.is_empty() {
                        self.status = "Those services are already linked that way".into();
                    } else {
                        let label = format!("Link {} -> {}", name_of(map, from), name_of(map, to));
                        let select = Selection::Link(from.clone(), to.clone(), LinkKind::Sync);
                        self.act(Action::Edit {
                            label,
                            edits,
                            select: Some(select),
                        });
                    }
                } else {
                    self.status = "Select two services (Ctrl-click) to link them".into();
                }
            }
            UICommand::StreamFromSelection => {
                let steps = self.selection.services().to_vec();
                if steps.is_empty() {
                    self.status =
                        "Select the stream's services in order (Ctrl-click), then press S".into();
                    return;
                }
                let owner = map.service(steps[0].as_str()).and_then(|s| s.owner.clone());
                let (id, edits) = ops::add_stream(map, "New stream", &steps, owner);
                self.act(Action::Edit {
                    label: "New stream".into(),
                    edits,
                    select: Some(Selection::Stream(id)),
                });
            }
            UICommand::AddTeam => {
                let (id, edits) = ops::add_team(map, "New team", TeamType::StreamAligned);
                self.act(Action::Edit {
                    label: "New team".into(),
                    edits,
                    select: Some(Selection::Team(id)),
                });
            }
            UICommand::Fit => self.canvas.request_fit(),
            UICommand::ZoomIn => self.canvas.zoom_by(1.25),
            UICommand::ZoomOut => self.canvas.zoom_by(0.8),
            UICommand::ToggleOutline => self.panels.outline = !self.panels.outline,
            UICommand::ToggleInspector => self.panels.inspector = !self.panels.inspector,
            UICommand::ToggleFindings => self.panels.findings = !self.panels.findings,
            UICommand::Present => super::present::start(self, ctx),
            UICommand::ArrangeLanes => {
                let positions = crate::edit::arrange::lanes(map);
                let moves: Vec<(Id, f64, f64)> = map
                    .services
                    .iter()
                    .zip(positions)
                    .map(|(s, (x, y))| (s.id.clone(), x, y))
                    .collect();
                let edits = ops::move_services(map, &moves);
                self.act(Action::Edit {
                    label: "Arrange in lanes by stream".into(),
                    edits,
                    select: None,
                });
                self.canvas.request_fit();
            }
            UICommand::ArrangeForce => {
                let moves = self.canvas.force_directed_positions(map);
                let edits = ops::move_services(map, &moves);
                self.act(Action::Edit {
                    label: "Force-directed arrangement".into(),
                    edits,
                    select: None,
                });
                self.canvas.request_fit();
            }
            UICommand::Palette => self.dialogs.palette = Some(Default::default()),
            UICommand::Shortcuts => self.dialogs.shortcuts = true,
            UICommand::About => self.dialogs.about = true,
        }
    }

    fn add_service_at(&mut self, x: f64, y: f64) {
        let map = self.doc.map();
        // A new service joins the selected service's team: drawing a team's
        // services one after another is the common case.
        let owner = self
            .selection
            .services()
            .first()
            .and_then(|id| map.service(id.as_str()))
            .and_then(|s| s.owner.clone());
        let (id, edits) = ops::add_service(map, "New service", ServiceKind::Service, owner, (x, y));
        self.act(Action::Edit {
            label: "Add service".into(),
            edits,
            select: Some(Selection::Services(vec![id.clone()])),
        });
        self.canvas.start_rename(id, "New service".into());
    }

    fn delete_selection(&mut self) {
        let map = self.doc.map();
        let (label, edits) = match &self.selection {
            Selection::Services(ids) => {
                let set: BTreeSet<Id> = ids.iter().cloned().collect();
                let label = match ids.as_slice() {
                    [one] => format!("Delete {}", name_of(map, one)),
                    _ => format!("Delete {}", crate::analysis::plural(ids.len(), "service")),
                };
                (label, ops::delete_services(map, &set))
            }
            Selection::Link(from, to, kind) => (
                format!("Delete link {} -> {}", name_of(map, from), name_of(map, to)),
                vec![Edit::RemoveLink(from.clone(), to.clone(), *kind)],
            ),
            Selection::Team(id) => (
                format!("Delete team {}", team_name(map, id)),
                ops::delete_team(map, id),
            ),
            Selection::Stream(id) => {
                let name = map
                    .stream(id.as_str())
                    .map_or_else(|| id.to_string(), |s| s.name.clone());
                (
                    format!("Delete stream {name}"),
                    vec![Edit::RemoveStream(id.clone())],
                )
            }
            Selection::None => return,
        };
        self.act(Action::Edit {
            label,
            edits,
            select: Some(Selection::None),
        });
    }

    fn focus_finding(&mut self, index: usize) {
        let Some(finding) = self.doc.findings().get(index) else {
            return;
        };
        let map = self.doc.map();
        let services: Vec<Id> = finding
            .subjects
            .iter()
            .filter(|s| map.service(s.as_str()).is_some())
            .cloned()
            .collect();
        let streams: Vec<Id> = finding
            .subjects
            .iter()
            .filter(|s| map.stream(s.as_str()).is_some())
            .cloned()
            .collect();
        let reveal: Vec<Id> = if !services.is_empty() {
            services.clone()
        } else if let Some(stream) = streams.first().and_then(|s| map.stream(s.as_str())) {
            stream.steps.iter().map(|s| s.service.clone()).collect()
        } else {
            Vec::new()
        };
        self.selection = if services.is_empty() {
            Selection::None
        } else {
            Selection::Services(services)
        };
        self.expanded_finding = if self.expanded_finding == Some(index) {
            None
        } else {
            Some(index)
        };
        if !reveal.is_empty() {
            self.canvas.reveal(map, &reveal);
        }
    }

    /// After a change of the map: drops selected things that no longer exist.
    fn validate_selection(&mut self) {
        let map = self.doc.map();
        let keep = match &self.selection {
            Selection::None => true,
            Selection::Services(ids) => ids.iter().all(|id| map.service(id.as_str()).is_some()),
            Selection::Link(f, t, k) => map.links.iter().any(|l| l.key() == (f, t, *k)),
            Selection::Team(id) => map.team(id.as_str()).is_some(),
            Selection::Stream(id) => map.stream(id.as_str()).is_some(),
        };
        if !keep {
            self.selection = Selection::None;
        }
        // Findings are re-sorted after every change: an index would now name
        // another finding, so the unfolded one folds.
        self.expanded_finding = None;
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
        let name = super::shapes::elide(&name, MAX_TITLE_NAME_CHARS);
        format!("{dot}{name} — {path} — vsmap")
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.title();
        if title != self.title_sent {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
    }

    /// The findings to show for a subject id (for tooltips and the inspector).
    pub fn findings_for<'a>(
        &'a self,
        id: &'a Id,
    ) -> impl Iterator<Item = (usize, &'a Finding)> + 'a {
        self.doc
            .findings()
            .iter()
            .enumerate()
            .filter(move |(_, f)| f.subjects.contains(id))
    }

    /// Renames a service (inline or from the inspector).
    pub fn rename_service(&mut self, id: &Id, name: String) {
        let map = self.doc.map();
        let Some(service) = map.service(id.as_str()) else {
            return;
        };
        let name = name.trim().to_string();
        if name.is_empty() || name == service.name {
            return;
        }
        let label = format!("Rename {} to {name}", service.name);
        self.act(Action::Edit {
            label,
            edits: vec![Edit::SetService(id.clone(), ServiceField::Name(name))],
            select: None,
        });
    }
}

fn with_extension(path: PathBuf) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    if name.ends_with(".json") {
        path
    } else {
        path.with_file_name(format!("{name}{}", crate::io::EXTENSION))
    }
}

/// A service's display name, or its id.
pub fn name_of(map: &crate::model::Map, id: &Id) -> String {
    map.service(id.as_str())
        .map_or_else(|| id.to_string(), |s| s.name.clone())
}

/// A team's display name, or its id.
pub fn team_name(map: &crate::model::Map, id: &Id) -> String {
    map.team(id.as_str())
        .map_or_else(|| id.to_string(), |t| t.name.clone())
}

impl eframe::App for VsmapApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        VsmapApp::ui(self, ui);
        if matches!(self.pending_png, Some((_, ExportFormat::Png2x))) {
            self.export_png_offscreen(frame, 2.0);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        let persisted = Persisted {
            recent: self.recent.clone(),
            last_file: self.doc.path.clone(),
            panels: Some(self.panels),
        };
        eframe::set_value(storage, STORAGE_KEY, &persisted);
    }

    fn on_exit(&mut self) {
        // A clean exit leaves no recovery copy. The window only closes with
        // unsaved changes when the user chose to discard them.
        if self.allow_close || !self.doc.is_dirty() {
            self.recovery.end();
        }
    }
}
