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

impl IndexedLink {
    /// The end of the link that is not `s`, for a link that `s` is an end
    /// of: what `s` is coupled to through it (`s` itself for a link from
    /// `s` to `s`).
    #[inline]
    pub fn other_end(&self, s: ServiceIx) -> ServiceIx {
        if self.from == s { self.to } else { self.from }
    }
}
