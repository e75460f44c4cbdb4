//! The findings, grouped by severity, filterable; clicking one focuses it.

use crate::analysis::{Severity, rule};
use crate::ui::app::{Action, VsmapApp};
use crate::ui::theme::Theme;

/// Above this many findings only the visible rows are laid out.
const VIRTUAL_ROWS: usize = 300;

/// The findings the panel lists, in order, for the last findings and filter:
/// worked out once per change, not on every frame.
#[derive(Debug, Default)]
pub struct FindingsRows {
    key: Option<(u64, [bool; 3], Option<&'static str>)>,
    rows: std::sync::Arc<Vec<usize>>,
}

impl FindingsRows {
    /// Indices into `findings` of those the filter shows, errors first.
    fn refresh(
        &mut self,
        findings: &[crate::analysis::Finding],
        revision: u64,
        filter: &FindingsFilter,
    ) -> std::sync::Arc<Vec<usize>> {
        let key = (revision, filter.hidden, filter.rule);
        if self.key != Some(key) {
            let mut rows = Vec::new();
            for severity in Severity::ALL {
                if filter.hidden[severity as usize] {
                    continue;
                }
                rows.extend(findings.iter().enumerate().filter_map(|(i, f)| {
                    (f.severity == severity && filter.rule.is_none_or(|r| r == f.rule)).then_some(i)
                }));
            }
            self.rows = std::sync::Arc::new(rows);
            self.key = Some(key);
        }
        self.rows.clone()
    }
}

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
            let rows =
                app.dialogs
                    .findings_rows
                    .refresh(app.doc.findings(), app.doc.revision(), &filter);
            let area = egui::ScrollArea::vertical().auto_shrink([false, false]);
            if rows.is_empty() {
                ui.label(egui::RichText::new("No findings match.").color(theme.muted));
            } else if rows.len() > VIRTUAL_ROWS {
                // Thousands of findings: only the rows in view are laid out,
                // and the unfolded explanation sits above them.
                if let Some(index) = app.expanded_finding
                    && rows.contains(&index)
                {
                    finding_detail_ui(app, ui, index, theme);
                    ui.separator();
                }
                let height = ui.spacing().interact_size.y;
                area.show_rows(ui, height, rows.len(), |ui, range| {
                    for &index in &rows[range] {
                        finding_row_ui(app, ui, index, theme);
                    }
                });
            } else {
                area.show(ui, |ui| {
                    for &index in rows.iter() {
                        finding_row_ui(app, ui, index, theme);
                        if app.expanded_finding == Some(index) {
                            ui.indent(("finding-detail", index), |ui| {
                                finding_detail_ui(app, ui, index, theme);
                            });
                        }
                    }
                });
            }
            app.dialogs.findings_filter = filter;
        });
}

/// One finding: its severity, an Allow… button, its rule and its message,
/// which focuses the finding when clicked.
fn finding_row_ui(app: &mut VsmapApp, ui: &mut egui::Ui, index: usize, theme: &Theme) {
    let Some(finding) = app.doc.findings().get(index) else {
        return;
    };
    let (severity, allowed, rule_id) = (finding.severity, finding.allowed, finding.rule);
    let message = finding.message.clone();
    let color = if allowed {
        theme.allowed()
    } else {
        theme.severity(severity)
    };
    let title = rule(rule_id).map_or(rule_id, |r| r.title);
    let expanded = app.expanded_finding == Some(index);
    ui.horizontal(|ui| {
        crate::ui::theme::dot_ui(ui, color);
        // The action comes first so a long message never pushes it out of view.
        if allowed {
            ui.label(
                egui::RichText::new("allowed")
                    .color(theme.allowed())
                    .small(),
            );
        } else if rule_id != crate::analysis::UNUSED_ALLOW.id
            && ui
                .small_button("Allow…")
                .on_hover_text("Accept this finding on purpose, with a reason")
                .clicked()
        {
            app.act(Action::AskAllow(index));
        }
        ui.label(
            egui::RichText::new(rule_id)
                .small()
                .monospace()
                .color(if allowed {
                    theme.allowed()
                } else {
                    theme.muted
                }),
        );
        let mut text = egui::RichText::new(message);
        if allowed {
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
}

/// The unfolded explanation and fix of a finding.
fn finding_detail_ui(app: &VsmapApp, ui: &mut egui::Ui, index: usize, theme: &Theme) {
    let Some(finding) = app.doc.findings().get(index) else {
        return;
    };
    let Some(r) = rule(finding.rule) else { return };
    ui.label(
        egui::RichText::new(format!("{} · {}", finding.rule, finding.severity))
            .small()
            .color(theme.muted),
    );
    ui.label(r.explanation);
    ui.label(egui::RichText::new(format!("Fix: {}", r.hint)).strong());
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
        ("Resolved", f.resolved(), theme.added),
        ("Introduced", f.introduced(), theme.removed),
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
