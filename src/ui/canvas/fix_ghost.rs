//! The preview of the fix under the pointer, drawn over the map: the
//! services it would add as dashed boxes, the links it would add as dashed
//! arrows and those it would remove struck out in the removal colour, and a
//! ring round each service whose owner or step it changes. Nothing is
//! applied until the fix is clicked.

use egui::{Pos2, Rect, Shape, Stroke, StrokeKind, vec2};

use super::space::{Transform, display_positions};
use crate::model::{LinkKind, Map};
use crate::ui::shapes::node_size;
use crate::ui::state::Ghost;
use crate::ui::theme::Theme;

/// Draws `ghost` over the canvas, in canvas coordinates through `transform`.
pub fn fix_ghost_ui(ui: &egui::Ui, map: &Map, ghost: &Ghost, transform: Transform, theme: &Theme) {
    let painter = ui.painter();
    let zoom = transform.zoom;
    let at = |(x, y): (f64, f64)| transform.to_screen(Pos2::new(x as f32, y as f32));
    let width = (2.0 * zoom).clamp(1.5, 3.0);
    for (a, b) in &ghost.removed_links {
        let (a, b) = (at(*a), at(*b));
        painter.line_segment(
            [a, b],
            Stroke::new(width, theme.removed.gamma_multiply(0.8)),
        );
        let mid = a + (b - a) * 0.5;
        let s = 6.0;
        let cross = Stroke::new(width, theme.removed);
        painter.line_segment([mid + vec2(-s, -s), mid + vec2(s, s)], cross);
        painter.line_segment([mid + vec2(-s, s), mid + vec2(s, -s)], cross);
    }
    for (a, b, kind) in &ghost.added_links {
        let (a, b) = (at(*a), at(*b));
        let stroke = Stroke::new(width, theme.added);
        let (dash, gap) = match kind {
            LinkKind::Event => (3.0, 4.0),
            _ => (9.0, 5.0),
        };
        painter.extend(Shape::dashed_line(&[a, b], stroke, dash, gap));
        let dir = (b - a).normalized();
        let tip = b - dir * 30.0 * zoom.min(1.0);
        let side = vec2(-dir.y, dir.x) * 6.0;
        painter.add(Shape::convex_polygon(
            vec![tip, tip - dir * 11.0 + side, tip - dir * 11.0 - side],
            theme.added,
            Stroke::NONE,
        ));
    }
    for (name, kind, pos) in &ghost.services {
        let rect = Rect::from_center_size(at(*pos), node_size(*kind, name) * zoom);
        painter.rect_filled(rect, 6.0 * zoom, theme.canvas.gamma_multiply(0.85));
        let outline = Stroke::new(width, theme.added);
        let corners = [
            rect.left_top(),
            rect.right_top(),
            rect.right_bottom(),
            rect.left_bottom(),
            rect.left_top(),
        ];
        painter.extend(Shape::dashed_line(&corners, outline, 8.0, 5.0));
        painter.text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            format!("+ {name}"),
            egui::FontId::proportional((13.0 * zoom).clamp(9.0, 18.0)),
            theme.added,
        );
    }
    if !ghost.changed.is_empty() {
        let positions = display_positions(map);
        for (service, p) in map.services.iter().zip(positions) {
            if ghost.changed.contains(&service.id) {
                let rect = Rect::from_center_size(
                    transform.to_screen(p),
                    (node_size(service.kind, &service.name) + vec2(16.0, 16.0)) * zoom,
                );
                painter.rect_stroke(
                    rect,
                    10.0 * zoom,
                    Stroke::new(width, theme.changed),
                    StrokeKind::Outside,
                );
            }
        }
    }
}
