//! The headless operations at the size of a real organisation: analysis,
//! load and save, diff, the lanes layout and tidy, fixes, exports, on generated maps of 50 to
//! 10,000 services. Run with `cargo bench --bench core`; the README's
//! Performance section lists the medians measured on the project's machine.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use vsmap::analysis::Finding;
use vsmap::generate::{GenerateOptions, generate, vary};
use vsmap::io::{from_json, to_canonical_json, write_atomic};

/// Map sizes, in services.
const SIZES: [usize; 4] = [50, 500, 5_000, 10_000];

/// The allocator the `vsmap` binary uses (see `src/main.rs`), so that the
/// numbers are the app's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn today() -> jiff::civil::Date {
    jiff::civil::Date::new(2026, 11, 24).expect("a valid date")
}

fn configure() -> Criterion {
    Criterion::default()
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .sample_size(20)
}

fn analyze(c: &mut Criterion) {
    let mut group = c.benchmark_group("analyze");
    for n in SIZES {
        let map = generate(&GenerateOptions::with_services(n));
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &map, |b, map| {
            b.iter(|| vsmap::analysis::analyze_on(black_box(map), today()))
        });
    }
    // Every step timed (work, wait and %C&A), so the two time rules and the
    // figures run on every stream.
    for n in [5_000, 10_000] {
        let mut map = generate(&GenerateOptions::with_services(n));
        for (k, stream) in map.streams.iter_mut().enumerate() {
            for (j, step) in stream.steps.iter_mut().enumerate() {
                let minutes = ((k * 7 + j * 13) % 3_000) as u64;
                step.work = vsmap::model::Duration::from_minutes(minutes / 3 + 30);
                step.wait = vsmap::model::Duration::from_minutes(minutes);
                step.complete_accurate = Some(80 + (j % 20) as u8);
            }
        }
        group.bench_with_input(BenchmarkId::new("timed", n), &map, |b, map| {
            b.iter(|| vsmap::analysis::analyze_on(black_box(map), today()))
        });
    }
    group.finish();
}

fn load_and_save(c: &mut Criterion) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let mut group = c.benchmark_group("load");
    for n in SIZES {
        let bytes = to_canonical_json(&generate(&GenerateOptions::with_services(n))).into_bytes();
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(BenchmarkId::new("vsmap", n), &bytes, |b, bytes| {
            b.iter(|| from_json(black_box(bytes)).expect("the generated map loads"))
        });
        group.bench_with_input(
            BenchmarkId::new("serde_json_value", n),
            &bytes,
            |b, bytes| {
                b.iter(|| {
                    serde_json::from_slice::<serde_json::Value>(black_box(bytes))
                        .expect("valid JSON")
                })
            },
        );
    }
    group.finish();

    let mut group = c.benchmark_group("save");
    for n in SIZES {
        let map = generate(&GenerateOptions::with_services(n));
        let path = dir.path().join(format!("{n}.vsmap.json"));
        group.bench_with_input(BenchmarkId::from_parameter(n), &map, |b, map| {
            b.iter(|| {
                write_atomic(&path, to_canonical_json(black_box(map)).as_bytes())
                    .expect("the temporary folder is writable")
            })
        });
    }
    group.finish();
}

fn diff(c: &mut Criterion) {
    let mut group = c.benchmark_group("diff");
    for n in SIZES {
        let before = generate(&GenerateOptions::with_services(n));
        let after = vary(&before, 5, 2);
        let findings: (Arc<[Finding]>, Arc<[Finding]>) = (
            vsmap::analysis::analyze_on(&before, today()).into(),
            vsmap::analysis::analyze_on(&after, today()).into(),
        );
        // What the editor does on every change while comparing: both maps'
        // findings are already known.
        group.bench_with_input(
            BenchmarkId::new("analyzed", n),
            &(&before, &after, &findings),
            |b, (before, after, (fb, fa))| {
                b.iter(|| {
                    vsmap::diff::diff_analyzed(
                        black_box(before),
                        black_box(fb),
                        black_box(after),
                        black_box(fa),
                    )
                })
            },
        );
        // What `vsmap diff` does: analyse both maps, then diff.
        group.bench_with_input(
            BenchmarkId::new("with_analysis", n),
            &(&before, &after),
            |b, (before, after)| {
                b.iter(|| vsmap::diff::diff(black_box(before), black_box(after), today()))
            },
        );
    }
    group.finish();
}

fn lanes(c: &mut Criterion) {
    let mut group = c.benchmark_group("lanes");
    for n in SIZES {
        let map = generate(&GenerateOptions::with_services(n));
        group.bench_with_input(BenchmarkId::from_parameter(n), &map, |b, map| {
            b.iter(|| vsmap::edit::arrange::lanes(black_box(map)))
        });
    }
    group.finish();
}

/// Arrange ▸ Tidy all (`vsmap arrange --all`) on generated organisations.
fn arrange(c: &mut Criterion) {
    let mut group = c.benchmark_group("arrange/tidy");
    for n in [1_000, 10_000] {
        let map = generate(&GenerateOptions::with_services(n));
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &map, |b, map| {
            b.iter(|| vsmap::edit::tidy::tidy(black_box(map), vsmap::edit::tidy::Scope::All))
        });
    }
    group.finish();
}

/// Fixes: drafting a whole proposal (`vsmap fix`, File ▸ Draft proposal
/// from fixes), and previewing one fix as the Fix menu does on hover (the
/// map with the fix applied and the finding delta).
fn fix(c: &mut Criterion) {
    let mut group = c.benchmark_group("fix");
    for n in [500, 5_000] {
        let map = generate(&GenerateOptions::with_services(n));
        let options = vsmap::fix::DraftOptions {
            today: today(),
            rules: Default::default(),
            findings: Default::default(),
        };
        group.bench_with_input(BenchmarkId::new("draft", n), &map, |b, map| {
            b.iter(|| vsmap::fix::draft_proposal(black_box(map), &options))
        });
        let findings = vsmap::analysis::analyze_on(&map, today());
        // A fix that adds a service and re-points links: the costliest kind.
        let fix = findings
            .iter()
            .filter(|f| f.rule == "missing-acl")
            .flat_map(|f| vsmap::fix::fixes_for(&map, f, today()))
            .next()
            .expect("generated maps call legacy systems directly");
        group.bench_with_input(BenchmarkId::new("preview", n), &map, |b, map| {
            b.iter(|| vsmap::fix::preview(black_box(map), &findings, &fix, today()))
        });
    }
    group.finish();
}

/// `vsmap history` of a map with 200 commits: a 1,000-service organisation
/// renamed one service per commit, in a repository `git fast-import` builds.
fn history(c: &mut Criterion) {
    use std::io::Write as _;
    let dir = tempfile::tempdir().expect("a temporary folder");
    let run = |args: &[&str]| {
        std::process::Command::new("git")
            .args(args)
            .current_dir(dir.path())
            .output()
            .expect("git runs")
    };
    run(&["init", "-q", "-b", "main"]);
    let mut map = generate(&GenerateOptions::with_services(1_000));
    let mut stream = Vec::new();
    for i in 0..200 {
        let n = map.services.len();
        map.services[i % n].name = format!("Renamed {i}");
        let text = to_canonical_json(&map);
        let message = format!("Change {i}");
        let _ = write!(
            stream,
            "commit refs/heads/main\ncommitter Bench <bench@example.org> {} +0000\ndata {}\n{}\nM 100644 inline map.vsmap.json\ndata {}\n{}\n",
            1_700_000_000 + i * 86_400,
            message.len(),
            message,
            text.len(),
            text
        );
    }
    let mut child = std::process::Command::new("git")
        .args(["fast-import", "--quiet"])
        .current_dir(dir.path())
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("git fast-import runs");
    child
        .stdin
        .take()
        .expect("its input")
        .write_all(&stream)
        .expect("the commits are written");
    assert!(child.wait().expect("git fast-import ends").success());
    run(&["checkout", "-q", "main"]);
    let file = dir.path().join("map.vsmap.json");
    let mut group = c.benchmark_group("history");
    group.sample_size(10);
    group.bench_function("200 commits of 1000 services", |b| {
        b.iter(|| {
            vsmap::history::history(black_box(&file), None, today()).expect("the history reads")
        })
    });
    group.finish();
}

/// The pages and decks a review is sent around as, at the size of a large
/// organisation (analysis not included: the exporters take the findings).
fn export(c: &mut Criterion) {
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    let n = 5_000;
    let after = generate(&GenerateOptions::with_services(n));
    let before = vary(&after, 5, 2);
    let fa: Arc<[Finding]> = vsmap::analysis::analyze_on(&after, today()).into();
    let fb: Arc<[Finding]> = vsmap::analysis::analyze_on(&before, today()).into();
    let diff = vsmap::diff::diff_analyzed(&before, &fb, &after, &fa);
    group.bench_with_input(BenchmarkId::new("html", n), &after, |b, map| {
        b.iter(|| vsmap::export::html(black_box(map), &fa, None))
    });
    group.bench_with_input(BenchmarkId::new("html compared", n), &after, |b, map| {
        b.iter(|| {
            let before = vsmap::export::Before {
                map: &before,
                findings: &fb,
                diff: &diff,
            };
            vsmap::export::html(black_box(map), &fa, Some(before))
        })
    });
    group.bench_with_input(BenchmarkId::new("pdf", n), &after, |b, map| {
        b.iter(|| {
            vsmap::export::pdf(black_box(map), &fa, None, vsmap::export::PageSize::A4)
                .expect("the deck is made")
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = configure();
    targets = analyze, load_and_save, diff, lanes, arrange, fix, history, export
}
criterion_main!(benches);
