//! A route as drawn: its corners rounded, the segment a label goes on, and
//! the distance from a point to it (for hit tests). The same pieces feed the
//! SVG path and the canvas' polyline, so the two cannot drift apart.

use crate::geometry::point::Point;
use crate::geometry::rect::Rect;

/// One link's route: an orthogonal polyline from the border of its source
/// to the border of its target, its last segment square to the target's
/// side and long enough for an arrow head.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Route {
    /// The corners, first and last on the two outlines; no two consecutive
    /// points equal and no three in a line. Empty when the link has no
    /// drawable end (a box that is not finite).
    pub points: Vec<Point>,
}

/// One piece of a route with rounded corners, after its start point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Piece {
    /// A straight line to the point.
    Line(Point),
    /// A quadratic curve through the control point (the corner) to the end.
    Quad(Point, Point),
}

/// Steps of a rounded corner when flattened.
const CURVE_STEPS: usize = 4;

impl Route {
    /// The route with corners cut by arcs of up to `radius` (less where a
    /// segment is too short): the start point and the pieces after it.
    pub fn rounded(&self, radius: f64) -> Option<(Point, Vec<Piece>)> {
        let pts = &self.points;
        let first = *pts.first()?;
        let mut pieces = Vec::with_capacity(pts.len() * 2);
        for i in 1..pts.len() {
            let q = pts[i];
            let Some(&next) = pts.get(i + 1) else {
                pieces.push(Piece::Line(q));
                break;
            };
            let prev = pts[i - 1];
            let (a, b) = (q - prev, next - q);
            let r = radius.min(a.len() / 2.0).min(b.len() / 2.0).max(0.0);
            pieces.push(Piece::Line(q - a.norm() * r));
            pieces.push(Piece::Quad(q, q + b.norm() * r));
        }
        Some((first, pieces))
    }

    /// The rounded route as a polyline (curves in a few straight steps), for
    /// drawing where curves are not at hand.
    pub fn flattened(&self, radius: f64) -> Vec<Point> {
        let Some((start, pieces)) = self.rounded(radius) else {
            return Vec::new();
        };
        let mut out = vec![start];
        let mut at = start;
        for piece in pieces {
            match piece {
                Piece::Line(q) => {
                    out.push(q);
                    at = q;
                }
                Piece::Quad(c, e) => {
                    for k in 1..=CURVE_STEPS {
                        let t = k as f64 / CURVE_STEPS as f64;
                        let u = 1.0 - t;
                        out.push(at * (u * u) + c * (2.0 * u * t) + e * (t * t));
                    }
                    at = e;
                }
            }
        }
        out
    }

    /// The longest segment (the first of equals), where a label goes.
    pub fn longest_segment(&self) -> Option<(Point, Point)> {
        longest_segment(&self.points).map(|i| (self.points[i], self.points[i + 1]))
    }

    /// The point `fraction` (0 to 1) of the way along the route, if it has
    /// a segment.
    pub fn point_along(&self, fraction: f64) -> Option<Point> {
        let total: f64 = self.points.windows(2).map(|w| (w[1] - w[0]).len()).sum();
        let mut left = total * fraction.clamp(0.0, 1.0);
        for w in self.points.windows(2) {
            let len = (w[1] - w[0]).len();
            if left <= len && len > 0.0 {
                return Some(w[0] + (w[1] - w[0]) * (left / len));
            }
            left -= len;
        }
        self.points
            .last()
            .copied()
            .filter(|_| self.points.len() > 1)
    }

    /// Distance from `p` to the nearest point of the route (infinite for a
    /// route without segments).
    pub fn distance_to(&self, p: Point) -> f64 {
        self.points
            .windows(2)
            .map(|w| distance_to_segment(p, w[0], w[1]))
            .fold(f64::INFINITY, f64::min)
    }

    /// The bounding box of the corners ([`Rect::NOTHING`] when empty).
    pub fn bounds(&self) -> Rect {
        let mut r = Rect::NOTHING;
        for &q in &self.points {
            r.include(q);
        }
        r
    }
}

/// Distance from `p` to the segment from `a` to `b`.
fn distance_to_segment(p: Point, a: Point, b: Point) -> f64 {
    let ab = b - a;
    let len_sq = ab.x * ab.x + ab.y * ab.y;
    let t = if len_sq > 0.0 {
        (((p - a).x * ab.x + (p - a).y * ab.y) / len_sq).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (p - (a + ab * t)).len()
}

/// `points` without repeats and without corners that do not turn.
pub(super) fn simplified(points: Vec<Point>) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for q in points {
        if out.last() == Some(&q) {
            continue;
        }
        if out.len() >= 2 {
            let (a, b) = (out[out.len() - 2], out[out.len() - 1]);
            let straight = (a.x == b.x && b.x == q.x) || (a.y == b.y && b.y == q.y);
            if straight {
                out.pop();
            }
        }
        out.push(q);
    }
    out
}

/// Where the longest segment of a polyline starts (the first of equals):
/// the segment from `points[i]` to `points[i + 1]` carries the label of a
/// link or of a team arrow, on the canvas and in the SVG alike.
pub fn longest_segment(points: &[Point]) -> Option<usize> {
    let mut best: Option<(usize, f64)> = None;
    for (i, w) in points.windows(2).enumerate() {
        let len = (w[1] - w[0]).len();
        if best.is_none_or(|(_, longest)| len > longest) {
            best = Some((i, len));
        }
    }
    best.map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::point::pt;

    #[test]
    fn corners_are_rounded_and_collinear_points_dropped() {
        let route = Route {
            points: simplified(vec![
                pt(0.0, 0.0),
                pt(50.0, 0.0),
                pt(100.0, 0.0),
                pt(100.0, 0.0),
                pt(100.0, 100.0),
            ]),
        };
        assert_eq!(
            route.points,
            [pt(0.0, 0.0), pt(100.0, 0.0), pt(100.0, 100.0)]
        );
        let (start, pieces) = route.rounded(8.0).expect("points");
        assert_eq!(start, pt(0.0, 0.0));
        assert_eq!(
            pieces,
            [
                Piece::Line(pt(92.0, 0.0)),
                Piece::Quad(pt(100.0, 0.0), pt(100.0, 8.0)),
                Piece::Line(pt(100.0, 100.0))
            ]
        );
        let flat = route.flattened(8.0);
        assert_eq!(flat.first(), Some(&pt(0.0, 0.0)));
        assert_eq!(flat.last(), Some(&pt(100.0, 100.0)));
        assert_eq!(
            route.longest_segment(),
            Some((pt(0.0, 0.0), pt(100.0, 0.0)))
        );
        assert!((route.distance_to(pt(50.0, 3.0)) - 3.0).abs() < 1e-9);
        assert_eq!(route.point_along(0.25), Some(pt(50.0, 0.0)));
        assert_eq!(route.point_along(1.0), Some(pt(100.0, 100.0)));
        assert_eq!(Route::default().distance_to(pt(0.0, 0.0)), f64::INFINITY);
    }
}
