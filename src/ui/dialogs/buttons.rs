//! The last row of a dialog: its action and Cancel.

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
