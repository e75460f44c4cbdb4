//! Drafting a proposal: the map with a fix applied for each finding, in
//! rounds, as `vsmap fix` and File ▸ Draft proposal from fixes do it.
//!
//! Each round analyses the map once and applies the first fix of every
//! chosen finding, computed on the map as the round has changed it so far.
//! A finding whose subjects an earlier fix of the round touched waits for
//! the next round's analysis (it may be gone, or different), and a finding
//! is fixed at most once, so the draft ends. Fixes that delete what the
//! user wrote are applied only when asked for by rule or finding, and fixes
//! that ask the user to type are never applied. The proposal is named
//! after the map ([`proposal_name`]).

use std::collections::{BTreeSet, HashSet};

use jiff::civil::Date;

use super::registry::{fixes_for, only_deletes};
use crate::analysis::analyze_on;
use crate::edit::{Edit, apply_all};
use crate::model::{Id, Map};

/// Rounds of analysis and fixing at most: a fix rarely makes a finding
/// that another round can fix, and each round costs an analysis.
const MAX_ROUNDS: usize = 8;

/// What to fix.
#[derive(Debug, Clone)]
pub struct DraftOptions {
    /// The day the analysis (and a review fix) takes as today.
    pub today: Date,
    /// Fix findings of these rules; with `findings`, both are fixed.
    /// Both empty: every finding with a fix.
    pub rules: BTreeSet<String>,
    /// Fix these findings, as `rule:subject` (the primary subject's id;
    /// `rule` alone for a finding without subjects).
    pub findings: BTreeSet<String>,
}

/// A fix applied to the draft.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    /// The rule of the finding it was for.
    pub rule: &'static str,
    /// The finding's subjects.
    pub subjects: Vec<Id>,
    /// What it did.
    pub title: String,
    /// What it deleted of what the user wrote.
    pub removes: Vec<String>,
}

/// The finding's name on the command line: `rule:subject`, or `rule`.
pub fn finding_name(rule: &str, subjects: &[Id]) -> String {
    match subjects.first() {
        Some(id) => format!("{rule}:{id}"),
        None => rule.to_string(),
    }
}

/// The proposal drafted from `map`, and the fixes applied, in order.
pub fn draft_proposal(map: &Map, options: &DraftOptions) -> (Map, Vec<Applied>) {
    let everything = options.rules.is_empty() && options.findings.is_empty();
    let mut draft = map.clone();
    draft.name = proposal_name(&map.name);
    let mut applied = Vec::new();
    let mut tried: HashSet<(&'static str, Vec<Id>)> = HashSet::new();
    for _ in 0..MAX_ROUNDS {
        let findings = analyze_on(&draft, options.today);
        let mut touched: HashSet<Id> = HashSet::new();
        let mut changed = false;
        for finding in findings.iter().filter(|f| !f.allowed) {
            let named = options.rules.contains(finding.rule)
                || (options.findings).contains(&finding_name(finding.rule, &finding.subjects));
            if !(everything || named) {
                continue;
            }
            if (!named && only_deletes(finding.rule))
                || finding.subjects.iter().any(|s| touched.contains(s))
            {
                continue;
            }
            if !tried.insert((finding.rule, finding.subjects.clone())) {
                continue;
            }
            let fixes = fixes_for(&draft, finding, options.today);
            let Some(fix) = fixes
                .into_iter()
                .find(|fix| fix.changes_map() && (fix.removes.is_empty() || named))
            else {
                continue;
            };
            let ids = touched_ids(&fix.edits);
            // A fix is made for the map as it is, so it applies; should it
            // not, the draft goes on without it.
            if apply_all(&mut draft, fix.edits).is_err() {
                continue;
            }
            touched.extend(ids);
            touched.extend(finding.subjects.iter().cloned());
            changed = true;
            applied.push(Applied {
                rule: finding.rule,
                subjects: finding.subjects.clone(),
                title: fix.title,
                removes: fix.removes,
            });
        }
        if !changed {
            break;
        }
    }
    (draft, applied)
}

/// The name of a proposal drafted from a map named `name`: "Onboarding,
/// current state" gives "Onboarding, proposed"; other names get
/// "(proposed)" after them.
pub fn proposal_name(name: &str) -> String {
    let name = name.trim();
    if name.is_empty() {
        return "Proposed map".into();
    }
    let lower = name.to_lowercase();
    for current in ["current state", "current", "as-is", "as is", "today"] {
        if lower.ends_with(current) && name.is_char_boundary(name.len() - current.len()) {
            let stem = &name[..name.len() - current.len()];
            if stem.is_empty() {
                return "Proposed".into();
            }
            return format!("{stem}proposed");
        }
    }
    format!("{name} (proposed)")
}

/// The teams, services and streams the edits touch.
fn touched_ids(edits: &[Edit]) -> Vec<Id> {
    let mut ids = Vec::new();
    for edit in edits {
        match edit {
            Edit::InsertTeam(_, team) => ids.push(team.id.clone()),
            Edit::RemoveTeam(id)
            | Edit::SetTeam(id, _)
            | Edit::RemoveService(id)
            | Edit::SetService(id, _)
            | Edit::RemoveStream(id)
            | Edit::SetStream(id, _)
            | Edit::RemoveStep(id, _)
            | Edit::MoveStep(id, _, _)
            | Edit::SetStepStage(id, _, _)
            | Edit::SetStepTimes(id, _, _) => ids.push(id.clone()),
            Edit::InsertService(_, service) => ids.push(service.id.clone()),
            Edit::InsertLink(_, link) => ids.extend([link.from.clone(), link.to.clone()]),
            Edit::RemoveLink(from, to, _) | Edit::SetLinkLabel(from, to, _, _) => {
                ids.extend([from.clone(), to.clone()]);
            }
            Edit::InsertStream(_, stream) => ids.push(stream.id.clone()),
            Edit::InsertStep(stream, _, step) => {
                ids.extend([stream.clone(), step.service.clone()]);
            }
            Edit::InsertAllow(..) | Edit::RemoveAllow(_) | Edit::SetMap(_) => {}
        }
    }
    ids
}
