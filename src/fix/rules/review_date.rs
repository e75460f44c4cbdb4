//! `stale-map`: record today as the day of the last review, once the map
//! has been reviewed.

use jiff::civil::Date;

use crate::edit::{Edit, MapField};
use crate::fix::fix::Fix;

/// The fix for a `stale-map` finding.
pub(crate) fn fixes(today: Date) -> Vec<Fix> {
    vec![Fix::edits(
        "stale-map",
        &[],
        format!("Mark the map reviewed today ({today})"),
        vec![Edit::SetMap(MapField::Reviewed(Some(today)))],
    )]
}
