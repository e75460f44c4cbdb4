//! Presentation mode: the map full screen, stepped through with arrow keys,
//! space and page up/down (what a presenter's clicker sends): an overview,
//! each value stream focused with its flow card and findings as callouts,
//! and a summary of the findings by rule. While comparing, each stream is
//! shown before, then after, then the changes.
//!
//! This module draws the current slide from the state; the keys are read in
//! [`super::keys`] and stepping (with its camera move) is an action.

use std::collections::BTreeMap;

use egui::{Align2, RichText, vec2};

use super::canvas::Canvas;
use super::state::{Action, AppState, Document, Presentation, Side, Slide};
use super::theme::{STREAM_PALETTE, Theme, color32, dot_ui, team_fill};
use crate::analysis::{Severity, flow};
use crate::model::Id;

/// Largest number of finding callouts on one slide; the rest are counted.
const MAX_CALLOUTS: usize = 3;
/// Width of the flow card on the right, kept free when framing a stream.
const CARD_WIDTH: f32 = 500.0;
/// Room the cards take at each side of the canvas (min: left/top, max:
/// right/bottom), kept free when a stream's slide frames it: the flow card
/// takes the right.
pub const FRAME_INSETS: egui::Rect = egui::Rect {
    min: egui::pos2(40.0, 150.0),
    max: egui::pos2(CARD_WIDTH + 40.0, 120.0),
};
/// The same for the other slides, whose right-hand card (if any) is small
/// and sits above the map: the map takes the whole width.
pub const WIDE_FRAME_INSETS: egui::Rect = egui::Rect {
    min: egui::pos2(40.0, 150.0),
    max: egui::pos2(40.0, 120.0),
};

/// The room a slide keeps free of the map for its cards.
pub fn frame_insets(slide: &Slide) -> egui::Rect {
    match slide {
        Slide::Stream(..) => FRAME_INSETS,
        _ => WIDE_FRAME_INSETS,
    }
}

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
    title_ui(&ctx, doc, slide, state.compare.is_some(), theme);
    legend_ui(&ctx, doc, theme);
    counter_ui(&ctx, p, theme);
    match slide {
        Slide::Stream(id, side) => {
            flow_card_ui(state, &ctx, doc, id, *side, theme);
            let names = step_names_ui(canvas, &ctx, doc, id, theme);
            callouts_ui(canvas, &ctx, doc, id, &names, theme);
        }
        Slide::Summary => summary_ui(&ctx, state, doc, theme),
        Slide::Changes => {
            if let Some(c) = &state.compare {
                card(&ctx, "changes-card", Align2::RIGHT_TOP, theme, |ui| {
                    ui.label(RichText::new("What changes").size(24.0).strong());
                    ui.label(
                        RichText::new(format!("Findings: {}", c.findings_summary())).size(18.0),
                    );
                    ui.label(
                        RichText::new(
                            "Services tagged + added, − removed, ~ changed, ⇄ new owner; \
                             links green where added, red where removed. Stream lines \
                             are left out here.",
                        )
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

fn title_ui(ctx: &egui::Context, doc: &Document, slide: &Slide, comparing: bool, theme: &Theme) {
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
        Slide::Summary if comparing => "What the proposal does".to_string(),
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
                // A dot and its team are one entry: a line break never
                // parts them.
                ui.horizontal(|ui| {
                    ui.spacing_mut().item_spacing.x = 4.0;
                    dot_ui(ui, team_fill(map, team));
                    ui.label(RichText::new(&team.name).size(14.0));
                });
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
                .size(14.0)
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
        if let Some(efficiency) = figures.flow_efficiency_percent {
            ui.label(
                RichText::new(format!(
                    "lead time {} · flow efficiency {efficiency} %",
                    crate::analysis::times::format_minutes(figures.lead_time_minutes)
                ))
                .size(17.0),
            );
        }
        ui.label(
            RichText::new(crate::analysis::join_names(&teams))
                .size(14.0)
                .color(theme.muted),
        );
        if figures.findings > MAX_CALLOUTS {
            ui.label(
                RichText::new(format!("The {MAX_CALLOUTS} most serious findings are shown; all {} are in the findings panel.", figures.findings))
                    .size(14.0)
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
                    "Before → after: teams {} → {}, handoffs {} → {}, findings {} → {}",
                    b.teams, a.teams, b.handoffs, a.handoffs, b.findings, a.findings
                ))
                .size(16.0)
                .color(theme.changed),
            );
            if let (Some(eb), Some(ea)) = (b.flow_efficiency_percent, a.flow_efficiency_percent) {
                let minutes = crate::analysis::times::format_minutes;
                ui.label(
                    RichText::new(format!(
                        "lead time {} → {}, flow efficiency {eb} % → {ea} %",
                        minutes(b.lead_time_minutes),
                        minutes(a.lead_time_minutes)
                    ))
                    .size(16.0)
                    .color(theme.changed),
                );
            }
        }
    });
}

/// The id under which a slide keeps where its callouts went (for tests).
const CALLOUT_RECTS: &str = "present-callout-rects";
/// The id under which a slide keeps where its step names went (for tests).
const STEP_NAME_RECTS: &str = "present-step-names";
/// Width a callout's text wraps at.
const CALLOUT_TEXT_WIDTH: f32 = 300.0;
/// A callout's frame: inner margin and stroke, on each side.
const CALLOUT_FRAME: f32 = 10.0;
/// Distances from its subject a callout is tried at, nearest first.
const CALLOUT_GAPS: [f32; 8] = [24.0, 56.0, 96.0, 150.0, 220.0, 300.0, 400.0, 520.0];

/// Where the current slide's callouts were placed, on screen, as of the last
/// frame drawn.
pub fn callout_rects(ctx: &egui::Context) -> Vec<egui::Rect> {
    ctx.data(|d| d.get_temp(egui::Id::new(CALLOUT_RECTS)))
        .unwrap_or_default()
}

/// Where the slide's cards (title, flow card, legend, counter) were drawn
/// on the last frame.
pub fn card_rects(ctx: &egui::Context) -> Vec<egui::Rect> {
    [
        "present-title",
        "present-flow",
        "present-legend",
        "present-counter",
    ]
    .into_iter()
    .filter_map(|id| ctx.memory(|m| m.area_rect(egui::Id::new(id))))
    .collect()
}

/// The stream's findings as callouts near the services they name, each
/// with a leader line to its subject. A callout never covers a step of the
/// stream, a subject of a finding shown, a card or another callout: it is
/// tried on every side of its subject, nearest first, and takes the first
/// free place (the least covered one when the slide has none).
fn callouts_ui(
    canvas: &Canvas,
    ctx: &egui::Context,
    doc: &Document,
    id: &Id,
    names: &[egui::Rect],
    theme: &Theme,
) {
    let map = doc.map();
    let Some(stream) = map.stream(id.as_str()) else {
        return;
    };
    let on_stream: Vec<&Id> = stream.steps.iter().map(|s| &s.service).collect();
    let findings: Vec<_> = doc
        .findings()
        .iter()
        .filter(|f| !f.allowed && f.subjects.iter().any(|s| s == id || on_stream.contains(&s)))
        .take(MAX_CALLOUTS)
        .collect();
    let area = canvas.rect().shrink(12.0);
    let boxes = |ids: &mut dyn Iterator<Item = &Id>| -> Vec<egui::Rect> {
        ids.filter_map(|s| canvas.screen_rect_of(map, s.as_str()))
            .collect()
    };
    // What no callout may cover: the steps, every subject shown, the cards.
    let mut taken: Vec<egui::Rect> = boxes(&mut on_stream.iter().copied());
    taken.extend(boxes(&mut findings.iter().flat_map(|f| f.subjects.iter())));
    taken.extend(card_rects(ctx));
    taken.extend_from_slice(names);
    // A little air around each: a callout never touches what it avoids.
    for t in &mut taken {
        *t = t.expand(6.0);
    }
    let mut placed = Vec::new();
    let leaders = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::new("callout-leaders"),
    ));
    for (n, f) in findings.iter().enumerate() {
        let title = crate::analysis::rule(f.rule).map_or(f.rule, |r| r.title);
        let color = theme.severity(f.severity);
        let size = callout_size(ctx, title, &f.message, theme);
        // Its subject: the first service it names that is on screen, else
        // (a finding about the stream itself) the stream's first step.
        let subject = f
            .subjects
            .iter()
            .chain(on_stream.iter().copied())
            .filter_map(|s| canvas.screen_rect_of(map, s.as_str()))
            .find(|r| area.intersects(*r));
        let rect = match subject {
            Some(anchor) => place_callout(anchor, size, area, &taken),
            None => egui::Rect::from_min_size(area.min + vec2(12.0, 160.0), size),
        };
        taken.push(rect.expand(6.0));
        placed.push(rect);
        if let Some(anchor) = subject {
            let from = rect.clamp(anchor.center());
            let to = anchor.clamp(from);
            leaders.line_segment([from, to], egui::Stroke::new(2.0, color));
            leaders.circle_filled(to, 4.0, color);
        }
        egui::Area::new(egui::Id::new(("callout", n)))
            .fixed_pos(rect.min)
            .order(egui::Order::Foreground)
            .interactable(false)
            .show(ctx, |ui| {
                egui::Frame::popup(ui.style())
                    .fill(theme.canvas)
                    .stroke(egui::Stroke::new(2.0, color))
                    .inner_margin(CALLOUT_FRAME - 2.0)
                    .show(ui, |ui| {
                        ui.set_max_width(CALLOUT_TEXT_WIDTH);
                        ui.label(RichText::new(title).size(15.0).strong().color(color));
                        ui.label(RichText::new(&f.message).size(15.0));
                    });
            });
    }
    ctx.data_mut(|d| d.insert_temp(egui::Id::new(CALLOUT_RECTS), placed));
}

/// Smallest text on a slide, in points: what the back of a room still reads.
const SLIDE_TEXT: f32 = 15.0;
/// Width a step's name wraps at on a slide.
const STEP_NAME_WIDTH: f32 = 200.0;

/// Each step's whole name under its box, at [`SLIDE_TEXT`], where the
/// zoom that frames the stream leaves the name in the box smaller than
/// that (as it does for any stream that spans the map): readable from the
/// back of the room, never cut. A name that would cover another step or
/// name goes above its box instead. Returns where the names went, for the
/// callouts to keep clear of.
fn step_names_ui(
    canvas: &Canvas,
    ctx: &egui::Context,
    doc: &Document,
    id: &Id,
    theme: &Theme,
) -> Vec<egui::Rect> {
    let map = doc.map();
    let Some(stream) = map.stream(id.as_str()) else {
        return Vec::new();
    };
    let zoom = canvas.transform().zoom;
    if crate::geometry::LABEL_SIZE as f32 * zoom >= SLIDE_TEXT {
        ctx.data_mut(|d| d.remove::<Vec<egui::Rect>>(egui::Id::new(STEP_NAME_RECTS)));
        return Vec::new();
    }
    let boxes: Vec<(String, egui::Rect)> = stream
        .steps
        .iter()
        .filter_map(|step| {
            let s = map.service(step.service.as_str())?;
            Some((s.name.clone(), canvas.screen_rect_of(map, s.id.as_str())?))
        })
        .collect();
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Middle,
        egui::Id::new("step-names"),
    ));
    let font = egui::FontId::proportional(SLIDE_TEXT);
    let mut placed: Vec<egui::Rect> = Vec::new();
    for (name, rect) in &boxes {
        let galley =
            ctx.fonts_mut(|f| f.layout(name.clone(), font.clone(), theme.ink, STEP_NAME_WIDTH));
        let size = galley.size() + vec2(10.0, 4.0);
        let below = egui::Rect::from_min_size(
            egui::pos2(rect.center().x - size.x / 2.0, rect.max.y + 4.0),
            size,
        );
        let above = below.translate(vec2(0.0, -(rect.height() + size.y + 8.0)));
        let clear = |r: &egui::Rect| {
            !placed.iter().any(|p| p.intersects(*r)) && !boxes.iter().any(|(_, b)| b.intersects(*r))
        };
        let pill = if clear(&below) || !clear(&above) {
            below
        } else {
            above
        };
        painter.rect_filled(pill, 4.0, theme.canvas.gamma_multiply(0.92));
        painter.galley(pill.min + vec2(5.0, 2.0), galley, theme.ink);
        placed.push(pill);
    }
    ctx.data_mut(|d| d.insert_temp(egui::Id::new(STEP_NAME_RECTS), placed.clone()));
    placed
}

/// Where the current slide's step names went, on screen, as of the last
/// frame drawn (empty when the boxes' own names are large enough).
pub fn step_name_rects(ctx: &egui::Context) -> Vec<egui::Rect> {
    ctx.data(|d| d.get_temp(egui::Id::new(STEP_NAME_RECTS)))
        .unwrap_or_default()
}

/// The size a callout's frame takes with this text.
fn callout_size(ctx: &egui::Context, title: &str, message: &str, theme: &Theme) -> egui::Vec2 {
    let font = egui::FontId::proportional(15.0);
    let (t, m) = ctx.fonts_mut(|fonts| {
        let mut lay = |text: &str| {
            fonts
                .layout(
                    text.to_string(),
                    font.clone(),
                    theme.ink,
                    CALLOUT_TEXT_WIDTH,
                )
                .size()
        };
        (lay(title), lay(message))
    });
    let spacing = ctx.global_style().spacing.item_spacing.y;
    vec2(t.x.max(m.x).min(CALLOUT_TEXT_WIDTH), t.y + spacing + m.y)
        + vec2(2.0 * CALLOUT_FRAME, 2.0 * CALLOUT_FRAME)
}

/// A place for a callout of `size` near `anchor`, inside `area`, covering
/// none of `taken`: tried right, left, below, above and on the diagonals,
/// nearest first. When every place covers something, the one that covers
/// the least.
fn place_callout(
    anchor: egui::Rect,
    size: egui::Vec2,
    area: egui::Rect,
    taken: &[egui::Rect],
) -> egui::Rect {
    let mut best: Option<(f32, egui::Rect)> = None;
    for gap in CALLOUT_GAPS {
        let (c, w, h) = (anchor.center(), size.x, size.y);
        let tops = [c.y - h / 2.0, anchor.max.y + gap, anchor.min.y - gap - h];
        let lefts = [anchor.max.x + gap, anchor.min.x - gap - w, c.x - w / 2.0];
        // Right, left, below, above, then the four diagonals.
        let tries = [
            (lefts[0], tops[0]),
            (lefts[1], tops[0]),
            (lefts[2], tops[1]),
            (lefts[2], tops[2]),
            (lefts[0], tops[1]),
            (lefts[1], tops[1]),
            (lefts[0], tops[2]),
            (lefts[1], tops[2]),
        ];
        for (x, y) in tries {
            let rect = egui::Rect::from_min_size(egui::pos2(x, y), size);
            if !area.contains_rect(rect) {
                continue;
            }
            let covered: f32 = taken
                .iter()
                .map(|t| t.intersect(rect))
                .filter(|i| i.is_positive())
                .map(|i| i.area())
                .sum();
            if covered == 0.0 {
                return rect;
            }
            if best.is_none_or(|(least, _)| covered < least) {
                best = Some((covered, rect));
            }
        }
    }
    // Nothing free beside it: the free place nearest to it anywhere on the
    // slide, on a grid fine enough to find the gaps between boxes.
    let free = |rect: &egui::Rect| !taken.iter().any(|t| t.intersects(*rect));
    let step = 12.0;
    let (columns, rows) = (
        ((area.width() - size.x) / step).max(0.0) as usize,
        ((area.height() - size.y) / step).max(0.0) as usize,
    );
    let nearest = (0..=rows)
        .flat_map(|r| (0..=columns).map(move |c| (c, r)))
        .map(|(c, r)| {
            egui::Rect::from_min_size(area.min + vec2(c as f32 * step, r as f32 * step), size)
        })
        .filter(free)
        .min_by(|a, b| {
            let d = |x: &egui::Rect| x.distance_sq_to_pos(anchor.center());
            d(a).total_cmp(&d(b))
        });
    nearest
        .or(best.map(|(_, rect)| rect))
        .unwrap_or_else(|| egui::Rect::from_min_size(area.min, size))
}

/// The last slide. While comparing, the review's punchline: the findings
/// the proposal resolves and introduces, by rule, and each stream's figures
/// before → after. Otherwise the findings by rule.
fn summary_ui(ctx: &egui::Context, state: &AppState, doc: &Document, theme: &Theme) {
    let size = 18.0;
    let text = |s: String| RichText::new(s).size(size);
    egui::Area::new(egui::Id::new("present-summary"))
        .anchor(Align2::CENTER_CENTER, vec2(0.0, 0.0))
        .order(egui::Order::Foreground)
        .interactable(false)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style())
                .fill(theme.canvas.gamma_multiply(0.97))
                .inner_margin(28.0)
                .show(ui, |ui| match &state.compare {
                    Some(c) => verdict_ui(ui, c, theme),
                    None => {
                        ui.label(RichText::new("Findings by rule").size(30.0).strong());
                        let mut by_rule: BTreeMap<(Severity, &'static str), usize> =
                            BTreeMap::new();
                        for f in doc.findings().iter().filter(|f| !f.allowed) {
                            *by_rule.entry((f.severity, f.rule)).or_default() += 1;
                        }
                        if by_rule.is_empty() {
                            ui.label(text("No findings.".into()));
                        }
                        egui::Grid::new("summary-grid")
                            .spacing(vec2(18.0, 8.0))
                            .show(ui, |ui| {
                                for ((severity, rule), count) in &by_rule {
                                    ui.label(
                                        text(severity.as_str().into())
                                            .color(theme.severity(*severity)),
                                    );
                                    ui.label(text(rule_title(rule).into()));
                                    ui.label(text(count.to_string()).strong());
                                    ui.end_row();
                                }
                            });
                        ui.add_space(8.0);
                        ui.label(
                            RichText::new(
                                "Each rule's explanation and fix are in the findings panel \
                                 and in vsmap check.",
                            )
                            .size(15.0)
                            .color(theme.muted),
                        );
                    }
                });
        });
}

/// A rule's title (its id if unknown).
fn rule_title(rule: &str) -> &str {
    crate::analysis::rule(rule).map_or(rule, |r| r.title)
}

/// What the proposal does, in the room's words: findings resolved and
/// introduced by rule, then each stream before → after.
fn verdict_ui(ui: &mut egui::Ui, c: &crate::ui::state::Compare, theme: &Theme) {
    let f = &c.diff.findings;
    let (resolved, introduced) = (f.resolved(), f.introduced());
    ui.label(
        RichText::new(format!(
            "{} findings resolved, {} introduced",
            resolved.len(),
            introduced.len()
        ))
        .size(32.0)
        .strong(),
    );
    // Resolved, introduced and still open, by rule (most resolved first).
    let mut by_rule: BTreeMap<&str, (Severity, usize, usize, usize)> = BTreeMap::new();
    let mut count = |list: crate::diff::FindingList<'_>, column: usize| {
        for finding in list.iter().filter(|x| !x.allowed) {
            let e = by_rule
                .entry(finding.rule)
                .or_insert((finding.severity, 0, 0, 0));
            match column {
                0 => e.1 += 1,
                1 => e.2 += 1,
                _ => e.3 += 1,
            }
        }
    };
    count(resolved, 0);
    count(introduced, 1);
    count(f.remaining(), 2);
    // Rules the proposal changes, most changed first; the ones it leaves
    // as they were are summed up under the table.
    let (mut rows, unchanged): (Vec<_>, Vec<_>) =
        by_rule.into_iter().partition(|(_, (_, r, i, _))| r + i > 0);
    rows.sort_by_key(|(rule, (severity, r, i, _))| (std::cmp::Reverse(*r + *i), *severity, *rule));
    let unchanged_open: usize = unchanged.iter().map(|(_, (_, _, _, open))| open).sum();
    let size = 18.0;
    ui.add_space(10.0);
    egui::Grid::new("verdict-grid")
        .spacing(vec2(22.0, 6.0))
        .show(ui, |ui| {
            for head in ["Rule", "Resolved", "Introduced", "Still open"] {
                ui.label(RichText::new(head).size(15.0).color(theme.muted));
            }
            ui.end_row();
            for (rule, (severity, r, i, open)) in rows {
                ui.label(
                    RichText::new(rule_title(rule))
                        .size(size)
                        .color(theme.severity(severity)),
                );
                ui.label(RichText::new(r.to_string()).size(size).strong());
                ui.label(RichText::new(i.to_string()).size(size).strong());
                ui.label(RichText::new(open.to_string()).size(size));
                ui.end_row();
            }
        });
    if unchanged_open > 0 {
        ui.label(
            RichText::new(format!(
                "Unchanged: {} of {} other {}",
                crate::analysis::plural(unchanged_open, "finding"),
                unchanged.len(),
                if unchanged.len() == 1 {
                    "rule"
                } else {
                    "rules"
                },
            ))
            .size(15.0)
            .color(theme.muted),
        );
    }
    ui.add_space(14.0);
    ui.label(
        RichText::new("Each stream, before → after")
            .size(22.0)
            .strong(),
    );
    egui::Grid::new("verdict-flow")
        .spacing(vec2(22.0, 6.0))
        .show(ui, |ui| {
            for head in ["Stream", "Teams", "Handoffs", "Findings"] {
                ui.label(RichText::new(head).size(15.0).color(theme.muted));
            }
            ui.end_row();
            for s in &c.diff.streams_flow {
                let figure = |pick: fn(&flow::FlowFigures) -> usize| match (&s.before, &s.after) {
                    (Some(b), Some(a)) => format!("{} → {}", pick(b), pick(a)),
                    (None, Some(a)) => format!("new: {}", pick(a)),
                    (Some(b), None) => format!("{} → gone", pick(b)),
                    (None, None) => String::new(),
                };
                ui.label(RichText::new(&s.name).size(size));
                ui.label(RichText::new(figure(|x| x.teams)).size(size));
                ui.label(RichText::new(figure(|x| x.handoffs)).size(size));
                ui.label(RichText::new(figure(|x| x.findings)).size(size));
                ui.end_row();
            }
        });
}
