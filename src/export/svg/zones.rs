//! The team zones of the picture: each team's services on a tinted,
//! labelled area, behind everything else, as on the canvas. Zones are
//! translucent and drawn largest first, so where a user has dragged services
//! into another team's zone both tints and both captions stay visible.
//!
//! Each zone is a `<g class="zone team-ID">` holding its area and caption,
//! so that a stylesheet can pick out a team.

use std::fmt::Write as _;

use super::attrs::n;
use super::scene::Scene;
use super::style::{ZONE_CORNER, ZONE_LABEL_SIZE, ZONE_TINT};
use super::text::esc;
use crate::export::display_text::one_line;
use crate::geometry::zone_caption;
use crate::palette::{self, hex};

impl Scene<'_> {
    /// The zones, in the scene's drawing order.
    pub(super) fn zones(&self, out: &mut String) {
        let _ = writeln!(
            out,
            r#"<g class="zones" font-size="{}">"#,
            n(ZONE_LABEL_SIZE)
        );
        for zone in &self.zones {
            let team = &self.map.teams[zone.team];
            let color = self.team_colors.owner(Some(&team.id));
            let caption = one_line(&zone_caption(team));
            let r = &zone.rect;
            let _ = writeln!(
                out,
                r#"<g class="zone team-{}"><title>{}</title>"#,
                team.id,
                esc(&caption)
            );
            let _ = writeln!(
                out,
                r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}" fill="{c}" fill-opacity="{}" stroke="{c}" stroke-opacity="0.55"/>"#,
                n(r.min.x),
                n(r.min.y),
                n(r.w()),
                n(r.h()),
                n(ZONE_CORNER),
                n(ZONE_TINT),
                c = hex(color),
            );
            let _ = writeln!(
                out,
                r#"<text x="{}" y="{}" fill="{}">{}</text>"#,
                n(zone.label_at.x),
                n(zone.label_at.y + ZONE_LABEL_SIZE),
                hex(palette::darken(color, 0.55)),
                esc(&caption)
            );
            let _ = writeln!(out, "</g>");
        }
        let _ = writeln!(out, "</g>");
    }
}
