//! A link as the index holds it: its two ends as typed service indices.

use crate::model::LinkKind;

use super::ix::ServiceIx;

/// A link of the map whose ends both resolved to services.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct IndexedLink {
    /// The service the link leaves (the caller, the reader, the publisher).
    pub from: ServiceIx,
    /// The service the link arrives at.
    pub to: ServiceIx,
    /// How the two are coupled.
    pub kind: LinkKind,
}
