//! The exit codes every subcommand returns, so that scripts and CI can tell
//! a failed check from a file that did not load.

/// Exit code when every file loaded and nothing failed the threshold.
pub const EXIT_OK: u8 = 0;
/// Exit code when a finding at or above `--fail-on` fired, or `fmt --check`
/// found a file that is not canonical.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code when a file could not be loaded.
pub const EXIT_LOAD_ERROR: u8 = 2;
