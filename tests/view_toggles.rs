//! The View menu's toggles change what the canvas draws: team zones,
//! stream lines and their stops, and which links, each counted in the
//! shapes the canvas painted, after a click in the menu as a user would.
#![cfg(feature = "gui")]

use egui::epaint::{ClippedShape, Shape};
use egui::{Color32, Event};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use vsmap::io::from_json;
use vsmap::ui::app::VsmapApp;
use vsmap::ui::state::{Document, LinksShown, Selection, UICommand};

mod common;
use common::editor::editor_harness;

const MAP: &str = r##"{
  "format": "vsmap", "version": 1, "name": "Two teams", "reviewed": "2026-11-20",
  "teams": [
    { "id": "a", "name": "Team A", "type": "stream-aligned", "color": "#102030" },
    { "id": "b", "name": "Team B", "type": "platform", "color": "#304050" }
  ],
  "services": [
    { "id": "web", "name": "Web", "kind": "frontend", "owner": "a", "x": 0, "y": 0 },
    { "id": "api", "name": "API", "kind": "service", "owner": "a", "x": 300, "y": 0 },
    { "id": "db", "name": "DB", "kind": "datastore", "owner": "b", "x": 300, "y": 300 },
    { "id": "log", "name": "Log", "kind": "service", "owner": "b", "x": 600, "y": 300 }
  ],
  "links": [
    { "from": "web", "to": "api", "kind": "sync" },
    { "from": "api", "to": "db", "kind": "data" },
    { "from": "db", "to": "log", "kind": "event" }
  ],
  "streams": [
    { "id": "shop", "name": "Shop", "owner": "a", "customer": "Shopper", "description": "Buy.",
      "color": "#aa0000", "steps": [ { "service": "web" }, { "service": "api" }, { "service": "db" } ] },
    { "id": "audit", "name": "Audit", "owner": "b", "customer": "Auditor", "description": "Check.",
      "color": "#00aa00", "steps": [ { "service": "api" }, { "service": "db" } ] }
  ]
}"##;

fn harness() -> Harness<'static, VsmapApp> {
    let doc = Document::new(from_json(MAP.as_bytes()).unwrap(), None);
    editor_harness(doc, |_| {}).0
}

fn flatten<'a>(shape: &'a Shape, out: &mut Vec<&'a Shape>) {
    match shape {
        Shape::Vec(shapes) => shapes.iter().for_each(|s| flatten(s, out)),
        s => out.push(s),
    }
}

/// What the canvas painted on its last live frame.
fn painted(h: &Harness<'_, VsmapApp>) -> Vec<Shape> {
    let (shapes, _) = h.state().canvas().painted();
    let mut flat = Vec::new();
    for ClippedShape { shape, .. } in shapes {
        flatten(shape, &mut flat);
    }
    flat.into_iter().cloned().collect()
}

/// Zone tints: rectangles filled with a team's colour, translucent.
fn zone_fills(shapes: &[Shape]) -> usize {
    let tints = [(0x10, 0x20, 0x30), (0x30, 0x40, 0x50)];
    shapes
        .iter()
        .filter(|s| match s {
            Shape::Rect(r) => {
                let c = r.fill;
                c.a() > 0
                    && c.a() < 128
                    && tints
                        .iter()
                        .any(|&(red, g, b)| Color32::from_rgb(red, g, b).gamma_multiply(0.14) == c)
            }
            _ => false,
        })
        .count()
}

/// Stream lines: paths stroked wider than a link.
fn stream_lines(shapes: &[Shape]) -> usize {
    shapes
        .iter()
        .filter(|s| matches!(s, Shape::Path(p) if !p.closed && p.stroke.width >= 3.0))
        .count()
}

/// Stops: rings (circles with a stroke).
fn stops(shapes: &[Shape]) -> usize {
    shapes
        .iter()
        .filter(|s| matches!(s, Shape::Circle(c) if c.stroke.width > 0.0))
        .count()
}

/// Sync links and arrow heads: straight segments and filled triangles (a
/// node may draw some too).
fn link_marks(shapes: &[Shape]) -> usize {
    shapes
        .iter()
        .filter(|s| match s {
            Shape::LineSegment { .. } => true,
            Shape::Path(p) => p.closed && p.points.len() == 3,
            _ => false,
        })
        .count()
}

/// Clicks an entry of the View menu, then moves the pointer over the canvas
/// so that the canvas draws a live frame.
fn view_menu(h: &mut Harness<'_, VsmapApp>, entry: &str) {
    h.get_by_label("View").click();
    h.run();
    h.get_by_label(entry).click();
    h.run();
    h.event(Event::PointerMoved(egui::pos2(700.0, 500.0)));
    h.run();
}

#[test]
fn view_toggles_change_what_the_canvas_draws() {
    let mut h = harness();
    h.event(Event::PointerMoved(egui::pos2(700.0, 500.0)));
    h.run();
    let all = painted(&h);
    assert_eq!(zone_fills(&all), 2, "one zone per team");
    assert_eq!(stream_lines(&all), 2, "one line per stream");
    // Shop stops at three services, Audit at two.
    assert_eq!(stops(&all), 5);
    let links = link_marks(&all);

    view_menu(&mut h, "Team zones");
    assert!(!h.state().state().view.team_zones);
    let shapes = painted(&h);
    assert_eq!(zone_fills(&shapes), 0);
    assert_eq!(stream_lines(&shapes), 2);

    view_menu(&mut h, "Value streams");
    let shapes = painted(&h);
    assert_eq!((stream_lines(&shapes), stops(&shapes)), (0, 0));

    view_menu(&mut h, "No links");
    assert_eq!(h.state().state().view.links, LinksShown::None);
    // What is left are the nodes' own segments (a frontend's stand).
    let none = link_marks(&painted(&h));
    assert!(
        links >= none + 3,
        "{links} marks with the three links, {none} without"
    );

    // Only the selected stream's links: Audit runs api -> db, one data link
    // (dotted: circles, no segment) and its arrow head.
    view_menu(&mut h, "Links of the selected stream");
    assert_eq!(
        link_marks(&painted(&h)),
        none,
        "no stream selected, no link"
    );
    h.state_mut()
        .act(vsmap::ui::state::Action::Select(Selection::Stream(
            vsmap::model::Id::new("audit").unwrap(),
        )));
    h.run();
    h.event(Event::PointerMoved(egui::pos2(710.0, 500.0)));
    h.run();
    let one = link_marks(&painted(&h));
    assert!(
        none < one && one < links,
        "{one}: between {none} and {links}"
    );

    // Everything back on, as at the start.
    view_menu(&mut h, "All links");
    view_menu(&mut h, "Team zones");
    view_menu(&mut h, "Value streams");
    h.state_mut()
        .act(vsmap::ui::state::Action::Select(Selection::None));
    h.run();
    h.event(Event::PointerMoved(egui::pos2(700.0, 500.0)));
    h.run();
    let again = painted(&h);
    assert_eq!(zone_fills(&again), 2);
    assert_eq!(stream_lines(&again), 2);
    assert_eq!(link_marks(&again), links);
}

/// Team blocks: rectangles filled with a team's colour, nearly opaque.
fn block_fills(shapes: &[Shape]) -> usize {
    let fills = [(0x10, 0x20, 0x30), (0x30, 0x40, 0x50)];
    shapes
        .iter()
        .filter(|s| match s {
            Shape::Rect(r) => fills
                .iter()
                .any(|&(red, g, b)| Color32::from_rgb(red, g, b).gamma_multiply(0.9) == r.fill),
            _ => false,
        })
        .count()
}

#[test]
fn far_out_each_team_is_a_block_and_its_links_are_aggregated() {
    let mut h = harness();
    h.event(Event::PointerMoved(egui::pos2(700.0, 500.0)));
    h.run();
    let near = painted(&h);
    assert_eq!(block_fills(&near), 0, "near: zones, not blocks");
    // Zoom out until services would be dots.
    for _ in 0..16 {
        h.state_mut()
            .act(vsmap::ui::state::Action::Command(UICommand::ZoomOut));
        h.run();
    }
    h.event(Event::PointerMoved(egui::pos2(702.0, 500.0)));
    h.run();
    let far = painted(&h);
    assert_eq!(block_fills(&far), 2, "one block per team");
    assert_eq!(zone_fills(&far), 0, "the blocks replace the zones");
    assert_eq!(stream_lines(&far), 0, "no stream is selected");
}

#[test]
fn the_teams_view_shows_blocks_a_click_selects_a_team_and_a_double_click_goes_back() {
    let mut h = harness();
    view_menu(&mut h, "Teams (interaction graph)");
    assert!(h.state().state().view.teams_view);
    h.run();
    let a = h
        .state()
        .canvas()
        .team_block_on_screen("a")
        .expect("team A has a block");
    let b = h
        .state()
        .canvas()
        .team_block_on_screen("b")
        .expect("team B has a block");
    assert!(!a.intersects(b), "{a:?} and {b:?} overlap");
    // A calls B (api -> db): A's column is left of B's, or A's row above.
    assert!(a.center().x < b.center().x || a.center().y < b.center().y);

    h.event(Event::PointerMoved(b.center()));
    h.run();
    // Press and release a frame apart, `times` in a row, as a hand does.
    let click = |h: &mut Harness<'_, VsmapApp>, at: egui::Pos2, times: usize| {
        h.event(Event::PointerMoved(at));
        h.step();
        for _ in 0..times {
            for pressed in [true, false] {
                h.event(Event::PointerButton {
                    pos: at,
                    button: egui::PointerButton::Primary,
                    pressed,
                    modifiers: egui::Modifiers::NONE,
                });
                h.step();
            }
        }
        h.run();
    };
    click(&mut h, b.center(), 1);
    assert_eq!(
        h.state().state().selection,
        Selection::Team(vsmap::model::Id::new("b").unwrap())
    );
    // The inspector now shows the team, which may move the view: point
    // at where the block is now, twice in a row, long enough after the
    // first click that egui does not count a triple click.
    for _ in 0..60 {
        h.step();
    }
    let b = h.state().canvas().team_block_on_screen("b").unwrap();
    click(&mut h, b.center(), 2);
    assert!(
        !h.state().state().view.teams_view,
        "a double-click on a team goes back to the map"
    );
    assert_eq!(
        h.state().state().selection,
        Selection::Team(vsmap::model::Id::new("b").unwrap())
    );
}

#[test]
fn far_out_a_service_no_team_owns_is_drawn_linked_and_clickable() {
    // Team A's two services and one service nobody owns, called by A's API.
    let map = MAP
        .replace(
            r#"{ "id": "log", "name": "Log", "kind": "service", "owner": "b", "x": 600, "y": 300 }"#,
            r#"{ "id": "log", "name": "Log", "kind": "service", "owner": "b", "x": 600, "y": 300 },
    { "id": "mail", "name": "Mail", "kind": "service", "x": 900, "y": 0 }"#,
        )
        .replace(
            r#"{ "from": "db", "to": "log", "kind": "event" }"#,
            r#"{ "from": "db", "to": "log", "kind": "event" },
    { "from": "api", "to": "mail", "kind": "sync" }"#,
        );
    let doc = Document::new(from_json(map.as_bytes()).unwrap(), None);
    let (mut h, _) = editor_harness(doc, |_| {});
    for _ in 0..16 {
        h.state_mut()
            .act(vsmap::ui::state::Action::Command(UICommand::ZoomOut));
        h.run();
    }
    let mail = h
        .state()
        .canvas()
        .screen_pos_of(h.state().doc().map(), "mail")
        .expect("mail is on the canvas");
    h.event(Event::PointerMoved(mail));
    h.run();
    let far = painted(&h);
    assert_eq!(block_fills(&far), 2, "one block per team");
    // The unowned service is its own small block in the unowned grey, and
    // the call to it is drawn (the links inside the teams are aggregated).
    let unowned = vsmap::ui::theme::Theme::DARK.unowned;
    let grey = far
        .iter()
        .filter(|s| matches!(s, Shape::Rect(r) if r.fill == unowned))
        .count();
    assert_eq!(grey, 1, "the unowned service is drawn");
    assert_eq!(
        far.iter()
            .filter(|s| matches!(s, Shape::LineSegment { .. }))
            .count(),
        2,
        "the arrow from team A to team B and the call to the unowned service"
    );
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos: mail,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        h.step();
    }
    h.run();
    assert_eq!(
        h.state().state().selection,
        Selection::Services(vec![vsmap::model::Id::new("mail").unwrap()])
    );
}

#[test]
fn the_teams_view_refits_after_an_edit_until_the_user_moves_its_camera() {
    use vsmap::edit::{Edit, ServiceField};
    use vsmap::model::{Id, Team, TeamType};
    use vsmap::ui::state::Action;
    let mut h = harness();
    view_menu(&mut h, "Teams (interaction graph)");
    h.run();
    let view = h.state().canvas().rect();
    let id = |s: &str| Id::new(s).unwrap();
    // A third team takes Log from team B: the graph grows a block.
    let add_team = |h: &mut Harness<'_, VsmapApp>, team: &str, service: &str| {
        h.state_mut().act_now(Action::Edit {
            label: "New team".into(),
            edits: vec![
                Edit::InsertTeam(
                    0,
                    Team {
                        id: id(team),
                        name: format!("Team {team}"),
                        team_type: TeamType::Enabling,
                        members: None,
                        color: None,
                    },
                ),
                Edit::SetService(id(service), ServiceField::Owner(Some(id(team)))),
            ],
            select: None,
        });
        h.run();
    };
    add_team(&mut h, "c", "log");
    for team in ["a", "b", "c"] {
        let block = h
            .state()
            .canvas()
            .team_block_on_screen(team)
            .unwrap_or_else(|| panic!("team {team} has a block"));
        assert!(
            view.contains_rect(block),
            "{team}: {block:?} outside {view:?}"
        );
    }
    // Once the user zooms, an edit leaves the camera where they put it.
    let centre = view.center();
    h.event(Event::PointerMoved(centre));
    h.event(Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta: egui::vec2(0.0, 200.0),
        phase: egui::TouchPhase::Move,
        modifiers: egui::Modifiers::NONE,
    });
    h.run();
    let zoomed = h.state().canvas().team_block_on_screen("a").unwrap();
    add_team(&mut h, "d", "log");
    let after = h.state().canvas().team_block_on_screen("a").unwrap();
    assert!(
        (after.width() - zoomed.width()).abs() < 0.5,
        "the zoom is kept: {zoomed:?} then {after:?}"
    );
}

/// Halo rings: closed outlines stroked, not filled.
fn halo_rings(shapes: &[Shape]) -> usize {
    shapes
        .iter()
        .filter(|s| {
            matches!(s, Shape::Path(p) if p.closed
                && p.fill == Color32::TRANSPARENT
                && p.stroke.width > 0.0)
        })
        .count()
}

#[test]
fn hovering_a_finding_halos_its_subjects_until_the_pointer_leaves() {
    let mut h = harness();
    h.event(Event::PointerMoved(egui::pos2(700.0, 500.0)));
    h.run();
    let calm = halo_rings(&painted(&h));
    let map = h.state().state().doc.map().clone();
    let finding = h
        .state()
        .state()
        .doc
        .findings()
        .iter()
        .find(|f| f.subjects.iter().any(|s| map.service(s.as_str()).is_some()))
        .expect("a finding about a service")
        .clone();
    h.get_by_label(&finding.message).hover();
    h.run();
    assert!(h.state().state().hovered_finding.is_some());
    let lit = halo_rings(&painted(&h));
    assert!(lit > calm, "hovered: {lit} rings, before {calm}");
    // Nothing is selected or dimmed by a hover.
    assert_eq!(h.state().state().selection, Selection::None);
    h.event(Event::PointerMoved(egui::pos2(700.0, 500.0)));
    h.run();
    assert!(h.state().state().hovered_finding.is_none());
    assert_eq!(halo_rings(&painted(&h)), calm);
}
