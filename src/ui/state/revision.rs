//! Revisions: the one counter that tells views their input changed.
//!
//! Views cache what they drew (the canvas graph, the outline and findings
//! rows) and rebuild only when the revision of what they show differs from
//! the one they built. Every revision comes from one process-wide counter, so
//! two documents never share one: opening a file in place of an unedited map,
//! or switching the canvas from the open map to the compare overlay, always
//! shows as a change.

use std::sync::atomic::{AtomicU64, Ordering};

/// A point in the life of something views show. Never reused in a process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Revision(u64);

impl Revision {
    /// A revision nothing has had before.
    pub fn next() -> Revision {
        static NEXT: AtomicU64 = AtomicU64::new(1);
        Revision(NEXT.fetch_add(1, Ordering::Relaxed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_revision_is_new() {
        let a = Revision::next();
        let b = Revision::next();
        assert_ne!(a, b);
        assert!(b > a);
    }
}
