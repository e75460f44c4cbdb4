//! Documents and files: the unsaved-changes guard, opening, saving (with
//! the changed-on-disk check), recovery copies, file dialogs, exports and
//! dropped files. The same `VsmapApp`, split from `mod.rs` to keep each file
//! one room.

use super::*;

impl VsmapApp {
    /// Runs `after` now, or asks about unsaved changes first.
    pub fn guard_unsaved(&mut self, after: AfterPrompt) {
        if self.doc.is_dirty() {
            self.dialogs.unsaved = Some(after);
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
                self.pending_pick = Some(self.picker.pick(PickPurpose::Open, "", &self.ctx.clone()))
            }
            AfterPrompt::OpenPath(path) => self.open_now(&path),
            AfterPrompt::OpenExample => self.replace_document(Document::example()),
            AfterPrompt::Import(source) => {
                let purpose = PickPurpose::Import(source);
                self.pending_pick = Some(self.picker.pick(purpose, "", &self.ctx.clone()));
            }
            AfterPrompt::ImportPath(source, path) => {
                crate::ui::import::import_chosen(self, source, &path);
            }
            AfterPrompt::Quit => {
                self.allow_close = true;
                self.ctx
                    .clone()
                    .send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Saves, then carries out `after` if the save succeeded ("Save" in the unsaved prompt).
    pub fn save_then(&mut self, after: AfterPrompt) {
        match self.doc.path.clone() {
            Some(path) => self.save_checked(path, Some(after)),
            None => {
                self.after_save = Some(after);
                self.pending_pick = Some(self.picker.pick(
                    PickPurpose::Save,
                    &self.suggested_file_name(),
                    &self.ctx.clone(),
                ));
            }
        }
    }

    /// Puts `doc` in place of the open map (the caller has dealt with unsaved changes).
    pub(crate) fn replace_document(&mut self, mut doc: Document) {
        // Every document counts revisions from 0: carry on from the old one so
        // that views caching by revision (outline, findings) see a change.
        doc.set_revision(self.doc.revision() + 1);
        self.doc = doc;
        self.recovery.reset();
        // A comparison was with the map that is going away.
        self.compare = None;
        self.canvas.diff_marks = None;
        self.canvas.source = 0;
        self.selection = Selection::None;
        self.expanded_finding = None;
        self.canvas.reset_view();
    }

    /// Compares the open map with the map in `path` (read-only).
    pub fn compare_with(&mut self, path: &Path) {
        match crate::io::load_file(path) {
            Ok(map) => {
                self.compare = Some(crate::ui::compare::Compare::new(
                    map,
                    Some(path.to_path_buf()),
                ));
                self.canvas.request_fit();
                self.status = format!("Comparing with {}", path.display());
            }
            Err(e) => self.dialogs.error = Some(e.to_string()),
        }
    }

    /// Loads a file; on failure the current map is untouched and the error shown.
    pub fn open_now(&mut self, path: &Path) {
        match Document::open(path) {
            Ok(doc) => {
                self.replace_document(doc);
                self.remember_recent(path);
                self.status = format!("Opened {}", path.display());
            }
            Err(e) => self.dialogs.error = Some(e.to_string()),
        }
    }

    /// Saves to the map's own file, then carries out `after`; but if the
    /// file changed on disk since it was opened or saved, asks first
    /// (Overwrite, Save as…, Reload) instead of clobbering that change.
    pub fn save_checked(&mut self, path: PathBuf, after: Option<AfterPrompt>) {
        if self.doc.path.as_deref() == Some(path.as_path())
            && crate::ui::recovery::changed_on_disk(&self.doc)
        {
            self.dialogs.conflict = Some(crate::ui::recovery::Conflict {
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
        self.after_save = after;
        let ctx = self.ctx.clone();
        self.start_pick(PickPurpose::Save, &ctx);
    }

    /// Saves to `path`; returns whether it worked. A failed save keeps the
    /// map open and unsaved, says why, and makes sure the recovery copy has
    /// every change.
    pub fn save_to(&mut self, path: &Path) -> bool {
        match crate::io::save_file_stamped(self.doc.map(), path) {
            Ok(stamp) => {
                self.doc.path = Some(path.to_path_buf());
                self.doc.disk = Some(stamp);
                self.doc.history.mark_saved();
                self.remember_recent(path);
                self.status = format!("Saved {}", path.display());
                true
            }
            Err(e) => {
                let ctx = self.ctx.clone();
                let kept = if self.recovery.checkpoint(&self.doc, &ctx) {
                    let dir = self.recovery.store().map(|s| s.dir().display().to_string());
                    format!(
                        "Your changes are still open, unsaved, and a recovery copy is in {}.",
                        dir.unwrap_or_default()
                    )
                } else {
                    "Your changes are still open, unsaved.".to_string()
                };
                self.dialogs.error = Some(format!("{e}\n\n{kept}"));
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
                let ctx = self.ctx.clone();
                if self.recovery.checkpoint(&self.doc, &ctx)
                    && let Some(store) = self.recovery.store()
                {
                    let _ = store.remove(&entry);
                }
                self.status = format!(
                    "Restored the unsaved changes to {}",
                    crate::ui::shapes::elide(&self.doc.display_name(), 80)
                );
            }
            Err(e) => self.dialogs.error = Some(format!("Cannot restore: {e}")),
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
        self.recovery.saving = Some(entry);
        self.pending_pick = Some(self.picker.pick(
            PickPurpose::SaveRecovered,
            &suggested,
            &self.ctx.clone(),
        ));
    }

    /// Writes the copy being saved (see [`Self::save_recovered_as`]) to `path`.
    pub fn save_recovered_to(&mut self, path: &Path) {
        let Some(entry) = self.recovery.saving.take() else {
            return;
        };
        let path = with_extension(path.to_path_buf());
        let result = entry
            .load()
            .map_err(|e| e.to_string())
            .and_then(|map| crate::io::save_file(&map, &path).map_err(|e| e.to_string()));
        match result {
            Ok(()) => {
                if let Some(store) = self.recovery.store() {
                    let _ = store.remove(&entry);
                }
                self.remember_recent(&path);
                self.status = format!("Saved the recovered changes to {}", path.display());
            }
            Err(e) => {
                // Kept: offered again, now or at the next start.
                self.recovery.offers.push_front(entry);
                self.dialogs.error = Some(e);
            }
        }
    }

    /// Deletes a crashed editor's copy.
    pub fn discard_recovered(&mut self, entry: &crate::io::recovery::RecoveryEntry) {
        if let Some(store) = self.recovery.store()
            && let Err(e) = store.remove(entry)
        {
            self.dialogs.error = Some(format!("{}: {e}", entry.file.display()));
        }
    }

    /// The window got focus back: if nothing is unsaved and the file changed
    /// on disk (another editor, a `git pull`), offer to reload it.
    pub(super) fn offer_reload(&mut self) {
        if self.doc.is_dirty() || self.dialogs.any_open() {
            return;
        }
        let Some(path) = self.doc.path.clone() else {
            return;
        };
        if !crate::ui::recovery::changed_on_disk(&self.doc) {
            return;
        }
        let now = crate::io::FileStamp::read(&path).ok();
        if now.is_some() && now == self.recovery.reload_declined {
            return;
        }
        self.dialogs.reload = Some(path);
    }

    pub(super) fn suggested_file_name(&self) -> String {
        let stem = crate::model::slug_id(&self.doc.display_name(), |_| false);
        format!("{stem}{}", crate::io::EXTENSION)
    }

    pub(super) fn start_pick(&mut self, purpose: PickPurpose, ctx: &egui::Context) {
        let suggested = match purpose {
            PickPurpose::Export(format) => crate::ui::export::suggested_name(self, format)
                .display()
                .to_string(),
            _ => self.suggested_file_name(),
        };
        self.pending_pick = Some(self.picker.pick(purpose, &suggested, ctx));
    }

    /// Writes an export to `path`. PNG at 1x asks eframe for a screenshot;
    /// at 2x the canvas is rendered again off screen after the next frame.
    pub fn export_to(&mut self, format: ExportFormat, path: &Path) {
        if format.is_png() {
            self.pending_png = Some((path.to_path_buf(), format));
            if format == ExportFormat::Png {
                self.ctx
                    .send_viewport_cmd(
                        egui::ViewportCommand::Screenshot(egui::UserData::default()),
                    );
            }
            self.ctx.request_repaint();
            return;
        }
        match crate::ui::export::write_export(self, format, path) {
            Ok(()) => self.status = format!("Exported {}", path.display()),
            Err(e) => self.dialogs.error = Some(e),
        }
    }

    /// Saves the screenshot eframe delivers after an Export ▸ PNG, cropped
    /// to the canvas.
    pub(super) fn receive_screenshot(&mut self, ctx: &egui::Context) {
        if !matches!(self.pending_png, Some((_, ExportFormat::Png))) {
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
            && let Some((path, _)) = self.pending_png.take()
        {
            let image =
                crate::ui::export::crop_to(&image, self.canvas.rect, ctx.pixels_per_point());
            match crate::ui::export::save_png(&image, &path) {
                Ok(()) => self.status = format!("Exported {}", path.display()),
                Err(e) => self.dialogs.error = Some(format!("{}: {e}", path.display())),
            }
        }
    }

    /// Renders the canvas as it was just drawn at `scale` times the window's
    /// density and saves it where the pending export asked.
    pub(super) fn export_png_offscreen(&mut self, frame: &eframe::Frame, scale: f32) {
        let Some((path, _)) = self.pending_png.take() else {
            return;
        };
        let Some(render_state) = frame.wgpu_render_state() else {
            self.dialogs.error = Some(format!(
                "{}: PNG at 2x needs the wgpu renderer, which this window does not use; export at 1x or as SVG",
                path.display()
            ));
            return;
        };
        let (shapes, rect) = self.canvas.painted();
        let result =
            crate::ui::offscreen::render_shapes(render_state, &self.ctx, shapes, rect, scale)
                .map_err(|e| e.to_string())
                .and_then(|image| crate::ui::export::save_png(&image, &path));
        match result {
            Ok(()) => self.status = format!("Exported {}", path.display()),
            Err(e) => self.dialogs.error = Some(format!("{}: {e}", path.display())),
        }
    }

    pub(super) fn poll_file_dialog(&mut self) {
        let Some(pending) = &self.pending_pick else {
            return;
        };
        let Some(outcome) = pending.poll() else {
            return;
        };
        let purpose = pending.purpose;
        self.pending_pick = None;
        match (outcome, purpose) {
            (PickOutcome::Chosen(path), PickPurpose::Open) => self.open_now(&path),
            (PickOutcome::Chosen(path), PickPurpose::Compare) => self.compare_with(&path),
            (PickOutcome::Chosen(path), PickPurpose::Import(source)) => {
                crate::ui::import::import_chosen(self, source, &path)
            }
            (PickOutcome::Chosen(path), PickPurpose::Export(format)) => {
                self.export_to(format, &path)
            }
            (PickOutcome::Chosen(path), PickPurpose::SaveRecovered) => {
                self.save_recovered_to(&path)
            }
            (PickOutcome::Cancelled, PickPurpose::SaveRecovered) => {
                // Back to its prompt.
                if let Some(entry) = self.recovery.saving.take() {
                    self.recovery.offers.push_front(entry);
                }
            }
            (PickOutcome::Chosen(path), PickPurpose::Save) => {
                let path = with_extension(path);
                if self.save_to(&path)
                    && let Some(after) = self.after_save.take()
                {
                    self.proceed(after);
                }
            }
            (PickOutcome::Cancelled, _) => self.after_save = None,
            (PickOutcome::Unavailable, purpose) => {
                // rfd returned at once: no dialog could be shown. Say so and
                // offer a path field, rather than looking like a cancel.
                let suggested = match purpose {
                    PickPurpose::Export(format) => {
                        Some(crate::ui::export::suggested_name(self, format))
                    }
                    PickPurpose::Import(_) => None,
                    PickPurpose::SaveRecovered => self
                        .recovery
                        .saving
                        .as_ref()
                        .and_then(|e| e.original.clone()),
                    _ => self.doc.path.clone(),
                };
                self.dialogs.path_field = Some(crate::ui::dialogs::PathField::new(
                    purpose,
                    suggested.as_deref(),
                ));
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
                self.guard_unsaved(AfterPrompt::ImportPath(
                    crate::ui::import::ImportSource::Backstage,
                    path,
                ));
            } else {
                self.act(Action::OpenPath(path));
            }
        }
    }

    pub(super) fn handle_close_request(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && !self.allow_close && self.doc.is_dirty()
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.dialogs.unsaved = Some(AfterPrompt::Quit);
        }
    }

    pub(super) fn remember_recent(&mut self, path: &Path) {
        let path = path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        self.recent.retain(|p| p != &path);
        self.recent.insert(0, path);
        self.recent.truncate(MAX_RECENT);
    }
}
