//! Generated trips: valid at every size, exactly the events asked for, and
//! the same bytes for the same seed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::generate;
use crate::trip_checks;

use std::collections::BTreeSet;

use generate::trip_toml;
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

/// The generator's parts: windows of time, counts, arguments, quoting.
mod internals {
    use super::generate::*;

    #[test]
    fn calcurse_gets_one_line_per_dated_event() {
        let text = "[trip]\ntitle = \"T\"\nstart = 2019-04-01\nend = 2019-04-02\n\
            [[day]]\ndate = 2019-04-02\n\
            [[day.stop]]\nplace = \"Hall\"\narrive = 09:30:59\n\
            [[day.stop.meeting]]\ntitle = \"Talks, lunch\"\nstart = 10:00\nend = 11:15\n\
            [[day.stop]]\nplace = \"Museum\"\n\
            [[unscheduled]]\nplace = \"Somewhere\"\n";
        let trip = itinerary::load::load_str(text).unwrap().trip;
        assert_eq!(
            calcurse_apts(&trip),
            "04/02/2019 [1] Museum\n\
             04/02/2019 @ 09:30 -> 04/02/2019 @ 09:30 |Hall\n\
             04/02/2019 @ 10:00 -> 04/02/2019 @ 11:15 |Talks, lunch\n"
        );
    }

    fn overlap_free(w: &[(u32, u32)]) -> bool {
        w.iter().all(|(a, d)| a <= d) && w.windows(2).all(|p| p[0].1 < p[1].0)
    }

    #[test]
    fn stop_windows_never_overlap_or_touch_and_stay_inside_the_day() {
        for count in [1, 2, 5, 7, 90, 451, 1_000, 9_999, 27_000] {
            let w = stop_windows(count).unwrap();
            assert_eq!(w.len(), count);
            assert!(overlap_free(&w), "{count}");
            assert!(w.iter().all(|(a, d)| a < d), "{count}: empty window");
            assert!(w[0].0 >= DAY_OPENS && w[count - 1].1 <= DAY_OPENS + DAY_SPAN);
        }
        assert_eq!(stop_windows(0), Some(vec![]));
        assert_eq!(stop_windows(27_001), None);
    }

    #[test]
    fn few_stops_get_round_times_and_at_most_two_hours() {
        let w = stop_windows(3).unwrap();
        assert_eq!(w, [(25_200, 32_400), (36_000, 43_200), (46_800, 54_000)]);
    }

    #[test]
    fn meeting_windows_fit_inside_their_stop() {
        for (window, count) in [((25_200, 32_400), 3), ((100, 101), 1), ((100, 160), 3)] {
            let w = meeting_windows(window, count).unwrap();
            assert_eq!(w.len(), count);
            assert!(
                w.iter()
                    .all(|&(s, e)| window.0 <= s && s <= e && e <= window.1)
            );
        }
        assert_eq!(meeting_windows((100, 101), 2), None);
    }

    #[test]
    fn event_counts_are_exact() {
        let mut rng = SplitMix64(7);
        for events in [0, 1, 2, 3, 10, 101, 5_000] {
            let plan = plan_stops(events, &mut rng);
            assert_eq!(plan.len() + plan.iter().sum::<usize>(), events);
        }
    }

    fn args(text: &str) -> Result<(usize, usize, u64), String> {
        parse_args(
            &text
                .split_whitespace()
                .map(String::from)
                .collect::<Vec<_>>(),
        )
    }

    #[test]
    fn arguments_are_checked_with_sentences() {
        assert_eq!(args("100 5"), Ok((100, 5, 1)));
        assert_eq!(args("100 5 42"), Ok((100, 5, 42)));
        assert_eq!(
            args(""),
            Err("expected EVENTS and DAYS, got 0 arguments.".into())
        );
        assert_eq!(
            args("7"),
            Err("expected EVENTS and DAYS, got 1 argument.".into())
        );
        assert_eq!(
            args("1 2 3 4"),
            Err("expected at most three arguments (EVENTS DAYS SEED), got 4.".into())
        );
        assert_eq!(
            args("ten 2"),
            Err("EVENTS must be a whole number such as 1000, got \"ten\".".into())
        );
        assert_eq!(
            args("10 -2"),
            Err("DAYS must be a whole number such as 1000, got \"-2\".".into())
        );
        assert_eq!(
            args("10 0"),
            Err("DAYS must be between 1 and 36600, got 0; a trip has at least one day.".into())
        );
        assert_eq!(
            args("10 1 x"),
            Err("SEED must be a whole number such as 1000, got \"x\".".into())
        );
    }

    #[test]
    fn strings_are_escaped_as_toml() {
        let mut out = String::new();
        quoted(&mut out, "a \"b\" \\ c\nd\u{7}");
        assert_eq!(out, r#""a \"b\" \\ c\nd\u0007""#);
    }
}
