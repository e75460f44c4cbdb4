//! While comparing: the mode toggle, the summary, and every change; clicking
//! a change selects what it names and brings it into view.

use crate::model::Id;
use crate::ui::state::{Action, AppState, CompareMode, Selection, UICommand};
use crate::ui::theme::{Theme, dot_ui};

/// One line of the changes list.
struct ChangeLine {
    text: String,
    color: egui::Color32,
    /// Services to select and reveal.
    services: Vec<Id>,
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

fn lines(state: &AppState, theme: &Theme) -> Vec<ChangeLine> {
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
        out.push(ChangeLine {
            text: format!("{} moved from {} to {}", m.name, m.from_name, m.to_name),
            color: theme.changed,
            services,
        });
    }
    for s in &d.services.added {
        out.push(ChangeLine {
            text: format!("Added service {}", s.name),
            color: theme.added,
            services: vec![s.id.clone()],
        });
    }
    for s in &d.services.removed {
        out.push(ChangeLine {
            text: format!("Removed service {}", s.name),
            color: theme.removed,
            services: vec![s.id.clone()],
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
            });
        }
    }
    for t in &d.teams.added {
        out.push(ChangeLine {
            text: format!("Added team {}", t.name),
            color: theme.added,
            services: Vec::new(),
        });
    }
    for t in &d.teams.removed {
        out.push(ChangeLine {
            text: format!("Removed team {}", t.name),
            color: theme.removed,
            services: Vec::new(),
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
            });
        }
    }
    for s in &d.streams.added {
        out.push(ChangeLine {
            text: format!("Added stream {}", s.name),
            color: theme.added,
            services: s.steps.iter().map(|x| x.service.clone()).collect(),
        });
    }
    for s in &d.streams.removed {
        out.push(ChangeLine {
            text: format!("Removed stream {}", s.name),
            color: theme.removed,
            services: Vec::new(),
        });
    }
    for c in &d.streams.changed {
        for f in c.changes.iter().filter(|f| f.field != "owner") {
            let text = if f.field == "steps" {
                format!("Stream {}: steps changed", c.id)
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
        });
    }
    let paired = |l: &crate::model::Link| {
        kind_changes
            .iter()
            .any(|(a, b)| a.key() == l.key() || b.key() == l.key())
    };
    for l in d.links.added.iter().filter(|l| !paired(l)) {
        out.push(ChangeLine {
            text: format!("Added {} link {} -> {}", l.kind.as_str(), l.from, l.to),
            color: theme.added,
            services: vec![l.from.clone(), l.to.clone()],
        });
    }
    for l in d.links.removed.iter().filter(|l| !paired(l)) {
        out.push(ChangeLine {
            text: format!("Removed {} link {} -> {}", l.kind.as_str(), l.from, l.to),
            color: theme.removed,
            services: vec![l.from.clone(), l.to.clone()],
        });
    }
    out
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
                        ui.horizontal_wrapped(|ui| {
                            dot_ui(ui, line.color);
                            let row =
                                ui.add(egui::Label::new(&line.text).sense(egui::Sense::click()));
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
                        });
                    }
                });
        });
    out
}
