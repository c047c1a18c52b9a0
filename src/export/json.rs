//! JSON: the [`Summary`](super::summary::Summary) as it is, field names as
//! docs/export.md documents them, written stop by stop.

use std::io::{self, Write};

use super::summary::{Selection, summarize_lazy};
use crate::model::Trip;

/// Writes the selection as pretty-printed JSON, ending with a newline, to
/// `out` as it is built: one stop's data at a time, never the whole text
/// (give it a buffered writer).
pub fn write_json(trip: &Trip, selection: &Selection, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &summarize_lazy(trip, selection))
        .map_err(io::Error::from)?;
    out.write_all(b"\n")
}

/// The selection as pretty-printed JSON, ending with a newline.
pub fn json(trip: &Trip, selection: &Selection) -> String {
    let mut out = Vec::new();
    // Writing plain structs of strings and numbers into memory cannot fail.
    let _ = write_json(trip, selection, &mut out);
    String::from_utf8(out).unwrap_or_default()
}
