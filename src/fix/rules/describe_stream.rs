//! `undescribed-stream`: a stream's customer and description say what it
//! delivers to whom; only the architect knows, so the fix opens the missing
//! field for typing rather than writing a placeholder.

use crate::fix::fix::{Fix, FixField};
use crate::fix::naming::stream_name;
use crate::model::{Id, Map};

/// The fix for an `undescribed-stream` finding on `stream`.
pub(crate) fn fixes(map: &Map, subjects: &[Id]) -> Vec<Fix> {
    let [stream] = subjects else {
        return Vec::new();
    };
    let Some(k) = map.stream(stream.as_str()) else {
        return Vec::new();
    };
    let name = stream_name(map, stream);
    let (title, field) = if k.customer.trim().is_empty() {
        (
            format!("Type who {name} serves"),
            FixField::StreamCustomer(stream.clone()),
        )
    } else {
        (
            format!("Type what {name} delivers"),
            FixField::StreamDescription(stream.clone()),
        )
    };
    vec![Fix {
        field: Some(field),
        ..Fix::edits("undescribed-stream", subjects, title, Vec::new())
    }]
}
