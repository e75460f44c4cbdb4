//! Finding counts, zoom, the file's state and the last message.

use crate::analysis::{Severity, count_by_severity};
use crate::ui::state::AppState;
use crate::ui::theme::Theme;

/// The status bar at the bottom of the window. `zoom` is the canvas's.
pub fn status_bar_ui(ui: &mut egui::Ui, state: &AppState, zoom: f32, theme: &Theme) {
    egui::Panel::bottom("status-bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            let counts = count_by_severity(state.shown_doc().findings());
            for severity in Severity::ALL {
                let n = counts[severity as usize];
                crate::ui::theme::dot_ui(ui, theme.severity(severity));
                let text = egui::RichText::new(format!("{n} {}", severity.as_str()))
                    .color(theme.severity(severity));
                ui.label(text).on_hover_text(format!(
                    "{n} {} findings (allowed ones not counted)",
                    severity.as_str()
                ));
            }
            ui.separator();
            // An organisation fitted on screen is well under 1%: keep a digit.
            let percent = zoom * 100.0;
            ui.label(if percent < 10.0 {
                format!("Zoom {percent:.1}%")
            } else {
                format!("Zoom {percent:.0}%")
            });
            ui.separator();
            if !state.shows_open_map() {
                let before = state
                    .compare
                    .as_ref()
                    .and_then(|c| c.before_path.as_ref())
                    .map_or("the map compared with".to_string(), |p| {
                        p.display().to_string()
                    });
                ui.label(
                    egui::RichText::new(format!("Showing before: {before} (read-only)"))
                        .color(theme.changed),
                );
                ui.separator();
            }
            ui.label(file_state(state));
            if !state.status.is_empty() {
                ui.separator();
                ui.label(egui::RichText::new(&state.status).color(theme.muted));
            }
        });
    });
}

/// Where the map lives and whether it has changes that are not there. A
/// saved map names its file, not a save that may never have happened.
pub fn file_state(state: &AppState) -> String {
    match (&state.doc.path, state.doc.is_dirty()) {
        (None, _) => "Not saved".to_string(),
        (Some(_), true) => "Unsaved changes".to_string(),
        (Some(p), false) => format!("{} — no unsaved changes", p.display()),
    }
}
