//! Writing an export (or an import's trip): to standard output, or
//! atomically to a file ([`crate::files`]) that is never overwritten
//! without `--force`, and never the input. The export writes itself into the
//! output through a buffer as it is built (a [`Body`]), so nothing holds
//! its whole text.

use std::io::{BufWriter, ErrorKind, Write};
use std::path::{Path, PathBuf};

use crate::files;
pub use crate::files::Body;

/// Bytes buffered before a write reaches the output.
const BUFFER: usize = 64 * 1024;

/// Writes the body to standard output (or any writer) through a buffer; a
/// closed pipe (`itinerary export | head`) is not an error, and ends it.
pub fn to_writer(out: &mut dyn Write, body: &mut Body<'_>) -> Result<(), String> {
    let mut buffered = BufWriter::with_capacity(BUFFER, out);
    let written = body(&mut buffered).and_then(|()| buffered.flush());
    match written {
        Err(e) if e.kind() != ErrorKind::BrokenPipe => Err(format!(
            "cannot write to standard output: {}",
            files::why(&e)
        )),
        _ => Ok(()),
    }
}

/// Writes the body to `path` atomically ([`files::write_file`]): never
/// over an existing file without `force`, never over `input` (the file
/// the output is made from, by whatever path), never into a pipe or a
/// device.
pub fn to_file(
    path: &Path,
    body: &mut Body<'_>,
    force: bool,
    input: Option<&Path>,
) -> Result<(), String> {
    if let Some(refusal) = input.and_then(|input| files::output_is_input(path, input)) {
        return Err(refusal);
    }
    files::write_file(path, body, force)
}

/// [`to_file`] for a trip file (import's output): its name must end in
/// `.toml`, the extension `check` and the browser know a trip by.
pub fn to_trip_file(
    path: &Path,
    body: &mut Body<'_>,
    force: bool,
    input: Option<&Path>,
) -> Result<(), String> {
    let toml = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    if !toml {
        return Err(format!(
            "-o {}: a trip is written as a .toml file; give a name that ends in .toml \
             (such as trip.toml), or -o - for standard output",
            path.display()
        ));
    }
    to_file(path, body, force, input)
}

/// Writes the body to a new file `dir/<stem>.<ext>`, or `<stem>-2.<ext>`,
/// `-3`… when taken ([`files::write_new`]).
pub fn to_new_file(
    dir: &Path,
    stem: &str,
    ext: &str,
    body: &mut Body<'_>,
) -> Result<PathBuf, String> {
    files::write_new(dir, stem, ext, body)
}
