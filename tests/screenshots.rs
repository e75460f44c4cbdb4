//! Renders the real app with wgpu (Mesa's software renderer on machines
//! without a GPU) and writes the pictures the README shows into
//! `screenshots/`. The assertions check what the pictures must show, not
//! exact pixels, which differ between renderers.
#![cfg(feature = "gui")]

use std::path::PathBuf;

use egui::{Color32, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use image::RgbaImage;
use vsmap::io::from_json;
use vsmap::ui::app::VsmapApp;
use vsmap::ui::state::{Document, EXAMPLE_PROPOSED};
use vsmap::ui::theme::Theme;

fn harness(doc: Document) -> Harness<'static, VsmapApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 860.0))
        .with_step_dt(1.0 / 60.0)
        // Panels settle their widths over a few frames after a selection.
        .with_max_steps(60)
        .with_theme(egui::Theme::Dark)
        .wgpu()
        .build_eframe(move |_cc| VsmapApp::with_document(doc));
    h.run();
    h
}

fn save(h: &mut Harness<'_, VsmapApp>, name: &str) -> RgbaImage {
    let image = h.render().expect("render with wgpu");
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    image.save(dir.join(format!("{name}.png"))).unwrap();
    image
}

/// Pixels within a small distance of a colour.
fn count_near(image: &RgbaImage, color: Color32, tolerance: i32) -> usize {
    image
        .pixels()
        .filter(|p| {
            let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).abs();
            d(p[0], color.r()) <= tolerance
                && d(p[1], color.g()) <= tolerance
                && d(p[2], color.b()) <= tolerance
        })
        .count()
}

/// Strongly coloured pixels: team fills, stream lines, halos.
fn vivid(image: &RgbaImage) -> usize {
    image
        .pixels()
        .filter(|p| {
            let (max, min) = (p[0].max(p[1]).max(p[2]), p[0].min(p[1]).min(p[2]));
            max > 140 && max - min > 90
        })
        .count()
}

#[test]
fn the_editor_with_findings_a_focused_stream_and_lanes() {
    let mut h = harness(Document::example());
    let editor = save(&mut h, "editor");
    let theme = Theme::DARK;
    assert!(
        count_near(&editor, theme.canvas, 2) > 100_000,
        "the canvas fills the middle"
    );
    let warnings = count_near(&editor, theme.severity[1], 10);
    assert!(
        warnings > 500,
        "warning halos and badges are visible ({warnings} px)"
    );

    // Selecting a stream in the outline dims everything else on the canvas
    // (the stream's timeline opens under it, in its teams' colours: only
    // the canvas, the upper half of the window, is compared).
    h.get_by_label("Onboard a new retail customer").click();
    h.run();
    let focused = save(&mut h, "focused-stream");
    let upper = |image: &RgbaImage| {
        let (w, h) = image.dimensions();
        image::imageops::crop_imm(image, 0, 0, w, h / 2).to_image()
    };
    assert!(
        vivid(&upper(&focused)) < vivid(&upper(&editor)) * 3 / 4,
        "{} vs {}",
        vivid(&upper(&focused)),
        vivid(&upper(&editor))
    );
    assert!(
        h.query_by_label_contains("handoffs").is_some(),
        "the flow card is shown"
    );

    // Lanes by stream, fitted.
    h.key_press(Key::Escape);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::L);
    h.run();
    assert_eq!(
        h.state().doc().history.undo_label(),
        Some("Arrange in lanes by stream")
    );
    let lanes = save(&mut h, "lanes");
    assert!(count_near(&lanes, theme.canvas, 2) > 100_000);
}

#[test]
fn the_proposed_map_shows_fewer_findings() {
    let mut current = harness(Document::example());
    let current_image = current.render().expect("render");
    let proposed_doc = Document::new(from_json(EXAMPLE_PROPOSED.as_bytes()).unwrap(), None);
    let mut proposed = harness(proposed_doc);
    let proposed_image = save(&mut proposed, "proposed");
    let warn = Theme::DARK.severity[1];
    let (before, after) = (
        count_near(&current_image, warn, 10),
        count_near(&proposed_image, warn, 10),
    );
    assert!(
        after * 2 < before,
        "warning colour: {before} px in the current map, {after} px in the proposed one"
    );
}

#[test]
fn the_compare_overlay() {
    let proposed = from_json(EXAMPLE_PROPOSED.as_bytes()).unwrap();
    let mut h = harness(Document::new(proposed, None));
    let current = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("assets/examples/onboarding-current.vsmap.json");
    h.state_mut().compare_with(&current);
    h.run();
    let overlay = save(&mut h, "compare-overlay");
    let theme = Theme::DARK;
    let green = count_near(&overlay, theme.added, 40);
    assert!(green > 100, "added things are green ({green} px)");
    let amber = count_near(&overlay, theme.changed, 40);
    assert!(
        amber > 50,
        "changed things carry an amber badge ({amber} px)"
    );
}

#[test]
fn a_presentation_step() {
    let mut h = harness(Document::example());
    h.key_press(Key::F5);
    h.run();
    h.key_press(Key::ArrowRight);
    // Let the camera move finish.
    for _ in 0..40 {
        h.step();
    }
    h.run();
    let image = save(&mut h, "presentation");
    assert!(
        vivid(&image) > 5_000,
        "the focused stream and its callouts are visible"
    );
}

#[test]
fn png_export_of_the_view_at_1x_and_2x() {
    use vsmap::ui::state::ExportFormat;
    let mut h = harness(Document::example());
    let dir = tempfile::tempdir().unwrap();
    let (one, two) = (dir.path().join("view.png"), dir.path().join("view@2x.png"));
    h.state_mut().export_to(ExportFormat::Png, &one);
    h.run();
    h.state_mut().export_to(ExportFormat::Png2x, &two);
    h.run();
    assert!(
        h.state().state().status.starts_with("Exported"),
        "{}",
        h.state().state().status
    );

    let canvas = h.state().canvas().rect();
    let one = image::open(&one).expect("1x written").to_rgba8();
    let two = image::open(&two).expect("2x written").to_rgba8();
    // The picture is the canvas, not the window with its panels.
    // (Within a pixel: the canvas need not start on a whole pixel.)
    assert!(
        one.width().abs_diff(canvas.width().round() as u32) <= 1
            && one.height().abs_diff(canvas.height().round() as u32) <= 1,
        "1x is {}x{}, the canvas {canvas:?}",
        one.width(),
        one.height()
    );
    assert!(
        two.width().abs_diff(one.width() * 2) <= 2 && two.height().abs_diff(one.height() * 2) <= 2,
        "2x is {}x{}, 1x {}x{}",
        two.width(),
        two.height(),
        one.width(),
        one.height()
    );
    two.save(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("screenshots/export-2x.png"))
        .unwrap();

    // Halved again, the 2x picture is the 1x one: same shapes in the same places.
    let mut total = 0u64;
    let (w, h) = (
        one.width().min(two.width() / 2),
        one.height().min(two.height() / 2),
    );
    for (x, y, p) in one.enumerate_pixels().filter(|(x, y, _)| *x < w && *y < h) {
        for c in 0..3 {
            let sum: u32 = [(0, 0), (1, 0), (0, 1), (1, 1)]
                .iter()
                .map(|(dx, dy)| u32::from(two.get_pixel(2 * x + dx, 2 * y + dy)[c]))
                .sum();
            total += u64::from((sum / 4).abs_diff(u32::from(p[c])));
        }
    }
    let mean = total as f64 / (f64::from(w * h) * 3.0);
    assert!(mean < 6.0, "mean difference per channel {mean:.2}");
    assert!(
        vivid(&two) > 4 * vivid(&one) * 3 / 4,
        "colours survive at 2x"
    );
}

#[test]
fn the_teams_view() {
    let mut h = harness(Document::example());
    let map_image = h.render().expect("render");
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::M);
    h.run();
    assert!(h.state().state().view.teams_view);
    let teams = save(&mut h, "teams-view");
    // Seven teams' blocks filled with their colours, and the unowned one.
    for team in &h.state().doc().map().teams {
        let block = h
            .state()
            .canvas()
            .team_block_on_screen(team.id.as_str())
            .unwrap_or_else(|| panic!("{} has a block", team.id));
        assert!(block.width() > 120.0, "{} is readable: {block:?}", team.id);
    }
    assert!(
        vivid(&teams) > vivid(&map_image) / 2,
        "the blocks are coloured ({} vivid px, the map {})",
        vivid(&teams),
        vivid(&map_image)
    );
}

#[test]
fn an_imported_catalog() {
    // As a user would: `vsmap import` of a catalog spread over folders,
    // then the editor on the result.
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("catalog.vsmap.json");
    let catalog =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/backstage/realistic");
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_vsmap"))
        .args(["import", "backstage"])
        .arg(&catalog)
        .arg("-o")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let doc = Document::open(&out).unwrap();
    let teams = doc.map().teams.len();
    assert!(teams >= 3, "{teams} teams");
    let mut h = harness(doc);
    let image = save(&mut h, "imported-catalog");
    assert!(
        vivid(&image) > 5_000,
        "team zones and services in their colours ({} vivid px)",
        vivid(&image)
    );
}
