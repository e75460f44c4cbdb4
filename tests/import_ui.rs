//! File ▸ Import in the editor, driven with egui_kittest: the file dialogs
//! are answered with the fixtures under `tests/fixtures/import/`.
#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use vsmap::edit::ops;
use vsmap::io::import::structurizr::{self, Level, StructurizrOptions};
use vsmap::io::to_canonical_json;
use vsmap::model::TeamType;
use vsmap::ui::app::VsmapApp;
use vsmap::ui::state::Document;
use vsmap::ui::state::{Action, PickOutcome};

mod common;
use common::editor::{Answers, editor_harness};

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(path)
}

/// The editor on the example map, its dialogs answered from the list.
fn editor() -> (Harness<'static, VsmapApp>, Answers) {
    editor_harness(Document::example(), |_| {})
}

fn canonical(h: &Harness<'_, VsmapApp>) -> String {
    to_canonical_json(h.state().doc().map())
}

/// File ▸ Import ▸ `item`, the dialog answered with `answer` (if any).
fn import_via_menu(
    h: &mut Harness<'_, VsmapApp>,
    answers: &Answers,
    item: &str,
    answer: Option<PickOutcome>,
) {
    if let Some(answer) = answer {
        answers.borrow_mut().push_back(answer);
    }
    h.get_by_label("File").click();
    h.run();
    // Submenus are labelled with an arrow, commands with their shortcut.
    h.get_by_label_contains("Import ⏵").click();
    h.run();
    h.get_by_label_contains(item).click();
    h.run();
}

/// Accepts the catalog options dialog as it stands.
fn confirm_catalog(h: &mut Harness<'_, VsmapApp>) {
    assert!(h.query_by_label("Import Backstage catalog").is_some());
    h.get_by_label("Import").click();
    h.run();
}

fn report_dialog_open(h: &Harness<'_, VsmapApp>) -> bool {
    h.query_by_label("Copy report").is_some()
}

/// Makes the open map differ from its file.
fn edit_something(h: &mut Harness<'_, VsmapApp>) {
    let app = h.state_mut();
    let (_, edits) = ops::add_team(app.doc().map(), "Edited", TeamType::Enabling);
    app.apply(Action::Edit {
        label: "Add team".into(),
        edits,
        select: None,
    });
    h.run();
    assert!(h.state().doc().is_dirty());
}

#[test]
fn a_backstage_catalog_opens_as_a_new_unsaved_map_with_its_report() {
    let (mut h, answers) = editor();
    let folder = fixture("backstage/realistic");
    let example = canonical(&h);
    import_via_menu(
        &mut h,
        &answers,
        "Backstage catalog…",
        Some(PickOutcome::Chosen(folder.clone())),
    );
    // Nothing is replaced until the options are accepted.
    assert_eq!(canonical(&h), example);
    confirm_catalog(&mut h);

    let app = h.state();
    let map = app.doc().map();
    assert_eq!(map.teams.len(), 9, "the catalog's groups");
    assert_eq!(map.services.len(), 24, "its components and databases");
    assert!(map.team("checkout-team").is_some());
    assert!(map.service("legacy-erp").is_some());
    assert_eq!(map.name, "realistic", "named after the catalog's folder");
    assert!(
        map.services.iter().all(|s| s.x.is_some() && s.y.is_some()),
        "laid out in lanes"
    );
    assert_eq!(app.doc().path, None, "no file: Save asks where");
    assert!(app.doc().is_dirty(), "an import is not on disk");
    assert!(app.title().starts_with("● realistic — not saved"));
    assert_eq!(
        app.state().status,
        "Imported 33 entities: 9 teams, 24 services, 0 streams; 28 links — 1 unresolved reference"
    );
    let fired = |rule: &str| app.doc().findings().iter().any(|f| f.rule == rule);
    assert!(
        fired("unowned-service"),
        "the ownership problems show at once"
    );

    // The report: counts, and the reference that could not be resolved.
    assert!(report_dialog_open(&h));
    assert!(h.query_by_label("Imported Backstage catalog").is_some());
    assert!(
        h.query_all_by_label_contains("1 unresolved reference")
            .next()
            .is_some()
    );
    assert!(h.query_by_label_contains("Not resolved (1):").is_some());
    assert!(h.query_by_label_contains("growth-team").is_some());
    h.get_by_label("OK").click();
    h.run();
    assert!(!report_dialog_open(&h), "OK closes the report");
    // The panels show the imported map, not the one it replaced (they cache
    // by revision, and every document used to start at revision 0).
    assert!(h.query_by_label_contains("Teams (9)").is_some());
    assert!(h.query_by_label_contains("Services (24)").is_some());
    assert!(h.query_by_label_contains("Streams (0)").is_some());

    // Save asks where, and the map is then saved there.
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("catalog.vsmap.json");
    answers
        .borrow_mut()
        .push_back(PickOutcome::Chosen(target.clone()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let app = h.state();
    assert_eq!(app.doc().path.as_deref(), Some(target.as_path()));
    assert!(!app.doc().is_dirty());
    let saved = vsmap::io::load_file(&target).unwrap();
    assert_eq!(&saved, app.doc().map());
}

#[test]
fn a_structurizr_workspace_asks_for_the_level_and_keeps_the_views_positions() {
    let path = fixture("structurizr/workspace.json");
    for (level, choose) in [
        (Level::Container, None),
        (Level::System, Some("Software systems")),
    ] {
        let (mut h, answers) = editor();
        import_via_menu(
            &mut h,
            &answers,
            "Structurizr workspace…",
            Some(PickOutcome::Chosen(path.clone())),
        );
        // Nothing is replaced until the level is chosen.
        assert!(
            h.query_by_label("Which elements become services?")
                .is_some()
        );
        assert_eq!(
            h.state().doc().map().name,
            "Retail bank onboarding, current state"
        );
        if let Some(label) = choose {
            h.get_by_label(label).click();
            h.run();
        }
        h.get_by_label("Import").click();
        h.run();

        let expected = structurizr::import_path(
            &path,
            &StructurizrOptions {
                name: None,
                level,
                exclude_tags: Vec::new(),
            },
        )
        .unwrap();
        let app = h.state();
        let map = app.doc().map();
        assert_eq!(map.name, "Big Bank plc");
        let ids = |m: &vsmap::model::Map| -> Vec<String> {
            m.services.iter().map(|s| s.id.to_string()).collect()
        };
        assert_eq!(ids(map), ids(&expected.map), "{level:?}");
        assert_eq!(map.links, expected.map.links);
        // The views place every service: positions are kept as they are,
        // not laid out again.
        assert_eq!(expected.report.positioned, expected.map.services.len());
        assert_eq!(map.services, expected.map.services, "{level:?}");
        assert!(map.services.iter().all(|s| s.x.is_some() && s.y.is_some()));
        assert_eq!(app.doc().path, None);
        assert!(app.doc().is_dirty());
        assert!(report_dialog_open(&h));
        let heading = match level {
            Level::Container => "Imported Structurizr workspace (container level)",
            Level::System => "Imported Structurizr workspace (software system level)",
        };
        assert!(h.query_by_label(heading).is_some(), "{heading}");
    }
}

#[test]
fn the_system_level_gives_the_landscape_and_says_what_it_imported() {
    let (mut h, answers) = editor();
    let path = fixture("structurizr/workspace.json");
    import_via_menu(
        &mut h,
        &answers,
        "Structurizr workspace…",
        Some(PickOutcome::Chosen(path)),
    );
    h.get_by_label("Software systems").click();
    h.run();
    h.get_by_label("Import").click();
    h.run();
    let map = h.state().doc().map().clone();
    let ids: Vec<&str> = map.services.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "e-mail-system",
            "internet-banking-system",
            "mainframe-banking-system"
        ]
    );
    assert_eq!(
        h.state().state().status,
        "Imported 5 entities: 2 teams, 3 services, 0 streams; 2 links — 1 unresolved reference"
    );
}

#[test]
fn a_tag_left_out_in_the_level_dialog_leaves_its_elements_out_and_can_be_taken_back() {
    let (mut h, answers) = editor();
    let path = fixture("structurizr/workspace.json");
    import_via_menu(
        &mut h,
        &answers,
        "Structurizr workspace…",
        Some(PickOutcome::Chosen(path.clone())),
    );
    let preview = |h: &Harness<'_, VsmapApp>| {
        let choice = h.state().state().dialogs.import.level.as_ref().unwrap();
        let services = choice.container.as_ref().unwrap().map.services.len();
        (choice.tags.clone(), services)
    };
    let (tags, all) = preview(&h);
    assert_eq!(tags, ["Database", "Legacy", "Web Browser"]);
    // Leave the legacy system out, then take it back, then out again.
    h.get_by_label("Legacy").click();
    h.run();
    let (tags_after, without) = preview(&h);
    assert_eq!(tags_after, tags, "a tag left out is still offered");
    assert!(without < all, "{without} of {all}");
    h.get_by_label("Legacy").click();
    h.run();
    assert_eq!(preview(&h).1, all);
    h.get_by_label("Legacy").click();
    h.run();
    h.get_by_label("Import").click();
    h.run();
    let expected = structurizr::import_path(
        &path,
        &StructurizrOptions {
            name: None,
            level: Level::Container,
            exclude_tags: vec!["Legacy".into()],
        },
    )
    .unwrap();
    let map = h.state().doc().map();
    assert_eq!(map.services, expected.map.services);
    assert_eq!(map.links, expected.map.links);
    assert!(
        map.services
            .iter()
            .all(|s| s.kind != vsmap::model::ServiceKind::Legacy),
        "{:?}",
        map.services
    );
}

#[test]
fn cancelling_the_level_choice_keeps_the_open_map() {
    let (mut h, answers) = editor();
    let before = canonical(&h);
    import_via_menu(
        &mut h,
        &answers,
        "Structurizr workspace…",
        Some(PickOutcome::Chosen(fixture("structurizr/workspace.json"))),
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert!(
        h.query_by_label("Which elements become services?")
            .is_none()
    );
    assert_eq!(canonical(&h), before);
    assert!(!report_dialog_open(&h));
}

#[test]
fn broken_input_shows_the_file_and_line_and_leaves_the_map_alone() {
    let (mut h, answers) = editor();
    edit_something(&mut h);
    // Save first, so the prompt does not stand in the way, then edit again.
    let dir = tempfile::tempdir().unwrap();
    let saved = dir.path().join("mine.vsmap.json");
    answers
        .borrow_mut()
        .push_back(PickOutcome::Chosen(saved.clone()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    assert!(!h.state().doc().is_dirty());
    let before = canonical(&h);

    let malformed = fixture("backstage/broken/malformed.yaml");
    import_via_menu(
        &mut h,
        &answers,
        "Backstage catalog…",
        Some(PickOutcome::Chosen(malformed.clone())),
    );
    let error = h
        .state()
        .state()
        .dialogs
        .error
        .clone()
        .expect("an error dialog");
    assert!(
        error.starts_with(&format!("{}:", malformed.display())),
        "names the file: {error}"
    );
    let line: usize = error[malformed.display().to_string().len() + 1..]
        .split(':')
        .next()
        .and_then(|l| l.parse().ok())
        .unwrap_or_else(|| panic!("and the line: {error}"));
    assert!((7..=8).contains(&line), "{error}");
    assert!(h.query_by_label_contains("malformed YAML").is_some());
    assert!(h.query_by_label("Something went wrong").is_some());
    h.get_by_label("OK").click();
    h.run();
    let app = h.state();
    assert_eq!(canonical(&h), before, "the open map is untouched");
    assert_eq!(app.doc().path.as_deref(), Some(saved.as_path()));
    assert!(!app.doc().is_dirty());
    assert!(!report_dialog_open(&h));

    // A billion laughs, a folder without YAML, and broken JSON: the same.
    let empty = tempfile::tempdir().unwrap();
    let broken_json = dir.path().join("workspace.json");
    std::fs::write(
        &broken_json,
        "{\n  \"model\": {\n    \"softwareSystems\": [ {\"id\": 1,\n",
    )
    .unwrap();
    for (item, path, expected) in [
        (
            "Backstage catalog…",
            fixture("backstage/broken/laughs.yaml"),
            "billion laughs".to_string(),
        ),
        (
            "Backstage catalog…",
            empty.path().to_path_buf(),
            "no *.yaml or *.yml files found".to_string(),
        ),
        (
            "Structurizr workspace…",
            broken_json.clone(),
            format!("{}:", broken_json.display()),
        ),
    ] {
        import_via_menu(&mut h, &answers, item, Some(PickOutcome::Chosen(path)));
        let error = h
            .state()
            .state()
            .dialogs
            .error
            .clone()
            .expect("an error dialog");
        assert!(error.contains(&expected), "{error}");
        assert!(
            h.query_by_label("Which elements become services?")
                .is_none()
        );
        h.get_by_label("OK").click();
        h.run();
        assert_eq!(canonical(&h), before);
    }
}

#[test]
fn importing_over_unsaved_changes_asks_first() {
    let (mut h, answers) = editor();
    edit_something(&mut h);
    let edited = canonical(&h);
    let folder = fixture("backstage/realistic");

    // Cancel: no dialog is shown, nothing changes.
    import_via_menu(
        &mut h,
        &answers,
        "Backstage catalog…",
        Some(PickOutcome::Chosen(folder)),
    );
    assert!(h.query_by_label("Unsaved changes").is_some());
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(canonical(&h), edited);
    assert_eq!(answers.borrow().len(), 1, "the folder was not asked for");

    // Discard: the folder is asked for and imported.
    import_via_menu(&mut h, &answers, "Backstage catalog…", None);
    h.get_by_label("Discard").click();
    h.run();
    confirm_catalog(&mut h);
    assert!(answers.borrow().is_empty());
    assert_eq!(h.state().doc().map().services.len(), 24);
    assert!(report_dialog_open(&h));
}

#[test]
fn without_a_file_dialog_the_catalog_folder_can_be_typed() {
    let (mut h, answers) = editor();
    import_via_menu(
        &mut h,
        &answers,
        "Backstage catalog…",
        Some(PickOutcome::Unavailable),
    );
    assert!(h.query_by_label("Import a catalog folder").is_some());
    assert!(
        h.query_by_label_contains("Type the folder's path")
            .is_some()
    );
    let folder = fixture("backstage/realistic");
    h.get_by_label("File path")
        .type_text(folder.to_str().unwrap());
    h.run();
    h.get_by_label("OK").click();
    h.run();
    confirm_catalog(&mut h);
    assert_eq!(h.state().doc().map().services.len(), 24);
    assert!(report_dialog_open(&h));
}

#[test]
fn the_catalog_options_preview_what_they_import() {
    let (mut h, answers) = editor();
    import_via_menu(
        &mut h,
        &answers,
        "Backstage catalog…",
        Some(PickOutcome::Chosen(fixture("backstage/realistic"))),
    );
    assert!(h.query_by_label_contains("0 streams").is_some());
    h.get_by_label("Draft a stream per system").click();
    h.run();
    assert!(
        h.query_by_label_contains("0 streams").is_none(),
        "systems drafted as streams show in the preview"
    );
    confirm_catalog(&mut h);
    let map = h.state().doc().map();
    assert!(!map.streams.is_empty());
    assert!(
        map.streams
            .iter()
            .all(|s| s.description.contains("mported")),
        "drafts say they were imported"
    );

    // Cancel leaves the open map alone.
    let before = canonical(&h);
    h.get_by_label("OK").click();
    h.run();
    let before_len = h.state().doc().map().services.len();
    import_via_menu(
        &mut h,
        &answers,
        "Backstage catalog…",
        Some(PickOutcome::Chosen(fixture("backstage/realistic"))),
    );
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(h.state().doc().map().services.len(), before_len);
    assert_eq!(canonical(&h), before);
}

#[test]
fn both_imports_are_in_the_command_palette() {
    let (mut h, answers) = editor();
    h.key_press_modifiers(Modifiers::COMMAND, Key::P);
    h.run();
    h.get_by_label("Command palette").type_text("import");
    h.run();
    assert!(h.query_by_label("Import Backstage catalog…").is_some());
    answers
        .borrow_mut()
        .push_back(PickOutcome::Chosen(fixture("structurizr/workspace.json")));
    h.get_by_label("Import Structurizr workspace…").click();
    h.run();
    assert!(
        h.query_by_label("Which elements become services?")
            .is_some()
    );
}

#[test]
fn a_folder_dropped_on_the_window_is_imported_as_a_catalog_after_the_unsaved_prompt() {
    let (mut h, _answers) = editor();
    edit_something(&mut h);
    /// A folder as the windowing integration hands it over.
    #[derive(Debug)]
    struct Dropped(std::path::PathBuf);
    impl egui::DroppedFile for Dropped {
        fn path(&self) -> &std::path::Path {
            &self.0
        }
        fn bytes(&self) -> Result<Vec<u8>, String> {
            Err("a folder".into())
        }
    }
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(Dropped(fixture("backstage/realistic"))));
    h.run();
    assert!(h.query_by_label("Unsaved changes").is_some());
    h.get_by_label("Discard").click();
    h.run();
    confirm_catalog(&mut h);
    assert_eq!(h.state().doc().map().teams.len(), 9);
    assert!(report_dialog_open(&h));
}

#[test]
fn step_timings_from_a_csv_fill_the_open_maps_steps_in_one_undo_step() {
    let (mut h, answers) = editor();
    let before = canonical(&h);
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("times.csv");
    std::fs::write(
        &csv,
        "stream,service,work,wait\nretail-onboarding,kyc-check,2h,5d\nretail-onboarding,ghost,1h,1h\n",
    )
    .unwrap();
    import_via_menu(
        &mut h,
        &answers,
        "Step timings…",
        Some(PickOutcome::Chosen(csv)),
    );
    let map = h.state().doc().map().clone();
    let stream = map.stream("retail-onboarding").unwrap();
    let kyc = stream
        .steps
        .iter()
        .find(|s| s.service.as_str() == "kyc-check")
        .unwrap();
    assert_eq!(kyc.wait.map(|d| d.to_string()).as_deref(), Some("5d"));
    assert_eq!(kyc.work.map(|d| d.to_string()).as_deref(), Some("2h"));
    assert!(
        h.state()
            .state()
            .status
            .starts_with("Filled 1 step from times.csv; 1 row skipped")
    );
    assert!(
        h.query_by_label_contains("line 3: no service \"ghost\"")
            .is_some()
    );
    assert!(
        h.query_by_label_contains("The map is not saved yet")
            .is_none(),
        "the open map keeps its file"
    );
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    // The report dialog holds the keyboard: close it, then undo.
    h.get_by_label("OK").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(canonical(&h), before);
}
