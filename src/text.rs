//! User text for display, free of any GUI type: names shown where a file
//! could make them arbitrarily long are cut by characters (never inside one)
//! before anything measures or lays them out; a width estimate that needs no
//! font; and a service's name wrapped into the lines its box shows.
//!
//! The canvas and the SVG export both break names with [`wrap_name`], so the
//! two drawings show the same lines in boxes of the same size; the estimate
//! is generous so that the canvas' own font fits in the width it promises.

use std::borrow::Cow;

/// Most characters of a label laid out on the canvas. A node shows well
/// under 100 at any zoom (150 points wide, the font at least 9 points), and
/// a name may have [`crate::model::limits::MAX_NAME_CHARS`]: the rest is cut
/// before layout instead of being measured and elided on every redraw.
pub const MAX_LABEL_CHARS: usize = 200;

/// `s` cut to at most `max` characters, with "…" when cut.
pub fn elide(s: &str, max: usize) -> Cow<'_, str> {
    match s.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &s[..end]).into(),
        None => s.into(),
    }
}

/// A finding count as a badge shows it: the number up to 99, then "99+",
/// so a badge stays a pill a few characters wide.
pub fn badge_count(count: usize) -> String {
    if count > 99 {
        "99+".to_owned()
    } else {
        count.to_string()
    }
}

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

/// The estimated width of a character in ems: Helvetica's for ASCII, a full
/// em for wide (East Asian, emoji) characters, 0.6 for the rest.
fn char_width(c: char) -> f64 {
    match c {
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
    }
}

/// The estimated width of `s` at font `size`, a little generous so that
/// wider fallback fonts (and the canvas' own font) still fit.
pub fn text_width(s: &str, size: f64) -> f64 {
    s.chars().map(char_width).sum::<f64>() * size * 1.06
}

/// `s` cut to fit `width` at `size`, ending in "…" when cut.
pub fn elide_to_width(s: &str, width: f64, size: f64) -> String {
    if text_width(s, size) <= width {
        return s.to_string();
    }
    let budget = width / (size * 1.06) - char_width('…');
    let mut used = 0.0;
    let mut out = String::new();
    for c in s.chars() {
        used += char_width(c);
        if used > budget {
            break;
        }
        out.push(c);
    }
    let mut out = out.trim_end().to_string();
    out.push('…');
    out
}

/// A name broken into the lines a box shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrapped {
    /// The lines, at least one (empty for an empty name).
    pub lines: Vec<String>,
    /// Whether the name did not fit and its last line ends in "…".
    pub cut: bool,
}

/// One unbreakable piece of a name and what joins it to the next piece on
/// the same line (a space, or nothing after a hyphen or at a case change).
struct Piece<'a> {
    text: &'a str,
    space: bool,
}

/// Whether a line may break between `a` and `b`, where `c` follows `b`:
/// after a hyphen, slash or underscore, and at a case change (lower to
/// upper, "orderService"; or an acronym's end, "APIGateway").
fn breaks_between(a: char, b: char, c: Option<char>) -> bool {
    matches!(a, '-' | '/' | '_') && !matches!(b, '-' | '/' | '_')
        || a.is_lowercase() && b.is_uppercase()
        || a.is_uppercase() && b.is_uppercase() && c.is_some_and(char::is_lowercase)
}

/// `s` cut into pieces at spaces (dropped) and at the other break points.
fn pieces(s: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    for word in s.split(|c: char| c.is_whitespace() || c.is_control()) {
        if word.is_empty() {
            continue;
        }
        let chars: Vec<(usize, char)> = word.char_indices().collect();
        let mut start = 0;
        for k in 1..chars.len() {
            let next = chars.get(k + 1).map(|&(_, c)| c);
            if breaks_between(chars[k - 1].1, chars[k].1, next) {
                out.push(Piece {
                    text: &word[start..chars[k].0],
                    space: false,
                });
                start = chars[k].0;
            }
        }
        out.push(Piece {
            text: &word[start..],
            space: true,
        });
    }
    out
}

/// `name` in at most `max_lines` lines no wider than `width` at font `size`
/// (by [`text_width`]): broken at spaces, after hyphens and at case changes,
/// a piece too long for a line broken anywhere, and only what does not fit
/// in `max_lines` cut, with "…". Lines are filled greedily, so the name
/// takes as few lines as it can. Whitespace and control characters count
/// as spaces; at most [`MAX_LABEL_CHARS`] characters are considered.
pub fn wrap_name(name: &str, width: f64, size: f64, max_lines: usize) -> Wrapped {
    let name = elide(name, MAX_LABEL_CHARS);
    let elided = matches!(name, Cow::Owned(_));
    wrap_lines(&name, width, size, max_lines, elided)
}

/// Prose (a description, a finding's message) in at most `max_lines`
/// lines no wider than `width` at font `size`, broken as [`wrap_name`]
/// breaks a name but with no cap on its length: only what does not fit in
/// `max_lines` is cut, with "…".
pub fn wrap_text(text: &str, width: f64, size: f64, max_lines: usize) -> Wrapped {
    wrap_lines(text, width, size, max_lines, false)
}

/// The lines of `name`; `cut` when it was already shortened.
fn wrap_lines(name: &str, width: f64, size: f64, max_lines: usize, cut: bool) -> Wrapped {
    let fits = |s: &str| text_width(s, size) <= width;
    let mut cut = cut;
    // The pieces, those wider than a line cut where the line is full: each
    // chunk fits a line alone (or is one character).
    let mut chunks: Vec<(String, bool)> = Vec::new();
    for piece in pieces(name) {
        let mut chunk = String::new();
        for c in piece.text.chars() {
            chunk.push(c);
            if !fits(&chunk) && chunk.chars().count() > 1 {
                chunk.pop();
                chunks.push((std::mem::take(&mut chunk), false));
                chunk.push(c);
            }
        }
        chunks.push((chunk, piece.space));
    }
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut joint = "";
    // What joined the last full line to the chunk that did not fit.
    let mut broken_at = "";
    let mut next = 0;
    while let Some((text, space)) = chunks.get(next) {
        let candidate = format!("{line}{joint}{text}");
        if line.is_empty() || fits(&candidate) {
            line = candidate;
            joint = if *space { " " } else { "" };
            next += 1;
        } else {
            lines.push(std::mem::take(&mut line));
            broken_at = std::mem::take(&mut joint);
            if lines.len() == max_lines.max(1) {
                break;
            }
        }
    }
    if next < chunks.len() {
        // What does not fit joins the last line, which is then cut.
        cut = true;
        let mut rest = lines.pop().unwrap_or_default();
        let mut joint = broken_at;
        for (text, space) in &chunks[next..] {
            rest.push_str(joint);
            rest.push_str(text);
            joint = if *space { " " } else { "" };
        }
        line = rest;
    }
    if cut {
        line = elide_to_width(line.trim_end_matches('…'), width, size);
        if !line.ends_with('…') {
            line.push('…');
        }
    }
    lines.push(line);
    Wrapped { lines, cut }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_by_characters_not_bytes() {
        assert_eq!(elide("short", 10), "short");
        assert_eq!(elide("short", 5), "short");
        assert_eq!(elide("ééééé", 3), "ééé…");
        assert!(matches!(elide("abc", 3), Cow::Borrowed(_)));
    }

    #[test]
    fn badge_counts_stop_at_99() {
        assert_eq!(badge_count(7), "7");
        assert_eq!(badge_count(99), "99");
        assert_eq!(badge_count(100), "99+");
    }

    /// Lines of `name` at the SVG's label size in a plain service's width.
    fn wrap(name: &str, lines: usize) -> Vec<String> {
        wrap_name(name, 138.0, 13.0, lines).lines
    }

    #[test]
    fn prose_wraps_whole_past_the_label_cap_and_is_cut_only_at_the_last_line() {
        let text = "word ".repeat(60);
        assert!(text.chars().count() > MAX_LABEL_CHARS);
        let whole = wrap_text(&text, 200.0, 10.0, 100);
        assert!(!whole.cut);
        assert_eq!(whole.lines.join(" ").split_whitespace().count(), 60);
        let short = wrap_text(&text, 200.0, 10.0, 2);
        assert!(short.cut);
        assert_eq!(short.lines.len(), 2);
        assert!(short.lines[1].ends_with('…'));
        // A name is still capped.
        assert!(wrap_name(&text, 200.0, 10.0, 100).cut);
    }

    #[test]
    fn short_names_stay_on_one_line() {
        assert_eq!(wrap("Web", 3), ["Web"]);
        assert_eq!(wrap("Sanctions Screening", 3), ["Sanctions Screening"]);
        assert_eq!(wrap("", 3), [""]);
        assert!(!wrap_name("Web", 138.0, 13.0, 3).cut);
    }

    #[test]
    fn names_break_at_spaces_as_late_as_they_fit() {
        assert_eq!(
            wrap("Account Opening Service", 3),
            ["Account Opening", "Service"]
        );
        assert_eq!(
            wrap("Identity   Verification\nProvider", 3),
            ["Identity Verification", "Provider"]
        );
    }

    #[test]
    fn names_break_after_hyphens_and_at_case_changes() {
        assert_eq!(
            wrap("customer-onboarding-orchestrator", 3),
            ["customer-onboarding-", "orchestrator"]
        );
        assert_eq!(
            wrap("CustomerOnboardingOrchestrator", 3),
            ["CustomerOnboarding", "Orchestrator"]
        );
        // An acronym ends before the capital that starts the next word.
        assert_eq!(
            wrap("HTTPRequestGatewayAdapterService", 3),
            ["HTTPRequest", "GatewayAdapter", "Service"]
        );
        // Capitals in a row are one piece; digits do not break.
        assert_eq!(wrap("SMS Gateway v1", 3), ["SMS Gateway v1"]);
    }

    #[test]
    fn a_word_too_long_for_a_line_breaks_anywhere() {
        let lines = wrap(&"x".repeat(40), 3);
        assert_eq!(lines.len(), 2);
        assert!(lines.iter().all(|l| text_width(l, 13.0) <= 138.0));
        assert_eq!(lines.concat(), "x".repeat(40));
        assert!(!wrap_name(&"x".repeat(40), 138.0, 13.0, 3).cut);
    }

    #[test]
    fn only_past_the_last_line_is_a_name_cut() {
        let name = "word ".repeat(40);
        let wrapped = wrap_name(&name, 138.0, 13.0, 3);
        assert!(wrapped.cut);
        assert_eq!(wrapped.lines.len(), 3);
        assert!(wrapped.lines[2].ends_with('…'));
        assert!(
            wrapped
                .lines
                .iter()
                .all(|l| text_width(l, 13.0) <= 138.0 + 1e-9)
        );
        // Two lines allowed: the same name cut after the second.
        assert_eq!(wrap(&name, 2).len(), 2);
        // What fits in three lines is not cut.
        let three = "Paper Application Archive Of The Retail Bank";
        let wrapped = wrap_name(three, 138.0, 13.0, 3);
        assert!(!wrapped.cut, "{wrapped:?}");
        assert_eq!(wrapped.lines.join(" "), three);
    }

    #[test]
    fn wrapping_never_splits_a_character() {
        let name = "ééé 東京都庁 😀😀😀😀😀😀😀😀😀😀😀😀 ok";
        let wrapped = wrap_name(name, 60.0, 13.0, 3);
        let joined: String = wrapped.lines.concat();
        assert!(joined.chars().all(|c| name.contains(c) || c == '…'));
        // A width smaller than any character still gives a line each.
        let tiny = wrap_name("abc", 1.0, 13.0, 3);
        assert_eq!(tiny.lines, ["a", "b", "c"]);
        assert!(!tiny.cut);
        let tiny = wrap_name("abcd", 1.0, 13.0, 3);
        assert_eq!(tiny.lines, ["a", "b", "…"]);
        assert!(tiny.cut);
    }

    #[test]
    fn a_thousand_character_name_is_cut() {
        let wrapped = wrap_name(&"W".repeat(1000), 138.0, 13.0, 3);
        assert!(wrapped.cut);
        assert_eq!(wrapped.lines.len(), 3);
    }
}
