//! Saving never loses the previous file: the real binary is killed (SIGKILL)
//! at random moments while `vsmap fmt` rewrites a large map, and the target
//! is always either the old or the new complete file; saves that fail (a
//! folder that is gone, a parent that is a file, a file size limit standing
//! in for a full disk, a read-only folder) say which file and why, and leave
//! the previous file as it was.

#![cfg(unix)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use vsmap::io::{from_json, save_file, to_canonical_json};

/// A map of a few thousand services and links, written compactly (not in
/// canonical form, so `vsmap fmt` rewrites all of it), and its canonical form.
fn big_map() -> (Vec<u8>, Vec<u8>) {
    let services: Vec<Value> = (0..2_000)
        .map(|i| {
            json!({ "id": format!("svc-{i:05}"), "name": format!("Service {i}"), "kind": "service",
                    "x": (i % 50) * 200, "y": (i / 50) * 110,
                    "description": "A service with a description long enough to make the file large." })
        })
        .collect();
    let links: Vec<Value> = (1..2_000)
        .map(|i| json!({ "from": format!("svc-{:05}", i - 1), "to": format!("svc-{i:05}"), "kind": "event" }))
        .collect();
    let map = json!({ "format": "vsmap", "version": 1, "name": "Big", "services": services, "links": links });
    let old = serde_json::to_vec(&map).unwrap();
    let new = to_canonical_json(&from_json(&old).unwrap()).into_bytes();
    assert_ne!(old, new);
    (old, new)
}

fn fmt(path: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_vsmap"));
    command
        .arg("fmt")
        .arg(path)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

/// The files in `dir` other than `keep`.
fn others(dir: &Path, keep: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p != keep)
        .collect()
}

/// A tiny deterministic generator for the kill delays (SplitMix64).
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[test]
fn killing_a_save_at_any_moment_leaves_the_old_or_the_new_file() {
    let (old, new) = big_map();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("big.vsmap.json");

    // How long an uninterrupted save takes here, to spread the kills over it.
    std::fs::write(&target, &old).unwrap();
    let start = Instant::now();
    assert!(fmt(&target).status().unwrap().success());
    let full = start.elapsed();
    assert_eq!(std::fs::read(&target).unwrap(), new);

    let mut seed = 0x5eed_u64;
    let (mut kept_old, mut got_new, mut temporaries) = (0, 0, 0);
    for round in 0..60 {
        std::fs::write(&target, &old).unwrap();
        // From a few microseconds to the whole save; half of the kills in
        // its second half, where the file is written and renamed.
        let span = full.as_micros() as u64 + 1;
        let delay = Duration::from_micros(if round % 2 == 0 {
            next(&mut seed) % span
        } else {
            span / 2 + next(&mut seed) % (span / 2 + 1)
        });
        let mut child = fmt(&target).spawn().unwrap();
        std::thread::sleep(delay);
        let _ = child.kill(); // SIGKILL; fails only if the save already ended
        child.wait().unwrap();

        let now = std::fs::read(&target).unwrap();
        if now == old {
            kept_old += 1;
        } else if now == new {
            got_new += 1;
        } else {
            panic!(
                "round {round}, killed after {delay:?}: the target is neither the old nor the new file ({} bytes)",
                now.len()
            );
        }
        // A killed save can leave its hidden temporary file behind (nothing
        // runs after SIGKILL): only that, never anything under another name,
        // and only ever a beginning of the new content.
        for leftover in others(dir.path(), &target) {
            let name = leftover.file_name().unwrap().to_string_lossy().into_owned();
            assert!(
                name.starts_with(".vsmap-save-") && name.ends_with(".tmp"),
                "unexpected file {name}"
            );
            let partial = std::fs::read(&leftover).unwrap();
            assert!(
                new.starts_with(&partial),
                "{name} is not a prefix of the new file"
            );
            std::fs::remove_file(leftover).unwrap();
            temporaries += 1;
        }
    }
    eprintln!(
        "60 kills over an uninterrupted save of {full:?}: {kept_old} left the old file, {got_new} the new one, {temporaries} a temporary file"
    );
}

fn small_map() -> vsmap::model::Map {
    vsmap::io::load_file(&common::example_path("onboarding-proposed")).unwrap()
}

#[test]
fn a_save_into_a_folder_that_is_gone_or_is_a_file_says_which_file_and_why() {
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("removed").join("m.vsmap.json");
    let err = save_file(&small_map(), &gone).unwrap_err();
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("{}: cannot save: ", gone.display())),
        "{message}"
    );
    assert_eq!(err.source.kind(), std::io::ErrorKind::NotFound);

    let file = dir.path().join("plain-file");
    std::fs::write(&file, b"keep me").unwrap();
    let under_file = file.join("m.vsmap.json");
    let message = save_file(&small_map(), &under_file)
        .unwrap_err()
        .to_string();
    assert!(message.contains("m.vsmap.json: cannot save: "), "{message}");
    assert_eq!(std::fs::read(&file).unwrap(), b"keep me");
}

#[test]
fn a_save_that_runs_out_of_space_reports_it_and_keeps_the_old_file() {
    // A file size limit (`ulimit -f`) makes writes fail as a full disk does,
    // and holds for root too. SIGXFSZ is ignored so the write returns an
    // error instead of killing the process.
    let (old, new) = big_map();
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("big.vsmap.json");
    std::fs::write(&target, &old).unwrap();
    assert!(new.len() > 64 * 1024);
    let output = Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 64; exec \"$0\" fmt \"$1\"")
        .arg(env!("CARGO_BIN_EXE_vsmap"))
        .arg(&target)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains(&format!("{}: cannot save: ", target.display())),
        "{stderr}"
    );
    assert!(stderr.contains("too large"), "{stderr}");
    assert_eq!(
        std::fs::read(&target).unwrap(),
        old,
        "the old file is intact"
    );
    assert!(
        others(dir.path(), &target).is_empty(),
        "the temporary file is removed after a failed save"
    );
}

#[test]
fn a_save_into_a_read_only_folder_reports_it_and_keeps_the_old_file() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("read-only");
    std::fs::create_dir(&folder).unwrap();
    let target = folder.join("m.vsmap.json");
    std::fs::write(&target, b"old").unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    // Root (as on CI) writes anywhere: then there is nothing to refuse.
    let privileged = std::fs::write(folder.join("probe"), b"").is_ok();
    let result = save_file(&small_map(), &target);
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    if privileged {
        eprintln!(
            "running with privileges that ignore folder permissions: only the save is checked"
        );
        assert!(result.is_ok());
        return;
    }
    let message = result.unwrap_err().to_string();
    assert!(
        message.starts_with(&format!("{}: cannot save: ", target.display())),
        "{message}"
    );
    assert!(message.contains("ermission denied"), "{message}");
    assert_eq!(std::fs::read(&target).unwrap(), b"old");
}
