//! The preview of the fix under the pointer, drawn over the map: the
//! services it would add as dashed boxes, the links it would add as dashed
//! arrows, those it would remove struck out along their routes, those it
//! would change in kind dashed along their routes with the new kind, and a
//! ring round each service whose owner or step it changes. Nothing is
//! applied until the fix is clicked.

use egui::{Pos2, Rect, Shape, Stroke, StrokeKind, vec2};

use super::space::{Transform, display_positions};
use crate::geometry::{Point, longest_segment, pt};
use crate::model::{LinkKind, Map};
use crate::ui::shapes::node_size;
use crate::ui::state::{Ghost, GhostLink};
use crate::ui::theme::Theme;

/// Draws `ghost` over the canvas, in canvas coordinates through `transform`.
pub fn fix_ghost_ui(
    ui: &egui::Ui,
    map: &Map,
    ghost: &Ghost,
    routes: Option<&crate::geometry::Router>,
    transform: Transform,
    theme: &Theme,
) {
    let painter = ui.painter();
    let zoom = transform.zoom;
    let at = |(x, y): (f64, f64)| transform.to_screen(Pos2::new(x as f32, y as f32));
    let width = (2.0 * zoom).clamp(1.5, 3.0);
    // Where a link is drawn, in canvas coordinates: along its route, where
    // it has one, else from centre to centre.
    let drawn_along = |link: &GhostLink| -> Vec<Point> {
        let route = map
            .links
            .iter()
            .position(|l| {
                (&l.from, &l.to, l.kind) == (&link.services.0, &link.services.1, link.kind)
            })
            .and_then(|i| routes?.route(i))
            .filter(|r| r.points.len() >= 2);
        match route {
            Some(route) => route.points.clone(),
            None => vec![
                pt(link.ends.0.0, link.ends.0.1),
                pt(link.ends.1.0, link.ends.1.1),
            ],
        }
    };
    let on_screen = |p: &Point| transform.to_screen(Pos2::new(p.x as f32, p.y as f32));
    // A link removed and added again between the same services changes
    // kind: drawn once, dashed along its route, with its new kind.
    let rekinded = |link: &GhostLink| {
        ghost
            .added_links
            .iter()
            .find(|a| a.services == link.services)
    };
    for link in &ghost.removed_links {
        let along = drawn_along(link);
        // The mark goes on the longest segment, where it reads best; a
        // polyline of two points or more has one.
        let i = longest_segment(&along).unwrap_or(0);
        let points: Vec<Pos2> = along.iter().map(on_screen).collect();
        let (a, b) = (points[i], points[(i + 1).min(points.len() - 1)]);
        let mid = a + (b - a) * 0.5;
        if let Some(new) = rekinded(link) {
            let stroke = Stroke::new(width + 0.5, theme.changed);
            painter.extend(Shape::dashed_line(&points, stroke, 7.0, 4.0));
            painter.text(
                mid + vec2(0.0, -9.0),
                egui::Align2::CENTER_BOTTOM,
                format!("{} → {}", link.kind.as_str(), new.kind.as_str()),
                egui::FontId::proportional(12.0),
                theme.changed,
            );
            continue;
        }
        painter.add(Shape::line(
            points.clone(),
            Stroke::new(width + 1.0, theme.removed.gamma_multiply(0.85)),
        ));
        let s = 6.0;
        let cross = Stroke::new(width + 0.5, theme.removed);
        painter.line_segment([mid + vec2(-s, -s), mid + vec2(s, s)], cross);
        painter.line_segment([mid + vec2(-s, s), mid + vec2(s, -s)], cross);
    }
    for link in &ghost.added_links {
        if ghost
            .removed_links
            .iter()
            .any(|r| r.services == link.services)
        {
            continue;
        }
        let (a, b) = (at(link.ends.0), at(link.ends.1));
        let stroke = Stroke::new(width, theme.added);
        let (dash, gap) = match link.kind {
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
