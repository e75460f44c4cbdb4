//! A point (or a displacement) in the plane, in f64.
//!
//! The geometry computes in f64 because the SVG export writes coordinates to
//! a hundredth and must give the same bytes on every run, and because map
//! coordinates reach the hundreds of thousands, where an f32 step is already
//! a visible fraction of a point. The canvas converts to and from its f32
//! types at its edge. Screen convention: y grows downwards.

use std::ops::{Add, Mul, Neg, Sub};

/// A point, or a vector between two points.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    /// Horizontal coordinate, growing to the right.
    pub x: f64,
    /// Vertical coordinate, growing downwards.
    pub y: f64,
}

/// The point `(x, y)`.
pub const fn pt(x: f64, y: f64) -> Point {
    Point { x, y }
}

impl Add for Point {
    type Output = Point;
    fn add(self, o: Point) -> Point {
        pt(self.x + o.x, self.y + o.y)
    }
}

impl Sub for Point {
    type Output = Point;
    fn sub(self, o: Point) -> Point {
        pt(self.x - o.x, self.y - o.y)
    }
}

impl Mul<f64> for Point {
    type Output = Point;
    fn mul(self, k: f64) -> Point {
        pt(self.x * k, self.y * k)
    }
}

impl Neg for Point {
    type Output = Point;
    fn neg(self) -> Point {
        pt(-self.x, -self.y)
    }
}

impl Point {
    /// The origin, or the zero vector.
    pub const ZERO: Point = pt(0.0, 0.0);

    /// Length of the vector.
    pub fn len(self) -> f64 {
        self.x.hypot(self.y)
    }

    /// Squared distance to `other` (cheaper than the distance, same order).
    pub fn distance_sq(self, other: Point) -> f64 {
        let d = self - other;
        d.x * d.x + d.y * d.y
    }

    /// The unit vector in this direction, or zero for a vector too short
    /// (or not finite) to have one.
    pub fn norm(self) -> Point {
        let len = self.len();
        if len > 1e-9 && len.is_finite() {
            self * (1.0 / len)
        } else {
            Point::ZERO
        }
    }

    /// Turned a quarter clockwise on screen (y down): to the right of the
    /// direction of travel, the side positive shifts of parallel lines go.
    pub fn perp(self) -> Point {
        pt(-self.y, self.x)
    }

    /// The unit vector at `angle` radians from the x axis (clockwise on
    /// screen, since y grows downwards).
    pub fn angled(angle: f64) -> Point {
        pt(angle.cos(), angle.sin())
    }

    /// Angle of the vector from the x axis, in radians.
    pub fn angle(self) -> f64 {
        self.y.atan2(self.x)
    }

    /// Whether both coordinates are finite.
    pub fn is_finite(self) -> bool {
        self.x.is_finite() && self.y.is_finite()
    }
}

/// The 2-D cross product: positive when `b` turns clockwise from `a` on
/// screen (y down).
pub fn cross(a: Point, b: Point) -> f64 {
    a.x * b.y - a.y * b.x
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_and_perp() {
        assert_eq!(pt(0.0, 2.0).norm(), pt(0.0, 1.0));
        assert!((pt(3.0, 4.0).norm() - pt(0.6, 0.8)).len() < 1e-12);
        assert_eq!(pt(0.0, 0.0).norm(), Point::ZERO);
        assert_eq!(pt(f64::NAN, 1.0).norm(), Point::ZERO);
        assert_eq!(pt(1.0, 0.0).perp(), pt(0.0, 1.0));
        assert!(cross(pt(1.0, 0.0), pt(0.0, 1.0)) > 0.0);
    }
}
