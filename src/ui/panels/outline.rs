//! Streams, teams and services as lists, filtered by a search box.
//!
//! The lists are flattened into rows once per change of the map or the
//! filter, not on every frame, and a long outline (an organisation with
//! thousands of services) lays out only the rows in view.

use crate::model::{Id, Map};
use crate::ui::state::{Action, AppState, OutlineFilter, Revision, Section, Selection, UICommand};
use crate::ui::theme::Theme;
use crate::ui::widgets;

/// Above this many rows only the visible ones are laid out. Below it every
/// row is a widget, which screen readers (and UI tests) can reach.
const VIRTUAL_ROWS: usize = 300;

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

/// The outline's rows for the last map and filter.
#[derive(Debug, Default)]
pub struct OutlineRows {
    /// What `rows` were made from: the document's revision and the filter.
    key: Option<(Revision, OutlineFilter)>,
    rows: Vec<Row>,
}

impl OutlineRows {
    /// Rebuilds the rows if the map or the filter changed.
    fn refresh(&mut self, map: &Map, revision: Revision, filter: &OutlineFilter) {
        if self
            .key
            .as_ref()
            .is_some_and(|(r, f)| *r == revision && f == filter)
        {
            return;
        }
        self.rows = rows_of(map, &filter.query, filter.folded);
        self.key = Some((revision, filter.clone()));
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
pub fn outline_ui(ui: &mut egui::Ui, state: &AppState, rows: &mut OutlineRows) -> Vec<Action> {
    let mut out = Vec::new();
    let theme = Theme::for_ctx(ui.ctx());
    egui::Panel::left("outline")
        .resizable(true)
        .default_size(230.0)
        .show(ui, |ui| {
            let mut query = state.outline.query.clone();
            ui.add(
                egui::TextEdit::singleline(&mut query)
                    .hint_text("Filter streams, teams, services")
                    .desired_width(f32::INFINITY),
            )
            .widget_info(|| {
                egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, "Filter the outline")
            });
            if query != state.outline.query {
                out.push(Action::SetOutlineQuery(query));
            }
            rows.refresh(state.doc.map(), state.doc.revision(), &state.outline);
            let area = egui::ScrollArea::vertical().auto_shrink([false, false]);
            if rows.rows.len() > VIRTUAL_ROWS {
                let height = ui.spacing().interact_size.y;
                area.show_rows(ui, height, rows.rows.len(), |ui, range| {
                    for row in &rows.rows[range] {
                        row_ui(ui, state, row, &theme, &mut out);
                    }
                });
            } else {
                area.show(ui, |ui| {
                    for row in &rows.rows {
                        row_ui(ui, state, row, &theme, &mut out);
                    }
                });
            }
        });
    out
}

/// One row: a heading that folds its list, an element that selects, or a button.
fn row_ui(ui: &mut egui::Ui, state: &AppState, row: &Row, theme: &Theme, out: &mut Vec<Action>) {
    match row {
        Row::Header(section, total, matched) => {
            let folded = state.outline.folded[*section as usize];
            let arrow = if folded { "⏵" } else { "⏷" };
            let count = match matched {
                Some(matched) => format!("{matched} of {total}"),
                None => total.to_string(),
            };
            let text = egui::RichText::new(format!("{arrow} {} ({count})", section.title()));
            let response = ui
                .add(egui::Button::new(text).frame(false))
                .on_hover_text(if folded { "Unfold" } else { "Fold" });
            widgets::focus_ring(ui, &response, theme);
            if response.clicked() {
                out.push(Action::ToggleOutlineFold(*section));
            }
        }
        Row::Item(section, id, name) => {
            ui.horizontal(|ui| {
                ui.add_space(12.0);
                let selection = &state.selection;
                let selected = match section {
                    Section::Streams => *selection == Selection::Stream(id.clone()),
                    Section::Teams => *selection == Selection::Team(id.clone()),
                    Section::Services => selection.has_service(id),
                };
                let response = ui.selectable_label(
                    selected,
                    crate::text::elide(name, crate::text::MAX_LABEL_CHARS / 2).as_ref(),
                );
                widgets::keep_focus_in_view(&response);
                if !response.clicked() {
                    return;
                }
                match section {
                    Section::Streams => out.push(Action::Select(Selection::Stream(id.clone()))),
                    Section::Teams => out.push(Action::Select(Selection::Team(id.clone()))),
                    Section::Services => {
                        let ctrl = ui.input(|i| i.modifiers.command || i.modifiers.ctrl);
                        out.push(if ctrl {
                            Action::ToggleService(id.clone())
                        } else {
                            Action::Select(Selection::Services(vec![id.clone()]))
                        });
                        out.push(Action::Reveal(vec![id.clone()]));
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
                let response = ui.small_button(label);
                widgets::keep_focus_in_view(&response);
                if response.clicked() {
                    out.push(Action::Command(command));
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
        let map = crate::io::from_json(crate::ui::state::EXAMPLE_MAP.as_bytes()).unwrap();
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
