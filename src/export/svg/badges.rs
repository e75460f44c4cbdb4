//! Marks drawn over a node or a link: the finding-count badge and the "no
//! owner" mark, as on the canvas.

use std::fmt::Write as _;

use super::attrs::n;
use super::text::text_width;
use crate::analysis::Severity;
use crate::geometry::Point;
use crate::palette::{self, hex};
use crate::text::badge_count;

/// The "no owner" mark: a light "?" disc with a dashed rim at `corner`.
pub(super) fn unowned_mark(out: &mut String, corner: Point) {
    let _ = writeln!(
        out,
        r##"<g class="unowned"><circle cx="{x}" cy="{y}" r="7" fill="#f8f8f8" stroke="#464646" stroke-width="1.2" stroke-dasharray="2.5 1.8"/><text x="{x}" y="{ty}" text-anchor="middle" font-size="10.5" font-weight="bold" fill="#282828">?</text></g>"##,
        x = n(corner.x),
        y = n(corner.y),
        ty = n(corner.y + 3.8)
    );
}

/// A count badge: a pill in the severity's colour. A node's badge has its
/// right end just past `at` (the node's top-right corner); a link's is
/// centred on `at`.
pub(super) fn badge(out: &mut String, at: Point, count: usize, severity: Severity, centred: bool) {
    let radius = 8.0;
    let text = badge_count(count);
    let size = 9.6;
    let width = (text_width(&text, size) + radius).max(2.0 * radius);
    let right = if centred {
        at.x + width / 2.0
    } else {
        at.x + radius
    };
    let color = palette::severity_color(severity);
    let _ = writeln!(
        out,
        r##"<g class="badge {}"><rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{}" stroke="#fafafa"/><text x="{}" y="{}" text-anchor="middle" font-size="{}" font-weight="bold" fill="{}">{text}</text></g>"##,
        severity.as_str(),
        n(right - width + 0.5),
        n(at.y - radius + 0.5),
        n(width - 1.0),
        n(2.0 * radius - 1.0),
        n(radius - 0.5),
        hex(color),
        n(right - width / 2.0),
        n(at.y + size * 0.35),
        n(size),
        hex(palette::text_color_on(color))
    );
}
