//! Team zones on the canvas: each team's services on a tinted, labelled
//! area, behind everything else. The geometry is
//! [`crate::geometry::team_zones`], the SVG export's too.
//!
//! Zones are translucent, so that where a user drags services into another
//! team's zone both tints show and the overlap reads as an overlap; the
//! captions are drawn after every fill, so no zone hides another's name.

use egui::text::{LayoutJob, TextWrapping};
use egui::{Color32, CornerRadius, Pos2, Rect, Shape, Stroke, StrokeKind, vec2};

use super::space::{Transform, service_boxes};
use crate::geometry::{self, team_zones, zone_caption};
use crate::model::Map;
use crate::palette::TeamColors;
use crate::ui::theme::{Theme, rgb};

/// Opacity of a zone's tint.
const TINT: f32 = 0.14;
/// Radius of a zone's corners, in canvas units (as in the SVG).
const CORNER: f32 = 12.0;
/// Narrowest zone on screen that gets its caption.
const MIN_CAPTION_WIDTH: f32 = 60.0;

/// The team zones under services drawn at `positions` (nodes being dragged
/// included), those that reach into `clip`.
pub(super) fn zone_shapes(
    ctx: &egui::Context,
    map: &Map,
    positions: &[Pos2],
    t: &Transform,
    theme: &Theme,
    clip: Rect,
) -> Vec<Shape> {
    let rects = service_boxes(map, positions);
    let colors = TeamColors::of(map);
    let mut fills = Vec::new();
    let mut captions = Vec::new();
    let corner = CornerRadius::same((CORNER * t.zoom).clamp(1.0, 24.0).round() as u8);
    let font = egui::FontId::proportional((12.0 * t.zoom).clamp(10.0, 15.0));
    for zone in team_zones(map, &rects) {
        let team = &map.teams[zone.team];
        let screen = |q: geometry::Point| t.to_screen(Pos2::new(q.x as f32, q.y as f32));
        let rect = Rect::from_min_max(screen(zone.rect.min), screen(zone.rect.max));
        if !clip.intersects(rect) {
            continue;
        }
        let fill = colors.get(&team.id).map_or(theme.unowned, rgb);
        fills.push(Shape::rect_filled(rect, corner, fill.gamma_multiply(TINT)));
        fills.push(Shape::rect_stroke(
            rect,
            corner,
            Stroke::new(1.0, fill.gamma_multiply(0.55)),
            StrokeKind::Inside,
        ));
        if rect.width() < MIN_CAPTION_WIDTH {
            continue;
        }
        let inset = vec2(
            geometry::ZONE_LABEL_INSET.x as f32,
            geometry::ZONE_LABEL_INSET.y as f32,
        ) * t.zoom.min(1.0);
        let mut job = LayoutJob::simple_singleline(
            zone_caption(team),
            font.clone(),
            caption_color(fill, theme),
        );
        job.wrap = TextWrapping::truncate_at_width(rect.width() - 2.0 * inset.x);
        let galley = ctx.fonts_mut(|f| f.layout_job(job));
        captions.push(Shape::galley(
            rect.min + inset,
            galley,
            Color32::PLACEHOLDER,
        ));
    }
    fills.extend(captions);
    fills
}

/// The caption's colour: the team's, dark enough to read on the light
/// canvas, as it is on the dark one.
fn caption_color(fill: Color32, theme: &Theme) -> Color32 {
    if theme.dark {
        fill
    } else {
        let (r, g, b) = crate::palette::darken((fill.r(), fill.g(), fill.b()), 0.55);
        Color32::from_rgb(r, g, b)
    }
}
