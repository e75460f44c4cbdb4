//! Where each link leaves and enters its boxes: the side of each box it
//! uses, and its port on that side, spread so that several links on one
//! side do not share a point.
//!
//! A side's ports are ordered by where the link's other end lies along the
//! side (links to services higher up leave higher on a right side), so that
//! links fanning out from one side do not cross each other at the start;
//! ties go by link position, the same order on both ends of parallel links.

use std::cmp::Ordering;

use crate::geometry::point::{Point, pt};
use crate::geometry::rect::Rect;

/// A side of a box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    /// The left side, facing smaller x.
    Left,
    /// The right side, facing larger x.
    Right,
    /// The top side, facing smaller y (up on screen).
    Top,
    /// The bottom side, facing larger y.
    Bottom,
}

impl Side {
    /// All four, in a fixed order.
    pub const ALL: [Side; 4] = [Side::Left, Side::Right, Side::Top, Side::Bottom];

    /// The unit vector pointing out of the box through this side.
    pub fn outward(self) -> Point {
        match self {
            Side::Left => pt(-1.0, 0.0),
            Side::Right => pt(1.0, 0.0),
            Side::Top => pt(0.0, -1.0),
            Side::Bottom => pt(0.0, 1.0),
        }
    }

    /// Whether the side is left or right (its ports differ in y).
    pub fn is_vertical(self) -> bool {
        matches!(self, Side::Left | Side::Right)
    }
}

/// The sides a link between boxes `a` and `b` uses at `a` and at `b`: facing
/// each other across the wider gap between the boxes (left/right when the
/// gap across x is at least the one across y). The same for `b` to `a`,
/// swapped. A link from a box to itself leaves on the right and comes back
/// on the top.
pub(super) fn sides(a: &Rect, b: &Rect, same: bool) -> (Side, Side) {
    if same {
        return (Side::Right, Side::Top);
    }
    let (ca, cb) = (a.center(), b.center());
    let gap_x = (cb.x - ca.x).abs() - (a.w() + b.w()) / 2.0;
    let gap_y = (cb.y - ca.y).abs() - (a.h() + b.h()) / 2.0;
    // Anything but "less" (NaN included) takes the horizontal choice.
    if gap_x.partial_cmp(&gap_y) != Some(std::cmp::Ordering::Less) {
        if cb.x >= ca.x {
            (Side::Right, Side::Left)
        } else {
            (Side::Left, Side::Right)
        }
    } else if cb.y >= ca.y {
        (Side::Bottom, Side::Top)
    } else {
        (Side::Top, Side::Bottom)
    }
}

/// One link's end on a side, to be ordered among the side's others.
#[derive(Debug, Clone, Copy)]
pub(super) struct PortUse {
    /// The link's position.
    pub(super) link: usize,
    /// Where the link's other end is (its box's centre).
    pub(super) toward: Point,
    /// Whether this is the link's source end.
    pub(super) at_source: bool,
}

/// How far from a box's corner ports stay: clear of rounded corners and of
/// the slanted ends of a hexagon's top and bottom.
fn inset(side: Side, r: &Rect) -> f64 {
    if side.is_vertical() {
        (r.h() * 0.15).min(r.h() / 2.0).max(0.0)
    } else {
        (r.w() * 0.2).min(r.w() / 2.0).max(0.0)
    }
}

/// The ports of the links using `side` of box `r`, in the order of `uses`
/// after sorting them (see the module's note); returns each use with its port.
pub(super) fn spread(side: Side, r: &Rect, uses: &mut [PortUse]) -> Vec<(PortUse, Point)> {
    let along = |q: Point| if side.is_vertical() { q.y } else { q.x };
    uses.sort_by(|a, b| {
        along(a.toward)
            .partial_cmp(&along(b.toward))
            .unwrap_or(Ordering::Equal)
            .then(a.link.cmp(&b.link))
    });
    let d = inset(side, r);
    let count = uses.len() as f64;
    uses.iter()
        .enumerate()
        .map(|(k, u)| {
            let t = (k as f64 + 1.0) / (count + 1.0);
            let q = match side {
                Side::Left => pt(r.min.x, r.min.y + d + t * (r.h() - 2.0 * d)),
                Side::Right => pt(r.max.x, r.min.y + d + t * (r.h() - 2.0 * d)),
                Side::Top => pt(r.min.x + d + t * (r.w() - 2.0 * d), r.min.y),
                Side::Bottom => pt(r.min.x + d + t * (r.w() - 2.0 * d), r.max.y),
            };
            (*u, q)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sides_face_each_other_across_the_wider_gap() {
        let a = Rect::around(pt(0.0, 0.0), 150.0, 60.0);
        let right = Rect::around(pt(300.0, 40.0), 150.0, 60.0);
        let below = Rect::around(pt(20.0, 200.0), 150.0, 60.0);
        assert_eq!(sides(&a, &right, false), (Side::Right, Side::Left));
        assert_eq!(sides(&right, &a, false), (Side::Left, Side::Right));
        assert_eq!(sides(&a, &below, false), (Side::Bottom, Side::Top));
        assert_eq!(sides(&below, &a, false), (Side::Top, Side::Bottom));
        assert_eq!(sides(&a, &a, true), (Side::Right, Side::Top));
    }

    #[test]
    fn ports_spread_along_a_side_in_the_order_of_their_other_ends() {
        let r = Rect::from_min_max(pt(0.0, 0.0), pt(100.0, 60.0));
        let mut uses = [
            PortUse {
                link: 3,
                toward: pt(500.0, 300.0),
                at_source: true,
            },
            PortUse {
                link: 1,
                toward: pt(500.0, -300.0),
                at_source: true,
            },
            PortUse {
                link: 2,
                toward: pt(500.0, 300.0),
                at_source: false,
            },
        ];
        let ports = spread(Side::Right, &r, &mut uses);
        let links: Vec<usize> = ports.iter().map(|p| p.0.link).collect();
        assert_eq!(links, [1, 2, 3]);
        assert!(ports.windows(2).all(|w| w[0].1.y < w[1].1.y));
        assert!(
            ports
                .iter()
                .all(|p| p.1.x == 100.0 && p.1.y > 0.0 && p.1.y < 60.0)
        );
    }
}
