//! Unit tests: one per kind of change, each also checked for exact reversal
//! and application. Property tests over generated maps are in `proptests`.

use serde_json::{Value, json};

use super::{
    Baseline, ChangeRef, DiffError, EntityDiff, FieldChange, FindingList, MapDiff, Moved,
    OwnerMove, Relabel, StepChanges, diff, diff_with_baseline, render, step_changes,
    step_changes_of,
};
use crate::analysis::Finding;
use crate::analysis::analyze_on;
use crate::analysis::testing::test_today;
use crate::edit::{Edit, ServiceField, apply_all};
use crate::io::to_canonical_json;
use crate::model::test_map::MapBuilder;
use crate::model::{
    Color, Id, Link, LinkKind as L, Map, Service, ServiceKind as K, Settings, Team, TeamType,
};

fn id(s: &str) -> Id {
    Id::new(s).unwrap()
}

/// A small map: two stream-aligned teams, a platform team, a stream through
/// three services.
fn base() -> Map {
    MapBuilder::new()
        .sa("a")
        .sa("b")
        .platform("p")
        .svc("x", "a")
        .svc("y", "a")
        .svc("z", "b")
        .svc("plat", "p")
        .link("x", "y", L::Sync)
        .link("y", "z", L::Event)
        .link("x", "plat", L::Sync)
        .stream("s", Some("a"), &["x", "y", "z"])
        .build()
}

/// Diffs, and checks the diff reverses and applies exactly.
fn diffed(before: &Map, after: &Map) -> MapDiff {
    let d = diff(before, after, test_today());
    // The editor's way: one baseline of the compared map, diffed against
    // the open map on every edit. Diffing against the map itself in between
    // must leave nothing behind in the baseline.
    let (bf, af): (std::sync::Arc<[Finding]>, std::sync::Arc<[Finding]>) = (
        analyze_on(before, test_today()).into(),
        analyze_on(after, test_today()).into(),
    );
    let baseline = Baseline::new(before, &bf);
    assert_eq!(
        diff_with_baseline(before, &bf, &baseline, before, &bf),
        diff(before, before, test_today()),
        "with a baseline, against itself"
    );
    assert_eq!(
        diff_with_baseline(before, &bf, &baseline, after, &af),
        d,
        "with a baseline"
    );
    assert_eq!(d.reversed(), diff(after, before, test_today()), "reversal");
    assert_eq!(d.reversed().reversed(), d);
    let applied = d.apply(before).expect("the diff applies to its own before");
    assert_eq!(
        to_canonical_json(&applied),
        to_canonical_json(after),
        "apply"
    );
    let back = d
        .reversed()
        .apply(after)
        .expect("the reversed diff applies");
    assert_eq!(
        to_canonical_json(&back),
        to_canonical_json(before),
        "apply reversed"
    );
    // The same as ordinary edits, whose inverses give `before` back.
    let mut edited = before.clone();
    let edits = d.to_edits(before).expect("the diff turns into edits");
    let inverses = apply_all(&mut edited, edits).expect("the edits apply");
    assert_eq!(
        to_canonical_json(&edited),
        to_canonical_json(after),
        "edits"
    );
    apply_all(&mut edited, inverses).expect("the inverses apply");
    assert_eq!(&edited, before, "inverse edits");
    d
}

fn edited(edit: impl FnOnce(&mut Map)) -> (Map, Map) {
    let before = base();
    let mut after = before.clone();
    edit(&mut after);
    (before, after)
}

fn change(field: &str, before: Value, after: Value) -> FieldChange {
    FieldChange {
        field: field.into(),
        before,
        after,
    }
}

fn only_changes<T>(d: &EntityDiff<T>) -> Vec<(String, Vec<FieldChange>)> {
    assert!(d.added.is_empty() && d.removed.is_empty());
    d.changed
        .iter()
        .map(|c| (c.id.to_string(), c.changes.clone()))
        .collect()
}

#[test]
fn a_map_compared_with_itself_is_empty() {
    let d = diffed(&base(), &base());
    assert!(d.is_empty());
    assert_eq!(d.teams, EntityDiff::default());
    assert!(d.moved.is_empty());
    assert!(d.findings.resolved().is_empty() && d.findings.introduced().is_empty());
    assert!(
        d.findings
            .remaining()
            .iter()
            .eq(&analyze_on(&base(), test_today()))
    );
    assert_eq!(d.findings.remaining(), d.findings.remaining_before());
    assert!(d.owner_moves().is_empty());
    assert_eq!(d.streams_flow.len(), 1);
    assert_eq!(d.streams_flow[0].before, d.streams_flow[0].after);
}

#[test]
fn teams_added_and_removed() {
    let (before, after) = edited(|m| {
        m.teams.retain(|t| t.id != "p");
        m.services.retain(|s| s.id != "plat");
        m.links.retain(|l| l.to != "plat");
        m.teams.push(Team {
            id: id("c"),
            name: "Payments".into(),
            team_type: TeamType::StreamAligned,
            members: Some(6),
            color: None,
        });
    });
    let d = diffed(&before, &after);
    assert_eq!(
        d.teams
            .added
            .iter()
            .map(|t| t.id.as_str())
            .collect::<Vec<_>>(),
        ["c"]
    );
    assert_eq!(d.teams.removed, [before.teams[2].clone()]);
    assert!(d.teams.changed.is_empty());
    assert!(!d.is_empty());
}

#[test]
fn every_team_field_is_compared() {
    let (before, after) = edited(|m| {
        let t = &mut m.teams[0];
        t.name = "Alpha".into();
        t.team_type = TeamType::Enabling;
        t.members = Some(4);
        t.color = Color::parse("#112233");
    });
    let d = diffed(&before, &after);
    assert_eq!(
        only_changes(&d.teams),
        [(
            "a".to_string(),
            vec![
                change("color", Value::Null, json!("#112233")),
                change("members", Value::Null, json!(4)),
                change("name", json!("Team a"), json!("Alpha")),
                change("type", json!("stream-aligned"), json!("enabling")),
            ]
        )]
    );
    assert_eq!(d.name_before(&id("a")), Some("Team a"));
    assert_eq!(d.name_after(&id("a")), Some("Alpha"));
}

#[test]
fn services_added_and_removed_with_their_links_and_steps() {
    let (before, after) = edited(|m| {
        m.services.retain(|s| s.id != "z");
        m.links.retain(|l| l.to != "z");
        m.streams[0].steps.retain(|s| s.service != "z");
        m.services.push(Service {
            id: id("w"),
            name: "W".into(),
            kind: K::Datastore,
            owner: Some(id("b")),
            x: Some(10.0),
            y: Some(20.0),
            description: "New store".into(),
        });
        m.links.push(Link {
            from: id("y"),
            to: id("w"),
            kind: L::Data,
            label: "reads".into(),
        });
    });
    let d = diffed(&before, &after);
    assert_eq!(d.services.added, [after.service("w").unwrap().clone()]);
    assert_eq!(d.services.removed, [before.service("z").unwrap().clone()]);
    assert_eq!(d.links.added.len(), 1);
    assert_eq!(d.links.removed.len(), 1);
    assert_eq!(d.links.removed[0].key(), (&id("y"), &id("z"), L::Event));
    let steps = d.streams.changes_of("s").unwrap().field("steps").unwrap();
    assert_eq!(steps.before, json!(["x", "y", "z"]));
    assert_eq!(steps.after, json!(["x", "y"]));
    assert!(d.moved.is_empty(), "added services are not moves");
}

#[test]
fn every_service_field_is_compared_and_positions_are_not() {
    let (before, after) = edited(|m| {
        let s = m.services.iter_mut().find(|s| s.id == "x").unwrap();
        s.name = "Ex".into();
        s.kind = K::Legacy;
        s.description = "Old".into();
        s.x = Some(100.0);
    });
    let d = diffed(&before, &after);
    assert_eq!(
        only_changes(&d.services),
        [(
            "x".to_string(),
            vec![
                change("description", Value::Null, json!("Old")),
                change("kind", json!("service"), json!("legacy")),
                change("name", json!("Svc x"), json!("Ex")),
            ]
        )]
    );
    assert_eq!(
        d.moved,
        [Moved {
            id: id("x"),
            before: (None, None),
            after: (Some(100.0), None)
        }]
    );
}

#[test]
fn ownership_moves_are_called_out_with_team_names() {
    let (before, after) = edited(|m| {
        m.services.iter_mut().find(|s| s.id == "y").unwrap().owner = Some(id("b"));
        m.services.iter_mut().find(|s| s.id == "z").unwrap().owner = None;
        m.streams[0].owner = Some(id("b"));
        m.teams[1].name = "Payments".into();
    });
    let d = diffed(&before, &after);
    let y = d.services.changes_of("y").unwrap();
    assert_eq!(y.changes, [change("owner", json!("a"), json!("b"))]);
    let moves = d.owner_moves();
    assert_eq!(
        moves,
        [
            OwnerMove {
                id: id("y"),
                name: "Svc y".into(),
                from: Some(id("a")),
                to: Some(id("b")),
                from_name: "Team a".into(),
                to_name: "Payments".into(),
            },
            OwnerMove {
                id: id("z"),
                name: "Svc z".into(),
                from: Some(id("b")),
                to: None,
                from_name: "Team b".into(),
                to_name: "no owner".into(),
            },
            OwnerMove {
                id: id("s"),
                name: "Stream s".into(),
                from: Some(id("a")),
                to: Some(id("b")),
                from_name: "Team a".into(),
                to_name: "Payments".into(),
            },
        ]
    );
    let md = render::markdown(&d, false);
    assert!(
        md.contains("- **Svc y** moved from Team a to Payments"),
        "{md}"
    );
    assert!(md.contains("- **Svc z** is left without an owner (was Team b)"));
    assert!(md.contains("- Stream **Stream s** moved from Team a to Payments"));
}

#[test]
fn streams_added_removed_and_every_field_compared() {
    let (before, after) = edited(|m| {
        let s = &mut m.streams[0];
        s.name = "Onboard".into();
        s.owner = None;
        s.customer = String::new();
        s.description = "Changed.".into();
        s.color = Color::parse("#abcdef");
        let mut t = s.clone();
        t.id = id("t");
        m.streams.push(t);
    });
    let d = diffed(&before, &after);
    assert_eq!(
        d.streams
            .added
            .iter()
            .map(|s| s.id.as_str())
            .collect::<Vec<_>>(),
        ["t"]
    );
    let fields: Vec<(&str, &Value, &Value)> = d
        .streams
        .changes_of("s")
        .unwrap()
        .changes
        .iter()
        .map(|c| (c.field.as_str(), &c.before, &c.after))
        .collect();
    assert_eq!(
        fields,
        [
            ("color", &Value::Null, &json!("#abcdef")),
            ("customer", &json!("A customer"), &Value::Null),
            (
                "description",
                &json!("What it delivers."),
                &json!("Changed.")
            ),
            ("name", &json!("Stream s"), &json!("Onboard")),
            ("owner", &json!("a"), &Value::Null),
        ]
    );
    let (before, after) = (after, before);
    let d = diffed(&before, &after);
    assert_eq!(d.streams.removed.len(), 1);
    assert_eq!(d.streams_flow.len(), 2);
    let t = d.streams_flow.iter().find(|f| f.id == "t").unwrap();
    assert!(t.before.is_some() && t.after.is_none());
    assert_eq!(t.name, "Onboard");
}

#[test]
fn steps_added_removed_and_reordered() {
    let (before, after) = edited(|m| {
        m.streams[0].steps.swap(0, 1);
    });
    let d = diffed(&before, &after);
    let steps = d.streams.changes_of("s").unwrap().field("steps").unwrap();
    assert_eq!(
        step_changes_of(steps),
        StepChanges {
            added: vec![],
            removed: vec![],
            reordered: true
        }
    );

    let (before, after) = edited(|m| {
        let s = &mut m.streams[0];
        s.steps.remove(1);
        s.steps.push(crate::model::Step {
            service: id("plat"),
            stage: "Platform".into(),
            work: None,
            wait: None,
            complete_accurate: None,
        });
    });
    let d = diffed(&before, &after);
    let changed = d.streams.changes_of("s").unwrap();
    assert_eq!(
        step_changes(&before.streams[0], &after.streams[0]),
        StepChanges {
            added: vec![id("plat")],
            removed: vec![id("y")],
            reordered: false
        }
    );
    assert_eq!(
        changed.field("steps").unwrap().after,
        json!(["x", "z", "plat"])
    );
    assert_eq!(
        changed.field("stages").unwrap(),
        &change("stages", json!({}), json!({"plat": "Platform"}))
    );
    assert!(step_changes(&before.streams[0], &before.streams[0]).is_empty());
}

#[test]
fn stage_labels_alone_are_a_change_of_stages() {
    let (before, after) = edited(|m| m.streams[0].steps[1].stage = "Check".into());
    let d = diffed(&before, &after);
    assert_eq!(
        only_changes(&d.streams),
        [(
            "s".to_string(),
            vec![change("stages", json!({}), json!({"y": "Check"}))]
        )]
    );
    let md = render::markdown(&d, false);
    assert!(
        md.contains("| Stream s | stages | Svc y: no stage | Svc y: \"Check\" |"),
        "{md}"
    );
}

#[test]
fn links_added_removed_kind_changed_and_relabelled() {
    let (before, after) = edited(|m| {
        m.links.retain(|l| l.from != "x" || l.to != "plat");
        m.links.push(Link {
            from: id("z"),
            to: id("x"),
            kind: L::Event,
            label: String::new(),
        });
        let xy = m
            .links
            .iter_mut()
            .find(|l| l.from == "x" && l.to == "y")
            .unwrap();
        xy.kind = L::Event;
        xy.label = "published".into();
        m.links.iter_mut().find(|l| l.from == "y").unwrap().label = "renamed".into();
    });
    let d = diffed(&before, &after);
    let kinds = d.links.kind_changes();
    assert_eq!(kinds.len(), 1);
    assert_eq!((kinds[0].0.kind, kinds[0].1.kind), (L::Sync, L::Event));
    assert_eq!(kinds[0].1.label, "published");
    assert_eq!(
        d.links
            .only_added()
            .iter()
            .map(|l| l.key())
            .collect::<Vec<_>>(),
        [(&id("z"), &id("x"), L::Event)]
    );
    assert_eq!(
        d.links
            .only_removed()
            .iter()
            .map(|l| l.key())
            .collect::<Vec<_>>(),
        [(&id("x"), &id("plat"), L::Sync)]
    );
    assert_eq!(
        d.links.relabeled,
        [Relabel {
            from: id("y"),
            to: id("z"),
            kind: L::Event,
            before: String::new(),
            after: "renamed".into()
        }]
    );
    assert_eq!(d.links.added.len(), 2);
    assert_eq!(d.links.removed.len(), 2);
    let text = render::text(&d, false);
    assert!(
        text.contains("  ~ Svc x -> Svc y: changed kind: sync -> event \"published\""),
        "{text}"
    );
    assert!(text.contains("  ~ Svc y -> Svc z: relabelled: event -> event \"renamed\""));
    assert!(text.contains("  + Svc z -> Svc x: event"));
    assert!(text.contains("  - Svc x -> Svc plat: sync"));
}

#[test]
fn moves_are_reported_apart_and_do_not_make_a_diff_non_empty() {
    let before = MapBuilder::new()
        .sa("a")
        .svc("x", "a")
        .with(|m| {
            m.services[0].x = Some(10.0);
            m.services[0].y = Some(20.0);
        })
        .build();
    let mut after = before.clone();
    after.services[0].x = Some(30.0);
    let d = diffed(&before, &after);
    assert!(d.is_empty());
    assert_eq!(
        d.moved,
        [Moved {
            id: id("x"),
            before: (Some(10.0), Some(20.0)),
            after: (Some(30.0), Some(20.0))
        }]
    );
    assert!(!render::text(&d, false).contains("Moved"));
    assert!(
        render::text(&d, true)
            .contains("Moved on the canvas (1)\n  Svc x [x]: (10, 20) -> (30, 20)")
    );
    assert_eq!(render::json(&d, true)["moved"], json!(["x"]));
    assert!(render::json(&d, false).get("moved").is_none());

    // A sub-pixel drag is not a move: the file would not change.
    after.services[0].x = Some(10.3);
    assert!(diff(&before, &after, test_today()).moved.is_empty());
}

#[test]
fn findings_resolved_introduced_and_remaining() {
    let before = MapBuilder::new()
        .sa("a")
        .service("x", K::Service, None)
        .svc("y", "a")
        .stream("s", Some("a"), &["x", "y"])
        .build();
    let mut after = before.clone();
    after.services[0].owner = Some(id("a"));
    after.streams[0].description = String::new();
    after.services[1].name = "Why".into();
    after.services.push(Service {
        id: id("lonely"),
        name: "Lonely".into(),
        kind: K::Service,
        owner: Some(id("a")),
        x: None,
        y: None,
        description: String::new(),
    });
    let d = diffed(&before, &after);
    let rules = |fs: FindingList<'_>| fs.iter().map(|f| f.rule).collect::<Vec<_>>();
    assert_eq!(rules(d.findings.resolved()), ["unowned-service"]);
    assert_eq!(
        rules(d.findings.introduced()),
        ["orphan-service", "undescribed-stream"]
    );
    assert_eq!(d.severity_counts(), ([0, 1, 0], [0, 0, 2]));
    assert_eq!(
        render::verdict(&d),
        "1 finding resolved, 2 introduced; errors 0 -> 0, warnings 1 -> 0, info 0 -> 2"
    );
    assert_eq!(d.before_findings().len(), 1);
    assert_eq!(d.after_findings().len(), 2);
}

#[test]
fn remaining_findings_keep_both_wordings_and_allow_shifts() {
    let before = MapBuilder::new().service("x", K::Service, None).build();
    let mut after = before.clone();
    after.services[0].name = "Ex".into();
    after.allow.push(crate::model::Allow {
        rule: "unowned-service".into(),
        subject: Some(id("x")),
        reason: "Handing over".into(),
    });
    let d = diffed(&before, &after);
    let unowned = |fs: FindingList<'_>| {
        fs.into_iter()
            .find(|f| f.rule == "unowned-service")
            .cloned()
            .unwrap()
    };
    assert_eq!(
        unowned(d.findings.remaining()).message,
        "Ex has no owning team"
    );
    assert!(unowned(d.findings.remaining()).allowed);
    assert_eq!(
        unowned(d.findings.remaining_before()).message,
        "Svc x has no owning team"
    );
    assert!(
        render::verdict(&d).ends_with("; 1 accepted by a new allow entry"),
        "{}",
        render::verdict(&d)
    );
    assert!(render::markdown(&d, false).contains("Ex has no owning team _(newly allowed)_"));
}

#[test]
fn flow_figures_before_and_after() {
    let (before, after) = edited(|m| {
        m.services.iter_mut().find(|s| s.id == "z").unwrap().owner = Some(id("a"));
    });
    let d = diffed(&before, &after);
    let flow = &d.streams_flow[0];
    assert_eq!(flow.id, "s");
    assert_eq!(flow.name, "Stream s");
    let (b, a) = (flow.before.clone().unwrap(), flow.after.clone().unwrap());
    assert_eq!((b.teams, b.other_teams, b.handoffs), (2, 1, 1));
    assert_eq!((a.teams, a.other_teams, a.handoffs), (1, 0, 0));
    let md = render::markdown(&d, false);
    assert!(md.contains("| stream | teams | other teams | handoffs | findings |"));
    assert!(
        md.contains(&format!(
            "| Stream s | 2 → 1 | 1 → 0 | 1 → 0 | {} → {} |",
            b.findings, a.findings
        )),
        "{md}"
    );
}

#[test]
fn map_fields_settings_and_allow_entries() {
    let (before, after) = edited(|m| {
        m.name = "Proposed".into();
        m.description = "Where we go.".into();
        m.reviewed = None;
        m.settings = Settings {
            two_pizza_max_teams: Some(3),
            ..Settings::default()
        };
        m.allow.push(crate::model::Allow {
            rule: "sync-coupling".into(),
            subject: None,
            reason: "Known".into(),
        });
    });
    let d = diffed(&before, &after);
    assert!(!d.is_empty());
    let fields: Vec<&str> = d.map_changes().iter().map(|c| c.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "allow",
            "description",
            "name",
            "reviewed",
            "settings.two_pizza_max_teams"
        ]
    );
    assert_eq!(
        d.map_changes()[3],
        change("reviewed", json!("2026-11-01"), Value::Null)
    );
    assert_eq!(
        d.map_changes()[4],
        change("settings.two_pizza_max_teams", Value::Null, json!(3))
    );
    assert_eq!(d.map_names(), ("Test", "Proposed"));
}

#[test]
fn a_diff_does_not_apply_to_another_map() {
    let (before, after) = edited(|m| m.services[0].name = "Ex".into());
    let d = diff(&before, &after, test_today());
    let mut other = before.clone();
    other.services[0].name = "Something else".into();
    assert!(matches!(d.apply(&other), Err(DiffError::Conflict { field, .. }) if field == "name"));
    let mut other = before.clone();
    other.services.remove(0);
    other.links.retain(|l| l.from != "x");
    other.streams[0].steps.remove(0);
    assert_eq!(
        d.apply(&other),
        Err(DiffError::Missing {
            what: "service",
            id: id("x")
        })
    );
    let (before, after) = edited(|m| {
        m.links.push(Link {
            from: id("z"),
            to: id("x"),
            kind: L::Sync,
            label: String::new(),
        })
    });
    let d = diff(&before, &after, test_today());
    assert!(matches!(d.apply(&after), Err(DiffError::LinkThere(_))));
    assert!(matches!(
        d.reversed().apply(&before),
        Err(DiffError::MissingLink(_))
    ));
}

#[test]
fn the_example_maps_diff_as_the_review_expects() {
    let load = |name: &str| {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("assets/examples")
            .join(format!("{name}.vsmap.json"));
        crate::io::load_file(&path).unwrap()
    };
    let (current, proposed) = (load("onboarding-current"), load("onboarding-proposed"));
    let d = diffed(&current, &proposed);
    let moves: Vec<(String, String, String)> = d
        .owner_moves()
        .into_iter()
        .map(|m| (m.name, m.from_name, m.to_name))
        .collect();
    assert!(moves.contains(&(
        "Sanctions Screening".into(),
        "Customer Onboarding".into(),
        "Financial Crime & Compliance".into()
    )));
    assert_eq!(d.severity_counts().0[0], 4);
    assert_eq!(d.severity_counts().1[0], 0);
    assert!(d.findings.introduced().is_empty());
    assert!(d.links.kind_changes().len() >= 10);
}

#[test]
fn markdown_escapes_user_text() {
    assert_eq!(render::escape_markdown("a|b"), "a\\|b");
    assert_eq!(
        render::escape_markdown("<script>alert(1)</script>"),
        "&lt;script>alert(1)&lt;/script>"
    );
    assert_eq!(
        render::escape_markdown("`x` *y* _z_ [l](u) ~s~ $m$"),
        "\\`x\\` \\*y\\* \\_z\\_ \\[l\\](u) \\~s\\~ \\$m\\$"
    );
    assert_eq!(
        render::escape_markdown("Accounts & Savings &amp;"),
        "Accounts & Savings &amp;amp;"
    );
    assert_eq!(render::escape_markdown("two\nlines"), "two lines");
    assert_eq!(render::escape_markdown("a -> b"), "a -> b");
}

#[test]
fn text_output_strips_control_characters() {
    let (before, after) = edited(|m| m.services[0].name = "evil\u{1b}[31m".into());
    let text = render::text(&diff(&before, &after, test_today()), false);
    assert!(!text.contains('\u{1b}'));
    assert!(text.contains("name: Svc x -> evil [31m"), "{text}");
}

#[test]
fn json_has_the_documented_shape_with_sorted_keys() {
    let (before, after) = edited(|m| {
        m.services[0].name = "Ex".into();
        m.services[1].owner = None;
        m.links.pop();
    });
    let d = diffed(&before, &after);
    let v = render::json(&d, false);
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "findings",
            "links",
            "map",
            "services",
            "streams",
            "streams_flow",
            "teams"
        ]
    );
    assert_eq!(
        v["services"]["changed"][0],
        json!({"id": "x", "changes": [{"field": "name", "before": "Svc x", "after": "Ex"}]})
    );
    assert_eq!(
        v["services"]["changed"][1],
        json!({"id": "y", "changes": [{"field": "owner", "before": "a", "after": null}]})
    );
    assert_eq!(v["services"]["added"], json!([]));
    assert_eq!(
        v["links"]["removed"],
        json!([{"from": "x", "to": "plat", "kind": "sync"}])
    );
    assert_eq!(v["streams_flow"][0]["id"], "s");
    let figures: Vec<&String> = v["streams_flow"][0]["after"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(
        figures,
        [
            "findings",
            "flow_efficiency",
            "handoffs",
            "lead_time_minutes",
            "longest_handoff_wait_minutes",
            "other_teams",
            "teams"
        ]
    );
    let finding: Vec<&String> = v["findings"]["introduced"][0]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert_eq!(
        finding,
        ["allowed", "hint", "message", "rule", "severity", "subjects"]
    );
}

#[test]
fn an_unchanged_map_renders_as_no_change() {
    let d = diff(&base(), &base(), test_today());
    let text = render::text(&d, false);
    assert!(text.contains("No architectural change."), "{text}");
    assert!(render::markdown(&d, false).starts_with("## Test → Test\n"));
}

#[test]
fn the_order_of_elements_in_memory_does_not_change_the_diff() {
    // The editor appends new elements, so open maps are often not in id
    // order; the diff walks both maps in id order whatever their order.
    let before = crate::generate::generate(&crate::generate::GenerateOptions::with_services(80));
    let after = crate::generate::vary(&before, 10, 3);
    let reordered = |m: &Map| {
        let mut m = m.clone();
        m.teams.reverse();
        m.services.reverse();
        m.links.reverse();
        m.streams.reverse();
        m.services.rotate_left(7);
        m
    };
    let in_order = diffed(&before, &after);
    assert!(!in_order.services.changed.is_empty());
    assert!(!in_order.links.added.is_empty() && !in_order.links.removed.is_empty());
    assert_eq!(diffed(&reordered(&before), &reordered(&after)), in_order);
}

#[test]
fn names_cover_what_the_diff_mentions() {
    let before = base();
    let mut after = base();
    after.services[0].owner = Some(Id::new("b").unwrap());
    let d = diffed(&before, &after);
    let x = Id::new("x").unwrap();
    assert_eq!(d.name_before(&x), Some("Svc x"));
    // The owners named in the change, on their side.
    assert_eq!(d.name_before(&Id::new("a").unwrap()), Some("Team a"));
    assert_eq!(d.name_after(&Id::new("b").unwrap()), Some("Team b"));
    // An element the diff does not mention falls back to its id.
    let plat = Id::new("plat").unwrap();
    assert_eq!(d.name_of(&plat), "plat");
}

#[test]
fn a_diff_turns_into_the_edits_a_user_would_make() {
    let (before, after) = edited(|m| {
        m.services[0].name = "Ex".into();
        m.streams[0].steps.swap(0, 1);
        m.streams[0].steps[2].stage = "Check".into();
        m.links[0].kind = L::Event;
        m.settings.one_hop_max_hops = Some(2);
    });
    let edits = diffed(&before, &after).to_edits(&before).unwrap();
    let settings = Settings {
        one_hop_max_hops: Some(2),
        ..Settings::default()
    };
    let link = |kind| Link {
        kind,
        ..before.links[0].clone()
    };
    assert_eq!(
        edits,
        [
            Edit::RemoveLink(id("x"), id("y"), L::Sync),
            Edit::SetService(id("x"), ServiceField::Name("Ex".into())),
            // Where a list in canonical order would keep it (this map's
            // links are not in that order: the position is the end).
            Edit::InsertLink(2, link(L::Event)),
            Edit::MoveStep(id("s"), 1, 0),
            Edit::SetStepStage(id("s"), 2, "Check".into()),
            Edit::SetMap(crate::edit::MapField::Settings(settings)),
        ]
    );
}

/// A map where "kyc" is on the stream "onboarding" and linked to nothing,
/// and one where it is gone.
fn without_kyc() -> (Map, Map) {
    let before = MapBuilder::new()
        .sa("a")
        .svc("x", "a")
        .svc("kyc", "a")
        .link("x", "kyc", L::Sync)
        .stream("onboarding", Some("a"), &["x", "kyc"])
        .build();
    let mut after = before.clone();
    after.services.retain(|s| s.id != "kyc");
    after.links.clear();
    after.streams[0].steps.truncate(1);
    (before, after)
}

#[test]
fn a_change_taken_alone_says_what_stands_in_its_way() {
    let (before, after) = without_kyc();
    let d = diffed(&before, &after);
    let kyc = ChangeRef::Service {
        id: id("kyc"),
        field: None,
    };
    let link = ChangeRef::Link {
        from: id("x"),
        to: id("kyc"),
        kind: L::Sync,
    };
    let steps = ChangeRef::Stream {
        id: id("onboarding"),
        field: Some("steps".into()),
    };
    assert_eq!(d.change_refs(), [kyc.clone(), steps.clone(), link.clone()]);
    let error = d.only(&kyc).to_edits(&before).unwrap_err();
    assert_eq!(
        error.to_string(),
        "cannot remove service \"kyc\": \"kyc\" still has a sync link from \"x\""
    );
    // Taken one by one, each change lets the next through.
    let mut map = before.clone();
    let take = |map: &mut Map, change: &ChangeRef| {
        let edits = d.only(change).to_edits(map).unwrap();
        apply_all(map, edits).unwrap();
    };
    take(&mut map, &link);
    let error = d.only(&kyc).to_edits(&map).unwrap_err();
    assert_eq!(
        error.to_string(),
        "cannot remove service \"kyc\": \"kyc\" is still a step of stream \"onboarding\""
    );
    take(&mut map, &steps);
    take(&mut map, &kyc);
    assert_eq!(to_canonical_json(&map), to_canonical_json(&after));
    // Adding it back needs the service before the step and the link.
    let back = d.reversed();
    let error = back.only(&steps).to_edits(&after).unwrap_err();
    assert_eq!(
        error.to_string(),
        "cannot add \"kyc\" to stream \"onboarding\": there is no service \"kyc\""
    );
}

#[test]
fn a_partial_diff_holds_the_change_it_addresses_and_nothing_else() {
    let (before, after) = edited(|m| {
        let x = &mut m.services[0];
        (x.name, x.kind, x.x) = ("Ex".into(), K::Legacy, Some(100.0));
        m.links[0].kind = L::Data;
        m.name = "Proposed".into();
    });
    let d = diffed(&before, &after);
    let x = |field: Option<&str>| ChangeRef::Service {
        id: id("x"),
        field: field.map(String::from),
    };
    let name = d.only(&x(Some("name")));
    assert_eq!(
        only_changes(&name.services)[0].1,
        [change("name", json!("Svc x"), json!("Ex"))]
    );
    assert!(name.moved.is_empty() && name.links.is_empty() && name.map_changes().is_empty());
    assert!(name.findings.resolved().is_empty() && name.streams_flow.is_empty());
    assert_eq!(name.name_of(&id("x")), "Ex");
    let moved = d.only(&x(Some("position")));
    assert!(moved.is_empty() && moved.moved.len() == 1);
    let all = d.only(&x(None));
    assert_eq!(all.services.changed[0].changes.len(), 2);
    assert_eq!(all.moved, d.moved);
    // Either key of a change of kind takes both halves.
    let key = |kind| ChangeRef::Link {
        from: id("x"),
        to: id("y"),
        kind,
    };
    assert_eq!(d.only(&key(L::Sync)), d.only(&key(L::Data)));
    assert_eq!(d.only(&key(L::Sync)).links, d.links);
    let map = d.only(&ChangeRef::Map {
        field: Some("name".into()),
    });
    assert_eq!(map.map_changes(), d.map_changes());
    assert!(
        d.only(&ChangeRef::Team {
            id: id("a"),
            field: None
        })
        .is_empty()
    );
}

#[test]
fn changes_in_every_list_at_once_apply_in_an_order_that_holds() {
    // A service's id reused by a stream, a stream's by a team, a team's by
    // a service: what leaves goes before what arrives.
    let before = MapBuilder::new()
        .sa("a")
        .sa("old")
        .svc("x", "a")
        .svc("gone", "old")
        .stream("flow", Some("old"), &["x", "gone"])
        .build();
    let mut after = MapBuilder::new()
        .sa("a")
        .sa("flow")
        .svc("x", "flow")
        .svc("old", "a")
        .stream("gone", Some("flow"), &["old", "x"])
        .build();
    after.allow.push(crate::model::Allow {
        rule: "unowned-service".into(),
        subject: None,
        reason: "Known".into(),
    });
    for (a, b) in [(&before, &after), (&after, &before)] {
        let d = diff(a, b, test_today());
        let mut m = a.clone();
        let inverses = apply_all(&mut m, d.to_edits(a).unwrap()).unwrap();
        assert_eq!(to_canonical_json(&m), to_canonical_json(b));
        apply_all(&mut m, inverses).unwrap();
        assert_eq!(&m, a);
    }
}
