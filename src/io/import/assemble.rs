//! What every importer shares in making its map: text from the source cut
//! to a sane length, links merged by identity, and the final check that
//! turns a built map and its report into an [`Imported`].

use std::collections::{BTreeMap, BTreeSet};

use super::error::ImportError;
use super::report::{ImportReport, Imported};
use crate::model::{Id, Link, LinkKind, Map};

/// Longest name kept from the source; longer ones are cut (a hostile file
/// must not make the map unwieldy).
const MAX_NAME_CHARS: usize = 200;
/// Longest description kept from the source.
const MAX_DESCRIPTION_CHARS: usize = 2_000;

/// Cuts text to `max` characters, marking the cut.
fn clip(text: &str, max: usize) -> String {
    let text = text.trim();
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// A display name from the source, cut to a sane length.
pub(super) fn clip_name(text: &str) -> String {
    clip(text, MAX_NAME_CHARS)
}

/// A description from the source, cut to a sane length.
pub(super) fn clip_description(text: &str) -> String {
    clip(text, MAX_DESCRIPTION_CHARS)
}

/// Links found so far, by identity, with the labels that named them.
pub(super) type LinkSet = BTreeMap<(Id, Id, LinkKind), BTreeSet<String>>;

/// Records a link with its label (if any); a link from a service to itself
/// is left out.
pub(super) fn add_link(links: &mut LinkSet, from: &Id, to: &Id, kind: LinkKind, label: String) {
    if from == to {
        // A component that consumes its own API, or depends on itself.
        return;
    }
    let labels = links.entry((from.clone(), to.clone(), kind)).or_default();
    if !label.is_empty() {
        labels.insert(label);
    }
}

/// The map's links, in identity order, each with its labels joined by "; "
/// (a label may itself hold a comma: "Gets account information from, and
/// makes payments using").
pub(super) fn into_links(links: LinkSet) -> Vec<Link> {
    links
        .into_iter()
        .map(|((from, to, kind), labels)| Link {
            from,
            to,
            kind,
            label: labels.into_iter().collect::<Vec<_>>().join("; "),
        })
        .collect()
}

/// Checks the map an importer built, puts it in canonical order and fills
/// the report's counts from it.
pub(super) fn finish(mut map: Map, mut report: ImportReport) -> Result<Imported, ImportError> {
    map.canonicalize();
    let problems = crate::model::validate(&map, crate::analysis::is_rule_id);
    if !problems.is_empty() {
        return Err(ImportError::Invalid(problems));
    }
    map.share_ids();
    report.teams = map.teams.len();
    report.services = map.services.len();
    report.links = map.links.len();
    report.streams = map.streams.len();
    report.positioned = map
        .services
        .iter()
        .filter(|s| s.x.is_some() && s.y.is_some())
        .count();
    for s in &mut report.skipped {
        s.entities.sort();
        s.entities.dedup();
    }
    report.skipped.sort();
    report.issues.sort();
    report.issues.dedup();
    report.duplicates.sort();
    Ok(Imported { map, report })
}
