//! What the canvas draws over the graph on every frame, live or replayed:
//! gesture feedback, hover tooltips, the inline rename field and the
//! context menu, with the hit tests they need.

use super::*;

impl Canvas {
    /// Tooltips, the rename field, the context menu and gesture feedback:
    /// drawn every frame, live or replayed, on their own layers.
    pub(super) fn overlays_ui(
        &mut self,
        ui: &mut egui::Ui,
        doc: &Document,
        theme: &Theme,
        pointer: Option<Pos2>,
        actions: &mut Vec<Action>,
    ) {
        let ctx = ui.ctx().clone();
        let map = doc.map();
        let fg = ui.painter().clone().with_layer_id(egui::LayerId::new(
            egui::Order::Foreground,
            egui::Id::new("canvas-fg"),
        ));
        if let (Some(start), Some(p)) = (self.box_start, pointer) {
            fg.rect(
                Rect::from_two_pos(start, p),
                0.0,
                theme.selection.gamma_multiply(0.12),
                Stroke::new(1.0, theme.selection),
                egui::StrokeKind::Inside,
            );
        }
        if let (Some(from), Some(p)) = (self.link_from, pointer) {
            let a = self.transform.to_screen(display_positions(map)[from]);
            fg.arrow(a, p - a, Stroke::new(2.0, theme.selection));
        }

        self.rename_ui(&ctx, map, actions);
        self.context_menu_ui(&ctx, map, actions);

        // Hover: findings of a node, or a link's label.
        let Some(p) = pointer.filter(|p| self.rect.contains(*p)) else {
            return;
        };
        if self.renaming.is_some()
            || self.context_menu.is_some()
            || ctx.input(|i| i.pointer.any_down())
        {
            return;
        }
        let text = if let Some(i) = self.service_at(map, p) {
            let s = &map.services[i];
            let owner = s
                .owner
                .as_ref()
                .and_then(|t| map.team(t.as_str()))
                .map_or("no owner".to_string(), |t| {
                    shapes::elide(&t.name, 120).into_owned()
                });
            // Names may be a thousand characters long; a tooltip shows the start.
            let mut lines = vec![format!(
                "{} ({}, {owner})",
                shapes::elide(&s.name, 120),
                s.kind.label()
            )];
            lines.extend(
                doc.findings()
                    .iter()
                    .filter(|f| f.subjects.contains(&s.id))
                    .map(|f| format!("{} {}: {}", f.severity, f.rule, f.message)),
            );
            Some(lines.join("\n"))
        } else {
            self.link_at(map, p).map(|l| {
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
                ui.layer_id(),
                egui::Id::new("canvas-hover"),
                p + vec2(14.0, 14.0),
            )
            .show(|ui| {
                ui.label(text);
            });
        }
    }

    pub(super) fn link_at(&self, map: &Map, screen: Pos2) -> Option<usize> {
        let positions = display_positions(map);
        let index: HashMap<&Id, usize> = map
            .services
            .iter()
            .enumerate()
            .map(|(i, s)| (&s.id, i))
            .collect();
        let tolerance = 6.0 / self.transform.zoom;
        let p = self.transform.to_canvas(screen);
        map.links
            .iter()
            .position(|l| match (index.get(&l.from), index.get(&l.to)) {
                (Some(&a), Some(&b)) => {
                    distance_to_segment(p, positions[a], positions[b]) < tolerance
                }
                _ => false,
            })
    }

    pub(super) fn rename_ui(&mut self, ctx: &egui::Context, map: &Map, actions: &mut Vec<Action>) {
        let Some((id, text, focused)) = &mut self.renaming else {
            return;
        };
        let Some(i) = map.services.iter().position(|s| &s.id == id) else {
            self.renaming = None;
            return;
        };
        let center = self.transform.to_screen(display_positions(map)[i]);
        let width = (NODE_SIZE.x * self.transform.zoom).max(140.0);
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
        if let Some(commit) = done {
            if let Some((id, name, _)) = self.renaming.take()
                && commit
            {
                let name = name.trim().to_string();
                let old = &map.services[i].name;
                if !name.is_empty() && &name != old {
                    let label = format!("Rename {old} to {name}");
                    actions.push(Action::Edit {
                        label,
                        edits: vec![Edit::SetService(id, ServiceField::Name(name))],
                        select: None,
                    });
                }
            }
            self.force_live = true;
        }
    }

    pub(super) fn context_menu_ui(
        &mut self,
        ctx: &egui::Context,
        map: &Map,
        actions: &mut Vec<Action>,
    ) {
        let Some((screen, canvas, target)) = self.context_menu else {
            return;
        };
        let mut close = false;
        let area = egui::Area::new(egui::Id::new("canvas-context-menu"))
            .fixed_pos(screen)
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                egui::Frame::menu(ui.style()).show(ui, |ui| match target {
                    Some(i) => {
                        let id = map.services[i].id.clone();
                        ui.label(egui::RichText::new(&map.services[i].name).strong());
                        if ui.button("Rename").clicked() {
                            self.renaming = Some((id.clone(), map.services[i].name.clone(), false));
                            close = true;
                        }
                        if ui.button("Delete").clicked() {
                            let edits = ops::delete_services(map, &BTreeSet::from([id.clone()]));
                            actions.push(Action::Edit {
                                label: format!("Delete {}", map.services[i].name),
                                edits,
                                select: Some(Selection::None),
                            });
                            close = true;
                        }
                        if ui.button("Select everything its team owns").clicked() {
                            if let Some(team) = map.services[i].owner.clone() {
                                actions.push(Action::SelectOwnedBy(team));
                            }
                            close = true;
                        }
                    }
                    None => {
                        if ui.button("Add service here").clicked() {
                            actions.push(Action::AddServiceAt(
                                f64::from(canvas.x),
                                f64::from(canvas.y),
                            ));
                            close = true;
                        }
                        if ui.button("Fit map").clicked() {
                            self.request_fit();
                            close = true;
                        }
                    }
                });
            });
        let clicked_outside =
            ctx.input(|i| i.pointer.any_pressed()) && !area.response.contains_pointer();
        if close || clicked_outside || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            self.context_menu = None;
            self.force_live = true;
        }
    }
}
