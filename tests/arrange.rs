//! `vsmap arrange` as a user runs it: the file rewritten or written
//! elsewhere, placed services kept unless `--all`, the same bytes every
//! run, and a map that does not load named with its place and left alone.

mod common;
use common::*;

fn positions(json: &str) -> Vec<(String, Option<f64>, Option<f64>)> {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["id"].as_str().unwrap().to_string(),
                s["x"].as_f64(),
                s["y"].as_f64(),
            )
        })
        .collect()
}

#[test]
fn arrange_places_what_has_no_place_and_keeps_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.vsmap.json");
    // The example with one service's position removed.
    let mut map: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(example_path("onboarding-current")).unwrap())
            .unwrap();
    let first = &mut map["services"][0];
    let first_id = first["id"].as_str().unwrap().to_string();
    first.as_object_mut().unwrap().remove("x");
    first.as_object_mut().unwrap().remove("y");
    std::fs::write(&path, serde_json::to_string_pretty(&map).unwrap()).unwrap();
    let before = positions(&std::fs::read_to_string(&path).unwrap());

    let out = vsmap(&["arrange", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let after = positions(&std::fs::read_to_string(&path).unwrap());
    for (b, a) in before.iter().zip(&after) {
        if b.0 == first_id {
            assert!(a.1.is_some() && a.2.is_some(), "{a:?} placed");
        } else {
            assert_eq!(b, a, "kept");
        }
    }
    // Canonical: fmt finds nothing to do.
    assert_eq!(
        vsmap(&["fmt", "--check", path.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn arrange_all_to_another_file_is_deterministic_and_leaves_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let input = example_path("onboarding-proposed");
    let original = std::fs::read_to_string(&input).unwrap();
    let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
    for out in [&a, &b] {
        let o = vsmap(&[
            "arrange",
            input.to_str().unwrap(),
            "--all",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    }
    let (ta, tb) = (
        std::fs::read_to_string(&a).unwrap(),
        std::fs::read_to_string(&b).unwrap(),
    );
    assert_eq!(ta, tb);
    assert_ne!(positions(&ta), positions(&original), "--all moves services");
    assert_eq!(std::fs::read_to_string(&input).unwrap(), original);
}

#[test]
fn arrange_refuses_a_broken_map_names_the_place_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.vsmap.json");
    let out_path = dir.path().join("out.json");
    let broken = r#"{"format": "vsmap", "version": 1, "teams": [{"id": "a", "name": "A", "type": "squad"}]}"#;
    std::fs::write(&path, broken).unwrap();
    for extra in [&[][..], &["-o", out_path.to_str().unwrap()][..]] {
        let mut args = vec!["arrange", path.to_str().unwrap()];
        args.extend_from_slice(extra);
        let out = vsmap(&args);
        assert_eq!(out.status.code(), Some(2));
        let err = stderr(&out);
        assert!(err.contains("m.vsmap.json"), "{err}");
        assert!(
            err.contains("teams[0].type: unknown variant `squad`"),
            "{err}"
        );
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
    assert!(!out_path.exists());

    let missing = dir.path().join("missing.json");
    let out = vsmap(&["arrange", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("missing.json"), "{}", stderr(&out));
    assert!(!missing.exists());
}

#[test]
fn an_import_with_everything_at_one_point_is_spread_out() {
    let dir = tempfile::tempdir().unwrap();
    let out_path = dir.path().join("imported.json");
    let workspace = root().join("tests/fixtures/import/structurizr/workspace.json");
    let out = vsmap(&[
        "import",
        "structurizr",
        workspace.to_str().unwrap(),
        "--level",
        "container",
        "-o",
        out_path.to_str().unwrap(),
        "--today",
        TODAY,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let placed = positions(&std::fs::read_to_string(&out_path).unwrap());
    let mut points: Vec<(i64, i64)> = placed
        .iter()
        .map(|(_, x, y)| (x.unwrap() as i64, y.unwrap() as i64))
        .collect();
    points.sort();
    points.dedup();
    assert_eq!(points.len(), placed.len(), "no two services on one point");
}
