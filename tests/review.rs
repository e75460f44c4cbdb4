//! Running a review (issue 19): the compare view describes the map it
//! shows, and what a review adds to the map says itself plainly (allow
//! reasons, new stream colours), checked as a user sees them.
#![cfg(feature = "gui")]

use egui_kittest::kittest::Queryable;
use vsmap::analysis::{Severity, count_by_severity};

mod common;
use common::editor::comparing_the_examples;

#[test]
fn in_before_the_findings_status_and_inspector_describe_the_map_before() {
    let mut h = comparing_the_examples();
    let (before, after) = {
        let state = h.state().state();
        let compare = state.compare.as_ref().expect("comparing");
        (
            count_by_severity(compare.before.findings()),
            count_by_severity(state.doc.findings()),
        )
    };
    let errors = |c: [usize; 3]| format!("{} error", c[Severity::Error as usize]);
    assert_ne!(
        errors(before),
        errors(after),
        "the examples differ in errors"
    );
    assert!(h.query_by_label(&errors(after)).is_some());

    h.get_by_label("Before").click();
    h.run();
    assert!(
        h.query_by_label(&errors(before)).is_some(),
        "the status bar counts the map shown"
    );
    assert!(h.query_by_label(&errors(after)).is_none());
    // A finding only the map before has is listed; none can be allowed
    // from here, as the map before is read-only.
    let only_before = {
        let state = h.state().state();
        let compare = state.compare.as_ref().unwrap();
        compare
            .before
            .findings()
            .iter()
            .find(|f| !state.doc.findings().iter().any(|g| g.message == f.message))
            .expect("a finding the proposal resolves")
            .message
            .clone()
    };
    assert!(h.query_by_label(&only_before).is_some(), "{only_before}");
    assert_eq!(h.query_all_by_label("Allow…").count(), 0);
    assert!(
        h.query_all_by_label_contains("read-only").count() >= 2,
        "the inspector and the status bar say so"
    );

    h.get_by_label("After").click();
    h.run();
    assert!(h.query_by_label(&errors(after)).is_some());
    assert!(h.query_by_label(&only_before).is_none());
    assert!(h.query_all_by_label("Allow…").count() > 0);
}

#[test]
fn the_changes_panel_groups_changes_for_a_review_and_says_them_in_names() {
    let mut h = comparing_the_examples();
    let top = |h: &egui_kittest::Harness<'_, vsmap::ui::app::VsmapApp>, label: &str| {
        h.get_by_label_contains(label).rect().top()
    };
    let order = [
        "Ownership (",
        "Services (",
        "Links (",
        "Streams (",
        "Text edits (",
    ];
    let tops: Vec<f32> = order.iter().map(|g| top(&h, g)).collect();
    assert!(
        tops.windows(2).all(|w| w[0] < w[1]),
        "groups in review order: {tops:?}"
    );
    // A removed link is named by its ends' names.
    assert!(
        h.query_by_label("Removed data link Card Ordering Service → Customer DB")
            .is_some()
    );
    // Text edits are folded until asked for.
    assert_eq!(h.query_all_by_label_contains("Description of").count(), 0);
    h.get_by_label_contains("Text edits (").scroll_to_me();
    h.run();
    h.get_by_label_contains("Text edits (").click();
    h.run();
    assert!(h.query_all_by_label_contains("Description of").count() > 0);
}
