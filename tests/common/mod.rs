//! What the command-line tests share: running the real binary and comparing
//! output with checked-in fixtures.
#![allow(dead_code)] // Each test file uses a different part of this.

#[cfg(feature = "gui")]
pub mod editor;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The day the tests check on, so `stale-map` does not depend on the calendar.
pub const TODAY: &str = "2026-11-24";

/// The repository root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The path of an example map, by name.
pub fn example_path(name: &str) -> PathBuf {
    root()
        .join("assets/examples")
        .join(format!("{name}.vsmap.json"))
}

/// The path of an example map as a string argument.
pub fn example(name: &str) -> String {
    example_path(name).display().to_string()
}

/// Runs the real `vsmap` binary.
pub fn vsmap(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vsmap"))
        .args(args)
        .output()
        .expect("run vsmap")
}

/// Standard output as text.
pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

/// Standard error as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// Compares output with `tests/fixtures/<dir>/<name>`, or rewrites the
/// fixture when `VSMAP_BLESS` is set.
pub fn assert_fixture(dir: &str, name: &str, actual: &str) {
    let path = root().join("tests/fixtures").join(dir).join(name);
    if std::env::var_os("VSMAP_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with VSMAP_BLESS=1 to write it)",
            path.display()
        )
    });
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs from the output, first at line {}:\nexpected: {:?}\nactual:   {:?}\n(run with VSMAP_BLESS=1 to accept the new output)",
            path.display(),
            first + 1,
            expected.lines().nth(first),
            actual.lines().nth(first)
        );
    }
}
