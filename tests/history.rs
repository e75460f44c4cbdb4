//! Property tests of the undo history: a thousand random user actions on each
//! example map, each valid for the map as it is then (renames, moves,
//! services, links, teams, streams and their steps, owners, allow entries,
//! map fields), applied through [`History`]. Undoing everything gives back
//! the original bytes, redoing everything the edited bytes, and any
//! interleaving of undo, redo and new actions matches a reference model: a
//! list of the canonical file after each action and a cursor into it.
//! Every apply, undo and redo also reports whether it was structural, which
//! must be exactly whether the services' ids or the links' keys changed.

mod common;

use std::collections::BTreeSet;

use proptest::prelude::*;
use vsmap::edit::{Applied, Edit, History, MapField, ServiceField, StreamField, TeamField, ops};
use vsmap::io::{from_json, load_file, to_canonical_json};
use vsmap::model::{Color, Id, LinkKind, Map, ServiceKind, Settings, Step, TeamType, validate};

/// A small deterministic generator (SplitMix64): the property test draws
/// the seed, the edits follow from it and the map they are applied to.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        (!items.is_empty()).then(|| &items[self.below(items.len())])
    }

    fn coin(&mut self) -> bool {
        self.next() & 1 == 1
    }
}

const NAMES: [&str; 8] = [
    "Ledger",
    "Zürich Payments",
    "東京 gateway",
    "<b>&amp;</b>",
    "a|b`c`",
    "\u{202e}RTL",
    "e\u{301}",
    "Name with \"quotes\"",
];
const TEXTS: [&str; 4] = ["", "Some words.", "Line one\nline two", "**bold** [x](y)"];
const RULES: [&str; 4] = [
    "unowned-service",
    "two-pizza",
    "data-silo",
    "shared-service",
];

fn service_ids(map: &Map) -> Vec<Id> {
    map.services.iter().map(|s| s.id.clone()).collect()
}

fn team_ids(map: &Map) -> Vec<Id> {
    map.teams.iter().map(|t| t.id.clone()).collect()
}

fn stream_ids(map: &Map) -> Vec<Id> {
    map.streams.iter().map(|s| s.id.clone()).collect()
}

fn maybe_team(map: &Map, rng: &mut Rng) -> Option<Id> {
    if rng.below(4) == 0 {
        None
    } else {
        rng.pick(&team_ids(map)).cloned()
    }
}

fn name(rng: &mut Rng) -> String {
    format!("{} {}", NAMES[rng.below(NAMES.len())], rng.below(100))
}

fn text(rng: &mut Rng) -> String {
    TEXTS[rng.below(TEXTS.len())].to_string()
}

fn color(rng: &mut Rng) -> Option<Color> {
    rng.coin().then(|| Color {
        r: rng.next() as u8,
        g: rng.next() as u8,
        b: rng.next() as u8,
    })
}

/// One user action valid for `map` as it is (a few may still be refused,
/// e.g. removing a team that owns something; that must change nothing).
fn action(map: &Map, rng: &mut Rng) -> (String, Vec<Edit>) {
    let services = service_ids(map);
    let streams = stream_ids(map);
    let teams = team_ids(map);
    let kinds = LinkKind::ALL;
    let pick_service = |rng: &mut Rng| rng.pick(&services).cloned();
    let label = |s: &str| s.to_string();
    match rng.below(26) {
        0 | 1 => match pick_service(rng) {
            Some(id) => (
                label("Rename service"),
                vec![Edit::SetService(id, ServiceField::Name(name(rng)))],
            ),
            None => action_add_service(map, rng),
        },
        2 => match pick_service(rng) {
            Some(id) => (
                label("Change kind"),
                vec![Edit::SetService(
                    id,
                    ServiceField::Kind(ServiceKind::ALL[rng.below(7)]),
                )],
            ),
            None => action_add_service(map, rng),
        },
        3 => {
            let owner = maybe_team(map, rng);
            let chosen: Vec<Id> = (0..1 + rng.below(3))
                .filter_map(|_| pick_service(rng))
                .collect();
            (label("Change owner"), ops::set_owner(map, &chosen, owner))
        }
        4 => match pick_service(rng) {
            Some(id) => (
                label("Describe service"),
                vec![Edit::SetService(id, ServiceField::Description(text(rng)))],
            ),
            None => action_add_service(map, rng),
        },
        5 | 6 => {
            let mut moves: Vec<(Id, f64, f64)> = Vec::new();
            for _ in 0..1 + rng.below(4) {
                if let Some(id) = pick_service(rng) {
                    let x = rng.below(10_000) as f64 - 5_000.0 + 0.3;
                    let y = rng.below(10_000) as f64 - 5_000.0;
                    moves.push((id, x, y));
                }
            }
            (label("Move"), ops::move_services(map, &moves))
        }
        7 | 8 => action_add_service(map, rng),
        9 => {
            let chosen: BTreeSet<Id> = (0..1 + rng.below(2))
                .filter_map(|_| pick_service(rng))
                .collect();
            (label("Delete services"), ops::delete_services(map, &chosen))
        }
        10 | 11 => match (pick_service(rng), pick_service(rng)) {
            (Some(from), Some(to)) => (
                label("Link"),
                ops::add_link(map, &from, &to, kinds[rng.below(3)]),
            ),
            _ => action_add_service(map, rng),
        },
        12 => match rng.pick(&map.links) {
            Some(link) => {
                let (from, to) = if rng.coin() {
                    (link.to.clone(), link.from.clone())
                } else {
                    (link.from.clone(), link.to.clone())
                };
                let kind = kinds[rng.below(3)];
                (
                    label("Change link"),
                    ops::replace_link(map, link, &from, &to, kind),
                )
            }
            None => action_add_service(map, rng),
        },
        13 => match rng.pick(&map.links) {
            Some(l) if rng.coin() => (
                label("Remove link"),
                vec![Edit::RemoveLink(l.from.clone(), l.to.clone(), l.kind)],
            ),
            Some(l) => (
                label("Label link"),
                vec![Edit::SetLinkLabel(
                    l.from.clone(),
                    l.to.clone(),
                    l.kind,
                    text(rng).replace('\n', " "),
                )],
            ),
            None => action_add_service(map, rng),
        },
        14 => {
            let (_, edits) = ops::add_team(map, &name(rng), TeamType::ALL[rng.below(4)]);
            (label("Add team"), edits)
        }
        15 => match rng.pick(&teams) {
            // Deleting every team would leave little to own: keep a few.
            Some(t) if teams.len() > 2 => (label("Delete team"), ops::delete_team(map, t)),
            Some(t) => (
                label("Rename team"),
                vec![Edit::SetTeam(t.clone(), TeamField::Name(name(rng)))],
            ),
            None => (
                label("Add team"),
                ops::add_team(map, &name(rng), TeamType::Platform).1,
            ),
        },
        16 => match rng.pick(&teams) {
            Some(t) => {
                let field = match rng.below(3) {
                    0 => TeamField::Type(TeamType::ALL[rng.below(4)]),
                    1 => TeamField::Members(rng.coin().then(|| rng.below(12) as u32)),
                    _ => TeamField::Color(color(rng)),
                };
                (label("Change team"), vec![Edit::SetTeam(t.clone(), field)])
            }
            None => (
                label("Add team"),
                ops::add_team(map, &name(rng), TeamType::Platform).1,
            ),
        },
        17 => {
            let steps: Vec<Id> = (0..rng.below(5))
                .filter_map(|_| pick_service(rng))
                .collect();
            let owner = maybe_team(map, rng);
            let (_, edits) = ops::add_stream(map, &name(rng), &steps, owner);
            (label("New stream"), edits)
        }
        18 => match rng.pick(&streams) {
            Some(s) if streams.len() > 2 => {
                (label("Remove stream"), vec![Edit::RemoveStream(s.clone())])
            }
            Some(s) => (
                label("Rename stream"),
                vec![Edit::SetStream(s.clone(), StreamField::Name(name(rng)))],
            ),
            None => (
                label("New stream"),
                ops::add_stream(map, "Flow", &services, None).1,
            ),
        },
        19 => match rng.pick(&streams) {
            Some(s) => {
                let field = match rng.below(4) {
                    0 => StreamField::Owner(maybe_team(map, rng)),
                    1 => StreamField::Customer(name(rng)),
                    2 => StreamField::Description(text(rng)),
                    _ => StreamField::Color(color(rng)),
                };
                (
                    label("Change stream"),
                    vec![Edit::SetStream(s.clone(), field)],
                )
            }
            None => (
                label("New stream"),
                ops::add_stream(map, "Flow", &services, None).1,
            ),
        },
        20 | 21 => {
            // A step edit on a random stream.
            let Some(stream) = rng.pick(&map.streams) else {
                return (
                    label("New stream"),
                    ops::add_stream(map, "Flow", &services, None).1,
                );
            };
            let len = stream.steps.len();
            let free: Vec<Id> = services
                .iter()
                .filter(|s| !stream.has_step(s))
                .cloned()
                .collect();
            let edit = match rng.below(3) {
                0 if !free.is_empty() => Edit::InsertStep(
                    stream.id.clone(),
                    rng.below(len + 1),
                    Step {
                        service: free[rng.below(free.len())].clone(),
                        stage: if rng.coin() { name(rng) } else { String::new() },
                        work: None,
                        wait: None,
                        complete_accurate: None,
                    },
                ),
                1 if len > 0 => Edit::RemoveStep(stream.id.clone(), rng.below(len)),
                _ if len > 1 => Edit::MoveStep(stream.id.clone(), rng.below(len), rng.below(len)),
                _ => Edit::SetStream(stream.id.clone(), StreamField::Name(name(rng))),
            };
            (label("Edit steps"), vec![edit])
        }
        22 => {
            let subject = if rng.coin() { pick_service(rng) } else { None };
            let rule = RULES[rng.below(RULES.len())];
            (
                label("Allow"),
                ops::allow(map, rule, subject, "Known and accepted"),
            )
        }
        23 => {
            if map.allow.is_empty() {
                (label("Allow"), ops::allow(map, RULES[0], None, "Accepted"))
            } else {
                (
                    label("Remove allow"),
                    vec![Edit::RemoveAllow(rng.below(map.allow.len()))],
                )
            }
        }
        24 => {
            let field = match rng.below(4) {
                0 => MapField::Name(name(rng)),
                1 => MapField::Description(text(rng)),
                2 => MapField::Reviewed(rng.coin().then(|| {
                    jiff::civil::date(2026, 1 + rng.below(12) as i8, 1 + rng.below(28) as i8)
                })),
                _ => MapField::Settings(Settings {
                    two_pizza_max_teams: rng.coin().then(|| rng.below(5) as u32),
                    team_max_services: rng.coin().then(|| rng.below(20) as u32),
                    ..Settings::default()
                }),
            };
            (label("Change map"), vec![Edit::SetMap(field)])
        }
        _ => {
            // A paste of a few services with the links between them.
            let chosen: BTreeSet<Id> = (0..1 + rng.below(3))
                .filter_map(|_| pick_service(rng))
                .collect();
            let fragment = ops::copy(map, &chosen);
            (label("Paste"), ops::paste(map, &fragment, (40.0, 40.0)).1)
        }
    }
}

fn action_add_service(map: &Map, rng: &mut Rng) -> (String, Vec<Edit>) {
    let owner = maybe_team(map, rng);
    let pos = (rng.below(4000) as f64 - 2000.0, rng.below(4000) as f64);
    let kind = ServiceKind::ALL[rng.below(7)];
    let (_, edits) = ops::add_service(map, &name(rng), kind, owner, pos);
    ("Add service".into(), edits)
}

/// The reference model: the map after each recorded action, the cursor at
/// the current one, and which one was last saved (if still there). Maps are
/// compared whole, which is stricter than their canonical bytes (undo must
/// also restore the order of every list).
struct Model {
    snapshots: Vec<Map>,
    labels: Vec<String>,
    cursor: usize,
    saved: Option<usize>,
}

impl Model {
    fn new(original: Map) -> Model {
        Model {
            snapshots: vec![original],
            labels: vec![String::new()],
            cursor: 0,
            saved: Some(0),
        }
    }

    fn record(&mut self, label: String, snapshot: Map) {
        self.snapshots.truncate(self.cursor + 1);
        self.labels.truncate(self.cursor + 1);
        if self.saved.is_some_and(|s| s > self.cursor) {
            self.saved = None;
        }
        self.snapshots.push(snapshot);
        self.labels.push(label);
        self.cursor += 1;
    }
}

/// What a structural change changes: the services' ids and the links' keys.
type Shape = (Vec<Id>, Vec<(Id, Id, LinkKind)>);

fn shape(map: &Map) -> Shape {
    (
        service_ids(map),
        map.links
            .iter()
            .map(|l| (l.from.clone(), l.to.clone(), l.kind))
            .collect(),
    )
}

/// Checks an undo or redo against the reference: it happened exactly when
/// the model has a state to go to, under the action's label, and it was
/// structural exactly when that state has another shape.
fn check_step(done: Option<Applied>, model: &Model, from: usize, to: Option<usize>) {
    match (done, to) {
        (Some(done), Some(to)) => {
            let label = &model.labels[from.max(to)];
            assert_eq!(&done.label, label);
            assert_eq!(
                done.structural,
                shape(&model.snapshots[from]) != shape(&model.snapshots[to]),
                "{label}: structural"
            );
        }
        (None, None) => {}
        (done, to) => panic!("{done:?} done, but the model goes to {to:?}"),
    }
}

/// Applies one random action through the history and the model; checks that
/// a refused action changes nothing and that an accepted one leaves a map
/// that saves to a file that loads. Returns whether it was recorded.
fn act(map: &mut Map, history: &mut History, model: &mut Model, rng: &mut Rng) -> bool {
    let (label, edits) = action(map, rng);
    let recorded = !edits.is_empty();
    let before = shape(map);
    match history.apply(map, label.clone(), edits) {
        Ok(applied) if recorded => {
            assert_eq!(applied.label, label);
            assert_eq!(
                applied.structural,
                shape(map) != before,
                "{label}: structural"
            );
            let problems = validate(map, vsmap::analysis::is_rule_id);
            assert!(
                problems.is_empty(),
                "{label} made the map invalid: {problems:?}"
            );
            model.record(label, map.clone());
            true
        }
        Ok(applied) => {
            assert!(!applied.structural, "an empty {label} changed nothing");
            false
        }
        Err(_) => {
            assert!(
                *map == model.snapshots[model.cursor],
                "a refused {label} changed the map"
            );
            false
        }
    }
}

fn check(map: &Map, history: &History, model: &Model) {
    assert!(
        *map == model.snapshots[model.cursor],
        "the map differs from the model"
    );
    let undo = (model.cursor > 0).then(|| model.labels[model.cursor].as_str());
    assert_eq!(history.undo_label(), undo);
    let redo = model.labels.get(model.cursor + 1).map(String::as_str);
    assert_eq!(history.redo_label(), redo);
    assert_eq!(history.is_dirty(), model.saved != Some(model.cursor));
}

const ACTIONS: usize = 1000;

fn thousand_actions_then_undo_redo_and_interleave(example: &str, seed: u64) {
    let mut map = load_file(&common::example_path(example)).unwrap();
    let original = to_canonical_json(&map);
    let mut history = History::new();
    let mut model = Model::new(map.clone());
    let mut rng = Rng(seed);

    // A thousand actions (the history keeps exactly that many).
    let mut recorded = 0;
    for _ in 0..ACTIONS {
        recorded += usize::from(act(&mut map, &mut history, &mut model, &mut rng));
    }
    assert!(
        recorded > ACTIONS * 3 / 4,
        "only {recorded} of {ACTIONS} actions changed the map: the generator is too timid"
    );
    check(&map, &history, &model);
    let edited = to_canonical_json(&map);
    assert_ne!(edited, original);
    let reloaded = from_json(edited.as_bytes()).expect("the edited map loads");
    assert_eq!(to_canonical_json(&reloaded), edited);

    // Undo everything: the original bytes; redo everything: the edited ones.
    let mut undone = 0;
    loop {
        let cursor = model.snapshots.len() - 1 - undone;
        let done = history.undo(&mut map);
        let stop = done.is_none();
        check_step(done, &model, cursor, cursor.checked_sub(1));
        if stop {
            break;
        }
        undone += 1;
    }
    assert_eq!(undone, recorded);
    assert_eq!(to_canonical_json(&map), original, "undoing all");
    assert!(!history.is_dirty());
    let mut redone = 0;
    loop {
        let done = history.redo(&mut map);
        let stop = done.is_none();
        let next = (redone + 1 < model.snapshots.len()).then_some(redone + 1);
        check_step(done, &model, redone, next);
        if stop {
            break;
        }
        redone += 1;
    }
    assert_eq!(redone, recorded);
    assert_eq!(to_canonical_json(&map), edited, "redoing all");
    model.cursor = model.snapshots.len() - 1;

    // Any interleaving of undo, redo, saves and new actions.
    for _ in 0..600 {
        match rng.below(10) {
            0..=3 => {
                let done = history.undo(&mut map);
                check_step(done, &model, model.cursor, model.cursor.checked_sub(1));
                model.cursor = model.cursor.saturating_sub(1);
            }
            4..=7 => {
                let done = history.redo(&mut map);
                let next = Some(model.cursor + 1).filter(|n| *n < model.snapshots.len());
                check_step(done, &model, model.cursor, next);
                model.cursor = (model.cursor + 1).min(model.snapshots.len() - 1);
            }
            8 => {
                history.mark_saved();
                model.saved = Some(model.cursor);
            }
            _ => {
                // A new action past the limit would drop the oldest one,
                // which the model does not follow: stay within it.
                if model.cursor < ACTIONS {
                    act(&mut map, &mut history, &mut model, &mut rng);
                }
            }
        }
        check(&map, &history, &model);
    }
}

proptest! {
    // Each case applies a thousand actions and several thousand undo and
    // redo steps; a few cases per map keep the test to seconds.
    #![proptest_config(ProptestConfig {
        cases: 4,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn history_of_the_current_example(seed in any::<u64>()) {
        thousand_actions_then_undo_redo_and_interleave("onboarding-current", seed);
    }

    #[test]
    fn history_of_the_proposed_example(seed in any::<u64>()) {
        thousand_actions_then_undo_redo_and_interleave("onboarding-proposed", seed);
    }
}
