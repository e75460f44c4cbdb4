//! Finding counts, zoom and file state.

use crate::analysis::{Severity, count_by_severity};
use crate::ui::app::VsmapApp;
use crate::ui::theme::Theme;

/// The status bar at the bottom of the window.
pub fn status_bar_ui(app: &mut VsmapApp, ui: &mut egui::Ui, theme: &Theme) {
    egui::Panel::bottom("status-bar").show(ui, |ui| {
        ui.horizontal(|ui| {
            let counts = count_by_severity(app.doc.findings());
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
            let percent = app.canvas.transform.zoom * 100.0;
            ui.label(if percent < 10.0 {
                format!("Zoom {percent:.1}%")
            } else {
                format!("Zoom {percent:.0}%")
            });
            ui.separator();
            let state = match (&app.doc.path, app.doc.is_dirty()) {
                (None, _) => "Not saved".to_string(),
                (Some(_), true) => "Unsaved changes".to_string(),
                (Some(p), false) => format!("Saved to {}", p.display()),
            };
            ui.label(state);
            if !app.status.is_empty() {
                ui.separator();
                ui.label(egui::RichText::new(&app.status).color(theme.muted));
            }
        });
    });
}
