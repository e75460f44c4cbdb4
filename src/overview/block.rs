//! A team's block and an arrow between two blocks: the overview's parts,
//! in the coordinates of the picture they are drawn in.

use crate::geometry::{Point, Rect};

/// The width of an arrow that carries `weight` links and handoffs, in the
/// picture's units: one for one, growing with the logarithm, at most six.
pub fn arrow_width(weight: usize) -> f64 {
    (1.0 + (weight.max(1) as f64).log2()).clamp(1.0, 6.0)
}

/// One node of the [`crate::analysis::TeamGraph`] as a block.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamBlock {
    /// The node, by position in [`crate::analysis::TeamGraph::nodes`].
    pub node: usize,
    /// Where the block is drawn.
    pub rect: Rect,
}

/// One edge of the [`crate::analysis::TeamGraph`] as an arrow from block border to block border.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamArrow {
    /// The edge, by position in [`crate::analysis::TeamGraph::edges`].
    pub edge: usize,
    /// The polyline, from the source block's border to the target's.
    pub points: Vec<Point>,
    /// Whether an arrow runs the other way between the same two teams (a
    /// drawing sets the two apart).
    pub both_ways: bool,
}
