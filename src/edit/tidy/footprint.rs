//! The room a service takes on the map and the gaps the layout keeps: one
//! place, so that when boxes grow (names on several lines) the layout follows.

use crate::geometry::{NODE_HEIGHT, NODE_WIDTH};
use crate::model::Service;

/// How far a team's zone reaches beyond the boxes of its services, on every
/// side: clusters are laid out with this much room so zones stay apart.
pub const ZONE_PADDING: f64 = 24.0;

/// The width and height of a service's box, as the canvas and the SVG export
/// draw it.
pub fn box_size(_service: &Service) -> (f64, f64) {
    (NODE_WIDTH, NODE_HEIGHT)
}

/// Gaps between the things one level of the layout places.
#[derive(Debug, Clone, Copy)]
pub(super) struct Spacing {
    /// Between the right edge of one column and the left edge of the next:
    /// room for links to turn and for their labels.
    pub column_gap: f64,
    /// Between two boxes one above the other in a column. At least 40 so that
    /// boxes which grow to three lines of name still clear each other.
    pub box_gap: f64,
    /// Between unconnected parts, and between the pieces of a wrapped part.
    pub part_gap: f64,
    /// Parts with fewer nodes are never cut into pieces: reading every flow
    /// left to right matters more than the shape while the part is small,
    /// and cutting a layered drawing across its columns breaks that.
    pub min_cut_nodes: usize,
}

/// Services within a team.
pub(super) const SERVICES: Spacing = Spacing {
    column_gap: 90.0,
    box_gap: 40.0,
    part_gap: 60.0,
    min_cut_nodes: 40,
};

/// Team clusters (and services of no team) on the map: wider, since links
/// between teams are the ones worth reading.
pub(super) const CLUSTERS: Spacing = Spacing {
    column_gap: 110.0,
    box_gap: 40.0,
    part_gap: 80.0,
    // A cluster is a whole team: a dozen teams in a row are already a
    // sliver (a generated 150-service organisation came out 12.5 : 1),
    // while cutting the few teams of a small map tangles its flows.
    min_cut_nodes: 12,
};

/// The height a placeholder for a long edge takes in a column, so edges
/// passing a column get a lane of their own.
pub(super) const PLACEHOLDER_HEIGHT: f64 = 10.0;
