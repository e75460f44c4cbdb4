//! One test per fix: its finding goes, the map stays valid, and undoing
//! the fix gives the original bytes back.

use crate::analysis::testing::{builder, test_today};
use crate::analysis::{Finding, analyze_on, is_rule_id};
use crate::edit::apply_all;
use crate::io::to_canonical_json;
use crate::model::{LinkKind as L, Map, ServiceKind as K, validate};

use super::{DraftOptions, Fix, FixField, draft_proposal, fixes_for};

/// The finding of `rule` on `subjects`.
fn finding(map: &Map, rule: &str, subjects: &[&str]) -> Finding {
    analyze_on(map, test_today())
        .into_iter()
        .find(|f| {
            f.rule == rule
                && f.subjects
                    .iter()
                    .map(|s| s.as_str())
                    .eq(subjects.iter().copied())
        })
        .unwrap_or_else(|| panic!("no {rule} finding on {subjects:?}"))
}

/// The fixes of that finding.
fn fixes(map: &Map, rule: &str, subjects: &[&str]) -> Vec<Fix> {
    fixes_for(map, &finding(map, rule, subjects), test_today())
}

/// Applies fix `pick` of the finding and checks what every fix promises;
/// returns the map after.
fn apply(map: &Map, rule: &str, subjects: &[&str], pick: usize) -> Map {
    let key = finding(map, rule, subjects);
    let fixes = fixes(map, rule, subjects);
    let fix = &fixes[pick];
    let mut after = map.clone();
    let inverse = apply_all(&mut after, fix.edits.clone()).expect("the fix applies");
    let problems = validate(&after, is_rule_id);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(
        !analyze_on(&after, test_today())
            .iter()
            .any(|f| f.key() == key.key()),
        "{rule} on {subjects:?} is still there after: {}",
        fix.title
    );
    let mut undone = after.clone();
    apply_all(&mut undone, inverse).expect("the inverse applies");
    assert_eq!(to_canonical_json(&undone), to_canonical_json(map));
    after
}

fn link_kind(map: &Map, from: &str, to: &str) -> Vec<L> {
    map.links
        .iter()
        .filter(|l| l.from.as_str() == from && l.to.as_str() == to)
        .map(|l| l.kind)
        .collect()
}

#[test]
fn missing_acl_puts_one_layer_or_one_per_team_in_front_of_the_legacy_system() {
    let map = builder()
        .sa("a")
        .sa("b")
        .platform("p")
        .svc("x", "a")
        .svc("y", "b")
        .service("core", K::Legacy, Some("p"))
        .link("x", "core", L::Sync)
        .link("y", "core", L::Data)
        .stream("s", Some("a"), &["x", "core"])
        .build();
    let fixes = fixes(&map, "missing-acl", &["x", "core"]);
    assert_eq!(
        fixes.iter().map(|f| f.title.as_str()).collect::<Vec<_>>(),
        [
            "Put one anti-corruption layer, Svc core ACL, owned by Team p, between Svc core and its 2 callers",
            "Put an anti-corruption layer per calling team (2) in front of Svc core",
        ]
    );
    let one = apply(&map, "missing-acl", &["x", "core"], 0);
    let acl = one.service("core-acl").expect("the layer");
    assert_eq!(
        (acl.kind, acl.owner.as_ref().map(|t| t.as_str())),
        (K::Acl, Some("p"))
    );
    assert!(
        acl.x.is_some() && acl.y.is_some(),
        "placed near the legacy system"
    );
    assert_eq!(link_kind(&one, "x", "core-acl"), [L::Sync]);
    assert_eq!(link_kind(&one, "y", "core-acl"), [L::Sync]);
    assert_eq!(link_kind(&one, "core-acl", "core"), [L::Sync]);
    assert!(link_kind(&one, "x", "core").is_empty());
    // The other finding is resolved by the same layer.
    assert!(
        analyze_on(&one, test_today())
            .iter()
            .all(|f| f.rule != "missing-acl")
    );

    let per_team = apply(&map, "missing-acl", &["x", "core"], 1);
    assert_eq!(link_kind(&per_team, "x", "core-acl-a"), [L::Sync]);
    assert_eq!(link_kind(&per_team, "y", "core-acl-b"), [L::Sync]);
    let owner = |id: &str| per_team.service(id).and_then(|s| s.owner.clone()).unwrap();
    assert_eq!(
        (owner("core-acl-a").as_str(), owner("core-acl-b").as_str()),
        ("a", "b")
    );
}

#[test]
fn data_silo_becomes_an_event_from_the_owner_to_the_reader() {
    let map = builder()
        .sa("a")
        .sa("b")
        .svc("reader", "a")
        .service("db", K::Datastore, Some("b"))
        .link("reader", "db", L::Data)
        .build();
    let after = apply(&map, "data-silo", &["reader", "db"], 0);
    assert_eq!(link_kind(&after, "db", "reader"), [L::Event]);
    assert!(link_kind(&after, "reader", "db").is_empty());
}

#[test]
fn sync_coupling_becomes_an_event_in_the_same_direction() {
    let map = builder()
        .sa("a")
        .sa("b")
        .svc("x", "a")
        .svc("y", "b")
        .link("x", "y", L::Sync)
        .stream("s1", Some("a"), &["x"])
        .stream("s2", Some("b"), &["y"])
        .build();
    let fixes = fixes(&map, "sync-coupling", &["x", "y"]);
    assert_eq!(fixes[0].title, "Turn Svc x's call to Svc y into an event");
    let after = apply(&map, "sync-coupling", &["x", "y"], 0);
    assert_eq!(link_kind(&after, "x", "y"), [L::Event]);
}

#[test]
fn a_sync_cycle_loses_its_calls_across_teams_and_keeps_those_within_one() {
    let map = builder()
        .sa("a")
        .sa("b")
        .svc("x", "a")
        .svc("x2", "a")
        .svc("y", "b")
        .link("x", "x2", L::Sync)
        .link("x2", "y", L::Sync)
        .link("y", "x", L::Sync)
        .build();
    let subjects = finding(&map, "sync-cycle", &["x", "x2", "y"]);
    assert_eq!(subjects.subjects.len(), 3);
    let after = apply(&map, "sync-cycle", &["x", "x2", "y"], 0);
    assert_eq!(link_kind(&after, "x", "x2"), [L::Sync]);
    assert_eq!(link_kind(&after, "x2", "y"), [L::Event]);
    assert_eq!(link_kind(&after, "y", "x"), [L::Event]);
}

#[test]
fn blast_radius_turns_the_farthest_calls_across_teams_into_events_first() {
    // t1..t4 call the hub's team's front service, which calls the hub; one
    // more team calls the hub directly. Four other teams at most 3.
    let mut b = builder().sa("h");
    for t in ["t1", "t2", "t3", "t4"] {
        b = b.sa(t).svc(&format!("{t}-svc"), t);
    }
    let map = b
        .svc("front", "h")
        .svc("hub", "h")
        .link("t1-svc", "front", L::Sync)
        .link("t2-svc", "front", L::Sync)
        .link("t3-svc", "front", L::Sync)
        .link("t4-svc", "hub", L::Sync)
        .link("front", "hub", L::Sync)
        .build();
    let fixes = fixes(&map, "blast-radius", &["hub"]);
    assert_eq!(
        fixes[0].title,
        "Turn 3 calls across teams on the way to Svc hub into events, farthest first"
    );
    let after = apply(&map, "blast-radius", &["hub"], 0);
    // The calls two hops away go first, together; the direct call stays.
    for t in ["t1", "t2", "t3"] {
        assert_eq!(link_kind(&after, &format!("{t}-svc"), "front"), [L::Event]);
    }
    assert_eq!(link_kind(&after, "t4-svc", "hub"), [L::Sync]);
    assert_eq!(link_kind(&after, "front", "hub"), [L::Sync]);
}

#[test]
fn one_hop_keeps_the_closest_team_and_decouples_the_rest() {
    let map = builder()
        .sa("a")
        .sa("b")
        .sa("c")
        .svc("x", "a")
        .svc("y1", "b")
        .svc("y2", "b")
        .svc("z", "c")
        .link("x", "y1", L::Sync)
        .link("x", "y2", L::Sync)
        .link("x", "z", L::Data)
        .stream("s", Some("a"), &["x"])
        .build();
    let after = apply(&map, "one-hop", &["x"], 0);
    assert_eq!(link_kind(&after, "x", "y1"), [L::Sync]);
    assert_eq!(link_kind(&after, "z", "x"), [L::Event]);
}

#[test]
fn an_unowned_service_gets_ranked_candidates_and_the_first_is_its_streams_owner() {
    let map = builder()
        .sa("a")
        .sa("b")
        .service("u", K::Service, None)
        .svc("x", "a")
        .svc("y", "b")
        .svc("y2", "b")
        .link("y", "u", L::Sync)
        .link("y2", "u", L::Sync)
        .stream("s", Some("a"), &["x", "u"])
        .build();
    let titles: Vec<String> = fixes(&map, "unowned-service", &["u"])
        .into_iter()
        .map(|f| f.title)
        .collect();
    assert_eq!(
        titles,
        [
            "Give Svc u to Team a (owns the stream it is on)",
            "Give Svc u to Team b (its services have 2 links with it)",
        ]
    );
    let after = apply(&map, "unowned-service", &["u"], 1);
    assert_eq!(
        after.service("u").unwrap().owner.as_ref().unwrap().as_str(),
        "b"
    );
}

#[test]
fn an_unowned_stream_goes_to_the_team_owning_most_of_its_steps() {
    let map = builder()
        .sa("a")
        .sa("b")
        .svc("x", "a")
        .svc("y", "b")
        .svc("y2", "b")
        .stream("s", None, &["x", "y", "y2"])
        .build();
    let fixes = fixes(&map, "unowned-stream", &["s"]);
    assert_eq!(
        fixes[0].title,
        "Give Stream s to Team b (owns 2 of its 3 steps)"
    );
    let after = apply(&map, "unowned-stream", &["s"], 0);
    assert_eq!(
        after.stream("s").unwrap().owner.as_ref().unwrap().as_str(),
        "b"
    );
}

#[test]
fn two_pizza_gives_the_streams_services_to_its_owner_but_not_the_platforms() {
    let map = builder()
        .sa("a")
        .sa("b")
        .sa("c")
        .platform("p")
        .svc("x", "a")
        .svc("y", "b")
        .svc("z", "c")
        .svc("pl", "p")
        .service("y-db", K::Datastore, Some("b"))
        .service("shared-db", K::Datastore, Some("c"))
        .svc("w", "c")
        .link("y", "y-db", L::Data)
        .link("z", "shared-db", L::Data)
        .link("w", "shared-db", L::Data)
        .stream("s", Some("a"), &["x", "y", "z", "pl"])
        .build();
    assert_eq!(
        fixes(&map, "two-pizza", &["s"])[0].title,
        "One team, one stream: give Team a the 2 services of Stream s other teams own, with the store only they use"
    );
    let after = apply(&map, "two-pizza", &["s"], 0);
    let owner = |id: &str| after.service(id).unwrap().owner.clone().unwrap();
    assert_eq!(
        ["x", "y", "z", "pl", "y-db", "shared-db"].map(|s| owner(s).to_string()),
        ["a", "a", "a", "p", "a", "c"]
    );
}

#[test]
fn a_shared_service_goes_to_a_platform_team_made_if_there_is_none() {
    let map = builder()
        .sa("a")
        .sa("b")
        .sa("c")
        .svc("shared", "a")
        .stream("s1", Some("a"), &["shared"])
        .stream("s2", Some("b"), &["shared"])
        .stream("s3", Some("c"), &["shared"])
        .build();
    let fixes = fixes(&map, "shared-service", &["shared"]);
    assert_eq!(
        fixes[0].title,
        "Platform as an enabler: hand Svc shared to a new platform team, Platform"
    );
    let after = apply(&map, "shared-service", &["shared"], 0);
    let platform = after.team("platform").expect("a new platform team");
    assert_eq!(platform.team_type, crate::model::TeamType::Platform);
}

#[test]
fn a_tangled_service_is_split_and_the_other_stream_uses_its_copy() {
    let map = builder()
        .sa("a")
        .sa("b")
        .svc("front-a", "a")
        .svc("front-b", "b")
        .svc("t", "a")
        .link("front-a", "t", L::Sync)
        .link("front-b", "t", L::Sync)
        .stream("sa", Some("a"), &["front-a", "t"])
        .stream("sb", Some("b"), &["front-b", "t"])
        .build();
    let after = apply(&map, "tangled-stream", &["t"], 0);
    let copy = after.service("t-sb").expect("the copy");
    assert_eq!(copy.owner.as_ref().unwrap().as_str(), "b");
    assert_eq!(
        after.stream("sb").unwrap().steps[1].service.as_str(),
        "t-sb"
    );
    assert_eq!(after.stream("sa").unwrap().steps[1].service.as_str(), "t");
    assert_eq!(link_kind(&after, "front-b", "t-sb"), [L::Sync]);
    assert!(link_kind(&after, "front-b", "t").is_empty());
    assert_eq!(link_kind(&after, "front-a", "t"), [L::Sync]);
}

#[test]
fn a_gateway_is_split_into_one_ingress_per_stream_team() {
    let map = builder()
        .sa("a")
        .sa("b")
        .platform("p")
        .service("web", K::Frontend, Some("a"))
        .service("gw", K::Gateway, Some("p"))
        .svc("x", "a")
        .svc("y", "b")
        .link("web", "gw", L::Sync)
        .link("gw", "x", L::Sync)
        .link("gw", "y", L::Sync)
        .stream("sa", Some("a"), &["web", "gw", "x"])
        .stream("sb", Some("b"), &["web", "gw", "y"])
        .build();
    let after = apply(&map, "gateway-bottleneck", &["gw"], 0);
    assert_eq!(link_kind(&after, "web", "gw-a"), [L::Sync]);
    assert_eq!(link_kind(&after, "gw-a", "x"), [L::Sync]);
    assert_eq!(link_kind(&after, "gw-b", "y"), [L::Sync]);
    assert_eq!(
        after.stream("sb").unwrap().steps[1].service.as_str(),
        "gw-b"
    );
    assert!(
        after
            .links
            .iter()
            .all(|l| l.from.as_str() != "gw" && l.to.as_str() != "gw")
    );
}

#[test]
fn an_overloaded_team_is_split_along_its_streams() {
    let map = builder()
        .sa("a")
        .svc("x", "a")
        .svc("y", "a")
        .svc("z", "a")
        .svc("shared", "a")
        .stream("s1", Some("a"), &["x", "shared"])
        .stream("s2", Some("a"), &["y", "shared"])
        .stream("s3", Some("a"), &["z"])
        .build();
    let after = apply(&map, "team-overload", &["a"], 0);
    assert_eq!(after.teams.len(), 3);
    let owner = |id: &str| {
        after
            .service(id)
            .unwrap()
            .owner
            .clone()
            .unwrap()
            .to_string()
    };
    // The service on two of its streams stays with the team.
    assert_eq!(owner("shared"), "a");
    assert_ne!(owner("y"), "a");
    assert_ne!(owner("z"), "a");
}

#[test]
fn stale_map_records_the_review_and_undescribed_stream_opens_the_field() {
    let map = builder()
        .sa("a")
        .svc("x", "a")
        .stream("s", Some("a"), &["x"])
        .with(|m| {
            m.reviewed = Some(jiff::civil::date(2025, 1, 1));
            m.streams[0].description.clear();
        })
        .build();
    let after = apply(&map, "stale-map", &[], 0);
    assert_eq!(after.reviewed, Some(test_today()));
    let fixes = fixes(&map, "undescribed-stream", &["s"]);
    assert_eq!(
        fixes[0].field,
        Some(FixField::StreamDescription(
            crate::model::Id::new("s").unwrap()
        ))
    );
    assert!(!fixes[0].changes_map(), "no placeholder text is written");
}

#[test]
fn a_proposal_is_named_after_the_map_it_was_drafted_from() {
    use super::proposal_name;
    assert_eq!(
        proposal_name("Retail bank onboarding, current state"),
        "Retail bank onboarding, proposed"
    );
    assert_eq!(
        proposal_name("Payments (current)"),
        "Payments (current) (proposed)"
    );
    assert_eq!(proposal_name("Payments, as-is"), "Payments, proposed");
    assert_eq!(proposal_name("Payments"), "Payments (proposed)");
    assert_eq!(proposal_name("  "), "Proposed map");
    assert_eq!(proposal_name("Ünïcödé today"), "Ünïcödé proposed");
}

#[test]
fn deleting_an_orphan_says_so_and_a_draft_does_it_only_when_asked() {
    let map = builder()
        .sa("a")
        .svc("x", "a")
        .svc("lonely", "a")
        .stream("s", Some("a"), &["x"])
        .build();
    let fixes = fixes(&map, "orphan-service", &["lonely"]);
    assert_eq!(fixes[0].removes, ["the service Svc lonely"]);
    apply(&map, "orphan-service", &["lonely"], 0);
    let everything = DraftOptions {
        today: test_today(),
        rules: Default::default(),
        findings: Default::default(),
    };
    let (draft, _) = draft_proposal(&map, &everything);
    assert!(draft.service("lonely").is_some(), "not deleted unasked");
    let asked = DraftOptions {
        rules: ["orphan-service".to_string()].into(),
        ..everything
    };
    let (draft, applied) = draft_proposal(&map, &asked);
    assert!(draft.service("lonely").is_none());
    assert_eq!(applied[0].removes, ["the service Svc lonely"]);
}
