//! The "Fix ▾" menu of a finding, in the findings panel and in the canvas'
//! context menu: the finding's fixes, each previewed while the pointer is
//! on it (a ghost over the canvas, and what it does to the findings as its
//! tooltip), applied as one undoable step when clicked.
//!
//! The fixes are worked out only while the menu is open (a map has
//! thousands of findings, and a menu shows one finding's).

use crate::analysis::Finding;
use crate::fix::fixes_for;
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
            let mut button = ui.button(&fix.title);
            if button.hovered() {
                out.push(Action::PreviewFix(Some(fix_ref.clone())));
            }
            let delta = state
                .fix_preview
                .as_ref()
                .filter(|p| p.fix == fix_ref && p.revision == doc.revision())
                .map(|p| match &p.delta {
                    Ok(delta) => format!("If applied, it {delta}"),
                    Err(e) => format!("It cannot be applied: {e}"),
                });
            let mut hover = delta.unwrap_or_else(|| "Previewing…".into());
            if fix.field.is_some() {
                hover = "Opens the field for you to type: no placeholder is written".into();
            }
            if !fix.removes.is_empty() {
                hover.push_str(&format!("\nDeletes {}", fix.removes.join(" and ")));
            }
            button = button.on_hover_text(hover);
            if !fix.removes.is_empty() {
                ui.label(
                    egui::RichText::new(format!("deletes {}", fix.removes.join(" and ")))
                        .small()
                        .color(theme.removed),
                );
            }
            if button.clicked() {
                out.push(Action::ApplyFix(fix_ref));
                ui.close();
            }
        }
    });
}
