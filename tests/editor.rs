//! The editor driven as a user would, with egui_kittest: clicks on canvas
//! nodes (found through the map's positions and the view's transform), key
//! presses, and widgets found by their accessible labels.
#![cfg(feature = "gui")]

use std::path::Path;

use egui::{Event, Key, Modifiers, PointerButton, Pos2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use vsmap::io::{from_json, to_canonical_json};
use vsmap::model::LinkKind;
use vsmap::ui::app::VsmapApp;
use vsmap::ui::state::Document;
use vsmap::ui::state::{FindingKey, PickOutcome};

mod common;
use common::editor::{Answers, comparing_the_examples, editor_harness};

const SMALL_MAP: &str = r#"{
  "format": "vsmap", "version": 1, "name": "Small", "reviewed": "2026-11-20",
  "teams": [
    { "id": "a", "name": "Team A", "type": "stream-aligned" },
    { "id": "b", "name": "Team B", "type": "stream-aligned" }
  ],
  "services": [
    { "id": "web", "name": "Web", "kind": "frontend", "owner": "a", "x": 0, "y": 0 },
    { "id": "api", "name": "API", "kind": "service", "owner": "a", "x": 300, "y": 0 }
  ],
  "links": [ { "from": "web", "to": "api", "kind": "sync" } ],
  "streams": [ { "id": "shop", "name": "Shop", "owner": "a", "customer": "Shopper", "description": "Buy things.",
                 "steps": [ { "service": "web" }, { "service": "api" } ] } ]
}"#;

fn harness_with(doc: Document) -> (Harness<'static, VsmapApp>, Answers) {
    editor_harness(doc, |_| {})
}

fn small() -> (Harness<'static, VsmapApp>, Answers) {
    harness_with(Document::new(
        from_json(SMALL_MAP.as_bytes()).unwrap(),
        None,
    ))
}

fn node_pos(h: &Harness<'_, VsmapApp>, id: &str) -> Pos2 {
    let app = h.state();
    app.canvas()
        .screen_pos_of(app.doc().map(), id)
        .unwrap_or_else(|| panic!("no node {id}"))
}

fn click_at(h: &mut Harness<'_, VsmapApp>, pos: Pos2, modifiers: Modifiers) {
    h.event(Event::PointerMoved(pos));
    h.step();
    h.event_modifiers(
        Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed: true,
            modifiers,
        },
        modifiers,
    );
    h.step();
    h.event_modifiers(
        Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed: false,
            modifiers,
        },
        modifiers,
    );
    h.run();
}

fn double_click_at(h: &mut Harness<'_, VsmapApp>, pos: Pos2) {
    h.event(Event::PointerMoved(pos));
    h.step();
    for _ in 0..2 {
        h.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed: true,
            modifiers: Modifiers::NONE,
        });
        h.step();
        h.event(Event::PointerButton {
            pos,
            button: PointerButton::Primary,
            pressed: false,
            modifiers: Modifiers::NONE,
        });
        h.step();
    }
    h.run();
}

fn press(h: &mut Harness<'_, VsmapApp>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

fn canonical(h: &Harness<'_, VsmapApp>) -> String {
    to_canonical_json(h.state().doc().map())
}

fn has_finding(h: &Harness<'_, VsmapApp>, message: &str) -> bool {
    h.query_all_by_label_contains(message).next().is_some()
}

/// The position in the findings list of the first finding of `rule`.
fn first_finding_of(h: &Harness<'_, VsmapApp>, rule: &str) -> usize {
    h.state()
        .doc()
        .findings()
        .iter()
        .position(|f| f.rule == rule)
        .unwrap_or_else(|| panic!("no {rule} finding"))
}

#[test]
fn a_user_draws_a_service_owns_it_links_it_threads_a_stream_and_allows_a_finding() {
    let (mut h, _) = small();
    let original = canonical(&h);

    // Add a service by double-clicking empty canvas, and name it inline.
    let empty = {
        let app = h.state();
        app.canvas().transform().to_screen(egui::pos2(150.0, 110.0))
    };
    assert!(
        h.state().canvas().rect().contains(empty),
        "the point must be on the canvas"
    );
    double_click_at(&mut h, empty);
    assert_eq!(
        h.state().doc().map().services.len(),
        3,
        "double-click should add a service"
    );
    let after_add = canonical(&h);
    h.get_by_label("Rename service").type_text("Fraud Check");
    press(&mut h, Modifiers::NONE, Key::Enter);
    let added = h
        .state()
        .doc()
        .map()
        .services
        .iter()
        .find(|s| s.name == "Fraud Check")
        .cloned();
    let added = added.expect("renamed inline");
    assert_eq!(
        added.id.as_str(),
        "new-service",
        "ids come from the name at creation and never change"
    );
    let after_rename = canonical(&h);

    // Unowned: the finding appears in the findings panel.
    assert!(has_finding(&h, "Fraud Check has no owning team"));

    // Give it an owner in the inspector; the finding disappears.
    let p = node_pos(&h, "new-service");
    click_at(&mut h, p, Modifiers::NONE);
    h.get_by_label("Owner").click();
    h.run();
    let team_b = h
        .get_all_by_label("Team B")
        .find(|n| n.rect().min.x > 900.0)
        .expect("Team B in the owner picker");
    team_b.click();
    h.run();
    assert_eq!(
        h.state()
            .doc()
            .map()
            .service("new-service")
            .unwrap()
            .owner
            .as_ref()
            .map(|o| o.as_str()),
        Some("b")
    );
    assert!(!has_finding(&h, "Fraud Check has no owning team"));
    let after_owner = canonical(&h);

    // Link: click API, Ctrl-click Fraud Check, press L.
    let p = node_pos(&h, "api");
    click_at(&mut h, p, Modifiers::NONE);
    let p = node_pos(&h, "new-service");
    click_at(&mut h, p, Modifiers::COMMAND);
    press(&mut h, Modifiers::NONE, Key::L);
    assert!(
        h.state()
            .doc()
            .map()
            .links
            .iter()
            .any(|l| l.from == "api" && l.to == "new-service" && l.kind == LinkKind::Sync)
    );
    let after_link = canonical(&h);

    // Stream from the selection, in click order: press S.
    press(&mut h, Modifiers::NONE, Key::Escape);
    let p = node_pos(&h, "new-service");
    click_at(&mut h, p, Modifiers::NONE);
    let p = node_pos(&h, "web");
    click_at(&mut h, p, Modifiers::COMMAND);
    press(&mut h, Modifiers::NONE, Key::S);
    let stream = h
        .state()
        .doc()
        .map()
        .streams
        .iter()
        .find(|s| s.name == "New stream")
        .cloned()
        .expect("stream created");
    let steps: Vec<&str> = stream.steps.iter().map(|s| s.service.as_str()).collect();
    assert_eq!(steps, ["new-service", "web"]);
    let after_stream = canonical(&h);

    // The new stream has no customer: allow that finding with a reason.
    assert!(has_finding(&h, "New stream has no customer"));
    let index = h
        .state()
        .doc()
        .findings()
        .iter()
        .filter(|f| !f.allowed)
        .position(|f| f.message.contains("New stream has no customer"))
        .unwrap();
    h.get_all_by_label("Allow…")
        .nth(index)
        .expect("an Allow button per finding")
        .click();
    h.run();
    h.get_by_label("Reason")
        .type_text("A sketch for the workshop");
    h.run();
    h.get_by_label("Allow").click();
    h.run();
    let map = h.state().doc().map().clone();
    assert_eq!(map.allow.len(), 1);
    assert_eq!(map.allow[0].reason, "A sketch for the workshop");
    assert!(
        h.state()
            .doc()
            .findings()
            .iter()
            .any(|f| f.allowed && f.message.contains("New stream has no customer"))
    );
    // The reason is said with the finding.
    assert_eq!(
        h.query_all_by_label_contains("allowed: A sketch for the workshop")
            .count(),
        2,
        "the findings panel and the stream's inspector show why the finding is allowed"
    );
    let after_allow = canonical(&h);

    // Undo each step, then redo each step, checking the whole map every time.
    let states = [
        &original,
        &after_add,
        &after_rename,
        &after_owner,
        &after_link,
        &after_stream,
        &after_allow,
    ];
    for expected in states.iter().rev().skip(1) {
        press(&mut h, Modifiers::COMMAND, Key::Z);
        assert_eq!(&canonical(&h), *expected);
    }
    for expected in states.iter().skip(1) {
        press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
        assert_eq!(&canonical(&h), *expected);
    }
}

#[test]
fn the_edit_menu_names_what_undo_will_undo() {
    let (mut h, _) = small();
    let p = node_pos(&h, "api");
    click_at(&mut h, p, Modifiers::NONE);
    press(&mut h, Modifiers::NONE, Key::Delete);
    assert!(h.state().doc().map().service("api").is_none());
    assert!(
        h.state().doc().map().links.is_empty(),
        "links of a deleted service go with it"
    );
    h.get_by_label("Edit").click();
    h.run();
    assert!(h.query_by_label_contains("Undo Delete API").is_some());
}

#[test]
fn dragging_a_node_moves_it_in_one_undo_step() {
    let (mut h, _) = small();
    let start = node_pos(&h, "web");
    let zoom = h.state().canvas().transform().zoom;
    h.event(Event::PointerMoved(start));
    h.step();
    h.event(Event::PointerButton {
        pos: start,
        button: PointerButton::Primary,
        pressed: true,
        modifiers: Modifiers::NONE,
    });
    h.step();
    for i in 1..=10 {
        h.event(Event::PointerMoved(
            start + egui::vec2(10.0 * i as f32, 5.0 * i as f32),
        ));
        h.step();
    }
    let end = start + egui::vec2(100.0, 50.0);
    h.event(Event::PointerButton {
        pos: end,
        button: PointerButton::Primary,
        pressed: false,
        modifiers: Modifiers::NONE,
    });
    h.run();
    let web = h.state().doc().map().service("web").unwrap().clone();
    assert!(
        (web.x.unwrap() - f64::from(100.0 / zoom)).abs() <= 2.0,
        "x = {:?}",
        web.x
    );
    assert!(
        (web.y.unwrap() - f64::from(50.0 / zoom)).abs() <= 2.0,
        "y = {:?}",
        web.y
    );
    assert_eq!(h.state().doc().history.undo_label(), Some("Move Web"));
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().doc().map().service("web").unwrap().x, Some(0.0));
}

#[test]
fn saving_through_the_dialog_and_reopening_gives_the_same_bytes() {
    let (mut h, answers) = small();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("small.vsmap.json");
    let p = node_pos(&h, "api");
    click_at(&mut h, p, Modifiers::NONE);
    press(&mut h, Modifiers::NONE, Key::Delete);
    assert!(
        h.state().title().starts_with("● "),
        "unsaved changes show a dot in the title"
    );

    answers
        .borrow_mut()
        .push_back(PickOutcome::Chosen(path.clone()));
    press(&mut h, Modifiers::COMMAND, Key::S);
    let saved = std::fs::read_to_string(&path).expect("saved");
    assert_eq!(saved, canonical(&h));
    assert!(!h.state().title().starts_with("● "));

    answers
        .borrow_mut()
        .push_back(PickOutcome::Chosen(path.clone()));
    press(&mut h, Modifiers::COMMAND, Key::O);
    assert_eq!(h.state().doc().path.as_deref(), Some(path.as_path()));
    assert_eq!(canonical(&h), saved);
}

#[test]
fn a_broken_file_shows_the_error_and_leaves_the_map_untouched() {
    let (mut h, answers) = small();
    let before = canonical(&h);
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.vsmap.json");
    std::fs::write(
        &broken,
        "{\n  \"format\": \"vsmap\",\n  \"version\": 1,\n  \"teams\": [ { \"id\": \"x\" \n}",
    )
    .unwrap();
    answers
        .borrow_mut()
        .push_back(PickOutcome::Chosen(broken.clone()));
    press(&mut h, Modifiers::COMMAND, Key::O);
    let expected = format!(
        "{}: teams[0]: missing field `name` (line 5",
        broken.display()
    );
    assert!(
        h.query_by_label_contains(&expected).is_some(),
        "the error names the file and the place"
    );
    assert_eq!(canonical(&h), before);
    h.get_by_label("OK").click();
    h.run();
    assert!(h.query_by_label_contains("broken.vsmap.json").is_none());
}

#[test]
fn when_no_dialog_can_be_shown_a_path_field_is_offered() {
    let (mut h, answers) = small();
    answers.borrow_mut().push_back(PickOutcome::Unavailable);
    press(&mut h, Modifiers::COMMAND, Key::O);
    assert!(
        h.query_by_label_contains("No file dialog could be shown")
            .is_some()
    );
    let example = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/examples/onboarding-proposed.vsmap.json");
    h.get_by_label("File path")
        .type_text(example.to_str().unwrap());
    h.run();
    h.get_by_label("OK").click();
    h.run();
    assert!(
        h.state().doc().map().name.contains("proposed"),
        "{}",
        h.state().doc().map().name
    );
}

#[test]
fn unsaved_changes_are_guarded_on_new() {
    let (mut h, _) = small();
    let p = node_pos(&h, "api");
    click_at(&mut h, p, Modifiers::NONE);
    press(&mut h, Modifiers::NONE, Key::Delete);
    let edited = canonical(&h);
    press(&mut h, Modifiers::COMMAND, Key::N);
    assert!(h.query_by_label("Unsaved changes").is_some());
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(canonical(&h), edited, "Cancel keeps the map");
    press(&mut h, Modifiers::COMMAND, Key::N);
    h.get_by_label("Discard").click();
    h.run();
    assert!(
        h.state().doc().map().services.is_empty(),
        "Discard starts the new map"
    );
}

#[test]
fn clicking_a_finding_selects_its_subjects_and_unfolds_the_fix() {
    let (mut h, _) = harness_with(Document::example());
    let target = first_finding_of(&h, "data-silo");
    let message = h.state().doc().findings()[target].message.clone();
    let row = h.get_by_label(&message);
    row.scroll_to_me();
    h.run();
    h.get_by_label(&message).click();
    h.run();
    let app = h.state();
    let key = FindingKey::of(&app.doc().findings()[target]);
    assert_eq!(app.state().expanded_finding, Some(key));
    let subjects: Vec<String> = app.doc().findings()[target]
        .subjects
        .iter()
        .map(|s| s.to_string())
        .collect();
    let selected: Vec<String> = app
        .state()
        .selection
        .services()
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(selected, subjects);
    assert!(
        h.query_by_label_contains("Fix: Accept eventual consistency")
            .is_some()
    );
}

#[test]
fn focusing_a_finding_from_the_overview_of_an_organisation_zooms_in_to_its_subject() {
    let map = vsmap::generate::generate(&vsmap::generate::GenerateOptions::with_services(600));
    let (mut h, _) = harness_with(Document::new(map, None));
    let fitted = h.state().canvas().transform().zoom;
    assert!(fitted < 0.3, "fitted, names are not drawn (zoom {fitted})");
    // An unowned service: one subject, on the map somewhere.
    let target = first_finding_of(&h, "unowned-service");
    let subject = h.state().doc().findings()[target].subjects[0].to_string();
    let key = FindingKey::of(&h.state().doc().findings()[target]);
    h.state_mut()
        .act(vsmap::ui::state::Action::FocusFinding(key));
    h.run();
    let app = h.state();
    assert!(!app.canvas().is_animating(), "the camera move has finished");
    let zoom = app.canvas().transform().zoom;
    assert!(
        zoom >= 0.3,
        "zoomed in far enough to draw names (zoom {zoom})"
    );
    let at = node_pos(&h, &subject);
    assert!(
        app.canvas().rect().shrink(50.0).contains(at),
        "{subject} at {at:?} is well inside the canvas {:?}",
        app.canvas().rect()
    );
}

#[test]
fn the_app_draws_nothing_while_idle() {
    let (mut h, _) = harness_with(Document::example());
    // Some input, so the canvas has just called egui_graphs' view.
    h.event(Event::PointerMoved(egui::pos2(700.0, 400.0)));
    h.run();
    let live = h.state().canvas().live_frames();
    for _ in 0..20 {
        h.step();
        assert!(
            !h.ctx.has_requested_repaint(),
            "a frame without input requested another frame"
        );
    }
    assert_eq!(
        h.state().canvas().live_frames(),
        live,
        "idle frames must not run the graph view"
    );
}

/// The README's shortcut table, as the app formats shortcuts on Linux and Windows.
fn shortcut_rows() -> Vec<String> {
    let ctx = egui::Context::default();
    ctx.set_os(egui::os::OperatingSystem::Nix);
    vsmap::ui::state::UICommand::all()
        .map(|c| {
            let keys = c.shortcut_text(&ctx);
            let keys = if keys.is_empty() {
                "menu or palette".to_string()
            } else {
                format!("`{keys}`")
            };
            format!("| {} | {keys} |", c.label())
        })
        .collect()
}

#[test]
fn the_readme_lists_every_command_and_shortcut() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    for row in shortcut_rows() {
        assert!(
            readme.contains(&row),
            "README lacks the row:\n{row}\nAll rows:\n{}",
            shortcut_rows().join("\n")
        );
    }
}

#[test]
fn comparing_the_examples_lists_the_ownership_move_and_the_findings_counts() {
    let mut h = comparing_the_examples();
    assert!(
        h.state().state().compare.is_some(),
        "the compare view is open"
    );
    assert!(
        h.query_by_label(
            "Sanctions Screening moved from Customer Onboarding to Financial Crime & Compliance"
        )
        .is_some(),
        "the changes panel lists the ownership move"
    );
    let summary = h
        .state()
        .state()
        .compare
        .as_ref()
        .unwrap()
        .findings_summary();
    assert!(
        h.query_by_label_contains(&format!("Compared with the other map: {summary}"))
            .is_some(),
        "the findings header shows {summary}"
    );
    // Before is read-only, After is editable.
    h.get_by_label("Before").click();
    h.run();
    let before_services = h
        .state()
        .state()
        .compare
        .as_ref()
        .unwrap()
        .before
        .map()
        .services
        .len();
    press(&mut h, Modifiers::NONE, Key::N);
    assert_eq!(
        h.state()
            .state()
            .compare
            .as_ref()
            .unwrap()
            .before
            .map()
            .services
            .len(),
        before_services
    );
    // Editing the proposal updates the diff live.
    h.get_by_label("After").click();
    h.run();
    let added_before = h
        .state()
        .state()
        .compare
        .as_ref()
        .unwrap()
        .diff
        .services
        .added
        .len();
    press(&mut h, Modifiers::NONE, Key::N);
    press(&mut h, Modifiers::NONE, Key::Enter);
    assert_eq!(
        h.state()
            .state()
            .compare
            .as_ref()
            .unwrap()
            .diff
            .services
            .added
            .len(),
        added_before + 1
    );
}

#[test]
fn presenting_steps_through_the_streams_and_escape_leaves() {
    let (mut h, _) = harness_with(Document::example());
    assert!(h.query_by_label("Filter the outline").is_some());
    press(&mut h, Modifiers::NONE, Key::F5);
    let slides = h
        .state()
        .state()
        .presentation
        .as_ref()
        .expect("presenting")
        .slides
        .len();
    assert_eq!(
        slides,
        1 + h.state().doc().map().streams.len() + 1,
        "overview, one slide per stream, summary"
    );
    assert!(
        h.query_by_label("Filter the outline").is_none(),
        "the editing chrome is hidden"
    );
    assert!(h.query_by_label_contains("Overview").is_some());

    // A clicker sends page down, arrows and space.
    press(&mut h, Modifiers::NONE, Key::PageDown);
    let first = h.state().doc().map().streams[0].name.clone();
    assert!(
        h.query_all_by_label_contains(&first).next().is_some(),
        "the first stream's slide names it"
    );
    assert!(
        h.query_by_label_contains("handoffs").is_some(),
        "the flow card is shown"
    );
    // The slide focuses the stream without touching the editor's selection.
    let app = h.state().state();
    let shown = app.shown();
    assert_eq!(
        *shown.selection,
        vsmap::ui::state::Selection::Stream(app.doc.map().streams[0].id.clone())
    );
    assert_eq!(app.selection, vsmap::ui::state::Selection::None);
    press(&mut h, Modifiers::NONE, Key::Space);
    assert_eq!(h.state().state().presentation.as_ref().unwrap().slide, 2);
    press(&mut h, Modifiers::NONE, Key::ArrowLeft);
    assert_eq!(h.state().state().presentation.as_ref().unwrap().slide, 1);
    press(&mut h, Modifiers::NONE, Key::End);
    assert!(
        h.query_by_label_contains("Each rule's explanation and fix")
            .is_some(),
        "the last slide summarises the findings"
    );
    // The camera move is animated, then the app is idle again.
    for _ in 0..60 {
        h.step();
    }
    assert!(!h.state().canvas().is_animating());
    h.step();
    assert!(
        !h.ctx.has_requested_repaint(),
        "idle after the camera settled"
    );

    let before = canonical(&h);
    press(&mut h, Modifiers::NONE, Key::Delete);
    assert_eq!(canonical(&h), before, "presenting never edits");
    press(&mut h, Modifiers::NONE, Key::Escape);
    assert!(h.state().state().presentation.is_none());
    assert!(
        h.query_by_label("Filter the outline").is_some(),
        "the editor is back"
    );
}

/// Opens File ▸ Export.
fn open_export_menu(h: &mut Harness<'_, VsmapApp>) {
    h.get_by_label("File").click();
    h.run();
    // The File menu's Export submenu (the status bar may also say "Exported").
    h.get_all_by_label_contains("Export")
        .find(|n| n.rect().max.y < 400.0)
        .unwrap()
        .click();
    h.run();
}

/// File ▸ Export ▸ `item`, answering the file dialog with `path`.
fn export_from_the_menu(h: &mut Harness<'_, VsmapApp>, answers: &Answers, item: &str, path: &Path) {
    answers
        .borrow_mut()
        .push_back(PickOutcome::Chosen(path.to_path_buf()));
    open_export_menu(h);
    h.get_by_label_contains(item).click();
    h.run();
}

#[test]
fn file_export_writes_what_the_library_exports() {
    let (mut h, answers) = harness_with(Document::example());
    let dir = tempfile::tempdir().unwrap();
    for (item, file) in [
        ("Export SVG of the map", "map.svg"),
        ("Export Markdown review report", "report.md"),
        ("Export Graphviz DOT", "map.dot"),
    ] {
        let path = dir.path().join(file);
        export_from_the_menu(&mut h, &answers, item, &path);
        let written = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
        let app = h.state();
        let expected = match file {
            "map.svg" => vsmap::export::svg(app.doc().map(), app.doc().findings(), None),
            "report.md" => {
                vsmap::export::markdown_report(app.doc().map(), app.doc().findings(), None)
            }
            _ => vsmap::export::dot(app.doc().map(), app.doc().findings()),
        };
        assert_eq!(written, expected, "{file}");
    }
    // The stream SVG needs a selected stream, and says so.
    open_export_menu(&mut h);
    h.get_by_label_contains("Export SVG of the selected stream")
        .click();
    h.run();
    assert!(h.query_by_label_contains("Select a stream first").is_some());
}

#[test]
fn file_export_of_the_page_and_the_deck_while_comparing_holds_both_maps() {
    let current =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/onboarding-current.vsmap.json");
    let (mut h, answers) = harness_with(Document::example());
    h.state_mut().compare_with(&current);
    h.run();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("review.html");
    export_from_the_menu(&mut h, &answers, "Export interactive page", &path);
    let written = std::fs::read_to_string(&path).expect("the page is written");
    let app = h.state();
    let state = app.state();
    let compare = state.compare.as_ref().expect("still comparing");
    let expected = vsmap::export::html(
        app.doc().map(),
        app.doc().findings(),
        Some(vsmap::export::Before {
            map: compare.before.map(),
            findings: compare.before.findings(),
            diff: &compare.diff,
        }),
    );
    assert_eq!(written, expected);
    assert!(
        written.contains(r#"id="layer-before""#),
        "the page holds the map before"
    );

    // The deck, from the same menu: before and after per stream.
    let deck = dir.path().join("review.pdf");
    export_from_the_menu(&mut h, &answers, "Export presentation as PDF", &deck);
    let pdf = std::fs::read(&deck).expect("the deck is written");
    assert!(pdf.starts_with(b"%PDF-"));
    // One page object per page: the overview, a page per stream, and more.
    let pages = String::from_utf8_lossy(&pdf)
        .matches("/Type /Page\n")
        .count();
    let streams = h.state().doc().map().streams.len();
    assert!(pages > streams + 1, "{pages} pages for {streams} streams");
}

#[test]
fn editing_shortcuts_belong_to_the_text_field_being_typed_in() {
    let (mut h, _) = small();
    let p = node_pos(&h, "api");
    click_at(&mut h, p, Modifiers::NONE);
    h.get_by_label("Service name").focus();
    h.run();
    let before = canonical(&h);
    // Ctrl+A and Ctrl+Z inside the name field must not select all services or undo the map.
    press(&mut h, Modifiers::COMMAND, Key::A);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().state().selection.services().len(), 1);
    assert_eq!(canonical(&h), before);
}

#[test]
fn opening_another_map_ends_the_comparison() {
    let current =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/onboarding-current.vsmap.json");
    let (mut h, answers) = small();
    h.state_mut().compare_with(&current);
    h.run();
    assert!(h.state().state().compare.is_some());
    answers
        .borrow_mut()
        .push_back(PickOutcome::Chosen(current.clone()));
    press(&mut h, Modifiers::COMMAND, Key::O);
    assert_eq!(h.state().doc().path.as_deref(), Some(current.as_path()));
    assert!(
        h.state().state().compare.is_none(),
        "a comparison with the previous map would be stale"
    );
}

#[test]
fn the_toolbar_adds_a_service_and_undoes_it() {
    let (mut h, _) = small();
    h.get_by_label("Add service").click();
    h.run();
    assert_eq!(h.state().doc().map().services.len(), 3);
    press(&mut h, Modifiers::NONE, Key::Enter);
    h.get_by_label("Undo").click();
    h.run();
    assert_eq!(h.state().doc().map().services.len(), 2);
}

fn owner_of(h: &Harness<'_, VsmapApp>, service: &str) -> Option<String> {
    h.state()
        .doc()
        .map()
        .service(service)
        .and_then(|s| s.owner.as_ref())
        .map(|t| t.to_string())
}

#[test]
fn a_change_is_taken_back_into_the_open_map_in_one_undoable_step() {
    let mut h = comparing_the_examples();
    let before = canonical(&h);
    let moved =
        "Sanctions Screening moved from Customer Onboarding to Financial Crime & Compliance";
    let id = h
        .state()
        .doc()
        .map()
        .services
        .iter()
        .find(|s| s.name == "Sanctions Screening")
        .unwrap()
        .id
        .to_string();
    let proposed_owner = owner_of(&h, &id);
    h.get_by_label(&format!("Revert {moved}")).click();
    h.run();
    let compared_owner = h
        .state()
        .state()
        .compare
        .as_ref()
        .unwrap()
        .before
        .map()
        .service(&id)
        .and_then(|s| s.owner.as_ref())
        .map(|t| t.to_string());
    assert_ne!(proposed_owner, compared_owner);
    assert_eq!(
        owner_of(&h, &id),
        compared_owner,
        "the owner is as compared"
    );
    assert!(
        h.query_by_label(moved).is_none(),
        "the move is no longer a change"
    );
    assert_eq!(
        h.state().doc().history.undo_label(),
        Some(format!("Revert {moved}").as_str())
    );
    // One step back gives the proposal as it was, byte for byte.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(canonical(&h), before);
    assert!(h.query_by_label(moved).is_some());
}

#[test]
fn every_change_of_a_removed_service_is_taken_back_from_the_context_menu() {
    let mut h = comparing_the_examples();
    let removed: Vec<(vsmap::model::ServiceKind, String)> = h
        .state()
        .state()
        .compare
        .as_ref()
        .unwrap()
        .diff
        .services
        .removed
        .iter()
        .map(|s| (s.kind, s.name.clone()))
        .collect();
    let (kind, name) = removed
        .first()
        .expect("the proposal removes a service")
        .clone();
    // The line names the service's kind ("Removed legacy …").
    let line = format!("Removed {} {name}", kind.label().to_lowercase());
    h.get_by_label(&line).click_secondary();
    h.run();
    h.get_by_label("Revert this change").click();
    h.run();
    assert!(
        h.state()
            .doc()
            .map()
            .services
            .iter()
            .any(|s| s.name == name),
        "{name} is back in the open map"
    );
    assert!(h.query_by_label(&line).is_none());
}

/// The texts the canvas painted on its last live frame.
fn painted_texts(h: &Harness<'_, VsmapApp>) -> Vec<String> {
    let (shapes, _) = h.state().canvas().painted();
    let mut out = Vec::new();
    for clipped in shapes {
        let mut stack = vec![&clipped.shape];
        while let Some(shape) = stack.pop() {
            match shape {
                egui::Shape::Text(t) => out.push(t.galley.text().to_owned()),
                egui::Shape::Vec(v) => stack.extend(v),
                _ => {}
            }
        }
    }
    out
}

#[test]
fn names_are_whole_at_the_example_map_default_zoom() {
    let (h, _) = harness_with(Document::example());
    let texts = painted_texts(&h);
    assert!(
        texts.iter().all(|t| !t.contains('…')),
        "a name is cut: {texts:?}"
    );
    // Long names wrap onto lines of their own instead of being cut.
    for line in [
        "Account Opening",
        "Sanctions Screening",
        "Identity Verification",
    ] {
        assert!(texts.iter().any(|t| t == line), "{line} in {texts:?}");
    }
    // Every service's name is drawn, line by line, in the SVG's breaks.
    for s in &h.state().doc().map().services {
        let b = vsmap::geometry::node_box(s.kind, &s.name);
        assert!(!b.cut, "{}", s.name);
        for line in &b.lines {
            assert!(texts.contains(line), "{line} of {} in {texts:?}", s.name);
        }
    }
}

#[test]
fn a_typed_save_path_starts_in_the_map_s_folder_and_the_status_names_it_whole() {
    let (mut h, answers) = small();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("small.vsmap.json");
    answers
        .borrow_mut()
        .push_back(PickOutcome::Chosen(path.clone()));
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert!(path.is_file());
    // Save as, where no dialog can be shown: the field holds the current
    // path; a bare name typed in its place lands beside the map.
    answers.borrow_mut().push_back(PickOutcome::Unavailable);
    press(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::S);
    h.get_by_label("File path").click();
    h.run();
    press(&mut h, Modifiers::COMMAND, Key::A);
    h.get_by_label("File path").type_text("v2");
    h.run();
    h.get_by_label("OK").click();
    h.run();
    let v2 = dir.path().join("v2.vsmap.json");
    assert!(v2.is_file(), "saved beside the map");
    let status = &h.state().state().status;
    assert!(
        status.contains(&v2.display().to_string()),
        "the status names the whole path: {status}"
    );
}

/// A map whose one finding with a fix is a read of another team's database.
const SILO_MAP: &str = r#"{
  "format": "vsmap", "version": 1, "name": "Silo", "reviewed": "2026-11-20",
  "teams": [
    { "id": "a", "name": "Team A", "type": "stream-aligned" },
    { "id": "b", "name": "Team B", "type": "stream-aligned" }
  ],
  "services": [
    { "id": "web", "name": "Web", "kind": "frontend", "owner": "a", "x": 0, "y": 0 },
    { "id": "api", "name": "API", "kind": "service", "owner": "a", "x": 300, "y": 0 },
    { "id": "db", "name": "Orders DB", "kind": "datastore", "owner": "b", "x": 600, "y": 0 }
  ],
  "links": [ { "from": "web", "to": "api", "kind": "sync" }, { "from": "api", "to": "db", "kind": "data" } ],
  "streams": [ { "id": "shop", "name": "Shop", "owner": "a", "customer": "Shopper", "description": "Buy things.",
                 "steps": [ { "service": "web" }, { "service": "api" } ] } ]
}"#;

#[test]
fn a_fix_is_previewed_on_hover_and_applied_as_one_undo_step() {
    let (mut h, _) = harness_with(Document::new(from_json(SILO_MAP.as_bytes()).unwrap(), None));
    let before = canonical(&h);
    h.get_by_label("Fix ▾").click();
    h.run();
    let title =
        "Replace API's read of Orders DB with events Orders DB publishes and API keeps a copy of";
    h.get_by_label(title).hover();
    h.run();
    {
        let state = h.state().state();
        let preview = state
            .fix_preview
            .as_ref()
            .expect("the fix under the pointer is previewed");
        let delta = preview.delta.as_ref().unwrap();
        assert_eq!(delta.to_string(), "resolves 1");
        assert_eq!(delta.resolved[0].rule, "data-silo");
        // The ghost: the read struck out, the event drawn, from the owner.
        let ends = |links: &[vsmap::ui::state::GhostLink]| -> Vec<(String, String, LinkKind)> {
            links
                .iter()
                .map(|l| (l.services.0.to_string(), l.services.1.to_string(), l.kind))
                .collect()
        };
        assert_eq!(
            ends(&preview.ghost.removed_links),
            [("api".into(), "db".into(), LinkKind::Data)]
        );
        assert_eq!(
            ends(&preview.ghost.added_links),
            [("db".into(), "api".into(), LinkKind::Event)]
        );
        assert_eq!(
            preview.ghost.added_links[0].ends,
            ((600.0, 0.0), (300.0, 0.0))
        );
    }
    // Nothing is applied by hovering.
    assert_eq!(canonical(&h), before);
    h.get_by_label(title).click();
    h.run();
    let map = h.state().doc().map().clone();
    assert!(
        map.links.iter().any(|l| l.from.as_str() == "db"
            && l.to.as_str() == "api"
            && l.kind == LinkKind::Event)
    );
    assert!(!map.links.iter().any(|l| l.kind == LinkKind::Data));
    assert!(
        h.state()
            .doc()
            .findings()
            .iter()
            .all(|f| f.rule != "data-silo")
    );
    assert!(
        h.state().state().fix_preview.is_none(),
        "the preview goes with the menu"
    );
    // One undo step takes the whole fix back.
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(canonical(&h), before);
}

#[test]
fn draft_proposal_opens_the_proposal_compared_with_the_map_of_today() {
    let (mut h, _) = harness_with(Document::example());
    let today = canonical(&h);
    let errors_before = h
        .state()
        .doc()
        .findings()
        .iter()
        .filter(|f| f.severity == vsmap::analysis::Severity::Error)
        .count();
    assert!(errors_before > 0);
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Draft proposal from fixes").click();
    h.run();
    assert!(h.query_by_label("Draft proposal from fixes").is_some());
    // Deleting fixes start unchosen.
    assert!(
        h.query_by_label_contains("deletes the services it fixes")
            .is_some()
    );
    h.get_by_label("Draft").click();
    h.run();
    let app = h.state();
    let compare = app
        .state()
        .compare
        .as_ref()
        .expect("the compare view opens");
    assert_eq!(to_canonical_json(compare.before.map()), today);
    assert!(app.doc().is_dirty(), "the proposal is a new, unsaved map");
    assert_eq!(app.doc().path, None);
    let errors_after = app
        .doc()
        .findings()
        .iter()
        .filter(|f| f.severity == vsmap::analysis::Severity::Error)
        .count();
    assert!(
        errors_after < errors_before,
        "{errors_after} of {errors_before}"
    );
    assert!(h.query_by_label("Drafted a proposal from fixes").is_some());
    // Every fix is listed, and each change can be taken back from the
    // changes panel.
    assert!(h.query_by_label_contains("missing-acl:").is_some());
    assert!(h.query_all_by_label_contains("Revert ").next().is_some());
}

#[test]
fn map_history_lists_the_files_commits_and_compares_with_one() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .args(args)
            .current_dir(repo)
            .env("HOME", repo)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    git(&["init", "-q", "-b", "main"]);
    git(&["config", "user.email", "ana@example.org"]);
    git(&["config", "user.name", "Ana"]);
    let file = repo.join("map.vsmap.json");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples");
    std::fs::copy(root.join("onboarding-current.vsmap.json"), &file).unwrap();
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "Today"]);
    std::fs::copy(root.join("onboarding-proposed.vsmap.json"), &file).unwrap();
    git(&["commit", "-q", "-am", "Proposal"]);

    let (mut h, _) = harness_with(Document::open(&file).unwrap());
    h.get_by_label("File").click();
    h.run();
    h.get_by_label_contains("Map history").click();
    h.run();
    let window = h
        .state()
        .state()
        .dialogs
        .history
        .clone()
        .expect("the window opens");
    let versions = window.versions.unwrap();
    let subjects: Vec<&str> = versions.iter().map(|v| v.subject.as_str()).collect();
    assert_eq!(subjects, ["Proposal", "Today"]);
    // Compare with the oldest version: Before is the map of that commit.
    let compare_buttons: Vec<_> = h.get_all_by_label("Compare").collect();
    assert_eq!(compare_buttons.len(), 2);
    compare_buttons[1].click();
    h.run();
    let app = h.state();
    let compare = app
        .state()
        .compare
        .as_ref()
        .expect("the compare view opens");
    assert_eq!(
        compare.before.map().name,
        "Retail bank onboarding, current state"
    );
    assert_eq!(app.doc().map().name, "Retail bank onboarding, proposed");
    assert!(app.state().dialogs.history.is_none());
}
