//! Presentation mode: the map full screen, stepped through with arrow keys,
//! space and page up/down (what a presenter's clicker sends): an overview,
//! each value stream focused with its flow card and findings as callouts,
//! and a summary of the findings by rule. While comparing, each stream is
//! shown before, then after, then the changes.
//!
//! This module draws the current slide from the state; the keys are read in
//! [`super::keys`] and stepping (with its camera move) is an action.

use std::collections::BTreeMap;

use egui::{Align2, Color32, RichText, vec2};

use super::canvas::Canvas;
use super::state::{Action, AppState, Document, Presentation, Side, Slide};
use super::theme::{STREAM_PALETTE, Theme, color32, dot_ui, team_fill};
use crate::analysis::{Severity, flow};
use crate::model::Id;

/// Largest number of finding callouts on one slide; the rest are counted.
const MAX_CALLOUTS: usize = 3;
/// Width of the flow card on the right, kept free when framing a stream.
const CARD_WIDTH: f32 = 500.0;
/// Size a callout is given when placing it.
const CALLOUT: egui::Vec2 = egui::vec2(320.0, 150.0);
/// Room the cards take at each side of the canvas (min: left/top, max:
/// right/bottom), kept free when a slide frames the map.
pub const FRAME_INSETS: egui::Rect = egui::Rect {
    min: egui::pos2(40.0, 150.0),
    max: egui::pos2(CARD_WIDTH + 40.0, 120.0),
};

/// Shows the presentation; the editor's panels are not drawn meanwhile.
/// Presenting is read-only: the canvas's own actions are dropped.
pub fn presentation_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    canvas: &mut Canvas,
    theme: &Theme,
) -> Vec<Action> {
    let ctx = ui.ctx().clone();
    let Some(p) = &state.presentation else {
        return Vec::new();
    };
    let slide = p.current();
    let shown = state.slide_shown(slide);
    egui::CentralPanel::no_frame().show(ui, |ui| {
        let _read_only = canvas.canvas_ui(ui, &shown, theme);
    });
    let doc = shown.doc;
    title_ui(&ctx, doc, slide, theme);
    legend_ui(&ctx, doc, theme);
    counter_ui(&ctx, p, theme);
    match slide {
        Slide::Stream(id, side) => {
            flow_card_ui(state, &ctx, doc, id, *side, theme);
            callouts_ui(canvas, &ctx, doc, id, theme);
        }
        Slide::Summary => summary_ui(&ctx, doc, theme),
        Slide::Changes => {
            if let Some(c) = &state.compare {
                card(&ctx, "changes-card", Align2::RIGHT_TOP, theme, |ui| {
                    ui.label(RichText::new("What changes").size(24.0).strong());
                    ui.label(
                        RichText::new(format!("Findings: {}", c.findings_summary())).size(18.0),
                    );
                    ui.label(
                        RichText::new("Green: added · red: removed · amber: changed")
                            .size(16.0)
                            .color(theme.muted),
                    );
                });
            }
        }
        Slide::Overview => {}
    }
    Vec::new()
}

/// A framed card on the foreground layer.
fn card(
    ctx: &egui::Context,
    id: &str,
    anchor: Align2,
    theme: &Theme,
    add: impl FnOnce(&mut egui::Ui),
) {
    let offset = vec2(
        if anchor.x() == egui::Align::Min {
            24.0
        } else {
            -24.0
        },
        if anchor.y() == egui::Align::Min {
            24.0
        } else {
            -24.0
        },
    );
    egui::Area::new(egui::Id::new(id))
        .anchor(anchor, offset)
        .order(egui::Order::Foreground)
        .interactable(false)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style())
                .fill(theme.canvas.gamma_multiply(0.94))
                .inner_margin(16.0)
                .show(ui, |ui| {
                    ui.set_max_width(460.0);
                    add(ui);
                });
        });
}

fn title_ui(ctx: &egui::Context, doc: &Document, slide: &Slide, theme: &Theme) {
    let map = doc.map();
    let reviewed = map
        .reviewed
        .map_or("not reviewed".to_string(), |d| format!("reviewed {d}"));
    let subtitle = match slide {
        Slide::Overview => "Overview".to_string(),
        Slide::Stream(id, side) => {
            let name = map
                .stream(id.as_str())
                .map_or_else(|| id.to_string(), |s| s.name.clone());
            match side {
                Side::Current => name,
                Side::Before => format!("{name}: before"),
                Side::After => format!("{name}: after"),
            }
        }
        Slide::Changes => "What changes".to_string(),
        Slide::Summary => "Findings by rule".to_string(),
    };
    card(ctx, "present-title", Align2::LEFT_TOP, theme, |ui| {
        ui.label(RichText::new(&map.name).size(28.0).strong());
        ui.label(RichText::new(subtitle).size(20.0));
        ui.label(RichText::new(reviewed).size(15.0).color(theme.muted));
    });
}

fn legend_ui(ctx: &egui::Context, doc: &Document, theme: &Theme) {
    let map = doc.map();
    card(ctx, "present-legend", Align2::LEFT_BOTTOM, theme, |ui| {
        ui.horizontal_wrapped(|ui| {
            for team in &map.teams {
                dot_ui(ui, team_fill(map, team));
                ui.label(RichText::new(&team.name).size(14.0));
            }
        });
        ui.horizontal(|ui| {
            ui.label(
                RichText::new("── sync   - - event   ··· data")
                    .size(14.0)
                    .monospace()
                    .color(theme.ink),
            );
            for s in Severity::ALL {
                dot_ui(ui, theme.severity(s));
                ui.label(RichText::new(s.as_str()).size(14.0));
            }
        });
    });
}

fn counter_ui(ctx: &egui::Context, p: &Presentation, theme: &Theme) {
    card(ctx, "present-counter", Align2::RIGHT_BOTTOM, theme, |ui| {
        ui.label(
            RichText::new(format!("{} / {}", p.slide + 1, p.slides.len()))
                .size(18.0)
                .strong(),
        );
        ui.label(
            RichText::new("⏵ next · ⏴ back · Esc leaves")
                .size(13.0)
                .color(theme.muted),
        );
    });
}

fn flow_card_ui(
    state: &AppState,
    ctx: &egui::Context,
    doc: &Document,
    id: &Id,
    side: Side,
    theme: &Theme,
) {
    let map = doc.map();
    let Some(stream) = map.stream(id.as_str()) else {
        return;
    };
    let k = map.streams.iter().position(|s| &s.id == id).unwrap_or(0);
    let color = stream
        .color
        .map_or(STREAM_PALETTE[k % STREAM_PALETTE.len()], color32);
    let figures = flow::flow_figures(map, stream, doc.findings());
    let teams = flow::stream_teams(map, stream);
    card(ctx, "present-flow", Align2::RIGHT_TOP, theme, |ui| {
        ui.horizontal(|ui| {
            dot_ui(ui, color);
            ui.label(RichText::new(&stream.name).size(24.0).strong());
        });
        if !stream.customer.is_empty() {
            ui.label(RichText::new(format!("For: {}", stream.customer)).size(17.0));
        }
        if !stream.description.is_empty() {
            ui.label(
                RichText::new(&stream.description)
                    .size(15.0)
                    .color(theme.muted),
            );
        }
        ui.add_space(6.0);
        for (j, step) in stream.steps.iter().enumerate() {
            let service = map.service(step.service.as_str());
            let owner = service
                .and_then(|s| s.owner.as_ref())
                .and_then(|t| map.team(t.as_str()))
                .map_or("no owner", |t| t.name.as_str());
            let name = service.map_or(step.service.as_str(), |s| s.name.as_str());
            ui.label(RichText::new(format!("{}. {name}  ·  {owner}", j + 1)).size(16.0));
        }
        ui.add_space(6.0);
        ui.label(
            RichText::new(format!(
                "{} teams · {} handoffs · {} findings",
                figures.teams, figures.handoffs, figures.findings
            ))
            .size(19.0)
            .strong(),
        );
        ui.label(
            RichText::new(crate::analysis::join_names(&teams))
                .size(14.0)
                .color(theme.muted),
        );
        if figures.findings > MAX_CALLOUTS {
            ui.label(
                RichText::new(format!("The {MAX_CALLOUTS} most serious findings are shown; all {} are in the findings panel.", figures.findings))
                    .size(13.0)
                    .color(theme.muted),
            );
        }
        if side == Side::After
            && let Some(flow) = state
                .compare
                .as_ref()
                .and_then(|c| c.diff.streams_flow.iter().find(|f| &f.id == id))
            && let (Some(b), Some(a)) = (&flow.before, &flow.after)
        {
            ui.label(
                RichText::new(format!(
                    "Before -> after: teams {} -> {}, handoffs {} -> {}, findings {} -> {}",
                    b.teams, a.teams, b.handoffs, a.handoffs, b.findings, a.findings
                ))
                .size(16.0)
                .color(theme.changed),
            );
        }
    });
}

/// The stream's findings as callouts next to the services they name.
fn callouts_ui(canvas: &Canvas, ctx: &egui::Context, doc: &Document, id: &Id, theme: &Theme) {
    let map = doc.map();
    let Some(stream) = map.stream(id.as_str()) else {
        return;
    };
    let on_stream: Vec<&Id> = stream.steps.iter().map(|s| &s.service).collect();
    let findings: Vec<_> = doc
        .findings()
        .iter()
        .filter(|f| !f.allowed && f.subjects.iter().any(|s| s == id || on_stream.contains(&s)))
        .collect();
    // Callouts stay left of the flow card and off each other.
    let area = canvas.rect();
    let right_limit = area.max.x - CARD_WIDTH - 40.0 - CALLOUT.x;
    let mut placed: Vec<egui::Rect> = Vec::new();
    for (n, f) in findings.iter().take(MAX_CALLOUTS).enumerate() {
        // Next to the first subject on screen; stream-wide findings go under the title.
        let anchor = f
            .subjects
            .iter()
            .find_map(|s| canvas.screen_pos_of(map, s.as_str()))
            .filter(|p| area.contains(*p));
        let mut pos = anchor.map_or(egui::pos2(area.min.x + 24.0, area.min.y + 170.0), |p| {
            p + vec2(60.0, 34.0)
        });
        pos.x = pos.x.min(right_limit).max(area.min.x + 12.0);
        pos.y = pos
            .y
            .min(area.max.y - CALLOUT.y - 110.0)
            .max(area.min.y + 150.0);
        // Next to the node if free, else the first free slot of the column.
        let free = |p: egui::Pos2| {
            !placed
                .iter()
                .any(|r| r.intersects(egui::Rect::from_min_size(p, CALLOUT)))
        };
        if !free(pos) {
            let top = area.min.y + 150.0;
            let rows = ((area.max.y - 110.0 - top) / (CALLOUT.y + 8.0)).max(1.0) as usize;
            if let Some(slot) = (0..rows)
                .map(|r| egui::pos2(pos.x, top + r as f32 * (CALLOUT.y + 8.0)))
                .find(|p| free(*p))
            {
                pos = slot;
            }
        }
        placed.push(egui::Rect::from_min_size(pos, CALLOUT));
        egui::Area::new(egui::Id::new(("callout", n)))
            .fixed_pos(pos)
            .order(egui::Order::Foreground)
            .interactable(false)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style())
                    .stroke(egui::Stroke::new(2.0, theme.severity(f.severity)))
                    .inner_margin(8.0)
                    .show(ui, |ui| {
                        ui.set_max_width(300.0);
                        ui.label(
                            RichText::new(
                                crate::analysis::rule(f.rule).map_or(f.rule, |r| r.title),
                            )
                            .size(14.0)
                            .strong()
                            .color(theme.severity(f.severity)),
                        );
                        ui.label(RichText::new(&f.message).size(14.0));
                    });
            });
    }
}

fn summary_ui(ctx: &egui::Context, doc: &Document, theme: &Theme) {
    let mut by_rule: BTreeMap<(Severity, &'static str), usize> = BTreeMap::new();
    for f in doc.findings().iter().filter(|f| !f.allowed) {
        *by_rule.entry((f.severity, f.rule)).or_default() += 1;
    }
    egui::Area::new(egui::Id::new("present-summary")).anchor(Align2::CENTER_CENTER, vec2(0.0, 0.0)).order(egui::Order::Foreground).interactable(false).show(ctx, |ui| {
        egui::Frame::popup(ui.style()).fill(theme.canvas.gamma_multiply(0.97)).inner_margin(24.0).show(ui, |ui| {
            ui.label(RichText::new("Findings by rule").size(28.0).strong());
            if by_rule.is_empty() {
                ui.label(RichText::new("No findings.").size(20.0));
            }
            egui::Grid::new("summary-grid").spacing(vec2(18.0, 8.0)).show(ui, |ui| {
                for ((severity, rule), count) in &by_rule {
                    ui.label(RichText::new(severity.as_str()).size(18.0).color(theme.severity(*severity)));
                    ui.label(RichText::new(crate::analysis::rule(rule).map_or(*rule, |r| r.title)).size(18.0));
                    ui.label(RichText::new(count.to_string()).size(18.0).strong());
                    ui.end_row();
                }
            });
            let hint: Color32 = theme.muted;
            ui.label(RichText::new("Each rule's explanation and fix are in the findings panel and `vsmap check`.").size(14.0).color(hint));
        });
    });
}
