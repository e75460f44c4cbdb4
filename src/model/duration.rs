//! Durations on a value stream's steps (hands-on work, waiting in a queue):
//! whole minutes, written `30m`, `4h`, `2d`, `1w` or combined (`1d4h`).
//! Lead time is calendar time, so a day is 24 hours and a week 7 days.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize};

/// Minutes in an hour, a day and a week.
const HOUR: u32 = 60;
const DAY: u32 = 24 * HOUR;
const WEEK: u32 = 7 * DAY;

/// Longest duration accepted: ten years of 365 days. Far beyond any step,
/// and a sum over the steps of a stream stays far inside `u64`.
pub const MAX_DURATION_MINUTES: u32 = 10 * 365 * DAY;

/// A duration in whole minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Duration(u32);

/// Why a text is not a duration.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DurationError {
    /// Not in the format.
    #[error("{0:?} is not a duration (use 30m, 4h, 2d, 1w)")]
    Format(String),
    /// Longer than [`MAX_DURATION_MINUTES`].
    #[error("{0:?} is longer than ten years")]
    TooLong(String),
}

impl Duration {
    /// One day.
    pub const DAY: Duration = Duration(DAY);

    /// A duration of `minutes`, if it is at most [`MAX_DURATION_MINUTES`].
    pub fn from_minutes(minutes: u64) -> Option<Duration> {
        u32::try_from(minutes)
            .ok()
            .filter(|&m| m <= MAX_DURATION_MINUTES)
            .map(Duration)
    }

    /// The duration in minutes.
    pub fn minutes(self) -> u64 {
        u64::from(self.0)
    }

    /// Parses `30m`, `4h`, `2d`, `1w` and their combinations (`1d4h`,
    /// largest unit first or not), with spaces between parts allowed.
    /// `0m` is zero; a negative sign, a fraction or a unit twice is not a
    /// duration.
    pub fn parse(text: &str) -> Result<Duration, DurationError> {
        let bad = || DurationError::Format(text.to_string());
        let mut total: u64 = 0;
        let mut seen = [false; 4];
        let mut digits = String::new();
        let mut parts = 0;
        for c in text.trim().chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' if digits.is_empty() => {}
                'm' | 'h' | 'd' | 'w' => {
                    let (slot, unit) = match c {
                        'm' => (0, 1),
                        'h' => (1, HOUR),
                        'd' => (2, DAY),
                        _ => (3, WEEK),
                    };
                    if digits.is_empty() || digits.len() > 9 || seen[slot] {
                        return Err(bad());
                    }
                    seen[slot] = true;
                    let n: u64 = digits.parse().map_err(|_| bad())?;
                    total += n * u64::from(unit);
                    digits.clear();
                    parts += 1;
                }
                _ => return Err(bad()),
            }
        }
        if parts == 0 || !digits.is_empty() {
            return Err(bad());
        }
        Duration::from_minutes(total).ok_or_else(|| DurationError::TooLong(text.to_string()))
    }
}

/// The canonical form: largest units first, none repeated, zero parts left
/// out (`1w2d`, `1d4h`, `90m` is `1h30m`); zero is `0m`.
impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 == 0 {
            return f.write_str("0m");
        }
        let mut left = self.0;
        for (unit, suffix) in [(WEEK, 'w'), (DAY, 'd'), (HOUR, 'h'), (1, 'm')] {
            if left >= unit {
                write!(f, "{}{suffix}", left / unit)?;
                left %= unit;
            }
        }
        Ok(())
    }
}

impl Serialize for Duration {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Duration::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// In the JSON Schema, a duration is a string of numbers with units.
impl schemars::JsonSchema for Duration {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Duration".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A duration: whole numbers with units m, h, d (24 hours) and w (7 days), e.g. 30m, 4h, 2d, 1w, 1d4h.",
            "type": "string",
            "pattern": "^ *([0-9]+ *[mhdw] *)+$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_in_every_unit_and_combination() {
        let m = |s: &str| Duration::parse(s).map(Duration::minutes);
        assert_eq!(m("30m"), Ok(30));
        assert_eq!(m("4h"), Ok(240));
        assert_eq!(m("2d"), Ok(2 * 1440));
        assert_eq!(m("1w"), Ok(7 * 1440));
        assert_eq!(m("1d4h"), Ok(1440 + 240));
        assert_eq!(m("4h 1d"), Ok(1440 + 240));
        assert_eq!(m(" 0m "), Ok(0));
        for bad in ["", "two days", "-1d", "1.5h", "1d1d", "4", "h", "1x", "1dh"] {
            assert_eq!(
                Duration::parse(bad),
                Err(DurationError::Format(bad.to_string())),
                "{bad:?}"
            );
        }
        assert_eq!(
            Duration::parse("999999999w").unwrap_err().to_string(),
            "\"999999999w\" is longer than ten years"
        );
        assert_eq!(
            Duration::parse("two days").unwrap_err().to_string(),
            "\"two days\" is not a duration (use 30m, 4h, 2d, 1w)"
        );
    }

    #[test]
    fn durations_print_canonically_and_read_back() {
        for (text, canonical) in [
            ("90m", "1h30m"),
            ("1d4h", "1d4h"),
            ("9d", "1w2d"),
            ("0h", "0m"),
        ] {
            let d = Duration::parse(text).unwrap();
            assert_eq!(d.to_string(), canonical);
            assert_eq!(Duration::parse(canonical), Ok(d));
        }
    }
}
