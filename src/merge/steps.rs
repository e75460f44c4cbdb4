//! Merging a stream's steps as a sequence: steps removed on either side go,
//! steps either side inserted come in where that side put them (after the
//! same step), and each step's stage and times merge field by field. Both
//! sides reordering the same steps differently, or inserting at the same
//! place, is a conflict that keeps ours.

use std::collections::HashSet;

use serde_json::Value;

use super::conflict::Conflict;
use super::fields::merge_object;

/// The service a step (as the file writes it) is on.
fn service_of(step: &Value) -> String {
    step.get("service")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// The merged `steps` of one stream both sides kept, into `merged`.
pub(super) fn merge_steps(
    place: &str,
    base: &Value,
    ours: &Value,
    theirs: &Value,
    merged: &mut Value,
    conflicts: &mut Vec<Conflict>,
) {
    let list = |v: &Value| -> Vec<Value> {
        v.get("steps")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let (b, o, t) = (list(base), list(ours), list(theirs));
    let ids = |steps: &[Value]| -> Vec<String> { steps.iter().map(service_of).collect() };
    let (bi, oi, ti) = (ids(&b), ids(&o), ids(&t));
    let place = format!("{place}.steps");
    let order = if oi == bi {
        ti.clone()
    } else if ti == bi || oi == ti {
        oi.clone()
    } else {
        sequence(&bi, &oi, &ti).unwrap_or_else(|| {
            conflicts.push(Conflict {
                place: place.clone(),
                ours: Value::from(oi.clone()),
                theirs: Value::from(ti.clone()),
            });
            oi.clone()
        })
    };
    let find = |steps: &[Value], id: &str| -> Value {
        steps
            .iter()
            .find(|s| service_of(s) == id)
            .cloned()
            .unwrap_or(Value::Null)
    };
    let steps: Vec<Value> = order
        .iter()
        .map(|id| {
            let (bs, os, ts) = (find(&b, id), find(&o, id), find(&t, id));
            let (os, ts) = match (os.is_null(), ts.is_null()) {
                // A step one side added has nothing to merge with.
                (true, _) => (ts.clone(), ts),
                (_, true) => (os.clone(), os),
                _ => (os, ts),
            };
            merge_object(&format!("{place}[{id}]"), &bs, &os, &ts, &[], conflicts)
        })
        .collect();
    if let Some(object) = merged.as_object_mut() {
        object.insert("steps".into(), Value::from(steps));
    }
}

/// Both sides' changes to a sequence, or `None` when they clash: removals
/// from either side; insertions placed after the step before them on the
/// side that made them; the order of the steps both kept as the side that
/// reordered them has it. Both sides inserting different steps after the
/// same step, or both reordering, clash.
fn sequence(base: &[String], ours: &[String], theirs: &[String]) -> Option<Vec<String>> {
    let set = |v: &[String]| -> HashSet<String> { v.iter().cloned().collect() };
    let (b, o, t) = (set(base), set(ours), set(theirs));
    let in_all = |s: &String| b.contains(s) && o.contains(s) && t.contains(s);
    let kept =
        |side: &[String]| -> Vec<String> { side.iter().filter(|s| in_all(s)).cloned().collect() };
    let (kb, ko, kt) = (kept(base), kept(ours), kept(theirs));
    let spine = if ko == kb {
        kt
    } else if kt == kb || ko == kt {
        ko
    } else {
        return None;
    };
    // Each side's insertions, with the step both kept that comes before them.
    let insertions = |side: &[String]| -> Vec<(Option<String>, String)> {
        let mut anchor = None;
        let mut out = Vec::new();
        for id in side {
            if in_all(id) {
                anchor = Some(id.clone());
            } else if !b.contains(id) {
                out.push((anchor.clone(), id.clone()));
            }
        }
        out
    };
    let (io, it) = (insertions(ours), insertions(theirs));
    for (anchor, id) in &it {
        if io.iter().any(|(a, other)| a == anchor && other != id) {
            return None;
        }
    }
    let mut out = spine;
    for (side, list) in [(ours, &io), (theirs, &it)] {
        for (_, id) in list.iter() {
            if out.contains(id) {
                continue;
            }
            // After the nearest step before it (on its side) that is placed.
            let end = side.iter().position(|s| s == id).unwrap_or(side.len());
            let before = side[..end].iter().rev().find(|s| out.contains(*s));
            let at = before
                .and_then(|a| out.iter().position(|x| x == a))
                .map_or(0, |i| i + 1);
            out.insert(at, id.clone());
        }
    }
    Some(out)
}
