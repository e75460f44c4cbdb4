//! Operations on a convex polygon running clockwise on screen (y down): what
//! every [`super::Outline`] flattens to.
//!
//! Each operation first drops repeated points, which the flattening of
//! degenerate outlines (a zero radius, an empty rectangle) produces and which
//! would otherwise give edges without a direction.

use std::f64::consts::{PI, TAU};

use super::point::{Point, cross};

/// Points closer than this (squared distance) count as one.
const SAME_POINT_SQ: f64 = 1e-6;
/// How far outside an edge (as a cross product) a point still counts as on it.
const ON_EDGE: f64 = 1e-3;
/// Largest angle a rounded corner of an offset outline turns per segment.
const MAX_ARC_STEP: f64 = PI / 12.0;

/// `points` without consecutive (and wrap-around) near-duplicates.
pub fn dedup(points: &[Point]) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::with_capacity(points.len());
    for &p in points {
        if out.last().is_none_or(|&q| q.distance_sq(p) > SAME_POINT_SQ) {
            out.push(p);
        }
    }
    while out.len() > 1
        && out
            .first()
            .zip(out.last())
            .is_some_and(|(a, b)| a.distance_sq(*b) <= SAME_POINT_SQ)
    {
        out.pop();
    }
    out
}

/// Whether `pos` is inside (or on) the polygon; never for fewer than three
/// distinct points.
pub fn convex_contains(points: &[Point], pos: Point) -> bool {
    let points = dedup(points);
    if points.len() < 3 {
        return false;
    }
    (0..points.len()).all(|i| {
        let a = points[i];
        let b = points[(i + 1) % points.len()];
        cross(b - a, pos - a) >= -ON_EDGE
    })
}

/// The outline `distance` outside the polygon, with rounded corners: the
/// boundary of its Minkowski sum with a disc, as halos and selection rings
/// follow a shape. Fewer than three distinct points come back as they are.
pub fn offset_convex(points: &[Point], distance: f64) -> Vec<Point> {
    let points = dedup(points);
    let n = points.len();
    if n < 3 {
        return points;
    }
    // The outward normal of an edge of a clockwise polygon (y down).
    let normal = |a: Point, b: Point| {
        let e = b - a;
        Point { x: e.y, y: -e.x }.norm()
    };
    let mut out = Vec::with_capacity(n * 2);
    for i in 0..n {
        let prev = points[(i + n - 1) % n];
        let p = points[i];
        let next = points[(i + 1) % n];
        let n1 = normal(prev, p);
        let n2 = normal(p, next);
        let a1 = n1.angle();
        let mut delta = n2.angle() - a1;
        while delta > PI {
            delta -= TAU;
        }
        while delta <= -PI {
            delta += TAU;
        }
        // A whole number of steps; a turn of exactly one step (each vertex
        // of a flattened rounded corner) stays one step whatever the rounding.
        let steps = (delta.abs() / MAX_ARC_STEP - 1e-6).ceil() as usize;
        if steps <= 1 {
            out.push(p + (n1 + n2).norm() * distance);
        } else {
            for k in 0..=steps {
                let angle = a1 + delta * k as f64 / steps as f64;
                out.push(p + Point::angled(angle) * distance);
            }
        }
    }
    out
}

/// How far along `dir` (in multiples of it) a ray from `from`, a point
/// inside the polygon, leaves it; `None` when it crosses no edge (a
/// degenerate polygon, or a ray from outside pointing away).
pub fn ray_exit(points: &[Point], from: Point, dir: Point) -> Option<f64> {
    let mut best: Option<f64> = None;
    for (i, &a) in points.iter().enumerate() {
        let b = points[(i + 1) % points.len()];
        let edge = b - a;
        let denom = cross(dir, edge);
        if denom.abs() <= 1e-12 {
            // Parallel to the ray: it cannot be where the ray leaves.
            continue;
        }
        let to_a = a - from;
        let t = cross(to_a, edge) / denom;
        let s = cross(to_a, dir) / denom;
        // `s` is where along the edge the ray crosses it; a little slack at
        // both ends keeps a ray through a corner from slipping between edges.
        if t >= 0.0 && (-1e-6..=1.0 + 1e-6).contains(&s) {
            best = Some(best.map_or(t, |old| old.max(t)));
        }
    }
    best
}
