//! Merges of small maps with exact results, and properties over generated
//! organisations: one side unchanged gives the other byte for byte, a merge
//! without conflicts is symmetric, and every merge validates.

use proptest::prelude::*;

use super::merge;
use crate::analysis::testing::builder;
use crate::generate::{GenerateOptions, generate};
use crate::io::to_canonical_json;
use crate::model::{Duration, Id, Link, LinkKind as L, Map, validate};

fn base() -> Map {
    builder()
        .sa("a")
        .sa("b")
        .svc("web", "a")
        .svc("api", "a")
        .svc("kyc", "b")
        .link("web", "api", L::Sync)
        .link("api", "kyc", L::Sync)
        .stream("s", Some("a"), &["web", "api", "kyc"])
        .build()
}

fn id(s: &str) -> Id {
    Id::new(s).unwrap()
}

fn service<'m>(map: &'m mut Map, s: &str) -> &'m mut crate::model::Service {
    map.services
        .iter_mut()
        .find(|x| x.id.as_str() == s)
        .unwrap()
}

#[test]
fn independent_changes_from_both_sides_are_kept() {
    let b = base();
    let mut o = b.clone();
    service(&mut o, "kyc").name = "KYC Check".into();
    service(&mut o, "web").x = Some(100.0);
    let mut t = b.clone();
    service(&mut t, "web").y = Some(50.0);
    t.links.push(Link {
        from: id("web"),
        to: id("kyc"),
        kind: L::Event,
        label: String::new(),
    });
    t.streams[0].steps[2].wait = Duration::parse("2d").ok();
    let m = merge(&b, &o, &t);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let web = m.map.service("web").unwrap();
    assert_eq!(
        (web.x, web.y),
        (Some(100.0), Some(50.0)),
        "positions field by field"
    );
    assert_eq!(m.map.service("kyc").unwrap().name, "KYC Check");
    assert_eq!(m.map.links.len(), 3);
    assert_eq!(m.map.streams[0].steps[2].wait, Duration::parse("2d").ok());
}

#[test]
fn the_same_field_changed_differently_keeps_ours_and_says_both() {
    let b = base();
    let mut o = b.clone();
    service(&mut o, "kyc").name = "KYC Check".into();
    let mut t = b.clone();
    service(&mut t, "kyc").name = "KYC Service".into();
    let m = merge(&b, &o, &t);
    assert_eq!(m.map.service("kyc").unwrap().name, "KYC Check");
    let lines: Vec<String> = m.conflicts.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        ["services[kyc].name: ours \"KYC Check\", theirs \"KYC Service\""]
    );
}

#[test]
fn deletions_go_through_unless_the_other_side_changed_or_uses_the_element() {
    let b = base();
    // Theirs deletes the kyc link; ours left it alone: it goes.
    let mut t = b.clone();
    t.links.retain(|l| l.to.as_str() != "kyc");
    let m = merge(&b, &b, &t);
    assert!(m.conflicts.is_empty());
    assert_eq!(m.map.links.len(), 1);
    // Ours deletes kyc (with its link and step); theirs links web to it.
    let mut o = b.clone();
    o.links.retain(|l| l.to.as_str() != "kyc");
    o.streams[0].steps.pop();
    o.services.retain(|s| s.id.as_str() != "kyc");
    let mut t = b.clone();
    t.links.push(Link {
        from: id("web"),
        to: id("kyc"),
        kind: L::Data,
        label: String::new(),
    });
    let m = merge(&b, &o, &t);
    assert!(m.map.service("kyc").is_none());
    assert!(validate(&m.map, crate::analysis::is_rule_id).is_empty());
    let lines: Vec<String> = m.conflicts.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            "links[web -> kyc (data)]: ours \"refers to kyc, which one side deleted\", theirs deleted"
        ]
    );
}

#[test]
fn steps_inserted_and_removed_on_either_side_merge_in_order() {
    let b = base();
    let mut o = b.clone();
    o.services.push(crate::model::Service {
        id: id("auth"),
        name: "Auth".into(),
        kind: crate::model::ServiceKind::Service,
        owner: Some(id("a")),
        x: None,
        y: None,
        description: String::new(),
    });
    o.streams[0]
        .steps
        .insert(1, crate::model::Step::at(id("auth")));
    let mut t = b.clone();
    t.streams[0].steps.remove(2);
    let m = merge(&b, &o, &t);
    assert!(m.conflicts.is_empty(), "{:?}", m.conflicts);
    let steps: Vec<&str> = m.map.streams[0]
        .steps
        .iter()
        .map(|s| s.service.as_str())
        .collect();
    assert_eq!(steps, ["web", "auth", "api"]);
    // Both inserting different steps at the same place clash; ours stays.
    let mut t = b.clone();
    t.services.push(crate::model::Service {
        id: id("mfa"),
        ..o.services.last().unwrap().clone()
    });
    t.streams[0]
        .steps
        .insert(1, crate::model::Step::at(id("mfa")));
    let m = merge(&b, &o, &t);
    let steps: Vec<&str> = m.map.streams[0]
        .steps
        .iter()
        .map(|s| s.service.as_str())
        .collect();
    assert_eq!(steps, ["web", "auth", "api", "kyc"]);
    assert_eq!(m.conflicts.len(), 1);
    assert!(
        m.conflicts[0].place == "streams[s].steps",
        "{}",
        m.conflicts[0]
    );
}

/// One random change to a map.
#[derive(Debug, Clone)]
enum Change {
    Rename(usize, u8),
    Move(usize, i16, i16),
    Owner(usize, usize),
    RemoveLink(usize),
    AddLink(usize, usize),
    Wait(usize, usize, u16),
}

fn changes() -> impl Strategy<Value = Vec<Change>> {
    let one = prop_oneof![
        (0..60_usize, 0..4_u8).prop_map(|(i, n)| Change::Rename(i, n)),
        (0..60_usize, -300..300_i16, -300..300_i16).prop_map(|(i, x, y)| Change::Move(i, x, y)),
        (0..60_usize, 0..8_usize).prop_map(|(i, t)| Change::Owner(i, t)),
        (0..200_usize).prop_map(Change::RemoveLink),
        (0..60_usize, 0..60_usize).prop_map(|(i, j)| Change::AddLink(i, j)),
        (0..6_usize, 0..12_usize, 0..3000_u16).prop_map(|(k, j, m)| Change::Wait(k, j, m)),
    ];
    prop::collection::vec(one, 0..6)
}

fn apply(map: &Map, changes: &[Change]) -> Map {
    let mut m = map.clone();
    for c in changes {
        let n = m.services.len();
        match *c {
            Change::Rename(i, v) => m.services[i % n].name = format!("Renamed {v}"),
            Change::Move(i, x, y) => {
                let s = &mut m.services[i % n];
                s.x = Some(s.x.unwrap_or(0.0) + f64::from(x));
                s.y = Some(s.y.unwrap_or(0.0) + f64::from(y));
            }
            Change::Owner(i, t) => {
                let team = m.teams[t % m.teams.len()].id.clone();
                m.services[i % n].owner = Some(team);
            }
            Change::RemoveLink(i) if !m.links.is_empty() => {
                let len = m.links.len();
                m.links.remove(i % len);
            }
            Change::RemoveLink(_) => {}
            Change::AddLink(i, j) => {
                let (from, to) = (m.services[i % n].id.clone(), m.services[j % n].id.clone());
                if from != to && !m.links.iter().any(|l| l.key() == (&from, &to, L::Event)) {
                    m.links.push(Link {
                        from,
                        to,
                        kind: L::Event,
                        label: String::new(),
                    });
                }
            }
            Change::Wait(k, j, minutes) => {
                let streams = m.streams.len();
                let stream = &mut m.streams[k % streams];
                let steps = stream.steps.len();
                if steps > 0 {
                    stream.steps[j % steps].wait = Duration::from_minutes(u64::from(minutes));
                }
            }
        }
    }
    m
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn merges_keep_one_sides_map_whole_are_symmetric_without_conflicts_and_validate(
        seed in 0..500_u64,
        ours in changes(),
        theirs in changes(),
    ) {
        let b = generate(&GenerateOptions { seed, ..GenerateOptions::with_services(60) });
        let (o, t) = (apply(&b, &ours), apply(&b, &theirs));
        let json = to_canonical_json;
        // One side unchanged: the other, byte for byte.
        prop_assert_eq!(json(&merge(&b, &o, &b).map), json(&o));
        prop_assert_eq!(json(&merge(&b, &b, &t).map), json(&t));
        let ot = merge(&b, &o, &t);
        prop_assert!(validate(&ot.map, crate::analysis::is_rule_id).is_empty());
        if ot.conflicts.is_empty() {
            let to = merge(&b, &t, &o);
            prop_assert!(to.conflicts.is_empty());
            prop_assert_eq!(json(&ot.map), json(&to.map));
            // Nothing either side kept is lost: each side's links are in
            // the merge unless the other side removed them.
            for link in o.links.iter().chain(&t.links) {
                let removed_by_other = b.links.iter().any(|l| l.key() == link.key())
                    && !(o.links.iter().any(|l| l.key() == link.key())
                        && t.links.iter().any(|l| l.key() == link.key()));
                prop_assert!(
                    removed_by_other || ot.map.links.iter().any(|l| l.key() == link.key()),
                    "lost {:?}", link.key()
                );
            }
        }
    }
}
