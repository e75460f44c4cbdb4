//! The terminal summary of a diff ([`text`]): the story of `story`, laid out
//! as indented lines with `+`, `-` and `~` marks, plain arrows, and every
//! control character of user text replaced, so that nothing in a map can
//! reach the terminal as a command.

use super::story::{Layout, LinkRow, Row, line, render};
use crate::diff::model::MapDiff;
use crate::model::{Id, Link};

/// The terminal summary. `include_moves` adds the services moved on the canvas.
pub fn text(diff: &MapDiff, include_moves: bool) -> String {
    render(diff, &Text, include_moves)
}

/// The terminal's layout.
struct Text;

/// Rows whose two values together are longer than this are written on
/// lines of their own, so that a terminal line stays readable.
const ONE_LINE_CHARS: usize = 70;

impl Layout for Text {
    fn esc(&self, s: &str) -> String {
        s.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect()
    }

    fn arrow(&self) -> &'static str {
        "->"
    }

    fn none(&self) -> &'static str {
        "(none)"
    }

    fn code(&self, s: &str) -> String {
        s.to_string()
    }

    fn emphasis(&self, s: &str) -> String {
        s.to_string()
    }

    fn heading(&self, out: &mut String, title: &str) {
        line(out, "");
        line(out, title);
    }

    fn title(&self, out: &mut String, title: &str, verdict: &str, summary: &str) {
        line(out, title);
        line(out, verdict);
        line(out, summary);
    }

    fn owner_move(&self, out: &mut String, sentence: &str) {
        line(out, &format!("  {sentence}"));
    }

    fn subject(&self, name: String, id: &Id) -> String {
        format!("{name} [{id}]")
    }

    fn path_separator(&self) -> &'static str {
        " > "
    }

    fn marked_step(&self, name: String, mark: &str) -> String {
        format!("[{mark} {name}]")
    }

    fn steps_change(&self, what: &str) -> String {
        format!("steps ({what})")
    }

    fn rows(&self, out: &mut String, _what: &str, rows: Vec<Row>) {
        let arrow = self.arrow();
        let mut last = String::new();
        for r in rows {
            let marker = match r.change.as_str() {
                "added" => "+",
                "removed" => "-",
                _ => "~",
            };
            match r.change.as_str() {
                "added" => line(out, &format!("  + {}: {}", r.subject, r.after)),
                "removed" => line(out, &format!("  - {}: {}", r.subject, r.before)),
                change => {
                    if r.subject != last {
                        line(out, &format!("  {marker} {}", r.subject));
                    }
                    if change == "allow added" {
                        line(out, &format!("      + allow {}", r.after));
                    } else if change == "allow removed" {
                        line(out, &format!("      - allow {}", r.before));
                    } else if r.before.chars().count() + r.after.chars().count() > ONE_LINE_CHARS {
                        line(out, &format!("      {change}:"));
                        line(out, &format!("        before: {}", r.before));
                        line(out, &format!("        after:  {}", r.after));
                    } else {
                        line(
                            out,
                            &format!("      {change}: {} {arrow} {}", r.before, r.after),
                        );
                    }
                }
            }
            last = r.subject;
        }
    }

    fn map_subject(&self) -> &'static str {
        "the map"
    }

    fn map_rows(&self, out: &mut String, rows: Vec<Row>) {
        self.rows(out, "map", rows);
    }

    fn link_end(&self, l: &Link) -> String {
        if l.label.is_empty() {
            l.kind.as_str().to_string()
        } else {
            format!("{} \"{}\"", l.kind.as_str(), self.esc(&l.label))
        }
    }

    fn links(&self, out: &mut String, rows: Vec<LinkRow>) {
        let arrow = self.arrow();
        for (f, t, c, b, a) in rows {
            let text = match c {
                "added" => format!("  + {f} {arrow} {t}: {a}"),
                "removed" => format!("  - {f} {arrow} {t}: {b}"),
                _ => format!("  ~ {f} {arrow} {t}: {c}: {b} {arrow} {a}"),
            };
            line(out, &text);
        }
    }

    fn noted(&self, message: &mut String, note: &str) {
        message.push_str(&format!(" [{note}]"));
    }

    fn findings(&self, out: &mut String, rows: Vec<Vec<String>>) {
        for row in rows {
            line(out, &format!("  {} {}: {}", row[0], row[1], row[2]));
        }
    }

    fn flow(&self, out: &mut String, headers: &[&str], rows: Vec<Vec<String>>) {
        for row in rows {
            let parts: Vec<String> = headers
                .iter()
                .zip(&row[1..])
                .map(|(h, v)| format!("{h} {v}"))
                .collect();
            line(out, &format!("  {}: {}", row[0], parts.join(", ")));
        }
    }

    fn prose_subject(&self, name: String, id: &Id, _what: &str) -> String {
        self.subject(name, id)
    }

    fn prose(&self, out: &mut String, _title: &str, rows: Vec<Row>) {
        self.heading(out, &format!("Descriptions ({})", rows.len()));
        self.rows(out, "element", rows);
    }

    fn moves(&self, out: &mut String, title: &str, rows: Vec<Vec<String>>) {
        self.heading(out, title);
        let arrow = self.arrow();
        for row in rows {
            line(out, &format!("  {}: {} {arrow} {}", row[0], row[1], row[2]));
        }
    }
}
