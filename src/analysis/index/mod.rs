//! The index the rules read: the map's lists turned into typed indices and
//! flat lookups, built once per analysis. Only declares the parts and
//! re-exports them; each lives in its own file.

mod adjacency;
mod id_lookup;
mod indexed_link;
mod ix;
mod map_index;
mod sync_groups;

pub use adjacency::Adjacency;
pub use indexed_link::IndexedLink;
pub use ix::{LinkIx, ServiceIx, StreamIx, SyncGroupIx, Table, TeamIx, TeamRank, TypedIndex};
pub use map_index::MapIndex;
