//! The editor app: the one writer of application state.
//!
//! Each frame, [`VsmapApp::ui`] turns what happened outside the window
//! (a file dialog answered, a file dropped, the focus lost) into state
//! changes, lets the views draw from a read-only [`AppState`] and collect
//! [`Action`]s, then applies those actions in order (`apply.rs`). Nothing
//! outside this module holds the state mutably: a view that wants something
//! to change says so with an action, so every change has one place to look
//! at and one order to happen in.
//!
//! The views keep only their own caches and gestures: the canvas its graph,
//! camera and drags, the outline and findings panels the rows they list.

mod answers;
mod apply;
mod commands;
mod exports;
mod files;
mod fixes;
mod import;

use std::path::PathBuf;

use super::canvas::Canvas;
use super::files::{FilePicker, RfdPicker};
use super::panels;
use super::state::{
    Action, AppState, Document, ExportFormat, PanelVisibility, ThemeChoice, ViewSettings,
};
use super::theme::Theme;

/// What eframe persists between runs.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
struct Persisted {
    recent: Vec<PathBuf>,
    last_file: Option<PathBuf>,
    panels: Option<PanelVisibility>,
    highlight_findings: Option<bool>,
    /// Absent in settings saved before the View menu's toggles.
    #[serde(default)]
    view: Option<ViewSettings>,
    /// Absent in settings saved before View ▸ Theme.
    #[serde(default)]
    theme: Option<ThemeChoice>,
}

const STORAGE_KEY: &str = "vsmap";
/// Actions may queue further actions (a command that edits); a frame applies
/// at most this many rounds, so that a loop between two actions cannot hang it.
const MAX_ACTION_ROUNDS: usize = 64;

/// The editor.
pub struct VsmapApp {
    /// Everything that is not a view's cache.
    state: AppState,
    /// The canvas: its graph, camera and gestures.
    canvas: Canvas,
    /// The outline's rows for the last map and filter.
    outline_rows: panels::outline::OutlineRows,
    /// The findings panel's rows for the last findings and filter.
    findings_rows: panels::findings::FindingsRows,
    /// File dialogs (native, or scripted in tests).
    picker: Box<dyn FilePicker>,
    /// Actions queued this frame.
    queue: Vec<Action>,
    /// The last window title sent, so it is sent only on change.
    title_sent: String,
    /// The egui context, kept to send viewport commands from actions.
    ctx: egui::Context,
    /// Whether the app's fonts are installed in `ctx`.
    fonts_installed: bool,
}

impl VsmapApp {
    /// The app on a document.
    pub fn with_document(doc: Document) -> VsmapApp {
        VsmapApp {
            state: AppState::with_document(doc),
            canvas: Canvas::default(),
            outline_rows: Default::default(),
            findings_rows: Default::default(),
            picker: Box::new(RfdPicker),
            queue: Vec::new(),
            title_sent: String::new(),
            ctx: egui::Context::default(),
            fonts_installed: false,
        }
    }

    /// The app as eframe starts it: `file` if given, else the last file, else the example.
    pub fn new(cc: &eframe::CreationContext<'_>, file: Option<PathBuf>) -> VsmapApp {
        let persisted: Persisted = cc
            .storage
            .and_then(|s| eframe::get_value(s, STORAGE_KEY))
            .unwrap_or_default();
        let mut app = VsmapApp::with_document(Document::example());
        app.state.recent = persisted.recent;
        app.state.panels = persisted.panels.unwrap_or_default();
        app.state.highlight_findings = persisted.highlight_findings.unwrap_or_default();
        app.state.view = persisted.view.unwrap_or_default();
        app.state.theme = persisted.theme.unwrap_or_default();
        cc.egui_ctx.set_theme(app.state.theme.preference());
        let explicit = file.is_some();
        if let Some(path) = file.or(persisted.last_file.filter(|p| p.exists())) {
            match Document::open(&path) {
                Ok(doc) => app.state.doc = doc,
                // An explicit file that fails is reported; a stale last file is silently skipped.
                Err(e) if explicit => app.state.dialogs.error = Some(e.to_string()),
                Err(_) => {}
            }
        }
        match crate::io::recovery::RecoveryStore::from_env() {
            Some(store) => app.set_recovery_store(&store),
            None => {
                app.state.status = "No data folder for recovery copies: autosave is off".into();
            }
        }
        if let Some(guard) = app.state.recovery.guard() {
            guard.install_panic_hook();
        }
        app
    }

    /// Autosaves into `store` from now on, and offers the copies that
    /// editors which are no longer running left there.
    pub fn set_recovery_store(&mut self, store: &crate::io::recovery::RecoveryStore) {
        match self.state.recovery.start(store) {
            Ok(orphans) => self.state.recovery.offers.extend(orphans),
            Err(e) => {
                self.state.status =
                    format!("Autosave is off: cannot use {}: {e}", store.dir().display());
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

    /// The application state, read-only.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// The open document.
    pub fn doc(&self) -> &Document {
        &self.state.doc
    }

    /// The canvas, read-only (its view and what it last drew).
    pub fn canvas(&self) -> &Canvas {
        &self.canvas
    }

    /// The window title: map name, file path, and a dot when unsaved.
    pub fn title(&self) -> String {
        self.state.title()
    }

    /// Draws one frame and applies what it asked for.
    pub fn ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if !self.fonts_installed || self.ctx != ctx {
            super::fonts::install_fonts(&ctx);
            self.fonts_installed = true;
        }
        self.ctx = ctx.clone();
        let theme = Theme::for_ctx(&ctx);

        // What happened outside the window since the last frame.
        let focus = self.state.recovery.track_focus(&ctx);
        if focus.gained {
            self.offer_reload();
        }
        self.poll_file_dialog();
        self.handle_dropped_files(&ctx);
        self.receive_screenshot(&ctx);
        self.handle_close_request(&ctx);

        // The views draw the state as it is and say what should change.
        let actions = self.views_ui(ui, &theme);
        self.queue.extend(actions);
        self.apply_queue();

        self.state
            .recovery
            .autosave(&self.state.doc, &ctx, focus.lost);
        if let Some(error) = self.state.recovery.error.take() {
            self.state.status = error;
        }
        self.update_title(&ctx);
    }

    /// Every view of the frame, drawn from the state, with the actions they return.
    fn views_ui(&mut self, ui: &mut egui::Ui, theme: &Theme) -> Vec<Action> {
        let ctx = ui.ctx().clone();
        let state = &self.state;
        let mut actions = super::keys::key_actions(&ctx, state, &self.canvas);
        if state.presentation.is_some() {
            // Presenting: no editing chrome, no editing shortcuts.
            actions.extend(super::present::presentation_ui(
                ui,
                state,
                &mut self.canvas,
                theme,
            ));
            actions.extend(super::dialogs::dialogs_ui(&ctx, state, theme));
            return actions;
        }
        actions.extend(panels::menu_bar::menu_bar_ui(ui, state));
        actions.extend(panels::toolbar::toolbar_ui(ui, state));
        let zoom = self.canvas.transform().zoom;
        panels::status_bar::status_bar_ui(ui, state, zoom, theme);
        if state.panels.findings {
            actions.extend(panels::findings::findings_ui(
                ui,
                state,
                &mut self.findings_rows,
                theme,
            ));
        } else if state.hovered_finding.is_some() {
            // A hidden panel has no row under the pointer.
            actions.push(Action::HoverFinding(None));
        }
        if !state.view.teams_view {
            actions.extend(panels::timeline::timeline_ui(ui, state, theme));
        }
        if state.compare.is_some() {
            actions.extend(panels::changes::changes_ui(ui, state, theme));
        } else if state.panels.outline {
            actions.extend(panels::outline::outline_ui(
                ui,
                state,
                &mut self.outline_rows,
            ));
        }
        if state.panels.inspector {
            actions.extend(panels::inspector::inspector_ui(ui, state, theme));
        }
        let canvas = &mut self.canvas;
        let shown = state.shown();
        let editable = shown.source == super::state::CanvasSource::Open;
        let mut drawn = egui::CentralPanel::no_frame()
            .show(ui, |ui| canvas.canvas_ui(ui, &shown, theme))
            .inner;
        if !editable {
            // The compared map and the overlay are read-only: keep selection
            // and navigation, drop anything that would edit.
            drawn.retain(|a| {
                !matches!(
                    a,
                    Action::Edit { .. } | Action::AddServiceAt(..) | Action::ApplyFix(_)
                )
            });
        }
        actions.extend(drawn);
        actions.extend(super::dialogs::dialogs_ui(&ctx, state, theme));
        // A Fix menu names the fix under the pointer on every frame it is
        // there: when none does, the preview goes; while the same one does,
        // nothing changes (and nothing is redrawn for it).
        let hovering = actions
            .iter()
            .any(|a| matches!(a, Action::PreviewFix(Some(_))));
        match &state.fix_preview {
            Some(_) if !hovering => actions.push(Action::PreviewFix(None)),
            Some(preview) if preview.revision == state.doc.revision() => {
                actions.retain(|a| !matches!(a, Action::PreviewFix(Some(f)) if *f == preview.fix));
            }
            _ => {}
        }
        actions
    }

    /// Applies an action now, with what follows any change (the comparison
    /// brought up to date), as the end of a frame would.
    pub fn act_now(&mut self, action: Action) {
        self.queue.push(action);
        self.apply_queue();
    }

    /// Brings the canvas's graph up to date with what the state shows, as
    /// the next frame would; returns whether anything changed. (For
    /// measuring the cost of an edit without drawing.)
    pub fn sync_canvas(&mut self, theme: &Theme) -> bool {
        let shown = self.state.shown();
        self.canvas.sync(&shown, theme)
    }

    /// Applies the queued actions, and those they queue in turn, this frame:
    /// nothing lands a frame late.
    fn apply_queue(&mut self) {
        let mut rounds = 0;
        let mut applied = false;
        while !self.queue.is_empty() && rounds < MAX_ACTION_ROUNDS {
            for action in std::mem::take(&mut self.queue) {
                self.apply(action);
                applied = true;
            }
            rounds += 1;
        }
        if applied {
            // The comparison follows the open map as it is edited.
            if let Some(compare) = &mut self.state.compare {
                compare.refresh(&self.state.doc);
            }
            // The views above drew the state before these changes.
            self.ctx.request_repaint();
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = self.state.title();
        if title != self.title_sent {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.title_sent = title;
        }
    }
}

impl eframe::App for VsmapApp {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        VsmapApp::ui(self, ui);
        if matches!(self.state.pending_png, Some((_, ExportFormat::Png2x))) {
            self.export_png_offscreen(frame, 2.0);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        let persisted = Persisted {
            recent: self.state.recent.clone(),
            last_file: self.state.doc.path.clone(),
            panels: Some(self.state.panels),
            highlight_findings: Some(self.state.highlight_findings),
            view: Some(self.state.view),
            // Presenting in the other theme does not change the app's own.
            theme: Some(
                self.state
                    .theme_after_presenting
                    .unwrap_or(self.state.theme),
            ),
        };
        eframe::set_value(storage, STORAGE_KEY, &persisted);
    }

    fn on_exit(&mut self) {
        // A clean exit leaves no recovery copy. The window only closes with
        // unsaved changes when the user chose to discard them.
        if self.state.allow_close || !self.state.doc.is_dirty() {
            self.state.recovery.end();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::ui::state::LinksShown;

    /// eframe's storage, in memory.
    #[derive(Default)]
    struct Memory(HashMap<String, String>);

    impl eframe::Storage for Memory {
        fn get_string(&self, key: &str) -> Option<String> {
            self.0.get(key).cloned()
        }
        fn set_string(&mut self, key: &str, value: String) {
            self.0.insert(key.to_string(), value);
        }
        fn remove_string(&mut self, key: &str) {
            self.0.remove(key);
        }
        fn flush(&mut self) {}
    }

    #[test]
    fn the_view_toggles_are_remembered_across_runs() {
        let view = ViewSettings {
            links: LinksShown::None,
            streams: false,
            team_zones: false,
            link_labels: true,
            teams_view: true,
        };
        let mut store = Memory::default();
        let saved = Persisted {
            recent: vec![PathBuf::from("a.vsmap.json")],
            last_file: None,
            panels: Some(PanelVisibility::default()),
            highlight_findings: Some(true),
            view: Some(view),
            theme: Some(ThemeChoice::Light),
        };
        eframe::set_value(&mut store, STORAGE_KEY, &saved);
        let loaded: Persisted = eframe::get_value(&store, STORAGE_KEY).unwrap();
        assert_eq!(loaded.view, Some(view));
        assert_eq!(loaded.recent, saved.recent);
        // What an older version saved, without the toggles, still loads.
        let old = Memory(HashMap::from([(
            STORAGE_KEY.to_string(),
            "(recent: [], last_file: None, panels: None)".to_string(),
        )]));
        let loaded: Persisted = eframe::get_value(&old, STORAGE_KEY).unwrap();
        assert_eq!(loaded.view, None);
    }
}
