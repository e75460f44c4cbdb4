//! The registry: every rule, in the README's order, and rules by id.

use crate::analysis::allow::UNUSED_ALLOW;
use crate::analysis::rule::Rule;

use super::{
    blast_radius, chatty_platform, data_silo, gateway_bottleneck, low_flow_efficiency, missing_acl,
    one_hop, orphan_service, shared_service, slow_handoff, stale_map, sync_coupling, sync_cycle,
    tangled_stream, team_overload, two_pizza, undescribed_stream, unowned_service, unowned_stream,
};

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
    &slow_handoff::RULE,
    &low_flow_efficiency::RULE,
    &team_overload::RULE,
    &undescribed_stream::RULE,
    &orphan_service::RULE,
    &stale_map::RULE,
];

/// The rule with this id, including `unused-allow`.
pub fn rule(id: &str) -> Option<&'static Rule> {
    ALL.iter()
        .copied()
        .find(|r| r.id == id)
        .or((id == UNUSED_ALLOW.id).then_some(&UNUSED_ALLOW))
}

/// Whether `id` names a rule that `allow` entries may refer to.
pub fn is_rule_id(id: &str) -> bool {
    ALL.iter().any(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_kebab_case_and_documented() {
        let mut ids: Vec<&str> = ALL.iter().map(|r| r.id).collect();
        ids.push(UNUSED_ALLOW.id);
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
