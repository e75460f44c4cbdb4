//! The findings of both maps of a diff, side by side: [`FindingsDiff`]
//! and the views into it ([`FindingList`], [`FindingIter`]).
//!
//! Both maps' findings are shared, not copied, and the lists are positions
//! in them, so that a diff of maps with thousands of findings in common
//! costs no copy of them.

use std::sync::Arc;

use crate::analysis::Finding;

/// The findings of both maps, matched by rule and subjects. Allowed findings
/// are included with their `allowed` flag. Each list keeps the analysis order
/// (severity, rule, subjects).
///
/// Both maps' findings are shared, not copied, and the lists are positions
/// in them: an organisation's maps have thousands of findings, most of them
/// in both maps, and the editor diffs on every edit while comparing.
#[derive(Debug, Clone, Default)]
pub struct FindingsDiff {
    before: Arc<[Finding]>,
    after: Arc<[Finding]>,
    /// Positions in `before` of the findings `after` does not have.
    resolved: Vec<usize>,
    /// Positions in `after` of the findings `before` does not have.
    introduced: Vec<usize>,
    /// Positions in `before` of the findings both have.
    remaining_before: Vec<usize>,
    /// Positions in `after` of the same findings, in the same order.
    remaining_after: Vec<usize>,
}

impl FindingsDiff {
    /// In `before`, not in `after`.
    pub fn resolved(&self) -> FindingList<'_> {
        FindingList::new(&self.before, &self.resolved)
    }

    /// In `after`, not in `before`.
    pub fn introduced(&self) -> FindingList<'_> {
        FindingList::new(&self.after, &self.introduced)
    }

    /// In both, as worded in `after`.
    pub fn remaining(&self) -> FindingList<'_> {
        FindingList::new(&self.after, &self.remaining_after)
    }

    /// In both, as worded in `before`, in the order of [`Self::remaining`].
    pub fn remaining_before(&self) -> FindingList<'_> {
        FindingList::new(&self.before, &self.remaining_before)
    }

    /// No findings matched yet between these two lists.
    pub(super) fn new(before: Arc<[Finding]>, after: Arc<[Finding]>) -> FindingsDiff {
        FindingsDiff {
            before,
            after,
            ..FindingsDiff::default()
        }
    }

    /// Records a finding of `before`, of `after`, or of both (positions).
    pub(super) fn push(&mut self, positions: (Option<usize>, Option<usize>)) {
        match positions {
            (Some(b), None) => self.resolved.push(b),
            (None, Some(a)) => self.introduced.push(a),
            (Some(b), Some(a)) => {
                self.remaining_before.push(b);
                self.remaining_after.push(a);
            }
            (None, None) => {}
        }
    }

    /// The findings from `after` back to `before`.
    pub(super) fn reversed(&self) -> FindingsDiff {
        FindingsDiff {
            before: Arc::clone(&self.after),
            after: Arc::clone(&self.before),
            resolved: self.introduced.clone(),
            introduced: self.resolved.clone(),
            remaining_before: self.remaining_after.clone(),
            remaining_after: self.remaining_before.clone(),
        }
    }
}

/// Two findings diffs are equal when they list the same findings, whatever
/// else the maps' shared finding lists hold.
impl PartialEq for FindingsDiff {
    fn eq(&self, other: &Self) -> bool {
        self.resolved() == other.resolved()
            && self.introduced() == other.introduced()
            && self.remaining() == other.remaining()
            && self.remaining_before() == other.remaining_before()
    }
}

/// Some of a map's findings, in order: a view into [`FindingsDiff`].
#[derive(Clone, Copy)]
pub struct FindingList<'a> {
    findings: &'a [Finding],
    positions: &'a [usize],
}

impl<'a> FindingList<'a> {
    fn new(findings: &'a [Finding], positions: &'a [usize]) -> Self {
        FindingList {
            findings,
            positions,
        }
    }

    /// How many findings.
    pub fn len(&self) -> usize {
        self.positions.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.positions.is_empty()
    }

    /// The findings, in order.
    pub fn iter(&self) -> FindingIter<'a> {
        FindingIter {
            findings: self.findings,
            positions: self.positions.iter(),
        }
    }
}

impl<'a> IntoIterator for FindingList<'a> {
    type Item = &'a Finding;
    type IntoIter = FindingIter<'a>;

    fn into_iter(self) -> FindingIter<'a> {
        self.iter()
    }
}

impl PartialEq for FindingList<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl std::fmt::Debug for FindingList<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl serde::Serialize for FindingList<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

/// The findings of a [`FindingList`], in order.
#[derive(Clone)]
pub struct FindingIter<'a> {
    findings: &'a [Finding],
    positions: std::slice::Iter<'a, usize>,
}

impl<'a> Iterator for FindingIter<'a> {
    type Item = &'a Finding;

    fn next(&mut self) -> Option<&'a Finding> {
        self.positions.next().map(|&p| &self.findings[p])
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.positions.size_hint()
    }
}

impl ExactSizeIterator for FindingIter<'_> {}
