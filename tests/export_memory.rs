//! The whole-trip JSON, iCalendar and HTML exports are written as they are built:
//! counted, not timed. A counting allocator measures the peak heap of an
//! export of 20,000 events into a writer, and the writer counts what
//! reaches it; neither may look like the whole text built first.
//!
//! One test in this binary, so nothing else allocates while it counts.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/counting.rs"]
mod counting;
#[path = "support/generate.rs"]
mod generate;

use std::io::{self, Write};

use chrono::DateTime;
use itinerary::cli::Format;
use itinerary::export::{self, IcsExport, Selection};

#[global_allocator]
static ALLOCATOR: counting::Counting = counting::Counting;

/// Counts the bytes and the calls that reach it, and keeps nothing.
#[derive(Default)]
struct Tally {
    bytes: usize,
    writes: usize,
    largest: usize,
}

impl Write for Tally {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.bytes += buf.len();
        self.writes += 1;
        self.largest = self.largest.max(buf.len());
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn whole_trip_json_and_ics_hold_a_stop_at_a_time_not_the_text() {
    let text = generate::trip_toml(5_000, 30, 7);
    let trip = itinerary::load::load_str(&text).unwrap().trip;
    let selection = Selection::trip();
    let stamp = DateTime::from_timestamp(1_546_300_800, 0).unwrap();
    let events = IcsExport::new(&trip, &selection, stamp).events().count();
    assert!(events > 5_000, "{events} events");
    let stops: usize = trip.days.iter().map(|d| d.stops.len()).sum();
    for format in [Format::Ics, Format::Json, Format::Html] {
        let mut tally = Tally::default();
        let (peak, _) = counting::memory(|| {
            export::write_to(&trip, &selection, format, stamp, &mut tally).unwrap()
        });
        // Megabytes of output, written in pieces the size of an event at
        // most (a stop's JSON goes out a few bytes at a time).
        assert!(tally.bytes > 2 << 20, "{format:?}: {} bytes", tally.bytes);
        // The programme goes out a stop (with its meetings) at a time.
        let pieces = match format {
            Format::Html => stops,
            _ => events,
        };
        assert!(
            tally.writes > pieces && tally.largest < 16 << 10,
            "{format:?}: {} writes, the largest {} bytes",
            tally.writes,
            tally.largest
        );
        // The peak heap is that of one day's work (an event, the ranks of
        // the day's places), whatever the trip's size: 13 KiB for the .ics
        // and 7 KiB for the JSON when this was written, under 64 KiB of the
        // 2.5 and 4.3 MiB written (the whole text built first is more).
        assert!(
            peak < 64 << 10,
            "{format:?}: peak heap {peak} bytes for {} bytes written",
            tally.bytes
        );
    }
}
