//! What the canvas draws over the graph on every frame, live or replayed:
//! gesture feedback, hover tooltips, the inline rename field and the
//! context menu.

use std::collections::BTreeSet;

use egui::{Pos2, Rect, Stroke, vec2};

use super::gestures::Gesture;
use super::hit::{link_at, service_at};
use super::space::Transform;
use super::space::display_positions;
use crate::edit::{Edit, ServiceField, ops};
use crate::ui::shapes::NODE_SIZE;
use crate::ui::state::{Action, Document, Selection, UICommand, ViewSettings, name_of};
use crate::ui::theme::Theme;

/// Most characters of a name a tooltip quotes (names may have 1,000).
const MAX_TOOLTIP_NAME_CHARS: usize = 120;

/// What the overlays draw over.
pub struct Overlay<'a> {
    /// The document shown.
    pub doc: &'a Document,
    /// The selected stream, whose links stay when only its links are shown.
    pub stream: Option<&'a crate::model::Stream>,
    /// What is drawn besides the services: a hidden link has no tooltip.
    pub view: ViewSettings,
    /// The view, as of this frame.
    pub transform: Transform,
    /// The canvas' rectangle on screen.
    pub rect: Rect,
    /// The links' routes, when routed.
    pub routes: Option<&'a crate::geometry::Router>,
    /// The canvas' layer: a tooltip shows only where nothing (a dialog, a
    /// window, a menu) lies over the canvas.
    pub layer: egui::LayerId,
    /// Whether the team overview stands for the services (it gives its
    /// blocks' tooltips itself).
    pub far_out: bool,
    /// The fix under the pointer, previewed.
    pub ghost: Option<&'a crate::ui::state::Ghost>,
}

/// Tooltips, the rename field, the context menu and gesture feedback.
/// Returns whether the canvas must be drawn live next frame (a gesture ended).
pub fn overlays_ui(
    ui: &egui::Ui,
    at: &Overlay,
    gesture: &mut Gesture,
    theme: &Theme,
    pointer: Option<Pos2>,
    actions: &mut Vec<Action>,
) -> bool {
    let ctx = ui.ctx().clone();
    let map = at.doc.map();
    let fg = ui.painter().clone().with_layer_id(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::new("canvas-fg"),
    ));
    match (&*gesture, pointer) {
        (Gesture::BoxSelect { start }, Some(p)) => {
            fg.rect(
                Rect::from_two_pos(*start, p),
                0.0,
                theme.selection.gamma_multiply(0.12),
                Stroke::new(1.0, theme.selection),
                egui::StrokeKind::Inside,
            );
        }
        (Gesture::Link { from }, Some(p)) => {
            if let Some(&center) = display_positions(map).get(*from) {
                let a = at.transform.to_screen(center);
                fg.arrow(a, p - a, Stroke::new(2.0, theme.selection));
            }
        }
        _ => {}
    }
    let ended =
        rename_ui(&ctx, at, gesture, actions) | context_menu_ui(&ctx, at, gesture, theme, actions);
    if *gesture == Gesture::Idle && !at.far_out {
        hover_ui(&ctx, at, pointer);
    }
    ended
}

/// The findings of the service under the pointer, or a link's label.
fn hover_ui(ctx: &egui::Context, at: &Overlay, pointer: Option<Pos2>) {
    let map = at.doc.map();
    let Some(p) = pointer.filter(|p| at.rect.contains(*p)) else {
        return;
    };
    // Under a dialog, a window or a menu, the canvas is not what is hovered.
    if ctx.input(|i| i.pointer.any_down()) || ctx.layer_id_at(p) != Some(at.layer) {
        return;
    }
    let text = if let Some(i) = service_at(map, &at.transform, p) {
        let s = &map.services[i];
        let owner = s
            .owner
            .as_ref()
            .and_then(|t| map.team(t.as_str()))
            .map_or("no owner".to_string(), |t| {
                crate::text::elide(&t.name, MAX_TOOLTIP_NAME_CHARS).into_owned()
            });
        let mut lines = vec![format!(
            "{} ({}, {owner})",
            crate::text::elide(&s.name, MAX_TOOLTIP_NAME_CHARS),
            s.kind.label()
        )];
        lines.extend(
            at.doc
                .findings()
                .iter()
                .filter(|f| f.subjects.contains(&s.id))
                .map(|f| format!("{} {}: {}", f.severity, f.rule, f.message)),
        );
        Some(lines.join("\n"))
    } else {
        link_at(map, at.routes, &at.transform, p)
            .filter(|&l| at.view.shows_link(&map.links[l], at.stream))
            .map(|l| {
                let link = &map.links[l];
                let mut text = format!(
                    "{} -> {} ({})",
                    name_of(map, &link.from),
                    name_of(map, &link.to),
                    link.kind.as_str()
                );
                if !link.label.is_empty() {
                    text.push_str(&format!(": {}", link.label));
                }
                text
            })
    };
    if let Some(text) = text {
        egui::Tooltip::always_open(
            ctx.clone(),
            at.layer,
            egui::Id::new("canvas-hover"),
            p + vec2(14.0, 14.0),
        )
        .show(|ui| {
            ui.label(text);
        });
    }
}

/// The inline rename field; Enter or a click elsewhere commits, Escape
/// cancels. Returns whether it closed.
fn rename_ui(
    ctx: &egui::Context,
    at: &Overlay,
    gesture: &mut Gesture,
    actions: &mut Vec<Action>,
) -> bool {
    let map = at.doc.map();
    let Gesture::Renaming { id, text, focused } = gesture else {
        return false;
    };
    let Some(i) = map.services.iter().position(|s| &s.id == id) else {
        *gesture = Gesture::Idle;
        return true;
    };
    let center = at.transform.to_screen(display_positions(map)[i]);
    let width = (NODE_SIZE.x * at.transform.zoom).max(140.0);
    let mut done = None;
    egui::Area::new(egui::Id::new("canvas-rename"))
        .fixed_pos(center - vec2(width / 2.0, 12.0))
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            let output = egui::TextEdit::singleline(text)
                .desired_width(width)
                .hint_text("Service name")
                .show(ui);
            let edit = output.response;
            edit.widget_info(|| {
                egui::WidgetInfo::labeled(egui::WidgetType::TextEdit, true, "Rename service")
            });
            if !*focused {
                // Start with the whole name selected, so typing replaces it.
                let mut state = output.state;
                let all = egui::text::CCursorRange::two(
                    egui::text::CCursor::new(0),
                    egui::text::CCursor::new(text.chars().count()),
                );
                state.cursor.set_char_range(Some(all));
                state.store(ui.ctx(), edit.id);
                edit.request_focus();
                *focused = true;
            }
            if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                done = Some(false);
            } else if edit.lost_focus() {
                done = Some(true);
            }
        });
    let Some(commit) = done else {
        return false;
    };
    if let Gesture::Renaming { id, text, .. } = std::mem::take(gesture)
        && commit
    {
        let name = text.trim().to_string();
        let old = &map.services[i].name;
        if !name.is_empty() && &name != old {
            actions.push(Action::Edit {
                label: format!("Rename {old} to {name}"),
                edits: vec![Edit::SetService(id, ServiceField::Name(name))],
                select: None,
            });
        }
    }
    true
}

/// The right-click menu. Returns whether it closed.
fn context_menu_ui(
    ctx: &egui::Context,
    at: &Overlay,
    gesture: &mut Gesture,
    theme: &Theme,
    actions: &mut Vec<Action>,
) -> bool {
    let Gesture::ContextMenu {
        screen,
        canvas,
        target,
    } = *gesture
    else {
        return false;
    };
    let mut next = None;
    let area = egui::Area::new(egui::Id::new("canvas-context-menu"))
        .fixed_pos(screen)
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            egui::Frame::menu(ui.style()).show(ui, |ui| match target {
                Some(i) => next = service_menu_ui(ui, at, i, theme, actions),
                None => {
                    if ui.button("Add service here").clicked() {
                        actions.push(Action::AddServiceAt(
                            f64::from(canvas.x),
                            f64::from(canvas.y),
                        ));
                        next = Some(Gesture::Idle);
                    }
                    if ui.button("Fit map").clicked() {
                        actions.push(Action::Command(UICommand::Fit));
                        next = Some(Gesture::Idle);
                    }
                }
            });
        });
    let clicked_outside =
        ctx.input(|i| i.pointer.any_pressed()) && !area.response.contains_pointer();
    if clicked_outside || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
        next.get_or_insert(Gesture::Idle);
    }
    match next {
        Some(g) => {
            *gesture = g;
            true
        }
        None => false,
    }
}

/// The context menu of a service; returns the gesture that follows a choice.
fn service_menu_ui(
    ui: &mut egui::Ui,
    at: &Overlay,
    i: usize,
    theme: &Theme,
    actions: &mut Vec<Action>,
) -> Option<Gesture> {
    let map = at.doc.map();
    let service = map.services.get(i)?;
    ui.label(egui::RichText::new(&service.name).strong());
    if ui.button("Rename").clicked() {
        return Some(Gesture::Renaming {
            id: service.id.clone(),
            text: service.name.clone(),
            focused: false,
        });
    }
    if ui.button("Delete").clicked() {
        let edits = ops::delete_services(map, &BTreeSet::from([service.id.clone()]));
        actions.push(Action::Edit {
            label: format!("Delete {}", service.name),
            edits,
            select: Some(Selection::None),
        });
        return Some(Gesture::Idle);
    }
    if ui.button("Select everything its team owns").clicked() {
        if let Some(team) = service.owner.clone() {
            actions.push(Action::SelectOwnedBy(team));
        }
        return Some(Gesture::Idle);
    }
    fixes_menu_ui(ui, at, &service.id, theme, actions)
}

/// The fixes of the findings on a service, below its context menu: each
/// previewed while the pointer is on it (the ghost, and what it does to the
/// findings as its tooltip), applied when clicked.
fn fixes_menu_ui(
    ui: &mut egui::Ui,
    at: &Overlay,
    service: &crate::model::Id,
    theme: &Theme,
    actions: &mut Vec<Action>,
) -> Option<Gesture> {
    let doc = at.doc;
    let findings = doc
        .findings()
        .iter()
        .filter(|f| !f.allowed && f.subjects.first() == Some(service))
        .filter(|f| crate::fix::has_fix(f.rule));
    let mut shown = 0;
    for finding in findings {
        let fixes = crate::fix::fixes_for(doc.map(), finding, doc.today());
        for (index, fix) in fixes.iter().enumerate().take(MAX_MENU_FIXES - shown) {
            if shown == 0 {
                ui.separator();
                ui.label(egui::RichText::new("Fix").small());
            }
            shown += 1;
            let fix_ref = crate::ui::state::FixRef {
                finding: crate::ui::state::FindingKey::of(finding),
                index,
            };
            let summary = at.ghost.map(|g| g.summary.as_str());
            if crate::ui::fix_menu::fix_button_ui(ui, fix, fix_ref, summary, theme, actions) {
                return Some(Gesture::Idle);
            }
        }
    }
    None
}

/// Most fixes a service's context menu lists.
const MAX_MENU_FIXES: usize = 8;
