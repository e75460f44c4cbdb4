//! The command palette (Ctrl+P): every command by name, filtered as you
//! type; arrows move, Enter runs, Escape, Ctrl+P or a click outside closes.
//!
//! It hangs from the top of the window at a fixed size, so that the field
//! being typed into stays where it is whatever the number of matches.

use egui::{Align2, vec2};

use crate::ui::state::{Action, Answer, AppState, Dialog, UICommand};
use crate::ui::theme::Theme;

/// Width of the palette.
const WIDTH: f32 = 440.0;
/// Height of the list of matches (it scrolls beyond).
const LIST_HEIGHT: f32 = 320.0;
/// Distance of the palette from the top of the window.
const TOP: f32 = 90.0;

/// The commands whose label contains the query, ignoring case.
pub fn matching(query: &str) -> Vec<UICommand> {
    let query = query.to_lowercase();
    UICommand::all()
        .filter(|c| c.label().to_lowercase().contains(&query))
        .collect()
}

pub(super) fn palette_ui(
    ctx: &egui::Context,
    state: &AppState,
    theme: &Theme,
    out: &mut Vec<Action>,
) {
    let Some(palette) = &state.dialogs.palette else {
        return;
    };
    let matches = matching(&palette.query);
    let mut query = palette.query.clone();
    let mut highlighted = palette.highlighted.min(matches.len().saturating_sub(1));
    let mut chosen = None;
    let mut moved = false;
    let id = egui::Id::new("palette");
    let area = egui::Modal::default_area(id).anchor(Align2::CENTER_TOP, vec2(0.0, TOP));
    let modal = egui::Modal::new(id).area(area).show(ctx, |ui| {
        ui.set_width(WIDTH);
        let edit = ui.add(
            egui::TextEdit::singleline(&mut query)
                .hint_text("Type a command…")
                .desired_width(f32::INFINITY),
        );
        edit.widget_info(|| {
            egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, "Command palette")
        });
        edit.request_focus();
        ui.input(|i| {
            if i.key_pressed(egui::Key::ArrowDown) {
                highlighted = (highlighted + 1).min(matches.len().saturating_sub(1));
                moved = true;
            }
            if i.key_pressed(egui::Key::ArrowUp) {
                highlighted = highlighted.saturating_sub(1);
                moved = true;
            }
            if i.key_pressed(egui::Key::Enter) {
                chosen = matches.get(highlighted).copied();
            }
        });
        egui::ScrollArea::vertical()
            .min_scrolled_height(LIST_HEIGHT)
            .max_height(LIST_HEIGHT)
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if matches.is_empty() {
                    ui.label(egui::RichText::new("No command matches.").color(theme.muted));
                }
                for (i, command) in matches.iter().enumerate() {
                    ui.horizontal(|ui| {
                        let row = ui.selectable_label(i == highlighted, command.label());
                        if i == highlighted && moved {
                            row.scroll_to_me(None);
                        }
                        if row.clicked() {
                            chosen = Some(*command);
                        }
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            ui.label(egui::RichText::new(command.shortcut_text(ctx)).weak());
                        });
                    });
                }
            });
    });
    if query != palette.query {
        out.push(Action::Answer(Answer::PaletteQuery(query)));
    } else if highlighted != palette.highlighted {
        out.push(Action::Answer(Answer::PaletteHighlight(highlighted)));
    }
    if let Some(command) = chosen {
        out.push(Action::Close(Dialog::Palette));
        out.push(Action::Command(command));
    } else if modal.should_close() {
        out.push(Action::Close(Dialog::Palette));
    }
}
