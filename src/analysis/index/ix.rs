//! Typed indices into the map's lists, and the tables that only the right
//! one can read.
//!
//! The index refers to services, teams, streams, links and call groups by
//! their place in a list. Each kind has its own index type, so that reading
//! a table of services with a team is a compile error rather than a wrong
//! finding. The indices are 32-bit: analysis of an organisation is bound by
//! memory reads rather than by work, and narrower indices make the index
//! smaller.

use std::marker::PhantomData;

/// What every typed index can do: be made from a place in its list and be
/// turned back into one. Tables and adjacency lists are generic over it.
pub trait TypedIndex: Copy + Ord {
    /// The index of the element at `i` in its list.
    fn new(i: usize) -> Self;
    /// The element's place in its list.
    fn index(self) -> usize;
}

/// `i` as a stored index. Loaded maps are bounded far below 2^32 elements
/// (`model::limits`); saturating keeps this total for maps that were not.
#[inline]
pub(super) fn narrow(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// Defines a typed index: a `u32` newtype with `new`/`index` and
/// [`TypedIndex`].
macro_rules! typed_index {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[repr(transparent)]
        pub struct $name(u32);

        impl $name {
            /// The index of the element at `i` in its list.
            #[inline]
            pub fn new(i: usize) -> Self {
                $name(narrow(i))
            }

            /// The element's place in its list.
            #[inline]
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }

        impl TypedIndex for $name {
            #[inline]
            fn new(i: usize) -> Self {
                $name(narrow(i))
            }

            #[inline]
            fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

typed_index! {
    /// A service: its place in [`Map::services`](crate::model::Map::services).
    ServiceIx
}
typed_index! {
    /// A team: its place in [`Map::teams`](crate::model::Map::teams).
    TeamIx
}
typed_index! {
    /// A stream: its place in [`Map::streams`](crate::model::Map::streams).
    StreamIx
}
typed_index! {
    /// A link that the index resolved: its place in
    /// [`MapIndex::links`](super::MapIndex::links), which leaves out links
    /// whose ends are not on the map.
    LinkIx
}
typed_index! {
    /// A group of services that call each other synchronously: its place in
    /// [`MapIndex::sync_groups`](super::MapIndex::sync_groups).
    SyncGroupIx
}
typed_index! {
    /// A team's place when teams are sorted by name (then id): its place in
    /// [`MapIndex::team_by_rank`](super::MapIndex::team_by_rank).
    TeamRank
}

/// The elements of `items`, each with its typed index.
pub fn enumerate<I: TypedIndex, T>(items: &[T]) -> impl Iterator<Item = (I, &T)> {
    items.iter().enumerate().map(|(i, item)| (I::new(i), item))
}

/// One entry per element of one of the map's lists, read only with that
/// list's index type `I`.
///
/// Deliberately not a `Deref` to a slice: a slice would take a plain `usize`
/// and lose the type check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table<I, T> {
    entries: Vec<T>,
    index: PhantomData<fn(I)>,
}

impl<I: TypedIndex, T> Table<I, T> {
    /// A table of `len` copies of `value`.
    pub fn filled(len: usize, value: T) -> Self
    where
        T: Clone,
    {
        Table::from(vec![value; len])
    }

    /// How many entries.
    #[inline]
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries, in index order.
    #[inline]
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.entries.iter()
    }

    /// The entries, each with its index.
    pub fn iter_enumerated(&self) -> impl Iterator<Item = (I, &T)> {
        enumerate(&self.entries)
    }
}

impl<I, T> From<Vec<T>> for Table<I, T> {
    fn from(entries: Vec<T>) -> Self {
        Table {
            entries,
            index: PhantomData,
        }
    }
}

impl<I: TypedIndex, T> std::ops::Index<I> for Table<I, T> {
    type Output = T;

    #[inline]
    fn index(&self, i: I) -> &T {
        &self.entries[i.index()]
    }
}

impl<I: TypedIndex, T> std::ops::IndexMut<I> for Table<I, T> {
    #[inline]
    fn index_mut(&mut self, i: I) -> &mut T {
        &mut self.entries[i.index()]
    }
}

impl<'a, I, T> IntoIterator for &'a Table<I, T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter()
    }
}

impl<I, T> FromIterator<T> for Table<I, T> {
    fn from_iter<It: IntoIterator<Item = T>>(iter: It) -> Self {
        Table::from(iter.into_iter().collect::<Vec<T>>())
    }
}
