//! Applying a command: what each menu entry, shortcut and palette entry does.

use std::collections::BTreeSet;

use crate::analysis::plural;
use crate::edit::tidy::{Scope, box_size, free_offset, free_spot, tidy};
use crate::edit::{Edit, ops};
use crate::model::{Id, LinkKind, ServiceKind, TeamType};
use crate::ui::state::{
    AfterPrompt, PickPurpose, Selection, ThemeChoice, UICommand, name_of, stream_name, team_name,
};

use super::VsmapApp;

impl VsmapApp {
    /// Uses these colours from the next frame on (the app remembers them).
    pub(super) fn set_theme(&mut self, choice: ThemeChoice) {
        self.state.theme = choice;
        self.state.theme_after_presenting = None;
        self.ctx.set_theme(choice.preference());
    }

    pub(super) fn apply_command(&mut self, command: UICommand) {
        match command {
            UICommand::New => self.guard_unsaved(AfterPrompt::New),
            UICommand::Open => self.guard_unsaved(AfterPrompt::Open),
            UICommand::OpenExample => self.guard_unsaved(AfterPrompt::OpenExample),
            UICommand::ImportBackstage | UICommand::ImportStructurizr => {
                if let Some(source) = command.import_source() {
                    self.guard_unsaved(AfterPrompt::Import(source));
                }
            }
            UICommand::Save => match self.state.doc.path.clone() {
                Some(path) => self.save_checked(path, None),
                None => self.start_pick(PickPurpose::Save),
            },
            UICommand::SaveAs => self.start_pick(PickPurpose::Save),
            UICommand::Quit => self.guard_unsaved(AfterPrompt::Quit),
            UICommand::CompareWith => self.start_pick(PickPurpose::Compare),
            UICommand::DraftProposal => self.open_draft_dialog(),
            UICommand::History => self.open_history(),
            UICommand::ImportTimings => self.start_pick(PickPurpose::Timings),
            UICommand::ExportSvg
            | UICommand::ExportStreamSvg
            | UICommand::ExportMarkdown
            | UICommand::ExportMermaid
            | UICommand::ExportDot
            | UICommand::ExportHtml
            | UICommand::ExportPdf
            | UICommand::ExportPng
            | UICommand::ExportPng2x => {
                if let Some(format) = command.export_format() {
                    // Check before asking for a file that the export can be made.
                    if let Some(e) = super::exports::cannot_export(&self.state, format) {
                        self.state.dialogs.error = Some(e);
                        return;
                    }
                    self.start_pick(PickPurpose::Export(format));
                }
            }
            UICommand::CloseCompare => self.state.compare = None,
            UICommand::Undo => {
                self.state.status = match self.state.doc.undo() {
                    Some(label) => format!("Undid: {label}"),
                    None => "Nothing to undo".into(),
                };
                self.validate_selection();
            }
            UICommand::Redo => {
                self.state.status = match self.state.doc.redo() {
                    Some(label) => format!("Redid: {label}"),
                    None => "Nothing to redo".into(),
                };
                self.validate_selection();
            }
            UICommand::Copy | UICommand::Cut => self.copy(command == UICommand::Cut),
            UICommand::Paste => self.paste(),
            UICommand::Delete => self.delete_selection(),
            UICommand::SelectAll => {
                let map = self.state.doc.map();
                self.state.selection =
                    Selection::of_services(map.services.iter().map(|s| s.id.clone()).collect());
            }
            UICommand::SelectNone => {
                self.state.selection = Selection::None;
                self.state.expanded_finding = None;
            }
            UICommand::AddService => {
                let (x, y) = self.canvas.view_center();
                self.add_service_at(x, y);
            }
            UICommand::LinkSelected => self.link_selected(),
            UICommand::StreamFromSelection => {
                let map = self.state.doc.map();
                let steps = self.state.selection.services().to_vec();
                if steps.is_empty() {
                    self.state.status =
                        "Select the stream's services in order (Ctrl-click), then press S".into();
                    return;
                }
                let owner = map.service(steps[0].as_str()).and_then(|s| s.owner.clone());
                let (id, edits) = ops::add_stream(map, "New stream", &steps, owner);
                self.queue_edit("New stream", edits, Some(Selection::Stream(id)));
            }
            UICommand::AddTeam => {
                let map = self.state.doc.map();
                let (id, edits) = ops::add_team(map, "New team", TeamType::StreamAligned);
                self.queue_edit("New team", edits, Some(Selection::Team(id)));
            }
            UICommand::Fit => self.canvas.request_fit(),
            UICommand::ZoomIn => self.canvas.zoom_by(1.25),
            UICommand::ZoomOut => self.canvas.zoom_by(0.8),
            UICommand::CycleLinksShown => self.state.view.links = self.state.view.links.next(),
            UICommand::ToggleStreams => self.state.view.streams = !self.state.view.streams,
            UICommand::ToggleTeamZones => self.state.view.team_zones = !self.state.view.team_zones,
            UICommand::ToggleTeamsView => {
                self.state.view.teams_view = !self.state.view.teams_view;
                self.canvas.request_fit();
            }
            UICommand::ToggleLinkLabels => {
                self.state.view.link_labels = !self.state.view.link_labels;
            }
            UICommand::ToggleOutline => self.state.panels.outline = !self.state.panels.outline,
            UICommand::ToggleInspector => {
                self.state.panels.inspector = !self.state.panels.inspector;
            }
            UICommand::ToggleFindings => self.state.panels.findings = !self.state.panels.findings,
            UICommand::HighlightFindings => {
                self.state.highlight_findings = !self.state.highlight_findings;
            }
            UICommand::Present => self.start_presenting(),
            UICommand::PresentOtherTheme => {
                let dark = self.ctx.global_style().visuals.dark_mode;
                let other = if dark {
                    ThemeChoice::Light
                } else {
                    ThemeChoice::Dark
                };
                let own = self.state.theme;
                self.set_theme(other);
                self.state.theme_after_presenting = Some(own);
                self.start_presenting();
            }
            UICommand::ThemeSystem => self.set_theme(ThemeChoice::System),
            UICommand::ThemeLight => self.set_theme(ThemeChoice::Light),
            UICommand::ThemeDark => self.set_theme(ThemeChoice::Dark),
            UICommand::Tidy => self.tidy(Scope::Unplaced),
            UICommand::TidyAll => self.tidy(Scope::All),
            UICommand::ArrangeLanes => {
                let map = self.state.doc.map();
                let positions = crate::edit::arrange::lanes(map);
                let moves: Vec<(Id, f64, f64)> = map
                    .services
                    .iter()
                    .zip(positions)
                    .map(|(s, (x, y))| (s.id.clone(), x, y))
                    .collect();
                let edits = ops::move_services(map, &moves);
                self.queue_edit("Arrange in lanes by stream", edits, None);
                self.canvas.request_fit();
            }
            UICommand::ArrangeForce => {
                let map = self.state.doc.map();
                let moves = crate::ui::canvas::force_directed_positions(map);
                let edits = ops::move_services(map, &moves);
                self.queue_edit("Force-directed arrangement", edits, None);
                self.canvas.request_fit();
            }
            UICommand::Palette => self.toggle_palette(),
            UICommand::Shortcuts => self.state.dialogs.shortcuts = !self.state.dialogs.shortcuts,
            UICommand::About => self.state.dialogs.about = true,
        }
    }

    /// Tidies the map as one undoable edit; says so when nothing moves.
    fn tidy(&mut self, scope: Scope) {
        let map = self.state.doc.map();
        let moves: Vec<(Id, f64, f64)> = map
            .services
            .iter()
            .zip(tidy(map, scope))
            .map(|(s, (x, y))| (s.id.clone(), x, y))
            .collect();
        let edits = ops::move_services(map, &moves);
        if edits.is_empty() {
            self.state.status = "Every service already has its own place".into();
            return;
        }
        let label = match scope {
            Scope::Unplaced => "Tidy",
            Scope::All => "Tidy all",
        };
        self.queue_edit(label, edits, None);
        self.canvas.request_fit();
    }

    fn copy(&mut self, cut: bool) {
        let map = self.state.doc.map();
        let ids: BTreeSet<Id> = self.state.selection.services().iter().cloned().collect();
        if ids.is_empty() {
            return;
        }
        let fragment = ops::copy(map, &ids);
        if let Ok(text) = serde_json::to_string_pretty(&fragment) {
            self.ctx.copy_text(text);
        }
        self.state.clipboard = Some(fragment);
        if cut {
            let edits = ops::delete_services(map, &ids);
            let label = format!("Cut {}", plural(ids.len(), "service"));
            self.queue_edit(label, edits, Some(Selection::None));
        } else {
            self.state.status = format!("Copied {}", plural(ids.len(), "service"));
        }
    }

    fn paste(&mut self) {
        let map = self.state.doc.map();
        let Some(fragment) = &self.state.clipboard else {
            return;
        };
        // A step down and right of the copied services, or the nearest
        // offset from there where the pasted ones overlap nothing.
        let boxes: Vec<_> = fragment
            .services
            .iter()
            .map(|s| ((s.x.unwrap_or(0.0), s.y.unwrap_or(0.0)), box_size(s)))
            .collect();
        let offset = free_offset(map, &boxes, (40.0, 40.0));
        let (ids, edits) = ops::paste(map, fragment, offset);
        let label = format!("Paste {}", plural(ids.len(), "service"));
        // Paste again and it lands a step further, like any editor.
        if let Some(f) = &mut self.state.clipboard {
            for s in &mut f.services {
                s.x = s.x.map(|x| x + 40.0);
                s.y = s.y.map(|y| y + 40.0);
            }
        }
        self.queue_edit(label, edits, Some(Selection::Services(ids)));
    }

    fn link_selected(&mut self) {
        let map = self.state.doc.map();
        let [from, to] = self.state.selection.services() else {
            self.state.status = "Select two services (Ctrl-click) to link them".into();
            return;
        };
        let edits = ops::add_link(map, from, to, LinkKind::Sync);
        if edits.is_empty() {
            self.state.status = "Those services are already linked that way".into();
            return;
        }
        let label = format!("Link {} -> {}", name_of(map, from), name_of(map, to));
        let select = Selection::Link(from.clone(), to.clone(), LinkKind::Sync);
        self.queue_edit(label, edits, Some(select));
    }

    /// Adds a service at a canvas position and starts naming it.
    pub(super) fn add_service_at(&mut self, x: f64, y: f64) {
        let map = self.state.doc.map();
        // A new service joins the selected service's team: drawing a team's
        // services one after another is the common case.
        let owner = self
            .state
            .selection
            .services()
            .first()
            .and_then(|id| map.service(id.as_str()))
            .and_then(|s| s.owner.clone());
        let (id, mut edits) =
            ops::add_service(map, "New service", ServiceKind::Service, owner, (x, y));
        // Where asked, or the nearest spot that overlaps no service.
        if let Some(Edit::InsertService(_, service)) = edits.first_mut() {
            let (fx, fy) = free_spot(map, service, (x, y));
            service.x = Some(fx);
            service.y = Some(fy);
        }
        self.queue_edit(
            "Add service",
            edits,
            Some(Selection::Services(vec![id.clone()])),
        );
        self.canvas.start_rename(id, "New service".into());
    }

    fn delete_selection(&mut self) {
        let map = self.state.doc.map();
        let (label, edits) = match &self.state.selection {
            Selection::Services(ids) => {
                let set: BTreeSet<Id> = ids.iter().cloned().collect();
                let label = match ids.as_slice() {
                    [one] => format!("Delete {}", name_of(map, one)),
                    _ => format!("Delete {}", plural(ids.len(), "service")),
                };
                (label, ops::delete_services(map, &set))
            }
            Selection::Link(from, to, kind) => (
                format!("Delete link {} -> {}", name_of(map, from), name_of(map, to)),
                vec![Edit::RemoveLink(from.clone(), to.clone(), *kind)],
            ),
            Selection::Team(id) => (
                format!("Delete team {}", team_name(map, id)),
                ops::delete_team(map, id),
            ),
            Selection::Stream(id) => (
                format!("Delete stream {}", stream_name(map, id)),
                vec![Edit::RemoveStream(id.clone())],
            ),
            Selection::None => return,
        };
        self.queue_edit(label, edits, Some(Selection::None));
    }
}
