//! Merging a list of elements by identity (teams, services and streams by
//! id, links by their ends and kind, allow entries by rule and subject):
//! added on one side, added; deleted on one side and untouched on the
//! other, deleted; changed on both, merged field by field.

use std::collections::HashMap;

use serde_json::Value;

use super::conflict::Conflict;
use super::fields::merge_object;

/// A merge of an element's fields that are more than a value: the place,
/// base, ours and theirs, into the merged element, reporting conflicts.
pub(super) type SpecialMerge = dyn Fn(&str, &Value, &Value, &Value, &mut Value, &mut Vec<Conflict>);

/// How a list's elements merge: their key, the fields taken from ours
/// whatever happens (the key's own), and a merge of their own for fields
/// that are more than a value (a stream's steps).
pub(super) struct ListMerge<'f> {
    /// The list's name in the file: `services`.
    pub what: &'static str,
    /// The element's identity.
    pub key: &'f dyn Fn(&Value) -> String,
    /// Fields merged by `special` rather than as values.
    pub skip: &'f [&'f str],
    /// Merges the skipped fields of an element both sides kept into `merged`.
    pub special: &'f SpecialMerge,
}

impl ListMerge<'_> {
    /// The merged list: ours' elements in their order, then theirs' additions.
    pub(super) fn merge(
        &self,
        base: &[Value],
        ours: &[Value],
        theirs: &[Value],
        conflicts: &mut Vec<Conflict>,
    ) -> Vec<Value> {
        let index = |list: &[Value]| -> HashMap<String, Value> {
            list.iter().map(|v| ((self.key)(v), v.clone())).collect()
        };
        let (b, o, t) = (index(base), index(ours), index(theirs));
        let mut keys: Vec<String> = ours.iter().map(|v| (self.key)(v)).collect();
        keys.extend(
            theirs
                .iter()
                .map(|v| (self.key)(v))
                .filter(|k| !o.contains_key(k)),
        );
        keys.extend(
            base.iter()
                .map(|v| (self.key)(v))
                .filter(|k| !o.contains_key(k) && !t.contains_key(k)),
        );
        let mut out = Vec::new();
        for key in keys {
            let place = format!("{}[{key}]", self.what);
            match (b.get(&key), o.get(&key), t.get(&key)) {
                (_, Some(ov), Some(tv)) => {
                    let bv = b.get(&key).cloned().unwrap_or(Value::Null);
                    let mut merged = merge_object(&place, &bv, ov, tv, self.skip, conflicts);
                    if !self.skip.is_empty() {
                        (self.special)(&place, &bv, ov, tv, &mut merged, conflicts);
                    }
                    out.push(merged);
                }
                // Deleted by theirs: gone unless ours changed it.
                (Some(bv), Some(ov), None) => {
                    if ov != bv {
                        conflicts.push(Conflict {
                            place,
                            ours: ov.clone(),
                            theirs: Value::Null,
                        });
                        out.push(ov.clone());
                    }
                }
                // Deleted by ours: stays deleted; a conflict if theirs changed it.
                (Some(bv), None, Some(tv)) => {
                    if tv != bv {
                        conflicts.push(Conflict {
                            place,
                            ours: Value::Null,
                            theirs: tv.clone(),
                        });
                    }
                }
                (None, Some(ov), None) => out.push(ov.clone()),
                (None, None, Some(tv)) => out.push(tv.clone()),
                (_, None, None) => {}
            }
        }
        out
    }
}
