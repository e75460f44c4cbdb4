//! Hostile and broken input: files made large in every dimension are refused
//! with a message naming the place; structurally mutated maps and damaged
//! bytes either load or give a clear error, never a panic; and whatever loads
//! also analyses, diffs, exports and saves.

mod common;

use serde_json::{Value, json};
use vsmap::io::{ParseError, from_json};
use vsmap::model::limits::{MAX_NAME_CHARS, MAX_SERVICES, MAX_STEPS, MAX_TEAMS, MAX_TEXT_CHARS};

fn load(v: &Value) -> Result<vsmap::model::Map, ParseError> {
    from_json(serde_json::to_string(v).unwrap().as_bytes())
}

fn error_of(v: &Value) -> String {
    load(v).expect_err("the map should be refused").to_string()
}

fn minimal() -> Value {
    json!({ "format": "vsmap", "version": 1 })
}

fn services(n: usize) -> Vec<Value> {
    (0..n)
        .map(|i| json!({ "id": format!("s{i}"), "name": "S", "kind": "service" }))
        .collect()
}

#[test]
fn too_many_elements_are_refused_with_the_count_and_the_limit() {
    let mut map = minimal();
    map["services"] = Value::Array(services(MAX_SERVICES + 1));
    let message = error_of(&map);
    assert!(
        message.starts_with(&format!(
            "services: {} services; at most {MAX_SERVICES} are accepted",
            MAX_SERVICES + 1
        )),
        "{message}"
    );
    // At the limit the map loads.
    map["services"] = Value::Array(services(MAX_SERVICES));
    assert_eq!(load(&map).unwrap().services.len(), MAX_SERVICES);

    let mut map = minimal();
    let teams: Vec<Value> = (0..MAX_TEAMS + 5)
        .map(|i| json!({ "id": format!("t{i}"), "name": "T", "type": "platform" }))
        .collect();
    map["teams"] = Value::Array(teams);
    let message = error_of(&map);
    assert!(
        message.starts_with(&format!(
            "teams: {} teams; at most {MAX_TEAMS} are accepted",
            MAX_TEAMS + 5
        )),
        "{message}"
    );
}

#[test]
fn too_many_steps_in_a_stream_are_refused_at_that_stream() {
    let mut map = minimal();
    let steps: Vec<Value> = (0..=MAX_STEPS)
        .map(|i| json!({ "service": format!("s{i}") }))
        .collect();
    map["streams"] = json!([
        { "id": "ok", "name": "Fine" },
        { "id": "long", "name": "Long", "steps": steps }
    ]);
    let message = error_of(&map);
    assert!(
        message.starts_with(&format!(
            "streams[1].steps: {} steps; at most {MAX_STEPS} are accepted",
            MAX_STEPS + 1
        )),
        "{message}"
    );
}

#[test]
fn overlong_texts_are_refused_with_their_path_and_length() {
    let mut map = minimal();
    map["services"] = json!([
        { "id": "a", "name": "A", "kind": "service" },
        { "id": "b", "name": "é".repeat(MAX_NAME_CHARS + 1), "kind": "service",
          "description": "d".repeat(MAX_TEXT_CHARS + 1) }
    ]);
    map["links"] = json!([{ "from": "a", "to": "b", "kind": "sync", "label": "l".repeat(5000) }]);
    let message = error_of(&map);
    for expected in [
        format!(
            "services[1].name: {} characters; at most {MAX_NAME_CHARS} are accepted",
            MAX_NAME_CHARS + 1
        ),
        format!(
            "services[1].description: {} characters; at most {MAX_TEXT_CHARS} are accepted",
            MAX_TEXT_CHARS + 1
        ),
        format!("links[0].label: 5000 characters; at most {MAX_NAME_CHARS} are accepted"),
    ] {
        assert!(message.contains(&expected), "{expected} not in {message}");
    }
    // Exactly at the limits the map loads: the limit counts characters, not bytes.
    map["services"][1]["name"] = Value::from("é".repeat(MAX_NAME_CHARS));
    map["services"][1]["description"] = Value::from("d".repeat(MAX_TEXT_CHARS));
    map["links"][0]["label"] = Value::from("l".repeat(MAX_NAME_CHARS));
    load(&map).unwrap();
}

#[test]
fn huge_values_in_error_messages_are_cut_short() {
    for (field, value) in [("kind", "k".repeat(1_000_000)), ("name", "n".repeat(10))] {
        let mut map = minimal();
        map["services"] = json!([{ "id": "a", "name": "A", "kind": "service" }]);
        map["services"][0][field] = Value::from(value.clone());
        if field == "name" {
            // An unknown field with a huge name.
            map["services"][0]["x".repeat(1_000_000)] = Value::from(1);
        }
        let message = error_of(&map);
        assert!(message.len() < 2_000, "{} bytes", message.len());
        assert!(message.starts_with("services[0]"), "{message}");
        assert!(message.contains("characters left out"), "{message}");
    }
    let mut map = minimal();
    map["allow"] = json!([{ "rule": "r".repeat(1_000_000), "reason": "because" }]);
    let message = error_of(&map);
    assert!(message.len() < 1_000, "{} bytes", message.len());
    assert!(
        message.starts_with("allow[0].rule: no rule \"rrr"),
        "{message}"
    );
}

/// `depth` nested arrays around `inner`.
fn nested(depth: usize, inner: &str) -> String {
    format!("{}{inner}{}", "[".repeat(depth), "]".repeat(depth))
}

#[test]
fn deep_nesting_is_a_clear_error_not_a_stack_overflow() {
    for depth in [129, 10_000, 1_000_000] {
        let cases = [
            // The whole file.
            nested(depth, "1"),
            // Where a string is expected.
            format!(
                r#"{{"format":"vsmap","version":1,"name":{}}}"#,
                nested(depth, "")
            ),
            // Under an unknown key, after a field error: the header is read
            // again on that path and must not recurse either.
            format!(
                r#"{{"format":"vsmap","version":1,"teams":5,"zzz":{}}}"#,
                nested(depth, "{}")
            ),
            // Inside a list of services.
            format!(
                r#"{{"format":"vsmap","version":1,"services":{}}}"#,
                nested(depth, "")
            ),
            // Unclosed.
            format!(
                r#"{{"format":"vsmap","version":1,"name":{}"#,
                "[".repeat(depth)
            ),
        ];
        for text in cases {
            let err = from_json(text.as_bytes()).expect_err("refused");
            let message = err.to_string();
            assert!(
                matches!(
                    err,
                    ParseError::Syntax { .. }
                        | ParseError::Field { .. }
                        | ParseError::NotAMap { .. }
                ),
                "{message}"
            );
            // serde_json skips unknown content without recursing, so a
            // nested array at the top level is read whole and named.
            assert!(
                message.contains("line 1") || message.contains("found an array"),
                "{message}"
            );
        }
    }
    // Within the parser's limit, nesting where it does not belong is a field error.
    let err = from_json(
        format!(
            r#"{{"format":"vsmap","version":1,"name":{}}}"#,
            nested(100, "")
        )
        .as_bytes(),
    )
    .unwrap_err();
    assert!(
        err.to_string().starts_with("name: invalid type: sequence"),
        "{err}"
    );
    let err = from_json(nested(100, "").as_bytes()).unwrap_err();
    assert_eq!(
        err,
        ParseError::NotAMap {
            found: "an array".into()
        }
    );
}

#[test]
fn an_empty_file_says_so() {
    for bytes in [&b""[..], b"\xEF\xBB\xBF", b"  \n\t\n"] {
        let err = from_json(bytes).unwrap_err();
        assert!(
            err.to_string().contains("the file is empty"),
            "{err} for {bytes:?}"
        );
    }
    // Fuzzer finding: serde_json's column 0 ("before the first character")
    // is reported as column 1, since columns count from 1.
    let err = from_json(b"{\"format\":\"vsmap\",\n").unwrap_err();
    assert!(
        matches!(
            err,
            ParseError::Syntax {
                line: 2,
                column: 1,
                ..
            }
        ),
        "{err:?}"
    );
}

#[test]
fn an_empty_unknown_key_at_the_top_level_still_names_a_place() {
    // Fuzzer finding: the path of the key "" was empty.
    let err = from_json(br#"{"format":"vsmap","":1,"version":1}"#).unwrap_err();
    assert!(
        err.to_string().starts_with("(top level): unknown field ``"),
        "{err}"
    );
}
