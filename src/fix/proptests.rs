//! Property tests over generated organisations of random size and seed:
//! every fix offered applies, keeps the map valid and resolves the finding
//! it was offered for; a drafted proposal is valid and has no more errors
//! than the map it was drafted from.

use proptest::prelude::*;

use super::{DraftOptions, draft_proposal, fixes_for};
use crate::analysis::testing::test_today;
use crate::analysis::{Severity, analyze_on, count_by_severity, is_rule_id};
use crate::edit::apply_all;
use crate::generate::{GenerateOptions, generate};
use crate::model::validate;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn every_offered_fix_applies_keeps_the_map_valid_and_resolves_its_finding(
        services in 8..90_usize,
        teams in 2..12_usize,
        streams in 1..9_usize,
        seed in 0..10_000_u64,
    ) {
        let map = generate(&GenerateOptions {
            services,
            teams: Some(teams),
            streams: Some(streams),
            seed,
        });
        let findings = analyze_on(&map, test_today());
        for finding in findings.iter().filter(|f| !f.allowed) {
            for fix in fixes_for(&map, finding, test_today()) {
                if !fix.changes_map() {
                    continue;
                }
                let mut after = map.clone();
                let applied = apply_all(&mut after, fix.edits.clone());
                prop_assert!(applied.is_ok(), "{}: {:?}", fix.title, applied);
                let problems = validate(&after, is_rule_id);
                prop_assert!(problems.is_empty(), "{}: {:?}", fix.title, problems);
                let still = analyze_on(&after, test_today())
                    .iter()
                    .any(|f| f.key() == finding.key());
                prop_assert!(!still, "{} did not resolve {} on {:?}", fix.title, finding.rule, finding.subjects);
            }
        }
        let (draft, _) = draft_proposal(&map, &DraftOptions {
            today: test_today(),
            rules: Default::default(),
            findings: Default::default(),
        });
        prop_assert!(validate(&draft, is_rule_id).is_empty());
        let errors = |m| count_by_severity(&analyze_on(m, test_today()))[Severity::Error as usize];
        prop_assert!(errors(&draft) <= errors(&map));
    }
}
