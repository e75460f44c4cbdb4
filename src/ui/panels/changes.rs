//! While comparing: the mode toggle, the summary, and every change; clicking
//! a change selects what it names and brings it into view, and each change
//! (or every change of its element, from its context menu) can be taken
//! back into the open map, as one undoable step.

use crate::diff::ChangeRef;
use crate::diff::render::{ChangeGroup, Tone, review_lines};
use crate::model::Id;
use crate::ui::state::{Action, AppState, CompareMode, UICommand};
use crate::ui::theme::{Theme, dot_ui};
use crate::ui::widgets;

/// One line of the changes list.
struct ChangeLine {
    text: String,
    color: egui::Color32,
    /// Where the review lists it.
    group: ChangeGroup,
    /// Whether it removes something.
    removal: bool,
    /// Services to select and reveal.
    services: Vec<Id>,
    /// The change the line shows.
    change: ChangeRef,
    /// Every change of the line's element, with its name, where the element
    /// has more than this one.
    element: Option<(ChangeRef, String)>,
}

/// The reference to every change of the element a change is about.
fn element_of(change: &ChangeRef) -> ChangeRef {
    match change {
        ChangeRef::Team { id, .. } => ChangeRef::Team {
            id: id.clone(),
            field: None,
        },
        ChangeRef::Service { id, .. } => ChangeRef::Service {
            id: id.clone(),
            field: None,
        },
        ChangeRef::Stream { id, .. } => ChangeRef::Stream {
            id: id.clone(),
            field: None,
        },
        ChangeRef::Link { .. } => change.clone(),
        ChangeRef::Map { .. } => ChangeRef::Map { field: None },
    }
}

fn lines(state: &AppState, theme: &Theme) -> Vec<ChangeLine> {
    let mut out = change_lines(state, theme);
    // "Every change of X" is offered where X has more than one line.
    let mut count: std::collections::HashMap<ChangeRef, usize> = Default::default();
    for line in &out {
        *count.entry(element_of(&line.change)).or_default() += 1;
    }
    if let Some(compare) = &state.compare {
        for line in &mut out {
            let element = element_of(&line.change);
            if count.get(&element).is_some_and(|n| *n > 1) {
                let name = match &element {
                    ChangeRef::Team { id, .. }
                    | ChangeRef::Service { id, .. }
                    | ChangeRef::Stream { id, .. } => compare.diff.name_of(id).to_string(),
                    _ => "the map".to_string(),
                };
                line.element = Some((element, name));
            }
        }
    }
    out
}

/// The compared changes as the review reads them ([`review_lines`]), with
/// the colour of each and, for a change of a whole stream, its steps in the
/// open map to show on a click.
fn change_lines(state: &AppState, theme: &Theme) -> Vec<ChangeLine> {
    let Some(compare) = &state.compare else {
        return Vec::new();
    };
    review_lines(&compare.diff)
        .into_iter()
        .map(|line| {
            let services = match (&line.change, line.services.is_empty()) {
                (ChangeRef::Stream { id, .. }, true) => state
                    .doc
                    .map()
                    .stream(id.as_str())
                    .map(|s| s.steps.iter().map(|x| x.service.clone()).collect())
                    .unwrap_or_default(),
                _ => line.services,
            };
            ChangeLine {
                text: line.text,
                color: match line.tone {
                    Tone::Added => theme.added,
                    Tone::Removed => theme.removed,
                    Tone::Changed => theme.changed,
                },
                group: line.group,
                removal: line.tone == Tone::Removed,
                services,
                change: line.change,
                element: None,
            }
        })
        .collect()
}

/// The changes panel, on the left while comparing.
pub fn changes_ui(ui: &mut egui::Ui, state: &AppState, theme: &Theme) -> Vec<Action> {
    let mut out = Vec::new();
    let Some(compare) = &state.compare else {
        return out;
    };
    let mode = compare.mode;
    let title = compare
        .before_path
        .as_ref()
        .and_then(|p| p.file_name())
        .map_or_else(
            || compare.before.display_name(),
            |n| n.to_string_lossy().into_owned(),
        );
    let summary = compare.findings_summary();
    let lines = lines(state, theme);
    egui::Panel::left("changes")
        .resizable(true)
        .default_size(300.0)
        .show(ui, |ui| {
            ui.heading("Compare");
            ui.label(format!("Before: {title}"));
            ui.label(format!("After: {} (editable)", state.doc.display_name()));
            ui.horizontal(|ui| {
                let mut m = mode;
                ui.selectable_value(&mut m, CompareMode::Before, "Before");
                ui.selectable_value(&mut m, CompareMode::After, "After");
                ui.selectable_value(&mut m, CompareMode::Overlay, "Overlay");
                if m != mode {
                    out.push(Action::SetCompareMode(m));
                }
            });
            ui.label(egui::RichText::new(format!("Findings: {summary}")).strong());
            if ui.button("Stop comparing").clicked() {
                out.push(Action::Command(UICommand::CloseCompare));
            }
            ui.separator();
            ui.label(egui::RichText::new(format!("Changes ({})", lines.len())).strong());
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    if lines.is_empty() {
                        ui.label(
                            egui::RichText::new("No architectural change.").color(theme.muted),
                        );
                    }
                    // One heading per group, in the review's order; text
                    // edits folded, as they are rarely the story.
                    let mut rest = lines.as_slice();
                    while let Some(first) = rest.first() {
                        let group = first.group;
                        let n = rest.iter().take_while(|l| l.group == group).count();
                        let (these, after) = rest.split_at(n);
                        rest = after;
                        let title = format!("{} ({n})", group.title());
                        egui::CollapsingHeader::new(egui::RichText::new(title).strong())
                            .id_salt(("change-group", group))
                            .default_open(group != ChangeGroup::Text)
                            .show(ui, |ui| {
                                for line in these {
                                    change_row_ui(ui, state, line, theme, &mut out);
                                }
                            });
                    }
                });
        });
    out
}

/// One change: what it is (a click selects and reveals it), and a button
/// that takes the compared map's version back into the open map; the row's
/// context menu also takes every change of its element.
fn change_row_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    line: &ChangeLine,
    theme: &Theme,
    out: &mut Vec<Action>,
) {
    ui.horizontal_wrapped(|ui| {
        let revert = ui.small_button("↶").on_hover_text(
            "Revert: make the open map as the compared map is here (one undoable step)",
        );
        revert.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::WidgetType::Button,
                true,
                format!("Revert {}", line.text),
            )
        });
        widgets::keep_focus_in_view(&revert);
        if revert.clicked() {
            out.push(revert_action(&line.change, &line.text));
        }
        dot_ui(ui, line.color);
        // The focused change reads stronger: the inspector describes it.
        let focused = state
            .compare
            .as_ref()
            .and_then(|c| c.focused.as_ref())
            .is_some_and(|(change, text)| *change == line.change && *text == line.text);
        let mut text = egui::RichText::new(&line.text);
        if focused {
            text = text.strong().underline();
        }
        let row = ui.add(egui::Label::new(text).sense(egui::Sense::click()));
        widgets::focus_ring(ui, &row, theme);
        if row.clicked() {
            out.push(Action::FocusChange {
                change: line.change.clone(),
                text: line.text.clone(),
                services: line.services.clone(),
                removal: line.removal,
            });
        }
        row.context_menu(|ui| {
            if ui.button("Revert this change").clicked() {
                out.push(revert_action(&line.change, &line.text));
                ui.close();
            }
            if let Some((element, name)) = &line.element
                && ui
                    .button(format!("Revert every change of {name}"))
                    .clicked()
            {
                out.push(revert_action(element, &format!("every change of {name}")));
                ui.close();
            }
        });
    });
}

fn revert_action(change: &ChangeRef, what: &str) -> Action {
    Action::Revert {
        change: change.clone(),
        label: format!("Revert {what}"),
    }
}
