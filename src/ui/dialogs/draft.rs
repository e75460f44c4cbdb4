//! File ▸ Draft proposal from fixes: which rules' findings the proposal
//! fixes, each with how many findings it has; deleting fixes (an orphan
//! service) start unchosen and say so.

use super::buttons::confirm_or_cancel_ui;
use crate::analysis::rule;
use crate::ui::state::{Action, Answer, AppState, Dialog};
use crate::ui::theme::Theme;

/// Draws the dialog when it is open.
pub(super) fn draft_ui(
    ctx: &egui::Context,
    state: &AppState,
    theme: &Theme,
    out: &mut Vec<Action>,
) {
    let Some(dialog) = &state.dialogs.draft else {
        return;
    };
    let mut done = None;
    let modal = egui::Modal::new(egui::Id::new("draft-proposal")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading("Draft proposal from fixes");
        ui.label(
            "vsmap applies the first fix of each chosen finding to a copy of this map and \
             opens it beside the map of today, where every change can be taken back.",
        );
        ui.add_space(4.0);
        egui::ScrollArea::vertical()
            .max_height(320.0)
            .show(ui, |ui| {
                for (id, count, chosen) in &dialog.rules {
                    let mut on = *chosen;
                    let title = rule(id).map_or(*id, |r| r.title);
                    let label = format!("{id} ({count}): {title}");
                    let response = ui.checkbox(&mut on, label);
                    if *id == "orphan-service" {
                        ui.indent(id, |ui| {
                            ui.label(
                                egui::RichText::new("deletes the services it fixes")
                                    .small()
                                    .color(theme.removed),
                            );
                        });
                    }
                    if response.changed() {
                        out.push(Action::Answer(Answer::DraftRule(id.to_string(), on)));
                    }
                }
            });
        ui.add_space(4.0);
        let any = dialog.rules.iter().any(|(_, _, chosen)| *chosen);
        done = confirm_or_cancel_ui(ui, "Draft", any);
    });
    if modal.should_close() && done.is_none() {
        done = Some(false);
    }
    match done {
        Some(true) => out.push(Action::Answer(Answer::Draft)),
        Some(false) => out.push(Action::Close(Dialog::Draft)),
        None => {}
    }
}
