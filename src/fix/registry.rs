//! Which rule offers which fixes: the one place a rule id meets its cures.

use jiff::civil::Date;

use super::fix::Fix;
use super::rules::{
    anti_corruption_layer, delete_orphan, describe_stream, event_instead_of_read,
    events_instead_of_calls, ingress_per_team, one_team_one_stream, owner_candidates,
    platform_enabler, review_date, split_per_stream, split_team,
};
use crate::analysis::Finding;
use crate::model::Map;

/// The rules that offer fixes, in the README's order.
const RULES_WITH_FIXES: &[&str] = &[
    "unowned-service",
    "unowned-stream",
    "two-pizza",
    "one-hop",
    "shared-service",
    "tangled-stream",
    "data-silo",
    "gateway-bottleneck",
    "sync-coupling",
    "missing-acl",
    "sync-cycle",
    "blast-radius",
    "team-overload",
    "undescribed-stream",
    "orphan-service",
    "stale-map",
];

/// Whether findings of `rule` can have fixes.
pub fn has_fix(rule: &str) -> bool {
    RULES_WITH_FIXES.contains(&rule)
}

/// Whether fixes of `rule` change the map (a drafted proposal can apply
/// them): those that only open a field for typing do not.
pub fn writes_edits(rule: &str) -> bool {
    has_fix(rule) && rule != "undescribed-stream"
}

/// Whether every fix of `rule` deletes what the user wrote (a drafted
/// proposal applies those only when asked for, so it need not make them).
pub(super) fn only_deletes(rule: &str) -> bool {
    rule == "orphan-service"
}

/// The fixes for `finding` of `map`, best first; empty when none applies
/// (the finding's rule has no fix, or the map no longer has what it names).
/// `today` is the day a review fix records.
pub fn fixes_for(map: &Map, finding: &Finding, today: Date) -> Vec<Fix> {
    let subjects = finding.subjects.as_slice();
    match finding.rule {
        "unowned-service" => owner_candidates::service(map, subjects),
        "unowned-stream" => owner_candidates::stream(map, subjects),
        "two-pizza" => one_team_one_stream::fixes(map, subjects),
        "one-hop" => events_instead_of_calls::one_hop(map, subjects),
        "shared-service" => platform_enabler::fixes(map, subjects),
        "tangled-stream" => split_per_stream::fixes(map, subjects),
        "gateway-bottleneck" => ingress_per_team::fixes(map, subjects),
        "team-overload" => split_team::fixes(map, subjects),
        "data-silo" => event_instead_of_read::fixes(map, subjects),
        "sync-coupling" => events_instead_of_calls::sync_coupling(map, subjects),
        "missing-acl" => anti_corruption_layer::fixes(map, subjects),
        "sync-cycle" => events_instead_of_calls::sync_cycle(map, subjects),
        "blast-radius" => events_instead_of_calls::blast_radius(map, subjects),
        "undescribed-stream" => describe_stream::fixes(map, subjects),
        "orphan-service" => delete_orphan::fixes(map, subjects),
        "stale-map" => review_date::fixes(today),
        _ => Vec::new(),
    }
}
