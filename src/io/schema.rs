//! The JSON Schema of the file format, printed by `vsmap schema`, so that
//! editors complete and check `*.vsmap.json` files as they are typed.
//!
//! It is derived from the types the loader reads (the file's own struct and
//! the model's elements), not written by hand, so a field added to the
//! format is in the schema the moment it can be loaded. What the types alone
//! cannot say is added here: which rule ids an `allow` entry may name (the
//! registry lives in `analysis`, which the model does not know).
//!
//! The schema is draft-07, the newest draft that VS Code, the JetBrains IDEs
//! and the YAML language server all check in full.
//!
//! The schema describes the shape of one file. References between elements
//! (a link's ends exist, ids are unique) are beyond JSON Schema and are
//! checked by the loader, which names the place.

use schemars::generate::SchemaSettings;

use super::format::FileV1;
use crate::analysis::rules::ALL;

/// The schema as pretty-printed JSON with a trailing newline; the same bytes
/// on every run (object keys sorted), so a checked-in copy diffs cleanly.
pub fn json_schema() -> String {
    let generator = SchemaSettings::draft07().into_generator();
    let schema = generator.into_root_schema_for::<FileV1>();
    let mut value = schema.to_value();
    if let Some(rule) = value.pointer_mut("/definitions/Allow/properties/rule") {
        let mut ids: Vec<&str> = ALL.iter().map(|r| r.id).collect();
        ids.sort_unstable();
        rule["enum"] = serde_json::Value::from(ids);
    }
    // A `serde_json::Value` of strings, numbers and objects always
    // serialises (its keys are strings).
    let mut out = match serde_json::to_string_pretty(&value) {
        Ok(s) => s,
        Err(e) => unreachable!("serialising a JSON value cannot fail: {e}"),
    };
    out.push('\n');
    out
}
