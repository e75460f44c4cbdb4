//! Limits on everything a file can make large, so that a hostile or broken
//! file is refused with a message naming the place instead of exhausting
//! memory or freezing the editor.
//!
//! The values are far beyond any real organisation's map (the example maps
//! have 4 teams, 30 services and 4 streams): they exist to bound the work a
//! file can cause, not to constrain modelling. Together with the 64 MiB file
//! size limit ([`crate::io::MAX_FILE_BYTES`]), the 128-level nesting limit of
//! the JSON parser, [`super::MAX_ID_LEN`] and [`MAX_COORDINATE`] they
//! bound every dimension of a loaded map.
//!
//! Counts are enforced while the file is parsed (the element past the limit
//! is never built); string lengths are checked by [`super::validate`] and by
//! the edits, so that whatever the editor accepts saves to a file that loads.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, IgnoredAny, SeqAccess, Visitor};

/// Most teams in a map.
pub const MAX_TEAMS: usize = 10_000;
/// Most services in a map.
pub const MAX_SERVICES: usize = 100_000;
/// Most links in a map.
pub const MAX_LINKS: usize = 1_000_000;
/// Most value streams in a map.
pub const MAX_STREAMS: usize = 10_000;
/// Most steps in one stream.
pub const MAX_STEPS: usize = 10_000;
/// Most `allow` entries in a map.
pub const MAX_ALLOW: usize = 100_000;
/// Largest absolute canvas coordinate accepted.
pub const MAX_COORDINATE: f64 = 10_000_000.0;
/// Longest name, label, stage, customer or rule name, in characters.
pub const MAX_NAME_CHARS: usize = 1_000;
/// Longest description or allow reason, in characters.
pub const MAX_TEXT_CHARS: usize = 100_000;

/// Why a string is too long for its field, or `None` when it fits.
pub fn too_long(s: &str, max_chars: usize) -> Option<String> {
    // Cheap test first: a string of at most `max_chars` bytes fits.
    if s.len() <= max_chars {
        return None;
    }
    let chars = s.chars().count();
    (chars > max_chars).then(|| format!("{chars} characters; at most {max_chars} are accepted"))
}

/// Longest piece of file content quoted in an error message, in characters.
pub const MAX_QUOTED_CHARS: usize = 200;

/// `s` cut to at most `max_chars` characters, with "…" and the full length
/// when cut: how error messages quote file content that may be huge.
pub fn shorten(s: &str, max_chars: usize) -> String {
    match s.char_indices().nth(max_chars) {
        None => s.to_string(),
        Some((end, _)) => format!("{}… ({} characters)", &s[..end], s.chars().count()),
    }
}

/// A list with at most `MAX` elements, as read from a file. The element past
/// the limit is never built: the rest of the list is only counted, so the
/// error says how many there were.
pub(crate) struct Bounded<T, const MAX: usize>(pub Vec<T>);

/// The word for the elements of each bounded list, for error messages;
/// each element type says its own next to its definition, so that this file
/// depends on no model type.
pub(crate) trait Noun {
    /// Plural, e.g. "services".
    const PLURAL: &'static str;
}

impl<T: Noun, const MAX: usize> Bounded<T, MAX> {
    /// Deserialises a list field, refusing more than `MAX` elements.
    pub(crate) fn deserialize_vec<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<T>, D::Error>
    where
        T: Deserialize<'de>,
    {
        Bounded::<T, MAX>::deserialize(deserializer).map(|b| b.0)
    }
}

impl<'de, T: Deserialize<'de> + Noun, const MAX: usize> Deserialize<'de> for Bounded<T, MAX> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V<T, const MAX: usize>(PhantomData<T>);
        impl<'de, T: Deserialize<'de> + Noun, const MAX: usize> Visitor<'de> for V<T, MAX> {
            type Value = Bounded<T, MAX>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "a list of at most {MAX} {}", T::PLURAL)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                // Trust the size hint only up to a small bound: it comes from the file.
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
                loop {
                    if items.len() == MAX {
                        let mut count = MAX;
                        while seq.next_element::<IgnoredAny>()?.is_some() {
                            count += 1;
                        }
                        if count == MAX {
                            return Ok(Bounded(items));
                        }
                        return Err(serde::de::Error::custom(format!(
                            "{count} {}; at most {MAX} are accepted",
                            T::PLURAL
                        )));
                    }
                    match seq.next_element()? {
                        Some(item) => items.push(item),
                        None => return Ok(Bounded(items)),
                    }
                }
            }
        }
        deserializer.deserialize_seq(V::<T, MAX>(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_count_characters_not_bytes() {
        assert_eq!(too_long("abc", 3), None);
        assert_eq!(too_long("äöü", 3), None, "6 bytes, 3 characters");
        assert_eq!(
            too_long("abcd", 3).as_deref(),
            Some("4 characters; at most 3 are accepted")
        );
    }

    #[test]
    fn quotes_are_shortened_on_a_character_boundary() {
        assert_eq!(shorten("abc", 3), "abc");
        assert_eq!(shorten("äöüß", 2), "äö… (4 characters)");
    }
}
