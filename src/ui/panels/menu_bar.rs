//! File, Edit, View, Arrange and Help menus.

use crate::ui::app::{Action, VsmapApp};
use crate::ui::command::UICommand;

/// A menu entry for a command, with its shortcut; queues the command when clicked.
pub fn command_button(
    app: &mut VsmapApp,
    ui: &mut egui::Ui,
    command: UICommand,
    label: Option<String>,
) {
    let text = label.unwrap_or_else(|| command.label().to_string());
    let button = egui::Button::new(text).shortcut_text(command.shortcut_text(ui.ctx()));
    if ui.add(button).clicked() {
        app.act(Action::Command(command));
        ui.close();
    }
}

/// The menu bar.
pub fn menu_bar_ui(app: &mut VsmapApp, ui: &mut egui::Ui) {
    egui::Panel::top("menu-bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                command_button(app, ui, UICommand::New, None);
                command_button(app, ui, UICommand::Open, None);
                ui.menu_button("Open recent", |ui| {
                    if app.recent.is_empty() {
                        ui.label("No recent files");
                    }
                    for path in app.recent.clone() {
                        if ui.button(path.display().to_string()).clicked() {
                            app.act(Action::OpenPath(path));
                            ui.close();
                        }
                    }
                });
                command_button(app, ui, UICommand::OpenExample, None);
                ui.menu_button("Import", |ui| {
                    for (command, label) in [
                        (UICommand::ImportBackstage, "Backstage catalog…"),
                        (UICommand::ImportStructurizr, "Structurizr workspace…"),
                    ] {
                        command_button(app, ui, command, Some(label.to_string()));
                    }
                });
                ui.menu_button("Export", |ui| {
                    for command in [
                        UICommand::ExportSvg,
                        UICommand::ExportStreamSvg,
                        UICommand::ExportMarkdown,
                        UICommand::ExportMermaid,
                        UICommand::ExportDot,
                        UICommand::ExportPng,
                        UICommand::ExportPng2x,
                    ] {
                        command_button(app, ui, command, None);
                    }
                });
                command_button(app, ui, UICommand::CompareWith, None);
                if app.compare.is_some() {
                    command_button(app, ui, UICommand::CloseCompare, None);
                }
                ui.separator();
                command_button(app, ui, UICommand::Save, None);
                command_button(app, ui, UICommand::SaveAs, None);
                ui.separator();
                command_button(app, ui, UICommand::Quit, None);
            });
            ui.menu_button("Edit", |ui| {
                let undo = app.doc.history.undo_label().map(|l| format!("Undo {l}"));
                let redo = app.doc.history.redo_label().map(|l| format!("Redo {l}"));
                ui.add_enabled_ui(undo.is_some(), |ui| {
                    command_button(app, ui, UICommand::Undo, undo)
                });
                ui.add_enabled_ui(redo.is_some(), |ui| {
                    command_button(app, ui, UICommand::Redo, redo)
                });
                ui.separator();
                for command in [
                    UICommand::Cut,
                    UICommand::Copy,
                    UICommand::Paste,
                    UICommand::Delete,
                ] {
                    command_button(app, ui, command, None);
                }
                ui.separator();
                for command in [
                    UICommand::AddService,
                    UICommand::LinkSelected,
                    UICommand::StreamFromSelection,
                    UICommand::AddTeam,
                    UICommand::SelectAll,
                    UICommand::SelectNone,
                ] {
                    command_button(app, ui, command, None);
                }
            });
            ui.menu_button("View", |ui| {
                for command in [UICommand::Fit, UICommand::ZoomIn, UICommand::ZoomOut] {
                    command_button(app, ui, command, None);
                }
                ui.separator();
                let mut panels = app.panels;
                ui.checkbox(&mut panels.outline, "Outline");
                ui.checkbox(&mut panels.inspector, "Inspector");
                ui.checkbox(&mut panels.findings, "Findings");
                app.panels = panels;
                ui.separator();
                command_button(app, ui, UICommand::Palette, None);
                command_button(app, ui, UICommand::Present, None);
            });
            ui.menu_button("Arrange", |ui| {
                command_button(app, ui, UICommand::ArrangeLanes, None);
                command_button(app, ui, UICommand::ArrangeForce, None);
            });
            ui.menu_button("Help", |ui| {
                command_button(app, ui, UICommand::Shortcuts, None);
                command_button(app, ui, UICommand::About, None);
            });
        });
    });
}

/// The toolbar under the menus: the most used commands, one click away.
pub fn toolbar_ui(app: &mut VsmapApp, ui: &mut egui::Ui) {
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
                        UICommand::Undo => app.doc.history.undo_label().is_some(),
                        UICommand::Redo => app.doc.history.redo_label().is_some(),
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
                        app.act(Action::Command(command));
                    }
                }
            }
        });
    });
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
