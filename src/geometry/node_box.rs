//! The box of a service from its name and kind: [`NODE_WIDTH`] wide always,
//! so that the columns of a layout stay regular, and tall enough for the
//! name's lines ([`crate::text::wrap_name`], up to [`MAX_LABEL_LINES`]) to
//! fit in the label area of the kind's body.
//!
//! The canvas (at zoom 1) and the SVG export take a service's rectangle and
//! its lines from here, so both draw the same box with the same breaks.

use super::label_area::label_area;
use super::outline::{NODE_HEIGHT, NODE_WIDTH};
use super::point::{Point, pt};
use super::rect::Rect;
use crate::model::ServiceKind;
use crate::text::{Wrapped, text_width, wrap_name};

/// Font size of a service's name at zoom 1, and in the SVG export.
pub const LABEL_SIZE: f64 = 13.0;
/// Distance between the baselines of a name's lines at zoom 1.
pub const LABEL_LINE: f64 = 15.0;
/// Most lines a name takes; past them it is cut with "…".
pub const MAX_LABEL_LINES: usize = 3;
/// Room kept free above and below a name's lines inside the label area.
const LABEL_MARGIN: f64 = 3.0;
/// Width of the outline the label area is measured against (the SVG's, and
/// the canvas' at zoom 1).
const STROKE_WIDTH: f64 = 1.0;
/// A box grows in steps of this many points until its name fits.
const GROW_STEP: f64 = 2.0;
/// Tallest box: three lines fit in every kind well below it, and no box
/// grows past it (hit tests reject by it before measuring a name).
pub const MAX_HEIGHT: f64 = 3.0 * NODE_HEIGHT;

/// A service's box and the lines of its name.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeBox {
    /// Width: always [`NODE_WIDTH`].
    pub width: f64,
    /// Height: [`NODE_HEIGHT`], or more for a name that needs it.
    pub height: f64,
    /// The name's lines, as [`wrap_name`] breaks it for the label area.
    pub lines: Vec<String>,
    /// Whether the name was cut (the whole name shows on hover).
    pub cut: bool,
}

impl NodeBox {
    /// The box centred on `center`.
    pub fn rect(&self, center: Point) -> Rect {
        Rect::around(center, self.width, self.height)
    }
}

/// Height the lines of a name take in a label area, margins included.
pub fn lines_height(lines: usize) -> f64 {
    LABEL_LINE * lines as f64 + 2.0 * LABEL_MARGIN
}

/// The label area of a `kind` box `height` tall, at zoom 1.
fn area(kind: ServiceKind, height: f64) -> Rect {
    label_area(
        kind,
        &Rect::around(pt(0.0, 0.0), NODE_WIDTH, height),
        STROKE_WIDTH,
        1.0,
    )
    .area
}

/// The box of a service of `kind` named `name`, and the lines of its name.
pub fn node_box(kind: ServiceKind, name: &str) -> NodeBox {
    let mut height = NODE_HEIGHT;
    loop {
        let room = area(kind, height);
        let Wrapped { lines, cut } =
            wrap_name(name, room.w().max(1.0), LABEL_SIZE, MAX_LABEL_LINES);
        if lines_height(lines.len()) <= room.h() || height >= MAX_HEIGHT {
            return NodeBox {
                width: NODE_WIDTH,
                height,
                lines,
                cut,
            };
        }
        height += GROW_STEP;
    }
}

/// The width and height of [`node_box`], without keeping the lines: a name
/// that fits on one line (most do) is measured once.
pub fn node_size(kind: ServiceKind, name: &str) -> (f64, f64) {
    // Two lines fit in every kind's label area at the default height, and a
    // name wider than its label area measured whole cannot be narrower once
    // its spaces are collapsed.
    if text_width(name, LABEL_SIZE) <= area(kind, NODE_HEIGHT).w() {
        return (NODE_WIDTH, NODE_HEIGHT);
    }
    let b = node_box(kind, name);
    (b.width, b.height)
}

/// The rectangle of a service of `kind` named `name` centred on `center`.
pub fn node_rect(kind: ServiceKind, name: &str, center: Point) -> Rect {
    let (w, h) = node_size(kind, name);
    Rect::around(center, w, h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_names_keep_the_default_box() {
        for kind in ServiceKind::ALL {
            let b = node_box(kind, "Accounts DB");
            assert_eq!((b.width, b.height), (NODE_WIDTH, NODE_HEIGHT), "{kind:?}");
            assert_eq!(b.lines, ["Accounts DB"]);
            assert_eq!(node_size(kind, "Accounts DB"), (NODE_WIDTH, NODE_HEIGHT));
        }
    }

    #[test]
    fn two_lines_fit_every_kind_at_the_default_height() {
        for kind in ServiceKind::ALL {
            assert!(lines_height(2) <= area(kind, NODE_HEIGHT).h(), "{kind:?}");
            let b = node_box(kind, "Identity Verification Provider");
            assert_eq!(b.lines.len(), 2, "{kind:?}");
            assert_eq!(b.height, NODE_HEIGHT, "{kind:?}");
        }
    }

    #[test]
    fn three_lines_grow_the_kinds_that_need_room() {
        let name = "Paper Application Archive Of The Retail Bank";
        for kind in ServiceKind::ALL {
            let b = node_box(kind, name);
            assert_eq!(b.lines.len(), 3, "{kind:?}");
            assert!(!b.cut, "{kind:?}");
            assert_eq!(b.width, NODE_WIDTH);
            let room = area(kind, b.height);
            assert!(lines_height(3) <= room.h(), "{kind:?}");
            // The smallest step that fits: one step less does not.
            if b.height > NODE_HEIGHT {
                assert!(
                    lines_height(3) > area(kind, b.height - GROW_STEP).h(),
                    "{kind:?}"
                );
            }
            assert_eq!(node_size(kind, name), (b.width, b.height), "{kind:?}");
        }
        // The plain box has room for three lines; a datastore's caps do not.
        assert_eq!(node_box(ServiceKind::Service, name).height, NODE_HEIGHT);
        assert!(node_box(ServiceKind::Datastore, name).height > NODE_HEIGHT);
    }

    #[test]
    fn lines_fit_the_width_of_the_label_area() {
        for kind in ServiceKind::ALL {
            let b = node_box(kind, &"Long Service Name ".repeat(20));
            assert!(b.cut);
            let w = area(kind, b.height).w();
            assert!(
                b.lines
                    .iter()
                    .all(|l| text_width(l, LABEL_SIZE) <= w + 1e-9)
            );
        }
    }

    #[test]
    fn the_rect_is_centred() {
        let r = node_rect(ServiceKind::Datastore, "x", pt(10.0, 20.0));
        assert_eq!(r.center(), pt(10.0, 20.0));
        assert_eq!((r.w(), r.h()), (NODE_WIDTH, NODE_HEIGHT));
    }
}
