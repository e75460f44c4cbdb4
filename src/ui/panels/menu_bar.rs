//! File, Edit, View, Arrange and Help menus.

use crate::ui::state::{Action, AppState, LinksShown, ThemeChoice, UICommand};

/// A menu entry for a command, with its shortcut; asks for the command when clicked.
fn command_button(
    out: &mut Vec<Action>,
    ui: &mut egui::Ui,
    command: UICommand,
    label: Option<String>,
) {
    let text = label.unwrap_or_else(|| command.label().to_string());
    let button = egui::Button::new(text).shortcut_text(command.shortcut_text(ui.ctx()));
    if ui.add(button).clicked() {
        out.push(Action::Command(command));
        ui.close();
    }
}

/// The View menu's choices of what the canvas draws: which links, the
/// streams, the team zones and the link labels.
fn view_toggles_ui(ui: &mut egui::Ui, state: &AppState, out: &mut Vec<Action>) {
    let mut view = state.view;
    for choice in LinksShown::ALL {
        ui.radio_value(&mut view.links, choice, choice.label());
    }
    ui.checkbox(&mut view.streams, "Value streams");
    ui.checkbox(&mut view.team_zones, "Team zones");
    ui.checkbox(&mut view.link_labels, "Link labels");
    ui.separator();
    ui.checkbox(&mut view.teams_view, "Teams (interaction graph)");
    if view != state.view {
        out.push(Action::SetView(view));
    }
}

/// The menu bar.
pub fn menu_bar_ui(ui: &mut egui::Ui, state: &AppState) -> Vec<Action> {
    let mut out = Vec::new();
    egui::Panel::top("menu-bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| {
                command_button(&mut out, ui, UICommand::New, None);
                command_button(&mut out, ui, UICommand::Open, None);
                ui.menu_button("Open recent", |ui| {
                    if state.recent.is_empty() {
                        ui.label("No recent files");
                    }
                    for path in &state.recent {
                        if ui.button(path.display().to_string()).clicked() {
                            out.push(Action::OpenPath(path.clone()));
                            ui.close();
                        }
                    }
                });
                command_button(&mut out, ui, UICommand::OpenExample, None);
                ui.menu_button("Import", |ui| {
                    for (command, label) in [
                        (UICommand::ImportBackstage, "Backstage catalog…"),
                        (UICommand::ImportStructurizr, "Structurizr workspace…"),
                        (UICommand::ImportTimings, "Step timings…"),
                    ] {
                        command_button(&mut out, ui, command, Some(label.to_string()));
                    }
                });
                ui.menu_button("Export", |ui| {
                    for command in [
                        UICommand::ExportSvg,
                        UICommand::ExportStreamSvg,
                        UICommand::ExportMarkdown,
                        UICommand::ExportMermaid,
                        UICommand::ExportDot,
                        UICommand::ExportHtml,
                        UICommand::ExportPdf,
                        UICommand::ExportPng,
                        UICommand::ExportPng2x,
                    ] {
                        command_button(&mut out, ui, command, None);
                    }
                });
                command_button(&mut out, ui, UICommand::DraftProposal, None);
                command_button(&mut out, ui, UICommand::History, None);
                command_button(&mut out, ui, UICommand::CompareWith, None);
                if state.compare.is_some() {
                    command_button(&mut out, ui, UICommand::CloseCompare, None);
                }
                ui.separator();
                command_button(&mut out, ui, UICommand::Save, None);
                command_button(&mut out, ui, UICommand::SaveAs, None);
                ui.separator();
                command_button(&mut out, ui, UICommand::Quit, None);
            });
            ui.menu_button("Edit", |ui| {
                let undo = state.doc.history.undo_label().map(|l| format!("Undo {l}"));
                let redo = state.doc.history.redo_label().map(|l| format!("Redo {l}"));
                ui.add_enabled_ui(undo.is_some(), |ui| {
                    command_button(&mut out, ui, UICommand::Undo, undo)
                });
                ui.add_enabled_ui(redo.is_some(), |ui| {
                    command_button(&mut out, ui, UICommand::Redo, redo)
                });
                ui.separator();
                for command in [
                    UICommand::Cut,
                    UICommand::Copy,
                    UICommand::Paste,
                    UICommand::Delete,
                ] {
                    command_button(&mut out, ui, command, None);
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
                    command_button(&mut out, ui, command, None);
                }
            });
            ui.menu_button("View", |ui| {
                for command in [UICommand::Fit, UICommand::ZoomIn, UICommand::ZoomOut] {
                    command_button(&mut out, ui, command, None);
                }
                ui.separator();
                let mut panels = state.panels;
                ui.checkbox(&mut panels.outline, "Outline");
                ui.checkbox(&mut panels.inspector, "Inspector");
                ui.checkbox(&mut panels.findings, "Findings");
                if panels != state.panels {
                    out.push(Action::SetPanels(panels));
                }
                let mut highlight = state.highlight_findings;
                if ui
                    .checkbox(&mut highlight, UICommand::HighlightFindings.label())
                    .changed()
                {
                    out.push(Action::Command(UICommand::HighlightFindings));
                }
                ui.separator();
                view_toggles_ui(ui, state, &mut out);
                ui.separator();
                ui.menu_button("Theme", |ui| {
                    for (choice, command, label) in [
                        (
                            ThemeChoice::System,
                            UICommand::ThemeSystem,
                            "Follow the system",
                        ),
                        (ThemeChoice::Light, UICommand::ThemeLight, "Light"),
                        (ThemeChoice::Dark, UICommand::ThemeDark, "Dark"),
                    ] {
                        if ui.radio(state.theme == choice, label).clicked() {
                            out.push(Action::Command(command));
                            ui.close();
                        }
                    }
                });
                ui.separator();
                command_button(&mut out, ui, UICommand::Palette, None);
                command_button(&mut out, ui, UICommand::Present, None);
                command_button(&mut out, ui, UICommand::PresentOtherTheme, None);
            });
            ui.menu_button("Arrange", |ui| {
                command_button(&mut out, ui, UICommand::Tidy, None);
                command_button(&mut out, ui, UICommand::TidyAll, None);
                command_button(&mut out, ui, UICommand::ArrangeLanes, None);
                command_button(&mut out, ui, UICommand::ArrangeForce, None);
            });
            ui.menu_button("Help", |ui| {
                command_button(&mut out, ui, UICommand::Shortcuts, None);
                command_button(&mut out, ui, UICommand::About, None);
            });
        });
    });
    out
}
