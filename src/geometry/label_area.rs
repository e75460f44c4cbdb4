//! Where a node's name goes inside the body of each kind: the area its
//! line(s) are centred in and may not be wider than.

use super::outline::{cap_radius, hexagon_inset};
use super::point::pt;
use super::rect::Rect;
use super::screen::screen_parts;
use crate::model::ServiceKind;

/// Where the label goes in a body.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelArea {
    /// The label is centred here and no wider than this.
    pub area: Rect,
    /// The body's pattern runs under the label (legacy's hatching), so the
    /// label needs a plain backing to stay legible.
    pub backing: bool,
}

/// The label area of a node of `kind` whose box is `rect`, drawn at `scale`
/// (the zoom; padding grows with it) with an outline `stroke_width` wide.
pub fn label_area(kind: ServiceKind, rect: &Rect, stroke_width: f64, scale: f64) -> LabelArea {
    let pad = 6.0 * scale;
    let plain = rect.shrink2(pad, 0.0);
    let area = match kind {
        ServiceKind::Service | ServiceKind::Legacy | ServiceKind::External => plain,
        ServiceKind::Frontend => {
            let parts = screen_parts(rect);
            let top = parts.bar.max.y;
            Rect::from_min_max(
                pt(parts.screen.min.x + pad, top),
                pt(parts.screen.max.x - pad, parts.screen.max.y),
            )
        }
        // Clear of the slanted edges at mid-height.
        ServiceKind::Gateway => rect.shrink2(hexagon_inset(rect) * 0.6 + pad * 0.5, 0.0),
        ServiceKind::Datastore => {
            // Below the top cap's ellipse, above the bottom cap's curve.
            let inner = rect.shrink(stroke_width / 2.0);
            let ry = cap_radius(&inner);
            let top = inner.min.y + 2.0 * ry;
            let bottom = (inner.max.y - ry * 0.5).max(top);
            Rect::from_min_max(pt(rect.min.x + pad, top), pt(rect.max.x - pad, bottom))
        }
        ServiceKind::Acl => {
            // Inside the emblem, above where the sides curve in.
            let side = pad + 4.0 * scale;
            Rect::from_min_max(
                pt(rect.min.x + side, rect.min.y),
                pt(rect.max.x - side, rect.min.y + rect.h() * 0.72),
            )
        }
    };
    LabelArea {
        area,
        backing: kind == ServiceKind::Legacy,
    }
}
