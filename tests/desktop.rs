//! The editor behaves as desktop windows do: Escape closes the topmost thing,
//! a click outside a popup closes it, windows open inside the window's free
//! area and scroll, panels keep their size, keyboard focus stays in view,
//! and the status bar tells the truth. Each test drives the real editor with
//! egui_kittest, as a user would.
#![cfg(feature = "gui")]

use egui::{Event, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use vsmap::ui::app::VsmapApp;
use vsmap::ui::state::{Document, Selection};

mod common;
use common::editor::{Answers, comparing_the_examples, editor_harness};

fn example() -> (Harness<'static, VsmapApp>, Answers) {
    editor_harness(Document::example(), |_| {})
}

fn press(h: &mut Harness<'_, VsmapApp>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

fn click_at(h: &mut Harness<'_, VsmapApp>, pos: Pos2) {
    h.event(Event::PointerMoved(pos));
    h.step();
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        h.step();
    }
    h.run();
}

fn palette_open(h: &Harness<'_, VsmapApp>) -> bool {
    h.state().state().dialogs.palette.is_some()
}

#[test]
fn the_palette_closes_on_escape_on_ctrl_p_and_on_a_click_outside() {
    let (mut h, _) = example();
    let before = h.state().state().selection.clone();

    press(&mut h, Modifiers::COMMAND, Key::P);
    assert!(palette_open(&h), "Ctrl+P opens the palette");
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(!palette_open(&h), "Escape closes it");

    press(&mut h, Modifiers::COMMAND, Key::P);
    assert!(palette_open(&h));
    press(&mut h, Modifiers::COMMAND, Key::P);
    assert!(!palette_open(&h), "Ctrl+P closes it again");

    press(&mut h, Modifiers::COMMAND, Key::P);
    assert!(palette_open(&h));
    // The bottom left corner is far outside the palette, which hangs from the top.
    click_at(&mut h, egui::pos2(20.0, 880.0));
    assert!(!palette_open(&h), "a click outside closes it");

    // Closing it ran nothing: with an empty query Enter would run New map.
    assert_eq!(h.state().doc().map().name, Document::example().map().name);
    assert_eq!(h.state().state().selection, before);
}

#[test]
fn the_palette_keeps_its_place_when_nothing_matches_and_says_so() {
    let (mut h, _) = example();
    press(&mut h, Modifiers::COMMAND, Key::P);
    let field = h.get_by_label("Command palette").rect();
    h.get_by_label("Command palette")
        .type_text("zzzz no such command");
    h.run();
    assert_eq!(
        h.get_by_label("Command palette").rect(),
        field,
        "the field being typed into does not move"
    );
    assert!(h.query_by_label("No command matches.").is_some());
}

#[test]
fn no_canvas_tooltip_shows_through_the_palette() {
    let (mut h, _) = example();
    let node = {
        let app = h.state();
        app.canvas()
            .screen_pos_of(app.doc().map(), "kyc-check")
            .expect("the example has a KYC service")
    };
    let tooltip = "KYC Check (Service, ";
    h.event(Event::PointerMoved(node));
    h.run();
    assert!(
        h.query_by_label_contains(tooltip).is_some(),
        "hovering a service shows its tooltip"
    );
    press(&mut h, Modifiers::COMMAND, Key::P);
    h.event(Event::PointerMoved(node + egui::vec2(1.0, 0.0)));
    h.run();
    assert!(
        h.query_by_label_contains(tooltip).is_none(),
        "the tooltip of the service under the palette's backdrop is not shown"
    );
}

#[test]
fn escape_closes_an_open_menu() {
    let (mut h, _) = example();
    h.get_by_label("Help").click();
    h.run();
    assert!(
        h.query_by_label_contains("About vsmap").is_some(),
        "the Help menu is open"
    );
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(
        h.query_by_label_contains("About vsmap").is_none(),
        "Escape closed it"
    );
    assert!(!egui::Popup::is_any_open(&h.ctx));
}

#[test]
fn the_shortcuts_window_opens_below_the_toolbar_scrolls_and_closes_on_escape_and_f1() {
    let (mut h, _) = example();
    let toolbar_bottom = h.get_by_label("Add service").rect().bottom();
    press(&mut h, Modifiers::NONE, Key::F1);
    assert!(h.state().state().dialogs.shortcuts);
    // The window's title comes first; the list names the command too.
    let title = h
        .query_all_by_label("Keyboard shortcuts")
        .map(|n| n.rect())
        .min_by(|a, b| a.top().total_cmp(&b.top()))
        .expect("the window is open");
    assert!(
        title.top() >= toolbar_bottom,
        "the window's title ({title:?}) is below the toolbar (bottom {toolbar_bottom})"
    );
    // The list is longer than the window is tall: its last row is reached
    // by scrolling, and then lies inside the window's screen.
    let last = h.get_by_label("Context menu");
    last.scroll_to_me();
    h.run();
    let last = h.get_by_label("Context menu").rect();
    assert!(
        last.bottom() <= 900.0,
        "the last row ({last:?}) can be scrolled into view"
    );

    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(!h.state().state().dialogs.shortcuts, "Escape closes it");
    press(&mut h, Modifiers::NONE, Key::F1);
    assert!(h.state().state().dialogs.shortcuts);
    press(&mut h, Modifiers::NONE, Key::F1);
    assert!(!h.state().state().dialogs.shortcuts, "F1 toggles it");
}

#[test]
fn the_findings_panel_keeps_its_height_when_a_long_group_unfolds_and_folds() {
    let mut h = comparing_the_examples();
    assert!(h.state().state().compare.is_some());
    let canvas = h.state().canvas().rect();

    let resolved = h.get_by_label_contains("Resolved (");
    resolved.click();
    h.run();
    assert_eq!(
        h.state().canvas().rect(),
        canvas,
        "unfolding the resolved findings does not grow the panel"
    );
    h.get_by_label_contains("Resolved (").click();
    h.run();
    assert_eq!(h.state().canvas().rect(), canvas, "nor does folding them");
}

#[test]
fn tab_keeps_the_focused_row_in_view() {
    let (mut h, _) = example();
    let window = egui::Rect::from_min_size(Pos2::ZERO, egui::vec2(1400.0, 900.0));
    let mut seen = 0;
    for _ in 0..120 {
        press(&mut h, Modifiers::NONE, Key::Tab);
        let Some(id) = h.ctx.memory(|m| m.focused()) else {
            continue;
        };
        let Some(response) = h.ctx.read_response(id) else {
            continue;
        };
        seen += 1;
        // The row is drawn where it is visible: inside the window and
        // inside whatever scrolling area clips it.
        assert!(
            window.contains_rect(response.rect) && response.interact_rect.is_positive(),
            "focused widget {id:?} at {:?} is out of view",
            response.rect
        );
    }
    assert!(seen > 60, "Tab moved the focus through the panels ({seen})");
}

#[test]
fn services_of_different_owners_show_that_their_owners_differ() {
    let (mut h, _) = example();
    let (a, b) = {
        let map = h.state().doc().map();
        let a = map.services.iter().find(|s| s.owner.is_some()).unwrap();
        let b = map
            .services
            .iter()
            .find(|s| s.owner.is_some() && s.owner != a.owner)
            .unwrap();
        (a.id.clone(), b.id.clone())
    };
    h.state_mut()
        .act(vsmap::ui::state::Action::Select(Selection::Services(vec![
            a, b,
        ])));
    h.run();
    let picker = h.get_by_label("Owner of all");
    assert_eq!(picker.value().as_deref(), Some("owners differ"));
}

#[test]
fn the_status_bar_names_the_file_without_claiming_a_save() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("map.vsmap.json");
    std::fs::write(&path, vsmap::ui::state::EXAMPLE_MAP).unwrap();
    let (mut h, _) = editor_harness(Document::open(&path).unwrap(), |_| {});
    h.run();
    assert!(h.query_by_label_contains("Saved to").is_none());
    assert!(h.query_by_label_contains("no unsaved changes").is_some());
}
