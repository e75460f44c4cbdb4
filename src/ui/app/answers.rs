//! Applying what a dialog was answered: closing it, typing into it, and
//! carrying out the choice it offered.

use std::path::PathBuf;

use crate::edit::ops;
use crate::io::FileStamp;
use crate::ui::state::{Answer, Dialog, ImportSource, PickPurpose};

use super::VsmapApp;

impl VsmapApp {
    /// Closes a dialog without doing what it offers.
    pub(super) fn close_dialog(&mut self, dialog: Dialog) {
        match dialog {
            // Kept on disk: offered again at the next start.
            Dialog::Restore => {
                self.state.recovery.offers.pop_front();
            }
            Dialog::Reload => {
                if let Some(path) = self.state.dialogs.reload.take() {
                    self.state.recovery.reload_declined = FileStamp::read(&path).ok();
                }
            }
            Dialog::Conflict | Dialog::Unsaved => {
                // What the prompt was guarding does not happen.
                self.state.dialogs.close(dialog);
                self.state.after_save = None;
            }
            _ => self.state.dialogs.close(dialog),
        }
    }

    pub(super) fn answer(&mut self, answer: Answer) {
        let dialogs = &mut self.state.dialogs;
        match answer {
            Answer::SaveFirst => {
                if let Some(after) = dialogs.unsaved.take() {
                    self.save_then(after);
                }
            }
            Answer::Discard => {
                if let Some(after) = dialogs.unsaved.take() {
                    self.proceed(after);
                }
            }
            Answer::AllowReason(reason) => {
                if let Some(allow) = &mut dialogs.allow {
                    allow.reason = reason;
                }
            }
            Answer::Allow => self.allow(),
            Answer::PathText(text) => {
                if let Some(field) = &mut dialogs.path_field {
                    field.text = text;
                }
            }
            Answer::SubmitPath => self.submit_path(),
            Answer::PaletteQuery(query) => {
                if let Some(palette) = &mut dialogs.palette {
                    palette.query = query;
                    palette.highlighted = 0;
                }
            }
            Answer::PaletteHighlight(i) => {
                if let Some(palette) = &mut dialogs.palette {
                    palette.highlighted = i;
                }
            }
            Answer::Restore => {
                if let Some(entry) = self.state.recovery.offers.pop_front() {
                    self.restore(entry);
                }
            }
            Answer::SaveRecoveredAs => {
                if let Some(entry) = self.state.recovery.offers.pop_front() {
                    self.save_recovered_as(entry);
                }
            }
            Answer::DiscardRecovered => {
                if let Some(entry) = self.state.recovery.offers.pop_front() {
                    self.discard_recovered(&entry);
                }
            }
            Answer::Overwrite => {
                if let Some(conflict) = dialogs.conflict.take() {
                    self.overwrite(&conflict.path, conflict.after);
                }
            }
            Answer::SaveElsewhere => {
                if let Some(conflict) = dialogs.conflict.take() {
                    self.save_as_then(conflict.after);
                }
            }
            Answer::ConfirmReload(confirm) => {
                if let Some(conflict) = &mut dialogs.conflict {
                    conflict.confirm_reload = confirm;
                }
            }
            Answer::Reload => {
                let path = match (dialogs.conflict.take(), dialogs.reload.take()) {
                    (Some(conflict), _) => Some(conflict.path),
                    (None, reload) => reload,
                };
                if let Some(path) = path {
                    self.open_now(&path);
                }
            }
            Answer::CatalogOptions(options) => {
                if let Some(choice) = &mut dialogs.import.catalog {
                    choice.options = options;
                    choice.imported = super::import::import_backstage(&choice.path, options)
                        .map_err(|e| e.to_string());
                }
            }
            Answer::ImportLevel(level) => {
                if let Some(choice) = &mut dialogs.import.level {
                    choice.level = level;
                }
            }
            Answer::ExcludeTag(tag, exclude) => {
                if let Some(choice) = &mut dialogs.import.level {
                    let mut excluded = choice.excluded.clone();
                    if exclude {
                        excluded.insert(tag);
                    } else {
                        excluded.remove(&tag);
                    }
                    // The file may have changed or gone since it was chosen:
                    // the dialog then shows why, and the previous choice stays.
                    match super::import::import_structurizr(&choice.path, &excluded) {
                        Ok(mut again) => {
                            again.level = choice.level;
                            // Tags of elements left out are still offered, so
                            // they can be taken back.
                            again.tags = choice.tags.clone();
                            *choice = again;
                        }
                        Err(e) => {
                            let message = e.to_string();
                            choice.container = Err(message.clone());
                            choice.system = Err(message);
                        }
                    }
                }
            }
            Answer::Import => self.import_chosen_preview(),
            Answer::DraftRule(rule, chosen) => self.choose_draft_rule(&rule, chosen),
            Answer::Draft => self.draft_chosen(),
        }
    }

    /// Allows the finding the allow dialog names, with the reason typed.
    fn allow(&mut self) {
        let Some(dialog) = self.state.dialogs.allow.take() else {
            return;
        };
        let reason = dialog.reason.trim();
        if reason.is_empty() {
            // Nothing to save yet: the dialog stays.
            self.state.dialogs.allow = Some(dialog);
            return;
        }
        let Some(finding) = self.state.doc.finding(&dialog.finding) else {
            self.state.status = "That finding is gone: the map changed since".into();
            return;
        };
        let edits = ops::allow(
            self.state.doc.map(),
            finding.rule,
            finding.primary().cloned(),
            reason,
        );
        let label = format!("Allow {}", finding.rule);
        self.queue_edit(label, edits, None);
    }

    /// Uses the path typed where no file dialog could be shown.
    fn submit_path(&mut self) {
        let Some(field) = self.state.dialogs.path_field.take() else {
            return;
        };
        let text = field.text.trim();
        if text.is_empty() {
            self.state.dialogs.path_field = Some(field);
            return;
        }
        let home = directories::BaseDirs::new().map(|b| b.home_dir().to_path_buf());
        let base = self.map_folder();
        let path = crate::ui::state::resolve_typed_path(text, home.as_deref(), base.as_deref());
        self.picked(field.purpose, path);
    }

    /// Carries out a file dialog's purpose on the path chosen (or typed).
    pub(super) fn picked(&mut self, purpose: PickPurpose, path: PathBuf) {
        match purpose {
            PickPurpose::Open => self.open_now(&path),
            PickPurpose::Compare => self.compare_with(&path),
            PickPurpose::Export(format) => self.export_to(format, &path),
            PickPurpose::Save => {
                let path = super::files::with_extension(path);
                if self.save_to(&path)
                    && let Some(after) = self.state.after_save.take()
                {
                    self.proceed(after);
                }
            }
            PickPurpose::Import(source) => self.import_chosen(source, &path),
            PickPurpose::SaveRecovered => self.save_recovered_to(&path),
            PickPurpose::Timings => self.import_timings(&path),
        }
    }

    /// Opens the import the catalog or level dialog previews.
    fn import_chosen_preview(&mut self) {
        let dialogs = &mut self.state.dialogs.import;
        let chosen = if let Some(choice) = dialogs.catalog.take() {
            Some(choice.imported)
        } else {
            dialogs.level.take().map(|choice| match choice.level {
                crate::io::import::structurizr::Level::Container => choice.container,
                crate::io::import::structurizr::Level::System => choice.system,
            })
        };
        match chosen {
            Some(Ok(imported)) => self.open_imported(imported),
            Some(Err(message)) => self.state.dialogs.error = Some(message),
            None => {}
        }
    }

    /// Starts an import of `source` at `path`: a catalog first shows its
    /// options, a workspace its levels.
    pub(super) fn import_chosen(&mut self, source: ImportSource, path: &std::path::Path) {
        match super::import::preview(source, path) {
            Ok(super::import::Preview::Catalog(choice)) => {
                self.state.dialogs.import.catalog = Some(*choice);
            }
            Ok(super::import::Preview::Levels(choice)) => {
                self.state.dialogs.import.level = Some(*choice);
            }
            Err(e) => self.state.dialogs.error = Some(e.to_string()),
        }
    }
}
