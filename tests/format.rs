//! The file format as a user meets it: loading hand-written maps, every load
//! error with its message, and the canonical form that survives round trips.

use serde_json::{Value, json};
use vsmap::io::{LoadErrorKind, ParseError, from_json, load_file, to_canonical_json};

/// A small valid map, as a person would write it (keys in any order).
fn valid() -> Value {
    json!({
        "version": 1,
        "format": "vsmap",
        "name": "Onboarding",
        "reviewed": "2026-09-30",
        "teams": [
            { "id": "identity", "name": "Identity", "type": "stream-aligned", "members": 7, "color": "#FFD966" },
            { "id": "platform", "name": "Platform", "type": "platform" }
        ],
        "services": [
            { "id": "web", "name": "Web", "kind": "frontend", "owner": "identity", "x": 10.4, "y": -3.6 },
            { "id": "signup-api", "name": "Signup API", "kind": "service", "owner": "identity", "x": 120, "y": 80, "description": "" },
            { "id": "mailer", "name": "Mailer", "kind": "service", "owner": "platform" },
            { "id": "kyc", "name": "KYC", "kind": "external" }
        ],
        "links": [
            { "from": "web", "to": "signup-api", "kind": "sync" },
            { "from": "signup-api", "to": "mailer", "kind": "sync", "label": "send welcome mail" },
            { "from": "signup-api", "to": "mailer", "kind": "event" }
        ],
        "streams": [
            { "id": "onboarding", "name": "Onboard a new user", "owner": "identity", "customer": "New retail customer",
              "description": "From first visit to a verified account.", "color": "#e15759",
              "steps": [ { "service": "web", "stage": "Sign up" }, { "service": "signup-api" }, { "service": "kyc", "stage": "Compliance check" } ] }
        ],
        "settings": { "two_pizza_max_teams": 3 },
        "allow": [ { "rule": "unowned-service", "subject": "mailer", "reason": "Moving to platform in Q3" } ]
    })
}

fn load(v: &Value) -> Result<vsmap::model::Map, ParseError> {
    from_json(serde_json::to_string_pretty(v).unwrap().as_bytes())
}

fn error_of(v: &Value) -> String {
    load(v).expect_err("the map should be refused").to_string()
}

#[test]
fn a_hand_written_map_loads() {
    let map = load(&valid()).unwrap();
    assert_eq!(map.services.len(), 4);
    assert_eq!(map.settings.two_pizza_max_teams, Some(3));
    assert_eq!(map.teams[0].color.unwrap().to_string(), "#ffd966");
}

#[test]
fn a_loaded_maps_references_share_their_elements_ids() {
    let map = load(&valid()).unwrap();
    let service = |id: &str| map.services.iter().find(|s| s.id == id).unwrap();
    let team = |id: &str| map.teams.iter().find(|t| t.id == id).unwrap();
    for link in &map.links {
        assert_eq!(
            link.from.address(),
            service(link.from.as_str()).id.address()
        );
        assert_eq!(link.to.address(), service(link.to.as_str()).id.address());
    }
    for step in &map.streams[0].steps {
        assert_eq!(
            step.service.address(),
            service(step.service.as_str()).id.address()
        );
    }
    let web = service("web").owner.as_ref().unwrap();
    assert_eq!(web.address(), team("identity").id.address());
    let owner = map.streams[0].owner.as_ref().unwrap();
    assert_eq!(owner.address(), team("identity").id.address());
    // Made separately, equal text lives elsewhere: sharing is what load adds.
    let copy = vsmap::model::Id::new("web").unwrap();
    assert_ne!(copy.address(), service("web").id.address());
}

#[test]
fn missing_optional_fields_load_as_empty() {
    let map = load(&json!({ "format": "vsmap", "version": 1 })).unwrap();
    assert_eq!(map, vsmap::model::Map::default());
}

#[test]
fn saving_is_canonical_and_stable() {
    let map = load(&valid()).unwrap();
    let saved = to_canonical_json(&map);
    // Sorted by id, positions whole, empty description omitted, colour lower case.
    let expected_services = r#"  "services": [
    {
      "id": "kyc",
      "name": "KYC",
      "kind": "external"
    },
    {
      "id": "mailer",
      "name": "Mailer",
      "kind": "service",
      "owner": "platform"
    },
    {
      "id": "signup-api",
      "name": "Signup API",
      "kind": "service",
      "owner": "identity",
      "x": 120,
      "y": 80
    },
    {
      "id": "web",
      "name": "Web",
      "kind": "frontend",
      "owner": "identity",
      "x": 10,
      "y": -4
    }
  ],"#;
    assert!(saved.contains(expected_services), "{saved}");
    assert!(saved.starts_with("{\n  \"format\": \"vsmap\",\n  \"version\": 1,\n  \"name\": \"Onboarding\",\n  \"reviewed\": \"2026-09-30\",\n  \"teams\": [\n"));
    assert!(saved.ends_with("}\n"));
    // Links sorted by from, to, then kind name: event before sync.
    let event = saved.find("\"kind\": \"event\"").unwrap();
    let sync_mailer = saved.rfind("\"kind\": \"sync\",\n      \"label\"").unwrap();
    assert!(event < sync_mailer);
    // Saved bytes load and save to the same bytes.
    assert_eq!(
        to_canonical_json(&from_json(saved.as_bytes()).unwrap()),
        saved
    );
}

#[test]
fn the_example_maps_round_trip_byte_for_byte() {
    for name in ["onboarding-current", "onboarding-proposed"] {
        let path = format!(
            "{}/assets/examples/{name}.vsmap.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let bytes = std::fs::read(&path).unwrap();
        let map = load_file(path.as_ref()).unwrap();
        assert_eq!(
            to_canonical_json(&map),
            String::from_utf8(bytes).unwrap(),
            "{name} is not canonical: run vsmap fmt"
        );
    }
}

#[test]
fn malformed_json_names_line_and_column() {
    let err = from_json(
        b"{\n  \"format\": \"vsmap\",\n  \"version\": 1,\n  \"name\": \"x\"\n  \"teams\": []\n}",
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            ParseError::Syntax {
                line: 5,
                column: 3,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .starts_with("malformed JSON at line 5, column 3: expected"),
        "{err}"
    );
    assert!(matches!(from_json(b""), Err(ParseError::Syntax { .. })));
    assert!(matches!(
        from_json(b"{\"format\": \"vsmap\", \"version\": 1} {}"),
        Err(ParseError::Syntax { .. })
    ));
}

#[test]
fn wrong_format_and_versions_are_refused_clearly() {
    let mut v = valid();
    v["format"] = json!("drawio");
    assert_eq!(
        error_of(&v),
        r#"not a vsmap file: "format" must be "vsmap" (found "drawio")"#
    );
    assert!(error_of(&json!({ "version": 1 })).starts_with("not a vsmap file"));
    assert_eq!(
        error_of(&json!([1, 2])),
        r#"not a vsmap file: "format" must be "vsmap" (found an array)"#
    );

    let mut v = valid();
    v["version"] = json!(3);
    // A newer file may have fields we do not know: the version is reported, not the field.
    v["services"][0]["lane"] = json!(3);
    assert_eq!(
        error_of(&v),
        "written by a newer vsmap (format version 3); this build reads versions up to 2: please update vsmap"
    );
    let mut v = valid();
    v["version"] = json!(0);
    assert!(error_of(&v).starts_with("unknown format version 0"));
}

#[test]
fn unknown_fields_are_refused_with_their_path() {
    let mut v = valid();
    v["services"][1]["ownr"] = json!("identity");
    let err = error_of(&v);
    assert!(
        err.starts_with(
            "services[1].ownr: unknown field `ownr`, expected one of `id`, `name`, `kind`, `owner`"
        ),
        "{err}"
    );
    assert!(err.contains("(line "), "{err}");
    let mut v = valid();
    v["settings"]["two_pizza"] = json!(3);
    assert!(
        error_of(&v).starts_with("settings.two_pizza: unknown field `two_pizza`"),
        "{}",
        error_of(&v)
    );
    let mut v = valid();
    v["colour"] = json!("#ffffff");
    assert!(
        error_of(&v).starts_with("colour: unknown field `colour`"),
        "{}",
        error_of(&v)
    );
}

#[test]
fn bad_values_name_their_field() {
    let cases = [
        (
            "/services/2/kind",
            json!("microservice"),
            "services[2].kind: unknown variant `microservice`",
        ),
        (
            "/teams/0/type",
            json!("product"),
            "teams[0].type: unknown variant `product`",
        ),
        (
            "/teams/0/members",
            json!(-1),
            "teams[0].members: invalid value: integer `-1`",
        ),
        (
            "/teams/0/color",
            json!("yellow"),
            "teams[0].color: invalid colour \"yellow\": write it as #rrggbb",
        ),
        (
            "/streams/0/color",
            json!("#12345"),
            "streams[0].color: invalid colour",
        ),
        (
            "/reviewed",
            json!("30/09/2026"),
            "reviewed: invalid date \"30/09/2026\": write a real day as YYYY-MM-DD",
        ),
        (
            "/reviewed",
            json!("2026-02-30"),
            "reviewed: invalid date \"2026-02-30\"",
        ),
        (
            "/services/0/id",
            json!("Web"),
            "services[0].id: invalid id \"Web\": use only a-z, 0-9, '-', '_' and '.'",
        ),
        (
            "/services/0/id",
            json!(""),
            "services[0].id: an id must not be empty",
        ),
        (
            "/links/0/kind",
            json!("rpc"),
            "links[0].kind: unknown variant `rpc`",
        ),
        (
            "/services/0/x",
            json!("left"),
            "services[0].x: invalid type: string \"left\", expected f64",
        ),
    ];
    for (pointer, value, expected) in cases {
        let mut v = valid();
        *v.pointer_mut(pointer).unwrap() = value;
        let err = error_of(&v);
        assert!(
            err.starts_with(expected),
            "{pointer}: expected {expected:?}, got {err:?}"
        );
    }
}

#[test]
fn broken_references_name_the_field_path() {
    let cases: [(&str, Value, &str); 7] = [
        (
            "/streams/0/steps/2/service",
            json!("kyc-check"),
            "streams[0].steps[2].service: no service \"kyc-check\"",
        ),
        (
            "/services/0/owner",
            json!("growth"),
            "services[0].owner: no team \"growth\"",
        ),
        (
            "/streams/0/owner",
            json!("growth"),
            "streams[0].owner: no team \"growth\"",
        ),
        (
            "/links/1/to",
            json!("postman"),
            "links[1].to: no service \"postman\"",
        ),
        (
            "/links/0/to",
            json!("web"),
            "links[0]: a link from \"web\" to itself",
        ),
        (
            "/allow/0/rule",
            json!("shared-servise"),
            "allow[0].rule: no rule \"shared-servise\"",
        ),
        (
            "/allow/0/reason",
            json!(" "),
            "allow[0].reason: an allow entry needs a reason",
        ),
    ];
    for (pointer, value, expected) in cases {
        let mut v = valid();
        *v.pointer_mut(pointer).unwrap() = value;
        assert_eq!(error_of(&v), expected, "{pointer}");
    }
}

#[test]
fn duplicates_are_refused() {
    let mut v = valid();
    v["streams"][0]["id"] = json!("web");
    assert_eq!(
        error_of(&v),
        "streams[0].id: duplicate id \"web\" (already used at services[0].id)"
    );

    let mut v = valid();
    v["links"][1]["kind"] = json!("event");
    assert_eq!(
        error_of(&v),
        "links[2]: duplicate event link from \"signup-api\" to \"mailer\" (already at links[1])"
    );

    let mut v = valid();
    v["streams"][0]["steps"][2]["service"] = json!("web");
    assert_eq!(
        error_of(&v),
        "streams[0].steps[2].service: service \"web\" is already step 0 of this stream; a service may appear once per stream"
    );
}

#[test]
fn every_reference_problem_is_listed_at_once() {
    let mut v = valid();
    v["services"][0]["owner"] = json!("nobody");
    v["links"][0]["from"] = json!("nowhere");
    let err = error_of(&v);
    assert_eq!(
        err,
        "services[0].owner: no team \"nobody\"\n  links[0].from: no service \"nowhere\""
    );
}

#[test]
fn extreme_positions_are_refused() {
    let mut v = valid();
    v["services"][0]["x"] = json!(1e300);
    assert!(
        error_of(&v).starts_with("services[0].x: position"),
        "{}",
        error_of(&v)
    );
}

#[test]
fn files_name_themselves_in_errors_and_huge_files_are_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.vsmap.json");
    std::fs::write(&broken, "{ \"format\": \"vsmap\", ").unwrap();
    let err = load_file(&broken).unwrap_err();
    assert!(
        err.to_string()
            .starts_with(&format!("{}: malformed JSON at line 1", broken.display())),
        "{err}"
    );

    let huge = dir.path().join("huge.vsmap.json");
    let file = std::fs::File::create(&huge).unwrap();
    file.set_len(vsmap::io::MAX_FILE_BYTES + 1).unwrap(); // sparse: no disk used
    let err = load_file(&huge).unwrap_err();
    assert!(matches!(err.kind, LoadErrorKind::TooLarge { .. }), "{err}");
    assert!(err.to_string().contains("64 MiB"), "{err}");

    let missing = dir.path().join("missing.vsmap.json");
    assert!(
        load_file(&missing)
            .unwrap_err()
            .to_string()
            .starts_with(&format!("{}: cannot read", missing.display()))
    );
}

#[test]
fn a_byte_order_mark_is_tolerated() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(br#"{"format": "vsmap", "version": 1}"#);
    assert!(from_json(&bytes).is_ok());
}

#[test]
fn saving_writes_the_canonical_file_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.vsmap.json");
    let map = load(&valid()).unwrap();
    vsmap::io::save_file(&map, &path).unwrap();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        to_canonical_json(&map)
    );
    assert_eq!(load_file(&path).unwrap(), {
        let mut m = map.clone();
        m.canonicalize();
        m
    });
}

/// The schema `vsmap schema` prints, compiled by an independent validator.
fn schema_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&vsmap::io::json_schema()).unwrap();
    jsonschema::draft7::new(&schema).expect("the schema is a valid draft-07 schema")
}

#[test]
fn the_json_schema_accepts_the_examples_and_a_hand_written_map() {
    let validator = schema_validator();
    for name in ["onboarding-current", "onboarding-proposed"] {
        let path = format!(
            "{}/assets/examples/{name}.vsmap.json",
            env!("CARGO_MANIFEST_DIR")
        );
        let example: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&example)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
    }
    let mut v = valid();
    v["$schema"] = json!("./vsmap.schema.json");
    assert!(validator.is_valid(&v));
}

#[test]
fn the_json_schema_refuses_what_the_loader_refuses() {
    let validator = schema_validator();
    type Break = fn(&mut Value);
    let cases: [(&str, Break); 12] = [
        ("unknown top-level key", |v| v["colour"] = json!("#ffffff")),
        ("unknown service key", |v| {
            v["services"][1]["ownr"] = json!("identity")
        }),
        ("upper-case id", |v| v["services"][0]["id"] = json!("Web")),
        ("unknown kind", |v| {
            v["services"][0]["kind"] = json!("lambda")
        }),
        ("unknown team type", |v| {
            v["teams"][0]["type"] = json!("squad")
        }),
        ("bad colour", |v| v["teams"][0]["color"] = json!("yellow")),
        ("blank name", |v| v["streams"][0]["name"] = json!("   ")),
        ("bad date", |v| v["reviewed"] = json!("30/09/2026")),
        ("unknown rule", |v| {
            v["allow"][0]["rule"] = json!("no-such-rule")
        }),
        ("wrong format", |v| v["format"] = json!("drawio")),
        ("version 0", |v| v["version"] = json!(0)),
        ("position too far", |v| v["services"][0]["x"] = json!(1e9)),
    ];
    for (what, break_it) in cases {
        let mut v = valid();
        break_it(&mut v);
        assert!(load(&v).is_err(), "{what}: the loader accepts it");
        assert!(!validator.is_valid(&v), "{what}: the schema accepts it");
    }
}

#[test]
fn a_schema_key_is_kept_on_save_and_otherwise_ignored() {
    let mut v = valid();
    v["$schema"] = json!("https://example.org/vsmap.schema.json");
    let with = load(&v).unwrap();
    let without = load(&valid()).unwrap();
    assert_eq!(with.schema, "https://example.org/vsmap.schema.json");
    assert_eq!(
        vsmap::model::Map {
            schema: String::new(),
            ..with.clone()
        },
        without
    );
    let saved = to_canonical_json(&with);
    assert!(
        saved.starts_with(
            "{\n  \"$schema\": \"https://example.org/vsmap.schema.json\",\n  \"format\": \"vsmap\","
        ),
        "{saved}"
    );
    assert_eq!(
        to_canonical_json(&from_json(saved.as_bytes()).unwrap()),
        saved
    );
    assert!(!to_canonical_json(&without).contains("$schema"));
    let today = jiff::civil::date(2026, 10, 1);
    assert_eq!(
        vsmap::analysis::analyze_on(&with, today),
        vsmap::analysis::analyze_on(&without, today)
    );
}

#[test]
fn times_on_steps_need_version_2_and_a_map_without_them_stays_version_1() {
    // Without times: version 1, byte for byte as before.
    let v1 = load(&valid()).unwrap();
    assert!(to_canonical_json(&v1).contains("\"version\": 1,"));
    // With times: written as version 2, read back the same.
    let mut v = valid();
    v["version"] = json!(2);
    v["streams"][0]["steps"][1]["work"] = json!("4h");
    v["streams"][0]["steps"][1]["wait"] = json!("1d4h");
    v["streams"][0]["steps"][1]["complete_accurate"] = json!(90);
    let timed = load(&v).unwrap();
    let saved = to_canonical_json(&timed);
    assert!(saved.contains("\"version\": 2,"), "{saved}");
    assert!(
        saved.contains(
            "\"work\": \"4h\",\n          \"wait\": \"1d4h\",\n          \"complete_accurate\": 90"
        ),
        "{saved}"
    );
    assert_eq!(
        to_canonical_json(&from_json(saved.as_bytes()).unwrap()),
        saved
    );
    // A version-1 file with times is refused at its version key.
    v["version"] = json!(1);
    let err = error_of(&v);
    assert!(
        err.starts_with(
            "streams[0].steps[1].work: needs format version 2: write \"version\": 2 (line "
        ),
        "{err}"
    );
}

#[test]
fn bad_times_are_refused_with_their_place() {
    let cases = [
        (
            json!("two days"),
            "streams[0].steps[1].wait: \"two days\" is not a duration (use 30m, 4h, 2d, 1w)",
        ),
        (
            json!("-1d"),
            "streams[0].steps[1].wait: \"-1d\" is not a duration (use 30m, 4h, 2d, 1w)",
        ),
        (
            json!("99999999w"),
            "streams[0].steps[1].wait: \"99999999w\" is longer than ten years",
        ),
        (
            json!(3),
            "streams[0].steps[1].wait: invalid type: integer `3`, expected a string",
        ),
    ];
    for (value, expected) in cases {
        let mut v = valid();
        v["version"] = json!(2);
        v["streams"][0]["steps"][1]["wait"] = value;
        let err = error_of(&v);
        assert!(err.starts_with(expected), "{err}\nexpected {expected}");
    }
    let mut v = valid();
    v["version"] = json!(2);
    v["streams"][0]["steps"][1]["complete_accurate"] = json!(150);
    assert!(
        error_of(&v).starts_with(
            "streams[0].steps[1].complete_accurate: 150 is not a percentage (a whole number from 0 to 100)"
        ),
        "{}",
        error_of(&v)
    );
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config::with_cases(32))]

    /// A generated organisation saves, loads and saves to the same bytes:
    /// as version 1 without times, as version 2 with random times.
    #[test]
    fn maps_round_trip_byte_for_byte_in_both_versions(
        seed in 0..1_000_u64,
        times in proptest::collection::vec((0..3_u8, 0..20_000_u32, 0..=100_u8), 1..40),
    ) {
        use vsmap::generate::{GenerateOptions, generate};
        use vsmap::model::Duration;
        let mut map = generate(&GenerateOptions { seed, ..GenerateOptions::with_services(40) });
        let v1 = to_canonical_json(&map);
        proptest::prop_assert!(v1.contains("\"version\": 1,"));
        proptest::prop_assert_eq!(&to_canonical_json(&from_json(v1.as_bytes()).unwrap()), &v1);
        let steps: Vec<(usize, usize)> = map
            .streams
            .iter()
            .enumerate()
            .flat_map(|(k, s)| (0..s.steps.len()).map(move |j| (k, j)))
            .collect();
        for (i, &(what, minutes, percent)) in times.iter().enumerate() {
            let (k, j) = steps[i % steps.len()];
            let step = &mut map.streams[k].steps[j];
            match what {
                0 => step.work = Duration::from_minutes(u64::from(minutes)),
                1 => step.wait = Duration::from_minutes(u64::from(minutes)),
                _ => step.complete_accurate = Some(percent),
            }
        }
        let v2 = to_canonical_json(&map);
        proptest::prop_assert!(v2.contains("\"version\": 2,"));
        let back = from_json(v2.as_bytes()).unwrap();
        proptest::prop_assert_eq!(&back, &map);
        proptest::prop_assert_eq!(&to_canonical_json(&back), &v2);
    }
}
