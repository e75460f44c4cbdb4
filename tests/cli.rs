//! The command line as a user runs it: the real binary, its output formats
//! and its exit codes.

mod common;
use common::*;

use std::path::Path;

fn check_json(file: &Path, extra: &[&str]) -> (serde_json::Value, i32) {
    let mut args = vec![
        "check",
        file.to_str().unwrap(),
        "--format",
        "json",
        "--today",
        TODAY,
    ];
    args.extend_from_slice(extra);
    let out = vsmap(&args);
    (
        serde_json::from_slice(&out.stdout).unwrap(),
        out.status.code().unwrap(),
    )
}

fn rules_fired(report: &serde_json::Value) -> std::collections::BTreeSet<String> {
    report["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_current_example_shows_at_least_six_rules_and_fails_on_errors() {
    let (report, code) = check_json(&example_path("onboarding-current"), &[]);
    let rules = rules_fired(&report);
    assert!(rules.len() >= 6, "{rules:?}");
    assert!(rules.contains("two-pizza"));
    assert!(report["files"][0]["counts"]["error"].as_u64().unwrap() > 0);
    assert_eq!(code, 1);
}

#[test]
fn the_proposed_example_has_clearly_fewer_findings_and_no_error() {
    let (current, _) = check_json(&example_path("onboarding-current"), &[]);
    let (proposed, code) = check_json(&example_path("onboarding-proposed"), &[]);
    let count = |r: &serde_json::Value| r["files"][0]["findings"].as_array().unwrap().len();
    assert!(
        count(&proposed) * 3 < count(&current),
        "{} vs {}",
        count(&proposed),
        count(&current)
    );
    assert_eq!(proposed["files"][0]["counts"]["error"], 0);
    assert_eq!(code, 0);
}

#[test]
fn json_output_has_the_documented_shape() {
    let (report, _) = check_json(&example_path("onboarding-proposed"), &[]);
    let file = &report["files"][0];
    assert_eq!(
        file["file"],
        example_path("onboarding-proposed").to_str().unwrap()
    );
    let keys: Vec<&String> = file["counts"].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["error", "info", "warning"]);
    for f in file["findings"].as_array().unwrap() {
        let mut keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(
            keys,
            ["allowed", "hint", "message", "rule", "severity", "subjects"]
        );
    }
    // Counts leave allowed findings out.
    let findings = file["findings"].as_array().unwrap();
    let not_allowed = findings.iter().filter(|f| f["allowed"] == false).count() as u64;
    let counted: u64 = ["error", "warning", "info"]
        .iter()
        .map(|k| file["counts"][k].as_u64().unwrap())
        .sum();
    assert_eq!(counted, not_allowed);
    assert!(findings.iter().any(|f| f["allowed"] == true));
}

#[test]
fn fail_on_sets_the_threshold() {
    let proposed = example_path("onboarding-proposed");
    assert_eq!(check_json(&proposed, &["--fail-on", "warning"]).1, 1);
    assert_eq!(check_json(&proposed, &["--fail-on", "info"]).1, 1);
    assert_eq!(
        check_json(&example_path("onboarding-current"), &["--fail-on", "never"]).1,
        0
    );
}

#[test]
fn allowed_findings_do_not_fail_the_check() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.vsmap.json");
    let map = r#"{"format": "vsmap", "version": 1, "reviewed": "2026-11-01",
        "services": [{"id": "a", "name": "A", "kind": "service"}],
        "allow": [{"rule": "unowned-service", "subject": "a", "reason": "Being handed over"},
                  {"rule": "orphan-service", "reason": "Sketch"}]}"#;
    std::fs::write(&path, map).unwrap();
    let out = vsmap(&[
        "check",
        path.to_str().unwrap(),
        "--fail-on",
        "warning",
        "--today",
        TODAY,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    assert!(stdout(&out).contains("warning unowned-service: A has no owning team (a) [allowed]"));
    assert!(
        stdout(&out).ends_with("0 errors, 0 warnings, 0 info (2 allowed)\n"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn text_output_is_one_line_per_finding_then_a_summary() {
    let file = example_path("onboarding-proposed");
    let out = vsmap(&["check", file.to_str().unwrap(), "--today", TODAY]);
    let text = stdout(&out);
    let prefix = format!("{}: ", file.display());
    assert!(text.lines().all(|l| l.starts_with(&prefix)), "{text}");
    assert!(text.contains(
        ": info sync-coupling: Card Ordering Service calls Account Opening Service synchronously"
    ));
    assert!(
        text.ends_with(": 0 errors, 2 warnings, 1 info (2 allowed)\n"),
        "{text}"
    );
}

#[test]
fn output_is_deterministic() {
    let file = example_path("onboarding-current");
    let args = [
        "check",
        file.to_str().unwrap(),
        "--format",
        "sarif",
        "--today",
        TODAY,
    ];
    assert_eq!(vsmap(&args).stdout, vsmap(&args).stdout);
}

#[test]
fn sarif_output_is_sarif_2_1_0_with_every_rule_described() {
    let file = example_path("onboarding-current");
    let out = vsmap(&[
        "check",
        file.to_str().unwrap(),
        "--format",
        "sarif",
        "--today",
        TODAY,
    ]);
    assert_eq!(out.status.code(), Some(1));
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 20, "19 rules and unused-allow");
    assert!(
        rules
            .iter()
            .all(|r| r["fullDescription"]["text"].as_str().unwrap().len() > 80)
    );
    let results = run["results"].as_array().unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    for r in results {
        let index = r["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], r["ruleId"]);
        assert!(["error", "warning", "note"].contains(&r["level"].as_str().unwrap()));
        let line = r["locations"][0]["physicalLocation"]["region"]["startLine"]
            .as_u64()
            .unwrap() as usize;
        // The location points at the primary subject's definition.
        if let Some(subject) = r["locations"][0]["logicalLocations"][0]["name"].as_str() {
            let at = text.lines().nth(line - 1).unwrap();
            assert!(at.contains(&format!("\"id\": \"{subject}\"")), "{at}");
        }
    }
    let suppressed: Vec<&serde_json::Value> = results
        .iter()
        .filter(|r| r.get("suppressions").is_some())
        .collect();
    assert_eq!(suppressed.len(), 1);
    assert!(
        !suppressed[0]["suppressions"][0]["justification"]
            .as_str()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn a_file_that_does_not_load_exits_2_and_the_others_are_still_checked() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.vsmap.json");
    std::fs::write(&bad, r#"{"format": "vsmap", "version": 1, "streams": [{"id": "s", "name": "S", "steps": [{"service": "kyc"}]}]}"#).unwrap();
    let good = example_path("onboarding-proposed");
    let out = vsmap(&[
        "check",
        bad.to_str().unwrap(),
        good.to_str().unwrap(),
        "--today",
        TODAY,
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!(
            "error: {}: streams[0].steps[0].service: no service \"kyc\"\n",
            bad.display()
        )
    );
    assert!(
        stdout(&out).contains("onboarding-proposed.vsmap.json: 0 errors, 2 warnings"),
        "{}",
        stdout(&out)
    );

    let missing = dir.path().join("missing.vsmap.json");
    let out = vsmap(&["check", missing.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("missing.vsmap.json: cannot read"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("panicked"));
}

#[test]
fn bad_arguments_are_explained() {
    let out = vsmap(&["check", "x.vsmap.json", "--today", "yesterday"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is not a day written as YYYY-MM-DD"),
        "{}",
        stderr(&out)
    );
    for sub in ["check", "fmt"] {
        let help = vsmap(&[sub, "--help"]);
        assert_eq!(help.status.code(), Some(0));
        assert!(stdout(&help).contains("Usage: vsmap"), "{sub}");
    }
}

#[test]
fn fmt_rewrites_maps_canonically_and_check_reports_without_writing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.vsmap.json");
    let messy = r#"{"version": 1, "format": "vsmap", "name": "M",
        "services": [{"id": "b", "name": "B", "kind": "service", "x": 1.6, "y": 2},
                     {"id": "a", "name": "A", "kind": "service", "description": ""}]}"#;
    std::fs::write(&path, messy).unwrap();
    let p = path.to_str().unwrap();

    let out = vsmap(&["fmt", "--check", p]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("m.vsmap.json: not in canonical form"));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        messy,
        "--check must not write"
    );

    assert_eq!(vsmap(&["fmt", p]).status.code(), Some(0));
    let formatted = std::fs::read_to_string(&path).unwrap();
    assert!(formatted.starts_with("{\n  \"format\": \"vsmap\",\n  \"version\": 1,\n  \"name\": \"M\",\n  \"teams\": [],\n  \"services\": [\n    {\n      \"id\": \"a\""), "{formatted}");
    assert!(formatted.contains("\"x\": 2,\n      \"y\": 2\n"));

    let out = vsmap(&["fmt", "--check", p]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(stdout(&out), "");
    let ex = example_path("onboarding-current");
    assert_eq!(
        vsmap(&["fmt", "--check", ex.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
}

#[test]
fn fmt_refuses_broken_files_and_leaves_them_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.vsmap.json");
    let broken = r#"{"format": "vsmap", "version": 1, "teams": [{"id": "a", "name": "A", "type": "squad"}]}"#;
    std::fs::write(&path, broken).unwrap();
    let out = vsmap(&["fmt", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("teams[0].type: unknown variant `squad`"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);
}

#[test]
fn the_readme_documents_every_rule() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let out = vsmap(&[
        "check",
        example_path("onboarding-current").to_str().unwrap(),
        "--format",
        "sarif",
    ]);
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for rule in log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
    {
        let row = format!(
            "| `{}` | {} |",
            rule["id"].as_str().unwrap(),
            rule["defaultConfiguration"]["level"]
                .as_str()
                .unwrap()
                .replace("note", "info")
        );
        assert!(readme.contains(&row), "README lacks the row {row}");
    }
}

/// `compare` opens a window, so the command exists only with the editor.
#[cfg(feature = "gui")]
#[test]
fn compare_refuses_a_file_that_does_not_load_before_opening_a_window() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.vsmap.json");
    let good = example_path("onboarding-proposed");
    let out = vsmap(&["compare", missing.to_str().unwrap(), good.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("missing.vsmap.json: cannot read"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn generate_writes_the_same_loadable_organisation_for_the_same_seed() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (
        dir.path().join("a.vsmap.json"),
        dir.path().join("b.vsmap.json"),
    );
    for path in [&a, &b] {
        let out = vsmap(&[
            "generate",
            "--services",
            "120",
            "--teams",
            "9",
            "--streams",
            "7",
            "--seed",
            "5",
            "-o",
            path.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("9 teams, 120 services"),
            "{}",
            stderr(&out)
        );
    }
    let bytes = std::fs::read(&a).unwrap();
    assert_eq!(bytes, std::fs::read(&b).unwrap(), "same seed, same bytes");
    let map = vsmap::io::from_json(&bytes).unwrap();
    assert_eq!((map.teams.len(), map.streams.len()), (9, 7));
    // It is canonical, and the checker finds anti-patterns in it.
    assert_eq!(
        vsmap(&["fmt", "--check", a.to_str().unwrap()])
            .status
            .code(),
        Some(0)
    );
    let (report, _) = check_json(&a, &[]);
    assert!(
        rules_fired(&report).len() >= 5,
        "{:?}",
        rules_fired(&report)
    );

    let other = vsmap(&["generate", "--services", "120", "--seed", "6"]);
    assert_ne!(other.stdout, bytes, "another seed, another map");
    let zero = vsmap(&["generate", "--services", "0"]);
    assert_eq!(zero.status.code(), Some(2));
    assert!(stderr(&zero).contains("--services"), "{}", stderr(&zero));
}

#[test]
fn schema_prints_the_json_schema_of_the_format() {
    let out = vsmap(&["schema"]);
    assert_eq!(out.status.code(), Some(0));
    let printed = String::from_utf8(out.stdout).unwrap();
    assert_eq!(printed, vsmap::io::json_schema());
    let schema: serde_json::Value = serde_json::from_str(&printed).unwrap();
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
    assert_eq!(schema["properties"]["format"]["const"], "vsmap");
    assert_eq!(schema["additionalProperties"], false);
}

#[test]
fn fix_drafts_the_proposal_and_reports_each_fix_like_a_linter() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("proposal.vsmap.json");
    let current = example_path("onboarding-current");
    let run = vsmap(&[
        "fix",
        current.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--today",
        TODAY,
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_fixture("fix", "onboarding-current.txt", &stderr(&run));
    let proposal = std::fs::read_to_string(&out).unwrap();
    assert_fixture("fix", "onboarding-current.proposal.vsmap.json", &proposal);
    // The proposal loads, and has at most half the errors and warnings.
    let (before, _) = check_json(&current, &[]);
    let (after, _) = check_json(&out, &[]);
    let serious = |report: &serde_json::Value| {
        let counts = &report["files"][0]["counts"];
        counts["error"].as_u64().unwrap() + counts["warning"].as_u64().unwrap()
    };
    assert!(
        serious(&after) * 2 <= serious(&before),
        "{} of {}",
        serious(&after),
        serious(&before)
    );
    assert_eq!(after["files"][0]["counts"]["error"], 0);
    // Deterministic: the same map gives the same bytes.
    let again = vsmap(&["fix", current.to_str().unwrap(), "--today", TODAY]);
    assert_eq!(String::from_utf8(again.stdout).unwrap(), proposal);
}

#[test]
fn fix_chooses_rules_and_findings_and_dry_run_prints_the_diff() {
    let current = example_path("onboarding-current");
    let current = current.to_str().unwrap();
    let only = vsmap(&[
        "fix",
        current,
        "--rule",
        "data-silo",
        "--today",
        TODAY,
        "--dry-run",
    ]);
    assert_eq!(only.status.code(), Some(0));
    assert_fixture("fix", "data-silo.dry-run.txt", &stdout(&only));
    let err = stderr(&only);
    assert!(
        err.lines()
            .filter(|l| l.starts_with("fixed "))
            .all(|l| l.starts_with("fixed data-silo:")),
        "{err}"
    );
    let one = vsmap(&["fix", current, "--finding", "stale-map", "--today", TODAY]);
    let err = stderr(&one);
    assert_eq!(
        err.lines().filter(|l| l.starts_with("fixed ")).count(),
        1,
        "{err}"
    );
    assert!(
        err.contains("fixed stale-map: Mark the map reviewed today"),
        "{err}"
    );
    let bad = vsmap(&["fix", current, "--rule", "no-such-rule"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("no rule \"no-such-rule\""));
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.vsmap.json");
    let out = dir.path().join("out.vsmap.json");
    let gone = vsmap(&[
        "fix",
        missing.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(gone.status.code(), Some(2));
    assert!(stderr(&gone).contains("missing.vsmap.json"));
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn fix_removes_at_least_a_third_of_the_problems_of_real_architectures() {
    // Two public microservice reference applications, mapped by hand (see
    // their descriptions): the draft introduces no error and removes at
    // least a third of the errors and warnings.
    let dir = tempfile::tempdir().unwrap();
    for name in ["online-boutique", "sock-shop"] {
        let map = example_path(name);
        let out = dir.path().join(format!("{name}.vsmap.json"));
        let run = vsmap(&[
            "fix",
            map.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
            "--today",
            TODAY,
        ]);
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
        let (before, _) = check_json(&map, &[]);
        let (after, _) = check_json(&out, &[]);
        let counts = |r: &serde_json::Value, k: &str| r["files"][0]["counts"][k].as_u64().unwrap();
        let serious = |r: &serde_json::Value| counts(r, "error") + counts(r, "warning");
        assert!(serious(&before) > 0, "{name} has problems to fix");
        assert!(
            3 * serious(&after) <= 2 * serious(&before),
            "{name}: {} of {}",
            serious(&after),
            serious(&before)
        );
        assert_eq!(counts(&after, "error"), 0, "{name}");
    }
}

#[test]
fn flow_prints_each_streams_times_in_three_formats() {
    let current = example_path("onboarding-current");
    let current = current.to_str().unwrap();
    for (format, name) in [
        ("text", "onboarding-current.txt"),
        ("markdown", "onboarding-current.md"),
        ("json", "onboarding-current.json"),
    ] {
        let out = vsmap(&["flow", current, "--format", format]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_fixture("flow", name, &stdout(&out));
    }
    let out = vsmap(&["flow", current, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let onboarding = v["streams"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["stream"] == "retail-onboarding")
        .unwrap();
    // By hand: work 1d+1h+1d+2h+4h+4h+4h+2d+1h = 4d16h, wait 3d+4d+1d+4h+1d+1d+1w+1d+2w+1d = 4w5d4h.
    assert_eq!(onboarding["work_minutes"], 4 * 1440 + 16 * 60);
    assert_eq!(onboarding["wait_minutes"], 33 * 1440 + 4 * 60);
    assert_eq!(onboarding["handoffs"], 9);
    assert_eq!(onboarding["unmeasured_steps"], 0);
    let bad = vsmap(&["flow", "/nonexistent/x.vsmap.json"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn import_timings_fills_steps_from_a_csv_and_reports_rows_it_cannot_match() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("times.csv");
    std::fs::write(
        &csv,
        "stream,service,work,wait,complete_accurate\n\
         retail-onboarding,kyc-check,2h,3d,80\n\
         Onboard a new retail customer,Core Banking System,,1w,\n\
         retail-onboarding,no-such-service,1h,1h,\n",
    )
    .unwrap();
    let out_map = dir.path().join("out.vsmap.json");
    let current = example_path("onboarding-current");
    let run = vsmap(&[
        "import",
        "timings",
        csv.to_str().unwrap(),
        "--into",
        current.to_str().unwrap(),
        "-o",
        out_map.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let err = stderr(&run);
    assert!(err.starts_with("Filled 2 steps from "), "{err}");
    assert!(
        err.contains("line 4: no service \"no-such-service\" (by id or name)"),
        "{err}"
    );
    let map = vsmap::io::load_file(&out_map).unwrap();
    let stream = map.stream("retail-onboarding").unwrap();
    let step = |id: &str| {
        stream
            .steps
            .iter()
            .find(|s| s.service.as_str() == id)
            .unwrap()
    };
    assert_eq!(
        step("kyc-check").work.map(|d| d.to_string()).as_deref(),
        Some("2h")
    );
    assert_eq!(
        step("kyc-check").wait.map(|d| d.to_string()).as_deref(),
        Some("3d")
    );
    assert_eq!(step("kyc-check").complete_accurate, Some(80));
    // An empty cell leaves that time as it was.
    assert_eq!(
        step("core-ledger").work.map(|d| d.to_string()).as_deref(),
        Some("2d")
    );
    assert_eq!(
        step("core-ledger").wait.map(|d| d.to_string()).as_deref(),
        Some("1w")
    );
    let broken = dir.path().join("broken.csv");
    std::fs::write(&broken, "a,b\n").unwrap();
    let run = vsmap(&[
        "import",
        "timings",
        broken.to_str().unwrap(),
        "--into",
        current.to_str().unwrap(),
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("broken.csv:1:1: the first row must name the columns"));
}

/// Runs git in `dir`, panicking with its output when it fails (unless
/// `may_fail`); returns its status, standard output and standard error.
fn git(dir: &Path, args: &[&str], may_fail: bool) -> (bool, String, String) {
    let out = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git runs");
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    assert!(
        may_fail || out.status.success(),
        "git {args:?}: {}{}",
        text(&out.stdout),
        text(&out.stderr)
    );
    (out.status.success(), text(&out.stdout), text(&out.stderr))
}

/// A new git repository in a temporary folder, on `main`, committing as
/// `name <email>`.
fn repository(name: &str, email: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    git(dir.path(), &["init", "-q", "-b", "main"], false);
    git(dir.path(), &["config", "user.email", email], false);
    git(dir.path(), &["config", "user.name", name], false);
    dir
}

#[test]
fn maps_merge_and_diff_through_git_with_the_driver_vsmap_git_setup_configures() {
    let dir = repository("Test", "test@example.org");
    let repo = dir.path();
    let file = repo.join("map.vsmap.json");
    std::fs::copy(example_path("onboarding-current"), &file).unwrap();
    git(repo, &["add", "."], false);
    git(repo, &["commit", "-q", "-m", "today"], false);

    // `vsmap git setup` writes the attributes and the config.
    let bin = env!("CARGO_BIN_EXE_vsmap");
    let setup = std::process::Command::new(bin)
        .args(["git", "setup"])
        .current_dir(repo)
        .env("HOME", repo)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(
        setup.status.success(),
        "{}",
        String::from_utf8_lossy(&setup.stderr)
    );
    let attributes = std::fs::read_to_string(repo.join(".gitattributes")).unwrap();
    assert_eq!(attributes, "*.vsmap.json merge=vsmap diff=vsmap\n");
    let (_, driver, _) = git(repo, &["config", "merge.vsmap.driver"], false);
    assert_eq!(driver.trim(), "vsmap merge %O %A %B");
    // This test runs the binary it built, not one on the PATH.
    git(
        repo,
        &[
            "config",
            "merge.vsmap.driver",
            &format!("{bin} merge %O %A %B"),
        ],
        false,
    );
    git(
        repo,
        &["config", "diff.vsmap.command", &format!("{bin} diff")],
        false,
    );
    git(repo, &["add", "."], false);
    git(repo, &["commit", "-q", "-m", "vsmap driver"], false);

    let edit = |change: &dyn Fn(&mut vsmap::model::Map)| {
        let mut map = vsmap::io::load_file(&file).unwrap();
        change(&mut map);
        std::fs::write(&file, vsmap::io::to_canonical_json(&map)).unwrap();
    };
    let rename = |id: &'static str, name: &'static str| {
        move |m: &mut vsmap::model::Map| {
            m.services
                .iter_mut()
                .find(|s| s.id.as_str() == id)
                .unwrap()
                .name = name.into();
        }
    };
    // Independent changes on two branches that touch the same lines of
    // JSON merge cleanly.
    git(repo, &["checkout", "-q", "-b", "feature"], false);
    edit(&rename("kyc-check", "KYC Decision Engine"));
    git(repo, &["commit", "-q", "-am", "rename kyc"], false);
    git(repo, &["checkout", "-q", "main"], false);
    edit(&rename("sanctions-screening", "Screening"));
    git(repo, &["commit", "-q", "-am", "rename screening"], false);
    git(repo, &["merge", "-q", "--no-edit", "feature"], false);
    let merged = vsmap::io::load_file(&file).unwrap();
    assert_eq!(
        merged.service("kyc-check").unwrap().name,
        "KYC Decision Engine"
    );
    assert_eq!(
        merged.service("sanctions-screening").unwrap().name,
        "Screening"
    );

    // The same field changed on both: git reports a conflict, and the file
    // still loads with ours.
    git(repo, &["checkout", "-q", "-b", "other"], false);
    edit(&rename("kyc-check", "KYC Service"));
    git(repo, &["commit", "-q", "-am", "theirs"], false);
    git(repo, &["checkout", "-q", "main"], false);
    edit(&rename("kyc-check", "KYC Check v2"));
    git(repo, &["commit", "-q", "-am", "ours"], false);
    let (clean, out, err) = git(repo, &["merge", "--no-edit", "other"], true);
    assert!(!clean, "a conflict fails the merge");
    assert!(
        format!("{out}{err}")
            .contains("services[kyc-check].name: ours \"KYC Check v2\", theirs \"KYC Service\""),
        "{out}{err}"
    );
    let kept = vsmap::io::load_file(&file).unwrap();
    assert_eq!(kept.service("kyc-check").unwrap().name, "KYC Check v2");
    git(repo, &["merge", "--abort"], false);

    // git diff shows the structural diff.
    edit(&rename("web-banking", "Web Banking 2"));
    let (_, diff, _) = git(repo, &["diff"], false);
    assert!(diff.contains("vsmap diff map.vsmap.json"), "{diff}");
    assert!(diff.contains("Web Banking -> Web Banking 2"), "{diff}");
}

#[test]
fn sarif_locations_are_relative_to_the_repository_or_file_uris_and_pass_the_sarif_validator() {
    // Inside this repository (absolute path given): relative to its root.
    let inside = example_path("onboarding-current");
    let out = vsmap(&[
        "check",
        inside.to_str().unwrap(),
        "--format",
        "sarif",
        "--today",
        TODAY,
    ]);
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let run = &log["runs"][0];
    let location = &run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(
        location["uri"],
        "assets/examples/onboarding-current.vsmap.json"
    );
    assert_eq!(location["uriBaseId"], "%SRCROOT%");
    let root = run["originalUriBaseIds"]["%SRCROOT%"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        root.starts_with("file:///") && root.ends_with('/'),
        "{root}"
    );
    // Outside any repository: a file URI, spaces encoded.
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("a map.vsmap.json");
    std::fs::copy(&inside, &outside).unwrap();
    let out = vsmap(&[
        "check",
        outside.to_str().unwrap(),
        "--format",
        "sarif",
        "--today",
        TODAY,
    ]);
    let log: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        uri.starts_with("file:///") && uri.ends_with("/a%20map.vsmap.json"),
        "{uri}"
    );

    // Microsoft's validator, where it is installed (.ci/run installs it).
    let sarif = dir.path().join("check.sarif");
    std::fs::write(&sarif, &out.stdout).unwrap();
    // .NET needs ICU unless told to use invariant globalization: a fresh
    // machine may not have it, and the validator reads no localised text.
    let validated = std::process::Command::new("sarif-multitool-linux")
        .args(["validate", sarif.to_str().unwrap()])
        .env("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1")
        .output();
    let Ok(validated) = validated else {
        eprintln!("note: sarif-multitool-linux is not installed; the SARIF was not validated");
        return;
    };
    let text = String::from_utf8_lossy(&validated.stdout).into_owned();
    assert!(validated.status.success(), "{text}");
    let errors: Vec<&str> = text.lines().filter(|l| l.contains(": error ")).collect();
    assert!(errors.is_empty(), "{errors:?}");
    // The one warning left: the tool names no informationUri, as the
    // project has no public home yet.
    let warnings: Vec<&str> = text
        .lines()
        .filter(|l| l.contains(": warning ") && !l.contains("SARIF2005"))
        .collect();
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn junit_and_gitlab_reports_for_ci_systems() {
    let file = example_path("onboarding-current");
    let file = file.to_str().unwrap();
    // JUnit: a suite per map, a case per rule, failing at --fail-on.
    let out = vsmap(&[
        "check",
        file,
        "--format",
        "junit",
        "--fail-on",
        "warning",
        "--today",
        TODAY,
    ]);
    assert_eq!(out.status.code(), Some(1));
    let xml = stdout(&out);
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut cases, mut failures, mut suite_failures) = (0, 0, None);
    loop {
        match reader.read_event().expect("well-formed XML") {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                match e.name().as_ref() {
                    b"testcase" => cases += 1,
                    b"failure" => failures += 1,
                    b"testsuite" => {
                        let attr = e.try_get_attribute("failures").unwrap().unwrap();
                        suite_failures = Some(
                            String::from_utf8_lossy(&attr.value)
                                .parse::<usize>()
                                .unwrap(),
                        );
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    assert_eq!(cases, 19, "one case per rule");
    assert_eq!(Some(failures), suite_failures);
    assert!(failures >= 8, "{failures} rules fail at warning: {xml}");
    assert!(xml.contains(r#"name="two-pizza">"#), "{xml}");
    // GitLab: the findings with stable, distinct fingerprints.
    let run = || {
        let out = vsmap(&["check", file, "--format", "gitlab", "--today", TODAY]);
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let (a, b) = (run(), run());
    assert_eq!(a, b, "the same report on every run");
    let issues = a.as_array().unwrap();
    let (json, _) = check_json(Path::new(file), &[]);
    let counts = &json["files"][0]["counts"];
    let total: u64 = ["error", "warning", "info"]
        .iter()
        .map(|k| counts[k].as_u64().unwrap())
        .sum();
    assert_eq!(issues.len() as u64, total);
    let mut prints: Vec<&str> = issues
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    prints.sort_unstable();
    prints.dedup();
    assert_eq!(prints.len(), issues.len(), "fingerprints are distinct");
    assert_eq!(issues[0]["location"]["path"], file);
    assert!(["critical", "major", "info"].contains(&issues[0]["severity"].as_str().unwrap()));
}

#[test]
fn the_ci_integrations_run_commands_vsmap_has() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let hooks: serde_json::Value = serde_yaml_ng::from_str(
        &std::fs::read_to_string(root.join(".pre-commit-hooks.yaml")).unwrap(),
    )
    .unwrap();
    let hooks = hooks.as_array().unwrap();
    assert_eq!(hooks.len(), 2);
    for hook in hooks {
        let entry = hook["entry"].as_str().unwrap();
        let args: Vec<&str> = entry.split_whitespace().skip(1).collect();
        // The hook's command exists: with no file it reports a usage error
        // (2), not an unknown subcommand.
        let out = vsmap(&args);
        assert!(!stderr(&out).contains("unrecognized subcommand"), "{entry}");
        assert_eq!(hook["files"], "\\.vsmap\\.json$");
    }
    let action: serde_json::Value =
        serde_yaml_ng::from_str(&std::fs::read_to_string(root.join("action.yml")).unwrap())
            .unwrap();
    assert_eq!(action["runs"]["using"], "composite");
    let steps = action["runs"]["steps"].as_array().unwrap();
    let script: String = steps
        .iter()
        .filter_map(|s| s["run"].as_str())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(script.contains("--format sarif --fail-on"), "{script}");
    assert!(
        script.contains("--no-default-features"),
        "the action builds the command line only"
    );
}

#[test]
fn history_lists_each_commit_that_changed_the_map_with_its_findings_following_renames() {
    let dir = repository("Ana", "ana@example.org");
    let repo = dir.path();
    let file = repo.join("map.vsmap.json");
    std::fs::copy(example_path("onboarding-current"), &file).unwrap();
    git(repo, &["add", "."], false);
    git(repo, &["commit", "-q", "-m", "Today's map"], false);
    let (_, first, _) = git(repo, &["rev-parse", "HEAD"], false);
    // A commit that does not touch the map is not listed.
    std::fs::write(repo.join("notes.txt"), "notes").unwrap();
    git(repo, &["add", "."], false);
    git(repo, &["commit", "-q", "-m", "Notes"], false);
    // Renamed, content unchanged: followed.
    git(
        repo,
        &["mv", "map.vsmap.json", "architecture.vsmap.json"],
        false,
    );
    git(repo, &["commit", "-q", "-m", "Rename the map"], false);
    let moved = repo.join("architecture.vsmap.json");
    std::fs::copy(example_path("onboarding-proposed"), &moved).unwrap();
    git(repo, &["commit", "-q", "-am", "The proposal agreed"], false);

    let out = vsmap(&[
        "history",
        moved.to_str().unwrap(),
        "--format",
        "json",
        "--today",
        TODAY,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let commits = v["commits"].as_array().unwrap();
    let subjects: Vec<&str> = commits
        .iter()
        .map(|c| c["subject"].as_str().unwrap())
        .collect();
    // As `git log --follow`: the rename is a change of the file, and
    // before it the file is followed under its old name.
    assert_eq!(
        subjects,
        ["The proposal agreed", "Rename the map", "Today's map"]
    );
    assert_eq!(commits[1]["path"], "architecture.vsmap.json");
    assert_eq!(
        commits[2]["path"], "map.vsmap.json",
        "the rename is followed"
    );
    assert_eq!(commits[0]["author"], "Ana");
    // Each version's counts are what `check` says of it.
    for (commit, example) in commits.iter().zip([
        "onboarding-proposed",
        "onboarding-current",
        "onboarding-current",
    ]) {
        let (report, _) = check_json(&example_path(example), &[]);
        let counts = &report["files"][0]["counts"];
        for severity in ["error", "warning", "info"] {
            assert_eq!(
                commit["counts"][severity], counts[severity],
                "{example} {severity}"
            );
        }
    }
    let onboarding = commits[2]["streams"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "retail-onboarding")
        .unwrap();
    assert_eq!(onboarding["handoffs"], 9);
    assert!(onboarding["lead_time_minutes"].as_u64().unwrap() > 0);
    // --since: only what came after.
    let since = vsmap(&[
        "history",
        moved.to_str().unwrap(),
        "--since",
        first.trim(),
        "--format",
        "json",
        "--today",
        TODAY,
    ]);
    let v: serde_json::Value = serde_json::from_slice(&since.stdout).unwrap();
    assert_eq!(v["commits"].as_array().unwrap().len(), 2);
    // Clear errors, exit 2.
    let bad = vsmap(&["history", moved.to_str().unwrap(), "--since", "no-such-rev"]);
    assert_eq!(bad.status.code(), Some(2));
    assert_eq!(stderr(&bad), "error: unknown revision \"no-such-rev\"\n");
    let outside = tempfile::tempdir().unwrap();
    let lone = outside.path().join("lone.vsmap.json");
    std::fs::copy(example_path("onboarding-current"), &lone).unwrap();
    let bad = vsmap(&["history", lone.to_str().unwrap()]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        stderr(&bad).contains("not in a git repository"),
        "{}",
        stderr(&bad)
    );
}

#[test]
fn history_of_a_broken_version_or_a_corrupt_repository_is_an_error_not_a_panic() {
    let dir = repository("Ana", "ana@example.org");
    let repo = dir.path();
    let file = repo.join("map.vsmap.json");
    std::fs::write(&file, "{ not a map").unwrap();
    git(repo, &["add", "."], false);
    git(repo, &["commit", "-q", "-m", "Broken"], false);
    std::fs::copy(example_path("onboarding-current"), &file).unwrap();
    git(repo, &["commit", "-q", "-am", "Fixed"], false);
    let out = vsmap(&["history", file.to_str().unwrap(), "--today", TODAY]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(
        text.contains("Broken\n  does not load: malformed JSON at line 1"),
        "{text}"
    );
    // Every loose object truncated: the repository cannot be read.
    let objects = repo.join(".git/objects");
    for entry in std::fs::read_dir(&objects).unwrap().flatten() {
        if entry.file_name().len() == 2 {
            for object in std::fs::read_dir(entry.path()).unwrap().flatten() {
                let mut permissions = std::fs::metadata(object.path()).unwrap().permissions();
                #[allow(clippy::permissions_set_readonly_false)]
                permissions.set_readonly(false);
                std::fs::set_permissions(object.path(), permissions).unwrap();
                std::fs::write(object.path(), b"garbage").unwrap();
            }
        }
    }
    let out = vsmap(&["history", file.to_str().unwrap(), "--today", TODAY]);
    assert_eq!(out.status.code(), Some(2), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("cannot read the repository"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn install_desktop_writes_the_entry_the_file_type_and_the_icons_and_uninstall_removes_them() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap();
    let out = vsmap(&["install-desktop", "--data-dir", data]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let said = stdout(&out);
    let desktop = std::fs::read_to_string(dir.path().join("applications/vsmap.desktop")).unwrap();
    assert!(
        desktop.starts_with("[Desktop Entry]\nType=Application\nName=vsmap\n"),
        "{desktop}"
    );
    assert!(desktop.contains("\nMimeType=application/x-vsmap+json;\n"));
    assert!(desktop.contains("\nIcon=vsmap\n") && desktop.contains(" %f\n"));
    let mime = std::fs::read_to_string(dir.path().join("mime/packages/vsmap.xml")).unwrap();
    assert!(
        mime.contains(r#"<glob pattern="*.vsmap.json" weight="60"/>"#),
        "{mime}"
    );
    for (size, path) in [
        (256, "icons/hicolor/256x256/apps/vsmap.png"),
        (64, "icons/hicolor/64x64/apps/vsmap.png"),
    ] {
        let icon = image::open(dir.path().join(path)).unwrap();
        assert_eq!((icon.width(), icon.height()), (size, size), "{path}");
        assert!(said.contains(path), "it says what it wrote: {said}");
    }
    let svg =
        std::fs::read_to_string(dir.path().join("icons/hicolor/scalable/apps/vsmap.svg")).unwrap();
    assert!(svg.contains("<title>vsmap</title>"));
    // The window uses the same icon.
    #[cfg(feature = "gui")]
    {
        let window = image::load_from_memory(vsmap::ui::WINDOW_ICON).unwrap();
        assert_eq!((window.width(), window.height()), (256, 256));
    }

    let out = vsmap(&["install-desktop", "--uninstall", "--data-dir", data]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        stdout(&out)
            .lines()
            .filter(|l| l.starts_with("removed "))
            .count(),
        5
    );
    assert!(!dir.path().join("applications/vsmap.desktop").exists());
    assert!(
        !dir.path()
            .join("icons/hicolor/64x64/apps/vsmap.png")
            .exists()
    );
}
