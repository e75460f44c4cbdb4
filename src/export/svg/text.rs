//! Text in SVG, which has no layout of its own: estimated widths, labels
//! elided and wrapped to fit, and escaping.

use crate::export::display_text::one_line;

/// Advance widths of ASCII 32..=126 in thousandths of an em (Helvetica's,
/// which Arial and Nimbus Sans share).
const WIDTHS: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, // ' '../
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, // 0..9
    278, 278, 584, 584, 584, 556, 1015, // :..@
    667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, // A..M
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, // N..Z
    278, 278, 278, 469, 556, 333, // [..`
    556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, // a..m
    556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, // n..z
    334, 260, 334, 584, // {..~
];

/// The estimated width of `s` at `size`, a little generous so that wider
/// fallback fonts still fit.
pub(super) fn text_width(s: &str, size: f64) -> f64 {
    let em: f64 = s
        .chars()
        .map(|c| match c {
            ' '..='~' => f64::from(WIDTHS[c as usize - 32]) / 1000.0,
            '\u{1100}'..='\u{115f}'
            | '\u{2e80}'..='\u{a4cf}'
            | '\u{ac00}'..='\u{d7a3}'
            | '\u{f900}'..='\u{faff}'
            | '\u{fe30}'..='\u{fe4f}'
            | '\u{ff00}'..='\u{ff60}'
            | '\u{ffe0}'..='\u{ffe6}'
            | '\u{1f300}'..='\u{1faff}'
            | '\u{20000}'..='\u{3fffd}' => 1.0,
            _ => 0.6,
        })
        .sum();
    em * size * 1.06
}

/// `s` cut to fit `width` with an ellipsis.
fn elide_to_width(s: &str, width: f64, size: f64) -> String {
    if text_width(s, size) <= width {
        return s.to_string();
    }
    let mut out = String::new();
    for c in s.chars() {
        let mut next = out.clone();
        next.push(c);
        next.push('…');
        if text_width(&next, size) > width {
            break;
        }
        out.push(c);
    }
    let mut out = out.trim_end().to_string();
    out.push('…');
    out
}

/// A node label in at most two lines of `width`, broken at spaces, the rest
/// elided.
pub(super) fn wrap_label(s: &str, width: f64, size: f64) -> Vec<String> {
    let s = one_line(s);
    let s = s.trim();
    if text_width(s, size) <= width {
        return vec![s.to_string()];
    }
    let words: Vec<&str> = s.split(' ').filter(|w| !w.is_empty()).collect();
    let mut first = String::new();
    let mut used = 0;
    for w in &words {
        let candidate = if first.is_empty() {
            (*w).to_string()
        } else {
            format!("{first} {w}")
        };
        if text_width(&candidate, size) > width {
            break;
        }
        first = candidate;
        used += 1;
    }
    if used == 0 {
        // One long word: cut it by characters.
        let mut head = String::new();
        let mut rest = s.chars();
        for c in rest.by_ref() {
            let mut next = head.clone();
            next.push(c);
            if text_width(&next, size) > width {
                let tail: String = std::iter::once(c).chain(rest).collect();
                return vec![head, elide_to_width(&tail, width, size)];
            }
            head = next;
        }
        return vec![head];
    }
    let rest = words[used..].join(" ");
    if rest.is_empty() {
        vec![first]
    } else {
        vec![first, elide_to_width(&rest, width, size)]
    }
}

/// Text escaped for XML character data and attribute values, with the
/// characters XML 1.0 forbids replaced. Newlines and tabs stay.
pub(super) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' => out.push(c),
            '\r' => out.push('\n'),
            c if c < ' ' || matches!(c, '\u{fffe}' | '\u{ffff}') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_covers_markup_and_forbidden_characters() {
        assert_eq!(
            esc("A & B <c> \"d\" 'e'\u{1}"),
            "A &amp; B &lt;c&gt; &quot;d&quot; &apos;e&apos; "
        );
    }

    #[test]
    fn long_labels_wrap_into_two_lines_and_elide() {
        let lines = wrap_label("Account Opening Service", 138.0, 13.0);
        assert_eq!(lines, ["Account Opening", "Service"]);
        let long = wrap_label(&"word ".repeat(40), 138.0, 13.0);
        assert_eq!(long.len(), 2);
        assert!(long[1].ends_with('…'));
        let one = wrap_label(&"x".repeat(80), 138.0, 13.0);
        assert_eq!(one.len(), 2);
        assert!(one.iter().all(|l| text_width(l, 13.0) <= 138.0));
        assert_eq!(wrap_label("Web", 138.0, 13.0), ["Web"]);
    }
}
