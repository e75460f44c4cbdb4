//! `vsmap schema`: prints the JSON Schema of the file format, for editors
//! that complete and check `*.vsmap.json` files (see the README).

use clap::Args;

use super::exit_code::{EXIT_LOAD_ERROR, EXIT_OK};
use crate::io::json_schema;

/// Arguments of `vsmap schema` (none: the schema is the same for every map).
#[derive(Debug, Args)]
pub struct SchemaArgs {}

/// Writes the schema to `out`; returns the exit code.
pub fn run(_args: &SchemaArgs, out: &mut dyn std::io::Write) -> u8 {
    match out.write_all(json_schema().as_bytes()) {
        Ok(()) => EXIT_OK,
        Err(e) => {
            eprintln!("error: could not write the schema: {e}");
            EXIT_LOAD_ERROR
        }
    }
}
