//! Properties every outline must have, for every kind, size and direction.

use crate::geometry::{
    NODE_HEIGHT, NODE_WIDTH, Outline, Point, Rect, boundary_point, contains, convex_contains,
    corner_radius, cross, label_area, offset_convex, pt,
};
use crate::model::ServiceKind;

fn node(center: Point) -> Rect {
    Rect::around(center, NODE_WIDTH, NODE_HEIGHT)
}

/// Boxes of nodes at several zooms and places, including a far-away one
/// where f32 would have lost the fractions.
fn boxes() -> Vec<Rect> {
    let mut out = Vec::new();
    for zoom in [0.3, 1.0, 2.5, 40.0] {
        for center in [pt(0.0, 0.0), pt(175.0, 50.0), pt(123_456.7, -98_765.4)] {
            out.push(Rect::around(center, NODE_WIDTH * zoom, NODE_HEIGHT * zoom));
        }
    }
    out
}

fn directions(n: usize) -> impl Iterator<Item = Point> {
    (0..n).map(move |i| Point::angled(i as f64 / n as f64 * std::f64::consts::TAU))
}

/// Distance from `q` to the segment `a`–`b`.
fn to_segment(q: Point, a: Point, b: Point) -> f64 {
    let ab = b - a;
    let len_sq = ab.x * ab.x + ab.y * ab.y;
    let t = if len_sq > 0.0 {
        (((q.x - a.x) * ab.x + (q.y - a.y) * ab.y) / len_sq).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (a + ab * t - q).len()
}

/// Distance from `q` to the nearest edge of a closed polygon.
fn to_polygon(q: Point, points: &[Point]) -> f64 {
    (0..points.len())
        .map(|i| to_segment(q, points[i], points[(i + 1) % points.len()]))
        .fold(f64::INFINITY, f64::min)
}

#[test]
fn every_outline_contains_its_centre_and_is_convex_and_clockwise() {
    for r in boxes() {
        for kind in ServiceKind::ALL {
            let polygon = Outline::of(kind, r).polygon();
            assert!(convex_contains(&polygon, r.center()), "{kind:?} {r:?}");
            assert!(contains(kind, &r, r.center()), "{kind:?} {r:?}");
            for &q in &polygon {
                assert!(r.shrink(-1e-6).contains(q), "{kind:?}: {q:?} outside {r:?}");
            }
        }
    }
}

#[test]
fn boundary_points_lie_on_the_outline_in_every_direction() {
    for r in boxes() {
        let scale = r.h() / NODE_HEIGHT;
        for kind in ServiceKind::ALL {
            let polygon = Outline::of(kind, r).polygon();
            for dir in directions(72) {
                let q = boundary_point(kind, &r, dir);
                let off = to_polygon(q, &polygon);
                assert!(off < 1e-6 * scale.max(1.0), "{kind:?} {dir:?}: {off}");
                // It is along the ray, beyond the centre.
                let along = q - r.center();
                assert!(along.x * dir.x + along.y * dir.y > 0.0, "{kind:?} {dir:?}");
                assert!(cross(along, dir).abs() < 1e-6 * along.len().max(1.0));
                // Just inside is inside; for the shapes with empty corners,
                // just outside is outside.
                assert!(
                    contains(kind, &r, q - dir * (0.5 * scale)),
                    "{kind:?} {dir:?}"
                );
                if matches!(kind, ServiceKind::Gateway | ServiceKind::Acl) {
                    assert!(
                        !contains(kind, &r, q + dir * (2.0 * scale)),
                        "{kind:?} {dir:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn offset_outlines_enclose_the_original_at_their_distance() {
    for r in boxes() {
        for kind in ServiceKind::ALL {
            let polygon = Outline::of(kind, r).polygon();
            for distance in [0.5, 3.0, 8.5] {
                let ring = offset_convex(&polygon, distance);
                for &q in &polygon {
                    assert!(convex_contains(&ring, q), "{kind:?} {distance}");
                    // Every point of the outline keeps at least the distance
                    // to the ring (up to the flattening of its corners).
                    assert!(
                        to_polygon(q, &ring) > distance * 0.95,
                        "{kind:?} {distance}"
                    );
                }
                for &q in &ring {
                    assert!(!convex_contains(&polygon, q), "{kind:?} {distance}");
                }
            }
        }
    }
}

#[test]
fn known_points_of_the_outlines() {
    let r = node(pt(0.0, 0.0));
    let right = boundary_point(ServiceKind::Service, &r, pt(1.0, 0.0));
    assert!(
        (right.x - 75.0).abs() < 1e-9 && right.y.abs() < 1e-9,
        "{right:?}"
    );
    let up = boundary_point(ServiceKind::Service, &r, pt(0.0, -5.0));
    assert!((up.y + 30.0).abs() < 1e-9, "{up:?}");
    let tip = boundary_point(ServiceKind::Gateway, &r, pt(-1.0, 0.0));
    assert!((tip - pt(-75.0, 0.0)).len() < 1e-9, "{tip:?}");
    let point = boundary_point(ServiceKind::Acl, &r, pt(0.0, 1.0));
    assert!((point - pt(0.0, 30.0)).len() < 1e-9, "{point:?}");
    assert_eq!(
        boundary_point(ServiceKind::Datastore, &r, Point::ZERO),
        r.center()
    );
    assert_eq!(
        boundary_point(ServiceKind::Service, &r, pt(f64::NAN, 1.0)),
        r.center()
    );
    assert_eq!(corner_radius(ServiceKind::Service, &r), 6.0);
    assert_eq!(corner_radius(ServiceKind::Legacy, &r), 2.0);
    assert_eq!(
        corner_radius(ServiceKind::Service, &Rect::around(pt(0.0, 0.0), 1e5, 1e5)),
        255.0
    );
}

#[test]
fn the_hexagon_and_shield_leave_their_corners_empty() {
    let r = node(pt(175.0, 80.0));
    for corner in [r.min, pt(r.max.x, r.min.y), pt(r.min.x, r.max.y), r.max] {
        let nudged = corner + (r.center() - corner).norm() * 2.0;
        assert!(!contains(ServiceKind::Gateway, &r, nudged));
        assert!(contains(ServiceKind::Service, &r, nudged));
    }
    assert!(!contains(
        ServiceKind::Acl,
        &r,
        pt(r.min.x + 3.0, r.max.y - 3.0)
    ));
    assert!(contains(ServiceKind::Acl, &r, r.min + pt(3.0, 3.0)));
    for kind in ServiceKind::ALL {
        assert!(!contains(kind, &r, r.center() + pt(0.0, 100.0)), "{kind:?}");
    }
}

#[test]
fn label_areas_lie_inside_their_node() {
    for zoom in [0.5, 1.0, 3.0] {
        let r = Rect::around(pt(10.0, 20.0), NODE_WIDTH * zoom, NODE_HEIGHT * zoom);
        for kind in ServiceKind::ALL {
            let label = label_area(kind, &r, zoom, zoom);
            assert!(!label.area.is_empty(), "{kind:?}");
            assert!(
                r.contains(label.area.min) && r.contains(label.area.max),
                "{kind:?}"
            );
            assert_eq!(label.backing, kind == ServiceKind::Legacy);
        }
    }
}

#[test]
fn degenerate_boxes_do_not_panic() {
    let empty = Rect::from_min_size(pt(0.0, 0.0), 0.0, 0.0);
    for kind in ServiceKind::ALL {
        for r in [empty, Rect::NOTHING] {
            let _ = boundary_point(kind, &r, pt(1.0, 0.0));
            let _ = contains(kind, &r, pt(0.0, 0.0));
            let _ = offset_convex(&Outline::of(kind, r).polygon(), 3.0);
            let _ = label_area(kind, &r, 1.0, 1.0);
        }
    }
}
