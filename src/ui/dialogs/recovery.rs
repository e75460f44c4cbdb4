//! The prompts that keep a map from being lost: restoring a crashed
//! editor's changes, a save that would overwrite a file changed on disk,
//! and the offer to reload a file changed on disk.

use crate::io::recovery::RecoveryEntry;
use crate::text::elide;
use crate::ui::state::{Action, Answer, AppState, Dialog};

/// The longest map name a prompt shows, in characters (names may have 1,000).
const MAX_NAME_SHOWN: usize = 80;

/// The start-up prompt for the first copy left by a dead editor.
pub(super) fn restore_ui(ctx: &egui::Context, state: &AppState, out: &mut Vec<Action>) {
    let Some(entry) = state.restore_offer() else {
        return;
    };
    let mut choice = None;
    let modal = egui::Modal::new(egui::Id::new("restore")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading("Restore unsaved changes?");
        ui.label(format!(
            "Restore unsaved changes to {} from {}?",
            elide(&entry_name(entry), MAX_NAME_SHOWN),
            entry.saved_at_local()
        ));
        ui.label(match &entry.original {
            Some(path) => format!(
                "vsmap stopped before they were saved to {}.",
                path.display()
            ),
            None => "vsmap stopped before the map was ever saved.".to_string(),
        });
        ui.horizontal(|ui| {
            if ui.button("Restore").clicked() {
                choice = Some(Action::Answer(Answer::Restore));
            }
            if ui.button("Save as…").clicked() {
                choice = Some(Action::Answer(Answer::SaveRecoveredAs));
            }
            if ui.button("Discard").clicked() {
                choice = Some(Action::Answer(Answer::DiscardRecovered));
            }
        });
    });
    if modal.should_close() && choice.is_none() {
        // Kept on disk: offered again at the next start.
        choice = Some(Action::Close(Dialog::Restore));
    }
    out.extend(choice);
}

/// The name a restore prompt uses: the map's, else its file's.
fn entry_name(entry: &RecoveryEntry) -> String {
    if !entry.name.trim().is_empty() {
        format!("\"{}\"", entry.name)
    } else if let Some(name) = entry.original.as_ref().and_then(|p| p.file_name()) {
        name.to_string_lossy().into_owned()
    } else {
        "an untitled map".into()
    }
}

/// Save found the file changed on disk: Overwrite, Save as… or Reload.
pub(super) fn conflict_ui(ctx: &egui::Context, state: &AppState, out: &mut Vec<Action>) {
    let Some(conflict) = &state.dialogs.conflict else {
        return;
    };
    let file = conflict.path.file_name().map_or_else(
        || conflict.path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut choice = None;
    let modal = egui::Modal::new(egui::Id::new("conflict")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading("The file changed on disk");
        if conflict.confirm_reload {
            ui.label(format!(
                "Discard your unsaved changes and load {file} as it is on disk now?"
            ));
            ui.horizontal(|ui| {
                if ui.button("Discard changes and reload").clicked() {
                    choice = Some(Action::Answer(Answer::Reload));
                }
                if ui.button("Back").clicked() {
                    choice = Some(Action::Answer(Answer::ConfirmReload(false)));
                }
            });
        } else {
            ui.label(format!(
                "{} was changed by another program since you opened or saved it. Saving now would overwrite those changes.",
                conflict.path.display()
            ));
            ui.horizontal(|ui| {
                if ui.button("Overwrite").clicked() {
                    choice = Some(Action::Answer(Answer::Overwrite));
                }
                if ui.button("Save as…").clicked() {
                    choice = Some(Action::Answer(Answer::SaveElsewhere));
                }
                if ui.button("Reload").clicked() {
                    choice = Some(Action::Answer(Answer::ConfirmReload(true)));
                }
                if ui.button("Cancel").clicked() {
                    choice = Some(Action::Close(Dialog::Conflict));
                }
            });
        }
    });
    if modal.should_close() && choice.is_none() {
        choice = Some(Action::Close(Dialog::Conflict));
    }
    out.extend(choice);
}

/// The window got focus back, nothing is unsaved, and the file changed.
pub(super) fn reload_ui(ctx: &egui::Context, state: &AppState, out: &mut Vec<Action>) {
    let Some(path) = &state.dialogs.reload else {
        return;
    };
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut choice = None;
    let modal = egui::Modal::new(egui::Id::new("reload")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading("File changed on disk");
        ui.label(format!("{file} changed on disk. Reload?"));
        ui.horizontal(|ui| {
            if ui.button("Reload").clicked() {
                choice = Some(Action::Answer(Answer::Reload));
            }
            if ui.button("Keep").clicked() {
                choice = Some(Action::Close(Dialog::Reload));
            }
        });
    });
    if modal.should_close() && choice.is_none() {
        choice = Some(Action::Close(Dialog::Reload));
    }
    out.extend(choice);
}
