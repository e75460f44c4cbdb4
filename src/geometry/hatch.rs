//! The "/" hatching that marks a legacy service's body, as line segments.

use super::point::{Point, pt};
use super::rect::Rect;

/// Line segments of "/" hatching `spacing` apart, clipped to `rect`; none
/// for an empty rectangle or a spacing under one point (too dense to read).
pub fn hatch_segments(rect: &Rect, spacing: f64) -> Vec<[Point; 2]> {
    let mut segments = Vec::new();
    if !rect.is_positive() || !spacing.is_finite() || spacing < 1.0 {
        return segments;
    }
    // Lines x + y = c; c runs over the range the rectangle's corners span.
    let first = rect.min.x + rect.min.y;
    let last = rect.max.x + rect.max.y;
    let mut c = first + spacing / 2.0;
    while c < last {
        let x0 = (c - rect.max.y).max(rect.min.x);
        let x1 = (c - rect.min.y).min(rect.max.x);
        // Skip the slivers at the two corners the lines only graze.
        if x1 - x0 > 0.5 {
            segments.push([pt(x0, c - x0), pt(x1, c - x1)]);
        }
        c += spacing;
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hatching_stays_inside() {
        let rect = Rect::from_min_size(pt(100.0, 50.0), 150.0, 60.0);
        let segments = hatch_segments(&rect, 8.0);
        assert!(segments.len() > 10);
        for [a, b] in segments {
            assert!(rect.shrink(-1e-9).contains(a) && rect.shrink(-1e-9).contains(b));
            assert!(((a.x + a.y) - (b.x + b.y)).abs() < 1e-9);
        }
        assert!(hatch_segments(&rect, 0.5).is_empty());
        assert!(hatch_segments(&Rect::NOTHING, 8.0).is_empty());
    }
}
