//! Presentation mode: the map full screen, stepped through with arrow keys,
//! space and page up/down (what a presenter's clicker sends): an overview,
//! each value stream focused with its flow card and findings as callouts,
//! and a summary of the findings by rule. While comparing, each stream is
//! shown before, then after, then the changes.

use std::collections::BTreeMap;

use egui::{Align2, Color32, Key, RichText, vec2};

use super::app::{Selection, VsmapApp};
use super::compare::CompareMode;
use super::document::Document;
use super::theme::{STREAM_PALETTE, Theme, color32, dot_ui, team_fill};
use crate::analysis::{Severity, flow};
use crate::model::Id;

/// Which map a stream slide shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The open map (not comparing).
    Current,
    /// The map compared against.
    Before,
    /// The open map, as the proposal.
    After,
}

/// One step of the presentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Slide {
    /// The whole map.
    Overview,
    /// One stream, focused and framed.
    Stream(Id, Side),
    /// The compare overlay: what changes.
    Changes,
    /// Findings by rule.
    Summary,
}

/// A presentation under way.
#[derive(Debug, Clone)]
pub struct Presentation {
    /// The current slide.
    pub slide: usize,
    /// All slides, in order.
    pub slides: Vec<Slide>,
    /// The slide whose camera move has been started.
    shown: Option<usize>,
}

/// Largest number of finding callouts on one slide; the rest are counted.
const MAX_CALLOUTS: usize = 3;
/// Width of the flow card on the right, kept free when framing a stream.
const CARD_WIDTH: f32 = 500.0;
/// Size a callout is given when placing it.
const CALLOUT: egui::Vec2 = egui::vec2(320.0, 150.0);

impl Presentation {
    /// The slides for the open map (and the compared one, if any).
    pub fn new(app: &VsmapApp) -> Presentation {
        let mut slides = vec![Slide::Overview];
        let comparing = app.compare.is_some();
        let mut ids: Vec<Id> = app.doc.map().streams.iter().map(|s| s.id.clone()).collect();
        if let Some(c) = &app.compare {
            for s in &c.before.map().streams {
                if !ids.contains(&s.id) {
                    ids.push(s.id.clone());
                }
            }
        }
        for id in ids {
            if comparing {
                let before = app
                    .compare
                    .as_ref()
                    .is_some_and(|c| c.before.map().stream(id.as_str()).is_some());
                if before {
                    slides.push(Slide::Stream(id.clone(), Side::Before));
                }
                if app.doc.map().stream(id.as_str()).is_some() {
                    slides.push(Slide::Stream(id, Side::After));
                }
            } else {
                slides.push(Slide::Stream(id, Side::Current));
            }
        }
        if comparing {
            slides.push(Slide::Changes);
        }
        slides.push(Slide::Summary);
        Presentation {
            slide: 0,
            slides,
            shown: None,
        }
    }

    /// The current slide.
    pub fn current(&self) -> &Slide {
        &self.slides[self.slide.min(self.slides.len() - 1)]
    }
}

/// Starts presenting: full screen, chrome hidden.
pub fn start(app: &mut VsmapApp, ctx: &egui::Context) {
    app.presentation = Some(Presentation::new(app));
    // Keep the title above and the flow card on the right clear of the map.
    app.canvas.frame_insets = egui::Rect::from_min_max(
        egui::pos2(40.0, 150.0),
        egui::pos2(CARD_WIDTH + 40.0, 120.0),
    );
    ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
}

/// Stops presenting and restores the editor.
pub fn stop(app: &mut VsmapApp, ctx: &egui::Context) {
    app.presentation = None;
    app.selection = Selection::None;
    app.canvas.frame_insets = egui::Rect::ZERO;
    if let Some(c) = &mut app.compare {
        c.mode = CompareMode::Overlay;
    }
    ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
    app.canvas.request_fit();
}

fn handle_keys(app: &mut VsmapApp, ctx: &egui::Context) {
    let Some(p) = &mut app.presentation else {
        return;
    };
    let last = p.slides.len().saturating_sub(1);
    let (next, prev, home, end, leave) = ctx.input_mut(|i| {
        let mut pressed = |keys: &[Key]| {
            // Consume every listed key, not just the first that matches.
            keys.iter()
                .filter(|k| i.consume_key(egui::Modifiers::NONE, **k))
                .count()
                > 0
        };
        (
            pressed(&[
                Key::ArrowRight,
                Key::ArrowDown,
                Key::Space,
                Key::PageDown,
                Key::Enter,
            ]),
            pressed(&[Key::ArrowLeft, Key::ArrowUp, Key::PageUp, Key::Backspace]),
            pressed(&[Key::Home]),
            pressed(&[Key::End]),
            pressed(&[Key::Escape, Key::F5]),
        )
    });
    if next {
        p.slide = (p.slide + 1).min(last);
    }
    if prev {
        p.slide = p.slide.saturating_sub(1);
    }
    if home {
        p.slide = 0;
    }
    if end {
        p.slide = last;
    }
    if leave {
        stop(app, ctx);
    }
}

/// Shows the presentation; the editor's panels are not drawn meanwhile.
pub fn presentation_ui(app: &mut VsmapApp, ui: &mut egui::Ui, theme: &Theme) {
    let ctx = ui.ctx().clone();
    handle_keys(app, &ctx);
    let Some(p) = app.presentation.clone() else {
        return;
    };
    let slide = p.current().clone();

    // What the canvas shows on this slide.
    let (side, focus_stream) = match &slide {
        Slide::Stream(id, side) => (*side, Some(id.clone())),
        Slide::Changes => (Side::After, None),
        _ => (Side::Current, None),
    };
    let mode = match (&slide, side) {
        (Slide::Changes, _) => Some(CompareMode::Overlay),
        (_, Side::Before) => Some(CompareMode::Before),
        _ => Some(CompareMode::After),
    };
    if let Some(c) = &mut app.compare {
        c.refresh(&app.doc);
        c.mode = mode.unwrap_or(CompareMode::After);
    }
    app.selection = focus_stream
        .clone()
        .map_or(Selection::None, Selection::Stream);
    let doc: &Document = match (&app.compare, side) {
        (Some(c), Side::Before) => &c.before,
        _ => &app.doc,
    };

    // A new slide: move the camera to what it shows.
    if p.shown != Some(p.slide) {
        let ids: Vec<Id> = focus_stream
            .as_ref()
            .and_then(|s| doc.map().stream(s.as_str()))
            .map(|s| s.steps.iter().map(|x| x.service.clone()).collect())
            .unwrap_or_default();
        let animate = p.shown.is_some();
        app.canvas.frame_services(doc.map(), &ids, animate);
        if let Some(pres) = &mut app.presentation {
            pres.shown = Some(p.slide);
        }
    }

    let shown_doc: &Document = match (&app.compare, &slide) {
        (Some(c), Slide::Changes) => c.overlay.as_ref().unwrap_or(&app.doc),
        (Some(c), Slide::Stream(_, Side::Before)) => &c.before,
        _ => &app.doc,
    };
    app.canvas.source = match (&slide, side) {
        (Slide::Changes, _) => 2,
        (_, Side::Before) => 1,
        _ => 0,
    };
    app.canvas.diff_marks = match (&slide, &app.compare) {
        (Slide::Changes, Some(c)) => Some(c.marks.clone()),
        _ => None,
    };
    let focus = focus_stream
        .as_ref()
        .and_then(|s| shown_doc.map().stream(s.as_str()))
        .map(|s| s.steps.iter().map(|x| x.service.clone()).collect());
    let selection = app.selection.clone();
    egui::CentralPanel::no_frame().show(ui, |ui| {
        // Presenting is read-only: the canvas' actions are not applied.
        let _ = app
            .canvas
            .canvas_ui(ui, shown_doc, &selection, focus.as_ref(), theme);
    });

    title_ui(&ctx, shown_doc, &slide, theme);
    legend_ui(&ctx, shown_doc, theme);
    counter_ui(&ctx, &p, theme);
    match &slide {
        Slide::Stream(id, side) => {
            flow_card_ui(app, &ctx, shown_doc, id, *side, theme);
            callouts_ui(app, &ctx, shown_doc, id, theme);
        }
        Slide::Summary => summary_ui(&ctx, shown_doc, theme),
        Slide::Changes => {
            if let Some(c) = &app.compare {
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
                dot_ui(ui, team_fill(team));
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
    app: &VsmapApp,
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
            && let Some(flow) = app
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
fn callouts_ui(app: &VsmapApp, ctx: &egui::Context, doc: &Document, id: &Id, theme: &Theme) {
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
    let area = app.canvas.rect;
    let right_limit = area.max.x - CARD_WIDTH - 40.0 - CALLOUT.x;
    let mut placed: Vec<egui::Rect> = Vec::new();
    for (n, f) in findings.iter().take(MAX_CALLOUTS).enumerate() {
        // Next to the first subject on screen; stream-wide findings go under the title.
        let anchor = f
            .subjects
            .iter()
            .find_map(|s| app.canvas.screen_pos_of(map, s.as_str()))
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
