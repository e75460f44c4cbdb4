//! Merging one element field by field: each field of the JSON the file
//! writes is taken from the side that changed it.

use serde_json::{Map as Object, Value};

use super::conflict::Conflict;

/// The three-way merge of one value: the side that changed it from
/// `base`, or either when both changed it alike; `None` when both changed
/// it differently.
pub(super) fn pick<'v>(base: &Value, ours: &'v Value, theirs: &'v Value) -> Option<&'v Value> {
    if ours == theirs || theirs == base {
        Some(ours)
    } else if ours == base {
        Some(theirs)
    } else {
        None
    }
}

/// Merges two objects against their base (`Null` where an element did not
/// exist), field by field, except the fields in `skip`; conflicts keep
/// ours and are reported at `place.field`.
pub(super) fn merge_object(
    place: &str,
    base: &Value,
    ours: &Value,
    theirs: &Value,
    skip: &[&str],
    conflicts: &mut Vec<Conflict>,
) -> Value {
    let empty = Object::new();
    let object = |v: &Value| v.as_object().cloned().unwrap_or_else(|| empty.clone());
    let (b, o, t) = (object(base), object(ours), object(theirs));
    let mut keys: Vec<&String> = b.keys().chain(o.keys()).chain(t.keys()).collect();
    keys.sort();
    keys.dedup();
    let mut out = Object::new();
    for key in keys {
        let get = |m: &Object<String, Value>| m.get(key).cloned().unwrap_or(Value::Null);
        let (bv, ov, tv) = (get(&b), get(&o), get(&t));
        let value = if skip.contains(&key.as_str()) {
            ov
        } else {
            match pick(&bv, &ov, &tv) {
                Some(v) => v.clone(),
                None => {
                    conflicts.push(Conflict {
                        place: format!("{place}.{key}"),
                        ours: ov.clone(),
                        theirs: tv,
                    });
                    ov
                }
            }
        };
        if !value.is_null() {
            out.insert(key.clone(), value);
        }
    }
    Value::Object(out)
}
