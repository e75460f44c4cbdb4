//! Documents and files: the unsaved-changes guard, opening, saving (with
//! the changed-on-disk check), comparing, recovery copies, file dialogs,
//! exports and dropped files.

use std::path::{Path, PathBuf};

use crate::ui::state::{
    AfterPrompt, Compare, Conflict, Document, ExportFormat, ImportSource, PathField, PickOutcome,
    PickPurpose, Selection, changed_on_disk,
};

use super::VsmapApp;

/// How many recently opened files File ▸ Open recent lists.
const MAX_RECENT: usize = 10;

impl VsmapApp {
    /// Runs `after` now, or asks about unsaved changes first.
    pub fn guard_unsaved(&mut self, after: AfterPrompt) {
        if self.state.doc.is_dirty() {
            self.state.dialogs.unsaved = Some(after);
        } else {
            self.proceed(after);
        }
    }

    /// Carries out what a prompt was guarding, unsaved changes having been dealt with.
    pub fn proceed(&mut self, after: AfterPrompt) {
        match after {
            AfterPrompt::New => {
                self.replace_document(Document::new(
                    crate::model::Map {
                        name: "Untitled map".into(),
                        ..Default::default()
                    },
                    None,
                ));
            }
            AfterPrompt::Open => {
                self.state.pending_pick = Some(self.picker.pick(PickPurpose::Open, "", &self.ctx))
            }
            AfterPrompt::OpenPath(path) => self.open_now(&path),
            AfterPrompt::OpenExample => self.replace_document(Document::example()),
            AfterPrompt::Import(source) => {
                let purpose = PickPurpose::Import(source);
                self.state.pending_pick = Some(self.picker.pick(purpose, "", &self.ctx));
            }
            AfterPrompt::ImportPath(source, path) => {
                self.import_chosen(source, &path);
            }
            AfterPrompt::DraftProposal(rules) => self.draft_proposal_now(rules),
            AfterPrompt::Quit => {
                self.state.allow_close = true;
                self.ctx
                    .clone()
                    .send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Saves, then carries out `after` if the save succeeded ("Save" in the unsaved prompt).
    pub fn save_then(&mut self, after: AfterPrompt) {
        match self.state.doc.path.clone() {
            Some(path) => self.save_checked(path, Some(after)),
            None => {
                self.state.after_save = Some(after);
                let suggested = self.suggested_file_name();
                self.state.pending_pick =
                    Some(self.picker.pick(PickPurpose::Save, &suggested, &self.ctx));
            }
        }
    }

    /// Puts `doc` in place of the open map (the caller has dealt with unsaved changes).
    pub(super) fn replace_document(&mut self, doc: Document) {
        self.state.doc = doc;
        self.state.recovery.reset();
        // A comparison was with the map that is going away.
        self.state.compare = None;
        self.state.selection = Selection::None;
        self.state.expanded_finding = None;
        self.canvas.reset_view();
    }

    /// Compares the open map with the map in `path` (read-only).
    pub fn compare_with(&mut self, path: &Path) {
        match crate::io::load_file(path) {
            Ok(map) => {
                self.compare_with_map(map, Some(path.to_path_buf()));
                self.state.status = format!("Comparing with {}", path.display());
            }
            Err(e) => self.state.dialogs.error = Some(e.to_string()),
        }
    }

    /// Compares the open map with `before` (read-only), loaded from `path`.
    pub fn compare_with_map(&mut self, before: crate::model::Map, path: Option<PathBuf>) {
        let mut compare = Compare::new(before, path);
        compare.refresh(&self.state.doc);
        self.state.compare = Some(compare);
        self.canvas.request_fit();
    }

    /// Opens File ▸ Map history for the open file (saved, in a repository).
    pub(super) fn open_history(&mut self) {
        let Some(file) = self.state.doc.path.clone() else {
            self.state.status =
                "The map has no file yet: save it in a git repository to see its history".into();
            return;
        };
        let versions =
            crate::history::history(&file, None, self.state.doc.today()).map_err(|e| e.to_string());
        self.state.dialogs.history = Some(crate::ui::state::HistoryWindow { file, versions });
    }

    /// Compares the open map with its file as it was at `commit`.
    pub(super) fn compare_with_revision(&mut self, commit: &str, path: &str) {
        let Some(file) = self.state.doc.path.clone() else {
            return;
        };
        match crate::history::map_at(&file, commit, path) {
            Ok(map) => {
                let short = commit.get(..8).unwrap_or(commit);
                self.compare_with_map(map, None);
                self.state.status = format!("Comparing with {path} at {short}");
            }
            Err(e) => self.state.dialogs.error = Some(e.to_string()),
        }
    }

    /// Loads a file; on failure the current map is untouched and the error shown.
    pub fn open_now(&mut self, path: &Path) {
        match Document::open(path) {
            Ok(doc) => {
                self.replace_document(doc);
                self.remember_recent(path);
                self.state.status = format!("Opened {}", path.display());
            }
            Err(e) => self.state.dialogs.error = Some(e.to_string()),
        }
    }

    /// Saves to the map's own file, then carries out `after`; but if the
    /// file changed on disk since it was opened or saved, asks first
    /// (Overwrite, Save as…, Reload) instead of clobbering that change.
    pub fn save_checked(&mut self, path: PathBuf, after: Option<AfterPrompt>) {
        if self.state.doc.path.as_deref() == Some(path.as_path())
            && changed_on_disk(&self.state.doc)
        {
            self.state.dialogs.conflict = Some(Conflict {
                path,
                after,
                confirm_reload: false,
            });
            return;
        }
        self.overwrite(&path, after);
    }

    /// Saves to `path` whatever is there, then carries out `after` if the
    /// save worked ("Overwrite" in the changed-on-disk prompt).
    pub fn overwrite(&mut self, path: &Path, after: Option<AfterPrompt>) {
        if self.save_to(path)
            && let Some(after) = after
        {
            self.proceed(after);
        }
    }

    /// Asks where to save, then carries out `after` once saved.
    pub fn save_as_then(&mut self, after: Option<AfterPrompt>) {
        self.state.after_save = after;
        self.start_pick(PickPurpose::Save);
    }

    /// The open map's folder, made absolute: where typed paths and exports
    /// without a dialog start. `None` for a map never saved.
    pub(super) fn map_folder(&self) -> Option<PathBuf> {
        let dir = self.state.doc.path.as_deref()?.parent()?;
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        std::path::absolute(dir).ok()
    }

    /// Saves to `path`; returns whether it worked. A failed save keeps the
    /// map open and unsaved, says why, and makes sure the recovery copy has
    /// every change.
    pub fn save_to(&mut self, path: &Path) -> bool {
        match crate::io::save_file_stamped(self.state.doc.map(), path) {
            Ok(stamp) => {
                self.state.doc.path = Some(path.to_path_buf());
                self.state.doc.disk = Some(stamp);
                self.state.doc.history.mark_saved();
                self.remember_recent(path);
                self.state.status = format!("Saved {}", full_path(path).display());
                true
            }
            Err(e) => {
                let nothing = format!("Nothing was written to {}.", path.display());
                if !self.state.doc.is_dirty()
                    && let Some(saved) = &self.state.doc.path
                {
                    // Nothing is at risk: say so rather than alarm.
                    self.state.dialogs.error = Some(format!(
                        "{e}\n\n{nothing} The map has no unsaved changes: it is as saved in {}.",
                        saved.display()
                    ));
                    return false;
                }
                let kept = if self.state.recovery.checkpoint(&self.state.doc, &self.ctx) {
                    let dir = self
                        .state
                        .recovery
                        .store()
                        .map(|s| s.dir().display().to_string());
                    format!(
                        "Your changes are still open, unsaved, and a recovery copy is in {}.",
                        dir.unwrap_or_default()
                    )
                } else {
                    "Your changes are still open, unsaved.".to_string()
                };
                self.state.dialogs.error = Some(format!("{e}\n\n{nothing} {kept}"));
                false
            }
        }
    }

    /// Opens a crashed editor's copy: the map with its unsaved changes, to
    /// be saved to its own file (which Save checks for changes made since).
    pub fn restore(&mut self, entry: crate::io::recovery::RecoveryEntry) {
        match entry.load() {
            Ok(map) => {
                let mut doc = Document::new(map, entry.original.clone());
                doc.disk = entry.original_stamp.clone();
                doc.history.mark_unsaved();
                self.replace_document(doc);
                if let Some(path) = &entry.original {
                    self.remember_recent(path);
                }
                // The changes are this session's now: the old copy goes only
                // once they are safe in this session's own.
                if self.state.recovery.checkpoint(&self.state.doc, &self.ctx)
                    && let Some(store) = self.state.recovery.store()
                {
                    let _ = store.remove(&entry);
                }
                self.state.status = format!(
                    "Restored the unsaved changes to {}",
                    crate::text::elide(&self.state.doc.display_name(), MAX_NAME_SHOWN)
                );
            }
            Err(e) => self.state.dialogs.error = Some(format!("Cannot restore: {e}")),
        }
    }

    /// Asks where to save a crashed editor's copy, leaving the open map as it is.
    pub fn save_recovered_as(&mut self, entry: crate::io::recovery::RecoveryEntry) {
        let suggested = entry
            .original
            .as_ref()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| {
                let stem = crate::model::slug_id(&entry.name, |_| false);
                format!("{stem}{}", crate::io::EXTENSION)
            });
        self.state.recovery.saving = Some(entry);
        self.state.pending_pick = Some(self.picker.pick(
            PickPurpose::SaveRecovered,
            &suggested,
            &self.ctx,
        ));
    }

    /// Writes the copy being saved (see [`Self::save_recovered_as`]) to `path`.
    pub fn save_recovered_to(&mut self, path: &Path) {
        let Some(entry) = self.state.recovery.saving.take() else {
            return;
        };
        let path = with_extension(path.to_path_buf());
        let result = entry
            .load()
            .map_err(|e| e.to_string())
            .and_then(|map| crate::io::save_file(&map, &path).map_err(|e| e.to_string()));
        match result {
            Ok(()) => {
                if let Some(store) = self.state.recovery.store() {
                    let _ = store.remove(&entry);
                }
                self.remember_recent(&path);
                self.state.status = format!("Saved the recovered changes to {}", path.display());
            }
            Err(e) => {
                // Kept: offered again, now or at the next start.
                self.state.recovery.offers.push_front(entry);
                self.state.dialogs.error = Some(e);
            }
        }
    }

    /// Deletes a crashed editor's copy.
    pub fn discard_recovered(&mut self, entry: &crate::io::recovery::RecoveryEntry) {
        if let Some(store) = self.state.recovery.store()
            && let Err(e) = store.remove(entry)
        {
            self.state.dialogs.error = Some(format!("{}: {e}", entry.file.display()));
        }
    }

    /// The window got focus back: if nothing is unsaved and the file changed
    /// on disk (another editor, a `git pull`), offer to reload it.
    pub(super) fn offer_reload(&mut self) {
        if self.state.doc.is_dirty() || self.state.dialogs.any_open() {
            return;
        }
        let Some(path) = self.state.doc.path.clone() else {
            return;
        };
        if !changed_on_disk(&self.state.doc) {
            return;
        }
        let now = crate::io::FileStamp::read(&path).ok();
        if now.is_some() && now == self.state.recovery.reload_declined {
            return;
        }
        self.state.dialogs.reload = Some(path);
    }

    pub(super) fn suggested_file_name(&self) -> String {
        let stem = crate::model::slug_id(&self.state.doc.display_name(), |_| false);
        format!("{stem}{}", crate::io::EXTENSION)
    }

    pub(super) fn start_pick(&mut self, purpose: PickPurpose) {
        let suggested = match purpose {
            PickPurpose::Export(format) => super::exports::suggested_name(&self.state, format)
                .display()
                .to_string(),
            _ => self.suggested_file_name(),
        };
        self.state.pending_pick = Some(self.picker.pick(purpose, &suggested, &self.ctx));
    }

    /// Writes an export to `path`. PNG at 1x asks eframe for a screenshot;
    /// at 2x the canvas is rendered again off screen after the next frame.
    pub fn export_to(&mut self, format: ExportFormat, path: &Path) {
        if format.is_png() {
            self.state.pending_png = Some((path.to_path_buf(), format));
            if format == ExportFormat::Png {
                self.ctx
                    .send_viewport_cmd(
                        egui::ViewportCommand::Screenshot(egui::UserData::default()),
                    );
            }
            self.ctx.request_repaint();
            return;
        }
        match super::exports::write_export(&self.state, format, path) {
            Ok(()) => self.state.status = format!("Exported {}", full_path(path).display()),
            Err(e) => self.state.dialogs.error = Some(e),
        }
    }

    /// Saves the screenshot eframe delivers after an Export ▸ PNG, cropped
    /// to the canvas.
    pub(super) fn receive_screenshot(&mut self, ctx: &egui::Context) {
        if !matches!(self.state.pending_png, Some((_, ExportFormat::Png))) {
            return;
        }
        // The capture arrives a frame or two later; keep frames coming until then.
        ctx.request_repaint_after(std::time::Duration::from_millis(30));
        let image = ctx.input(|i| {
            i.raw.events.iter().find_map(|e| match e {
                egui::Event::Screenshot { image, .. } => Some(image.clone()),
                _ => None,
            })
        });
        // Only once the image is here is the pending path taken.
        if let Some(image) = image
            && let Some((path, _)) = self.state.pending_png.take()
        {
            let image = super::exports::crop_to(&image, self.canvas.rect(), ctx.pixels_per_point());
            match super::exports::save_png(&image, &path) {
                Ok(()) => self.state.status = format!("Exported {}", full_path(&path).display()),
                Err(e) => self.state.dialogs.error = Some(format!("{}: {e}", path.display())),
            }
        }
    }

    /// Renders the canvas as it was just drawn at `scale` times the window's
    /// density and saves it where the pending export asked.
    pub(super) fn export_png_offscreen(&mut self, frame: &eframe::Frame, scale: f32) {
        let Some((path, _)) = self.state.pending_png.take() else {
            return;
        };
        let Some(render_state) = frame.wgpu_render_state() else {
            self.state.dialogs.error = Some(format!(
                "{}: PNG at 2x needs the wgpu renderer, which this window does not use; export at 1x or as SVG",
                path.display()
            ));
            return;
        };
        let (shapes, rect) = self.canvas.painted();
        let result =
            crate::ui::offscreen::render_shapes(render_state, &self.ctx, shapes, rect, scale)
                .map_err(|e| e.to_string())
                .and_then(|image| super::exports::save_png(&image, &path));
        match result {
            Ok(()) => self.state.status = format!("Exported {}", full_path(&path).display()),
            Err(e) => self.state.dialogs.error = Some(format!("{}: {e}", path.display())),
        }
    }

    pub(super) fn poll_file_dialog(&mut self) {
        let Some(pending) = &self.state.pending_pick else {
            return;
        };
        let Some(outcome) = pending.poll() else {
            return;
        };
        let purpose = pending.purpose;
        self.state.pending_pick = None;
        match outcome {
            PickOutcome::Chosen(path) => self.picked(purpose, path),
            PickOutcome::Cancelled => {
                self.state.after_save = None;
                if purpose == PickPurpose::SaveRecovered {
                    // Back to its prompt.
                    if let Some(entry) = self.state.recovery.saving.take() {
                        self.state.recovery.offers.push_front(entry);
                    }
                }
            }
            PickOutcome::Unavailable => {
                // rfd returned at once: no dialog could be shown. Say so and
                // offer a path field, rather than looking like a cancel.
                let suggested = match purpose {
                    PickPurpose::Export(format) => {
                        Some(super::exports::suggested_name(&self.state, format))
                    }
                    PickPurpose::Import(_) => None,
                    PickPurpose::SaveRecovered => self
                        .state
                        .recovery
                        .saving
                        .as_ref()
                        .and_then(|e| e.original.clone()),
                    _ => self.state.doc.path.clone(),
                };
                self.state.dialogs.path_field = Some(PathField::new(purpose, suggested.as_deref()));
            }
        }
    }

    pub(super) fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .filter(|p| !p.as_os_str().is_empty())
                .collect()
        });
        if let Some(path) = dropped.into_iter().next() {
            // A folder is a Backstage catalog; a file is a map.
            if path.is_dir() {
                self.guard_unsaved(AfterPrompt::ImportPath(ImportSource::Backstage, path));
            } else {
                self.guard_unsaved(AfterPrompt::OpenPath(path));
            }
        }
    }

    pub(super) fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested())
            && !self.state.allow_close
            && self.state.doc.is_dirty()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.state.dialogs.unsaved = Some(AfterPrompt::Quit);
        }
    }

    pub(super) fn remember_recent(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        self.state.recent.retain(|p| p != &path);
        self.state.recent.insert(0, path);
        self.state.recent.truncate(MAX_RECENT);
    }
}

/// The longest map name a status message quotes, in characters.
const MAX_NAME_SHOWN: usize = 80;

/// `path`, with the map extension added unless it already ends in `.json`.
pub(super) fn with_extension(path: PathBuf) -> PathBuf {
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

impl VsmapApp {
    /// Replaces the open map with an imported one: laid out where the source
    /// gave no positions, without a file, unsaved; shows the report.
    pub(super) fn open_imported(&mut self, mut imported: crate::io::import::Imported) {
        imported.lay_out_with(|map| {
            crate::edit::tidy::tidy_map(map, crate::edit::tidy::Scope::Unplaced)
        });
        let crate::io::import::Imported { map, report } = imported;
        let mut doc = Document::new(map, None);
        doc.history.mark_unsaved();
        self.replace_document(doc);
        let summary = super::import::summary(&report);
        self.state.status = summary.clone();
        self.state.dialogs.import.report = Some(crate::ui::state::ReportDialog {
            title: format!("Imported {}", report.source),
            summary,
            text: report.to_string(),
            new_map: true,
        });
    }
}

/// `path` made absolute for the status line, so that it says exactly where
/// a file went (as given when that cannot be worked out).
fn full_path(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}
