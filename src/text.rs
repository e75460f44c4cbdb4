//! Cutting user text for display, free of any GUI type: names shown where a
//! file could make them arbitrarily long are cut by characters (never inside
//! one) before anything measures or lays them out.

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
}
