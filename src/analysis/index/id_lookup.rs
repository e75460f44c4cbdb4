//! Finding an element of the map by its id, as a typed index.
//!
//! A loaded map's references share their element's id
//! ([`Map::share_ids`](crate::model::Map::share_ids)), so they are found by
//! address, without hashing or comparing text; an id made separately (an
//! edit, a map built by hand) is found by its text, in a table built on
//! first need.

use std::cell::OnceCell;

use rustc_hash::FxHashMap as HashMap;

use crate::model::Id;

use super::ix::TypedIndex;

/// The elements of one of the map's lists, by id.
pub(super) struct IdLookup<'a, I> {
    by_address: HashMap<usize, I>,
    ids: Vec<&'a Id>,
    by_text: OnceCell<HashMap<&'a str, I>>,
}

impl<'a, I: TypedIndex> IdLookup<'a, I> {
    /// The lookup of a list whose elements have `ids`, in list order.
    pub(super) fn new(ids: impl Iterator<Item = &'a Id>) -> IdLookup<'a, I> {
        let ids: Vec<&Id> = ids.collect();
        let by_address = ids
            .iter()
            .enumerate()
            .map(|(i, id)| (id.address(), I::new(i)))
            .collect();
        IdLookup {
            by_address,
            ids,
            by_text: OnceCell::new(),
        }
    }

    /// The element with id `id`, if there is one.
    pub(super) fn get(&self, id: &Id) -> Option<I> {
        if let Some(&i) = self.by_address.get(&id.address()) {
            return Some(i);
        }
        let by_text = self.by_text.get_or_init(|| {
            self.ids
                .iter()
                .enumerate()
                .map(|(i, id)| (id.as_str(), I::new(i)))
                .collect()
        });
        by_text.get(id.as_str()).copied()
    }

    /// [`IdLookup::get`], trying element `near` and the one after it first.
    /// A saved map lists links sorted by their `from`, in the order of the
    /// services, so each link's `from` is the previous one's or the next
    /// service: a comparison instead of a hash lookup.
    pub(super) fn get_near(&self, id: &Id, near: I) -> Option<I> {
        let address = id.address();
        let near = near.index();
        (near..near + 2)
            .find(|&i| self.ids.get(i).is_some_and(|g| g.address() == address))
            .map(I::new)
            .or_else(|| self.get(id))
    }
}
