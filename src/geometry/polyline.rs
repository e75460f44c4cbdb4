//! Polylines shifted sideways: value streams drawn as parallel transit lines.

use super::point::Point;

/// The points of a polyline shifted sideways by `shift` (to the right of the
/// direction of travel on screen for a positive shift, see [`Point::perp`]), each vertex along
/// the average normal of the segments that meet there.
pub fn offset_polyline(points: &[Point], shift: f64) -> Vec<Point> {
    points
        .iter()
        .enumerate()
        .map(|(j, &q)| {
            let prev = if j > 0 {
                (q - points[j - 1]).norm()
            } else {
                Point::ZERO
            };
            let next = points.get(j + 1).map_or(Point::ZERO, |&r| (r - q).norm());
            q + (prev + next).norm().perp() * shift
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::pt;

    #[test]
    fn offset_lines_keep_their_length_and_shift_sideways() {
        let line = offset_polyline(&[pt(0.0, 0.0), pt(100.0, 0.0)], 6.0);
        assert_eq!(line, [pt(0.0, 6.0), pt(100.0, 6.0)]);
    }
}
