//! The cures, one file each; [`super::registry`] says which rule offers
//! which.

pub(super) mod anti_corruption_layer;
pub(super) mod delete_orphan;
pub(super) mod describe_stream;
pub(super) mod event_instead_of_read;
pub(super) mod events_instead_of_calls;
pub(super) mod ingress_per_team;
pub(super) mod one_team_one_stream;
pub(super) mod owner_candidates;
pub(super) mod platform_enabler;
pub(super) mod review_date;
pub(super) mod split_per_stream;
pub(super) mod split_team;
