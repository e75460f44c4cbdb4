//! The toolbar under the menus: the most used commands, one click away.

use crate::ui::state::{Action, AppState, UICommand};

/// The toolbar under the menus: the most used commands, one click away.
pub fn toolbar_ui(ui: &mut egui::Ui, state: &AppState) -> Vec<Action> {
    let mut out = Vec::new();
    egui::Panel::top("toolbar").show(ui, |ui| {
        ui.horizontal(|ui| {
            let groups: [&[UICommand]; 4] = [
                &[
                    UICommand::AddService,
                    UICommand::LinkSelected,
                    UICommand::StreamFromSelection,
                    UICommand::AddTeam,
                ],
                &[UICommand::Undo, UICommand::Redo, UICommand::Delete],
                &[UICommand::Fit, UICommand::ArrangeLanes],
                &[UICommand::Present],
            ];
            for (g, group) in groups.iter().enumerate() {
                if g > 0 {
                    ui.separator();
                }
                for &command in *group {
                    let enabled = match command {
                        UICommand::Undo => state.doc.history.undo_label().is_some(),
                        UICommand::Redo => state.doc.history.redo_label().is_some(),
                        _ => true,
                    };
                    let label = toolbar_label(command);
                    let shortcut = command.shortcut_text(ui.ctx());
                    let hover = if shortcut.is_empty() {
                        command.label().to_string()
                    } else {
                        format!("{} ({shortcut})", command.label())
                    };
                    if ui
                        .add_enabled(enabled, egui::Button::new(label))
                        .on_hover_text(hover)
                        .clicked()
                    {
                        out.push(Action::Command(command));
                    }
                }
            }
        });
    });
    out
}

/// Short labels for the toolbar.
fn toolbar_label(command: UICommand) -> &'static str {
    match command {
        UICommand::AddService => "Add service",
        UICommand::LinkSelected => "Link",
        UICommand::StreamFromSelection => "Stream",
        UICommand::AddTeam => "Add team",
        UICommand::Undo => "Undo",
        UICommand::Redo => "Redo",
        UICommand::Delete => "Delete",
        UICommand::Fit => "Fit",
        UICommand::ArrangeLanes => "Lanes",
        UICommand::Present => "Present",
        other => other.label(),
    }
}
