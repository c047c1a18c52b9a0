//! JSON: the [`Summary`](super::summary::Summary) as it is, field names as
//! docs/export.md documents them.

use super::summary::{Selection, summarize};
use crate::model::Trip;

/// The selection as pretty-printed JSON, ending with a newline.
pub fn json(trip: &Trip, selection: &Selection) -> String {
    // Serializing plain structs of strings and numbers cannot fail.
    let mut out = serde_json::to_string_pretty(&summarize(trip, selection)).unwrap_or_default();
    out.push('\n');
    out
}
