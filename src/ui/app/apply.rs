//! Applying one action: the dispatch, and the actions about the selection,
//! edits, panels and the presentation. Commands, dialog answers and files
//! have files of their own.

use crate::model::Id;
use crate::ui::state::{Action, FindingKey, PresentStep, Selection, Side, Slide};

use super::VsmapApp;

/// Most characters of an action's label ("Rename … to …") kept for the Edit
/// menu and the status bar: labels quote names of up to 1,000 characters.
const MAX_ACTION_LABEL_CHARS: usize = 120;

impl VsmapApp {
    /// Applies one action now. The frame applies what the views returned;
    /// tests and benchmarks call this to act as a user would.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Command(command) => self.apply_command(command),
            Action::Edit {
                label,
                edits,
                select,
            } => self.apply_edit(&label, edits, select),
            Action::Select(selection) => {
                // Selecting a stream brings the whole stream into view.
                if let Selection::Stream(id) = &selection
                    && let Some(stream) = self.state.doc.map().stream(id.as_str())
                {
                    let steps: Vec<Id> = stream.steps.iter().map(|s| s.service.clone()).collect();
                    self.canvas.reveal(self.state.doc.map(), &steps);
                }
                self.state.selection = selection;
                self.state.expanded_finding = None;
                if let Some(c) = &mut self.state.compare {
                    c.focused = None;
                }
            }
            Action::ToggleService(id) => {
                let mut ids = self.state.selection.services().to_vec();
                if let Some(i) = ids.iter().position(|s| s == &id) {
                    ids.remove(i);
                } else {
                    ids.push(id);
                }
                self.state.selection = Selection::of_services(ids);
                self.state.expanded_finding = None;
            }
            Action::FocusFinding(key) => self.focus_finding(key),
            Action::FocusChange {
                change,
                text,
                services,
                removal,
            } => self.focus_change(change, text, services, removal),
            Action::HoverFinding(key) => self.state.hovered_finding = key,
            Action::SelectOwnedBy(team) => {
                let ids: Vec<Id> = self
                    .state
                    .doc
                    .map()
                    .services
                    .iter()
                    .filter(|s| s.owner.as_ref() == Some(&team))
                    .map(|s| s.id.clone())
                    .collect();
                self.state.status = format!("Selected {} services", ids.len());
                self.state.selection = Selection::of_services(ids);
            }
            Action::AddServiceAt(x, y) => self.add_service_at(x, y),
            Action::Reveal(ids) => self.canvas.reveal(self.state.doc.map(), &ids),
            Action::OpenPath(path) => {
                self.guard_unsaved(crate::ui::state::AfterPrompt::OpenPath(path))
            }
            Action::SaveTo(path) => {
                self.save_to(&path);
            }
            Action::SetPanels(panels) => self.state.panels = panels,
            Action::SetView(view) => self.state.view = view,
            Action::SetOutlineQuery(query) => self.state.outline.query = query,
            Action::ToggleOutlineFold(section) => {
                let folded = &mut self.state.outline.folded[section as usize];
                *folded = !*folded;
            }
            Action::SetFindingsFilter(filter) => self.state.findings_filter = filter,
            Action::SetCompareMode(mode) => {
                if let Some(compare) = &mut self.state.compare {
                    compare.mode = mode;
                }
            }
            Action::Revert { change, label } => self.revert(&change, &label),
            Action::Present(step) => self.present(step),
            Action::AskAllow(key) => {
                if self.state.doc.finding(&key).is_some() {
                    self.state.dialogs.allow = Some(crate::ui::state::AllowDialog {
                        finding: key,
                        reason: String::new(),
                    });
                }
            }
            Action::Close(dialog) => self.close_dialog(dialog),
            Action::Answer(answer) => self.answer(answer),
            Action::Status(message) => self.state.status = message,
            Action::PreviewFix(fix) => self.preview_fix(fix),
            Action::ApplyFix(fix) => self.apply_fix(fix),
            Action::FieldFocused => self.state.field_to_type = None,
            Action::CompareWithRevision(commit, path) => self.compare_with_revision(&commit, &path),
        }
    }

    /// Applies edits as one undoable step; says what happened in the status bar.
    pub(super) fn apply_edit(
        &mut self,
        label: &str,
        edits: Vec<crate::edit::Edit>,
        select: Option<Selection>,
    ) {
        let label = crate::text::elide(label, MAX_ACTION_LABEL_CHARS).into_owned();
        match self.state.doc.apply(label.clone(), edits) {
            Ok(()) => {
                if let Some(selection) = select {
                    self.state.selection = selection;
                }
                self.validate_selection();
                self.state.status = label;
            }
            Err(e) => self.state.status = format!("{label}: {e}"),
        }
    }

    fn focus_finding(&mut self, key: FindingKey) {
        let map = self.state.doc.map();
        let Some(finding) = self.state.doc.finding(&key) else {
            return;
        };
        let services: Vec<Id> = finding
            .subjects
            .iter()
            .filter(|s| map.service(s.as_str()).is_some())
            .cloned()
            .collect();
        let stream = finding.subjects.iter().find_map(|s| map.stream(s.as_str()));
        let reveal: Vec<Id> = if !services.is_empty() {
            services.clone()
        } else if let Some(stream) = stream {
            stream.steps.iter().map(|s| s.service.clone()).collect()
        } else {
            Vec::new()
        };
        if !reveal.is_empty() {
            self.canvas.reveal(map, &reveal);
        }
        self.state.selection = Selection::of_services(services);
        self.state.expanded_finding = if self.state.expanded_finding.as_ref() == Some(&key) {
            None
        } else {
            Some(key)
        };
    }

    /// Selects and shows what a change is about; the inspector describes
    /// the change. A removal is shown in the overlay, the only view that
    /// still has what was removed.
    fn focus_change(
        &mut self,
        change: crate::diff::ChangeRef,
        text: String,
        services: Vec<Id>,
        removal: bool,
    ) {
        let Some(compare) = &mut self.state.compare else {
            return;
        };
        if removal && compare.mode == crate::ui::state::CompareMode::After {
            compare.mode = crate::ui::state::CompareMode::Overlay;
        }
        let selection = match &change {
            crate::diff::ChangeRef::Link { from, to, kind } => {
                Selection::Link(from.clone(), to.clone(), *kind)
            }
            _ => {
                let shown = self.state.shown().doc.map();
                Selection::of_services(
                    services
                        .iter()
                        .filter(|s| shown.service(s.as_str()).is_some())
                        .cloned()
                        .collect(),
                )
            }
        };
        self.state.selection = selection;
        self.state.expanded_finding = None;
        if !services.is_empty() {
            self.canvas.reveal(self.state.shown().doc.map(), &services);
        }
        if let Some(compare) = &mut self.state.compare {
            compare.focused = Some((change, text));
        }
    }

    /// After a change of the map: drops selected things that no longer
    /// exist. The unfolded finding stays unfolded while it exists.
    pub(super) fn validate_selection(&mut self) {
        let map = self.state.doc.map();
        let keep = match &self.state.selection {
            Selection::None => true,
            Selection::Services(ids) => ids.iter().all(|id| map.service(id.as_str()).is_some()),
            Selection::Link(f, t, k) => map.links.iter().any(|l| l.key() == (f, t, *k)),
            Selection::Team(id) => map.team(id.as_str()).is_some(),
            Selection::Stream(id) => map.stream(id.as_str()).is_some(),
        };
        if !keep {
            self.state.selection = Selection::None;
        }
        if self.state.expanded().is_none() {
            self.state.expanded_finding = None;
        }
    }

    /// Makes the open map as the compared map is for one change: the diff
    /// from the compared map to the open one, reversed, restricted to the
    /// change, turned into ordinary edits and applied as one undoable step.
    /// A change that cannot be taken alone (a service still on a stream)
    /// says why and changes nothing.
    fn revert(&mut self, change: &crate::diff::ChangeRef, label: &str) {
        let Some(compare) = &self.state.compare else {
            return;
        };
        let back = compare.diff.reversed().only(change);
        match back.to_edits(self.state.doc.map()) {
            Ok(edits) if edits.is_empty() => {
                self.state.status = "Nothing to revert: the maps already agree there".into();
            }
            Ok(edits) => self.apply_edit(label, edits, None),
            Err(e) => {
                let label = crate::text::elide(label, MAX_ACTION_LABEL_CHARS);
                self.state.status = format!("{label}: {e}");
            }
        }
    }

    /// Moves through the presentation; a new slide moves the camera to what
    /// it shows.
    fn present(&mut self, step: PresentStep) {
        let Some(p) = &mut self.state.presentation else {
            return;
        };
        let before = p.slide;
        match step {
            PresentStep::Next => p.slide = (p.slide + 1).min(p.last()),
            PresentStep::Previous => p.slide = p.slide.saturating_sub(1),
            PresentStep::First => p.slide = 0,
            PresentStep::Last => p.slide = p.last(),
            PresentStep::Stop => {
                self.stop_presenting();
                return;
            }
        }
        if p.slide != before {
            self.frame_slide(true);
        }
    }

    /// Points the camera at the current slide's stream (or the whole map).
    pub(super) fn frame_slide(&mut self, animate: bool) {
        let Some(p) = &self.state.presentation else {
            return;
        };
        let slide = p.current().clone();
        self.canvas
            .set_frame_insets(crate::ui::present::frame_insets(&slide));
        let shown = self.state.slide_shown(&slide);
        let steps = |map: &crate::model::Map, id: &Id| -> Vec<Id> {
            map.stream(id.as_str())
                .map(|s| s.steps.iter().map(|x| x.service.clone()).collect())
                .unwrap_or_default()
        };
        match (&slide, &self.state.compare) {
            // Before and after of a stream share one camera: the steps of
            // both, so that stepping from one to the other moves only what
            // the proposal moved.
            (Slide::Stream(id, Side::Before | Side::After), Some(c)) => {
                let (before, after) = (c.before.map(), self.state.doc.map());
                let (b, a) = (steps(before, id), steps(after, id));
                // A stream only one side has is framed on that side alone
                // (an empty list would mean the whole map).
                let parts: Vec<(&crate::model::Map, &[Id])> = [(before, &b), (after, &a)]
                    .into_iter()
                    .filter(|(_, ids)| !ids.is_empty())
                    .map(|(map, ids)| (map, ids.as_slice()))
                    .collect();
                self.canvas.frame_services_of(&parts, animate);
            }
            (Slide::Stream(id, _), _) => {
                let ids = steps(shown.doc.map(), id);
                self.canvas.frame_services(shown.doc.map(), &ids, animate);
            }
            _ => self.canvas.frame_services(shown.doc.map(), &[], animate),
        }
    }

    /// Starts presenting: full screen, chrome hidden, the first slide framed.
    pub(super) fn start_presenting(&mut self) {
        // The editor's menus and windows are chrome the room does not see.
        egui::Popup::close_all(&self.ctx);
        self.state.dialogs.shortcuts = false;
        self.state.dialogs.about = false;
        let state = &mut self.state;
        if let Some(compare) = &mut state.compare {
            compare.refresh(&state.doc);
        }
        state.presentation = Some(crate::ui::state::Presentation::new(
            &state.doc,
            state.compare.as_ref(),
        ));
        self.ctx
            .send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
        self.frame_slide(false);
    }

    /// Stops presenting and restores the editor as it was.
    fn stop_presenting(&mut self) {
        self.state.presentation = None;
        // Presented in the other theme: back to the app's own.
        if let Some(own) = self.state.theme_after_presenting.take() {
            self.set_theme(own);
        }
        self.canvas.set_frame_insets(egui::Rect::ZERO);
        self.ctx
            .send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
        self.canvas.request_fit();
    }

    /// Queues an edit, with its label and what to select after it.
    pub(super) fn queue_edit(
        &mut self,
        label: impl Into<String>,
        edits: Vec<crate::edit::Edit>,
        select: Option<Selection>,
    ) {
        self.act(Action::Edit {
            label: label.into(),
            edits,
            select,
        });
    }

    /// Toggles the command palette (Ctrl+P opens and closes it).
    pub(super) fn toggle_palette(&mut self) {
        let dialogs = &mut self.state.dialogs;
        dialogs.palette = match dialogs.palette {
            Some(_) => None,
            None => Some(Default::default()),
        };
    }
}
