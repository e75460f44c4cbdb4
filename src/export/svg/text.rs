//! Text in SVG, which has no layout of its own: escaping, and the width
//! estimate ([`crate::text::text_width`]) that the picture lays text out by.

pub(super) use crate::text::text_width;

/// Text escaped for XML character data and attribute values, with the
/// characters XML 1.0 forbids replaced. Newlines and tabs stay.
pub(crate) fn esc(s: &str) -> String {
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
}
