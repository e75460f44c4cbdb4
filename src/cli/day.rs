//! Reading a day given on the command line (`--today`), which every
//! subcommand that runs the rules accepts so that `stale-map` is repeatable.

use jiff::civil::Date;

/// Parses `YYYY-MM-DD` for `--today`.
pub(super) fn parse_day(s: &str) -> Result<Date, String> {
    crate::io::parse_date(s).ok_or_else(|| format!("{s:?} is not a day written as YYYY-MM-DD"))
}
