//! The "Fix ▾" menu of a finding in the findings panel, and the fix button
//! it shares with the canvas' context menu: the finding's fixes, each previewed while the pointer is
//! on it (a ghost over the canvas, and what it does to the findings as its
//! tooltip), applied as one undoable step when clicked.
//!
//! The fixes are worked out only while the menu is open (a map has
//! thousands of findings, and a menu shows one finding's).

use crate::analysis::Finding;
use crate::fix::{Fix, fixes_for};
use crate::ui::state::{Action, AppState, FindingKey, FixRef};
use crate::ui::theme::Theme;

/// The menu's button and, when open, its fixes; pushes the fix under the
/// pointer as [`Action::PreviewFix`] (every frame it stays there) and the
/// fix clicked as [`Action::ApplyFix`].
pub fn fix_menu_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    finding: &Finding,
    theme: &Theme,
    out: &mut Vec<Action>,
) {
    let doc = &state.doc;
    ui.menu_button("Fix ▾", |ui| {
        let fixes = fixes_for(doc.map(), finding, doc.today());
        if fixes.is_empty() {
            ui.label(
                egui::RichText::new("No fix applies here: see the finding's explanation")
                    .color(theme.muted),
            );
            return;
        }
        for (index, fix) in fixes.iter().enumerate() {
            let fix_ref = FixRef {
                finding: FindingKey::of(finding),
                index,
            };
            let summary = state
                .fix_preview
                .as_ref()
                .filter(|p| p.fix == fix_ref && p.revision == doc.revision())
                .map(|p| p.ghost.summary.as_str());
            if fix_button_ui(ui, fix, fix_ref, summary, theme, out) {
                ui.close();
            }
        }
    });
}

/// One fix as a button, wherever fixes are listed: previewed while the
/// pointer is on it, with what it does (`summary`, the preview's, once
/// worked out) as its tooltip and what it deletes said in red; returns
/// whether it was clicked (and pushes [`Action::ApplyFix`]).
pub fn fix_button_ui(
    ui: &mut egui::Ui,
    fix: &Fix,
    fix_ref: FixRef,
    summary: Option<&str>,
    theme: &Theme,
    out: &mut Vec<Action>,
) -> bool {
    let button = ui.button(&fix.title);
    if button.hovered() {
        out.push(Action::PreviewFix(Some(fix_ref.clone())));
    }
    let mut hover = if fix.field.is_some() {
        "Opens the field for you to type: no placeholder is written".to_string()
    } else {
        summary.unwrap_or("Previewing…").to_string()
    };
    if !fix.removes.is_empty() {
        hover.push_str(&format!("\nDeletes {}", fix.removes.join(" and ")));
    }
    let button = button.on_hover_text(hover);
    if !fix.removes.is_empty() {
        ui.label(
            egui::RichText::new(format!("deletes {}", fix.removes.join(" and ")))
                .small()
                .color(theme.removed),
        );
    }
    let clicked = button.clicked();
    if clicked {
        out.push(Action::ApplyFix(fix_ref));
    }
    clicked
}
