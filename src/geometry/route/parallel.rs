//! Where the middle segment of a two-bend route goes: halfway across the gap
//! between its boxes, shifted for each of several links between the same two
//! services so that they run side by side instead of on top of each other.
//!
//! The shift's direction follows the route's slope: links between the same
//! pair leave and enter in the same order (see [`super::ports`]), and turning
//! the first of them last (going down) or first (going up) keeps them from
//! crossing one another.

use super::ports::Side;
use crate::geometry::rect::Rect;

/// Distance between the middle segments of parallel links.
const PAIR_GAP: f64 = 8.0;

/// The coordinate of the middle segment for a link from box `a` (leaving by
/// `from_side`) to box `b` (entering by `to_side`) that is `rank`-th of
/// `count` links between the two services; `None` unless the sides face
/// each other (the only case with a gap to share).
pub(super) fn middle(
    a: &Rect,
    from_side: Side,
    b: &Rect,
    to_side: Side,
    rank: usize,
    count: usize,
) -> Option<f64> {
    let base = (rank as f64 - (count as f64 - 1.0) / 2.0) * PAIR_GAP;
    let (first, second, gap_middle) = match (from_side, to_side) {
        (Side::Right, Side::Left) => (a, b, (a.max.x + b.min.x) / 2.0),
        (Side::Left, Side::Right) => (b, a, (b.max.x + a.min.x) / 2.0),
        (Side::Bottom, Side::Top) => (a, b, (a.max.y + b.min.y) / 2.0),
        (Side::Top, Side::Bottom) => (b, a, (b.max.y + a.min.y) / 2.0),
        _ => return None,
    };
    // `first` is the left (or upper) box. The first link turns later when
    // the second box is further along the other axis, sooner otherwise.
    let descending = if from_side.is_vertical() {
        second.center().y > first.center().y
    } else {
        second.center().x > first.center().x
    };
    Some(if descending {
        gap_middle - base
    } else {
        gap_middle + base
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::geometry::point::pt;

    #[test]
    fn parallel_links_share_the_gap_side_by_side() {
        let a = Rect::from_min_max(pt(0.0, 0.0), pt(100.0, 50.0));
        let b = Rect::from_min_max(pt(200.0, 100.0), pt(300.0, 150.0));
        assert_eq!(middle(&a, Side::Right, &b, Side::Left, 0, 1), Some(150.0));
        let first = middle(&a, Side::Right, &b, Side::Left, 0, 2);
        let second = middle(&a, Side::Right, &b, Side::Left, 1, 2);
        assert_eq!((first, second), (Some(154.0), Some(146.0)));
        assert_eq!(middle(&b, Side::Left, &a, Side::Right, 0, 2), Some(154.0));
        assert_eq!(middle(&a, Side::Right, &a, Side::Top, 0, 1), None);
    }
}
