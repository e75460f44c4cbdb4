//! The map an export compares with: the interactive page's Before / After /
//! Overlay and the deck's before-and-after pages read the same three things.

use crate::analysis::Finding;
use crate::diff::MapDiff;
use crate::model::Map;

/// The map compared with, its findings, and the diff from it to the map
/// exported.
pub struct Before<'a> {
    /// The map before.
    pub map: &'a Map,
    /// Its findings.
    pub findings: &'a [Finding],
    /// The diff from it to the map exported.
    pub diff: &'a MapDiff,
}
