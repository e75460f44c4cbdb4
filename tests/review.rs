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

/// Presses a key as a user does.
fn key(h: &mut egui_kittest::Harness<'_, vsmap::ui::app::VsmapApp>, key: egui::Key) {
    h.key_press(key);
    h.run();
    // Let a camera move finish.
    for _ in 0..200 {
        if !h.state().canvas().is_animating() {
            break;
        }
        h.step();
    }
    h.run();
}

#[test]
fn before_and_after_of_a_stream_share_one_camera() {
    let mut h = comparing_the_examples();
    key(&mut h, egui::Key::F5);
    let slides = h
        .state()
        .state()
        .presentation
        .as_ref()
        .unwrap()
        .slides
        .clone();
    let before = slides
        .iter()
        .position(|s| {
            matches!(
                s,
                vsmap::ui::state::Slide::Stream(_, vsmap::ui::state::Side::Before)
            )
        })
        .expect("a before slide");
    assert!(matches!(
        slides[before + 1],
        vsmap::ui::state::Slide::Stream(_, vsmap::ui::state::Side::After)
    ));
    for _ in 0..before {
        key(&mut h, egui::Key::ArrowRight);
    }
    let (z0, o0) = {
        let t = h.state().canvas().transform();
        (t.zoom, t.offset)
    };
    key(&mut h, egui::Key::ArrowRight);
    let t = h.state().canvas().transform();
    assert!((t.zoom - z0).abs() < 1e-4, "zoom {z0} then {}", t.zoom);
    assert!(
        (t.offset - o0).length() < 0.5,
        "offset {o0:?} then {:?}",
        t.offset
    );
}

#[test]
fn callouts_and_cards_never_cover_a_step_or_a_subject() {
    use vsmap::ui::state::Slide;
    let mut h = comparing_the_examples();
    key(&mut h, egui::Key::F5);
    let count = h
        .state()
        .state()
        .presentation
        .as_ref()
        .unwrap()
        .slides
        .len();
    let mut checked = 0;
    for _ in 0..count {
        let slide = h
            .state()
            .state()
            .presentation
            .as_ref()
            .unwrap()
            .current()
            .clone();
        if let Slide::Stream(id, _) = &slide {
            let (callouts, cards, steps) = {
                let app = h.state();
                let shown = app.state().slide_shown(&slide);
                let map = shown.doc.map();
                let stream = map.stream(id.as_str()).unwrap();
                let steps: Vec<(String, egui::Rect)> = stream
                    .steps
                    .iter()
                    .filter_map(|s| {
                        let r = app.canvas().screen_rect_of(map, s.service.as_str())?;
                        Some((s.service.to_string(), r))
                    })
                    .collect();
                (
                    vsmap::ui::present::callout_rects(&h.ctx),
                    vsmap::ui::present::card_rects(&h.ctx),
                    steps,
                )
            };
            assert!(cards.len() >= 3, "{slide:?}: the cards are drawn");
            for (name, step) in &steps {
                for c in callouts.iter().chain(&cards) {
                    assert!(
                        !c.intersects(*step),
                        "{slide:?}: {c:?} covers step {name} at {step:?}"
                    );
                }
            }
            for (i, a) in callouts.iter().enumerate() {
                for b in callouts.iter().skip(i + 1).chain(&cards) {
                    assert!(!a.intersects(*b), "{slide:?}: {a:?} and {b:?} overlap");
                }
            }
            // Every step's name is readable from the back of the room:
            // whole, at 15 points (the box's own name is smaller at this zoom).
            let names = vsmap::ui::present::step_name_rects(&h.ctx);
            assert_eq!(names.len(), steps.len(), "{slide:?}: a name per step");
            assert!(names.iter().all(|r| r.height() >= 15.0), "{names:?}");
            for n in &names {
                for c in &callouts {
                    assert!(!c.intersects(*n), "{slide:?}: {c:?} covers a name at {n:?}");
                }
            }
            checked += callouts.len();
        }
        key(&mut h, egui::Key::ArrowRight);
    }
    assert!(checked > 5, "callouts were shown ({checked})");
}

#[test]
fn the_overlay_draws_no_stream_line_to_mistake_for_a_change() {
    use egui::epaint::{ClippedShape, Shape};
    fn flatten<'a>(shape: &'a Shape, out: &mut Vec<&'a Shape>) {
        match shape {
            Shape::Vec(shapes) => shapes.iter().for_each(|s| flatten(s, out)),
            s => out.push(s),
        }
    }
    let stream_lines = |h: &egui_kittest::Harness<'_, vsmap::ui::app::VsmapApp>| {
        let (shapes, _) = h.state().canvas().painted();
        let mut flat = Vec::new();
        for ClippedShape { shape, .. } in shapes {
            flatten(shape, &mut flat);
        }
        // A stream's stops: rings (circles with a stroke) at its steps.
        flat.iter()
            .filter(|s| matches!(s, Shape::Circle(c) if c.stroke.width > 0.0))
            .count()
    };
    let mut h = comparing_the_examples();
    h.get_by_label("After").click();
    h.event(egui::Event::PointerMoved(egui::pos2(700.0, 450.0)));
    h.run();
    assert!(stream_lines(&h) > 0, "the proposal's streams are drawn");
    h.get_by_label("Overlay").click();
    h.event(egui::Event::PointerMoved(egui::pos2(700.0, 460.0)));
    h.run();
    assert_eq!(
        stream_lines(&h),
        0,
        "no stream line to mistake for a change"
    );
}

#[test]
fn the_theme_is_chosen_in_the_view_menu_and_shift_f5_presents_in_the_other() {
    use vsmap::ui::state::ThemeChoice;
    let dark = |h: &egui_kittest::Harness<'_, vsmap::ui::app::VsmapApp>| {
        h.ctx.global_style().visuals.dark_mode
    };
    let mut h = comparing_the_examples();
    h.get_by_label("View").click();
    h.run();
    h.get_by_label_contains("Theme").click();
    h.run();
    h.get_by_label("Light").click();
    h.run();
    assert_eq!(h.state().state().theme, ThemeChoice::Light);
    assert!(!dark(&h), "the app is light");

    // Shift+F5: the slides in the other theme, and back after.
    h.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::F5);
    h.run();
    assert!(h.state().state().presentation.is_some());
    assert!(dark(&h), "presented dark");
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.state().state().presentation.is_none());
    assert!(!dark(&h), "the app is light again");
    assert_eq!(h.state().state().theme, ThemeChoice::Light);
}

#[test]
fn clicking_a_removed_link_selects_its_ghost_and_the_inspector_shows_the_change() {
    use vsmap::ui::state::{CompareMode, Selection};
    let mut h = comparing_the_examples();
    h.get_by_label("After").click();
    h.run();
    let line = "Removed data link Card Ordering Service → Customer DB";
    h.get_by_label(line).scroll_to_me();
    h.run();
    h.get_by_label(line).click();
    h.run();
    let state = h.state().state();
    let compare = state.compare.as_ref().unwrap();
    assert_eq!(
        compare.mode,
        CompareMode::Overlay,
        "the ghost is in the overlay"
    );
    match &state.selection {
        Selection::Link(from, to, kind) => {
            assert_eq!(
                (from.as_str(), to.as_str(), kind.as_str()),
                ("card-ordering", "customer-db", "data")
            );
        }
        other => panic!("the link itself is selected, not {other:?}"),
    }
    assert!(
        h.query_by_label("Change").is_some(),
        "the inspector shows the change"
    );
    assert!(
        h.query_by_label_contains("Resolves").is_some(),
        "and the findings it resolves"
    );
}

#[test]
fn the_last_slide_tells_the_verdict_by_rule_and_by_stream() {
    let mut h = comparing_the_examples();
    key(&mut h, egui::Key::F5);
    key(&mut h, egui::Key::End);
    assert!(
        h.query_by_label("46 findings resolved, 0 introduced")
            .is_some()
    );
    assert!(h.query_by_label("Each stream, before → after").is_some());
    // The punchline per stream: the onboarding stream's handoffs 9 → 6.
    assert!(h.query_all_by_label("9 → 6").count() >= 1);
    assert!(
        h.query_all_by_label_contains("`").count() == 0,
        "no literal markdown on a slide"
    );
}

#[test]
fn a_stream_drawn_from_a_selection_gets_a_colour_no_other_stream_has() {
    use vsmap::ui::state::{Action, Document, Selection};
    let (mut h, _) = common::editor::editor_harness(Document::example(), |_| {});
    let map = h.state().doc().map().clone();
    let ids: Vec<vsmap::model::Id> = map.services.iter().take(2).map(|s| s.id.clone()).collect();
    h.state_mut()
        .act_now(Action::Select(Selection::Services(ids)));
    h.event(egui::Event::PointerMoved(egui::pos2(700.0, 450.0)));
    h.run();
    h.key_press(egui::Key::S);
    h.run();
    let map = h.state().doc().map();
    assert_eq!(map.streams.len(), 5, "a stream was drawn");
    let colors: Vec<_> = map
        .streams
        .iter()
        .enumerate()
        .map(|(k, s)| vsmap::palette::stream_color(k, s))
        .collect();
    let new = colors[4];
    assert!(
        colors[..4].iter().all(|&c| c != new),
        "{new:?} among {colors:?}"
    );
}
