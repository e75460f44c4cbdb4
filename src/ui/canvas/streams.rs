//! Value streams drawn as transit lines: the lines behind the nodes, the
//! stops and names over them. The geometry is [`crate::geometry::transit_lines`],
//! the SVG export's too.

use std::collections::BTreeSet;

use egui::{Color32, Pos2, Rect, Shape, Stroke, vec2};

use super::display::MIN_LABEL_ZOOM;
use super::space::{Transform, service_boxes};
use crate::geometry::{self, TransitStyle, stream_steps, transit_lines};
use crate::model::{Id, Map};
use crate::ui::state::Selection;
use crate::ui::theme::{STREAM_PALETTE, Theme, color32};

/// Most characters of a stream's name drawn at its start.
const MAX_STREAM_LABEL_CHARS: usize = 60;
/// Below this zoom, stream lines are faint and drawn without their stops.
const FAR_ZOOM: f32 = 0.1;
/// Radius of a line's rounded corners, in canvas units (as in the SVG).
const CORNER: f64 = 14.0;

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

/// The streams' shapes: what goes behind the nodes (the lines) and what
/// goes over them (the stops, where a line meets a step's box, and the
/// names, so that neither hides behind a node).
pub(super) struct StreamShapes {
    /// The lines.
    pub behind: Vec<Shape>,
    /// The stops and names.
    pub over: Vec<Shape>,
}

/// Value streams as transit lines: one coloured line per stream through its
/// steps, streams sharing a segment running side by side.
pub(super) fn stream_shapes(ctx: &egui::Context, view: &StreamView, theme: &Theme) -> StreamShapes {
    let StreamView {
        map,
        positions,
        transform: t,
        focus,
        selection,
        clip,
    } = *view;
    let far = t.zoom < FAR_ZOOM;
    // The spacing and width keep to a few pixels on screen whatever the zoom;
    // at zoom 1 they are the SVG's.
    let spacing = (6.0 * t.zoom).clamp(1.5, 9.0);
    let width = (4.5 * t.zoom).clamp(1.2, 7.0);
    let rects = service_boxes(map, positions);
    let steps = stream_steps(map, &map.streams);
    let style = TransitStyle {
        spacing: f64::from(spacing / t.zoom),
        corner: CORNER,
    };
    let screen = |q: geometry::Point| t.to_screen(Pos2::new(q.x as f32, q.y as f32));
    let mut out = StreamShapes {
        behind: Vec::new(),
        over: Vec::new(),
    };
    for (k, (stream, line)) in map
        .streams
        .iter()
        .zip(transit_lines(&steps, &rects, style))
        .enumerate()
    {
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
        let path: Vec<Pos2> = line.path.iter().map(|&q| screen(q)).collect();
        let stops: Vec<Pos2> = line.stops.iter().map(|&q| screen(q)).collect();
        let Some(bounds) = bounds(&path, &stops) else {
            continue;
        };
        if !clip.intersects(bounds.expand(40.0)) {
            continue;
        }
        let w = if focused { width * 1.6 } else { width };
        if path.len() > 1 {
            out.behind.push(Shape::line(path, Stroke::new(w, color)));
        }
        // Far out, the stops would be dots on dots: only the line is drawn.
        if !far {
            for p in stops {
                let fill = theme.canvas.gamma_multiply(if dim { 0.15 } else { 1.0 });
                out.over.push(stop(p, w, color, fill));
            }
        }
        if let Some(anchor) = line.name_anchor
            && t.zoom >= MIN_LABEL_ZOOM
            && !dim
        {
            let font = egui::FontId::proportional((12.0 * t.zoom).clamp(9.0, 16.0));
            // Names may have 1,000 characters; a label wider than a few
            // services would cover the map.
            let name = crate::text::elide(&stream.name, MAX_STREAM_LABEL_CHARS).into_owned();
            let galley = ctx.fonts_mut(|f| f.layout_no_wrap(name, font, color));
            let h = galley.size().y + 2.0;
            let pos = screen(anchor) - vec2(0.0, 8.0 + h * (line.name_rank as f32 + 1.0));
            out.over.push(Shape::rect_filled(
                Rect::from_min_size(pos, galley.size()).expand(2.0),
                3.0,
                theme.canvas.gamma_multiply(0.85),
            ));
            out.over.push(Shape::galley(pos, galley, color));
        }
    }
    out
}

/// A stop: a ring in the line's colour around `fill` (the canvas colour,
/// faded with a dimmed line).
fn stop(at: Pos2, width: f32, color: Color32, fill: Color32) -> Shape {
    Shape::Circle(egui::epaint::CircleShape {
        center: at,
        radius: width * 1.1,
        fill,
        stroke: Stroke::new(width * 0.6, color),
    })
}

/// The bounds of a line and its stops, if it has any point.
fn bounds(path: &[Pos2], stops: &[Pos2]) -> Option<Rect> {
    let all: Vec<Pos2> = path.iter().chain(stops).copied().collect();
    (!all.is_empty()).then(|| Rect::from_points(&all))
}
