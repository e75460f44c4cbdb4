//! Modal dialogs and small windows (the recovery prompts are drawn by
//! [`super::recovery`]): unsaved changes, errors, allow reasons,
//! the path field when no file dialog can be shown, the command palette,
//! the shortcut list and About.

use std::path::{Path, PathBuf};

use super::app::{Action, AfterPrompt, VsmapApp};
use super::command::UICommand;
use super::files::PickPurpose;
use super::panels::findings::FindingsFilter;
use crate::edit::ops;

/// A path typed by hand, for when no file dialog can be shown.
#[derive(Debug, Clone)]
pub struct PathField {
    /// Open or save.
    pub purpose: PickPurpose,
    /// The text typed so far.
    pub text: String,
    /// Whether the field has been given focus.
    focused: bool,
}

impl PathField {
    /// A field prefilled with a path (the current file, or a suggested name).
    pub fn new(purpose: PickPurpose, current: Option<&Path>) -> PathField {
        let text = current.map(|p| p.display().to_string()).unwrap_or_default();
        PathField {
            purpose,
            text,
            focused: false,
        }
    }
}

/// The command palette's input.
#[derive(Debug, Clone, Default)]
pub struct Palette {
    /// Filter text.
    pub query: String,
    /// Highlighted entry.
    pub selected: usize,
}

/// Which dialogs are open, with their inputs.
#[derive(Default)]
pub struct Dialogs {
    /// An error message to show.
    pub error: Option<String>,
    /// Unsaved changes would be lost by this.
    pub unsaved: Option<AfterPrompt>,
    /// Asking for the reason to allow a finding (finding index, reason so far).
    pub allow: Option<(usize, String)>,
    /// Save found the file changed on disk.
    pub conflict: Option<super::recovery::Conflict>,
    /// The file changed on disk while nothing was unsaved: reload it?
    pub reload: Option<PathBuf>,
    /// The typed-path fallback.
    pub path_field: Option<PathField>,
    /// The command palette.
    pub palette: Option<Palette>,
    /// The shortcut list.
    pub shortcuts: bool,
    /// About vsmap.
    pub about: bool,
    /// Findings panel filter.
    pub findings_filter: FindingsFilter,
    /// The findings the panel lists for the current filter.
    pub findings_rows: crate::ui::panels::findings::FindingsRows,
    /// The outline's filter, folds and rows.
    pub outline: crate::ui::panels::outline::OutlineState,
    /// File ▸ Import's level choice and report.
    pub import: crate::ui::import::ImportDialogs,
}

impl Dialogs {
    /// Whether a modal dialog is open (Escape closes it rather than clearing the selection).
    pub fn any_open(&self) -> bool {
        self.error.is_some()
            || self.unsaved.is_some()
            || self.allow.is_some()
            || self.path_field.is_some()
            || self.palette.is_some()
            || self.import.any_open()
            || self.conflict.is_some()
            || self.reload.is_some()
    }
}

/// Draws every open dialog.
pub fn dialogs_ui(app: &mut VsmapApp, ctx: &egui::Context) {
    super::recovery::restore_ui(app, ctx);
    super::recovery::conflict_ui(app, ctx);
    super::recovery::reload_ui(app, ctx);
    error_ui(app, ctx);
    unsaved_ui(app, ctx);
    allow_ui(app, ctx);
    path_field_ui(app, ctx);
    palette_ui(app, ctx);
    shortcuts_ui(app, ctx);
    about_ui(app, ctx);
    crate::ui::import::import_dialogs_ui(app, ctx);
}

fn error_ui(app: &mut VsmapApp, ctx: &egui::Context) {
    let Some(message) = app.dialogs.error.clone() else {
        return;
    };
    let modal = egui::Modal::new(egui::Id::new("error")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading("Something went wrong");
        ui.label(&message);
        ui.label("The map you are editing is unchanged.");
        ui.button("OK").clicked()
    });
    if modal.inner || modal.should_close() {
        app.dialogs.error = None;
    }
}

fn unsaved_ui(app: &mut VsmapApp, ctx: &egui::Context) {
    let Some(after) = app.dialogs.unsaved.clone() else {
        return;
    };
    let mut choice = None;
    let modal = egui::Modal::new(egui::Id::new("unsaved")).show(ctx, |ui| {
        ui.heading("Unsaved changes");
        ui.label(format!(
            "Save the changes to \"{}\" first?",
            app.doc.display_name()
        ));
        ui.horizontal(|ui| {
            if ui.button("Save").clicked() {
                choice = Some("save");
            }
            if ui.button("Discard").clicked() {
                choice = Some("discard");
            }
            if ui.button("Cancel").clicked() {
                choice = Some("cancel");
            }
        });
    });
    if modal.should_close() && choice.is_none() {
        choice = Some("cancel");
    }
    if let Some(choice) = choice {
        app.dialogs.unsaved = None;
        match choice {
            "save" => app.save_then(after),
            "discard" => app.proceed(after),
            _ => {}
        }
    }
}

fn allow_ui(app: &mut VsmapApp, ctx: &egui::Context) {
    let Some((index, mut reason)) = app.dialogs.allow.clone() else {
        return;
    };
    let Some(finding) = app.doc.findings().get(index).cloned() else {
        app.dialogs.allow = None;
        return;
    };
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
    match done {
        Some(true) => {
            app.dialogs.allow = None;
            let edits = ops::allow(
                app.doc.map(),
                finding.rule,
                finding.primary().cloned(),
                reason.trim(),
            );
            let label = format!("Allow {}", finding.rule);
            app.act(Action::Edit {
                label,
                edits,
                select: None,
            });
        }
        Some(false) => app.dialogs.allow = None,
        None => app.dialogs.allow = Some((index, reason)),
    }
}

fn path_field_ui(app: &mut VsmapApp, ctx: &egui::Context) {
    let Some(mut field) = app.dialogs.path_field.clone() else {
        return;
    };
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
        });
        let (what, hint) = if field.purpose.picks_folder() {
            ("folder's", "/path/to/catalog")
        } else {
            ("file's", "/path/to/map.vsmap.json")
        };
        ui.label(format!("No file dialog could be shown on this system (no desktop portal and no zenity). Type the {what} path instead:"));
        let edit = ui.add(egui::TextEdit::singleline(&mut field.text).desired_width(f32::INFINITY).hint_text(hint));
        edit.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, "File path"));
        // Focus once, when the dialog opens; grabbing it back later would
        // swallow the Enter that submits.
        if !field.focused {
            edit.request_focus();
            field.focused = true;
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
    match done {
        Some(true) if !field.text.trim().is_empty() => {
            app.dialogs.path_field = None;
            let path = PathBuf::from(field.text.trim());
            match field.purpose {
                PickPurpose::Open => app.open_now(&path),
                PickPurpose::Compare => app.compare_with(&path),
                PickPurpose::Export(format) => app.export_to(format, &path),
                PickPurpose::Save => app.act(Action::SaveTo(path)),
                PickPurpose::Import(source) => crate::ui::import::import_chosen(app, source, &path),
                PickPurpose::SaveRecovered => app.save_recovered_to(&path),
            }
        }
        Some(false) => app.dialogs.path_field = None,
        _ => app.dialogs.path_field = Some(field),
    }
}

fn palette_ui(app: &mut VsmapApp, ctx: &egui::Context) {
    let Some(mut palette) = app.dialogs.palette.clone() else {
        return;
    };
    let query = palette.query.to_lowercase();
    let matching: Vec<UICommand> = UICommand::ALL
        .into_iter()
        .filter(|c| c.label().to_lowercase().contains(&query))
        .collect();
    let mut chosen = None;
    let mut close = false;
    egui::Modal::new(egui::Id::new("palette")).show(ctx, |ui| {
        ui.set_width(420.0);
        let edit = ui.add(
            egui::TextEdit::singleline(&mut palette.query)
                .hint_text("Type a command…")
                .desired_width(f32::INFINITY),
        );
        edit.widget_info(|| {
            egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, "Command palette")
        });
        edit.request_focus();
        ui.input(|i| {
            if i.key_pressed(egui::Key::ArrowDown) {
                palette.selected += 1;
            }
            if i.key_pressed(egui::Key::ArrowUp) {
                palette.selected = palette.selected.saturating_sub(1);
            }
            if i.key_pressed(egui::Key::Escape) {
                close = true;
            }
        });
        palette.selected = palette.selected.min(matching.len().saturating_sub(1));
        if ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            chosen = matching.get(palette.selected).copied();
        }
        for (i, command) in matching.iter().enumerate() {
            ui.horizontal(|ui| {
                if ui
                    .selectable_label(i == palette.selected, command.label())
                    .clicked()
                {
                    chosen = Some(*command);
                }
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    ui.label(egui::RichText::new(command.shortcut_text(ctx)).weak());
                });
            });
        }
    });
    if let Some(command) = chosen {
        app.dialogs.palette = None;
        app.act(Action::Command(command));
    } else if close {
        app.dialogs.palette = None;
    } else {
        app.dialogs.palette = Some(palette);
    }
}

fn shortcuts_ui(app: &mut VsmapApp, ctx: &egui::Context) {
    let mut open = app.dialogs.shortcuts;
    egui::Window::new("Keyboard shortcuts")
        .open(&mut open)
        .resizable(false)
        .show(ctx, |ui| {
            egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                for command in UICommand::ALL {
                    ui.label(command.label());
                    ui.label(command.shortcut_text(ctx));
                    ui.end_row();
                }
                for (gesture, what) in MOUSE_GESTURES {
                    ui.label(*what);
                    ui.label(*gesture);
                    ui.end_row();
                }
            });
        });
    app.dialogs.shortcuts = open;
}

/// Mouse gestures, listed with the shortcuts.
pub const MOUSE_GESTURES: &[(&str, &str)] = &[
    ("Double-click canvas", "Add a service there"),
    ("Double-click service", "Rename it"),
    ("Ctrl-click", "Add to or remove from the selection"),
    ("Shift-drag", "Select a box"),
    ("Alt-drag from a service", "Link it to another"),
    ("Drag empty canvas / middle mouse", "Pan"),
    ("Wheel / Ctrl+wheel / pinch", "Zoom"),
    ("Right-click", "Context menu"),
];

fn about_ui(app: &mut VsmapApp, ctx: &egui::Context) {
    let mut open = app.dialogs.about;
    egui::Window::new("About vsmap").open(&mut open).resizable(false).show(ctx, |ui| {
        ui.label(format!("vsmap {}", env!("CARGO_PKG_VERSION")));
        ui.label("Value stream maps, and the architecture anti-patterns that fight the flow of work.");
    });
    app.dialogs.about = open;
}

/// A dialog's last row: `confirm` (enabled when `can_confirm`) and Cancel.
/// `Some(true)` when confirmed, `Some(false)` when cancelled.
pub fn confirm_or_cancel_ui(ui: &mut egui::Ui, confirm: &str, can_confirm: bool) -> Option<bool> {
    ui.horizontal(|ui| {
        if ui
            .add_enabled(can_confirm, egui::Button::new(confirm))
            .clicked()
        {
            Some(true)
        } else if ui.button("Cancel").clicked() {
            Some(false)
        } else {
            None
        }
    })
    .inner
}
