use std::time::Instant;
use vsmap::analysis::MapIndex;
use vsmap::generate::{GenerateOptions, generate};
fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10000);
    let map = generate(&GenerateOptions::with_services(n));
    let today = jiff::civil::Date::new(2026, 11, 24).unwrap();
    let reps = 10;
    let t = Instant::now();
    for _ in 0..reps {
        std::hint::black_box(MapIndex::new(&map, today));
    }
    println!(
        "index {:8.3} ms",
        t.elapsed().as_secs_f64() * 1000.0 / reps as f64
    );
    let index = MapIndex::new(&map, today);
    for rule in vsmap::analysis::rules::ALL {
        let t = Instant::now();
        let mut count = 0;
        for _ in 0..reps {
            let mut f = Vec::new();
            (rule.check)(&index, &mut f);
            count = f.len();
        }
        println!(
            "{:20} {:8.3} ms  {count} findings",
            rule.id,
            t.elapsed().as_secs_f64() * 1000.0 / reps as f64
        );
    }
    let t = Instant::now();
    let mut all = Vec::new();
    for _ in 0..reps {
        all = vsmap::analysis::analyze_on(&map, today);
    }
    println!(
        "total {:8.3} ms {} findings",
        t.elapsed().as_secs_f64() * 1000.0 / reps as f64,
        all.len()
    );
}
