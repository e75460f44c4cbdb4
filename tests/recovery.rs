//! Never lose a map: autosave to a recovery copy, the restore prompt after a
//! crash, files changed on disk by someone else, and failed saves, driven
//! through the editor with egui_kittest. Time is simulated (the frame's
//! clock is moved forward), and every test has its own recovery folder.
#![cfg(feature = "gui")]

use std::path::{Path, PathBuf};

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use vsmap::io::recovery::{RecoveryStore, Snapshot};
use vsmap::io::{FileStamp, from_json, to_canonical_json};
use vsmap::ui::app::VsmapApp;
use vsmap::ui::state::Document;
use vsmap::ui::state::PickOutcome;

mod common;
use common::editor::{Answers, editor_harness};

const SMALL_MAP: &str = r#"{
  "format": "vsmap", "version": 1, "name": "Small", "reviewed": "2026-11-20",
  "teams": [ { "id": "a", "name": "Team A", "type": "stream-aligned" } ],
  "services": [
    { "id": "web", "name": "Web", "kind": "frontend", "owner": "a", "x": 0, "y": 0 },
    { "id": "api", "name": "API", "kind": "service", "owner": "a", "x": 300, "y": 0 }
  ],
  "links": [ { "from": "web", "to": "api", "kind": "sync" } ],
  "streams": [ { "id": "shop", "name": "Shop", "owner": "a", "customer": "Shopper", "description": "Buy things.",
                 "steps": [ { "service": "web" }, { "service": "api" } ] } ]
}"#;

/// A user's folder with `small.vsmap.json`, and a data folder for copies.
struct Folders {
    _root: tempfile::TempDir,
    user_file: PathBuf,
    store: RecoveryStore,
}

fn folders() -> Folders {
    let root = tempfile::tempdir().unwrap();
    let user_file = root.path().join("small.vsmap.json");
    let map = from_json(SMALL_MAP.as_bytes()).unwrap();
    std::fs::write(&user_file, to_canonical_json(&map)).unwrap();
    let store = RecoveryStore::new(root.path().join("data").join("recovery"));
    Folders {
        _root: root,
        user_file,
        store,
    }
}

fn harness(doc: Document, store: &RecoveryStore) -> (Harness<'static, VsmapApp>, Answers) {
    let store = store.clone();
    editor_harness(doc, move |app| app.set_recovery_store(&store))
}

/// The editor on the user's file, as if opened from the File menu.
fn open_user_file(f: &Folders) -> (Harness<'static, VsmapApp>, Answers) {
    harness(Document::open(&f.user_file).unwrap(), &f.store)
}

fn press(h: &mut Harness<'_, VsmapApp>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

/// An edit through the UI: `T` adds a team.
fn edit(h: &mut Harness<'_, VsmapApp>) {
    let before = h.state().doc().map().teams.len();
    press(h, Modifiers::NONE, Key::T);
    assert_eq!(
        h.state().doc().map().teams.len(),
        before + 1,
        "T adds a team"
    );
}

/// Moves the frame clock `seconds` ahead (the user looked away), then runs.
fn wait(h: &mut Harness<'_, VsmapApp>, seconds: f64) {
    let now = h.ctx.input(|i| i.time);
    h.input_mut().time = Some(now + seconds);
    h.step();
    // From here the clock runs on by the step time again.
    h.input_mut().time = None;
    h.run();
}

fn set_focus(h: &mut Harness<'_, VsmapApp>, focused: bool) {
    h.input_mut().focused = focused;
    h.event(Event::WindowFocused(focused));
    h.run();
}

fn canonical(h: &Harness<'_, VsmapApp>) -> String {
    to_canonical_json(h.state().doc().map())
}

fn copy_of(h: &Harness<'_, VsmapApp>) -> PathBuf {
    h.state().state().recovery.file().expect("autosave is on")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

fn shows(h: &Harness<'_, VsmapApp>, text: &str) -> bool {
    h.query_by_label_contains(text).is_some()
}

fn click(h: &mut Harness<'_, VsmapApp>, label: &str) {
    h.get_by_label(label).click();
    h.run();
}

/// A map edited by an editor that was then killed: its copy is left in the store.
fn crashed_editor(store: &RecoveryStore, name: &str, original: Option<&Path>, at: &str) -> String {
    let mut map = from_json(SMALL_MAP.as_bytes()).unwrap();
    map.name = name.into();
    map.description = "edited before the crash".into();
    let session = store.start_session().unwrap();
    let snapshot = Snapshot {
        original_stamp: original.map(|p| FileStamp::read(p).unwrap()),
        original: original.map(Path::to_path_buf),
        map,
    };
    session.write(&snapshot, at.parse().unwrap()).unwrap();
    // Dropped without `end`: what `kill -9` leaves behind.
    drop(session);
    to_canonical_json(&snapshot.map)
}

#[test]
fn unsaved_changes_reach_the_recovery_copy_within_thirty_seconds_and_never_the_users_file() {
    let f = folders();
    let original = read(&f.user_file);
    let (mut h, _) = open_user_file(&f);
    let copy = copy_of(&h);
    assert!(copy.starts_with(f.store.dir()));

    edit(&mut h);
    assert!(!copy.exists(), "not written at every change");
    assert!(
        h.ctx.has_requested_repaint(),
        "a frame is asked for when the copy is due"
    );
    wait(&mut h, 10.0);
    assert!(!copy.exists(), "not due yet");
    wait(&mut h, 21.0);
    assert_eq!(read(&copy), canonical(&h), "the copy has the edit");
    assert_eq!(read(&f.user_file), original, "the user's file is untouched");

    // Written, nothing new: the editor is idle again and asks for no frame.
    for _ in 0..10 {
        h.step();
        assert!(
            !h.ctx.has_requested_repaint(),
            "an idle editor must not draw frames"
        );
    }

    // A later change is written on its own 30 s.
    let first = read(&copy);
    edit(&mut h);
    wait(&mut h, 29.0);
    assert_eq!(read(&copy), first);
    wait(&mut h, 2.0);
    assert_eq!(read(&copy), canonical(&h));
    assert_ne!(read(&copy), first);
}

#[test]
fn losing_focus_writes_the_copy_at_once_and_saving_removes_it() {
    let f = folders();
    let (mut h, _) = open_user_file(&f);
    let copy = copy_of(&h);
    edit(&mut h);
    set_focus(&mut h, false);
    assert_eq!(read(&copy), canonical(&h), "switching away writes the copy");
    set_focus(&mut h, true);

    press(&mut h, Modifiers::COMMAND, Key::S);
    assert!(!h.state().doc().is_dirty());
    assert_eq!(read(&f.user_file), canonical(&h));
    assert!(!copy.exists(), "a saved map needs no recovery copy");

    // Every change undone is nothing to recover either.
    edit(&mut h);
    set_focus(&mut h, false);
    assert!(copy.exists());
    set_focus(&mut h, true);
    press(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(!h.state().doc().is_dirty());
    assert!(!copy.exists());

    // A clean exit leaves nothing in the recovery folder.
    eframe::App::on_exit(h.state_mut());
    let left: Vec<_> = std::fs::read_dir(f.store.dir()).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn after_a_crash_the_next_start_offers_the_changes_back_and_save_writes_them_to_their_file() {
    let f = folders();
    let edited = crashed_editor(
        &f.store,
        "Small",
        Some(&f.user_file),
        "2026-11-24T12:15:00Z",
    );
    let (mut h, _) = harness(Document::example(), &f.store);
    let when = h.state().state().recovery.offers[0].saved_at_local();
    assert!(
        when.starts_with("2026-11-2"),
        "{when}: the time it was written, in local time"
    );
    assert!(
        shows(
            &h,
            &format!("Restore unsaved changes to \"Small\" from {when}?")
        ),
        "the prompt names the map and the time"
    );
    assert!(shows(&h, &f.user_file.display().to_string()));
    let old_copy = h.state().state().recovery.offers[0].file.clone();

    click(&mut h, "Restore");
    let app = h.state();
    assert_eq!(to_canonical_json(app.doc().map()), edited);
    assert!(app.doc().is_dirty(), "restored changes are unsaved");
    assert_eq!(app.doc().path.as_deref(), Some(f.user_file.as_path()));
    assert!(!old_copy.exists(), "the old copy is gone…");
    assert_eq!(read(&copy_of(&h)), edited, "…once this session has its own");
    assert!(
        shows(&h, "Teams (1)") && !shows(&h, "Teams (7)"),
        "the outline lists the restored map, not the example it replaced"
    );

    // The file did not change since the crashed editor opened it: Save
    // writes the recovered map there without asking.
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert!(!shows(&h, "changed on disk"));
    assert_eq!(read(&f.user_file), edited);
    assert!(!h.state().doc().is_dirty());
}

#[test]
fn several_copies_are_offered_newest_first_and_discard_and_save_as_deal_with_them() {
    let f = folders();
    crashed_editor(&f.store, "Older", None, "2026-11-23T09:00:00Z");
    let newer = crashed_editor(&f.store, "Newer", None, "2026-11-24T09:00:00Z");
    let (mut h, answers) = harness(Document::example(), &f.store);
    let example = canonical(&h);
    assert!(shows(&h, "Restore unsaved changes to \"Newer\""));
    assert!(!shows(&h, "\"Older\""), "one prompt at a time");

    // Save as…, cancelled: the prompt comes back.
    click(&mut h, "Save as…");
    assert!(shows(&h, "Restore unsaved changes to \"Newer\""));
    // Save as…, to a file: written there, the open map untouched.
    let elsewhere = f
        .store
        .dir()
        .parent()
        .unwrap()
        .join("saved-newer.vsmap.json");
    answers
        .borrow_mut()
        .push_back(PickOutcome::Chosen(elsewhere.clone()));
    click(&mut h, "Save as…");
    assert_eq!(read(&elsewhere), newer);
    assert_eq!(canonical(&h), example);

    assert!(shows(&h, "Restore unsaved changes to \"Older\""));
    click(&mut h, "Discard");
    assert!(!shows(&h, "Restore unsaved changes"));
    assert_eq!(canonical(&h), example);
    assert!(
        f.store.orphans().is_empty(),
        "both copies were dealt with: none is left to offer"
    );
}

#[test]
fn save_asks_before_overwriting_a_file_changed_on_disk() {
    let f = folders();
    let (mut h, _) = open_user_file(&f);
    edit(&mut h);
    // Another program (a git pull) rewrites the file.
    let mut theirs = from_json(SMALL_MAP.as_bytes()).unwrap();
    theirs.description = "changed by a git pull".into();
    let theirs = to_canonical_json(&theirs);
    std::fs::write(&f.user_file, &theirs).unwrap();

    press(&mut h, Modifiers::COMMAND, Key::S);
    assert!(shows(&h, "was changed by another program"));
    assert_eq!(read(&f.user_file), theirs, "nothing overwritten yet");
    click(&mut h, "Reload");
    assert!(shows(&h, "Discard your unsaved changes"));
    click(&mut h, "Back");
    click(&mut h, "Overwrite");
    assert_eq!(read(&f.user_file), canonical(&h));
    assert!(!h.state().doc().is_dirty());

    // Saved: a further save of a further edit does not ask.
    edit(&mut h);
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert!(!shows(&h, "was changed by another program"));
    assert_eq!(read(&f.user_file), canonical(&h));

    // Changed again; this time Reload, confirmed, takes the file's version.
    edit(&mut h);
    std::fs::write(&f.user_file, &theirs).unwrap();
    press(&mut h, Modifiers::COMMAND, Key::S);
    click(&mut h, "Reload");
    click(&mut h, "Discard changes and reload");
    assert_eq!(canonical(&h), theirs);
    assert!(!h.state().doc().is_dirty());
}

#[test]
fn regaining_focus_with_nothing_unsaved_offers_to_reload_a_changed_file() {
    let f = folders();
    let (mut h, _) = open_user_file(&f);
    let mut theirs = from_json(SMALL_MAP.as_bytes()).unwrap();
    theirs.description = "changed in another editor".into();
    let theirs = to_canonical_json(&theirs);

    // Unchanged: coming back says nothing.
    set_focus(&mut h, false);
    set_focus(&mut h, true);
    assert!(!shows(&h, "changed on disk. Reload?"));

    std::fs::write(&f.user_file, &theirs).unwrap();
    set_focus(&mut h, false);
    set_focus(&mut h, true);
    assert!(shows(&h, "small.vsmap.json changed on disk. Reload?"));
    click(&mut h, "Keep");
    assert_ne!(canonical(&h), theirs);
    // Declined for this version of the file: not asked again for it.
    set_focus(&mut h, false);
    set_focus(&mut h, true);
    assert!(!shows(&h, "changed on disk. Reload?"));

    // With unsaved changes it only asks when saving.
    edit(&mut h);
    let mut newer = from_json(SMALL_MAP.as_bytes()).unwrap();
    newer.description = "changed once more".into();
    let newer = to_canonical_json(&newer);
    std::fs::write(&f.user_file, &newer).unwrap();
    set_focus(&mut h, false);
    set_focus(&mut h, true);
    assert!(!shows(&h, "changed on disk. Reload?"));
    press(&mut h, Modifiers::COMMAND, Key::Z);

    set_focus(&mut h, false);
    set_focus(&mut h, true);
    click(&mut h, "Reload");
    assert_eq!(canonical(&h), newer);
}

#[test]
fn a_failed_save_says_why_keeps_the_changes_unsaved_and_the_recovery_copy_current() {
    let f = folders();
    let gone = f
        .user_file
        .parent()
        .unwrap()
        .join("gone")
        .join("small.vsmap.json");
    let doc = Document::new(from_json(SMALL_MAP.as_bytes()).unwrap(), Some(gone.clone()));
    let (mut h, _) = harness(doc, &f.store);
    edit(&mut h);
    press(&mut h, Modifiers::COMMAND, Key::S);
    assert!(shows(&h, &format!("{}: cannot save", gone.display())));
    assert!(shows(
        &h,
        "Your changes are still open, unsaved, and a recovery copy is in"
    ));
    assert!(h.state().doc().is_dirty());
    assert!(h.state().title().starts_with("● "));
    assert_eq!(
        read(&copy_of(&h)),
        canonical(&h),
        "the copy is written at once, not 30 s later"
    );
    click(&mut h, "OK");
    assert!(h.state().doc().is_dirty());
}

#[test]
fn the_panic_hook_finds_the_latest_unsaved_map() {
    let f = folders();
    let (mut h, _) = open_user_file(&f);
    edit(&mut h);
    edit(&mut h);
    // What the installed hook calls when the UI panics.
    let (file, name) = h
        .state()
        .state()
        .recovery
        .guard()
        .unwrap()
        .write_for_panic()
        .expect("written");
    assert_eq!(name, "Small");
    assert_eq!(read(&file), canonical(&h));
    // And the next start offers it, pointing at the user's file.
    let offered = f.store.orphans();
    assert!(offered.is_empty(), "not while this editor runs");
    drop(h);
    let offered = f.store.orphans();
    assert_eq!(offered.len(), 1);
    assert_eq!(offered[0].original.as_deref(), Some(f.user_file.as_path()));
}
