//! A monkey test of the real editor: thousands of random user events from a
//! fixed seed, on both example maps, through egui_kittest.
//!
//! The events are what a person can do with a mouse and a keyboard: clicks
//! and double-clicks on services, on empty canvas and anywhere in the window
//! (menus, toolbar, panels, dialogs); drags with and without Shift, Alt and
//! Ctrl; right-clicks; every command's shortcut; typing into whatever has
//! focus; Enter, Tab, Escape and the arrows; the wheel. After every event the
//! map must validate (nothing the editor lets a user do may produce a file
//! that does not load). Every so often, and at the end, two presses of Escape
//! must leave no dialog, palette, menu or popup open, as on every desktop. At
//! the end, idle frames must request no repaint, saving and reloading must
//! give the same bytes, and undoing everything must give back the map the
//! run started from (or the last map opened in its place, when a command
//! such as New map replaced it).
#![cfg(feature = "gui")]

use egui::{Event, Key, Modifiers, PointerButton, Pos2, pos2};
use egui_kittest::Harness;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use vsmap::io::{from_json, to_canonical_json};
use vsmap::ui::app::VsmapApp;
use vsmap::ui::state::Action;
use vsmap::ui::state::Document;
use vsmap::ui::state::UICommand;

mod common;
use common::editor::editor_harness;

/// Events per map. Enough to open and close every dialog many times over.
const EVENTS: usize = 2500;
/// How often (in events) the Escape check runs besides at the end.
const ESCAPE_CHECK_EVERY: usize = 100;
const WINDOW: egui::Vec2 = egui::vec2(1400.0, 900.0);

// What the test reads of the app: kept in one place.

fn canonical(h: &Harness<'_, VsmapApp>) -> String {
    to_canonical_json(h.state().doc().map())
}

fn can_undo_or_redo(h: &Harness<'_, VsmapApp>) -> bool {
    let history = &h.state().doc().history;
    history.undo_label().is_some() || history.redo_label().is_some()
}

fn service_positions(h: &Harness<'_, VsmapApp>) -> Vec<Pos2> {
    let app = h.state();
    let map = app.doc().map();
    map.services
        .iter()
        .filter_map(|s| app.canvas().screen_pos_of(map, s.id.as_str()))
        .filter(|p| app.canvas().rect().contains(*p))
        .collect()
}

fn canvas_rect(h: &Harness<'_, VsmapApp>) -> egui::Rect {
    h.state().canvas().rect()
}

/// The names of whatever dialog, palette, window, menu or popup is open.
fn open_things(h: &Harness<'_, VsmapApp>) -> Vec<&'static str> {
    let app = h.state();
    let d = &app.state().dialogs;
    let mut open = Vec::new();
    for (is_open, name) in [
        (d.error.is_some(), "error"),
        (d.unsaved.is_some(), "unsaved changes"),
        (d.allow.is_some(), "allow reason"),
        (d.conflict.is_some(), "changed on disk"),
        (d.reload.is_some(), "reload"),
        (d.path_field.is_some(), "path field"),
        (d.palette.is_some(), "command palette"),
        (d.shortcuts, "keyboard shortcuts"),
        (d.about, "about"),
        (d.import.any_open(), "import"),
        (app.state().presentation.is_some(), "presentation"),
        (app.canvas().has_context_menu(), "canvas context menu"),
        (egui::Popup::is_any_open(&h.ctx), "menu or popup"),
    ] {
        if is_open {
            open.push(name);
        }
    }
    open
}

fn validate(h: &Harness<'_, VsmapApp>, step: usize, what: &str) {
    let map = h.state().doc().map();
    let problems = vsmap::model::validate(map, vsmap::analysis::is_rule_id);
    assert!(
        problems.is_empty(),
        "after event {step} ({what}) the map does not validate: {problems:?}"
    );
}

/// Runs frames until the app is idle (or a bounded number of them: a camera
/// move takes about 30).
fn settle(h: &mut Harness<'_, VsmapApp>) {
    h.step();
    let _ = h.try_run();
}

struct Monkey {
    rng: ChaCha8Rng,
}

const WORDS: &[&str] = &[
    "Payments",
    "a",
    " ",
    "KYC Service",
    "Ünïcødé ✓",
    "שלום",
    "Team\tTab",
    "",
    "123",
];

impl Monkey {
    fn point_in(&mut self, rect: egui::Rect) -> Pos2 {
        pos2(
            self.rng
                .random_range(rect.min.x..rect.max.x.max(rect.min.x + 1.0)),
            self.rng
                .random_range(rect.min.y..rect.max.y.max(rect.min.y + 1.0)),
        )
    }

    fn anywhere(&mut self) -> Pos2 {
        self.point_in(egui::Rect::from_min_size(
            Pos2::ZERO,
            WINDOW - egui::vec2(1.0, 1.0),
        ))
    }

    fn modifiers(&mut self) -> Modifiers {
        match self.rng.random_range(0..6) {
            0 => Modifiers::SHIFT,
            1 => Modifiers::ALT,
            2 => Modifiers::COMMAND,
            _ => Modifiers::NONE,
        }
    }

    fn node_or_anywhere(&mut self, h: &Harness<'_, VsmapApp>) -> Pos2 {
        let nodes = service_positions(h);
        if nodes.is_empty() {
            self.point_in(canvas_rect(h))
        } else {
            nodes[self.rng.random_range(0..nodes.len())]
        }
    }

    fn empty_canvas(&mut self, h: &Harness<'_, VsmapApp>) -> Pos2 {
        let rect = canvas_rect(h);
        if !rect.is_positive() {
            return self.anywhere();
        }
        let nodes = service_positions(h);
        for _ in 0..20 {
            let p = self.point_in(rect.shrink(4.0));
            if nodes
                .iter()
                .all(|n| (n.x - p.x).abs() > 100.0 || (n.y - p.y).abs() > 45.0)
            {
                return p;
            }
        }
        self.point_in(rect)
    }

    /// One random user event; returns what it was, for failure messages.
    fn act(&mut self, h: &mut Harness<'_, VsmapApp>) -> String {
        match self.rng.random_range(0..100) {
            0..15 => {
                let p = self.node_or_anywhere(h);
                let m = self.modifiers();
                click(h, p, PointerButton::Primary, m);
                format!("click a service at {p:?} with {m:?}")
            }
            15..18 => {
                let p = self.node_or_anywhere(h);
                double_click(h, p);
                format!("double-click a service at {p:?}")
            }
            18..24 => {
                let p = self.empty_canvas(h);
                click(h, p, PointerButton::Primary, Modifiers::NONE);
                format!("click empty canvas at {p:?}")
            }
            24..26 => {
                let p = self.empty_canvas(h);
                double_click(h, p);
                format!("double-click empty canvas at {p:?}")
            }
            26..42 => {
                let p = self.anywhere();
                click(h, p, PointerButton::Primary, Modifiers::NONE);
                format!("click at {p:?}")
            }
            42..50 => {
                let from = if self.rng.random_bool(0.7) {
                    self.node_or_anywhere(h)
                } else {
                    self.empty_canvas(h)
                };
                let to = self.point_in(canvas_rect(h));
                let m = self.modifiers();
                drag(h, from, to, m);
                format!("drag from {from:?} to {to:?} with {m:?}")
            }
            50..53 => {
                let p = self.anywhere();
                let m = self.modifiers();
                drag(h, p, self.anywhere(), m);
                format!("drag from {p:?} with {m:?}")
            }
            53..57 => {
                let p = if self.rng.random_bool(0.5) {
                    self.node_or_anywhere(h)
                } else {
                    self.empty_canvas(h)
                };
                click(h, p, PointerButton::Secondary, Modifiers::NONE);
                format!("right-click at {p:?}")
            }
            57..70 => {
                let commands: Vec<UICommand> = UICommand::all()
                    .filter(|c| c.shortcut().is_some())
                    .collect();
                let command = commands[self.rng.random_range(0..commands.len())];
                let shortcut = command
                    .shortcut()
                    .unwrap_or(egui::KeyboardShortcut::new(Modifiers::NONE, Key::Escape));
                h.key_press_modifiers(shortcut.modifiers, shortcut.logical_key);
                format!("shortcut of {}", command.label())
            }
            70..74 => {
                let key = if self.rng.random_bool(0.5) {
                    (Modifiers::COMMAND, Key::P)
                } else {
                    (Modifiers::NONE, Key::F1)
                };
                h.key_press_modifiers(key.0, key.1);
                format!("press {key:?}")
            }
            74..82 => {
                let word = WORDS[self.rng.random_range(0..WORDS.len())];
                h.event(Event::Text(word.to_string()));
                format!("type {word:?}")
            }
            82..94 => {
                let keys = [
                    Key::Enter,
                    Key::Tab,
                    Key::Escape,
                    Key::ArrowDown,
                    Key::ArrowUp,
                    Key::ArrowLeft,
                    Key::ArrowRight,
                    Key::Backspace,
                    Key::Delete,
                    Key::Space,
                ];
                let key = keys[self.rng.random_range(0..keys.len())];
                let m = if key == Key::Tab && self.rng.random_bool(0.3) {
                    Modifiers::SHIFT
                } else {
                    Modifiers::NONE
                };
                h.key_press_modifiers(m, key);
                format!("press {key:?} with {m:?}")
            }
            _ => {
                let p = self.anywhere();
                let delta = egui::vec2(0.0, self.rng.random_range(-3.0..3.0));
                h.event(Event::PointerMoved(p));
                h.event(Event::MouseWheel {
                    unit: egui::MouseWheelUnit::Line,
                    delta,
                    phase: egui::TouchPhase::Move,
                    modifiers: Modifiers::NONE,
                });
                format!("wheel {delta:?} at {p:?}")
            }
        }
    }
}

fn pointer(
    h: &mut Harness<'_, VsmapApp>,
    pos: Pos2,
    button: PointerButton,
    pressed: bool,
    m: Modifiers,
) {
    h.event_modifiers(
        Event::PointerButton {
            pos,
            button,
            pressed,
            modifiers: m,
        },
        m,
    );
}

fn click(h: &mut Harness<'_, VsmapApp>, pos: Pos2, button: PointerButton, m: Modifiers) {
    h.event(Event::PointerMoved(pos));
    h.step();
    pointer(h, pos, button, true, m);
    h.step();
    pointer(h, pos, button, false, m);
}

fn double_click(h: &mut Harness<'_, VsmapApp>, pos: Pos2) {
    click(h, pos, PointerButton::Primary, Modifiers::NONE);
    h.step();
    pointer(h, pos, PointerButton::Primary, true, Modifiers::NONE);
    h.step();
    pointer(h, pos, PointerButton::Primary, false, Modifiers::NONE);
}

fn drag(h: &mut Harness<'_, VsmapApp>, from: Pos2, to: Pos2, m: Modifiers) {
    h.event(Event::PointerMoved(from));
    h.step();
    pointer(h, from, PointerButton::Primary, true, m);
    h.step();
    for k in 1..=4 {
        let p = from + (to - from) * (k as f32 / 4.0);
        h.event_modifiers(Event::PointerMoved(p), m);
        h.step();
    }
    pointer(h, to, PointerButton::Primary, false, m);
}

fn escape_twice_closes_everything(h: &mut Harness<'_, VsmapApp>, when: &str) {
    for _ in 0..2 {
        h.key_press(Key::Escape);
        settle(h);
    }
    let open = open_things(h);
    assert!(
        open.is_empty(),
        "{when}: after two presses of Escape these are still open: {open:?}"
    );
}

fn monkey(doc: Document, seed: u64) {
    let (mut h, _answers) = editor_harness(doc, |_| {});
    let mut baseline = canonical(&h);
    let mut monkey = Monkey {
        rng: ChaCha8Rng::seed_from_u64(seed),
    };
    let mut last = baseline.clone();
    for step in 0..EVENTS {
        let what = monkey.act(&mut h);
        settle(&mut h);
        validate(&h, step, &what);
        let now = canonical(&h);
        // A map changed without any history is a map opened in place of the
        // last one (New map, Open example, an import): undo ends there.
        if now != last && !can_undo_or_redo(&h) {
            baseline = now.clone();
        }
        last = now;
        if step % ESCAPE_CHECK_EVERY == ESCAPE_CHECK_EVERY - 1 {
            escape_twice_closes_everything(&mut h, &format!("after event {step} ({what})"));
        }
    }
    escape_twice_closes_everything(&mut h, "at the end");

    // Idle: once settled, frames without input ask for no further frame.
    settle(&mut h);
    for _ in 0..5 {
        h.step();
        assert!(
            !h.ctx.has_requested_repaint(),
            "an idle frame requested another frame"
        );
    }

    // Saving and reloading gives the same bytes.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("monkey.vsmap.json");
    let edited = canonical(&h);
    h.state_mut().act(Action::SaveTo(path.clone()));
    settle(&mut h);
    let saved = std::fs::read_to_string(&path).expect("the map was saved");
    assert_eq!(saved, edited, "the file holds the map as edited");
    let reloaded = from_json(saved.as_bytes()).expect("the saved map loads");
    assert_eq!(to_canonical_json(&reloaded), saved);

    // Undoing everything gives the map the run started from.
    let mut undone = 0;
    while h.state().doc().history.undo_label().is_some() {
        h.state_mut().act(Action::Command(UICommand::Undo));
        settle(&mut h);
        undone += 1;
        assert!(undone < 100_000, "undo does not end");
    }
    assert_eq!(canonical(&h), baseline, "undoing all {undone} steps");
}

#[test]
fn a_monkey_on_the_current_example_breaks_nothing() {
    monkey(Document::example(), 1);
}

#[test]
fn a_monkey_on_the_proposed_example_breaks_nothing() {
    let map = from_json(vsmap::ui::state::EXAMPLE_PROPOSED.as_bytes()).unwrap();
    monkey(Document::new(map, None), 2);
}
