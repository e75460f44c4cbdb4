//! One-line summaries of a diff: the [`verdict`] on findings and the
//! [`change_summary`] counting what changed. Both human renderings open
//! with them.

use std::fmt::Write as _;

use crate::analysis::plural;
use crate::diff::model::{EntityDiff, MapDiff};

/// One line: findings resolved and introduced, then the counts by severity
/// before and after, e.g. "7 findings resolved, 1 introduced; errors 4 -> 0,
/// warnings 9 -> 2, info 3 -> 3".
pub fn verdict(diff: &MapDiff) -> String {
    verdict_with(diff, "->")
}

/// [`verdict`] with `arrow` between the counts before and after.
pub(super) fn verdict_with(diff: &MapDiff, arrow: &str) -> String {
    let (before, after) = diff.severity_counts();
    let mut s = format!(
        "{} resolved, {} introduced; errors {} {arrow} {}, warnings {} {arrow} {}, info {} {arrow} {}",
        plural(diff.findings.resolved().len(), "finding"),
        diff.findings.introduced().len(),
        before[0],
        after[0],
        before[1],
        after[1],
        before[2],
        after[2],
    );
    let (newly, no_longer) = allow_shifts(diff);
    if newly > 0 {
        let _ = write!(s, "; {newly} accepted by a new allow entry");
    }
    if no_longer > 0 {
        let _ = write!(s, "; {no_longer} no longer allowed");
    }
    s
}

/// Remaining findings that became allowed, and ones that stopped being allowed.
fn allow_shifts(diff: &MapDiff) -> (usize, usize) {
    let f = &diff.findings;
    let pairs = || f.remaining_before().into_iter().zip(f.remaining());
    (
        pairs().filter(|(b, a)| !b.allowed && a.allowed).count(),
        pairs().filter(|(b, a)| b.allowed && !a.allowed).count(),
    )
}

/// One line counting the changes, e.g. "1 service added, 1 removed, 4
/// changed; 3 ownership moves; 9 links added, 8 removed, 11 changed kind".
pub fn change_summary(diff: &MapDiff) -> String {
    let mut parts = Vec::new();
    if !diff.map_changes().is_empty() {
        parts.push(format!(
            "{} changed",
            plural(diff.map_changes().len(), "map field")
        ));
    }
    for part in [
        counted("team", &diff.teams),
        counted("service", &diff.services),
        counted("stream", &diff.streams),
    ] {
        if !part.is_empty() {
            parts.push(part);
        }
    }
    let moves = diff.owner_moves().len();
    if moves > 0 {
        parts.push(plural(moves, "ownership move"));
    }
    let kinds = diff.links.kind_changes().len();
    let mut links = Vec::new();
    for (n, verb) in [
        (diff.links.only_added().len(), "added"),
        (diff.links.only_removed().len(), "removed"),
        (kinds, "changed kind"),
        (diff.links.relabeled.len(), "relabelled"),
    ] {
        if n > 0 {
            if links.is_empty() {
                links.push(format!("{} {verb}", plural(n, "link")));
            } else {
                links.push(format!("{n} {verb}"));
            }
        }
    }
    if !links.is_empty() {
        parts.push(links.join(", "));
    }
    if parts.is_empty() {
        "No architectural change.".to_string()
    } else {
        parts.join("; ")
    }
}

/// "1 service added, 1 removed, 4 changed" (parts that are zero left out).
fn counted<T>(what: &str, diff: &EntityDiff<T>) -> String {
    let mut bits = Vec::new();
    for (n, verb) in [
        (diff.added.len(), "added"),
        (diff.removed.len(), "removed"),
        (diff.changed.len(), "changed"),
    ] {
        if n > 0 {
            if bits.is_empty() {
                bits.push(format!("{} {verb}", plural(n, what)));
            } else {
                bits.push(format!("{n} {verb}"));
            }
        }
    }
    bits.join(", ")
}
