//! The inspector: edits whatever is selected. Text fields commit when they
//! lose focus, so typing a name is one undo step, not one per key.

use crate::analysis::times::format_minutes;
use crate::edit::{Edit, MapField, ServiceField, StepTimes, StreamField, TeamField, ops};
use crate::fix::FixField;
use crate::model::{Id, LinkKind, Map, ServiceKind, Step, TeamType};
use crate::ui::state::{Action, AppState, FindingKey, Selection, UICommand, name_of, team_name};
use crate::ui::theme::{Theme, color32, model_color};

/// A text field that reports its new value once, when editing ends.
fn committed_text(
    ui: &mut egui::Ui,
    key: impl std::hash::Hash + std::fmt::Debug,
    label: &str,
    current: &str,
    multiline: bool,
) -> Option<String> {
    committed_text_focused(ui, key, label, current, multiline, false)
}

/// [`committed_text`], taking the keyboard focus when `focus` (a fix asked
/// the user to type here).
fn committed_text_focused(
    ui: &mut egui::Ui,
    key: impl std::hash::Hash + std::fmt::Debug,
    label: &str,
    current: &str,
    multiline: bool,
    focus: bool,
) -> Option<String> {
    let id = ui.make_persistent_id(key);
    let mut buffer: String = ui
        .data_mut(|d| d.get_temp(id))
        .unwrap_or_else(|| current.to_string());
    let edit = if multiline {
        egui::TextEdit::multiline(&mut buffer).desired_rows(3)
    } else {
        egui::TextEdit::singleline(&mut buffer)
    };
    let response = ui.add(edit.id(id).desired_width(f32::INFINITY).hint_text(label));
    if focus {
        response.request_focus();
        response.scroll_to_me(Some(egui::Align::Center));
    }
    response.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, label));
    if response.lost_focus() {
        ui.data_mut(|d| d.remove::<String>(id));
        return (buffer != current).then_some(buffer);
    }
    if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, buffer));
    } else {
        ui.data_mut(|d| d.remove::<String>(id));
    }
    None
}

fn edit(out: &mut Vec<Action>, label: String, edits: Vec<Edit>) {
    out.push(Action::Edit {
        label,
        edits,
        select: None,
    });
}

/// What an owner picker shows as chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner<'a> {
    /// One owner (or none) for everything the picker sets.
    One(Option<&'a Id>),
    /// The selected services have different owners.
    Mixed,
}

/// A team picker with "no owner"; returns the new choice.
fn owner_picker(ui: &mut egui::Ui, label: &str, map: &Map, current: Owner) -> Option<Option<Id>> {
    let text = match current {
        Owner::One(Some(t)) => team_name(map, t),
        Owner::One(None) => "no owner".to_string(),
        Owner::Mixed => "owners differ".to_string(),
    };
    let mut choice = None;
    let label = ui.label(label);
    egui::ComboBox::from_id_salt(label.id)
        .selected_text(text)
        .show_ui(ui, |ui| {
            if ui
                .selectable_label(current == Owner::One(None), "no owner")
                .clicked()
            {
                choice = Some(None);
            }
            for team in &map.teams {
                let selected = current == Owner::One(Some(&team.id));
                if ui.selectable_label(selected, &team.name).clicked() {
                    choice = Some(Some(team.id.clone()));
                }
            }
        })
        .response
        .labelled_by(label.id);
    choice.filter(|c| current != Owner::One(c.as_ref()))
}

/// A small icon button whose hover text is also its accessible name.
fn icon_button(ui: &mut egui::Ui, icon: &str, label: &str) -> egui::Response {
    let response = ui.small_button(icon);
    response.widget_info(|| egui::WidgetInfo::labeled(egui::WidgetType::Button, true, label));
    response.on_hover_text(label)
}

/// A combo box whose accessible label is the visible label before it.
fn labelled_combo<R>(
    ui: &mut egui::Ui,
    label: &str,
    selected: impl Into<egui::WidgetText>,
    items: impl FnOnce(&mut egui::Ui) -> R,
) {
    let label = ui.label(label);
    egui::ComboBox::from_id_salt(label.id)
        .selected_text(selected)
        .show_ui(ui, items)
        .response
        .labelled_by(label.id);
}

/// The inspector on the right.
pub fn inspector_ui(ui: &mut egui::Ui, state: &AppState, theme: &Theme) -> Vec<Action> {
    let mut out = Vec::new();
    let out_ref = &mut out;
    egui::Panel::right("inspector")
        .resizable(true)
        .default_size(300.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    change_card_ui(ui, state, theme);
                    // The map compared with is read-only: shown, not edited.
                    let editable = state.shows_open_map();
                    if !editable {
                        ui.label(
                            egui::RichText::new(
                                "The map before the proposal, read-only. \
                                 Switch to After or Overlay to edit.",
                            )
                            .color(theme.changed),
                        );
                        ui.separator();
                    }
                    ui.add_enabled_ui(editable, |ui| match &state.selection {
                        Selection::None => map_ui(ui, state, out_ref),
                        Selection::Services(ids) if ids.len() == 1 => {
                            service_ui(ui, state, &ids[0], theme, out_ref)
                        }
                        Selection::Services(ids) => services_ui(ui, state, ids, out_ref),
                        Selection::Link(from, to, kind) => {
                            link_ui(ui, state, from, to, *kind, out_ref)
                        }
                        Selection::Team(id) => team_ui(ui, state, id, out_ref),
                        Selection::Stream(id) => stream_ui(ui, state, id, theme, out_ref),
                    });
                });
        });
    out
}

/// The change clicked in the changes panel: what it is, its values before
/// and after, and the findings it resolves and introduces (those naming
/// what it changed).
fn change_card_ui(ui: &mut egui::Ui, state: &AppState, theme: &Theme) {
    use crate::diff::ChangeRef;
    let Some(compare) = &state.compare else {
        return;
    };
    let Some((change, text)) = &compare.focused else {
        return;
    };
    let diff = &compare.diff;
    ui.label(egui::RichText::new("Change").strong().color(theme.changed));
    ui.label(text);
    let (subjects, field) = match change {
        ChangeRef::Service { id, field } => (
            vec![id.clone()],
            diff.services.changes_of(id.as_str()).zip(field.as_ref()),
        ),
        ChangeRef::Stream { id, field } => (
            vec![id.clone()],
            diff.streams.changes_of(id.as_str()).zip(field.as_ref()),
        ),
        ChangeRef::Team { id, field } => (
            vec![id.clone()],
            diff.teams.changes_of(id.as_str()).zip(field.as_ref()),
        ),
        ChangeRef::Link { from, to, .. } => (vec![from.clone(), to.clone()], None),
        ChangeRef::Map { .. } => (Vec::new(), None),
    };
    if let Some(f) = field.and_then(|(c, field)| c.field(field)) {
        let shown = |v: &serde_json::Value| match v {
            serde_json::Value::Null => "none".to_string(),
            serde_json::Value::String(s) if s.is_empty() => "empty".to_string(),
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Array(a) => format!("{} entries", a.len()),
            serde_json::Value::Object(o) => format!("{} entries", o.len()),
            other => other.to_string(),
        };
        egui::Grid::new("change-values")
            .num_columns(2)
            .show(ui, |ui| {
                ui.label(egui::RichText::new("Before").color(theme.muted));
                ui.label(shown(&f.before));
                ui.end_row();
                ui.label(egui::RichText::new("After").color(theme.muted));
                ui.label(shown(&f.after));
                ui.end_row();
            });
    }
    let about = |f: &&crate::analysis::Finding| f.subjects.iter().any(|s| subjects.contains(s));
    for (title, list, color) in [
        ("Resolves", diff.findings.resolved(), theme.added),
        ("Introduces", diff.findings.introduced(), theme.removed),
    ] {
        let of_it: Vec<&crate::analysis::Finding> = list.iter().filter(about).collect();
        if of_it.is_empty() {
            continue;
        }
        ui.label(
            egui::RichText::new(format!("{title} {} findings on it", of_it.len()))
                .strong()
                .color(color),
        );
        for f in of_it {
            ui.label(egui::RichText::new(format!("{}: {}", f.rule, f.message)).small());
        }
    }
    ui.separator();
}

fn map_ui(ui: &mut egui::Ui, state: &AppState, out: &mut Vec<Action>) {
    ui.heading("Map");
    let map = state.shown_doc().map();
    ui.label("Name");
    if let Some(v) = committed_text(ui, "map-name", "Map name", &map.name, false) {
        edit(
            out,
            "Rename map".into(),
            vec![Edit::SetMap(MapField::Name(v))],
        );
    }
    ui.label("Description");
    if let Some(v) = committed_text(
        ui,
        "map-description",
        "Map description",
        &map.description,
        true,
    ) {
        edit(
            out,
            "Edit map description".into(),
            vec![Edit::SetMap(MapField::Description(v))],
        );
    }
    ui.horizontal(|ui| {
        let reviewed = map.reviewed.map_or("never".to_string(), |d| d.to_string());
        ui.label(format!("Reviewed: {reviewed}"));
        if ui.button("Reviewed today").clicked() {
            edit(
                out,
                "Mark map reviewed".into(),
                vec![Edit::SetMap(MapField::Reviewed(Some(
                    crate::analysis::today(),
                )))],
            );
        }
    });
    ui.separator();
    ui.label(format!(
        "{} teams, {} services, {} links, {} streams",
        map.teams.len(),
        map.services.len(),
        map.links.len(),
        map.streams.len()
    ));
    ui.label("Select a service, link, team or stream to edit it. Double-click the canvas to add a service.");
}

fn service_ui(ui: &mut egui::Ui, state: &AppState, id: &Id, theme: &Theme, out: &mut Vec<Action>) {
    let map = state.shown_doc().map();
    let Some(service) = map.service(id.as_str()) else {
        return;
    };
    ui.heading("Service");
    ui.label(
        egui::RichText::new(format!("id: {id}"))
            .small()
            .color(theme.muted),
    );
    ui.label("Name");
    if let Some(v) = committed_text(
        ui,
        ("service-name", id),
        "Service name",
        &service.name,
        false,
    ) {
        let name = v.trim().to_string();
        if !name.is_empty() && name != service.name {
            edit(
                out,
                format!("Rename {} to {name}", service.name),
                vec![Edit::SetService(id.clone(), ServiceField::Name(name))],
            );
        }
    }
    ui.horizontal(|ui| {
        let mut kind = service.kind;
        labelled_combo(ui, "Kind", kind.label(), |ui| {
            for k in ServiceKind::ALL {
                ui.selectable_value(&mut kind, k, k.label());
            }
        });
        if kind != service.kind {
            edit(
                out,
                format!("Make {} a {}", service.name, kind.label()),
                vec![Edit::SetService(id.clone(), ServiceField::Kind(kind))],
            );
        }
    });
    ui.horizontal(|ui| {
        if let Some(owner) = owner_picker(ui, "Owner", map, Owner::One(service.owner.as_ref())) {
            let to = owner
                .as_ref()
                .map_or("no owner".to_string(), |t| team_name(map, t));
            edit(
                out,
                format!("Give {} to {to}", service.name),
                vec![Edit::SetService(id.clone(), ServiceField::Owner(owner))],
            );
        }
    });
    ui.label("Description");
    if let Some(v) = committed_text(
        ui,
        ("service-description", id),
        "Service description",
        &service.description,
        true,
    ) {
        edit(
            out,
            format!("Describe {}", service.name),
            vec![Edit::SetService(id.clone(), ServiceField::Description(v))],
        );
    }
    ui.separator();
    ui.label(egui::RichText::new("Links").strong());
    for link in map.links.iter().filter(|l| &l.from == id || &l.to == id) {
        let text = format!(
            "{} -> {} ({})",
            name_of(map, &link.from),
            name_of(map, &link.to),
            link.kind.as_str()
        );
        if ui.link(text).clicked() {
            out.push(Action::Select(Selection::Link(
                link.from.clone(),
                link.to.clone(),
                link.kind,
            )));
        }
    }
    ui.label(
        egui::RichText::new(
            "Ctrl-click another service and press L to link, or Alt-drag from this one.",
        )
        .small()
        .color(theme.muted),
    );
    findings_list(ui, state, id, theme, out);
}

fn services_ui(ui: &mut egui::Ui, state: &AppState, ids: &[Id], out: &mut Vec<Action>) {
    let map = state.shown_doc().map();
    ui.heading(format!("{} services", ids.len()));
    for id in ids {
        ui.label(format!("• {}", name_of(map, id)));
    }
    ui.separator();
    ui.horizontal(|ui| {
        let common = map.service(ids[0].as_str()).and_then(|s| s.owner.as_ref());
        let same = ids
            .iter()
            .all(|i| map.service(i.as_str()).map(|s| s.owner.as_ref()) == Some(common));
        let current = if same {
            Owner::One(common)
        } else {
            Owner::Mixed
        };
        if let Some(owner) = owner_picker(ui, "Owner of all", map, current) {
            let to = owner
                .as_ref()
                .map_or("no owner".to_string(), |t| team_name(map, t));
            let edits = ops::set_owner(map, ids, owner);
            edit(out, format!("Give {} services to {to}", ids.len()), edits);
        }
    });
    if ids.len() == 2 && ui.button("Link these two (L)").clicked() {
        out.push(Action::Command(UICommand::LinkSelected));
    }
    if ui
        .button("New stream through these, in click order (S)")
        .clicked()
    {
        out.push(Action::Command(UICommand::StreamFromSelection));
    }
}

fn link_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    from: &Id,
    to: &Id,
    kind: LinkKind,
    out: &mut Vec<Action>,
) {
    let map = state.shown_doc().map();
    let Some(link) = map
        .links
        .iter()
        .find(|l| l.key() == (from, to, kind))
        .cloned()
    else {
        return;
    };
    ui.heading("Link");
    ui.label(format!("{} -> {}", name_of(map, from), name_of(map, to)));
    ui.horizontal(|ui| {
        ui.label("Kind");
        let mut new_kind = kind;
        for k in LinkKind::ALL {
            ui.selectable_value(&mut new_kind, k, k.as_str());
        }
        if new_kind != kind {
            let edits = ops::replace_link(map, &link, from, to, new_kind);
            if edits.is_empty() {
                out.push(Action::Status(format!(
                    "A {} link already joins them that way",
                    new_kind.as_str()
                )));
            } else {
                let select = Selection::Link(from.clone(), to.clone(), new_kind);
                out.push(Action::Edit {
                    label: format!("Make link {}", new_kind.as_str()),
                    edits,
                    select: Some(select),
                });
            }
        }
    });
    ui.label("Label");
    if let Some(v) = committed_text(
        ui,
        ("link-label", from, to, kind.as_str()),
        "Link label",
        &link.label,
        false,
    ) {
        edit(
            out,
            "Relabel link".into(),
            vec![Edit::SetLinkLabel(from.clone(), to.clone(), kind, v)],
        );
    }
    ui.horizontal(|ui| {
        if ui.button("Reverse").clicked() {
            let edits = ops::replace_link(map, &link, to, from, kind);
            if !edits.is_empty() {
                let select = Selection::Link(to.clone(), from.clone(), kind);
                out.push(Action::Edit {
                    label: "Reverse link".into(),
                    edits,
                    select: Some(select),
                });
            }
        }
        if ui.button("Delete").clicked() {
            out.push(Action::Command(UICommand::Delete));
        }
    });
}

fn team_ui(ui: &mut egui::Ui, state: &AppState, id: &Id, out: &mut Vec<Action>) {
    let map = state.shown_doc().map();
    let Some(team) = map.team(id.as_str()) else {
        return;
    };
    ui.heading("Team");
    ui.label("Name");
    if let Some(v) = committed_text(ui, ("team-name", id), "Team name", &team.name, false) {
        edit(
            out,
            format!("Rename team {}", team.name),
            vec![Edit::SetTeam(id.clone(), TeamField::Name(v))],
        );
    }
    ui.horizontal(|ui| {
        let mut t = team.team_type;
        labelled_combo(ui, "Type", t.label(), |ui| {
            for k in TeamType::ALL {
                ui.selectable_value(&mut t, k, k.label());
            }
        });
        if t != team.team_type {
            edit(
                out,
                format!("Make {} {}", team.name, t.label()),
                vec![Edit::SetTeam(id.clone(), TeamField::Type(t))],
            );
        }
    });
    ui.horizontal(|ui| {
        ui.label("Members");
        let mut members = team.members.unwrap_or(0);
        let response = ui.add(egui::DragValue::new(&mut members).range(0..=500));
        if response.drag_stopped() || (response.changed() && !response.dragged()) {
            let value = (members > 0).then_some(members);
            if value != team.members {
                edit(
                    out,
                    format!("Set {} members", team.name),
                    vec![Edit::SetTeam(id.clone(), TeamField::Members(value))],
                );
            }
        }
    });
    ui.horizontal(|ui| {
        ui.label("Colour");
        let mut color = crate::ui::theme::team_fill(state.shown_doc().map(), team);
        let before = color;
        let response = ui.color_edit_button_srgba(&mut color);
        if color != before && !response.dragged() {
            edit(
                out,
                format!("Recolour {}", team.name),
                vec![Edit::SetTeam(
                    id.clone(),
                    TeamField::Color(Some(model_color(color))),
                )],
            );
        }
        if team.color.is_some() && ui.small_button("Default").clicked() {
            edit(
                out,
                format!("Reset colour of {}", team.name),
                vec![Edit::SetTeam(id.clone(), TeamField::Color(None))],
            );
        }
    });
    let owned: Vec<&str> = map
        .services
        .iter()
        .filter(|s| s.owner.as_ref() == Some(id))
        .map(|s| s.name.as_str())
        .collect();
    ui.label(format!(
        "Owns {} services, {} streams",
        owned.len(),
        map.streams
            .iter()
            .filter(|s| s.owner.as_ref() == Some(id))
            .count()
    ));
    ui.horizontal(|ui| {
        if ui.button("Select everything it owns").clicked() {
            out.push(Action::SelectOwnedBy(id.clone()));
        }
        if ui.button("Delete team").clicked() {
            out.push(Action::Command(UICommand::Delete));
        }
    });
}

fn stream_ui(ui: &mut egui::Ui, state: &AppState, id: &Id, theme: &Theme, out: &mut Vec<Action>) {
    let map = state.shown_doc().map();
    let Some(stream) = map.stream(id.as_str()) else {
        return;
    };
    ui.heading("Value stream");
    ui.label("Name");
    if let Some(v) = committed_text(ui, ("stream-name", id), "Stream name", &stream.name, false) {
        edit(
            out,
            format!("Rename stream {}", stream.name),
            vec![Edit::SetStream(id.clone(), StreamField::Name(v))],
        );
    }
    ui.horizontal(|ui| {
        if let Some(owner) = owner_picker(ui, "Owner", map, Owner::One(stream.owner.as_ref())) {
            edit(
                out,
                format!("Set owner of {}", stream.name),
                vec![Edit::SetStream(id.clone(), StreamField::Owner(owner))],
            );
        }
    });
    // A fix may have asked for one of these fields: it takes the focus once.
    let wanted = state.field_to_type.as_ref();
    let focus_customer = wanted == Some(&FixField::StreamCustomer(id.clone()));
    let focus_description = wanted == Some(&FixField::StreamDescription(id.clone()));
    if focus_customer || focus_description {
        out.push(Action::FieldFocused);
    }
    ui.label("Customer");
    if let Some(v) = committed_text_focused(
        ui,
        ("stream-customer", id),
        "Customer",
        &stream.customer,
        false,
        focus_customer,
    ) {
        edit(
            out,
            format!("Set customer of {}", stream.name),
            vec![Edit::SetStream(id.clone(), StreamField::Customer(v))],
        );
    }
    ui.label("Description");
    if let Some(v) = committed_text_focused(
        ui,
        ("stream-description", id),
        "Stream description",
        &stream.description,
        true,
        focus_description,
    ) {
        edit(
            out,
            format!("Describe {}", stream.name),
            vec![Edit::SetStream(id.clone(), StreamField::Description(v))],
        );
    }
    ui.horizontal(|ui| {
        ui.label("Colour");
        let k = map.streams.iter().position(|s| &s.id == id).unwrap_or(0);
        let mut color = stream
            .color
            .map_or(crate::ui::theme::STREAM_PALETTE[k % 8], color32);
        let before = color;
        let response = ui.color_edit_button_srgba(&mut color);
        if color != before && !response.dragged() {
            edit(
                out,
                format!("Recolour {}", stream.name),
                vec![Edit::SetStream(
                    id.clone(),
                    StreamField::Color(Some(model_color(color))),
                )],
            );
        }
    });

    ui.separator();
    let figures = crate::analysis::flow::flow_figures(map, stream, state.shown_doc().findings());
    let team_names = crate::analysis::flow::stream_teams(map, stream);
    ui.label(egui::RichText::new("Flow card").strong());
    if let Some(flow) = state
        .compare
        .as_ref()
        .and_then(|c| c.diff.streams_flow.iter().find(|f| &f.id == id))
    {
        let text = match (&flow.before, &flow.after) {
            (Some(b), Some(a)) if b.is_measured() || a.is_measured() => format!(
                "Before → after: lead time {} → {}, flow efficiency {} → {}, teams {} → {}, handoffs {} → {}, findings {} → {}",
                format_minutes(b.lead_time_minutes),
                format_minutes(a.lead_time_minutes),
                efficiency(b),
                efficiency(a),
                b.teams,
                a.teams,
                b.handoffs,
                a.handoffs,
                b.findings,
                a.findings
            ),
            (Some(b), Some(a)) => format!(
                "Before → after: teams {} → {}, handoffs {} → {}, findings {} → {}",
                b.teams, a.teams, b.handoffs, a.handoffs, b.findings, a.findings
            ),
            // A stream only one map has reads like any other, said once.
            (None, Some(a)) => format!(
                "New in this map: {} teams, {} handoffs, {} findings",
                a.teams, a.handoffs, a.findings
            ),
            (Some(b), None) => format!(
                "Not in the other map; here: {} teams, {} handoffs, {} findings",
                b.teams, b.handoffs, b.findings
            ),
            (None, None) => String::new(),
        };
        ui.label(egui::RichText::new(text).color(theme.changed));
    }
    ui.label(format!(
        "{} steps · {} handoffs · {} teams",
        stream.steps.len(),
        figures.handoffs,
        figures.teams
    ));
    let times = crate::analysis::times::stream_times(map, stream);
    if times.is_measured() {
        ui.label(format!(
            "Lead time {} · work {} · flow efficiency {} · %C&A {:.0} %",
            format_minutes(times.lead_time_minutes),
            format_minutes(times.work_minutes),
            figures
                .flow_efficiency_percent
                .map_or_else(|| "—".into(), |p| format!("{p} %")),
            times.complete_accurate * 100.0
        ));
        if times.unmeasured_steps > 0 {
            ui.label(
                egui::RichText::new(format!(
                    "{} of {} steps have no times: they count as zero",
                    times.unmeasured_steps,
                    stream.steps.len()
                ))
                .small()
                .color(theme.muted),
            );
        }
    }
    ui.label(
        egui::RichText::new(format!(
            "Teams: {}",
            crate::analysis::join_names(&team_names)
        ))
        .color(theme.muted),
    );
    let mut move_step = None;
    let mut remove_step = None;
    for (j, step) in stream.steps.iter().enumerate() {
        let service = map.service(step.service.as_str());
        let owner = service
            .and_then(|s| s.owner.as_ref())
            .map_or("no owner".to_string(), |t| team_name(map, t));
        // Wrapping rows keep the inspector from widening under the canvas.
        let row = ui.horizontal_wrapped(|ui| {
            let handle = ui.dnd_drag_source(egui::Id::new(("step", id, j)), j, |ui| {
                ui.label(format!("{}. {}", j + 1, name_of(map, &step.service)));
            });
            handle.response.on_hover_text("Drag to reorder");
            ui.label(egui::RichText::new(owner).small().color(theme.muted));
            if !step.stage.is_empty() {
                ui.label(egui::RichText::new(format!("[{}]", step.stage)).small());
            }
            if j > 0 && icon_button(ui, "⏶", "Move step up").clicked() {
                move_step = Some((j, j - 1));
            }
            if j + 1 < stream.steps.len() && icon_button(ui, "⏷", "Move step down").clicked() {
                move_step = Some((j, j + 1));
            }
            if icon_button(ui, "🗙", "Remove this step").clicked() {
                remove_step = Some(j);
            }
        });
        if let Some(from) = row.response.dnd_release_payload::<usize>()
            && *from != j
        {
            move_step = Some((*from, j));
        }
        step_times_ui(ui, stream, j, step, out);
    }
    if let Some((from, to)) = move_step {
        edit(
            out,
            format!("Reorder steps of {}", stream.name),
            vec![Edit::MoveStep(id.clone(), from, to)],
        );
    }
    if let Some(j) = remove_step {
        edit(
            out,
            format!("Remove step from {}", stream.name),
            vec![Edit::RemoveStep(id.clone(), j)],
        );
    }
    let mut add = None;
    ui.horizontal(|ui| {
        labelled_combo(ui, "Add a step", "choose a service…", |ui| {
            for s in map.services.iter().filter(|s| !stream.has_step(&s.id)) {
                if ui.selectable_label(false, &s.name).clicked() {
                    add = Some(s.id.clone());
                }
            }
        });
    });
    if let Some(service) = add {
        let step = Step {
            service: service.clone(),
            stage: String::new(),
            work: None,
            wait: None,
            complete_accurate: None,
        };
        edit(
            out,
            format!("Add {} to {}", name_of(map, &service), stream.name),
            vec![Edit::InsertStep(id.clone(), stream.steps.len(), step)],
        );
    }
    if ui.button("Delete stream").clicked() {
        out.push(Action::Command(UICommand::Delete));
    }
    findings_list(ui, state, id, theme, out);
}

/// A flow efficiency as the flow card shows it.
fn efficiency(f: &crate::analysis::flow::FlowFigures) -> String {
    f.flow_efficiency_percent
        .map_or_else(|| "not measured".into(), |p| format!("{p} %"))
}

/// A step's wait, work and %C&A, each typed in place: a duration in the
/// file's form (`4h`, `2d`, `1d4h`), a percentage from 0 to 100; empty
/// clears it. What does not parse is said in the status bar and not kept.
fn step_times_ui(
    ui: &mut egui::Ui,
    stream: &crate::model::Stream,
    j: usize,
    step: &Step,
    out: &mut Vec<Action>,
) {
    let id = &stream.id;
    let times = StepTimes::of(step);
    let show = |d: Option<crate::model::Duration>| d.map_or(String::new(), |d| d.to_string());
    ui.horizontal(|ui| {
        ui.add_space(16.0);
        let mut changed = None;
        for (label, current, hint) in [
            ("wait", show(step.wait), "Wait before this step, e.g. 2d"),
            (
                "work",
                show(step.work),
                "Hands-on work at this step, e.g. 4h",
            ),
        ] {
            ui.label(egui::RichText::new(label).small());
            ui.scope(|ui| {
                ui.set_max_width(56.0);
                if let Some(v) = committed_text(ui, (label, id, j), hint, &current, false) {
                    changed = Some((label, v));
                }
            });
        }
        ui.label(egui::RichText::new("%C&A").small());
        let ca = step
            .complete_accurate
            .map_or(String::new(), |p| p.to_string());
        ui.scope(|ui| {
            ui.set_max_width(40.0);
            if let Some(v) = committed_text(
                ui,
                ("ca", id, j),
                "Percent complete and accurate",
                &ca,
                false,
            ) {
                changed = Some(("%C&A", v));
            }
        });
        let Some((field, text)) = changed else {
            return;
        };
        let text = text.trim();
        let mut new = times;
        let parsed: Result<(), String> = match field {
            "%C&A" if text.is_empty() => {
                new.complete_accurate = None;
                Ok(())
            }
            "%C&A" => match text.trim_end_matches('%').trim().parse::<u8>() {
                Ok(p) if p <= 100 => {
                    new.complete_accurate = Some(p);
                    Ok(())
                }
                _ => Err(format!(
                    "{text:?} is not a percentage (a whole number from 0 to 100)"
                )),
            },
            _ => {
                let slot = if field == "wait" {
                    &mut new.wait
                } else {
                    &mut new.work
                };
                if text.is_empty() {
                    *slot = None;
                    Ok(())
                } else {
                    crate::model::Duration::parse(text)
                        .map(|d| *slot = Some(d))
                        .map_err(|e| e.to_string())
                }
            }
        };
        match parsed {
            Ok(()) if new != times => edit(
                out,
                format!("Set {field} of step {} of {}", j + 1, stream.name),
                vec![Edit::SetStepTimes(id.clone(), j, new)],
            ),
            Ok(()) => {}
            Err(message) => out.push(Action::Status(format!("{field}: {message}"))),
        }
    });
}

fn findings_list(
    ui: &mut egui::Ui,
    state: &AppState,
    id: &Id,
    theme: &Theme,
    out: &mut Vec<Action>,
) {
    let findings: Vec<&crate::analysis::Finding> = state.findings_for(id).collect();
    if findings.is_empty() {
        return;
    }
    ui.separator();
    ui.label(egui::RichText::new(format!("Findings ({})", findings.len())).strong());
    for f in findings {
        let color = if f.allowed {
            theme.allowed()
        } else {
            theme.severity(f.severity)
        };
        let text = match crate::analysis::allow_reason(&state.shown_doc().map().allow, f) {
            Some(reason) if f.allowed => format!("{}: {} (allowed: {reason})", f.rule, f.message),
            _ => format!("{}: {}", f.rule, f.message),
        };
        if ui.link(egui::RichText::new(text).color(color)).clicked() {
            out.push(Action::FocusFinding(FindingKey::of(f)));
        }
    }
}
