//! One file per rule: what it detects, why it hurts, how to fix it, and its
//! passing and failing examples as tests. [`ALL`] is the registry.

mod blast_radius;
mod chatty_platform;
mod data_silo;
mod gateway_bottleneck;
mod missing_acl;
mod one_hop;
mod orphan_service;
mod shared_service;
mod stale_map;
mod sync_coupling;
mod sync_cycle;
mod tangled_stream;
mod team_overload;
mod two_pizza;
mod undescribed_stream;
mod unowned_service;
mod unowned_stream;

use super::Rule;

/// Every rule, in the order of the README's rule table.
pub static ALL: &[&Rule] = &[
    &unowned_service::RULE,
    &unowned_stream::RULE,
    &two_pizza::RULE,
    &one_hop::RULE,
    &shared_service::RULE,
    &tangled_stream::RULE,
    &gateway_bottleneck::RULE,
    &data_silo::RULE,
    &sync_coupling::RULE,
    &missing_acl::RULE,
    &sync_cycle::RULE,
    &blast_radius::RULE,
    &chatty_platform::RULE,
    &team_overload::RULE,
    &undescribed_stream::RULE,
    &orphan_service::RULE,
    &stale_map::RULE,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_kebab_case_and_documented() {
        let mut ids: Vec<&str> = ALL.iter().map(|r| r.id).collect();
        ids.push(crate::analysis::UNUSED_ALLOW.id);
        let count = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), count, "duplicate rule id");
        for rule in ALL {
            assert!(
                rule.id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{}",
                rule.id
            );
            assert!(
                !rule.title.is_empty() && !rule.title.ends_with('.'),
                "{}",
                rule.id
            );
            assert!(
                rule.explanation.len() > 80,
                "{} needs a real explanation",
                rule.id
            );
            assert!(rule.hint.len() > 30, "{} needs a real hint", rule.id);
        }
    }
}
