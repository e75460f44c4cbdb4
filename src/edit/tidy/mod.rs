//! Arrange ▸ Tidy and `vsmap arrange`: a layered layout in which flows read
//! left to right, a team's services sit together in a cluster, and services
//! placed by hand keep their place.
//!
//! The layout is two-level because team zones (the tinted box around a
//! team's services) must not overlap: each team is laid out on its own, as a
//! cluster, and then the clusters are laid out as boxes. Both levels run the
//! same layered pipeline ([`layered`](self)), one file per stage:
//! - `graph`: the weighted graph of a map (stream steps, then sync calls,
//!   then events and data) and the graph type every stage shares;
//! - `footprint`: the size of a service's box and the gaps kept around it;
//! - `cycles`: edges turned so the graph has no cycle (greedy feedback arc set);
//! - `layers`: a column per node, long edges split by placeholders;
//! - `order`: the order within each column (barycenter sweeps, transposition);
//! - `coordinates`: positions that keep chains straight and boxes apart;
//! - `packing`: unconnected parts side by side, and too long or too tall
//!   parts wrapped, so the picture is not a sliver;
//! - `layered`: those stages run on one graph;
//! - `teams`: the two levels, services within teams and teams on the map;
//! - `placement`: what is pinned and where new services go, the public entry.
//!
//! Only positions are computed; the caller turns them into edits, so a tidy
//! is one undoable step. Everything is deterministic: lists in index order,
//! ties broken by index, no hash map iterated.

mod coordinates;
mod cycles;
mod footprint;
mod graph;
mod layered;
mod layers;
mod occupancy;
mod order;
mod packing;
mod placement;
mod teams;

#[cfg(test)]
mod proptests;
#[cfg(test)]
mod tests;

pub use footprint::{ZONE_PADDING, box_size};
pub use placement::{Scope, free_offset, free_spot, tidy, tidy_map};
