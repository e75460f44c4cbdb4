//! The import dialogs: a catalog's options with what they give, a
//! workspace's levels with what each gives, and the report of the import.

use super::buttons::confirm_or_cancel_ui;
use crate::analysis::plural;
use crate::io::import::Imported;
use crate::io::import::structurizr::Level;
use crate::ui::state::{Action, Answer, AppState, Dialog};

/// Draws the import dialogs: the options, the level choice and the report.
pub(super) fn import_dialogs_ui(ctx: &egui::Context, state: &AppState, out: &mut Vec<Action>) {
    catalog_ui(ctx, state, out);
    level_ui(ctx, state, out);
    report_ui(ctx, state, out);
}

/// What one level of a workspace gives, for the level choice.
fn level_preview(imported: &Result<Imported, String>) -> String {
    match imported {
        Ok(Imported { report, .. }) => format!(
            "{}, {}, {}",
            plural(report.services, "service"),
            plural(report.links, "link"),
            plural(report.teams, "team"),
        ),
        Err(message) => message.clone(),
    }
}

/// The catalog's options, with what the import gives under them.
fn catalog_ui(ctx: &egui::Context, state: &AppState, out: &mut Vec<Action>) {
    let Some(choice) = &state.dialogs.import.catalog else {
        return;
    };
    let mut options = choice.options;
    let mut done = None;
    let modal = egui::Modal::new(egui::Id::new("import-catalog")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading("Import Backstage catalog");
        ui.label(choice.path.display().to_string());
        ui.add_space(4.0);
        ui.checkbox(&mut options.include_libraries, "Include libraries")
            .on_hover_text("Components of type library become services too");
        ui.checkbox(&mut options.systems_as_streams, "Draft a stream per system")
            .on_hover_text(
                "Backstage has no value streams: each System becomes a draft stream of its \
                 components in dependency order, marked as imported and to be checked",
            );
        ui.indent("catalog-preview", |ui| {
            let preview = match &choice.imported {
                Ok(Imported { report, .. }) => format!(
                    "{}, {}, {}, {}",
                    plural(report.teams, "team"),
                    plural(report.services, "service"),
                    plural(report.links, "link"),
                    plural(report.streams, "stream"),
                ),
                Err(message) => message.clone(),
            };
            ui.label(egui::RichText::new(preview).weak());
        });
        ui.add_space(4.0);
        done = confirm_or_cancel_ui(ui, "Import", choice.imported.is_ok());
    });
    if modal.should_close() && done.is_none() {
        done = Some(false);
    }
    if options != choice.options {
        out.push(Action::Answer(Answer::CatalogOptions(options)));
    }
    match done {
        Some(true) => out.push(Action::Answer(Answer::Import)),
        Some(false) => out.push(Action::Close(Dialog::ImportCatalog)),
        None => {}
    }
}

fn level_ui(ctx: &egui::Context, state: &AppState, out: &mut Vec<Action>) {
    let Some(choice) = &state.dialogs.import.level else {
        return;
    };
    let mut chosen = choice.level;
    let mut done = None;
    let modal = egui::Modal::new(egui::Id::new("import-level")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        ui.heading("Import Structurizr workspace");
        ui.label(choice.path.display().to_string());
        ui.add_space(4.0);
        ui.label("Which elements become services?");
        for (level, label, imported) in [
            (Level::Container, "Containers", &choice.container),
            (Level::System, "Software systems", &choice.system),
        ] {
            ui.add_enabled_ui(imported.is_ok(), |ui| {
                ui.radio_value(&mut chosen, level, label);
            });
            ui.indent(label, |ui| {
                ui.label(egui::RichText::new(level_preview(imported)).weak());
            });
        }
        if !choice.tags.is_empty() {
            ui.add_space(4.0);
            ui.label("Leave out elements tagged").on_hover_text(
                "A workspace may draw a future state beside today's: leave its elements \
                     out, with what they hold and every relationship naming them",
            );
            egui::ScrollArea::vertical()
                .max_height(120.0)
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    ui.horizontal_wrapped(|ui| {
                        for tag in &choice.tags {
                            let mut excluded = choice.excluded.contains(tag);
                            if ui.checkbox(&mut excluded, tag).changed() {
                                out.push(Action::Answer(Answer::ExcludeTag(tag.clone(), excluded)));
                            }
                        }
                    });
                });
        }
        ui.add_space(4.0);
        let chosen_ok = match chosen {
            Level::Container => choice.container.is_ok(),
            Level::System => choice.system.is_ok(),
        };
        done = confirm_or_cancel_ui(ui, "Import", chosen_ok);
    });
    if modal.should_close() && done.is_none() {
        done = Some(false);
    }
    if chosen != choice.level {
        out.push(Action::Answer(Answer::ImportLevel(chosen)));
    }
    match done {
        Some(true) => out.push(Action::Answer(Answer::Import)),
        Some(false) => out.push(Action::Close(Dialog::ImportLevel)),
        None => {}
    }
}

fn report_ui(ctx: &egui::Context, state: &AppState, out: &mut Vec<Action>) {
    let Some(report) = &state.dialogs.import.report else {
        return;
    };
    let mut close = false;
    let modal = egui::Modal::new(egui::Id::new("import-report")).show(ctx, |ui| {
        ui.set_max_width(720.0);
        ui.heading(&report.title);
        ui.label(&report.summary);
        if report.new_map {
            ui.label("The map is not saved yet: Save asks where to put it.");
        }
        ui.add_space(4.0);
        // Long reports scroll; long lines (file paths) wrap.
        egui::ScrollArea::vertical()
            .max_height(360.0)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                ui.add(egui::Label::new(egui::RichText::new(&report.text).monospace()).wrap());
            });
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            if ui.button("Copy report").clicked() {
                ui.ctx().copy_text(report.text.clone());
            }
            if ui.button("OK").clicked() {
                close = true;
            }
        });
    });
    if close || modal.should_close() {
        out.push(Action::Close(Dialog::ImportReport));
    }
}
