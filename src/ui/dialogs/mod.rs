//! Dialogs, prompts and small windows, drawn from the state; each returns
//! what the user answered as actions. Closing any of them (Cancel, Escape,
//! a click outside a modal, a window's close button) is
//! [`crate::ui::state::Action::Close`].

mod buttons;
mod draft;
mod history;
mod import;
mod palette;
mod prompts;
mod recovery;
mod windows;

pub use windows::MOUSE_GESTURES;

use crate::ui::state::{Action, AppState};
use crate::ui::theme::Theme;

/// Draws every open dialog.
pub fn dialogs_ui(ctx: &egui::Context, state: &AppState, theme: &Theme) -> Vec<Action> {
    let mut out = Vec::new();
    recovery::restore_ui(ctx, state, &mut out);
    recovery::conflict_ui(ctx, state, &mut out);
    recovery::reload_ui(ctx, state, &mut out);
    prompts::error_ui(ctx, state, &mut out);
    prompts::unsaved_ui(ctx, state, &mut out);
    prompts::allow_ui(ctx, state, &mut out);
    prompts::path_field_ui(ctx, state, &mut out);
    palette::palette_ui(ctx, state, theme, &mut out);
    windows::shortcuts_ui(ctx, state, &mut out);
    windows::about_ui(ctx, state, &mut out);
    import::import_dialogs_ui(ctx, state, &mut out);
    draft::draft_ui(ctx, state, theme, &mut out);
    history::history_ui(ctx, state, theme, &mut out);
    out
}
