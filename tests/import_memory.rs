//! Import's cost per event, counted, not timed (issue 24's benchmark,
//! `cargo bench --bench import`, times it): the allocations and the peak
//! heap of an import of a calendar of 2,000 events like the benchmark's.
//! Most of an import's time went to the allocator (an event cloned into
//! its stop, a string per TOML row, a copy of every line of the file).
//!
//! One test in this binary, so nothing else allocates while it counts.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "support/counting.rs"]
mod counting;

use std::fmt::Write as _;

use itinerary::import::{Window, import};

#[global_allocator]
static ALLOCATOR: counting::Counting = counting::Counting;

/// The benchmark's calendar: one event a half hour on each of 365 days, in
/// UTC, each with a place, notes and one of 300 attendees.
fn calendar(events: usize) -> String {
    let mut s = String::from("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nX-WR-CALNAME:Bench\r\n");
    for i in 0..events {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
            + chrono::Days::new((i % 365) as u64);
        let minute = (i / 365) * 30 % (22 * 60);
        let _ = write!(
            s,
            "BEGIN:VEVENT\r\nUID:e{i}@bench\r\nSUMMARY:Meeting {i}\r\n\
             LOCATION:Room {r}\\, Minato\\, Tokyo\r\n\
             DTSTART:{}T{:02}{:02}00Z\r\nDURATION:PT25M\r\n\
             DESCRIPTION:Agenda item {i}\r\n\
             ATTENDEE;CN=Person {p}:mailto:p{p}@example.org\r\nEND:VEVENT\r\n",
            date.format("%Y%m%d"),
            minute / 60,
            minute % 60,
            r = i % 50,
            p = i % 300,
        );
    }
    s.push_str("END:VCALENDAR\r\n");
    s
}

#[test]
fn import_allocates_a_bounded_number_of_blocks_per_event() {
    const EVENTS: usize = 2_000;
    let text = calendar(EVENTS);
    let window = Window {
        timezone: Some(chrono_tz::Asia::Tokyo),
        ..Window::default()
    };
    let (calls, imported) =
        counting::allocations(|| import(text.as_bytes(), "cal.ics", window).unwrap());
    assert_eq!(imported.draft.events, EVENTS);
    let (peak, _) = counting::memory(|| import(text.as_bytes(), "cal.ics", window).unwrap());
    let per_event = calls / EVENTS;
    eprintln!(
        "{per_event} allocations and {} bytes of peak heap per event",
        peak / EVENTS
    );
    // Each of an event's 7 lines is parsed by the icalendar crate (about
    // ten blocks each, its error values included); before, 226 blocks an
    // event (a clone of it, a String per TOML row, a copy of each line).
    assert!(per_event <= 130, "{per_event} allocations per event");
    // The calendar is 220 bytes an event, its trip 190: the peak holds
    // both, the parsed lines and the draft (2.3 KB an event, before and after).
    assert!(peak / EVENTS <= 4_000, "{} bytes per event", peak / EVENTS);
}
