//! Issue 16's target: one edit of the 100k-event file, validated and
//! written, within 1.5 × `itinerary check` of that file; and its undo.
//!
//! ```sh
//! cargo bench --bench edit
//! ```
//!
//! Each round times, on the same file in a temporary directory: a check
//! (read and load, as `itinerary check` does), an edit (`>` on a stop with
//! meetings in the middle of the trip: the text located by origin, the
//! new text loaded, compared with the file and written atomically), and
//! its undo (the old text loaded and written back). The best of the rounds
//! is compared, since on a shared machine it is the least disturbed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::hint::black_box;
use std::time::{Duration, Instant};

use itinerary::edit::file::TripFile;
use itinerary::edit::{self, Edit};
use itinerary::load;
use itinerary::model::{DayRef, EventRef};

const ROUNDS: usize = 7;

fn main() {
    let text = support::trip_text(100_000);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trip.toml");
    std::fs::write(&path, &text).unwrap();
    let trip = support::load(&text);
    let day = DayRef::Day(trip.days.len() / 2);
    let stop = (0..trip.stops(day).len())
        .find(|&s| !trip.stops(day)[s].meetings.is_empty() && trip.stops(day)[s].arrive.is_some())
        .expect("a timed stop with meetings");
    let at = EventRef {
        day,
        stop,
        meeting: None,
    };
    let mut file = TripFile::new(&path, text.clone());
    let (mut check, mut apply, mut undo) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        let t = Instant::now();
        let (read, loaded) = load::load_path(&path);
        black_box((read, loaded.unwrap()));
        check.push(t.elapsed());

        let t = Instant::now();
        let applied = edit::apply(file.known(), &trip, at, &Edit::Shift(15)).unwrap();
        file.write(&applied.text).unwrap();
        apply.push(t.elapsed());

        let t = Instant::now();
        black_box(edit::validate(&text).unwrap());
        file.write(&text).unwrap();
        undo.push(t.elapsed());
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    // What editing through toml_edit's document of the whole file would
    // cost before anything else: why only the entity's lines are parsed.
    let t = Instant::now();
    black_box(toml_edit::Document::parse(text.clone()).unwrap());
    let whole = t.elapsed();
    let best = |v: &[Duration]| v.iter().min().copied().unwrap_or_default();
    let (c, e, u) = (best(&check), best(&apply), best(&undo));
    let ms = |d: Duration| format!("{:.1} ms", d.as_secs_f64() * 1e3);
    println!(
        "100k events, {:.1} MiB: check {}, edit {} ({:.2}×), undo {} ({:.2}×); target ≤ 1.5×; \
         toml_edit's document of the whole file alone: {}",
        text.len() as f64 / (1024.0 * 1024.0),
        ms(c),
        ms(e),
        e.as_secs_f64() / c.as_secs_f64(),
        ms(u),
        u.as_secs_f64() / c.as_secs_f64(),
        ms(whole),
    );
}
