use egui::{Event, Pos2, RawInput, Rect, vec2};
use std::time::Instant;
use vsmap::generate::{GenerateOptions, generate};
use vsmap::ui::app::VsmapApp;
use vsmap::ui::document::Document;
fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(5000);
    let map = generate(&GenerateOptions::with_services(n));
    let mut app = VsmapApp::with_document(Document::new(map, None));
    let ctx = egui::Context::default();
    let mut time = 0.0;
    let mut frame = |app: &mut VsmapApp, k: usize| {
        time += 1.0 / 60.0;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1600.0, 1000.0))),
            time: Some(time),
            events: vec![Event::PointerMoved(Pos2::new(
                700.0 + (k % 2) as f32,
                420.0,
            ))],
            ..Default::default()
        };
        let mut out = ctx.run_ui(input, |ui| app.ui(ui));
        out.textures_delta.clear();
        ctx.tessellate(std::mem::take(&mut out.shapes), out.pixels_per_point)
            .len()
    };
    for k in 0..30 {
        frame(&mut app, k);
    }
    app.canvas.request_fit();
    for k in 0..30 {
        frame(&mut app, k);
    }
    let t = Instant::now();
    let reps = 10;
    for k in 0..reps {
        frame(&mut app, k);
    }
    println!(
        "frame {:8.3} ms  live {} replayed {}",
        t.elapsed().as_secs_f64() * 1000.0 / reps as f64,
        app.canvas.live_frames,
        app.canvas.replayed_frames
    );
}
