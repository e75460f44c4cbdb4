//! Value streams drawn as transit lines behind the nodes.

use std::collections::{BTreeSet, HashMap};

use egui::{Pos2, Rect, Shape, Stroke, Vec2, vec2};

use super::display::MIN_LABEL_ZOOM;
use super::space::Transform;
use crate::model::{Id, Map};
use crate::ui::shapes::NODE_SIZE;
use crate::ui::state::Selection;
use crate::ui::theme::{STREAM_PALETTE, Theme, color32};

/// Most characters of a stream's name drawn at its start.
const MAX_STREAM_LABEL_CHARS: usize = 60;

/// How many streams are drawn side by side before the offsets repeat.
const SIDE_BY_SIDE: usize = 8;
/// Below this zoom, stream lines are faint and drawn without their stops.
const FAR_ZOOM: f32 = 0.1;

/// What the stream lines are drawn over.
pub(super) struct StreamView<'a> {
    /// The map shown.
    pub map: &'a Map,
    /// Where each service is drawn now (nodes being dragged included).
    pub positions: &'a [Pos2],
    /// Canvas to screen.
    pub transform: &'a Transform,
    /// What stays bright.
    pub focus: Option<&'a BTreeSet<Id>>,
    /// The selection (a selected stream is drawn bolder).
    pub selection: &'a Selection,
    /// The canvas' rectangle on screen: lines outside it are not drawn.
    pub clip: Rect,
}

/// Value streams as transit lines: one coloured line per stream through its
/// steps, streams sharing a service running side by side.
pub(super) fn stream_shapes(ctx: &egui::Context, view: &StreamView, theme: &Theme) -> Vec<Shape> {
    let StreamView {
        map,
        positions,
        transform: t,
        focus,
        selection,
        clip,
    } = *view;
    let index = map.service_indices();
    // Streams sit side by side in a few lanes' width, whatever their number:
    // few streams share a segment, and a shift that grew with the count of
    // all streams would throw an organisation's lines far off their services.
    let count = map.streams.len().min(SIDE_BY_SIDE) as f32;
    let far = t.zoom < FAR_ZOOM;
    let spacing = (6.0 * t.zoom).clamp(1.5, 9.0);
    let width = (4.5 * t.zoom).clamp(1.2, 7.0);
    let mut out = Vec::new();
    // Streams starting at the same service stack their names instead of overprinting.
    let mut labels_at: HashMap<usize, f32> = HashMap::new();
    for (k, stream) in map.streams.iter().enumerate() {
        let color = stream
            .color
            .map_or(STREAM_PALETTE[k % STREAM_PALETTE.len()], color32);
        let focused = matches!(selection, Selection::Stream(id) if id == &stream.id);
        let dim = focus.is_some() && !focused;
        let color = if dim {
            color.gamma_multiply(0.15)
        } else if far && !focused {
            color.gamma_multiply(0.35)
        } else {
            color.gamma_multiply(0.9)
        };
        let slot = (k % SIDE_BY_SIDE) as f32;
        let shift = (slot - (count - 1.0) / 2.0) * spacing;
        let points: Vec<Pos2> = stream
            .steps
            .iter()
            .filter_map(|s| index.get(&s.service))
            .map(|&i| t.to_screen(positions[i]))
            .collect();
        if points.is_empty() {
            continue;
        }
        // Offset every vertex along the average normal of its segments.
        let mut shifted = Vec::with_capacity(points.len());
        for (j, p) in points.iter().enumerate() {
            let prev = if j > 0 {
                (*p - points[j - 1]).normalized()
            } else {
                Vec2::ZERO
            };
            let next = if j + 1 < points.len() {
                (points[j + 1] - *p).normalized()
            } else {
                Vec2::ZERO
            };
            let dir = (prev + next).normalized();
            shifted.push(*p + vec2(-dir.y, dir.x) * shift);
        }
        let bounds = Rect::from_points(&shifted).expand(40.0);
        if !clip.intersects(bounds) {
            continue;
        }
        let w = if focused { width * 1.6 } else { width };
        out.push(Shape::line(shifted.clone(), Stroke::new(w, color)));
        // Far out, the stops would be dots on dots: only the line is drawn.
        if !far {
            for p in &shifted {
                out.push(Shape::circle_filled(*p, w * 1.2, color));
            }
        }
        if t.zoom >= MIN_LABEL_ZOOM && !dim {
            let start =
                shifted[0] - vec2(NODE_SIZE.x * 0.5 * t.zoom, NODE_SIZE.y * 0.5 * t.zoom + 8.0);
            let font = egui::FontId::proportional((12.0 * t.zoom).clamp(9.0, 16.0));
            // Names may have 1,000 characters; a label wider than a few
            // services would cover the map.
            let name = crate::text::elide(&stream.name, MAX_STREAM_LABEL_CHARS).into_owned();
            let galley = ctx.fonts_mut(|f| f.layout_no_wrap(name, font, color));
            let first = stream
                .steps
                .first()
                .and_then(|s| index.get(&s.service))
                .copied()
                .unwrap_or(usize::MAX);
            let stacked = labels_at.entry(first).or_insert(0.0);
            let pos = start - vec2(0.0, galley.size().y + *stacked);
            *stacked += galley.size().y + 2.0;
            out.push(Shape::rect_filled(
                Rect::from_min_size(pos, galley.size()).expand(2.0),
                3.0,
                theme.canvas.gamma_multiply(0.85),
            ));
            out.push(Shape::galley(pos, galley, color));
        }
    }
    out
}
