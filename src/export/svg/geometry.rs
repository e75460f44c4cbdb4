//! Points, rectangles and the outline of each service kind, as on the canvas.

use super::*;

/// A point or a vector.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct P {
    pub(super) x: f64,
    pub(super) y: f64,
}

pub(super) const fn p(x: f64, y: f64) -> P {
    P { x, y }
}

impl Add for P {
    type Output = P;
    fn add(self, o: P) -> P {
        p(self.x + o.x, self.y + o.y)
    }
}

impl Sub for P {
    type Output = P;
    fn sub(self, o: P) -> P {
        p(self.x - o.x, self.y - o.y)
    }
}

impl Mul<f64> for P {
    type Output = P;
    fn mul(self, k: f64) -> P {
        p(self.x * k, self.y * k)
    }
}

impl P {
    pub(super) fn len(self) -> f64 {
        self.x.hypot(self.y)
    }

    /// The unit vector in this direction, or zero.
    pub(super) fn norm(self) -> P {
        let len = self.len();
        if len > 1e-9 && len.is_finite() {
            self * (1.0 / len)
        } else {
            p(0.0, 0.0)
        }
    }

    /// Turned a quarter to the left on screen, as the canvas offsets lines.
    pub(super) fn perp(self) -> P {
        p(-self.y, self.x)
    }
}

pub(super) fn cross(a: P, b: P) -> f64 {
    a.x * b.y - a.y * b.x
}

/// An axis-aligned rectangle (or, empty, the start of a bounding box).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct R {
    pub(super) min: P,
    pub(super) max: P,
}

impl R {
    pub(super) const NOTHING: R = R {
        min: p(f64::INFINITY, f64::INFINITY),
        max: p(f64::NEG_INFINITY, f64::NEG_INFINITY),
    };

    pub(super) fn around(center: P, w: f64, h: f64) -> R {
        R {
            min: p(center.x - w / 2.0, center.y - h / 2.0),
            max: p(center.x + w / 2.0, center.y + h / 2.0),
        }
    }

    pub(super) fn from_min_size(min: P, w: f64, h: f64) -> R {
        R {
            min,
            max: p(min.x + w, min.y + h),
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        !(self.min.x <= self.max.x && self.min.y <= self.max.y)
    }

    pub(super) fn w(&self) -> f64 {
        self.max.x - self.min.x
    }

    pub(super) fn h(&self) -> f64 {
        self.max.y - self.min.y
    }

    pub(super) fn center(&self) -> P {
        p(
            (self.min.x + self.max.x) / 2.0,
            (self.min.y + self.max.y) / 2.0,
        )
    }

    pub(super) fn shrink(&self, d: f64) -> R {
        self.shrink2(d, d)
    }

    pub(super) fn shrink2(&self, dx: f64, dy: f64) -> R {
        R {
            min: p(self.min.x + dx, self.min.y + dy),
            max: p(self.max.x - dx, self.max.y - dy),
        }
    }

    pub(super) fn include(&mut self, q: P) {
        self.min = p(self.min.x.min(q.x), self.min.y.min(q.y));
        self.max = p(self.max.x.max(q.x), self.max.y.max(q.y));
    }

    pub(super) fn include_rect(&mut self, r: &R) {
        if !r.is_empty() {
            self.include(r.min);
            self.include(r.max);
        }
    }
}

/// Corner radius of the rectangular kinds (the canvas rounds it to whole points).
pub(super) fn corner_radius(kind: ServiceKind, r: &R) -> f64 {
    let factor = if kind == ServiceKind::Legacy {
        0.04
    } else {
        0.1
    };
    (r.h() * factor).round()
}

/// How far the hexagon's top and bottom edges are set in from the sides.
pub(super) fn hexagon_inset(r: &R) -> f64 {
    (r.h() / (2.0 * 3f64.sqrt())).min(r.w() / 2.0)
}

pub(super) fn hexagon(r: &R) -> Vec<P> {
    let inset = hexagon_inset(r);
    let cy = r.center().y;
    vec![
        p(r.min.x, cy),
        p(r.min.x + inset, r.min.y),
        p(r.max.x - inset, r.min.y),
        p(r.max.x, cy),
        p(r.max.x - inset, r.max.y),
        p(r.min.x + inset, r.max.y),
    ]
}

/// Vertical radius of the cylinder's caps.
pub(super) fn cap_radius(r: &R) -> f64 {
    (r.h() * 0.14).clamp(0.0, r.h() / 2.0)
}

pub(super) fn rounded_rect_points(r: &R, radius: f64) -> Vec<P> {
    use std::f64::consts::{FRAC_PI_2, PI};
    let radius = radius.min(r.w() / 2.0).min(r.h() / 2.0).max(0.0);
    if radius < 0.5 {
        return vec![r.min, p(r.max.x, r.min.y), r.max, p(r.min.x, r.max.y)];
    }
    let corners = [
        (p(r.min.x + radius, r.min.y + radius), PI),
        (p(r.max.x - radius, r.min.y + radius), PI + FRAC_PI_2),
        (p(r.max.x - radius, r.max.y - radius), 0.0),
        (p(r.min.x + radius, r.max.y - radius), FRAC_PI_2),
    ];
    let mut points = Vec::with_capacity(28);
    for (c, start) in corners {
        for i in 0..=6 {
            let a = start + FRAC_PI_2 * f64::from(i) / 6.0;
            points.push(c + p(a.cos(), a.sin()) * radius);
        }
    }
    points
}

pub(super) fn cylinder(r: &R) -> Vec<P> {
    use std::f64::consts::PI;
    let ry = cap_radius(r);
    let rx = r.w() / 2.0;
    let top = p(r.center().x, r.min.y + ry);
    let bottom = p(r.center().x, r.max.y - ry);
    let mut points = Vec::with_capacity(34);
    for (c, start) in [(top, PI), (bottom, 0.0)] {
        for i in 0..=16 {
            let a = start + PI * f64::from(i) / 16.0;
            points.push(c + p(a.cos() * rx, a.sin() * ry));
        }
    }
    points
}

/// The shield's right-hand curve: shoulder, control point, bottom point.
pub(super) fn shield_curve(r: &R) -> [P; 3] {
    let shoulder = r.min.y + r.h() * 0.4;
    [
        p(r.max.x, shoulder),
        p(r.max.x, shoulder + (r.max.y - shoulder) * 0.3),
        p(r.center().x, r.max.y),
    ]
}

pub(super) fn shield(r: &R) -> Vec<P> {
    let [p0, p1, p2] = shield_curve(r);
    let right: Vec<P> = (0..=12)
        .map(|i| {
            let t = f64::from(i) / 12.0;
            let u = 1.0 - t;
            p0 * (u * u) + p1 * (2.0 * u * t) + p2 * (t * t)
        })
        .collect();
    let mirror = |q: P| p(r.min.x + r.max.x - q.x, q.y);
    let mut points = vec![r.min, p(r.max.x, r.min.y)];
    points.extend(right.iter().copied());
    points.extend(right.iter().rev().skip(1).map(|&q| mirror(q)));
    points
}

/// The convex outline of a kind filling `r` (as the canvas' hit testing).
pub(super) fn outline(kind: ServiceKind, r: &R) -> Vec<P> {
    match kind {
        ServiceKind::Gateway => hexagon(r),
        ServiceKind::Datastore => cylinder(r),
        ServiceKind::Acl => shield(r),
        _ => rounded_rect_points(r, corner_radius(kind, r)),
    }
}

/// Where a ray from the centre of `r` in direction `dir` leaves the outline.
pub(super) fn boundary_point(kind: ServiceKind, r: &R, dir: P) -> P {
    let center = r.center();
    if dir.len() <= 1e-9 {
        return center;
    }
    let points = outline(kind, r);
    let mut best: Option<f64> = None;
    for (i, &a) in points.iter().enumerate() {
        let b = points[(i + 1) % points.len()];
        let edge = b - a;
        let denom = cross(dir, edge);
        if denom.abs() <= 1e-12 {
            continue;
        }
        let to_a = a - center;
        let t = cross(to_a, edge) / denom;
        let s = cross(to_a, dir) / denom;
        if t >= 0.0 && (-1e-6..=1.0 + 1e-6).contains(&s) {
            best = Some(best.map_or(t, |old| old.max(t)));
        }
    }
    best.map_or(center, |t| center + dir * t)
}
