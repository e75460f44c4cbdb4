//! The SVG picture's fixed measures and line styles, in one place so that
//! the scene, its nodes, its badges and its legend agree. The node size and
//! shapes come from [`crate::geometry`], as on the canvas.

use super::attrs::n;
use crate::model::LinkKind;

/// Space around the content, the title and the legend.
pub(super) const MARGIN: f64 = 32.0;
/// Height of the title block above the content.
pub(super) const TITLE_H: f64 = 58.0;
/// Narrowest picture (a one-stream view of two services still gets a legend that reads).
pub(super) const MIN_WIDTH: f64 = 640.0;
/// How far decorations (halo, badges, marks) reach outside a node.
pub(super) const OVERHANG: f64 = 12.0;
/// Font of every text.
pub(crate) const FONT: &str = "Helvetica, Arial, sans-serif";
/// Width of a stream line.
pub(super) const STREAM_WIDTH: f64 = 4.5;
/// Spacing between the parallel lines of streams through the same services.
pub(super) const STREAM_SPACING: f64 = 6.0;
/// Radius of a stream line's rounded corners (as on the canvas).
pub(super) const STREAM_CORNER: f64 = 14.0;
/// Font size of a team zone's caption.
pub(super) const ZONE_LABEL_SIZE: f64 = 12.0;
/// Opacity of a team zone's tint (as on the canvas).
pub(super) const ZONE_TINT: f64 = 0.14;
/// Radius of a team zone's corners (as on the canvas).
pub(super) const ZONE_CORNER: f64 = 12.0;
/// Font size of a stream's name at its start.
pub(super) const STREAM_LABEL_SIZE: f64 = 12.0;
/// Width of a link line.
pub(super) const LINK_WIDTH: f64 = 1.6;
/// Font size of a link's label along its route.
pub(super) const LINK_LABEL_SIZE: f64 = 10.5;
/// Length of a link's arrow head.
pub(super) const ARROW: f64 = 9.0;
/// Halo rings around a node: (stroke width, opacity), widest first. Stacked,
/// they give the canvas' three rings (opacity .55, .3, .14 from inside out).
pub(super) const HALO: [(f64, f64); 3] = [(20.5, 0.14), (14.5, 0.19), (8.5, 0.36)];

/// The stroke attributes of a link kind (with a leading space), the same in
/// the picture and in its legend: sync solid, event dashed, data dotted.
pub(super) fn link_style(kind: LinkKind) -> String {
    match kind {
        LinkKind::Sync => format!(r#" stroke-width="{}""#, n(LINK_WIDTH)),
        LinkKind::Event => format!(
            r#" stroke-width="{}" stroke-dasharray="8 5.6""#,
            n(LINK_WIDTH)
        ),
        LinkKind::Data => {
            r#" stroke-width="3.2" stroke-dasharray="0 6" stroke-linecap="round""#.into()
        }
    }
}
