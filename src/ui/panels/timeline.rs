//! The selected stream's timeline, under the canvas: the classic value
//! stream mapping ladder. Each step is a box on the lower rung, as wide as
//! its hands-on work, after a stretch of the upper rung as long as the wait
//! before it; a dashed line marks each handoff between teams; lead time,
//! work, flow efficiency and %C&A close the row. Comparing, the map before
//! is drawn above the open one on one time scale, so what the proposal
//! saves is the difference in length.
//!
//! Times are typed in the inspector's step list; the ladder only reads.

use egui::{Align2, Color32, FontId, Rect, Stroke, pos2, vec2};

use crate::analysis::times::{StreamTimes, format_minutes, percent_down, stream_times};
use crate::model::{Id, Map, Stream};
use crate::ui::state::{Action, AppState, Selection};
use crate::ui::theme::Theme;

/// Height of one ladder.
const LADDER_HEIGHT: f32 = 78.0;
/// Width of the label before a ladder and of the totals after it.
const LABEL_WIDTH: f32 = 86.0;
const TOTALS_WIDTH: f32 = 210.0;
/// Narrowest box of a step with work, so its name has room.
const MIN_BOX: f32 = 62.0;

/// The timeline of the selected stream, when its steps (or the compared
/// map's) carry times.
pub fn timeline_ui(ui: &mut egui::Ui, state: &AppState, theme: &Theme) -> Vec<Action> {
    let Selection::Stream(id) = &state.selection else {
        return Vec::new();
    };
    let after = state.doc.map();
    let before = state
        .compare
        .as_ref()
        .map(|c| c.before.map())
        .filter(|m| m.stream(id.as_str()).is_some());
    let timed = |map: &Map| {
        map.stream(id.as_str())
            .is_some_and(|k| k.steps.iter().any(|s| s.work.is_some() || s.wait.is_some()))
    };
    if !timed(after) && !before.is_some_and(timed) {
        return Vec::new();
    }
    let rows: Vec<(&str, &Map)> = match before {
        Some(b) => vec![("Before", b), ("After", after)],
        None => vec![("", after)],
    };
    let height = rows.len() as f32 * LADDER_HEIGHT + 30.0;
    egui::Panel::bottom("timeline")
        .resizable(false)
        .exact_size(height)
        .show(ui, |ui| {
            let Some(stream) = after
                .stream(id.as_str())
                .or_else(|| before?.stream(id.as_str()))
            else {
                return;
            };
            ui.label(
                egui::RichText::new(format!(
                    "Timeline of {}: wait above, work below",
                    stream.name
                ))
                .strong(),
            );
            let ladders: Vec<Ladder<'_>> = rows
                .iter()
                .filter_map(|&(label, map)| {
                    let stream = map.stream(id.as_str())?;
                    Some(Ladder {
                        label,
                        map,
                        stream,
                        times: stream_times(map, stream),
                    })
                })
                .collect();
            // One time scale for every ladder, so lengths compare.
            let longest = ladders
                .iter()
                .map(|l| l.times.lead_time_minutes)
                .max()
                .unwrap_or(0);
            let area = ui.available_rect_before_wrap();
            for (i, ladder) in ladders.iter().enumerate() {
                let top = area.top() + i as f32 * LADDER_HEIGHT;
                let rect =
                    Rect::from_min_size(pos2(area.left(), top), vec2(area.width(), LADDER_HEIGHT));
                ladder_ui(ui, rect, ladder, longest, theme);
            }
            ui.allocate_rect(area, egui::Sense::hover());
        });
    Vec::new()
}

/// One stream's ladder: in which map, and its figures.
struct Ladder<'a> {
    /// "Before", "After", or nothing when not comparing.
    label: &'a str,
    map: &'a Map,
    stream: &'a Stream,
    times: StreamTimes,
}

/// One ladder in `rect`, `longest` minutes being the track's length.
fn ladder_ui(ui: &egui::Ui, rect: Rect, ladder: &Ladder<'_>, longest: u64, theme: &Theme) {
    let Ladder {
        label,
        map,
        stream,
        times,
    } = ladder;
    let painter = ui.painter_at(rect);
    let ink = theme.ink;
    let small = FontId::proportional(11.0);
    painter.text(
        pos2(rect.left() + 4.0, rect.center().y),
        Align2::LEFT_CENTER,
        label,
        FontId::proportional(13.0),
        theme.muted,
    );
    let track = Rect::from_min_max(
        pos2(rect.left() + LABEL_WIDTH, rect.top() + 14.0),
        pos2(rect.right() - TOTALS_WIDTH, rect.bottom() - 14.0),
    );
    let (upper, lower) = (track.top() + 8.0, track.bottom() - 14.0);
    let minutes = |d: Option<crate::model::Duration>| d.map_or(0, |d| d.minutes()) as f32;
    // Boxes with work get a minimum width; the rest of the track is shared
    // in proportion to the minutes on the longest ladder.
    let boxes = stream.steps.iter().filter(|s| s.work.is_some()).count() as f32;
    let spare = (track.width() - boxes * MIN_BOX).max(track.width() * 0.3);
    let scale = if longest > 0 {
        spare / longest as f32
    } else {
        0.0
    };
    let owner_of = |service: &Id| map.service(service.as_str()).and_then(|s| s.owner.clone());
    let mut x = track.left();
    let mut previous_owner: Option<Option<Id>> = None;
    let pointer = ui.ctx().pointer_hover_pos();
    for step in &stream.steps {
        let owner = owner_of(&step.service);
        if previous_owner
            .as_ref()
            .is_some_and(|p| *p != owner || owner.is_none())
        {
            // A handoff between teams.
            let dash = Stroke::new(1.0, theme.muted);
            painter.extend(egui::Shape::dashed_line(
                &[pos2(x, track.top() - 6.0), pos2(x, track.bottom() + 6.0)],
                dash,
                3.0,
                3.0,
            ));
        }
        previous_owner = Some(owner.clone());
        let wait = minutes(step.wait) * scale;
        if wait > 0.0 {
            painter.line_segment(
                [pos2(x, upper), pos2(x + wait, upper)],
                Stroke::new(2.0, ink),
            );
            if wait > 26.0 {
                painter.text(
                    pos2(x + wait / 2.0, upper - 3.0),
                    Align2::CENTER_BOTTOM,
                    step.wait.map(|d| d.to_string()).unwrap_or_default(),
                    small.clone(),
                    ink,
                );
            }
            x += wait;
        }
        let work = if step.work.is_some() {
            (minutes(step.work) * scale).max(MIN_BOX)
        } else {
            0.0
        };
        let name = map
            .service(step.service.as_str())
            .map_or(step.service.as_str(), |s| s.name.as_str());
        let fill = owner
            .as_ref()
            .and_then(|t| map.team(t.as_str()))
            .map_or(theme.unowned, |t| crate::ui::theme::team_fill(map, t));
        let step_rect = Rect::from_min_max(pos2(x, upper), pos2(x + work.max(4.0), lower + 10.0));
        if work > 0.0 {
            let cell = Rect::from_min_max(
                pos2(x + 1.0, lower - 12.0),
                pos2(x + work - 1.0, lower + 10.0),
            );
            painter.rect_filled(cell, 3.0, fill);
            painter.line_segment(
                [pos2(x, upper), pos2(x, lower - 12.0)],
                Stroke::new(1.0, ink),
            );
            let chars = ((work - 6.0) / 6.5).max(1.0) as usize;
            painter.text(
                cell.center(),
                Align2::CENTER_CENTER,
                crate::text::elide(name, chars),
                small.clone(),
                text_on(fill),
            );
            painter.text(
                pos2(cell.center().x, cell.bottom() + 1.0),
                Align2::CENTER_TOP,
                step.work.map(|d| d.to_string()).unwrap_or_default(),
                small.clone(),
                theme.muted,
            );
            x += work;
        }
        if pointer.is_some_and(|p| step_rect.contains(p)) {
            let team = owner
                .as_ref()
                .and_then(|t| map.team(t.as_str()))
                .map_or("no team".to_string(), |t| t.name.clone());
            let show =
                |d: Option<crate::model::Duration>| d.map_or("—".into(), |d| d.to_string());
            let tip = format!(
                "{name} ({team})\nwait before {} · work {} · %C&A {}",
                show(step.wait),
                show(step.work),
                step.complete_accurate
                    .map_or("—".into(), |p| format!("{p} %"))
            );
            egui::Tooltip::always_open(
                ui.ctx().clone(),
                ui.layer_id(),
                egui::Id::new(("timeline-tip", label)),
                egui::PopupAnchor::Pointer,
            )
            .show(|ui| ui.label(tip));
        }
    }
    let totals = pos2(rect.right() - TOTALS_WIDTH + 10.0, rect.top() + 12.0);
    let line = |i: f32| totals + vec2(0.0, i * 15.0);
    let efficiency = times.flow_efficiency.map_or_else(
        || "not measured".into(),
        |e| format!("{} %", percent_down(e)),
    );
    for (i, text) in [
        format!("Lead time {}", format_minutes(times.lead_time_minutes)),
        format!(
            "Work {} · wait {}",
            format_minutes(times.work_minutes),
            format_minutes(times.wait_minutes)
        ),
        format!("Flow efficiency {efficiency}"),
        format!(
            "%C&A {:.0} % · {} handoffs",
            times.complete_accurate * 100.0,
            times.handoffs
        ),
    ]
    .into_iter()
    .enumerate()
    {
        painter.text(line(i as f32), Align2::LEFT_TOP, text, small.clone(), ink);
    }
}

/// Text colour readable on `fill`.
fn text_on(fill: Color32) -> Color32 {
    let [r, g, b, _] = fill.to_array();
    let luma = 0.299 * f32::from(r) + 0.587 * f32::from(g) + 0.114 * f32::from(b);
    if luma > 140.0 {
        Color32::from_gray(20)
    } else {
        Color32::from_gray(240)
    }
}
