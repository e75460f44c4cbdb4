//! The small windows of the Help menu: the keyboard shortcuts and About.
//! They are not modal; Escape closes the topmost, and F1 toggles the list.

use crate::ui::state::{Action, AppState, Dialog, UICommand};

/// Mouse gestures, listed with the shortcuts.
pub const MOUSE_GESTURES: &[(&str, &str)] = &[
    ("Double-click canvas", "Add a service there"),
    ("Double-click service", "Rename it"),
    ("Ctrl-click", "Add to or remove from the selection"),
    ("Shift-drag", "Select a box"),
    ("Alt-drag from a service", "Link it to another"),
    ("Drag empty canvas / middle mouse", "Pan"),
    ("Wheel / Ctrl+wheel / pinch", "Zoom"),
    ("Right-click", "Context menu"),
];

/// The room a window leaves free at the top (the menu bar and toolbar) and
/// at the bottom (the status bar): windows open inside the rest.
const TOP_BARS: f32 = 64.0;
const BOTTOM_BAR: f32 = 28.0;

/// Where the Help windows may go: below the menu bar and toolbar, above the
/// status bar.
pub(super) fn free_area(ctx: &egui::Context) -> egui::Rect {
    let screen = ctx.content_rect();
    egui::Rect::from_min_max(
        screen.min + egui::vec2(0.0, TOP_BARS),
        screen.max - egui::vec2(0.0, BOTTOM_BAR),
    )
}

pub(super) fn shortcuts_ui(ctx: &egui::Context, state: &AppState, out: &mut Vec<Action>) {
    if !state.dialogs.shortcuts {
        return;
    }
    let mut open = true;
    let area = free_area(ctx);
    egui::Window::new("Keyboard shortcuts")
        .open(&mut open)
        .resizable(false)
        .constrain_to(area)
        .default_pos(area.min + egui::vec2(40.0, 16.0))
        .max_height(area.height() - 32.0)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .min_scrolled_height(area.height() - 80.0)
                .max_height(area.height() - 80.0)
                .show(ui, |ui| {
                    egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
                        for command in UICommand::all() {
                            ui.label(command.label());
                            ui.label(command.shortcut_text(ctx));
                            ui.end_row();
                        }
                        for (gesture, what) in MOUSE_GESTURES {
                            ui.label(*what);
                            ui.label(*gesture);
                            ui.end_row();
                        }
                    });
                });
        });
    if !open {
        out.push(Action::Close(Dialog::Shortcuts));
    }
}

pub(super) fn about_ui(ctx: &egui::Context, state: &AppState, out: &mut Vec<Action>) {
    if !state.dialogs.about {
        return;
    }
    let mut open = true;
    let area = free_area(ctx);
    egui::Window::new("About vsmap")
        .open(&mut open)
        .resizable(false)
        .constrain_to(area)
        .show(ctx, |ui| {
            ui.label(format!("vsmap {}", env!("CARGO_PKG_VERSION")));
            ui.label(
                "Value stream maps, and the architecture anti-patterns that fight the flow of work.",
            );
        });
    if !open {
        out.push(Action::Close(Dialog::About));
    }
}
