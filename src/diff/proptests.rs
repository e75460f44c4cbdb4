//! Property tests over generated maps: the diff of a map with itself is
//! empty, the diff reverses exactly, and applying it gives the other map,
//! as do its edits, whose inverses give the first map back; every change it
//! lists taken alone applies to a valid map or is refused with a reason.
//!
//! Maps are generated from raw numbers that [`build`] turns into a valid map
//! (a few teams, services with owners, kinds and positions, links without
//! duplicates or self-links, streams with unique steps, allow entries);
//! [`mutate`] makes a second map from the first by random edits: renames,
//! new owners, kinds and types, services added and removed with their links
//! and steps, links added, removed, re-kinded and relabelled, steps
//! reordered, added and removed, moves, and map-level edits.

use proptest::collection::vec;
use proptest::prelude::*;

use super::{ChangeRef, diff};
use crate::analysis::testing::test_today;
use crate::io::to_canonical_json;
use crate::model::{
    Allow, Color, Id, Link, LinkKind, Map, Service, ServiceKind, Settings, Step, Stream, Team,
    TeamType,
};

const NAMES: [&str; 8] = [
    "Alpha",
    "Beta & Co",
    "a|b",
    "<script>alert(1)</script>",
    "`tick` *star*",
    "Zoë",
    "Ledger",
    "Payments",
];
const TEXTS: [&str; 4] = [
    "",
    "Some words.",
    "Line one\nline two",
    "[link](http://x) _u_",
];
const RULES: [&str; 4] = [
    "unowned-service",
    "two-pizza",
    "orphan-service",
    "sync-coupling",
];
const REASONS: [&str; 2] = ["Known", "Fixed next quarter"];

fn pick<T: Copy>(pool: &[T], i: u8) -> T {
    pool[i as usize % pool.len()]
}

fn id(s: String) -> Id {
    Id::new(s).unwrap()
}

fn kind(i: u8) -> ServiceKind {
    pick(&ServiceKind::ALL, i)
}

fn color(i: u8) -> Color {
    Color {
        r: i,
        g: 255 - i,
        b: i / 2,
    }
}

/// A position: whole tens, or with a fraction the file rounds away.
fn position(p: Option<(i16, bool)>) -> Option<f64> {
    p.map(|(v, frac)| f64::from(v) * 10.0 + if frac { 0.4 } else { 0.0 })
}

fn date(days: u8) -> jiff::civil::Date {
    jiff::civil::date(2026, 1, 1)
        .checked_add(jiff::Span::new().days(i64::from(days)))
        .unwrap()
}

type RawTeam = (u8, u8, Option<u8>, Option<u8>);
type RawService = (
    u8,
    u8,
    Option<u8>,
    Option<(i16, bool)>,
    Option<(i16, bool)>,
    u8,
);
type RawLink = (u8, u8, u8, u8);
type RawStream = (u8, Option<u8>, Vec<(u8, u8)>, u8, Option<u8>);
type RawMeta = (u8, u8, Option<u8>, Option<u8>, Vec<(u8, Option<u8>, u8)>);
type Raw = (
    Vec<RawTeam>,
    Vec<RawService>,
    Vec<RawLink>,
    Vec<RawStream>,
    RawMeta,
);

fn raw() -> impl Strategy<Value = Raw> {
    (
        vec(any::<RawTeam>(), 0..4),
        vec(any::<RawService>(), 0..7),
        vec(any::<RawLink>(), 0..10),
        vec(
            (
                any::<u8>(),
                any::<Option<u8>>(),
                vec(any::<(u8, u8)>(), 0..5),
                any::<u8>(),
                any::<Option<u8>>(),
            ),
            0..3,
        ),
        (
            any::<u8>(),
            any::<u8>(),
            any::<Option<u8>>(),
            any::<Option<u8>>(),
            vec(any::<(u8, Option<u8>, u8)>(), 0..3),
        ),
    )
}

/// The id of the `i`-th element of a list, if the list has any.
fn nth(ids: &[Id], i: u8) -> Option<Id> {
    (!ids.is_empty()).then(|| ids[i as usize % ids.len()].clone())
}

fn team_ids(map: &Map) -> Vec<Id> {
    map.teams.iter().map(|t| t.id.clone()).collect()
}

fn service_ids(map: &Map) -> Vec<Id> {
    map.services.iter().map(|s| s.id.clone()).collect()
}

fn all_ids(map: &Map) -> Vec<Id> {
    let mut ids = team_ids(map);
    ids.extend(service_ids(map));
    ids.extend(map.streams.iter().map(|s| s.id.clone()));
    ids
}

/// Adds a link unless it would be a self-link or a duplicate.
fn add_link(map: &mut Map, from: Id, to: Id, kind: LinkKind, label: &str) {
    if from != to
        && !map
            .links
            .iter()
            .any(|l| l.from == from && l.to == to && l.kind == kind)
    {
        map.links.push(Link {
            from,
            to,
            kind,
            label: label.into(),
        });
    }
}

fn build((teams, services, links, streams, meta): Raw) -> Map {
    let mut map = Map {
        name: pick(&NAMES, meta.0).into(),
        description: pick(&TEXTS, meta.1).into(),
        reviewed: meta.2.map(date),
        settings: Settings {
            two_pizza_max_teams: meta.3.map(|v| 1 + u32::from(v % 3)),
            ..Settings::default()
        },
        ..Map::default()
    };
    for (i, (name, team_type, members, c)) in teams.into_iter().enumerate() {
        map.teams.push(Team {
            id: id(format!("t{i}")),
            name: pick(&NAMES, name).into(),
            team_type: pick(&TeamType::ALL, team_type),
            members: members.map(u32::from),
            color: c.map(color),
        });
    }
    let teams = team_ids(&map);
    for (i, (name, k, owner, x, y, description)) in services.into_iter().enumerate() {
        map.services.push(Service {
            id: id(format!("s{i}")),
            name: pick(&NAMES, name).into(),
            kind: kind(k),
            owner: owner.and_then(|o| nth(&teams, o)),
            x: position(x),
            y: position(y),
            description: pick(&TEXTS, description).into(),
        });
    }
    let services = service_ids(&map);
    for (from, to, k, label) in links {
        if let (Some(from), Some(to)) = (nth(&services, from), nth(&services, to)) {
            add_link(
                &mut map,
                from,
                to,
                pick(&LinkKind::ALL, k),
                pick(&TEXTS, label),
            );
        }
    }
    for (i, (name, owner, steps, text, c)) in streams.into_iter().enumerate() {
        let mut stream = Stream {
            id: id(format!("st{i}")),
            name: pick(&NAMES, name).into(),
            owner: owner.and_then(|o| nth(&teams, o)),
            customer: pick(&TEXTS, text).into(),
            description: pick(&TEXTS, text.wrapping_add(1)).into(),
            color: c.map(color),
            steps: Vec::new(),
        };
        for (service, stage) in steps {
            if let Some(service) = nth(&services, service)
                && !stream.has_step(&service)
            {
                stream.steps.push(Step {
                    service,
                    stage: pick(&TEXTS, stage).into(),
                    work: None,
                    wait: None,
                    complete_accurate: None,
                });
            }
        }
        map.streams.push(stream);
    }
    let ids = all_ids(&map);
    for (rule, subject, reason) in meta.4 {
        map.allow.push(Allow {
            rule: pick(&RULES, rule).into(),
            subject: subject.and_then(|s| nth(&ids, s)),
            reason: pick(&REASONS, reason).into(),
        });
    }
    map
}

/// One random edit: an operation and three arguments.
type Edit = (u8, u8, u8, u8);

fn fresh_id(map: &Map, prefix: &str) -> Id {
    (0..)
        .map(|n| format!("{prefix}{n}"))
        .find(|c| !map.id_in_use(c))
        .map(id)
        .unwrap()
}

fn remove_service(map: &mut Map, gone: &Id) {
    map.services.retain(|s| &s.id != gone);
    map.links.retain(|l| &l.from != gone && &l.to != gone);
    for stream in &mut map.streams {
        stream.steps.retain(|s| &s.service != gone);
    }
}

fn mutate(map: &Map, edits: &[Edit]) -> Map {
    let mut map = map.clone();
    for &(op, a, b, c) in edits {
        let teams = team_ids(&map);
        let services = service_ids(&map);
        let ns = map.services.len();
        let nl = map.links.len();
        let nt = map.streams.len();
        let owner = |map: &Map| {
            if c % 3 == 0 {
                None
            } else {
                nth(&team_ids(map), b)
            }
        };
        match op % 21 {
            0 if ns > 0 => map.services[a as usize % ns].name = pick(&NAMES, b).into(),
            1 if !teams.is_empty() => {
                let n = teams.len();
                map.teams[a as usize % n].name = pick(&NAMES, b).into()
            }
            2 if nt > 0 => map.streams[a as usize % nt].name = pick(&NAMES, b).into(),
            3 if ns > 0 => map.services[a as usize % ns].owner = owner(&map),
            4 if nt > 0 => map.streams[a as usize % nt].owner = owner(&map),
            5 if ns > 0 => map.services[a as usize % ns].kind = kind(b),
            6 if !teams.is_empty() => {
                let n = teams.len();
                let team = &mut map.teams[a as usize % n];
                team.team_type = pick(&TeamType::ALL, b);
                team.members = (c % 2 == 0).then_some(u32::from(c));
                team.color = (c % 3 == 0).then(|| color(b));
            }
            7 => {
                let new = fresh_id(&map, "n");
                let owner = owner(&map);
                map.services.push(Service {
                    id: new.clone(),
                    name: pick(&NAMES, b).into(),
                    kind: kind(c),
                    owner,
                    x: position(Some((i16::from(a), c % 2 == 0))),
                    y: None,
                    description: pick(&TEXTS, a).into(),
                });
                if let Some(other) = nth(&services, b) {
                    add_link(&mut map, new.clone(), other, pick(&LinkKind::ALL, c), "");
                }
                if nt > 0 {
                    map.streams[a as usize % nt].steps.push(Step {
                        service: new,
                        stage: pick(&TEXTS, c).into(),
                        work: None,
                        wait: None,
                        complete_accurate: None,
                    });
                }
            }
            8 => {
                if let Some(gone) = nth(&services, a) {
                    remove_service(&mut map, &gone);
                }
            }
            9 => {
                if let (Some(from), Some(to)) = (nth(&services, a), nth(&services, b)) {
                    add_link(&mut map, from, to, pick(&LinkKind::ALL, c), pick(&TEXTS, c));
                }
            }
            10 if nl > 0 => {
                map.links.remove(a as usize % nl);
            }
            11 if nl > 0 => {
                let link = map.links.remove(a as usize % nl);
                let label = link.label.clone();
                add_link(
                    &mut map,
                    link.from,
                    link.to,
                    pick(&LinkKind::ALL, b),
                    &label,
                );
            }
            12 if nl > 0 => map.links[a as usize % nl].label = pick(&TEXTS, b).into(),
            13 if nt > 0 => {
                let steps = &mut map.streams[a as usize % nt].steps;
                if !steps.is_empty() {
                    let n = steps.len();
                    steps.swap(b as usize % n, c as usize % n);
                }
            }
            14 if nt > 0 => {
                let steps = &mut map.streams[a as usize % nt].steps;
                if !steps.is_empty() {
                    let n = steps.len();
                    steps.remove(b as usize % n);
                }
            }
            15 if nt > 0 => {
                let stream = &mut map.streams[a as usize % nt];
                if let Some(service) = nth(&services, b)
                    && !stream.has_step(&service)
                {
                    let at = c as usize % (stream.steps.len() + 1);
                    stream.steps.insert(
                        at,
                        Step {
                            service,
                            stage: pick(&TEXTS, c).into(),
                            work: None,
                            wait: None,
                            complete_accurate: None,
                        },
                    );
                }
            }
            16 if ns > 0 => {
                let service = &mut map.services[a as usize % ns];
                service.x = position((c % 4 != 0).then_some((i16::from(b), c % 2 == 0)));
                service.y = position(Some((i16::from(c), b % 2 == 0)));
            }
            17 => {
                if c % 2 == 0 {
                    let new = fresh_id(&map, "nt");
                    map.teams.push(Team {
                        id: new,
                        name: pick(&NAMES, a).into(),
                        team_type: pick(&TeamType::ALL, b),
                        members: None,
                        color: None,
                    });
                } else if let Some(gone) = nth(&teams, a) {
                    map.teams.retain(|t| t.id != gone);
                    for s in &mut map.services {
                        s.owner = s.owner.take().filter(|o| o != &gone);
                    }
                    for s in &mut map.streams {
                        s.owner = s.owner.take().filter(|o| o != &gone);
                    }
                }
            }
            18 => {
                if c % 2 == 0 {
                    let new = fresh_id(&map, "ns");
                    let owner = owner(&map);
                    let steps = services
                        .iter()
                        .filter(|s| s.as_str().len() % 2 == usize::from(a % 2))
                        .map(|s| Step {
                            service: s.clone(),
                            stage: String::new(),
                            work: None,
                            wait: None,
                            complete_accurate: None,
                        })
                        .collect();
                    map.streams.push(Stream {
                        id: new,
                        name: pick(&NAMES, b).into(),
                        owner,
                        customer: pick(&TEXTS, a).into(),
                        description: String::new(),
                        color: None,
                        steps,
                    });
                } else if nt > 0 {
                    map.streams.remove(a as usize % nt);
                }
            }
            19 => match a % 5 {
                0 => map.name = pick(&NAMES, b).into(),
                1 => map.description = pick(&TEXTS, b).into(),
                2 => map.reviewed = (c % 3 != 0).then(|| date(b)),
                3 => map.settings.one_hop_max_hops = (c % 2 == 0).then_some(u32::from(b % 4)),
                _ => {
                    if c % 2 == 0 || map.allow.is_empty() {
                        let ids = all_ids(&map);
                        map.allow.push(Allow {
                            rule: pick(&RULES, b).into(),
                            subject: nth(&ids, c),
                            reason: pick(&REASONS, c).into(),
                        });
                    } else {
                        let n = map.allow.len();
                        map.allow.remove(b as usize % n);
                    }
                }
            },
            20 => match a % 4 {
                0 if ns > 0 => map.services[b as usize % ns].description = pick(&TEXTS, c).into(),
                1 if nt > 0 => map.streams[b as usize % nt].customer = pick(&TEXTS, c).into(),
                2 if nt > 0 => map.streams[b as usize % nt].color = (c % 2 == 0).then(|| color(c)),
                3 if nt > 0 => {
                    let steps = &mut map.streams[b as usize % nt].steps;
                    if let Some(step) = steps.first_mut() {
                        step.stage = pick(&TEXTS, c).into();
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    map
}

fn maps() -> impl Strategy<Value = (Map, Map)> {
    (raw(), vec(any::<Edit>(), 0..8)).prop_map(|(raw, edits)| {
        let before = build(raw);
        let after = mutate(&before, &edits);
        (before, after)
    })
}

fn valid(map: &Map) -> bool {
    crate::model::validate(map, crate::analysis::is_rule_id).is_empty()
}

/// Applies `edits` to a copy of `map`: the map they make and their inverses.
fn edited(map: &Map, edits: Vec<crate::edit::Edit>) -> (Map, Vec<crate::edit::Edit>) {
    let mut m = map.clone();
    let inverses = crate::edit::apply_all(&mut m, edits).expect("the edits of a diff apply");
    (m, inverses)
}

proptest! {
    // 64 cases keep `cargo test` fast in debug builds. Failures are not
    // persisted to a regressions file: the shrunk case is in the report.
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn a_map_compared_with_itself_is_empty((a, _) in maps()) {
        prop_assert!(valid(&a));
        let d = diff(&a, &a, test_today());
        prop_assert!(d.is_empty());
        prop_assert!(d.moved.is_empty());
        prop_assert!(d.findings.resolved().is_empty() && d.findings.introduced().is_empty());
        prop_assert!(d.owner_moves().is_empty());
    }

    #[test]
    fn the_diff_reverses_exactly((a, b) in maps()) {
        prop_assert!(valid(&a) && valid(&b));
        prop_assert_eq!(diff(&a, &b, test_today()).reversed(), diff(&b, &a, test_today()));
    }

    #[test]
    fn applying_the_diff_gives_the_other_map((a, b) in maps()) {
        let d = diff(&a, &b, test_today());
        let applied = d.apply(&a);
        prop_assert!(applied.is_ok(), "{:?}", applied);
        let applied = applied.unwrap();
        prop_assert_eq!(to_canonical_json(&applied), to_canonical_json(&b));
        // An empty diff with no moves means the files are the same.
        prop_assert_eq!(
            d.is_empty() && d.moved.is_empty(),
            to_canonical_json(&a) == to_canonical_json(&b)
        );
        // Every rendering copes with whatever the maps hold.
        let md = super::render::markdown(&d, true);
        prop_assert!(!md.contains("<script>"));
        let text = super::render::text(&d, true);
        prop_assert!(!text.chars().any(|c| c.is_control() && c != '\n'));
    }

    #[test]
    fn the_edits_of_a_diff_give_the_other_map_and_their_inverses_the_first((a, b) in maps()) {
        let d = diff(&a, &b, test_today());
        let edits = d.to_edits(&a);
        prop_assert!(edits.is_ok(), "{:?}", edits);
        let (m, inverses) = edited(&a, edits.unwrap());
        prop_assert_eq!(to_canonical_json(&m), to_canonical_json(&b));
        prop_assert!(valid(&m));
        // Exactly the map `apply` gives, once in canonical order.
        let mut sorted = m.clone();
        super::edits::canonical_order(&mut sorted);
        prop_assert_eq!(Some(sorted), d.apply(&a).ok());
        // The inverses restore every list in its order.
        let (back, _) = edited(&m, inverses);
        prop_assert_eq!(back, a);
    }

    #[test]
    fn every_change_taken_alone_applies_and_validates_or_says_why((a, b) in maps()) {
        let d = diff(&a, &b, test_today());
        for change in d.change_refs() {
            let part = d.only(&change);
            prop_assert!(!part.is_empty() || !part.moved.is_empty(), "{:?} took nothing", change);
            match part.to_edits(&a) {
                Ok(edits) => {
                    let (m, _) = edited(&a, edits);
                    prop_assert!(valid(&m), "{:?}", change);
                }
                Err(e) => prop_assert!(!e.to_string().is_empty()),
            }
        }
    }

    #[test]
    fn taking_every_service_change_one_by_one_never_panics((a, b) in maps()) {
        let d = diff(&a, &b, test_today());
        let mut map = a.clone();
        for change in d.change_refs() {
            if !matches!(change, ChangeRef::Service { .. }) {
                continue;
            }
            if let Ok(edits) = d.only(&change).to_edits(&map) {
                map = edited(&map, edits).0;
                prop_assert!(valid(&map));
            }
        }
    }
}

#[test]
fn generated_maps_cover_every_kind_of_change() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let mut runner = TestRunner::deterministic();
    let mut seen = std::collections::BTreeSet::new();
    for _ in 0..64 {
        let (a, b) = maps().new_tree(&mut runner).unwrap().current();
        let d = diff(&a, &b, test_today());
        let mut note = |kind: &str, present: bool| {
            if present {
                seen.insert(kind.to_string());
            }
        };
        note("team added", !d.teams.added.is_empty());
        note("team removed", !d.teams.removed.is_empty());
        note("team changed", !d.teams.changed.is_empty());
        note("service added", !d.services.added.is_empty());
        note("service removed", !d.services.removed.is_empty());
        note("service changed", !d.services.changed.is_empty());
        note("stream added", !d.streams.added.is_empty());
        note("stream removed", !d.streams.removed.is_empty());
        note("stream changed", !d.streams.changed.is_empty());
        note("owner moved", !d.owner_moves().is_empty());
        note("link added", !d.links.added.is_empty());
        note("link removed", !d.links.removed.is_empty());
        note("link kind", !d.links.kind_changes().is_empty());
        note("link relabelled", !d.links.relabeled.is_empty());
        note("moved", !d.moved.is_empty());
        note("map", !d.map_changes().is_empty());
        note(
            "steps",
            d.streams.changed.iter().any(|c| c.field("steps").is_some()),
        );
        note("finding resolved", !d.findings.resolved().is_empty());
        note("finding introduced", !d.findings.introduced().is_empty());
    }
    assert_eq!(seen.len(), 19, "{seen:?}");
}
