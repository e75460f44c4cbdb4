//! `vsmap diff` as a user runs it: the real binary on the example maps, with
//! the expected output of every format checked in under
//! `tests/fixtures/diff/`. After an intended change of output, regenerate the
//! fixtures with `VSMAP_BLESS=1 cargo test --test diff` and read the diff.

mod common;
use common::*;

use std::process::Output;

fn diff_examples(format: &str, extra: &[&str]) -> Output {
    let (current, proposed) = (
        example("onboarding-current"),
        example("onboarding-proposed"),
    );
    let mut args = vec![
        "diff", &current, &proposed, "--format", format, "--today", TODAY,
    ];
    args.extend_from_slice(extra);
    vsmap(&args)
}

#[test]
fn text_output_matches_the_fixture() {
    let out = diff_examples("text", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_fixture("diff", "onboarding.txt", &stdout(&out));
}

#[test]
fn markdown_output_matches_the_fixture() {
    let out = diff_examples("markdown", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let md = stdout(&out);
    assert_fixture("diff", "onboarding.md", &md);
    assert!(md.starts_with(
        "## Retail bank onboarding, current state → Retail bank onboarding, proposed\n"
    ));
    assert!(md.contains(
        "- **Sanctions Screening** moved from Customer Onboarding to Financial Crime & Compliance\n"
    ));
    assert!(md.contains(
        "| Open a savings account | 5 → 3 | 4 → 2 | 5 → 3 | 21 → 1 | 4w1d8h → 5d11h | 14 % → 58 % | 2w → 1d |"
    ));
}

#[test]
fn json_output_matches_the_fixture_and_has_the_documented_shape() {
    let out = diff_examples("json", &[]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_fixture("diff", "onboarding.json", &stdout(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
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
    assert_eq!(v["services"]["added"], serde_json::json!(["core-adapter"]));
    assert_eq!(
        v["services"]["removed"],
        serde_json::json!(["sms-gateway-v1"])
    );
    let sanctions = v["services"]["changed"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "sanctions-screening")
        .unwrap();
    assert!(sanctions["changes"].as_array().unwrap().contains(
        &serde_json::json!({"field": "owner", "before": "onboarding", "after": "compliance"})
    ));
    let steps = v["streams"]["changed"][0]["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["field"] == "steps")
        .unwrap();
    assert!(
        steps["before"]
            .as_array()
            .unwrap()
            .contains(&"core-ledger".into())
    );
    assert_eq!(v["findings"]["introduced"], serde_json::json!([]));
    assert_eq!(v["streams_flow"].as_array().unwrap().len(), 4);
    // Every list of ids is sorted.
    for sort in ["teams", "services", "streams"] {
        for list in ["added", "removed"] {
            let ids: Vec<&str> = v[sort][list]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| i.as_str().unwrap())
                .collect();
            assert!(ids.is_sorted(), "{sort}.{list}");
        }
        let ids: Vec<&str> = v[sort]["changed"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap())
            .collect();
        assert!(ids.is_sorted(), "{sort}.changed");
    }
    assert!(v.get("moved").is_none(), "moves only with --include-moves");
    let with_moves: serde_json::Value =
        serde_json::from_slice(&diff_examples("json", &["--include-moves"]).stdout).unwrap();
    assert!(with_moves["moved"].is_array());
}

#[test]
fn the_same_map_twice_is_no_change_and_exits_0() {
    let current = example("onboarding-current");
    let out = vsmap(&["diff", &current, &current, "--today", TODAY]);
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.contains("0 findings resolved, 0 introduced; errors 4 -> 4"),
        "{text}"
    );
    assert!(text.contains("No architectural change."), "{text}");
}

#[test]
fn a_file_that_does_not_load_exits_2_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.vsmap.json");
    let missing = missing.to_str().unwrap();
    let good = example("onboarding-proposed");
    let out = vsmap(&["diff", missing, &good]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with(&format!("error: {missing}: cannot read")),
        "{}",
        stderr(&out)
    );
    assert_eq!(stdout(&out), "");

    let broken = dir.path().join("broken.vsmap.json");
    std::fs::write(
        &broken,
        r#"{"format": "vsmap", "version": 1, "teams": [{"id": "a", "name": "A", "type": "squad"}]}"#,
    )
    .unwrap();
    let broken = broken.to_str().unwrap();
    let out = vsmap(&["diff", &good, broken, "--format", "markdown"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with(&format!(
            "error: {broken}: teams[0].type: unknown variant `squad`"
        )),
        "{err}"
    );
    assert!(!err.contains("panicked"));
    assert_eq!(stdout(&out), "");

    // Both broken: both named.
    let out = vsmap(&["diff", missing, broken]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out).lines().count(), 2, "{}", stderr(&out));
}

#[test]
fn markdown_keeps_hostile_names_inert() {
    let dir = tempfile::tempdir().unwrap();
    let hostile = "a|b <script>alert(1)</script> `rm -rf` *x* [l](javascript:x)";
    let map = |service_name: &str, owner: &str| {
        serde_json::json!({
            "format": "vsmap", "version": 1, "name": hostile, "reviewed": "2026-11-01",
            "teams": [
                {"id": "t", "name": "T|eam <b>", "type": "stream-aligned"},
                {"id": "u", "name": "U`s`", "type": "platform"}
            ],
            "services": [{"id": "s", "name": service_name, "kind": "service", "owner": owner}],
            "streams": [{"id": "st", "name": "<img src=x onerror=alert(1)>", "owner": "t",
                          "customer": "C", "description": "D", "steps": [{"service": "s"}]}]
        })
        .to_string()
    };
    let before = dir.path().join("before.vsmap.json");
    let after = dir.path().join("after.vsmap.json");
    std::fs::write(&before, map("Old | name", "t")).unwrap();
    std::fs::write(&after, map(hostile, "u")).unwrap();
    let out = vsmap(&[
        "diff",
        before.to_str().unwrap(),
        after.to_str().unwrap(),
        "--format",
        "markdown",
        "--today",
        TODAY,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let md = stdout(&out);
    for raw in ["<script>", "<img", "<b>"] {
        assert!(!md.contains(raw), "{raw:?} is not escaped in:\n{md}");
    }
    // Without its escaped characters, no markdown syntax of the user's is left.
    let unescaped = ["\\`", "\\*", "\\[", "\\]", "\\|"]
        .iter()
        .fold(md.clone(), |md, e| md.replace(e, ""));
    for raw in ["`rm", "*x*", "[l]", "a|b", "Old | name", "T|eam", "U`s`"] {
        assert!(!unescaped.contains(raw), "{raw:?} is not escaped in:\n{md}");
    }
    let escaped = r"a\|b &lt;script>alert(1)&lt;/script> \`rm -rf\` \*x\* \[l\](javascript:x)";
    assert!(
        md.starts_with(&format!("## {escaped} → {escaped}\n")),
        "{md}"
    );
    assert!(
        md.contains(&format!("| {escaped} | name | Old \\| name | {escaped} |")),
        "{md}"
    );
    assert!(
        md.contains(&format!(
            "- **{escaped}** moved from T\\|eam &lt;b> to U\\`s\\`"
        )),
        "{md}"
    );
    // Every table row keeps its number of cells.
    for line in md.lines().filter(|l| l.starts_with('|')) {
        let cells = line.replace("\\|", "").matches('|').count();
        assert!([4, 5, 6].contains(&cells), "{line}");
    }
}

#[test]
fn help_describes_the_subcommand() {
    let out = vsmap(&["--help"]);
    assert!(
        stdout(&out).contains("Compare two maps: what changes, and does it make the flow better?")
    );
    let out = vsmap(&["diff", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = stdout(&out);
    for option in ["--format", "--include-moves", "--today", "BEFORE", "AFTER"] {
        assert!(help.contains(option), "{option} in {help}");
    }
    let out = vsmap(&["diff", "a", "b", "--today", "soon"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("is not a day written as YYYY-MM-DD"));
}
