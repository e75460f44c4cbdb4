//! The modal prompts of editing: an error, unsaved changes, the reason to
//! allow a finding, and the path field shown where no file dialog can be.

use super::buttons::confirm_or_cancel_ui;
use crate::ui::state::{Action, Answer, AppState, Dialog, PickPurpose};

pub(super) fn error_ui(ctx: &egui::Context, state: &AppState, out: &mut Vec<Action>) {
    let Some(message) = &state.dialogs.error else {
        return;
    };
    let modal = egui::Modal::new(egui::Id::new("error")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading("Something went wrong");
        ui.label(message);
        ui.label("The map you are editing is unchanged.");
        ui.button("OK").clicked()
    });
    if modal.inner || modal.should_close() {
        out.push(Action::Close(Dialog::Error));
    }
}

pub(super) fn unsaved_ui(ctx: &egui::Context, state: &AppState, out: &mut Vec<Action>) {
    if state.dialogs.unsaved.is_none() {
        return;
    }
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::new("unsaved")).show(ctx, |ui| {
        ui.heading("Unsaved changes");
        ui.label(format!(
            "Save the changes to \"{}\" first?",
            state.doc.display_name()
        ));
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                answer = Some(Action::Answer(Answer::SaveFirst));
            }
            if ui.button("Discard").clicked() {
                answer = Some(Action::Answer(Answer::Discard));
            }
            if ui.button("Cancel").clicked() {
                answer = Some(Action::Close(Dialog::Unsaved));
            }
        });
    });
    if modal.should_close() && answer.is_none() {
        answer = Some(Action::Close(Dialog::Unsaved));
    }
    out.extend(answer);
}

pub(super) fn allow_ui(ctx: &egui::Context, state: &AppState, out: &mut Vec<Action>) {
    let Some(allow) = &state.dialogs.allow else {
        return;
    };
    let Some(finding) = state.doc.finding(&allow.finding) else {
        // The map changed under the dialog and the finding is gone.
        out.push(Action::Close(Dialog::Allow));
        return;
    };
    let mut reason = allow.reason.clone();
    let mut done = None;
    let modal = egui::Modal::new(egui::Id::new("allow")).show(ctx, |ui| {
        ui.set_max_width(480.0);
        ui.heading("Allow this finding");
        ui.label(&finding.message);
        ui.label("Why is it acceptable? The reason is saved in the map's allow list.");
        let edit = ui.add(
            egui::TextEdit::multiline(&mut reason)
                .desired_rows(2)
                .hint_text("e.g. Replaced by per-stream ingress in Q3"),
        );
        edit.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, "Reason"));
        edit.request_focus();
        done = confirm_or_cancel_ui(ui, "Allow", !reason.trim().is_empty());
    });
    if modal.should_close() && done.is_none() {
        done = Some(false);
    }
    if reason != allow.reason {
        out.push(Action::Answer(Answer::AllowReason(reason)));
    }
    match done {
        Some(true) => out.push(Action::Answer(Answer::Allow)),
        Some(false) => out.push(Action::Close(Dialog::Allow)),
        None => {}
    }
}

pub(super) fn path_field_ui(ctx: &egui::Context, state: &AppState, out: &mut Vec<Action>) {
    let Some(field) = &state.dialogs.path_field else {
        return;
    };
    let mut text = field.text.clone();
    let mut done = None;
    let modal = egui::Modal::new(egui::Id::new("path-field")).show(ctx, |ui| {
        ui.set_min_width(480.0);
        ui.heading(match field.purpose {
            PickPurpose::Open => "Open a map",
            PickPurpose::Save => "Save the map",
            PickPurpose::SaveRecovered => "Save the recovered map",
            PickPurpose::Compare => "Compare with a map",
            PickPurpose::Export(_) => "Export to a file",
            PickPurpose::Import(source) if source.picks_folder() => "Import a catalog folder",
            PickPurpose::Import(_) => "Import a file",
            PickPurpose::Timings => "Import step timings",
        });
        let (what, hint) = if field.purpose.picks_folder() {
            ("folder's", "/path/to/catalog")
        } else {
            ("file's", "/path/to/map.vsmap.json")
        };
        ui.label(format!("No file dialog could be shown on this system (no desktop portal and no zenity). Type the {what} path instead:"));
        let edit = ui.add(
            egui::TextEdit::singleline(&mut text)
                .desired_width(f32::INFINITY)
                .hint_text(hint),
        );
        edit.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, "File path"));
        // Focus once per opening; grabbing it back later would swallow the
        // Enter that submits.
        let focused_once = egui::Id::new(("path-field-focused", field.opened));
        if !ui.data(|d| d.get_temp::<bool>(focused_once).unwrap_or(false)) {
            edit.request_focus();
            ui.data_mut(|d| d.insert_temp(focused_once, true));
        }
        let enter = edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        ui.horizontal(|ui| {
            if ui.button("OK").clicked() || enter {
                done = Some(true);
            }
            if ui.button("Cancel").clicked() {
                done = Some(false);
            }
        });
    });
    if modal.should_close() && done.is_none() {
        done = Some(false);
    }
    if text != field.text {
        out.push(Action::Answer(Answer::PathText(text)));
    }
    match done {
        Some(true) => out.push(Action::Answer(Answer::SubmitPath)),
        Some(false) => out.push(Action::Close(Dialog::PathField)),
        None => {}
    }
}
