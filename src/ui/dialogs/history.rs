//! File ▸ Map history: the open file's versions in git, newest first, each
//! with its findings, and a small chart of errors and warnings over time, so
//! a quarterly review sees whether the architecture drifts. "Compare" opens
//! that version as Before, the open map as After.

use egui::{Color32, Pos2, Rect, Sense, Stroke, pos2, vec2};

use crate::history::Version;
use crate::ui::state::{Action, AppState, Dialog};
use crate::ui::theme::Theme;

/// Most characters of a commit's subject shown in a row.
const MAX_SUBJECT_CHARS: usize = 48;

/// Draws the window when it is open.
pub(super) fn history_ui(
    ctx: &egui::Context,
    state: &AppState,
    theme: &Theme,
    out: &mut Vec<Action>,
) {
    let Some(window) = &state.dialogs.history else {
        return;
    };
    let mut open = true;
    egui::Window::new("Map history")
        .open(&mut open)
        .default_width(640.0)
        .max_width(760.0)
        .constrain_to(super::windows::free_area(ctx))
        .show(ctx, |ui| {
            ui.label(window.file.display().to_string());
            let versions = match &window.versions {
                Ok(v) => v,
                Err(message) => {
                    ui.label(egui::RichText::new(message).color(theme.severity[0]));
                    return;
                }
            };
            if versions.is_empty() {
                ui.label("No commit changed this file yet.");
                return;
            }
            chart_ui(ui, versions, theme);
            ui.separator();
            egui::ScrollArea::vertical()
                .max_height(320.0)
                .show(ui, |ui| {
                    for v in versions {
                        ui.horizontal(|ui| {
                            let count = |k: &str| v.counts.get(k).copied().unwrap_or(0);
                            if ui
                                .small_button("Compare")
                                .on_hover_text("Open this version as Before, the open map as After")
                                .clicked()
                            {
                                out.push(Action::CompareWithRevision(
                                    v.commit.clone(),
                                    v.path.clone(),
                                ));
                                out.push(Action::Close(Dialog::History));
                            }
                            ui.label(egui::RichText::new(&v.date).monospace());
                            ui.label(
                                egui::RichText::new(v.commit.get(..8).unwrap_or(&v.commit))
                                    .monospace()
                                    .color(theme.muted),
                            );
                            match &v.error {
                                Some(_) => ui.label(
                                    egui::RichText::new("does not load").color(theme.severity[0]),
                                ),
                                None => ui.label(format!(
                                    "{} errors, {} warnings, {} info",
                                    count("error"),
                                    count("warning"),
                                    count("info")
                                )),
                            };
                            // Subjects can be a paragraph: the first words,
                            // the rest on hover, so the window keeps its width.
                            let subject = crate::text::elide(&v.subject, MAX_SUBJECT_CHARS);
                            ui.label(egui::RichText::new(subject.as_ref()).color(theme.muted))
                                .on_hover_text(format!("{}\n{} · {}", v.subject, v.author, v.path));
                        });
                    }
                });
        });
    if !open {
        out.push(Action::Close(Dialog::History));
    }
}

/// Errors and warnings per version, oldest on the left.
fn chart_ui(ui: &mut egui::Ui, versions: &[Version], theme: &Theme) {
    let (rect, _) = ui.allocate_exact_size(vec2(ui.available_width(), 110.0), Sense::hover());
    let painter = ui.painter_at(rect);
    let plot = Rect::from_min_max(rect.min + vec2(28.0, 8.0), rect.max - vec2(8.0, 20.0));
    painter.rect_stroke(
        plot,
        2.0,
        Stroke::new(1.0, theme.muted.gamma_multiply(0.4)),
        egui::StrokeKind::Inside,
    );
    let oldest_first: Vec<&Version> = versions.iter().rev().collect();
    let count = |v: &Version, k: &str| v.counts.get(k).copied().unwrap_or(0) as f32;
    let top = oldest_first
        .iter()
        .map(|v| count(v, "error") + count(v, "warning"))
        .fold(1.0_f32, f32::max);
    let at = |i: usize, n: f32| -> Pos2 {
        let x = if oldest_first.len() < 2 {
            plot.center().x
        } else {
            plot.left() + plot.width() * i as f32 / (oldest_first.len() - 1) as f32
        };
        pos2(x, plot.bottom() - plot.height() * n / top)
    };
    for (key, color) in [("warning", theme.severity[1]), ("error", theme.severity[0])] {
        let points: Vec<Pos2> = oldest_first
            .iter()
            .enumerate()
            .map(|(i, v)| at(i, count(v, key)))
            .collect();
        painter.add(egui::Shape::line(points.clone(), Stroke::new(2.0, color)));
        for p in points {
            painter.circle_filled(p, 3.0, color);
        }
    }
    let small = egui::FontId::proportional(11.0);
    painter.text(
        plot.left_top() - vec2(4.0, 0.0),
        egui::Align2::RIGHT_TOP,
        format!("{top:.0}"),
        small.clone(),
        theme.muted,
    );
    painter.text(
        plot.left_bottom() - vec2(4.0, 0.0),
        egui::Align2::RIGHT_BOTTOM,
        "0",
        small.clone(),
        theme.muted,
    );
    if let (Some(first), Some(last)) = (oldest_first.first(), oldest_first.last()) {
        painter.text(
            plot.left_bottom() + vec2(0.0, 4.0),
            egui::Align2::LEFT_TOP,
            &first.date,
            small.clone(),
            theme.muted,
        );
        painter.text(
            plot.right_bottom() + vec2(0.0, 4.0),
            egui::Align2::RIGHT_TOP,
            &last.date,
            small.clone(),
            theme.muted,
        );
    }
    painter.text(
        plot.center_top() + vec2(0.0, 2.0),
        egui::Align2::CENTER_TOP,
        "errors and warnings per version",
        small,
        Color32::from_gray(150),
    );
}
