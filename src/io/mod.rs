//! Reading and writing map files: the versioned format, its error messages,
//! the canonical (git-friendly) form and atomic saving; the format's JSON
//! Schema; stamps that tell
//! when a file changed on disk; recovery copies of unsaved maps
//! (`recovery`); importers from other tools (`import`).
//!
//! This file only declares the parts and re-exports them; the parts import
//! one another directly, so that none imports this facade back.

mod atomic;
mod format;
pub mod import;
mod load;
mod read;
pub mod recovery;
mod save;
mod schema;
mod stamp;

pub use atomic::write_atomic;
pub use format::{
    CURRENT_VERSION, EXTENSION, FORMAT_NAME, MAX_LISTED_PROBLEMS, ParseError, from_json,
    parse_date, to_canonical_json,
};
pub use load::{LoadError, load_file, load_file_stamped};
pub use read::{LoadErrorKind, MAX_FILE_BYTES, read_limited};
pub use save::{SaveError, save_file, save_file_stamped};
pub use schema::json_schema;
pub use stamp::{DiskState, FileStamp};
