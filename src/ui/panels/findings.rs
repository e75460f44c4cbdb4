//! The findings, grouped by severity, filterable; clicking one focuses it.

use crate::analysis::{Severity, rule};
use crate::ui::app::{Action, VsmapApp};
use crate::ui::theme::Theme;

/// Filter state of the findings panel.
#[derive(Debug, Clone, Default)]
pub struct FindingsFilter {
    /// Severities hidden.
    pub hidden: [bool; 3],
    /// Only this rule, if set.
    pub rule: Option<&'static str>,
}

/// The findings panel.
pub fn findings_ui(app: &mut VsmapApp, ui: &mut egui::Ui, theme: &Theme) {
    egui::Panel::bottom("findings")
        .resizable(true)
        .default_size(210.0)
        .show(ui, |ui| {
            let mut filter = app.dialogs.findings_filter.clone();
            ui.horizontal(|ui| {
                ui.heading("Findings");
                for s in Severity::ALL {
                    let mut shown = !filter.hidden[s as usize];
                    ui.checkbox(
                        &mut shown,
                        egui::RichText::new(s.as_str()).color(theme.severity(s)),
                    );
                    filter.hidden[s as usize] = !shown;
                }
                let current = filter.rule.unwrap_or("all rules");
                let label = ui.label("Rule");
                egui::ComboBox::from_id_salt("rule-filter")
                    .selected_text(current)
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut filter.rule, None, "all rules");
                        let mut rules: Vec<&'static str> =
                            app.doc.findings().iter().map(|f| f.rule).collect();
                        rules.sort_unstable();
                        rules.dedup();
                        for r in rules {
                            ui.selectable_value(&mut filter.rule, Some(r), r);
                        }
                    })
                    .response
                    .labelled_by(label.id);
            });
            ui.separator();
            if let Some(compare) = &app.compare {
                compare_findings_ui(ui, compare, theme);
                ui.separator();
            }
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    let mut shown = 0;
                    for severity in Severity::ALL {
                        if filter.hidden[severity as usize] {
                            continue;
                        }
                        let findings = app.doc.findings().to_vec();
                        for (index, finding) in findings.iter().enumerate() {
                            if finding.severity != severity
                                || filter.rule.is_some_and(|r| r != finding.rule)
                            {
                                continue;
                            }
                            shown += 1;
                            let color = if finding.allowed {
                                theme.allowed()
                            } else {
                                theme.severity(severity)
                            };
                            let title = rule(finding.rule).map_or(finding.rule, |r| r.title);
                            let expanded = app.expanded_finding == Some(index);
                            ui.horizontal(|ui| {
                                crate::ui::theme::dot_ui(ui, color);
                                // The action comes first so a long message never pushes it out of view.
                                if finding.allowed {
                                    ui.label(
                                        egui::RichText::new("allowed")
                                            .color(theme.allowed())
                                            .small(),
                                    );
                                } else if finding.rule != crate::analysis::UNUSED_ALLOW.id
                                    && ui
                                        .small_button("Allow…")
                                        .on_hover_text(
                                            "Accept this finding on purpose, with a reason",
                                        )
                                        .clicked()
                                {
                                    app.act(Action::AskAllow(index));
                                }
                                ui.label(
                                    egui::RichText::new(finding.rule).small().monospace().color(
                                        if finding.allowed {
                                            theme.allowed()
                                        } else {
                                            theme.muted
                                        },
                                    ),
                                );
                                let mut text = egui::RichText::new(&finding.message);
                                if finding.allowed {
                                    text = text.color(theme.allowed()).italics();
                                } else if expanded {
                                    text = text.strong();
                                }
                                let row = ui
                                    .add(
                                        egui::Label::new(text)
                                            .truncate()
                                            .sense(egui::Sense::click()),
                                    )
                                    .on_hover_text(title);
                                if row.clicked() {
                                    app.act(Action::FocusFinding(index));
                                }
                            });
                            if expanded && let Some(r) = rule(finding.rule) {
                                ui.indent(("finding-detail", index), |ui| {
                                    ui.label(
                                        egui::RichText::new(format!(
                                            "{} · {}",
                                            finding.rule, finding.severity
                                        ))
                                        .small()
                                        .color(theme.muted),
                                    );
                                    ui.label(r.explanation);
                                    ui.label(
                                        egui::RichText::new(format!("Fix: {}", r.hint)).strong(),
                                    );
                                });
                            }
                        }
                    }
                    if shown == 0 {
                        ui.label(egui::RichText::new("No findings match.").color(theme.muted));
                    }
                });
            app.dialogs.findings_filter = filter;
        });
}

/// While comparing: how the findings changed between the two maps.
fn compare_findings_ui(ui: &mut egui::Ui, compare: &crate::ui::compare::Compare, theme: &Theme) {
    let f = &compare.diff.findings;
    ui.label(
        egui::RichText::new(format!(
            "Compared with the other map: {}",
            compare.findings_summary()
        ))
        .strong(),
    );
    for (title, list, color) in [
        ("Resolved", &f.resolved, theme.added),
        ("Introduced", &f.introduced, theme.removed),
    ] {
        egui::CollapsingHeader::new(format!("{title} ({})", list.len()))
            .id_salt(title)
            .show(ui, |ui| {
                for finding in list {
                    ui.horizontal(|ui| {
                        crate::ui::theme::dot_ui(ui, color);
                        ui.label(
                            egui::RichText::new(finding.rule)
                                .small()
                                .monospace()
                                .color(theme.muted),
                        );
                        ui.add(egui::Label::new(&finding.message).truncate());
                    });
                }
            });
    }
}
