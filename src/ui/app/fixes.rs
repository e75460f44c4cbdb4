//! Fixes in the editor: previewing the fix under the pointer in a Fix menu,
//! applying one as a single undoable step, and File ▸ Draft proposal from
//! fixes, which opens the proposal in the compare view against the map it
//! was drafted from.

use std::collections::{BTreeMap, BTreeSet};

use crate::edit::Edit;
use crate::fix::{Fix, draft_proposal, fixes_for, preview, writes_edits};
use crate::model::Map;
use crate::ui::state::{
    AfterPrompt, Document, DraftDialog, FixPreview, FixRef, Ghost, GhostLink, ReportDialog,
    Selection,
};

use super::VsmapApp;

impl VsmapApp {
    /// The fix a [`FixRef`] names, worked out on the open map as it is.
    fn fix_of(&self, fix: &FixRef) -> Option<Fix> {
        let doc = &self.state.doc;
        let finding = doc.finding(&fix.finding)?;
        fixes_for(doc.map(), finding, doc.today())
            .into_iter()
            .nth(fix.index)
    }

    /// Previews the fix under the pointer (once per fix and revision), or
    /// drops the preview.
    pub(super) fn preview_fix(&mut self, fix: Option<FixRef>) {
        let Some(fix) = fix else {
            self.state.fix_preview = None;
            return;
        };
        let revision = self.state.doc.revision();
        if self
            .state
            .fix_preview
            .as_ref()
            .is_some_and(|p| p.fix == fix && p.revision == revision)
        {
            return;
        }
        let Some(found) = self.fix_of(&fix) else {
            self.state.fix_preview = None;
            return;
        };
        let doc = &self.state.doc;
        let (delta, ghost) = match preview(doc.map(), doc.findings(), &found, doc.today()) {
            Ok((after, delta)) => {
                let mut ghost = ghost_of(doc.map(), &after, &found.edits);
                ghost.summary = format!("If applied, it {delta}");
                (Ok(delta), ghost)
            }
            Err(e) => (
                Err(e.to_string()),
                Ghost {
                    summary: format!("It cannot be applied: {e}"),
                    ..Ghost::default()
                },
            ),
        };
        self.state.fix_preview = Some(FixPreview {
            fix,
            revision,
            delta,
            ghost,
        });
    }

    /// Applies a fix as one undoable step, selecting what it added; a fix
    /// that asks for text selects its stream and focuses the field.
    pub(super) fn apply_fix(&mut self, fix: FixRef) {
        self.state.fix_preview = None;
        let Some(found) = self.fix_of(&fix) else {
            self.state.status = "That fix no longer applies: the map changed since".into();
            return;
        };
        if let Some(field) = found.field {
            let stream = match &field {
                crate::fix::FixField::StreamDescription(id)
                | crate::fix::FixField::StreamCustomer(id) => id.clone(),
            };
            self.state.selection = Selection::Stream(stream);
            self.state.panels.inspector = true;
            self.state.field_to_type = Some(field);
            self.state.status = found.title;
            return;
        }
        let added: Vec<_> = found
            .edits
            .iter()
            .filter_map(|e| match e {
                Edit::InsertService(_, s) => Some(s.id.clone()),
                _ => None,
            })
            .collect();
        let select = (!added.is_empty()).then(|| Selection::of_services(added));
        let label = format!("Fix: {}", found.title);
        self.apply_edit(&label, found.edits, select);
    }

    /// Opens File ▸ Draft proposal from fixes with every rule whose
    /// findings have a fix chosen.
    pub(super) fn open_draft_dialog(&mut self) {
        let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
        for f in self.state.doc.findings().iter().filter(|f| !f.allowed) {
            if writes_edits(f.rule) {
                *counts.entry(f.rule).or_default() += 1;
            }
        }
        if counts.is_empty() {
            self.state.status = "No finding of this map has a fix".into();
            return;
        }
        self.state.dialogs.draft = Some(DraftDialog {
            rules: counts
                .into_iter()
                .map(|(rule, n)| (rule, n, rule != "orphan-service"))
                .collect(),
        });
    }

    /// Chooses or leaves out a rule in the draft dialog.
    pub(super) fn choose_draft_rule(&mut self, rule: &str, chosen: bool) {
        if let Some(dialog) = &mut self.state.dialogs.draft {
            for entry in &mut dialog.rules {
                if entry.0 == rule {
                    entry.2 = chosen;
                }
            }
        }
    }

    /// Drafts the proposal from the chosen rules once unsaved changes are
    /// dealt with (the open map becomes the read-only side of the compare).
    pub(super) fn draft_chosen(&mut self) {
        let Some(dialog) = self.state.dialogs.draft.take() else {
            return;
        };
        let rules = dialog.chosen();
        if rules.is_empty() {
            self.state.status = "Choose at least one rule to fix".into();
            self.state.dialogs.draft = Some(dialog);
            return;
        }
        self.guard_unsaved(AfterPrompt::DraftProposal(rules));
    }

    /// Drafts the proposal: a new unsaved document compared with the open
    /// map, which stays as it is (read-only, with its file).
    pub(super) fn draft_proposal_now(&mut self, rules: BTreeSet<String>) {
        let doc = &self.state.doc;
        let today = doc.today();
        let before = doc.map().clone();
        let path = doc.path.clone();
        let options = crate::fix::DraftOptions {
            today,
            rules,
            findings: BTreeSet::new(),
        };
        let (proposal, applied) = draft_proposal(&before, &options);
        if applied.is_empty() {
            self.state.status = "No fix applied: the chosen findings have none that apply".into();
            return;
        }
        let findings = crate::analysis::analyze_on(&proposal, today);
        let delta = crate::fix::delta_of(doc.findings(), &findings, &proposal);
        let mut proposed = Document::new(proposal, None);
        proposed.history.mark_unsaved();
        self.replace_document(proposed);
        self.compare_with_map(before, path);
        let summary = format!(
            "Drafted a proposal with {}: {delta}",
            if applied.len() == 1 {
                "1 fix".to_string()
            } else {
                format!("{} fixes", applied.len())
            }
        );
        let mut text = String::new();
        for fix in &applied {
            text.push_str(&format!(
                "{}: {}\n",
                crate::fix::finding_name(fix.rule, &fix.subjects),
                fix.title
            ));
        }
        self.state.status = summary.clone();
        self.state.dialogs.import.report = Some(ReportDialog {
            title: "Drafted a proposal from fixes".into(),
            summary: format!(
                "{summary}. The map of today is on the Before side; each change can be taken back with ↶ in the changes panel."
            ),
            text,
            new_map: true,
        });
    }
}

/// What the canvas draws for a fix: the services it adds, the links it
/// adds and removes, and the services it changes otherwise.
fn ghost_of(before: &Map, after: &Map, edits: &[Edit]) -> Ghost {
    let positions = |map: &Map| -> std::collections::HashMap<crate::model::Id, (f64, f64)> {
        map.services
            .iter()
            .map(|s| s.id.clone())
            .zip(map.display_positions())
            .collect()
    };
    let (before_at, after_at) = (positions(before), positions(after));
    let was = |id: &crate::model::Id| before_at.get(id).copied();
    let is = |id: &crate::model::Id| after_at.get(id).copied();
    let mut ghost = Ghost::default();
    for edit in edits {
        match edit {
            Edit::InsertService(_, s) => {
                if let Some(p) = is(&s.id) {
                    ghost.services.push((s.name.clone(), s.kind, p));
                }
            }
            Edit::InsertLink(_, l) => {
                if let (Some(a), Some(b)) = (is(&l.from), is(&l.to)) {
                    ghost.added_links.push(GhostLink {
                        ends: (a, b),
                        kind: l.kind,
                        services: (l.from.clone(), l.to.clone()),
                    });
                }
            }
            Edit::RemoveLink(from, to, kind) => {
                if let (Some(a), Some(b)) = (was(from), was(to)) {
                    ghost.removed_links.push(GhostLink {
                        ends: (a, b),
                        kind: *kind,
                        services: (from.clone(), to.clone()),
                    });
                }
            }
            Edit::SetService(id, _) => {
                ghost.changed.insert(id.clone());
            }
            Edit::InsertStep(_, _, step) => {
                ghost.changed.insert(step.service.clone());
            }
            _ => {}
        }
    }
    ghost
}
