//! The review section of a diff in markdown ([`markdown`]), to paste into a
//! pull request or review document: the story of `story` as headings and
//! tables (CommonMark with GitHub's tables), descriptions folded away.
//! User text is escaped ([`escape_markdown`]) so that a service named `a|b`
//! or `<script>` stays plain text.

use super::story::{Layout, LinkRow, Row, line, render};
use crate::diff::model::MapDiff;
use crate::model::{Id, Link};

/// The review section in markdown, to paste into a pull request or review
/// document. `include_moves` adds the services moved on the canvas.
pub fn markdown(diff: &MapDiff, include_moves: bool) -> String {
    render(diff, &Markdown, include_moves)
}

/// Escapes text for markdown (CommonMark and GitHub's extensions) so that it
/// renders as itself inside a line: no emphasis, code, links, HTML, table
/// cells, strikethrough, maths or line breaks can come out of it.
pub fn escape_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '$' => {
                out.push('\\');
                out.push(c);
            }
            // `<` starts HTML and autolinks; a `>` alone is harmless inside
            // a line (user text never starts one), so "a -> b" stays as is.
            '<' => out.push_str("&lt;"),
            // Only an `&` that could start an entity needs escaping; a lone
            // "Accounts & Savings" stays readable in the source.
            '&' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("&amp;")
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Markdown's layout.
struct Markdown;

/// A table: a header row, the separator, then the rows (an empty cell is a
/// space, so that every row has all its cells).
fn table(out: &mut String, header: &[&str], rows: &[Vec<String>]) {
    line(out, &format!("| {} |", header.join(" | ")));
    line(out, &format!("|{}", "---|".repeat(header.len())));
    for row in rows {
        let cells: Vec<&str> = row
            .iter()
            .map(|c| if c.is_empty() { " " } else { c.as_str() })
            .collect();
        line(out, &format!("| {} |", cells.join(" | ")));
    }
}

impl Layout for Markdown {
    fn esc(&self, s: &str) -> String {
        escape_markdown(s)
    }

    fn arrow(&self) -> &'static str {
        "→"
    }

    fn none(&self) -> &'static str {
        "—"
    }

    fn code(&self, s: &str) -> String {
        format!("`{s}`")
    }

    fn emphasis(&self, s: &str) -> String {
        format!("**{s}**")
    }

    fn heading(&self, out: &mut String, title: &str) {
        line(out, "");
        line(out, &format!("### {title}"));
        line(out, "");
    }

    fn title(&self, out: &mut String, title: &str, verdict: &str, summary: &str) {
        line(out, &format!("## {title}"));
        line(out, "");
        line(out, &format!("**{verdict}.**"));
        line(out, "");
        let stop = if summary.ends_with('.') { "" } else { "." };
        line(out, &format!("{summary}{stop}"));
    }

    fn owner_move(&self, out: &mut String, sentence: &str) {
        line(out, &format!("- {sentence}"));
    }

    fn subject(&self, name: String, _id: &Id) -> String {
        name
    }

    fn path_separator(&self) -> &'static str {
        " → "
    }

    fn marked_step(&self, name: String, mark: &str) -> String {
        if mark == "-" {
            format!("~~{name}~~")
        } else {
            format!("**{name}**")
        }
    }

    fn steps_change(&self, what: &str) -> String {
        format!("steps: {what}")
    }

    fn rows(&self, out: &mut String, what: &str, rows: Vec<Row>) {
        let rows: Vec<Vec<String>> = rows
            .into_iter()
            .map(|r| vec![r.subject, r.change, r.before, r.after])
            .collect();
        table(out, &[what, "change", "before", "after"], &rows);
    }

    fn map_subject(&self) -> &'static str {
        "map"
    }

    fn map_rows(&self, out: &mut String, rows: Vec<Row>) {
        let rows: Vec<Vec<String>> = rows
            .into_iter()
            .map(|r| vec![r.change, r.before, r.after])
            .collect();
        table(out, &["field", "before", "after"], &rows);
    }

    fn link_end(&self, l: &Link) -> String {
        let label = if l.label.is_empty() {
            String::new()
        } else {
            format!(" {}", self.esc(&l.label))
        };
        format!("`{}`{}", l.kind.as_str(), label)
    }

    fn links(&self, out: &mut String, rows: Vec<LinkRow>) {
        let rows: Vec<Vec<String>> = rows
            .into_iter()
            .map(|(f, t, c, b, a)| vec![f, t, c.to_string(), b, a])
            .collect();
        table(out, &["from", "to", "change", "before", "after"], &rows);
    }

    fn noted(&self, message: &mut String, note: &str) {
        message.push_str(&format!(" _({note})_"));
    }

    fn findings(&self, out: &mut String, rows: Vec<Vec<String>>) {
        table(out, &["severity", "rule", "finding"], &rows);
    }

    fn flow(&self, out: &mut String, headers: &[&str], rows: Vec<Vec<String>>) {
        let mut header = vec!["stream"];
        header.extend(headers);
        table(out, &header, &rows);
    }

    fn prose_subject(&self, name: String, _id: &Id, what: &str) -> String {
        format!("{name}{what}")
    }

    fn prose(&self, out: &mut String, title: &str, rows: Vec<Row>) {
        line(out, "");
        line(out, &format!("<details><summary>{title}</summary>"));
        line(out, "");
        let rows: Vec<Vec<String>> = rows
            .into_iter()
            .map(|r| vec![r.subject, r.before, r.after])
            .collect();
        table(out, &["element", "before", "after"], &rows);
        line(out, "");
        line(out, "</details>");
    }

    fn moves(&self, out: &mut String, title: &str, rows: Vec<Vec<String>>) {
        self.heading(out, title);
        table(out, &["service", "before", "after"], &rows);
    }
}
