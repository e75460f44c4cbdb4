//! The keyboard, read once per frame: which key presses become actions, and
//! which are left to the widget or window they belong to.
//!
//! Escape does what it does on every desktop: it closes the topmost thing
//! (a menu or popup, the canvas' context menu or rename field, a dialog, the
//! presentation) and only when nothing is open clears the selection. While
//! a menu or a modal dialog is open it holds the keyboard: the editor's
//! shortcuts do nothing, except Ctrl+P, which closes the palette it opened.

use egui::{Key, Modifiers};

use super::canvas::Canvas;
use super::state::{Action, AppState, Dialog, PresentStep, UICommand};

/// The actions this frame's key presses ask for. Keys taken here are
/// consumed; keys left to egui (a menu's Escape, a text field's) are not.
pub fn key_actions(ctx: &egui::Context, state: &AppState, canvas: &Canvas) -> Vec<Action> {
    if state.presentation.is_some() && !state.modal_open() {
        return presentation_keys(ctx);
    }
    let mut actions = Vec::new();
    if ctx.input(|i| i.key_pressed(Key::Escape))
        && let Some(action) = escape(ctx, state, canvas)
    {
        ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape));
        actions.push(action);
    }
    if egui::Popup::is_any_open(ctx) {
        // An open menu has the keyboard, as on every desktop: its arrows
        // and Enter are its own, and no command runs behind it.
        return actions;
    }
    if state.modal_open() {
        // Only the palette's own shortcut: it toggles the palette shut.
        let palette = UICommand::Palette.shortcut();
        if state.dialogs.palette.is_some()
            && let Some(shortcut) = palette
            && ctx.input_mut(|i| i.consume_shortcut(&shortcut))
        {
            actions.push(Action::Close(Dialog::Palette));
        }
        return actions;
    }
    actions.extend(UICommand::from_input(ctx).into_iter().map(Action::Command));
    actions
}

/// What Escape does now, or `None` where it belongs to a widget: the
/// canvas's rename field cancels and its context menu closes, a modal dialog
/// closes itself. An open menu or popup is closed here, whether or not it
/// is drawn this frame (one whose panel was hidden would otherwise stay open
/// in egui's memory and keep every later Escape).
fn escape(ctx: &egui::Context, state: &AppState, canvas: &Canvas) -> Option<Action> {
    if egui::Popup::is_any_open(ctx) {
        egui::Popup::close_all(ctx);
        ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape));
        return None;
    }
    if canvas.wants_escape() {
        return None;
    }
    match state.topmost_dialog() {
        // Modal dialogs close on Escape through egui (`Modal::should_close`).
        Some(_) if state.modal_open() => None,
        Some(dialog) => Some(Action::Close(dialog)),
        None => Some(Action::Command(UICommand::SelectNone)),
    }
}

/// A presenter's clicker sends arrows, space and page up/down.
fn presentation_keys(ctx: &egui::Context) -> Vec<Action> {
    ctx.input_mut(|i| {
        let mut pressed = |keys: &[Key]| {
            // Consume every listed key, not just the first that matches.
            keys.iter()
                .filter(|k| i.consume_key(Modifiers::NONE, **k))
                .count()
                > 0
        };
        let steps = [
            (
                &[
                    Key::ArrowRight,
                    Key::ArrowDown,
                    Key::Space,
                    Key::PageDown,
                    Key::Enter,
                ][..],
                PresentStep::Next,
            ),
            (
                &[Key::ArrowLeft, Key::ArrowUp, Key::PageUp, Key::Backspace][..],
                PresentStep::Previous,
            ),
            (&[Key::Home][..], PresentStep::First),
            (&[Key::End][..], PresentStep::Last),
            (&[Key::Escape, Key::F5][..], PresentStep::Stop),
        ];
        steps
            .into_iter()
            .filter(|(keys, _)| pressed(keys))
            .map(|(_, step)| Action::Present(step))
            .collect()
    })
}
