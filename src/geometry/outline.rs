//! The size of a service node and the one outline of each service kind,
//! which the canvas paints and the SVG export writes.
//!
//! An [`Outline`] keeps the exact shape (arcs and curves as such), so that
//! the SVG can write true arcs and curves; [`Outline::polygon`] flattens it
//! into the convex, clockwise polygon that hit tests, arrow ends, halos and
//! the canvas' polygons use. Both come from the same numbers, so the two
//! drawings cannot drift apart.

use std::f64::consts::{FRAC_PI_2, PI};

use super::point::{Point, pt};
use super::rect::Rect;
use crate::model::ServiceKind;

/// Width of a service node on the canvas at zoom 1, and in the SVG export.
pub const NODE_WIDTH: f64 = 150.0;
/// Height of a service node on the canvas at zoom 1, and in the SVG export.
pub const NODE_HEIGHT: f64 = 60.0;

/// Segments per quarter circle of a rounded corner.
const CORNER_STEPS: u32 = 6;
/// Segments per half ellipse of a cylinder's cap.
const CAP_STEPS: u32 = 16;
/// Segments of each half of a shield's curved bottom.
const SHIELD_STEPS: u32 = 12;

/// The outline of a service kind's body filling a rectangle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Outline {
    /// A rectangle with rounded corners: service, frontend (its screen's
    /// box), legacy, external.
    RoundedRect {
        /// The rectangle.
        rect: Rect,
        /// Radius of the corners.
        radius: f64,
    },
    /// A hexagon with points at the middle of the left and right sides: the
    /// gateway.
    Hexagon {
        /// The rectangle the hexagon fills.
        rect: Rect,
    },
    /// A cylinder's silhouette, its caps half ellipses: the datastore.
    Cylinder {
        /// The rectangle the cylinder fills.
        rect: Rect,
    },
    /// A shield: flat top, straight sides going down, then curving in to a
    /// point at the bottom centre: the anti-corruption layer.
    Shield {
        /// The rectangle the shield fills.
        rect: Rect,
    },
}

impl Outline {
    /// The outline of `kind` filling `rect`.
    pub fn of(kind: ServiceKind, rect: Rect) -> Outline {
        match kind {
            ServiceKind::Service
            | ServiceKind::Frontend
            | ServiceKind::Legacy
            | ServiceKind::External => Outline::RoundedRect {
                rect,
                radius: corner_radius(kind, &rect),
            },
            ServiceKind::Gateway => Outline::Hexagon { rect },
            ServiceKind::Datastore => Outline::Cylinder { rect },
            ServiceKind::Acl => Outline::Shield { rect },
        }
    }

    /// The outline as a convex polygon running clockwise on screen, curves
    /// flattened into short segments.
    pub fn polygon(&self) -> Vec<Point> {
        match *self {
            Outline::RoundedRect { rect, radius } => rounded_rect_points(&rect, radius),
            Outline::Hexagon { rect } => hexagon_points(&rect).to_vec(),
            Outline::Cylinder { rect } => cylinder_points(&rect),
            Outline::Shield { rect } => shield_points(&rect),
        }
    }
}

/// Corner radius of the rectangular kinds in `rect`: a tenth of the height
/// (a twenty-fifth for legacy, which reads as older and squarer), rounded to
/// whole points up to 255 because the canvas paints rounded rectangles with
/// such radii and the outline must follow the painted corner.
pub fn corner_radius(kind: ServiceKind, rect: &Rect) -> f64 {
    let factor = if kind == ServiceKind::Legacy {
        0.04
    } else {
        0.1
    };
    (rect.h() * factor).round().clamp(0.0, 255.0)
}

/// How far the hexagon's top and bottom edges are set in from the sides
/// (the slanted edges are at 60° when the rectangle is wide enough).
pub fn hexagon_inset(rect: &Rect) -> f64 {
    (rect.h() / (2.0 * 3f64.sqrt())).min(rect.w() / 2.0)
}

/// Vertical radius of a cylinder's elliptical caps (none for an empty
/// rectangle).
pub fn cap_radius(rect: &Rect) -> f64 {
    (rect.h() * 0.14).min(rect.h() / 2.0).max(0.0)
}

/// The right-hand curve of a shield as a quadratic Bézier: the shoulder
/// (where the straight side ends), the control point, the bottom point. The
/// left-hand curve is its mirror image.
pub fn shield_curve(rect: &Rect) -> [Point; 3] {
    let shoulder = rect.min.y + rect.h() * 0.4;
    [
        pt(rect.max.x, shoulder),
        pt(rect.max.x, shoulder + (rect.max.y - shoulder) * 0.3),
        pt(rect.center().x, rect.max.y),
    ]
}

/// A rounded rectangle's perimeter, each corner a short arc (square corners
/// when the radius is under half a point).
fn rounded_rect_points(rect: &Rect, radius: f64) -> Vec<Point> {
    let r = radius.min(rect.w() / 2.0).min(rect.h() / 2.0).max(0.0);
    if r < 0.5 {
        return vec![
            rect.min,
            pt(rect.max.x, rect.min.y),
            rect.max,
            pt(rect.min.x, rect.max.y),
        ];
    }
    let centers = [
        pt(rect.min.x + r, rect.min.y + r),
        pt(rect.max.x - r, rect.min.y + r),
        pt(rect.max.x - r, rect.max.y - r),
        pt(rect.min.x + r, rect.max.y - r),
    ];
    let steps = CORNER_STEPS as usize + 1;
    let units = corner_units();
    let mut points = Vec::with_capacity(4 * steps);
    for (corner, center) in centers.into_iter().enumerate() {
        for &unit in &units[corner * steps..(corner + 1) * steps] {
            points.push(center + unit * r);
        }
    }
    points
}

/// The unit vectors of the four rounded corners' points, clockwise from
/// the top-left corner's left end: worked out once, since every hit test,
/// arrow end and halo flattens an outline and the angles never change.
fn corner_units() -> &'static [Point] {
    static UNITS: std::sync::LazyLock<Vec<Point>> = std::sync::LazyLock::new(|| {
        [PI, PI + FRAC_PI_2, 0.0, FRAC_PI_2]
            .into_iter()
            .flat_map(|start| {
                (0..=CORNER_STEPS).map(move |i| {
                    Point::angled(start + FRAC_PI_2 * f64::from(i) / f64::from(CORNER_STEPS))
                })
            })
            .collect()
    });
    &UNITS
}

/// The unit vectors of a cylinder's two caps' points, top cap first (as
/// [`corner_units`], worked out once).
fn cap_units() -> &'static [Point] {
    static UNITS: std::sync::LazyLock<Vec<Point>> = std::sync::LazyLock::new(|| {
        [PI, 0.0]
            .into_iter()
            .flat_map(|start| {
                (0..=CAP_STEPS)
                    .map(move |i| Point::angled(start + PI * f64::from(i) / f64::from(CAP_STEPS)))
            })
            .collect()
    });
    &UNITS
}

/// The hexagon's corners, clockwise from the left point.
fn hexagon_points(rect: &Rect) -> [Point; 6] {
    let inset = hexagon_inset(rect);
    let cy = rect.center().y;
    [
        pt(rect.min.x, cy),
        pt(rect.min.x + inset, rect.min.y),
        pt(rect.max.x - inset, rect.min.y),
        pt(rect.max.x, cy),
        pt(rect.max.x - inset, rect.max.y),
        pt(rect.min.x + inset, rect.max.y),
    ]
}

/// A cylinder's silhouette: the top half of the top cap, the right side, the
/// bottom half of the bottom cap, the left side.
fn cylinder_points(rect: &Rect) -> Vec<Point> {
    let ry = cap_radius(rect);
    let rx = rect.w() / 2.0;
    let top = pt(rect.center().x, rect.min.y + ry);
    let bottom = pt(rect.center().x, rect.max.y - ry);
    let steps = CAP_STEPS as usize + 1;
    let units = cap_units();
    let mut points = Vec::with_capacity(2 * steps);
    for (cap, center) in [top, bottom].into_iter().enumerate() {
        for &unit in &units[cap * steps..(cap + 1) * steps] {
            points.push(center + pt(unit.x * rx, unit.y * ry));
        }
    }
    points
}

/// A shield: the top corners, then the right curve down to the point and
/// the mirrored left curve back up.
fn shield_points(rect: &Rect) -> Vec<Point> {
    let [p0, p1, p2] = shield_curve(rect);
    let right: Vec<Point> = (0..=SHIELD_STEPS)
        .map(|i| {
            let t = f64::from(i) / f64::from(SHIELD_STEPS);
            let u = 1.0 - t;
            p0 * (u * u) + p1 * (2.0 * u * t) + p2 * (t * t)
        })
        .collect();
    let mirror = |q: Point| pt(rect.min.x + rect.max.x - q.x, q.y);
    let mut points = Vec::with_capacity(2 * SHIELD_STEPS as usize + 3);
    points.push(rect.min);
    points.push(pt(rect.max.x, rect.min.y));
    points.extend(right.iter().copied());
    points.extend(right.iter().rev().skip(1).map(|&q| mirror(q)));
    points
}
