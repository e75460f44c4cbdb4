//! An axis-aligned rectangle in f64: a node's box, an area for a label, or a
//! bounding box being grown point by point.

use super::point::{Point, pt};

/// An axis-aligned rectangle from `min` (top-left on screen) to `max`.
///
/// It may be empty (`min` beyond `max` on an axis): [`Rect::NOTHING`] is the
/// start of a bounding box that [`Rect::include`] grows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Top-left corner on screen.
    pub min: Point,
    /// Bottom-right corner on screen.
    pub max: Point,
}

impl Rect {
    /// The empty rectangle that any point included makes non-empty.
    pub const NOTHING: Rect = Rect {
        min: pt(f64::INFINITY, f64::INFINITY),
        max: pt(f64::NEG_INFINITY, f64::NEG_INFINITY),
    };

    /// The rectangle from `min` to `max`.
    pub const fn from_min_max(min: Point, max: Point) -> Rect {
        Rect { min, max }
    }

    /// The rectangle `w` wide and `h` high centred on `center`.
    pub fn around(center: Point, w: f64, h: f64) -> Rect {
        Rect {
            min: pt(center.x - w / 2.0, center.y - h / 2.0),
            max: pt(center.x + w / 2.0, center.y + h / 2.0),
        }
    }

    /// The rectangle `w` wide and `h` high with its top-left corner at `min`.
    pub fn from_min_size(min: Point, w: f64, h: f64) -> Rect {
        Rect {
            min,
            max: pt(min.x + w, min.y + h),
        }
    }

    /// Whether the rectangle holds no point (it may still be a line or a
    /// point, which are not empty).
    pub fn is_empty(&self) -> bool {
        !(self.min.x <= self.max.x && self.min.y <= self.max.y)
    }

    /// Whether the rectangle has an area: positive width and height.
    pub fn is_positive(&self) -> bool {
        self.w() > 0.0 && self.h() > 0.0
    }

    /// Whether every coordinate is finite.
    pub fn is_finite(&self) -> bool {
        self.min.is_finite() && self.max.is_finite()
    }

    /// Width (negative when empty).
    pub fn w(&self) -> f64 {
        self.max.x - self.min.x
    }

    /// Height (negative when empty).
    pub fn h(&self) -> f64 {
        self.max.y - self.min.y
    }

    /// The centre.
    pub fn center(&self) -> Point {
        pt(
            (self.min.x + self.max.x) / 2.0,
            (self.min.y + self.max.y) / 2.0,
        )
    }

    /// Whether `q` is inside or on the border.
    pub fn contains(&self, q: Point) -> bool {
        self.min.x <= q.x && q.x <= self.max.x && self.min.y <= q.y && q.y <= self.max.y
    }

    /// Smaller by `d` on every side (larger for a negative `d`).
    pub fn shrink(&self, d: f64) -> Rect {
        self.shrink2(d, d)
    }

    /// Smaller by `dx` on the left and right and `dy` at the top and bottom.
    pub fn shrink2(&self, dx: f64, dy: f64) -> Rect {
        Rect {
            min: pt(self.min.x + dx, self.min.y + dy),
            max: pt(self.max.x - dx, self.max.y - dy),
        }
    }

    /// Grown to hold `q`.
    pub fn include(&mut self, q: Point) {
        self.min = pt(self.min.x.min(q.x), self.min.y.min(q.y));
        self.max = pt(self.max.x.max(q.x), self.max.y.max(q.y));
    }

    /// Grown to hold `r` (nothing for an empty `r`).
    pub fn include_rect(&mut self, r: &Rect) {
        if !r.is_empty() {
            self.include(r.min);
            self.include(r.max);
        }
    }

    /// Whether the two share an area (touching is not overlapping).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.min.x < other.max.x
            && other.min.x < self.max.x
            && self.min.y < other.max.y
            && other.min.y < self.max.y
    }

    /// Whether the two, borders included, have a point in common.
    pub fn meets(&self, other: &Rect) -> bool {
        self.min.x <= other.max.x
            && other.min.x <= self.max.x
            && self.min.y <= other.max.y
            && other.min.y <= self.max.y
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bounding_box_grows_from_nothing() {
        let mut b = Rect::NOTHING;
        assert!(b.is_empty());
        b.include(pt(1.0, 2.0));
        assert!(!b.is_empty());
        b.include_rect(&Rect::around(pt(0.0, 0.0), 4.0, 2.0));
        b.include_rect(&Rect::NOTHING);
        assert_eq!(b, Rect::from_min_max(pt(-2.0, -1.0), pt(2.0, 2.0)));
        assert_eq!((b.w(), b.h()), (4.0, 3.0));
        assert!(b.contains(pt(1.0, 2.0)) && !b.contains(pt(2.1, 0.0)));
    }
}
