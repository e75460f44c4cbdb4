//! Keyboard focus made visible: a focused row is scrolled into view and
//! ringed, so Tab through a list shows where it is.

use crate::ui::theme::Theme;

/// Scrolls the widget into view when it gains the keyboard focus (Tab into a
/// list whose rows are below the fold).
pub fn keep_focus_in_view(response: &egui::Response) {
    if response.gained_focus() {
        response.scroll_to_me(None);
    }
}

/// Scrolls a focused row into view and draws a ring around it: a clickable
/// label shows focus only as an underline, too faint to follow.
pub fn focus_ring(ui: &egui::Ui, response: &egui::Response, theme: &Theme) {
    keep_focus_in_view(response);
    if response.has_focus() {
        ui.painter().rect_stroke(
            response.rect.expand(2.0),
            3.0,
            egui::Stroke::new(2.0, theme.selection),
            egui::StrokeKind::Outside,
        );
    }
}
