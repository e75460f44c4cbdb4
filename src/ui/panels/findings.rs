//! The findings, grouped by severity, filterable; clicking one focuses it.
//!
//! The panel keeps the height it is given (or dragged to) and scrolls what
//! does not fit: unfolding a long explanation or the comparison's lists
//! never pushes the canvas away.

use crate::analysis::{Finding, Severity, rule};
use crate::ui::state::{Action, AppState, Compare, FindingKey, FindingsFilter, Revision};
use crate::ui::theme::Theme;
use crate::ui::widgets;

/// Above this many findings only the visible rows are laid out.
const VIRTUAL_ROWS: usize = 300;
/// The panel's height when first shown.
const DEFAULT_HEIGHT: f32 = 210.0;
/// The panel never takes more than this share of the window's height.
const MAX_SHARE: f32 = 0.6;

/// The findings the panel lists, in order, for the last findings and filter:
/// worked out once per change, not on every frame.
#[derive(Debug, Default)]
pub struct FindingsRows {
    key: Option<(Revision, FindingsFilter)>,
    rows: Vec<usize>,
}

impl FindingsRows {
    /// Indices into `findings` of those the filter shows, errors first.
    fn refresh(&mut self, findings: &[Finding], revision: Revision, filter: &FindingsFilter) {
        if self
            .key
            .as_ref()
            .is_some_and(|(r, f)| *r == revision && f == filter)
        {
            return;
        }
        self.rows.clear();
        for severity in Severity::ALL {
            if filter.hidden[severity as usize] {
                continue;
            }
            self.rows
                .extend(findings.iter().enumerate().filter_map(|(i, f)| {
                    (f.severity == severity && filter.rule.is_none_or(|r| r == f.rule)).then_some(i)
                }));
        }
        self.key = Some((revision, filter.clone()));
    }
}

/// The findings panel.
pub fn findings_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    rows: &mut FindingsRows,
    theme: &Theme,
) -> Vec<Action> {
    let mut out = Vec::new();
    // The finding under the pointer this frame, if any.
    let mut hovered: Option<FindingKey> = None;
    let max = (ui.ctx().content_rect().height() * MAX_SHARE).max(DEFAULT_HEIGHT);
    egui::Panel::bottom("findings")
        .resizable(true)
        .default_size(DEFAULT_HEIGHT)
        .max_size(max)
        .show(ui, |ui| {
            filter_row_ui(ui, state, theme, &mut out);
            ui.separator();
            let doc = state.shown_doc();
            let findings = doc.findings();
            rows.refresh(findings, doc.revision(), &state.findings_filter);
            let expanded = state.expanded_finding.as_ref();
            let area = egui::ScrollArea::vertical()
                .id_salt("findings-rows")
                .auto_shrink([false, false]);
            if rows.rows.len() > VIRTUAL_ROWS {
                // Thousands of findings: only the rows in view are laid out;
                // the comparison and the unfolded explanation sit above them,
                // in a scrolling area of their own.
                egui::ScrollArea::vertical()
                    .id_salt("findings-detail")
                    .max_height(ui.available_height() * 0.4)
                    .show(ui, |ui| {
                        if let Some(compare) = &state.compare {
                            compare_findings_ui(ui, compare, theme);
                        }
                        if let Some(finding) = state.expanded() {
                            finding_detail_ui(ui, finding, theme);
                        }
                    });
                let height = ui.spacing().interact_size.y;
                area.show_rows(ui, height, rows.rows.len(), |ui, range| {
                    for &index in &rows.rows[range] {
                        let finding = &findings[index];
                        if finding_row_ui(ui, state, finding, expanded, theme, &mut out) {
                            hovered = Some(FindingKey::of(finding));
                        }
                    }
                });
                return;
            }
            area.show(ui, |ui| {
                if let Some(compare) = &state.compare {
                    compare_findings_ui(ui, compare, theme);
                    ui.separator();
                }
                if rows.rows.is_empty() {
                    ui.label(egui::RichText::new("No findings match.").color(theme.muted));
                }
                for &index in &rows.rows {
                    let finding = &findings[index];
                    if finding_row_ui(ui, state, finding, expanded, theme, &mut out) {
                        hovered = Some(FindingKey::of(finding));
                    }
                    if expanded.is_some_and(|k| k.names(finding)) {
                        ui.indent(("finding-detail", index), |ui| {
                            finding_detail_ui(ui, finding, theme);
                        });
                    }
                }
            });
        });
    if hovered != state.hovered_finding {
        out.push(Action::HoverFinding(hovered));
    }
    out
}

/// The heading with the severity and rule filters.
fn filter_row_ui(ui: &mut egui::Ui, state: &AppState, theme: &Theme, out: &mut Vec<Action>) {
    let mut filter = state.findings_filter.clone();
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
                let mut rules: Vec<&'static str> = state
                    .shown_doc()
                    .findings()
                    .iter()
                    .map(|f| f.rule)
                    .collect();
                rules.sort_unstable();
                rules.dedup();
                for r in rules {
                    ui.selectable_value(&mut filter.rule, Some(r), r);
                }
            })
            .response
            .labelled_by(label.id);
    });
    if filter != state.findings_filter {
        out.push(Action::SetFindingsFilter(filter));
    }
}

/// One finding: its severity, Allow… and Fix ▾, its rule and its message,
/// which focuses the finding when clicked; returns whether the pointer is
/// on the message.
fn finding_row_ui(
    ui: &mut egui::Ui,
    state: &AppState,
    finding: &Finding,
    expanded: Option<&FindingKey>,
    theme: &Theme,
    out: &mut Vec<Action>,
) -> bool {
    // The map shown: in the compare view's Before, the map compared with,
    // whose findings cannot be allowed or fixed from here (read-only).
    let allows = &state.shown_doc().map().allow;
    let editable = state.shows_open_map();
    let allowed = finding.allowed;
    let reason = allowed
        .then(|| crate::analysis::allow_reason(allows, finding))
        .flatten();
    let color = if allowed {
        theme.allowed()
    } else {
        theme.severity(finding.severity)
    };
    let title = rule(finding.rule).map_or(finding.rule, |r| r.title);
    let is_expanded = expanded.is_some_and(|k| k.names(finding));
    ui.horizontal(|ui| {
        crate::ui::theme::dot_ui(ui, color);
        // The action comes first so a long message never pushes it out of view.
        if allowed {
            ui.label(
                egui::RichText::new("allowed")
                    .color(theme.allowed())
                    .small(),
            )
            .on_hover_text(reason.unwrap_or("Allowed by an allow entry"));
        } else if editable && finding.rule != crate::analysis::UNUSED_ALLOW.id {
            let allow = ui
                .small_button("Allow…")
                .on_hover_text("Accept this finding on purpose, with a reason");
            widgets::keep_focus_in_view(&allow);
            if allow.clicked() {
                out.push(Action::AskAllow(FindingKey::of(finding)));
            }
            if crate::fix::has_fix(finding.rule) {
                crate::ui::fix_menu::fix_menu_ui(ui, state, finding, theme, out);
            }
        }
        ui.label(
            egui::RichText::new(finding.rule)
                .small()
                .monospace()
                .color(if allowed {
                    theme.allowed()
                } else {
                    theme.muted
                }),
        );
        let mut text = egui::RichText::new(match reason {
            Some(reason) => format!("{} — allowed: {reason}", finding.message),
            None => finding.message.clone(),
        });
        if allowed {
            text = text.color(theme.allowed()).italics();
        } else if is_expanded {
            text = text.strong();
        }
        let row = ui
            .add(
                egui::Label::new(text)
                    .truncate()
                    .sense(egui::Sense::click()),
            )
            .on_hover_text(match reason {
                Some(reason) => format!("{title}\nAllowed: {reason}"),
                None => title.to_string(),
            });
        widgets::focus_ring(ui, &row, theme);
        if row.clicked() {
            out.push(Action::FocusFinding(FindingKey::of(finding)));
        }
        row.hovered()
    })
    .inner
}

/// The unfolded explanation and fix of a finding.
fn finding_detail_ui(ui: &mut egui::Ui, finding: &Finding, theme: &Theme) {
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
fn compare_findings_ui(ui: &mut egui::Ui, compare: &Compare, theme: &Theme) {
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
