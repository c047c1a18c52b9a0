//! The home clock beside the trip's in the exports, and times the trip's
//! clocks skip or give twice: a Berlin trip followed from New York across
//! both zones' changes (5 hours apart between them, 6 otherwise), trips
//! from KDE Itinerary's timeline test data, a home zone equal to the trip's,
//! and `--home-zone` through the real binary.
//!
//! Regenerate the golden files with `UPDATE_GOLDEN=1 cargo test --test home_clock`
//! and read every diff before committing it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::golden;

use chrono::{DateTime, Utc};
use golden::golden;
use itinerary::cli::Format;
use itinerary::export::{self, Selection};
use itinerary::load;
use itinerary::model::{DayRef, Trip};

const HOME: &str = include_str!("../fixtures/home-clock.toml");

fn trip(text: &str) -> Trip {
    load::load_str(text).unwrap().trip
}

fn stamp() -> DateTime<Utc> {
    DateTime::from_timestamp(1_546_300_800, 0).unwrap()
}

fn render(trip: &Trip, selection: &Selection, format: Format) -> String {
    export::render(trip, selection, format, stamp())
}

/// The `When:` lines of a text export.
fn whens(text: &str) -> Vec<&str> {
    text.lines()
        .filter_map(|l| l.trim().strip_prefix("When:"))
        .map(str::trim)
        .collect()
}

#[test]
fn the_whole_trip_matches_its_golden_files() {
    let t = trip(HOME);
    for (format, ext) in [
        (Format::Md, "md"),
        (Format::Text, "txt"),
        (Format::Json, "json"),
    ] {
        golden(
            &format!("home-clock.{ext}"),
            &render(&t, &Selection::trip(), format),
        );
    }
}

#[test]
fn new_york_is_six_hours_behind_berlin_but_five_between_the_changes() {
    let out = render(&trip(HOME), &Selection::trip(), Format::Text);
    assert_eq!(
        whens(&out),
        [
            // 6 March: neither has changed yet.
            "10:00–12:00 · 04:00–06:00 New York",
            // 20 March: New York has gone forward, Berlin not yet. The
            // early train starts the evening before in New York.
            "04:30–06:00 · 23:30 prev day–01:00 New York",
            "10:00–12:00 · 05:00–07:00 New York",
            "10:30–11:30 · 05:30–06:30 New York",
            "from 19:00 · 14:00 New York",
            // 29 March, Berlin's change: 01:30 to 03:30 is one real hour.
            "01:30–03:30 · 20:30–21:30 prev day New York",
            // 30 March: both on summer time, 6 hours again.
            "until 09:15 · 03:15 New York",
        ]
    );
    assert!(out.contains(
        "Times are local (Europe/Berlin), with the home clock (America/New_York) beside them."
    ));
}

#[test]
fn json_gives_the_home_zone_and_home_date_times() {
    let t = trip(HOME);
    let out = render(&t, &Selection::day(DayRef::Day(14)), Format::Json);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["home_timezone"], "America/New_York");
    let stops = &v["days"][0]["stops"];
    assert_eq!(stops[0]["start_home"], "2026-03-19T23:30");
    assert_eq!(stops[0]["end_home"], "2026-03-20T01:00");
    assert_eq!(stops[1]["meetings"][0]["start_home"], "2026-03-20T05:30");
    assert_eq!(stops[1]["meetings"][0]["end_home"], "2026-03-20T06:30");
    // A time not set is null on the home clock too.
    assert_eq!(stops[2]["end_home"], serde_json::Value::Null);
    assert!(stops[2].as_object().unwrap().contains_key("end_home"));
}

#[test]
fn ics_stays_in_the_trip_zone_whatever_the_home_clock() {
    let with = trip(HOME);
    let mut without = with.clone();
    without.home_timezone = None;
    let all = Selection::trip();
    assert_eq!(
        render(&with, &all, Format::Ics),
        render(&without, &all, Format::Ics)
    );
    assert!(render(&with, &all, Format::Ics).contains("TZID:Europe/Berlin"));
}

#[test]
fn a_home_zone_equal_to_the_trips_shows_no_second_clock() {
    let mut same = trip(HOME);
    same.home_timezone = Some(chrono_tz::Europe::Berlin);
    let mut none = same.clone();
    none.home_timezone = None;
    for format in [Format::Md, Format::Text, Format::Json] {
        let out = render(&same, &Selection::trip(), format);
        assert_eq!(out, render(&none, &Selection::trip(), format));
        assert!(!out.contains("home"), "{out}");
    }
    assert_eq!(
        whens(&render(
            &same,
            &Selection::day(DayRef::Day(14)),
            Format::Text
        ))[0],
        "04:30–06:00"
    );
}

#[test]
fn a_trip_without_a_home_zone_exports_as_before() {
    let text = HOME.replace("home_timezone = \"America/New_York\"\n", "");
    let out = render(&trip(&text), &Selection::trip(), Format::Json);
    assert!(!out.contains("_home"), "{out}");
}

#[test]
fn kde_event_until_midnight_runs_into_the_next_day_at_home() {
    let t = trip(include_str!(
        "../fixtures/kde-timeline/event-until-midnight.toml"
    ));
    let out = render(&t, &Selection::trip(), Format::Text);
    assert_eq!(
        whens(&out),
        [
            "20:00–23:59 · 01:00–04:59 next day Shanghai",
            "20:00–23:59 · 01:00–04:59 next day Shanghai",
        ]
    );
}

#[test]
fn kde_dst_change_lands_in_the_hour_that_comes_twice() {
    let loaded = load::load_str(include_str!("../fixtures/kde-timeline/dst-change.toml")).unwrap();
    let warnings: Vec<&str> = loaded.warnings.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(
        warnings,
        [
            "01:30 occurs twice on 1996-10-27 in America/New_York: the clocks go back from 02:00 to 01:00"
        ]
    );
    assert_eq!(
        whens(&render(&loaded.trip, &Selection::trip(), Format::Text)),
        [
            "from 23:15 · 05:15 next day Berlin",
            "from 06:30 · 12:30 Berlin",
            // The first 01:30 (EDT) is 05:30 UTC: Berlin is already on CET.
            "from 01:30 · 06:30 Berlin",
            "until 06:30 · 12:30 Berlin",
        ]
    );
}

#[test]
fn kde_daychange_boards_just_after_midnight_at_home() {
    let t = trip(include_str!("../fixtures/kde-timeline/daychange.toml"));
    assert_eq!(
        whens(&render(&t, &Selection::trip(), Format::Text)),
        [
            "from 23:00 · 17:00 New York",
            "06:15–08:15 · 00:15–02:15 New York"
        ]
    );
}

fn export_cli(args: &[&str]) -> (i32, String, String) {
    let out = crate::common::bin()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("export")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn home_zone_overrides_the_files_and_none_turns_it_off() {
    let file = "tests/fixtures/home-clock.toml";
    for (zone, first) in [
        ("Asia/Tokyo", "04:30–06:00 · 12:30–14:00 Tokyo"),
        ("none", "04:30–06:00"),
    ] {
        let args = [
            file,
            "--day",
            "2026-03-20",
            "--format",
            "text",
            "--home-zone",
            zone,
        ];
        let (status, out, _) = export_cli(&args);
        assert_eq!((status, whens(&out)[0]), (0, first));
    }
    // The bundled trip's own home zone, Shanghai, in its JSON.
    let (_, out, _) = export_cli(&["--day", "3", "--format", "json"]);
    assert!(
        out.contains("\"home_timezone\": \"Asia/Shanghai\""),
        "{out}"
    );
}

#[test]
fn an_unknown_home_zone_is_a_usage_error_with_a_suggestion() {
    let (status, out, err) = export_cli(&["--home-zone", "America/New_Yrok"]);
    assert_eq!((status, out.as_str()), (2, ""));
    assert_eq!(
        err,
        "error: invalid value 'America/New_Yrok' for '--home-zone <ZONE>': not a time zone; did you mean \"America/New_York\"?\n\nFor more information, try '--help'.\n"
    );
}
