//! While comparing: the mode toggle, the summary, and every change; clicking
//! a change selects what it names and brings it into view, and each change
//! (or every change of its element, from its context menu) can be taken
//! back into the open map, as one undoable step.

use crate::diff::ChangeRef;
use crate::model::Id;
use crate::ui::state::{Action, AppState, CompareMode, Selection, UICommand};
use crate::ui::theme::{Theme, dot_ui};
use crate::ui::widgets;

/// One line of the changes list.
struct ChangeLine {
    text: String,
    color: egui::Color32,
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

fn short(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => "none".into(),
        serde_json::Value::String(s) if s.is_empty() => "empty".into(),
        // Long texts (descriptions) are cut: the inspector shows them whole.
        serde_json::Value::String(s) if s.chars().count() > 48 => {
            format!("\"{}…\"", s.chars().take(45).collect::<String>())
        }
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn field(field: &str) -> Option<String> {
    Some(field.to_string())
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

fn change_lines(state: &AppState, theme: &Theme) -> Vec<ChangeLine> {
    let Some(compare) = &state.compare else {
        return Vec::new();
    };
    let d = &compare.diff;
    let mut out = Vec::new();
    let moves = d.owner_moves();
    for m in &moves {
        let services = if state.doc.map().service(m.id.as_str()).is_some() {
            vec![m.id.clone()]
        } else {
            Vec::new()
        };
        let change = if d.services.changes_of(m.id.as_str()).is_some() {
            ChangeRef::Service {
                id: m.id.clone(),
                field: field("owner"),
            }
        } else {
            ChangeRef::Stream {
                id: m.id.clone(),
                field: field("owner"),
            }
        };
        out.push(ChangeLine {
            text: format!("{} moved from {} to {}", m.name, m.from_name, m.to_name),
            color: theme.changed,
            services,
            change,
            element: None,
        });
    }
    for s in &d.services.added {
        out.push(ChangeLine {
            text: format!("Added service {}", s.name),
            color: theme.added,
            services: vec![s.id.clone()],
            change: ChangeRef::Service {
                id: s.id.clone(),
                field: None,
            },
            element: None,
        });
    }
    for s in &d.services.removed {
        out.push(ChangeLine {
            text: format!("Removed service {}", s.name),
            color: theme.removed,
            services: vec![s.id.clone()],
            change: ChangeRef::Service {
                id: s.id.clone(),
                field: None,
            },
            element: None,
        });
    }
    for c in &d.services.changed {
        for f in c.changes.iter().filter(|f| f.field != "owner") {
            out.push(ChangeLine {
                text: format!(
                    "{}: {} {} -> {}",
                    d.name_of(&c.id),
                    f.field,
                    short(&f.before),
                    short(&f.after)
                ),
                color: theme.changed,
                services: vec![c.id.clone()],
                change: ChangeRef::Service {
                    id: c.id.clone(),
                    field: field(&f.field),
                },
                element: None,
            });
        }
    }
    for t in &d.teams.added {
        out.push(ChangeLine {
            text: format!("Added team {}", t.name),
            color: theme.added,
            services: Vec::new(),
            change: ChangeRef::Team {
                id: t.id.clone(),
                field: None,
            },
            element: None,
        });
    }
    for t in &d.teams.removed {
        out.push(ChangeLine {
            text: format!("Removed team {}", t.name),
            color: theme.removed,
            services: Vec::new(),
            change: ChangeRef::Team {
                id: t.id.clone(),
                field: None,
            },
            element: None,
        });
    }
    for c in &d.teams.changed {
        for f in &c.changes {
            out.push(ChangeLine {
                text: format!(
                    "Team {}: {} {} -> {}",
                    d.name_of(&c.id),
                    f.field,
                    short(&f.before),
                    short(&f.after)
                ),
                color: theme.changed,
                services: Vec::new(),
                change: ChangeRef::Team {
                    id: c.id.clone(),
                    field: field(&f.field),
                },
                element: None,
            });
        }
    }
    for s in &d.streams.added {
        out.push(ChangeLine {
            text: format!("Added stream {}", s.name),
            color: theme.added,
            services: s.steps.iter().map(|x| x.service.clone()).collect(),
            change: ChangeRef::Stream {
                id: s.id.clone(),
                field: None,
            },
            element: None,
        });
    }
    for s in &d.streams.removed {
        out.push(ChangeLine {
            text: format!("Removed stream {}", s.name),
            color: theme.removed,
            services: Vec::new(),
            change: ChangeRef::Stream {
                id: s.id.clone(),
                field: None,
            },
            element: None,
        });
    }
    for c in &d.streams.changed {
        for f in c.changes.iter().filter(|f| f.field != "owner") {
            let text = if f.field == "steps" {
                format!("Stream {}: steps changed", d.name_of(&c.id))
            } else {
                format!(
                    "Stream {}: {} {} -> {}",
                    d.name_of(&c.id),
                    f.field,
                    short(&f.before),
                    short(&f.after)
                )
            };
            let services = state
                .doc
                .map()
                .stream(c.id.as_str())
                .map(|s| s.steps.iter().map(|x| x.service.clone()).collect())
                .unwrap_or_default();
            out.push(ChangeLine {
                text,
                color: theme.changed,
                services,
                change: ChangeRef::Stream {
                    id: c.id.clone(),
                    field: field(&f.field),
                },
                element: None,
            });
        }
    }
    let kind_changes = d.links.kind_changes();
    for (old, new) in &kind_changes {
        out.push(ChangeLine {
            text: format!(
                "Link {} -> {} changed kind: {} to {}",
                old.from,
                old.to,
                old.kind.as_str(),
                new.kind.as_str()
            ),
            color: theme.changed,
            services: vec![old.from.clone(), old.to.clone()],
            change: link_ref(old),
            element: None,
        });
    }
    for l in d.links.only_added() {
        out.push(ChangeLine {
            text: format!("Added {} link {} -> {}", l.kind.as_str(), l.from, l.to),
            color: theme.added,
            services: vec![l.from.clone(), l.to.clone()],
            change: link_ref(l),
            element: None,
        });
    }
    for l in d.links.only_removed() {
        out.push(ChangeLine {
            text: format!("Removed {} link {} -> {}", l.kind.as_str(), l.from, l.to),
            color: theme.removed,
            services: vec![l.from.clone(), l.to.clone()],
            change: link_ref(l),
            element: None,
        });
    }
    for r in &d.links.relabeled {
        out.push(ChangeLine {
            text: format!(
                "Link {} -> {} relabelled: {} -> {}",
                r.from,
                r.to,
                short(&serde_json::Value::String(r.before.clone())),
                short(&serde_json::Value::String(r.after.clone()))
            ),
            color: theme.changed,
            services: vec![r.from.clone(), r.to.clone()],
            change: ChangeRef::Link {
                from: r.from.clone(),
                to: r.to.clone(),
                kind: r.kind,
            },
            element: None,
        });
    }
    out
}

fn link_ref(l: &crate::model::Link) -> ChangeRef {
    ChangeRef::Link {
        from: l.from.clone(),
        to: l.to.clone(),
        kind: l.kind,
    }
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
                    for line in lines {
                        change_row_ui(ui, state, &line, theme, &mut out);
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
        let row = ui.add(egui::Label::new(&line.text).sense(egui::Sense::click()));
        widgets::focus_ring(ui, &row, theme);
        if row.clicked() && !line.services.is_empty() {
            let present: Vec<Id> = line
                .services
                .iter()
                .filter(|s| state.doc.map().service(s.as_str()).is_some())
                .cloned()
                .collect();
            if !present.is_empty() {
                out.push(Action::Select(Selection::Services(present)));
            }
            out.push(Action::Reveal(line.services.clone()));
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
