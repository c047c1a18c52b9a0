//! Generated trips: valid at every size, exactly the events asked for, and
//! the same bytes for the same seed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::trip_checks;

use std::collections::BTreeSet;

use itinerary::generate::trip_toml;
use itinerary::model::{DayRef, Trip};
use itinerary::prefecture::PrefectureName;
use proptest::prelude::*;
use trip_checks::{load, rendered_warnings, warning_conditions};

fn events(trip: &Trip) -> usize {
    (0..trip.days.len())
        .map(DayRef::Day)
        .chain([DayRef::Unscheduled])
        .map(|d| trip.event_count(d))
        .sum()
}

/// Generates and loads a trip, checking it is clean and has what was asked.
fn generated(n: usize, days: usize, seed: u64) -> Trip {
    let name = format!("trip_toml({n}, {days}, {seed})");
    let text = trip_toml(n, days, seed);
    let loaded = load(&name, &text);
    let warnings = rendered_warnings(&loaded, &name, &text);
    assert_eq!(warnings, Vec::<String>::new(), "{name}");
    assert_eq!(
        warning_conditions(&loaded.trip),
        Vec::<String>::new(),
        "{name}"
    );
    assert_eq!(events(&loaded.trip), n, "{name}");
    assert_eq!(loaded.trip.days.len(), days, "{name}");
    loaded.trip
}

#[test]
fn generated_trips_of_several_sizes_load_cleanly_with_exactly_n_events() {
    for (n, days, seed) in [
        (0, 1, 1),
        (1, 1, 1),
        (2, 5, 2),
        (10, 3, 3),
        (100, 7, 4),
        (1_000, 30, 5),
        (3_000, 400, 6),
    ] {
        generated(n, days, seed);
    }
}

#[test]
fn a_crowded_day_is_timed_to_the_second_without_overlaps() {
    // About 5,000 stops on one day: slots of ten seconds.
    let trip = generated(12_000, 1, 9);
    let day = &trip.days[0];
    assert!(day.stops.len() > 4_000);
    assert!(
        day.stops
            .iter()
            .any(|s| s.arrive.is_some_and(|t| t.format("%S").to_string() != "00"))
    );
}

#[test]
fn generated_trips_have_the_variety_the_app_must_handle() {
    let text = trip_toml(2_000, 20, 11);
    let trip = generated(2_000, 20, 11);
    let prefectures: BTreeSet<&str> = trip
        .days
        .iter()
        .flat_map(|d| &d.stops)
        .filter_map(|s| s.prefecture.as_ref().map(PrefectureName::display))
        .collect();
    assert!(prefectures.len() >= 10, "{prefectures:?}");
    // Spellings: with -ken, with "Prefecture", in kanji.
    assert!(text.contains("-ken\"") && text.contains(" Prefecture\"") && text.contains("県\""));
    assert!(
        text.contains("start = \"") && text.contains("start = 1"),
        "times as strings and TOML times"
    );
    assert!(!trip.unscheduled.is_empty());
    assert!(trip.people.len() > 8);
    assert!(
        trip.people
            .iter()
            .all(|p| p.native.as_deref().is_some_and(|n| !n.is_ascii()))
    );
    let stops: Vec<_> = trip.days.iter().flat_map(|d| &d.stops).collect();
    assert!(
        stops.iter().any(|s| s.arrive.is_none()),
        "some untimed stops"
    );
    assert!(stops.iter().any(|s| s.meetings.len() == 3));
    assert!(
        stops
            .iter()
            .any(|s| s.status == itinerary::model::Status::Cancelled)
    );
    assert!(
        stops
            .iter()
            .any(|s| s.status == itinerary::model::Status::Tentative)
    );
}

#[test]
fn the_same_seed_gives_the_same_bytes_and_another_seed_another_trip() {
    assert_eq!(trip_toml(500, 9, 42), trip_toml(500, 9, 42));
    assert_ne!(trip_toml(500, 9, 42), trip_toml(500, 9, 43));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn any_generated_trip_loads_cleanly(n in 0usize..300, days in 1usize..40, seed: u64) {
        generated(n, days, seed);
    }
}
