//! Identifiers and colours: small validated strings.

use std::borrow::Borrow;
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize};

/// Longest id accepted, so that a hostile file cannot make ids huge.
pub const MAX_ID_LEN: usize = 128;

/// Why a string is not a valid [`Id`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdError {
    /// The string is empty.
    #[error("an id must not be empty")]
    Empty,
    /// The string is longer than [`MAX_ID_LEN`].
    #[error("an id must be at most {MAX_ID_LEN} characters long")]
    TooLong,
    /// The string has a character outside `a-z 0-9 - _ .`.
    #[error("invalid id {0:?}: use only a-z, 0-9, '-', '_' and '.'")]
    BadCharacter(String),
}

/// A stable identifier of a team, service or stream: a non-empty string of
/// `a-z 0-9 - _ .`, unique across the whole map. Renames never change it.
///
/// Shared, not copied, when cloned: findings, diffs, edits and the canvas
/// hold copies of ids by the ten thousand, and an allocation per copy would
/// cost more than the work done with most copies.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Id(Arc<str>);

impl Id {
    /// Validates `s` as an id.
    pub fn new(s: impl Into<String>) -> Result<Id, IdError> {
        let s = s.into();
        check_id(&s)?;
        Ok(Id(Arc::from(s)))
    }

    /// The id as a string slice.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Where the id's text lives: the same for an id and all its clones, so
    /// it finds a shared id in a table without reading the text. Two ids made
    /// separately from equal text have different addresses (see
    /// [`Map::share_ids`](crate::model::Map::share_ids)).
    pub fn address(&self) -> usize {
        Arc::as_ptr(&self.0).cast::<u8>() as usize
    }
}

fn check_id(s: &str) -> Result<(), IdError> {
    if s.is_empty() {
        return Err(IdError::Empty);
    }
    if s.len() > MAX_ID_LEN {
        return Err(IdError::TooLong);
    }
    if !s.bytes().all(is_id_byte) {
        return Err(IdError::BadCharacter(s.to_string()));
    }
    Ok(())
}

fn is_id_byte(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.')
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl AsRef<str> for Id {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl PartialEq<str> for Id {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Id {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl Serialize for Id {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(IdVisitor)
    }
}

/// Reads an id straight from the parser's text into its shared allocation:
/// a `String` first would be a second allocation and copy for each of the
/// tens of thousands of ids and references in a large file.
struct IdVisitor;

impl serde::de::Visitor<'_> for IdVisitor {
    type Value = Id;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Id, E> {
        check_id(s).map_err(E::custom)?;
        Ok(Id(Arc::from(s)))
    }
}

/// Derives an id from a display name: lower-case ASCII letters and digits,
/// other runs of characters collapsed to `-`; `taken` decides collisions, which
/// get `-2`, `-3`… appended. A name with no usable character gives `item`.
pub fn slug_id(name: &str, taken: impl Fn(&str) -> bool) -> Id {
    let mut slug = String::new();
    // Transliterate first so that "Zürich Ledger" gives "zurich-ledger".
    for c in deunicode::deunicode(name).chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    // Leave room for a numeric suffix within MAX_ID_LEN.
    slug.truncate(MAX_ID_LEN - 8);
    let slug = slug.trim_end_matches('-');
    let base = if slug.is_empty() { "item" } else { slug };
    let mut candidate = base.to_string();
    let mut n = 2u64;
    while taken(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    // `candidate` holds only a-z, 0-9 and '-' and is non-empty; its length is
    // at most MAX_ID_LEN - 8 plus the suffix, so it is a valid id.
    Id(Arc::from(candidate))
}

/// A colour written as `#rrggbb`; stored lower-case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Color {
    /// Red.
    pub r: u8,
    /// Green.
    pub g: u8,
    /// Blue.
    pub b: u8,
}

impl Color {
    /// Parses `#rrggbb` (either case).
    pub fn parse(s: &str) -> Option<Color> {
        let hex = s.strip_prefix('#')?;
        if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
        Some(Color {
            r: channel(0)?,
            g: channel(2)?,
            b: channel(4)?,
        })
    }
}

impl fmt::Display for Color {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

impl Serialize for Color {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Color {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Color::parse(&s).ok_or_else(|| {
            serde::de::Error::custom(format!("invalid colour {s:?}: write it as #rrggbb"))
        })
    }
}

/// In the JSON Schema, an id is a string of the characters [`Id::new`] accepts.
impl schemars::JsonSchema for Id {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Id".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A stable identifier: a-z, 0-9, '-', '_' and '.', unique across the map; renames never change it.",
            "type": "string",
            "pattern": "^[a-z0-9._-]+$",
            "minLength": 1,
            "maxLength": MAX_ID_LEN
        })
    }
}

/// In the JSON Schema, a colour is `#rrggbb`, as [`Color::parse`] reads it.
impl schemars::JsonSchema for Color {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Color".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A colour written as #rrggbb.",
            "type": "string",
            "pattern": "^#[0-9a-fA-F]{6}$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_accept_only_the_documented_characters() {
        assert!(Id::new("signup-api_v2.1").is_ok());
        assert_eq!(Id::new(""), Err(IdError::Empty));
        assert!(matches!(Id::new("Signup"), Err(IdError::BadCharacter(_))));
        assert!(matches!(Id::new("a b"), Err(IdError::BadCharacter(_))));
        assert!(matches!(Id::new("é"), Err(IdError::BadCharacter(_))));
        assert_eq!(Id::new("a".repeat(MAX_ID_LEN + 1)), Err(IdError::TooLong));
    }

    #[test]
    fn slugs_come_from_names_and_avoid_collisions() {
        let none = |_: &str| false;
        assert_eq!(slug_id("Signup API", none).as_str(), "signup-api");
        assert_eq!(
            slug_id("  KYC / AML check!", none).as_str(),
            "kyc-aml-check"
        );
        assert_eq!(slug_id("Zürich Ledger", none).as_str(), "zurich-ledger");
        assert_eq!(slug_id("", none).as_str(), "item");
        assert_eq!(slug_id("!!!", none).as_str(), "item");
        let taken = |s: &str| s == "mailer" || s == "mailer-2";
        assert_eq!(slug_id("Mailer", taken).as_str(), "mailer-3");
    }

    #[test]
    fn colours_round_trip_lower_case() {
        let c = Color::parse("#FFd966").unwrap();
        assert_eq!(c.to_string(), "#ffd966");
        assert!(Color::parse("ffd966").is_none());
        assert!(Color::parse("#ffd96").is_none());
        assert!(Color::parse("#gggggg").is_none());
    }
}
