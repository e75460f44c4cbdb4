//! The `.vsmap.json` format, versions 1 and 2: parsing with precise error messages,
//! and the canonical serialisation (two-space indent, fixed key order, sorted
//! arrays, whole-number positions, empty optional fields omitted, trailing
//! newline) so that load + save is byte-identical and diffs stay small.

use jiff::civil::Date;
use serde::{Deserialize, Deserializer, Serialize};

use crate::model::limits::{
    Bounded, MAX_ALLOW, MAX_LINKS, MAX_QUOTED_CHARS, MAX_SERVICES, MAX_STREAMS, MAX_TEAMS,
};
use crate::model::{Allow, Link, Map, Problem, Service, Settings, Stream, Team, validate};

/// The value of the `format` field.
pub const FORMAT_NAME: &str = "vsmap";
/// The newest format version this build reads. A map is written as
/// version 1 unless it uses what only version 2 has (times on steps and
/// their thresholds), so maps without them stay byte for byte as before.
pub const CURRENT_VERSION: u64 = 2;

/// The file name suffix of map files.
pub const EXTENSION: &str = ".vsmap.json";

/// Why the content of a map file is not a valid map.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ParseError {
    /// Not well-formed JSON.
    #[error("malformed JSON at line {line}, column {column}: {message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the JSON parser expected.
        message: String,
    },
    /// Well-formed JSON, but a field has the wrong name, type or value.
    #[error("{path}: {message} (line {line}, column {column})")]
    Field {
        /// Path of the field, e.g. `services[3].kind`.
        path: String,
        /// What is wrong.
        message: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// The `format` field is missing or is not `"vsmap"`, or the file is not an object.
    #[error("not a vsmap file: \"format\" must be \"vsmap\" (found {found})")]
    NotAMap {
        /// What was there instead, as JSON.
        found: String,
    },
    /// Written by a newer vsmap.
    #[error(
        "written by a newer vsmap (format version {version}); this build reads versions up to {CURRENT_VERSION}: please update vsmap"
    )]
    NewerVersion {
        /// The file's version.
        version: u64,
    },
    /// A version that never existed.
    #[error("unknown format version {found}; versions are whole numbers from 1")]
    BadVersion {
        /// What was there, as JSON.
        found: String,
    },
    /// Fields parse, but references between them do not hold.
    #[error("{}", list_problems(.0))]
    Invalid(Vec<Problem>),
}

/// Most problems the message of [`ParseError::Invalid`] lists; the error
/// itself keeps them all.
pub const MAX_LISTED_PROBLEMS: usize = 20;

fn list_problems(problems: &[Problem]) -> String {
    let mut out = String::new();
    for (i, p) in problems.iter().take(MAX_LISTED_PROBLEMS).enumerate() {
        if i > 0 {
            out.push_str("\n  ");
        }
        out.push_str(&p.to_string());
    }
    if problems.len() > MAX_LISTED_PROBLEMS {
        out.push_str(&format!(
            "\n  … and {} more problems",
            problems.len() - MAX_LISTED_PROBLEMS
        ));
    }
    out
}

/// A file as it is read (versions 1 and 2 have the same keys; version 1
/// may not use those only version 2 has): every key, unknown ones refused.
/// The JSON Schema that `vsmap schema` prints is derived from this type, so
/// the schema and the loader cannot disagree on which keys exist.
#[derive(Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    title = "vsmap map",
    description = "A value stream map: teams, services, the links between them and the value streams through them vsmap writes it in a canonical, git-friendly form."
)]
pub(super) struct FileV1 {
    /// The JSON Schema this file follows, for editors' completion and checks; vsmap keeps it and otherwise ignores it.
    #[serde(rename = "$schema", default)]
    schema: String,
    /// Always "vsmap".
    #[schemars(extend("const" = FORMAT_NAME))]
    format: String,
    /// The format version: 1, or 2 for a map with times on its steps.
    #[schemars(range(min = 1, max = CURRENT_VERSION))]
    version: u64,
    /// Display name, e.g. "Onboarding, current state".
    #[serde(default)]
    name: String,
    /// Free text about the map.
    #[serde(default)]
    description: String,
    /// The day the map was last reviewed (YYYY-MM-DD); drives the stale-map rule.
    #[serde(default, deserialize_with = "deserialize_date")]
    #[schemars(with = "String", extend("format" = "date"), regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    reviewed: Option<Date>,
    /// Teams that own services and streams.
    #[serde(
        default,
        deserialize_with = "Bounded::<Team, MAX_TEAMS>::deserialize_vec"
    )]
    teams: Vec<Team>,
    /// Services: the boxes on the canvas.
    #[serde(
        default,
        deserialize_with = "Bounded::<Service, MAX_SERVICES>::deserialize_vec"
    )]
    services: Vec<Service>,
    /// Directed links between services.
    #[serde(
        default,
        deserialize_with = "Bounded::<Link, MAX_LINKS>::deserialize_vec"
    )]
    links: Vec<Link>,
    /// Value streams: customer journeys threaded through services, in order.
    #[serde(
        default,
        deserialize_with = "Bounded::<Stream, MAX_STREAMS>::deserialize_vec"
    )]
    streams: Vec<Stream>,
    /// Rule thresholds this map overrides.
    #[serde(default)]
    settings: Settings,
    /// Findings accepted on purpose, each with a reason.
    #[serde(
        default,
        deserialize_with = "Bounded::<Allow, MAX_ALLOW>::deserialize_vec"
    )]
    allow: Vec<Allow>,
}

/// A file as it is written; field order is the canonical key order.
#[derive(Serialize)]
struct FileV1Out<'a> {
    #[serde(rename = "$schema", skip_serializing_if = "str::is_empty")]
    schema: &'a str,
    format: &'static str,
    version: u64,
    #[serde(skip_serializing_if = "str::is_empty")]
    name: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    description: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    reviewed: Option<String>,
    teams: Vec<&'a Team>,
    services: Vec<&'a Service>,
    links: Vec<&'a Link>,
    streams: Vec<&'a Stream>,
    #[serde(skip_serializing_if = "Settings::is_empty")]
    settings: &'a Settings,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    allow: Vec<&'a Allow>,
}

fn deserialize_date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Date>, D::Error> {
    let s = String::deserialize(deserializer)?;
    parse_date(&s).map(Some).ok_or_else(|| {
        serde::de::Error::custom(format!(
            "invalid date {s:?}: write a real day as YYYY-MM-DD"
        ))
    })
}

/// Parses exactly `YYYY-MM-DD` (a real calendar day).
pub fn parse_date(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    let shape_ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shape_ok {
        return None;
    }
    s.parse::<Date>().ok()
}

/// Parses and validates map bytes (UTF-8 JSON, an optional BOM is ignored).
pub fn from_json(bytes: &[u8]) -> Result<Map, ParseError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ParseError::Syntax {
            line: 1 + bytes.iter().filter(|&&b| b == b'\n').count(),
            column: 1,
            message: "the file is empty; a map is a JSON object with \"format\": \"vsmap\"".into(),
        });
    }
    let mut de = serde_json::Deserializer::from_slice(bytes);
    // Tracking the path of every value slows every load down, and the path
    // is only needed to explain a failure: a failed parse is repeated with it.
    let file = match FileV1::deserialize(&mut de) {
        Ok(file) => file,
        Err(first) => {
            let mut de = serde_json::Deserializer::from_slice(bytes);
            return Err(
                match serde_path_to_error::deserialize::<_, FileV1>(&mut de) {
                    Err(e) => explain_failure(bytes, e),
                    // Parsing is deterministic, so the same bytes fail again;
                    // should they not, the first error is reported as it is.
                    Ok(_) => ParseError::Syntax {
                        line: first.line(),
                        column: first.column().max(1),
                        message: strip_position(&first.to_string()),
                    },
                },
            );
        }
    };
    // Trailing content after the map, e.g. two maps pasted into one file.
    de.end().map_err(|e| ParseError::Syntax {
        line: e.line(),
        column: e.column().max(1),
        message: strip_position(&e.to_string()),
    })?;
    check_header(
        &serde_json::Value::from(file.format.clone()),
        Some(&serde_json::Value::from(file.version)),
    )?;
    // A version-1 file that uses what only version 2 has is refused at the
    // `"version"` key, which is what to change.
    if file.version == 1
        && let Some(path) = first_version_2_field(&file)
    {
        let (line, column) = position_of_key(bytes, "version");
        return Err(ParseError::Field {
            path,
            message: "needs format version 2: write \"version\": 2".into(),
            line,
            column,
        });
    }
    let mut map = Map {
        schema: file.schema,
        name: file.name,
        description: file.description,
        reviewed: file.reviewed,
        teams: file.teams,
        services: file.services,
        links: file.links,
        streams: file.streams,
        settings: file.settings,
        allow: file.allow,
    };
    let problems = validate(&map, crate::analysis::is_rule_id);
    if problems.is_empty() {
        map.share_ids();
        Ok(map)
    } else {
        Err(ParseError::Invalid(problems))
    }
}

/// The first field a version-1 file uses that only version 2 has.
fn first_version_2_field(file: &FileV1) -> Option<String> {
    for (i, stream) in file.streams.iter().enumerate() {
        for (j, step) in stream.steps.iter().enumerate() {
            let field = if step.work.is_some() {
                "work"
            } else if step.wait.is_some() {
                "wait"
            } else if step.complete_accurate.is_some() {
                "complete_accurate"
            } else {
                continue;
            };
            return Some(format!("streams[{i}].steps[{j}].{field}"));
        }
    }
    if file.settings.handoff_max_wait.is_some() {
        return Some("settings.handoff_max_wait".into());
    }
    file.settings
        .min_flow_efficiency
        .is_some()
        .then(|| "settings.min_flow_efficiency".into())
}

/// The line and column (1-based) where `"key"` first appears in the file,
/// or (1, 1).
fn position_of_key(bytes: &[u8], key: &str) -> (usize, usize) {
    let needle = format!("\"{key}\"");
    let Some(at) = bytes
        .windows(needle.len())
        .position(|w| w == needle.as_bytes())
    else {
        return (1, 1);
    };
    let before = &bytes[..at];
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let column = 1 + before.iter().rev().take_while(|&&b| b != b'\n').count();
    (line, column)
}

/// The version a map is written as: 2 when it uses what only version 2
/// has, else 1.
pub fn version_of(map: &Map) -> u64 {
    let timed = map
        .streams
        .iter()
        .any(|k| k.steps.iter().any(|s| s.is_timed()));
    if timed || map.settings.needs_version_2() {
        2
    } else {
        1
    }
}

/// A failed typed parse: report a wrong format or newer version first (its
/// fields would not match ours anyway), else the field or syntax error.
fn explain_failure(bytes: &[u8], err: serde_path_to_error::Error<serde_json::Error>) -> ParseError {
    let inner = err.inner();
    let category = inner.classify();
    // serde_json reports a value that cannot start an enum (null, a number,
    // a list where a kind is expected) as "expected value", a syntax error,
    // although the JSON is well-formed: report it at its field.
    let misplaced = matches!(category, serde_json::error::Category::Syntax)
        && inner.to_string().starts_with("expected value")
        && std::str::from_utf8(bytes)
            .is_ok_and(|text| serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok());
    if matches!(category, serde_json::error::Category::Data) || misplaced {
        // Only on this error path is the file read a second time, and then
        // only its header: the rest is skipped, never built.
        match serde_json::from_slice::<Top>(bytes) {
            Ok(Top::Object { format, version }) => {
                if let Err(e) =
                    check_header(&format.unwrap_or(serde_json::Value::Null), version.as_ref())
                {
                    return e;
                }
            }
            Ok(Top::Other(found)) => {
                return ParseError::NotAMap {
                    found: found.into(),
                };
            }
            Err(_) => {}
        }
    }
    // serde_json says column 0 for "before the first character of the line".
    let (line, column) = (inner.line(), inner.column().max(1));
    let message = if misplaced {
        "invalid type: expected a string".to_string()
    } else {
        strip_position(&inner.to_string())
    };
    if misplaced || matches!(category, serde_json::error::Category::Data) {
        let path = cut_middle(&err.path().to_string());
        ParseError::Field {
            // An unknown key "" at the top level has an empty path.
            path: if path == "." || path.is_empty() {
                "(top level)".into()
            } else {
                path
            },
            message,
            line,
            column,
        }
    } else {
        ParseError::Syntax {
            line,
            column,
            message,
        }
    }
}

/// What the top level of a file is: an object's `format` and `version` (the
/// other keys skipped unbuilt), or the kind of JSON value it is instead.
enum Top {
    Object {
        format: Option<serde_json::Value>,
        version: Option<serde_json::Value>,
    },
    Other(&'static str),
}

impl<'de> Deserialize<'de> for Top {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::{IgnoredAny, MapAccess, SeqAccess, Visitor};
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Top;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("any JSON value")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Top, A::Error> {
                let (mut format, mut version) = (None, None);
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    // A repeated key: the last one counts, as in serde_json's Value.
                    match key.as_ref() {
                        "format" => format = Some(map.next_value()?),
                        "version" => version = Some(map.next_value()?),
                        _ => {
                            map.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(Top::Object { format, version })
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Top, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Top::Other("an array"))
            }
            fn visit_unit<E>(self) -> Result<Top, E> {
                Ok(Top::Other("null"))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Top, E> {
                Ok(Top::Other("a boolean"))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Top, E> {
                Ok(Top::Other("a number"))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Top, E> {
                Ok(Top::Other("a number"))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Top, E> {
                Ok(Top::Other("a number"))
            }
            fn visit_str<E>(self, _: &str) -> Result<Top, E> {
                Ok(Top::Other("a string"))
            }
        }
        deserializer.deserialize_any(V)
    }
}

fn check_header(
    format: &serde_json::Value,
    version: Option<&serde_json::Value>,
) -> Result<(), ParseError> {
    if format.as_str() != Some(FORMAT_NAME) {
        return Err(ParseError::NotAMap {
            found: cut_middle(&format.to_string()),
        });
    }
    match version.and_then(serde_json::Value::as_u64) {
        Some(v) if v > CURRENT_VERSION => Err(ParseError::NewerVersion { version: v }),
        Some(v) if v >= 1 => Ok(()),
        _ => Err(ParseError::BadVersion {
            found: version.map_or_else(|| "nothing".into(), |v| cut_middle(&v.to_string())),
        }),
    }
}

/// serde_json appends " at line L column C" to its messages; we report the
/// position in our own words.
/// Messages quoting file content (an unknown variant or field, a bad colour)
/// are cut in the middle when long, keeping what was expected at the end.
fn strip_position(message: &str) -> String {
    let message = match message.rfind(" at line ") {
        Some(i) => &message[..i],
        None => message,
    };
    cut_middle(message)
}

/// Long text from the file (a huge unknown key in a path, a huge value in a
/// message) cut in the middle, keeping both ends.
fn cut_middle(message: &str) -> String {
    let keep = MAX_QUOTED_CHARS;
    let chars = message.chars().count();
    if chars <= 3 * keep {
        return message.to_string();
    }
    let head: String = message.chars().take(keep).collect();
    let tail: String = message.chars().skip(chars - keep).collect();
    format!(
        "{head} … ({} characters left out) … {tail}",
        chars - 2 * keep
    )
}

/// The canonical file content of a map (see the module docs).
pub fn to_canonical_json(map: &Map) -> String {
    let mut teams: Vec<&Team> = map.teams.iter().collect();
    teams.sort_by(|a, b| a.id.cmp(&b.id));
    let mut services: Vec<&Service> = map.services.iter().collect();
    services.sort_by(|a, b| a.id.cmp(&b.id));
    let mut links: Vec<&Link> = map.links.iter().collect();
    links.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let mut streams: Vec<&Stream> = map.streams.iter().collect();
    streams.sort_by(|a, b| a.id.cmp(&b.id));
    let mut allow: Vec<&Allow> = map.allow.iter().collect();
    allow.sort_by(|a, b| (&a.rule, &a.subject, &a.reason).cmp(&(&b.rule, &b.subject, &b.reason)));
    let file = FileV1Out {
        schema: &map.schema,
        format: FORMAT_NAME,
        version: version_of(map),
        name: &map.name,
        description: &map.description,
        reviewed: map.reviewed.map(|d| d.to_string()),
        teams,
        services,
        links,
        streams,
        settings: &map.settings,
        allow,
    };
    // Serialising plain structs of strings, integers and finite floats into a
    // String cannot fail (no I/O, no non-string map keys).
    let mut out = match serde_json::to_string_pretty(&file) {
        Ok(s) => s,
        Err(e) => unreachable!("serialising a map cannot fail: {e}"),
    };
    out.push('\n');
    out
}
