//! Streams, teams and services as lists, filtered by a search box.

use crate::ui::app::{Action, Selection, VsmapApp};

/// The outline on the left.
pub fn outline_ui(app: &mut VsmapApp, ui: &mut egui::Ui) {
    egui::Panel::left("outline")
        .resizable(true)
        .default_size(230.0)
        .show(ui, |ui| {
            let mut query = app.dialogs.outline_query.clone();
            ui.add(
                egui::TextEdit::singleline(&mut query)
                    .hint_text("Filter streams, teams, services")
                    .desired_width(f32::INFINITY),
            )
            .widget_info(|| {
                egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, "Filter the outline")
            });
            app.dialogs.outline_query = query.clone();
            let q = query.to_lowercase();
            let matches = |name: &str, id: &str| {
                q.is_empty() || name.to_lowercase().contains(&q) || id.contains(&q)
            };
            let map = Lists::of(app.doc.map());
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    egui::CollapsingHeader::new(format!("Streams ({})", map.streams.len()))
                        .default_open(true)
                        .show(ui, |ui| {
                            for (id, name) in map
                                .streams
                                .iter()
                                .filter(|(id, name)| matches(name, id.as_str()))
                            {
                                let selected = app.selection == Selection::Stream(id.clone());
                                if ui.selectable_label(selected, name).clicked() {
                                    app.act(Action::Select(Selection::Stream(id.clone())));
                                }
                            }
                            if ui.small_button("+ Stream from selection").clicked() {
                                app.act(Action::Command(
                                    crate::ui::command::UICommand::StreamFromSelection,
                                ));
                            }
                        });
                    egui::CollapsingHeader::new(format!("Teams ({})", map.teams.len()))
                        .default_open(true)
                        .show(ui, |ui| {
                            for (id, name) in map
                                .teams
                                .iter()
                                .filter(|(id, name)| matches(name, id.as_str()))
                            {
                                let selected = app.selection == Selection::Team(id.clone());
                                if ui.selectable_label(selected, name).clicked() {
                                    app.act(Action::Select(Selection::Team(id.clone())));
                                }
                            }
                            if ui.small_button("+ Team").clicked() {
                                app.act(Action::Command(crate::ui::command::UICommand::AddTeam));
                            }
                        });
                    egui::CollapsingHeader::new(format!("Services ({})", map.services.len()))
                        .default_open(true)
                        .show(ui, |ui| {
                            for (id, name) in map
                                .services
                                .iter()
                                .filter(|(id, name)| matches(name, id.as_str()))
                            {
                                let selected = app.selection.has_service(id);
                                let response = ui.selectable_label(selected, name);
                                if response.clicked() {
                                    let ctrl =
                                        ui.input(|i| i.modifiers.command || i.modifiers.ctrl);
                                    app.act(if ctrl {
                                        Action::ToggleService(id.clone())
                                    } else {
                                        Action::Select(Selection::Services(vec![id.clone()]))
                                    });
                                    app.act(Action::Reveal(vec![id.clone()]));
                                }
                            }
                        });
                });
        });
}

/// Ids and names of the map's lists, copied so the panel can queue actions while iterating.
struct Lists {
    streams: Vec<(crate::model::Id, String)>,
    teams: Vec<(crate::model::Id, String)>,
    services: Vec<(crate::model::Id, String)>,
}

impl Lists {
    fn of(map: &crate::model::Map) -> Lists {
        let sorted = |mut v: Vec<(crate::model::Id, String)>| {
            v.sort_by_key(|a| a.1.to_lowercase());
            v
        };
        Lists {
            streams: sorted(
                map.streams
                    .iter()
                    .map(|s| (s.id.clone(), s.name.clone()))
                    .collect(),
            ),
            teams: sorted(
                map.teams
                    .iter()
                    .map(|t| (t.id.clone(), t.name.clone()))
                    .collect(),
            ),
            services: sorted(
                map.services
                    .iter()
                    .map(|s| (s.id.clone(), s.name.clone()))
                    .collect(),
            ),
        }
    }
}
