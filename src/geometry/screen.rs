//! The parts of a frontend's "screen": a window with a darker title bar and
//! three dots, on a small stand. Its hit-test outline is the rounded box of
//! [`super::Outline`]; these are the pieces drawn inside that box.

use super::outline::corner_radius;
use super::point::{Point, pt};
use super::rect::Rect;
use crate::model::ServiceKind;

/// Where each part of a frontend node goes in its box.
#[derive(Debug, Clone, PartialEq)]
pub struct ScreenParts {
    /// The window: the box above the stand.
    pub screen: Rect,
    /// Corner radius of the window (its top corners are also the title bar's).
    pub radius: f64,
    /// The title bar across the top of the window.
    pub bar: Rect,
    /// Centres of the dots in the title bar that fit in it, left to right.
    pub dots: Vec<Point>,
    /// Radius of each dot.
    pub dot_radius: f64,
    /// The stand's neck, centred below the window.
    pub neck: Rect,
    /// The stand's foot along the bottom of the box.
    pub foot: Rect,
    /// Corner radius of the foot.
    pub foot_radius: f64,
}

/// The parts of a frontend node whose box is `rect`.
pub fn screen_parts(rect: &Rect) -> ScreenParts {
    let (w, h) = (rect.w(), rect.h());
    let cx = rect.center().x;
    let screen = Rect::from_min_max(rect.min, pt(rect.max.x, rect.max.y - 0.16 * h));
    let bar_h = 0.2 * h;
    let bar = Rect::from_min_max(screen.min, pt(screen.max.x, screen.min.y + bar_h));
    let dots = (0..3)
        .map(|i| {
            pt(
                bar.min.x + bar_h * 0.6 + f64::from(i) * bar_h * 0.45,
                bar.min.y + bar_h / 2.0,
            )
        })
        .filter(|d| d.x + bar_h * 0.15 < bar.max.x)
        .collect();
    let base = 0.05 * h;
    ScreenParts {
        screen,
        radius: corner_radius(ServiceKind::Frontend, rect),
        bar,
        dots,
        dot_radius: bar_h * 0.14,
        neck: Rect::from_min_size(
            pt(cx - 0.03 * w, screen.max.y),
            0.06 * w,
            rect.max.y - screen.max.y,
        ),
        foot: Rect::from_min_max(
            pt(cx - 0.15 * w, rect.max.y - base),
            pt(cx + 0.15 * w, rect.max.y),
        ),
        foot_radius: base / 2.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_parts_stay_in_the_box_and_stack() {
        let rect = Rect::from_min_size(pt(10.0, 20.0), 150.0, 60.0);
        let parts = screen_parts(&rect);
        let outer = rect.shrink(-1e-9);
        for r in [parts.screen, parts.bar, parts.neck, parts.foot] {
            assert!(outer.contains(r.min) && outer.contains(r.max), "{r:?}");
        }
        assert_eq!(parts.dots.len(), 3);
        assert!(parts.dots.iter().all(|&d| parts.bar.contains(d)));
        assert!(parts.bar.max.y < parts.screen.max.y);
        assert!((parts.neck.min.y - parts.screen.max.y).abs() < 1e-9);
        assert!((parts.foot.max.y - rect.max.y).abs() < 1e-9);
        // A box too narrow for the dots has none.
        let narrow = Rect::from_min_size(pt(0.0, 0.0), 8.0, 60.0);
        assert!(screen_parts(&narrow).dots.is_empty());
    }
}
