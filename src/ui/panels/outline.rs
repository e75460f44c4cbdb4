//! Streams, teams and services as lists, filtered by a search box.
//!
//! The lists are flattened into rows once per change of the map or the
//! filter, not on every frame, and a long outline (an organisation with
//! thousands of services) lays out only the rows in view.

use crate::model::{Id, Map};
use crate::ui::app::{Action, Selection, VsmapApp};
use crate::ui::command::UICommand;

/// Above this many rows only the visible ones are laid out. Below it every
/// row is a widget, which screen readers (and UI tests) can reach.
const VIRTUAL_ROWS: usize = 300;

/// One of the outline's three lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// Value streams.
    Streams,
    /// Teams.
    Teams,
    /// Services.
    Services,
}

impl Section {
    const ALL: [Section; 3] = [Section::Streams, Section::Teams, Section::Services];

    fn title(self) -> &'static str {
        match self {
            Section::Streams => "Streams",
            Section::Teams => "Teams",
            Section::Services => "Services",
        }
    }
}

/// One line of the outline.
#[derive(Debug, Clone, PartialEq)]
enum Row {
    /// A list's heading, which folds it, with the list's length and, while
    /// the outline is filtered, how many of its elements match.
    Header(Section, usize, Option<usize>),
    /// An element of a list.
    Item(Section, Id, String),
    /// The list's "add" button.
    Add(Section),
}

/// The outline's state: folded lists and the rows of the last map and filter.
#[derive(Debug, Default)]
pub struct OutlineState {
    /// The search text.
    pub query: String,
    /// Lists folded away.
    folded: [bool; 3],
    /// What `rows` were made from: the document's revision, the filter, the folds.
    key: Option<(u64, String, [bool; 3])>,
    rows: Vec<Row>,
}

impl OutlineState {
    /// Rebuilds the rows if the map, the filter or a fold changed.
    fn refresh(&mut self, map: &Map, revision: u64) {
        let key = (revision, self.query.clone(), self.folded);
        if self.key.as_ref() == Some(&key) {
            return;
        }
        self.rows = rows_of(map, &self.query, self.folded);
        self.key = Some(key);
    }
}

/// The rows for a map: each list sorted by name and filtered by `query`
/// (names and ids, ignoring case).
fn rows_of(map: &Map, query: &str, folded: [bool; 3]) -> Vec<Row> {
    let q = query.to_lowercase();
    let matches = |name: &str, id: &Id| {
        q.is_empty() || name.to_lowercase().contains(&q) || id.as_str().contains(&q)
    };
    let mut rows = Vec::new();
    for section in Section::ALL {
        let mut items: Vec<(Id, String)> = match section {
            Section::Streams => map
                .streams
                .iter()
                .map(|s| (s.id.clone(), s.name.clone()))
                .collect(),
            Section::Teams => map
                .teams
                .iter()
                .map(|t| (t.id.clone(), t.name.clone()))
                .collect(),
            Section::Services => map
                .services
                .iter()
                .map(|s| (s.id.clone(), s.name.clone()))
                .collect(),
        };
        let total = items.len();
        items.retain(|(id, name)| matches(name, id));
        let matched = (!q.is_empty()).then_some(items.len());
        rows.push(Row::Header(section, total, matched));
        if folded[section as usize] {
            continue;
        }
        items.sort_by_cached_key(|(id, name)| (name.to_lowercase(), id.clone()));
        rows.extend(
            items
                .into_iter()
                .map(|(id, name)| Row::Item(section, id, name)),
        );
        if section != Section::Services {
            rows.push(Row::Add(section));
        }
    }
    rows
}

/// The outline on the left.
pub fn outline_ui(app: &mut VsmapApp, ui: &mut egui::Ui) {
    egui::Panel::left("outline")
        .resizable(true)
        .default_size(230.0)
        .show(ui, |ui| {
            let mut query = app.dialogs.outline.query.clone();
            ui.add(
                egui::TextEdit::singleline(&mut query)
                    .hint_text("Filter streams, teams, services")
                    .desired_width(f32::INFINITY),
            )
            .widget_info(|| {
                egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, "Filter the outline")
            });
            app.dialogs.outline.query = query;
            let revision = app.doc.revision();
            app.dialogs.outline.refresh(app.doc.map(), revision);
            // The rows are taken out so that rows can queue actions on the app.
            let rows = std::mem::take(&mut app.dialogs.outline.rows);
            let area = egui::ScrollArea::vertical().auto_shrink([false, false]);
            if rows.len() > VIRTUAL_ROWS {
                let height = ui.spacing().interact_size.y;
                area.show_rows(ui, height, rows.len(), |ui, range| {
                    for row in &rows[range] {
                        row_ui(app, ui, row);
                    }
                });
            } else {
                area.show(ui, |ui| {
                    for row in &rows {
                        row_ui(app, ui, row);
                    }
                });
            }
            app.dialogs.outline.rows = rows;
        });
}

/// One row: a heading that folds its list, an element that selects, or a button.
fn row_ui(app: &mut VsmapApp, ui: &mut egui::Ui, row: &Row) {
    match row {
        Row::Header(section, total, matched) => {
            let folded = &mut app.dialogs.outline.folded[*section as usize];
            let arrow = if *folded { "⏵" } else { "⏷" };
            let count = match matched {
                Some(matched) => format!("{matched} of {total}"),
                None => total.to_string(),
            };
            let text = egui::RichText::new(format!("{arrow} {} ({count})", section.title()));
            if ui
                .add(egui::Button::new(text).frame(false))
                .on_hover_text(if *folded { "Unfold" } else { "Fold" })
                .clicked()
            {
                *folded = !*folded;
            }
        }
        Row::Item(section, id, name) => {
            ui.horizontal(|ui| {
                ui.add_space(12.0);
                let selected = match section {
                    Section::Streams => app.selection == Selection::Stream(id.clone()),
                    Section::Teams => app.selection == Selection::Team(id.clone()),
                    Section::Services => app.selection.has_service(id),
                };
                let response = ui.selectable_label(
                    selected,
                    crate::ui::shapes::elide(name, crate::ui::shapes::MAX_LABEL_CHARS / 2).as_ref(),
                );
                if !response.clicked() {
                    return;
                }
                match section {
                    Section::Streams => app.act(Action::Select(Selection::Stream(id.clone()))),
                    Section::Teams => app.act(Action::Select(Selection::Team(id.clone()))),
                    Section::Services => {
                        let ctrl = ui.input(|i| i.modifiers.command || i.modifiers.ctrl);
                        app.act(if ctrl {
                            Action::ToggleService(id.clone())
                        } else {
                            Action::Select(Selection::Services(vec![id.clone()]))
                        });
                        app.act(Action::Reveal(vec![id.clone()]));
                    }
                }
            });
        }
        Row::Add(section) => {
            ui.horizontal(|ui| {
                ui.add_space(12.0);
                let (label, command) = match section {
                    Section::Streams => ("+ Stream from selection", UICommand::StreamFromSelection),
                    _ => ("+ Team", UICommand::AddTeam),
                };
                if ui.small_button(label).clicked() {
                    app.act(Action::Command(command));
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(rows: &[Row], section: Section) -> Vec<&str> {
        rows.iter()
            .filter_map(|r| match r {
                Row::Item(s, _, name) if *s == section => Some(name.as_str()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn rows_are_sorted_filtered_and_folded() {
        let map = crate::io::from_json(crate::ui::document::EXAMPLE_MAP.as_bytes()).unwrap();
        let rows = rows_of(&map, "", [false; 3]);
        let services = items(&rows, Section::Services);
        assert_eq!(services.len(), map.services.len());
        let mut sorted = services.clone();
        sorted.sort_by_key(|s| s.to_lowercase());
        assert_eq!(services, sorted);

        let rows = rows_of(&map, "DB", [false; 3]);
        let services = items(&rows, Section::Services);
        assert!(!services.is_empty());
        assert!(services.iter().all(|s| s.contains("DB")), "{services:?}");
        // Headings give the matches and the full count.
        assert!(rows.contains(&Row::Header(
            Section::Services,
            map.services.len(),
            Some(services.len())
        )));
        assert!(rows.contains(&Row::Header(Section::Teams, map.teams.len(), Some(0))));

        let rows = rows_of(&map, "", [false, false, true]);
        assert!(items(&rows, Section::Services).is_empty());
        assert!(!items(&rows, Section::Teams).is_empty());
        assert!(rows.contains(&Row::Header(Section::Services, map.services.len(), None)));

        // A folded list still counts its matches.
        let rows = rows_of(&map, "DB", [false, false, true]);
        assert!(items(&rows, Section::Services).is_empty());
        assert!(rows.contains(&Row::Header(
            Section::Services,
            map.services.len(),
            Some(services.len())
        )));
    }
}
