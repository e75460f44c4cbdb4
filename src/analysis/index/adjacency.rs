//! Lists of typed indices, one list per row, stored flat: the shape of every
//! one-to-many lookup in the index (a stream's steps, a service's links).
//!
//! Two flat vectors instead of a vector per row: an organisation's index
//! would otherwise be tens of thousands of small allocations, made and freed
//! on every change.

use std::marker::PhantomData;

use super::ix::{TypedIndex, enumerate};

/// Lists of `T`, one per row `R`. `adjacency[row]` is a slice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Adjacency<R, T> {
    /// Where each row starts in `items`; one more entry than rows.
    starts: Vec<u32>,
    items: Vec<T>,
    rows: PhantomData<fn(R)>,
}

impl<R: TypedIndex, T: TypedIndex> Adjacency<R, T> {
    /// No rows, to be grown with [`Adjacency::push_row`].
    pub fn new() -> Self {
        Adjacency {
            starts: vec![0],
            items: Vec::new(),
            rows: PhantomData,
        }
    }

    /// `rows` lists from (row, item) pairs, each list in the pairs' order.
    pub fn from_pairs(rows: usize, pairs: &[(R, T)]) -> Self {
        let mut starts: Vec<u32> = vec![0; rows + 1];
        for &(row, _) in pairs {
            starts[row.index() + 1] += 1;
        }
        for r in 0..rows {
            starts[r + 1] += starts[r];
        }
        let mut next = starts.clone();
        // Every slot is written below: each pair fills the next free slot of
        // its row, and the rows' sizes were counted from the same pairs.
        let mut items: Vec<T> = vec![T::new(0); pairs.len()];
        for &(row, item) in pairs {
            let slot = &mut next[row.index()];
            items[*slot as usize] = item;
            *slot += 1;
        }
        Adjacency {
            starts,
            items,
            rows: PhantomData,
        }
    }

    /// How many rows.
    #[inline]
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// Whether there are no rows.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many items in all rows together.
    #[inline]
    pub fn item_count(&self) -> usize {
        self.items.len()
    }

    /// The rows, in order.
    pub fn iter(&self) -> impl Iterator<Item = &[T]> + '_ {
        self.starts
            .windows(2)
            .map(|w| &self.items[w[0] as usize..w[1] as usize])
    }

    /// The rows, each with its index.
    pub fn iter_enumerated(&self) -> impl Iterator<Item = (R, &[T])> + '_ {
        enumerate(&self.starts[1..])
            .zip(&self.starts)
            .map(|((row, &end), &start)| (row, &self.items[start as usize..end as usize]))
    }

    /// Adds a row at the end.
    pub fn push_row(&mut self, row: impl IntoIterator<Item = T>) {
        self.items.extend(row);
        self.starts.push(super::ix::narrow(self.items.len()));
    }

    /// Where row `row` lies in [`Adjacency::items`]: its start and its end.
    /// For searches that keep their place in a row between steps.
    #[inline]
    pub(super) fn span(&self, row: R) -> (u32, u32) {
        let r = row.index();
        (self.starts[r], self.starts[r + 1])
    }

    /// Every row's items, laid end to end in row order.
    #[inline]
    pub(super) fn items(&self) -> &[T] {
        &self.items
    }
}

impl<R: TypedIndex, T: TypedIndex> Default for Adjacency<R, T> {
    fn default() -> Self {
        Adjacency::new()
    }
}

impl<R: TypedIndex, T> std::ops::Index<R> for Adjacency<R, T> {
    type Output = [T];

    #[inline]
    fn index(&self, row: R) -> &[T] {
        let r = row.index();
        &self.items[self.starts[r] as usize..self.starts[r + 1] as usize]
    }
}
