//! Sets of teams as bit sets, for the blast-radius rule: one set per call
//! group, unioned along the call graph.
//!
//! Bits laid end to end in one vector rather than a set per group: the rule
//! builds one per call group and unions many of them, and an organisation
//! has thousands of groups. Members are team ranks (name order), so the
//! first members of a set are the first names alphabetically, without
//! sorting a large set.

use crate::analysis::index::TeamRank;

/// Sets of team ranks, one set per row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct TeamSets {
    /// Words per row: enough bits for every team.
    words: usize,
    bits: Vec<u64>,
}

impl TeamSets {
    /// `rows` empty sets, of ranks below `teams`.
    pub(super) fn new(rows: usize, teams: usize) -> TeamSets {
        let words = teams.div_ceil(64);
        TeamSets {
            words,
            bits: vec![0; rows * words],
        }
    }

    /// Adds team `t` to set `row`.
    pub(super) fn insert(&mut self, row: usize, t: TeamRank) {
        let t = t.index();
        self.bits[row * self.words + t / 64] |= 1 << (t % 64);
    }

    /// Adds every team of set `from` to set `into`.
    pub(super) fn union_into(&mut self, into: usize, from: usize) {
        if into == from {
            return;
        }
        let w = self.words;
        let (low, high) = self.bits.split_at_mut(into.max(from) * w);
        let (into_row, from_row) = if into < from {
            (&mut low[into * w..][..w], &high[..w])
        } else {
            (&mut high[..w], &low[from * w..][..w])
        };
        for (a, b) in into_row.iter_mut().zip(from_row) {
            *a |= b;
        }
    }

    /// Set `row`.
    pub(super) fn row(&self, row: usize) -> TeamSet<'_> {
        TeamSet {
            bits: &self.bits[row * self.words..][..self.words],
            lone: None,
        }
    }
}

/// A set of team ranks: a row of [`TeamSets`], or a single team (or none)
/// held without a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct TeamSet<'a> {
    bits: &'a [u64],
    /// A member not in `bits`.
    lone: Option<TeamRank>,
}

impl<'a> TeamSet<'a> {
    /// The set holding only `team`, or the empty set.
    pub(super) fn lone(team: Option<TeamRank>) -> TeamSet<'a> {
        TeamSet {
            bits: &[],
            lone: team,
        }
    }

    /// How many teams are in the set.
    pub(super) fn len(&self) -> usize {
        let in_bits: usize = self.bits.iter().map(|w| w.count_ones() as usize).sum();
        in_bits + usize::from(self.lone.is_some())
    }

    /// Whether team `t` is in the set.
    pub(super) fn contains(&self, t: TeamRank) -> bool {
        let i = t.index();
        self.lone == Some(t)
            || self
                .bits
                .get(i / 64)
                .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    /// The teams, in ascending rank (name order).
    pub(super) fn iter(&self) -> impl Iterator<Item = TeamRank> + 'a {
        // One step per member, not per bit: sets of a large organisation
        // are sparse words.
        let in_bits = self.bits.iter().enumerate().flat_map(|(w, &word)| {
            let mut bits = word;
            std::iter::from_fn(move || {
                if bits == 0 {
                    return None;
                }
                let b = bits.trailing_zeros() as usize;
                bits &= bits - 1;
                Some(TeamRank::new(w * 64 + b))
            })
        });
        // A set is a row or a lone team, never both, so this keeps the order.
        in_bits.chain(self.lone)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ranks(set: TeamSet<'_>) -> Vec<usize> {
        set.iter().map(TeamRank::index).collect()
    }

    #[test]
    fn team_sets_keep_rows_apart_and_union_in_either_direction() {
        let r = TeamRank::new;
        // 130 teams: three words per row, so bits land in every word.
        let mut sets = TeamSets::new(3, 130);
        sets.insert(0, r(0));
        sets.insert(0, r(129));
        sets.insert(1, r(64));
        sets.insert(2, r(5));
        assert_eq!(ranks(sets.row(0)), [0, 129]);
        assert_eq!(sets.row(1).len(), 1);
        assert!(sets.row(1).contains(r(64)) && !sets.row(1).contains(r(0)));

        sets.union_into(1, 0); // from a lower row
        sets.union_into(1, 2); // from a higher row
        sets.union_into(1, 1); // itself: nothing changes
        assert_eq!(ranks(sets.row(1)), [0, 5, 64, 129]);
        assert_eq!(ranks(sets.row(0)), [0, 129]);
        assert_eq!(ranks(sets.row(2)), [5]);
        assert_eq!(TeamSets::new(1, 0).row(0).len(), 0);
    }
}
