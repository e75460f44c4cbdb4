//! Importers: maps made from what organisations already keep, a Backstage
//! software catalog ([`backstage`]) or a Structurizr workspace
//! ([`structurizr`]).
//!
//! Importers are pure: files (or bytes) in, an [`Imported`] map and its
//! [`ImportReport`] out. They never fail on a reference they cannot resolve;
//! they list it in the report and leave the map without it, so that the
//! anti-pattern rules can flag what is missing (an unowned service, say).
//! They fail, with the file and the place, only on input they cannot read.
//! Positions are left to the caller (the tidy layout of `edit::tidy`
//! gives a readable one) except where the source has its own: importers do
//! not depend on `edit`.
//!
//! Output is deterministic: the same input gives the same map and report
//! whatever order files are given or found in.
//!
//! This file only declares the parts and re-exports them; the parts import
//! one another directly, so that none imports this facade back.

mod assemble;
pub mod backstage;
mod error;
mod read;
mod report;
pub mod structurizr;
pub mod timings;
mod yaml;

pub use error::{ImportError, MAX_IMPORT_ENTITIES, MAX_IMPORT_FILE_BYTES, MAX_IMPORT_FILES};
pub use read::read_import_file;
pub use report::{ImportIssue, ImportReport, Imported, Skipped};
