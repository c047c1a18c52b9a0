//! The load from parse events (`walk::stream`) must give exactly what the
//! document walk gives, and must be the way the usual files are read.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use proptest::prelude::*;

use super::split_tests::{apply, edit, insert_after_line, last_line, late, replace_line};
use super::{BUNDLED, load_split, load_str_split_from, load_walked, walk};
use crate::generate::trip_toml;

const EXAMPLE: &str = include_str!("../../itineraries/example-trade-mission.toml");
const FIXTURES: [&str; 3] = [
    include_str!("../../tests/fixtures/live-trip.toml"),
    include_str!("../../tests/fixtures/timed-trip.toml"),
    include_str!("../../tests/fixtures/ui-timed.toml"),
];

/// What TOML allows in the usual shape, and the model orders: stops and
/// meetings out of time order, escapes, literal and multi-line strings,
/// times in strings, comments, blanks inside headers, a lead named before
/// the people, a cancelled stop overlapping (no warning), empty lists.
pub(super) const VARIED: &str = r#"# A trip written by hand.
[trip]
title = 'Caf\u00e9 "tour"'   # a literal string keeps its backslash
start = 2019-04-01
end   = 2019-04-03
lead  = "ito"
sources = []

[people.ito]
name = "Ito \"Ken\" \u00c9"
side = "host"

[people.sato]
name = "Sato"
native = "佐藤"

[[ day ]]
date = 2019-04-02
notes = """
First line\tindented
second line"""

[[ day . stop ]]   # late in the day
place = "Hall"
arrive = "15:00"
depart = 16:00:30
people = ["ito", "sato", "ito"]

[[day.stop.meeting]]
title = "Second"
start = 15:30
attendees = []

[[day.stop.meeting]]
title = "First"
start = 15:10
end = "15:20"
outcome = '''agreed
on two points'''

[[day.stop]]
place = "Station"
arrive = 09:00
depart = 10:00
prefecture = "東京都"

[[day.stop]]
place = "Cancelled lunch"
arrive = 09:30
status = "cancelled"

[[day]]
date = 2019-04-01

[[unscheduled]]
place = "Somewhere"
kind = "forum"

[[unscheduled.meeting]]
title = "Talks"
"#;

/// Whether the whole text is read from its events.
fn streams(text: &str) -> bool {
    walk::build_streamed(text).is_some()
}

/// Every way of loading `text` gives what the document walk gives: whole,
/// and split in pieces of about `piece_len` (its pieces and prelude read
/// from their events when they can be).
fn assert_as_walked(text: &str, piece_len: usize) {
    let walked = format!("{:?}", load_walked(text));
    let whole = format!("{:?}", load_str_split_from(text, usize::MAX, piece_len));
    assert_eq!(
        whole, walked,
        "streamed and walked loads differ on:\n{text}"
    );
    let split = format!("{:?}", load_str_split_from(text, 0, piece_len));
    assert_eq!(split, walked, "split and walked loads differ on:\n{text}");
}

#[test]
fn the_shipped_and_generated_trips_are_read_from_events() {
    let generated = [(40, 4, 1), (300, 30, 2), (2000, 120, 3), (50, 50, 4)]
        .map(|(events, days, seed)| trip_toml(events, days, seed));
    let crlf = VARIED.replace('\n', "\r\n");
    let shipped = [BUNDLED, EXAMPLE, VARIED, &crlf]
        .into_iter()
        .chain(FIXTURES);
    for text in shipped.chain(generated.iter().map(String::as_str)) {
        assert!(streams(text), "not read from events:\n{text}");
        for piece_len in [1, 3000] {
            assert_as_walked(text, piece_len);
        }
    }
    // The example's overlap warning comes out the same.
    let loaded = load_str_split_from(EXAMPLE, usize::MAX, 1).unwrap();
    assert_eq!(loaded.warnings.len(), 1);
    assert!(loaded.warnings[0].message.starts_with("stops overlap"));
}

/// Makes a warning in the last day of a generated trip (or, for 3, in the
/// prelude).
fn warn(text: &str, kind: usize) -> (String, &'static str) {
    match kind {
        0 => {
            let at = last_line(text, "prefecture = ");
            (
                replace_line(text, at, "prefecture = \"Seoul\""),
                "unknown prefecture",
            )
        }
        1 => {
            // The last stop's arrival moved before the one before it.
            let at = last_line(text, "arrive = ");
            (replace_line(text, at, "arrive = 00:00"), "stops overlap")
        }
        2 => {
            let at = last_line(text, "end = ");
            (
                replace_line(text, at, "end = 23:59:59"),
                "outside its stop's time",
            )
        }
        _ => {
            let at = text.find("\n[people.").unwrap() + 1;
            (
                format!(
                    "{}[people.unseen]\nname = \"Nobody\"\n\n{}",
                    &text[..at],
                    &text[at..]
                ),
                "never referenced",
            )
        }
    }
}

#[test]
fn warnings_are_found_reading_from_events() {
    let text = trip_toml(300, 30, 7);
    for kind in 0..4 {
        let (warned, expected) = warn(&text, kind);
        assert!(streams(&warned), "kind {kind}: not read from events");
        let loaded = load_str_split_from(&warned, usize::MAX, 1).unwrap();
        assert!(
            loaded.warnings.iter().any(|w| w.message.contains(expected)),
            "kind {kind}: {:?}",
            loaded.warnings
        );
        for piece_len in [1, 3000] {
            assert_as_walked(&warned, piece_len);
        }
    }
}

/// A generated trip with its people, and its `[trip]` table too when
/// `trip_last`, moved after the days (and the unscheduled stops).
pub(super) fn people_last(text: &str, trip_last: bool) -> String {
    let trip = text.find("[trip]").unwrap();
    let people = text.find("\n[people.").unwrap() + 1;
    let days = text.find("\n[[day]]").unwrap() + 1;
    if trip_last {
        format!(
            "{}{}\n{}",
            &text[days..],
            &text[trip..people],
            &text[people..days]
        )
    } else {
        format!(
            "{}{}\n{}",
            &text[..people],
            &text[days..],
            &text[people..days]
        )
    }
}

#[test]
fn people_after_the_days_are_read_before_them() {
    for trip_last in [false, true] {
        let text = people_last(&trip_toml(300, 30, 11), trip_last);
        // Read whole, the days name people not read yet: the document walk
        // reads it. Split, the epilogue is read with the prelude.
        assert!(!streams(&text));
        assert!(load_split(&text, 1).is_some(), "trip last: {trip_last}");
        for piece_len in [1, 3000] {
            assert_as_walked(&text, piece_len);
        }
        let (warned, _) = warn(&text, 3);
        assert_as_walked(&warned, 3000);
    }
}

#[test]
fn errors_and_unusual_shapes_are_left_to_the_document_walk() {
    let text = trip_toml(300, 30, 9);
    for kind in 0..5 {
        let (bad, _) = late(&text, kind);
        // A day given twice or outside the trip is found once all is read,
        // by the code both ways share; any other error stops the reading.
        let shared = kind == 0 || kind == 4;
        assert_eq!(streams(&bad), shared, "error kind {kind}");
        assert_as_walked(&bad, 3000);
    }
    let stop = last_line(&text, "[[day.stop]]");
    let people = text.find("\n[people.").unwrap() + 1;
    let unusual = [
        // Quoted and dotted keys, inline tables, a header out of the usual order.
        insert_after_line(&text, stop, "\"city\" = \"Kyoto\""),
        insert_after_line(&text, stop, "city.name = \"Kyoto\""),
        replace_line(
            &text,
            people,
            "[people]\nextra = { name = \"Extra\" }\n[people.x0]",
        ),
        format!(
            "{}[[unscheduled]]\nplace = \"Nara\"\n{}",
            &text[..stop],
            &text[stop..]
        ),
        // People defined after the stops that name them.
        format!(
            "{}\n[people.chen]\nname = \"Chen Jing\"\n",
            text.replacen("\n[people.chen]\n", "\n[people.chen-0]\n", 1)
        ),
    ];
    for shape in &unusual {
        assert!(!streams(shape), "read from events:\n{shape}");
        assert_as_walked(shape, 3000);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 120, ..ProptestConfig::default() })]

    #[test]
    fn mutated_trips_load_from_events_as_walked(
        events in 5usize..400,
        days in 2usize..40,
        seed in any::<u64>(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), edit()), 0..4),
        warn_kind in prop::option::of(0usize..4),
        last in prop::option::of(any::<bool>()),
        piece_len in 1usize..20_000,
    ) {
        let mut text = trip_toml(events, days, seed);
        if let Some(trip_last) = last {
            text = people_last(&text, trip_last);
        }
        if let Some(kind) = warn_kind {
            text = warn(&text, kind).0;
        }
        let text = apply(text, edits);
        let walked = format!("{:?}", load_walked(&text));
        prop_assert_eq!(&format!("{:?}", load_str_split_from(&text, usize::MAX, piece_len)), &walked);
        prop_assert_eq!(&format!("{:?}", load_str_split_from(&text, 0, piece_len)), &walked);
    }
}
