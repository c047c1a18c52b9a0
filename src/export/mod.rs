//! Exports: pure functions from the model to text (Markdown, plain text,
//! JSON, iCalendar), and the atomic, no-clobber file write.
//!
//! Placeholder: issue 5 implements it.

use std::io::Write;

use crate::cli::ExportArgs;
use crate::exit;

/// Runs `export` and returns the exit status.
pub fn run(_args: &ExportArgs, _out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let _ = writeln!(err, "error: export is not implemented yet");
    exit::USAGE
}
