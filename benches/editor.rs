//! The editor's CPU cost at the size of a real organisation, headless: one
//! frame of the real UI (run in an egui context and tessellated, as a
//! renderer would) with the whole map fitted and the findings shown, next to
//! a bare `egui_graphs::GraphView` of the same graph as the reference; and one
//! edit (a rename, a move, a change of owner) with its re-analysis and canvas
//! update, routes included. Run with
//! `cargo bench --bench editor`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use egui::{Event, Pos2, RawInput, Rect, vec2};
use egui_graphs::{
    DefaultEdgeShape, DefaultNodeShape, Graph, GraphView, SettingsNavigation, SettingsStyle,
};
use petgraph::stable_graph::StableGraph;

use vsmap::edit::{Edit, ServiceField};
use vsmap::generate::{GenerateOptions, generate, vary};
use vsmap::geometry::{Router, map_route_input};
use vsmap::model::Map;
use vsmap::ui::app::VsmapApp;
use vsmap::ui::canvas::{KeepPositions, KeepPositionsState};
use vsmap::ui::state::{Action, CompareMode, Document, UICommand};
use vsmap::ui::theme::Theme;

const SIZES: [usize; 4] = [50, 500, 5_000, 10_000];
/// The window: a laptop screen.
const SCREEN: egui::Vec2 = vec2(1600.0, 1000.0);

/// Drives an egui context frame by frame, like eframe does.
struct Frames {
    ctx: egui::Context,
    time: f64,
    wiggle: bool,
}

impl Frames {
    fn new() -> Frames {
        Frames {
            ctx: egui::Context::default(),
            time: 0.0,
            wiggle: false,
        }
    }

    /// One frame: the UI run, then tessellated. The pointer moves by a pixel
    /// over the canvas, so the canvas draws live instead of replaying.
    fn frame(&mut self, ui: impl FnMut(&mut egui::Ui)) -> usize {
        self.time += 1.0 / 60.0;
        self.wiggle = !self.wiggle;
        let pointer = Pos2::new(700.0 + f32::from(u8::from(self.wiggle)), 420.0);
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, SCREEN)),
            time: Some(self.time),
            events: vec![Event::PointerMoved(pointer)],
            ..Default::default()
        };
        let mut output = self.ctx.run_ui(input, ui);
        output.textures_delta.clear();
        let primitives = self
            .ctx
            .tessellate(std::mem::take(&mut output.shapes), output.pixels_per_point);
        primitives.len()
    }
}

/// The allocator the `vsmap` binary uses (see `src/main.rs`), so that the
/// numbers are the app's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn map_of(n: usize) -> Map {
    generate(&GenerateOptions::with_services(n))
}

/// The editor on a map, after the frames that fit it to the window.
fn editor(map: Map) -> (VsmapApp, Frames) {
    let mut app = VsmapApp::with_document(Document::new(map, None));
    let mut frames = Frames::new();
    for _ in 0..30 {
        frames.frame(|ui| app.ui(ui));
    }
    app.act_now(Action::Command(UICommand::Fit));
    for _ in 0..30 {
        frames.frame(|ui| app.ui(ui));
    }
    // Routes settle a few milliseconds per frame; measure the settled map.
    while app.canvas().routes_pending() {
        app.sync_canvas(&Theme::DARK);
    }
    frames.frame(|ui| app.ui(ui));
    (app, frames)
}

type BareGraph = Graph<String, (), petgraph::Directed, u32, DefaultNodeShape, DefaultEdgeShape>;

/// The same services and links in egui_graphs' default displays, labelled.
fn bare_graph(map: &Map) -> BareGraph {
    let mut g = StableGraph::new();
    let positions = map.display_positions();
    let nodes: std::collections::HashMap<_, _> = map
        .services
        .iter()
        .map(|s| (&s.id, g.add_node(s.name.clone())))
        .collect();
    for link in &map.links {
        g.add_edge(nodes[&link.from], nodes[&link.to], ());
    }
    let mut graph = egui_graphs::to_graph(&g);
    for (s, (x, y)) in map.services.iter().zip(positions) {
        let node = graph.node_mut(nodes[&s.id]).expect("just added");
        node.set_location(Pos2::new(x as f32, y as f32));
        node.set_label(s.name.clone());
    }
    graph
}

fn frame(c: &mut Criterion) {
    let mut group = c.benchmark_group("frame");
    for n in SIZES {
        let map = map_of(n);
        let (mut app, mut frames) = editor(map.clone());
        group.bench_function(BenchmarkId::new("vsmap", n), |b| {
            b.iter(|| frames.frame(|ui| app.ui(ui)))
        });

        let mut graph = bare_graph(&map);
        let mut frames = Frames::new();
        let navigation = SettingsNavigation::new().with_fit_to_screen_enabled(true);
        let style = SettingsStyle::new().with_labels_always(true);
        let mut bare = |ui: &mut egui::Ui| {
            egui::CentralPanel::default().show(ui, |ui| {
                GraphView::<KeepPositionsState, KeepPositions>::new()
                    .with_navigations(&navigation)
                    .with_styles(&style)
                    .show(ui, &mut graph);
            });
        };
        for _ in 0..5 {
            frames.frame(&mut bare);
        }
        group.bench_function(BenchmarkId::new("bare_graph_view", n), |b| {
            b.iter(|| frames.frame(&mut bare))
        });
    }
    group.finish();
}

/// Edits as a user would: through the app's one writer, which applies the
/// edit (re-analysing the map) and brings the comparison up to date.
fn edit_service(app: &mut VsmapApp, service: &vsmap::model::Id, field: ServiceField) {
    app.act_now(Action::Edit {
        label: "Edit".into(),
        edits: vec![Edit::SetService(service.clone(), field)],
        select: None,
    });
}

/// Renames `service`, to one of two names so that every call changes it.
fn rename(app: &mut VsmapApp, service: &vsmap::model::Id, flip: bool) {
    let name = if flip { "Renamed" } else { "Renamed again" };
    edit_service(app, service, ServiceField::Name(name.to_string()));
}

fn edit(c: &mut Criterion) {
    let mut group = c.benchmark_group("edit");
    let theme = Theme::DARK;
    for n in SIZES {
        let map = map_of(n);
        let (mut app, _frames) = editor(map.clone());
        let service = map.services[n / 2].id.clone();
        let teams = [
            map.teams[0].id.clone(),
            map.teams[1 % map.teams.len()].id.clone(),
        ];
        let mut flip = false;
        group.bench_function(BenchmarkId::new("rename", n), |b| {
            b.iter(|| {
                flip = !flip;
                rename(&mut app, &service, flip);
                black_box(app.sync_canvas(&theme))
            })
        });
        // A move: the canvas reroutes the links of the moved service and
        // those whose routes it leaves or enters.
        let (x, y) = map.display_positions()[n / 2];
        // One of two places, so that every move changes the position.
        let place = |flip: bool| {
            let dx = if flip { 90.0 } else { 0.0 };
            ServiceField::Position(Some(x + dx), Some(y + 35.0 * f64::from(u8::from(flip))))
        };
        group.bench_function(BenchmarkId::new("move", n), |b| {
            b.iter(|| {
                flip = !flip;
                edit_service(&mut app, &service, place(flip));
                black_box(app.sync_canvas(&theme))
            })
        });
        // The same move, waiting until every route it disturbed is settled
        // (the canvas spreads that over the frames after the edit).
        group.bench_function(BenchmarkId::new("move_settled", n), |b| {
            b.iter(|| {
                flip = !flip;
                edit_service(&mut app, &service, place(flip));
                black_box(app.sync_canvas(&theme));
                while app.canvas().routes_pending() {
                    black_box(app.sync_canvas(&theme));
                }
            })
        });
        group.bench_function(BenchmarkId::new("change_owner", n), |b| {
            b.iter(|| {
                flip = !flip;
                let owner = teams[usize::from(flip)].clone();
                edit_service(&mut app, &service, ServiceField::Owner(Some(owner)));
                black_box(app.sync_canvas(&theme))
            })
        });
        // The same rename while the map is compared with another (the
        // overlay view): the live diff, the overlay and its canvas follow.
        let (mut app, _frames) = editor(map.clone());
        app.compare_with_map(vary(&map, 5, 7), None);
        app.act_now(Action::SetCompareMode(CompareMode::Overlay));
        group.bench_function(BenchmarkId::new("rename_while_comparing", n), |b| {
            b.iter(|| {
                flip = !flip;
                rename(&mut app, &service, flip);
                black_box(app.sync_canvas(&theme))
            })
        });
    }
    group.finish();
}

/// Routing every link of a map afresh, as opening it does.
fn route(c: &mut Criterion) {
    let mut group = c.benchmark_group("route");
    for n in [5_000, 10_000] {
        let map = map_of(n);
        let (boxes, links) = map_route_input(&map, &map.display_positions());
        group.bench_function(BenchmarkId::new("all", n), |b| {
            b.iter(|| black_box(Router::new(&boxes, &links)))
        });
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3))
        .sample_size(10);
    targets = frame, edit, route
}
criterion_main!(benches);
