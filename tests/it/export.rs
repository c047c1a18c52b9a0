//! Export formats: golden files for one day of the bundled trip and one of a
//! timed fixture, the `.ics` read back by an independent parser, and what a
//! file may not smuggle into an export.
//!
//! Regenerate the golden files with `UPDATE_GOLDEN=1 cargo test --test export`
//! and read every diff before committing it.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::golden;
use crate::generate;

use chrono::{DateTime, Utc};
use golden::golden;
use itinerary::cli::Format;
use itinerary::export::{self, Scope, Selection, select};
use itinerary::load;
use itinerary::model::{DayRef, Trip};

const TIMED: &str = include_str!("../fixtures/timed-trip.toml");

fn bundled() -> Trip {
    load::load_str(load::BUNDLED).unwrap().trip
}

fn timed() -> Trip {
    load::load_str(TIMED).unwrap().trip
}

/// 2019-01-01T00:00:00Z, as `SOURCE_DATE_EPOCH=1546300800` gives it.
fn stamp() -> DateTime<Utc> {
    DateTime::from_timestamp(1_546_300_800, 0).unwrap()
}

const FORMATS: [(Format, &str); 4] = [
    (Format::Md, "md"),
    (Format::Text, "txt"),
    (Format::Json, "json"),
    (Format::Ics, "ics"),
];

#[test]
fn bundled_day_3_matches_golden_files() {
    let trip = bundled();
    for (format, ext) in FORMATS {
        let out = export::render(&trip, &Selection::day(DayRef::Day(2)), format, stamp());
        golden(&format!("bundled-day-3.{ext}"), &out);
    }
}

#[test]
fn timed_day_2_matches_golden_files() {
    let trip = timed();
    for (format, ext) in FORMATS {
        let out = export::render(&trip, &Selection::day(DayRef::Day(1)), format, stamp());
        golden(&format!("timed-day-2.{ext}"), &out);
    }
}

#[test]
fn whole_trip_markdown_matches_golden_file() {
    let out = export::markdown(&bundled(), &Selection::trip());
    golden("bundled-trip.md", &out);
}

#[test]
fn whole_trip_has_every_day_then_unscheduled() {
    let out = export::markdown(&bundled(), &Selection::trip());
    let headings: Vec<&str> = out.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## Sunday 26 August 2018 — First day of the visit",
            "## Monday 27 August 2018 — Shizuoka",
            "## Tuesday 28 August 2018 — Tokyo: SoftBank",
            "## Wednesday 29 August 2018 — Tochigi: 25th anniversary of friendship",
            "## Thursday 30 August 2018 — Last day of the visit",
            "## Unscheduled",
        ]
    );
    assert!(out.ends_with(
        "Totals: 8 stops, 6 meetings, 3 people met (3 hosts), 3 prefectures (Shizuoka, Tokyo, Tochigi).\n"
    ));
}

#[test]
fn a_filtered_trip_keeps_only_matching_stops_with_their_meetings() {
    let trip = bundled();
    let filter = select::parse_prefectures(&trip, &["東京都".into()]).unwrap();
    let sel = Selection::of(Scope::Trip, filter);
    let out = export::text(&trip, &sel);
    assert!(out.contains("Tokyo headquarters of SoftBank"));
    assert!(out.contains("  Meeting with SoftBank chairman Masayoshi Son"));
    assert!(
        !out.contains("Shizuoka") && !out.contains("Tochigi"),
        "{out}"
    );
    assert!(out.contains("Only events in Tokyo."));
    assert!(
        out.ends_with("Totals: 1 stop, 1 meeting, 1 person met (1 host), 1 prefecture (Tokyo).\n")
    );
}

/// One parsed content line: name, parameters, raw (escaped) value.
type Line = (String, Vec<(String, Vec<String>)>, String);

/// Reads a `.ics` with the `ical` crate after checking the framing by hand:
/// CRLF only, every physical line at most 75 octets.
fn parse_ics(text: &str) -> ical::parser::ical::component::IcalCalendar {
    assert!(text.ends_with("\r\n"), "no final CRLF");
    for line in text.split_terminator("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        assert!(!line.contains(['\r', '\n']), "bare CR or LF in {line:?}");
        assert!(
            !line.chars().any(|c| c.is_control()),
            "control character in {line:?}"
        );
    }
    let mut parser = ical::IcalParser::new(text.as_bytes());
    let cal = parser
        .next()
        .expect("one calendar")
        .expect("valid iCalendar");
    assert!(parser.next().is_none(), "only one calendar");
    cal
}

fn props(p: &[ical::property::Property]) -> Vec<Line> {
    p.iter()
        .map(|p| {
            (
                p.name.clone(),
                p.params.clone().unwrap_or_default(),
                p.value.clone().unwrap_or_default(),
            )
        })
        .collect()
}

fn value<'a>(lines: &'a [Line], name: &str) -> Option<&'a str> {
    lines.iter().find(|l| l.0 == name).map(|l| l.2.as_str())
}

fn param<'a>(lines: &'a [Line], name: &str, param: &str) -> Option<&'a str> {
    lines
        .iter()
        .find(|l| l.0 == name)?
        .1
        .iter()
        .find(|(k, _)| k == param)
        .and_then(|(_, v)| v.first())
        .map(String::as_str)
}

#[test]
fn timed_ics_reads_back_with_zone_statuses_and_escapes() {
    let trip = timed();
    let text = export::ics(&trip, &Selection::day(DayRef::Day(1)), stamp());
    let cal = parse_ics(&text);
    let head = props(&cal.properties);
    assert_eq!(value(&head, "PRODID"), Some(export::PRODID));
    assert_eq!(value(&head, "VERSION"), Some("2.0"));
    assert_eq!(
        value(&head, "X-WR-CALNAME"),
        Some(r"Study visit: Yokohama\, Tokyo\; spring 2019")
    );
    assert_eq!(cal.timezones.len(), 1);
    assert_eq!(
        value(&props(&cal.timezones[0].properties), "TZID"),
        Some("Asia/Tokyo")
    );

    let events: Vec<Vec<Line>> = cal.events.iter().map(|e| props(&e.properties)).collect();
    let summaries: Vec<&str> = events
        .iter()
        .map(|e| value(e, "SUMMARY").unwrap())
        .collect();
    assert_eq!(
        summaries,
        [
            "Yokohama port and Tokyo",
            r"Port of Yokohama\, Honmoku Pier",
            "Briefing on container terminal automation",
            "[cancelled] Lunch with the Port and Harbor Bureau",
            "[tentative] Smart City Office",
            "Smart-city planning exchange",
        ]
    );
    // The day's title and notes: an all-day event before its stops.
    let day = &events[0];
    assert_eq!(param(day, "DTSTART", "VALUE"), Some("DATE"));
    assert_eq!(value(day, "DTSTART"), Some("20190409"));
    assert_eq!(value(day, "DTEND"), Some("20190410"));
    assert_eq!(
        value(day, "DESCRIPTION"),
        Some(
            r"Day 2 of 3.\nMorning in Yokohama\, afternoon in Tokyo.\nBring passports for the port visit."
        )
    );
    assert_eq!(value(day, "X-ITINERARY-DAY"), Some("2019-04-09"));
    let port = &events[1];
    assert_eq!(value(port, "DTSTART"), Some("20190409T093000"));
    assert_eq!(param(port, "DTSTART", "TZID"), Some("Asia/Tokyo"));
    assert_eq!(value(port, "DTEND"), Some("20190409T120000"));
    assert_eq!(value(port, "DTSTAMP"), Some("20190101T000000Z"));
    // The CRLF of the file became an escaped newline; the backslash is escaped.
    let description = value(port, "DESCRIPTION").unwrap();
    assert!(
        description
            .ends_with(r"helmets provided.\nPhotos only where the guide allows\, \\ no drones."),
        "{description}"
    );
    assert_eq!(
        value(port, "LOCATION"),
        Some(r"Port of Yokohama\, Honmoku Pier\, Honmoku-futo\, Naka-ku\, Yokohama\, Kanagawa")
    );
    // A meeting is where its stop is, address included.
    assert_eq!(value(&events[2], "LOCATION"), value(port, "LOCATION"));
    assert_eq!(value(&events[3], "STATUS"), Some("CANCELLED"));
    assert_eq!(value(&events[4], "STATUS"), Some("TENTATIVE"));
    // An untimed meeting is an all-day event with an exclusive end.
    let untimed = &events[5];
    assert_eq!(param(untimed, "DTSTART", "VALUE"), Some("DATE"));
    assert_eq!(value(untimed, "DTSTART"), Some("20190409"));
    assert_eq!(value(untimed, "DTEND"), Some("20190410"));
    let uids: std::collections::BTreeSet<&str> =
        events.iter().map(|e| value(e, "UID").unwrap()).collect();
    assert_eq!(uids.len(), events.len(), "UIDs are unique");
}

#[test]
fn uids_are_stable_across_exports_and_filters() {
    let trip = timed();
    let uids = |sel: &Selection| -> Vec<(String, String)> {
        let cal = parse_ics(&export::ics(&trip, sel, stamp()));
        cal.events
            .iter()
            .map(|e| {
                let p = props(&e.properties);
                (
                    value(&p, "SUMMARY").unwrap().to_string(),
                    value(&p, "UID").unwrap().to_string(),
                )
            })
            .collect()
    };
    let whole = uids(&Selection::trip());
    let day = uids(&Selection::day(DayRef::Day(1)));
    let tokyo = uids(&Selection::of(
        Scope::Day(DayRef::Day(1)),
        select::parse_prefectures(&trip, &["tokyo".into()]).unwrap(),
    ));
    // The day's own event, the Tokyo stop and its meeting.
    assert_eq!(tokyo.len(), 3);
    for e in day.iter().chain(&tokyo) {
        assert!(
            whole.contains(e),
            "{e:?} has another UID in the whole-trip export"
        );
    }
    // The two Haneda stops (arrival, departure) are distinct events.
    let haneda: Vec<_> = whole
        .iter()
        .filter(|(s, _)| s == "Haneda Airport")
        .collect();
    assert_eq!(haneda.len(), 2);
    assert_ne!(haneda[0].1, haneda[1].1);
}

#[test]
fn whole_trip_ics_has_unscheduled_stops_spanning_the_trip() {
    let cal = parse_ics(&export::ics(&bundled(), &Selection::trip(), stamp()));
    // 8 stops, 6 meetings, and the 5 days (each has a title).
    assert_eq!(cal.events.len(), 19);
    // The bundled trip has no times, so no zone is needed.
    assert!(cal.timezones.is_empty());
    let forum = cal
        .events
        .iter()
        .map(|e| props(&e.properties))
        .find(|p| value(p, "SUMMARY") == Some("Zhejiang-Japan business forum"))
        .unwrap();
    assert_eq!(value(&forum, "DTSTART"), Some("20180826"));
    assert_eq!(value(&forum, "DTEND"), Some("20180831"));
}

#[test]
fn no_control_character_reaches_any_format() {
    let mut trip = timed();
    let stop = &mut trip.days[1].stops[0];
    stop.place = "Port\tof\u{1b}[31m Yokohama\u{7}".into();
    stop.notes = Some("line one\r\nline two\rline three\u{0}\u{9b}".into());
    stop.meetings[0].outcome = Some("done\r\n".into());
    trip.days[1].title = Some("Yokohama\r\nTokyo".into());
    for (format, _) in FORMATS {
        let out = export::render(&trip, &Selection::day(DayRef::Day(1)), format, stamp());
        let allowed: &[char] = if format == Format::Ics {
            &['\r', '\n']
        } else {
            &['\n']
        };
        let bad: Vec<char> = out
            .chars()
            .filter(|c| c.is_control() && !allowed.contains(c))
            .collect();
        assert!(bad.is_empty(), "{format:?} leaks {bad:?}");
        if format == Format::Ics {
            assert!(!out.replace("\r\n", "").contains('\r'));
        } else {
            assert!(
                out.contains("line one\n") || out.contains(r"line one\n"),
                "{out}"
            );
        }
    }
}

#[test]
fn json_has_local_times_the_zone_and_iso_dates() {
    let out = export::json(&timed(), &Selection::day(DayRef::Day(1)));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["trip"]["timezone"], "Asia/Tokyo");
    assert_eq!(v["days"][0]["date"], "2019-04-09");
    assert_eq!(v["days"][0]["weekday"], "Tuesday");
    let stop = &v["days"][0]["stops"][0];
    assert_eq!(stop["arrive"], "09:30");
    assert_eq!(stop["prefecture"], "Kanagawa");
    assert_eq!(stop["meetings"][1]["status"], "cancelled");
    assert_eq!(stop["meetings"][0]["attendees"][2]["native"], "山田花子");
    assert_eq!(v["counts"]["people_met"], 2);
}

#[test]
fn a_stop_with_only_a_departure_time_runs_from_the_start_of_its_day_to_it() {
    let cal = parse_ics(&export::ics(
        &timed(),
        &Selection::day(DayRef::Day(2)),
        stamp(),
    ));
    let departure = props(&cal.events[1].properties);
    assert_eq!(value(&departure, "SUMMARY"), Some("Haneda Airport"));
    assert_eq!(value(&departure, "DTSTART"), Some("20190410T000000"));
    assert_eq!(param(&departure, "DTSTART", "TZID"), Some("Asia/Tokyo"));
    assert_eq!(value(&departure, "DTEND"), Some("20190410T110500"));
    assert_eq!(param(&departure, "DTEND", "TZID"), Some("Asia/Tokyo"));
    assert!(
        value(&departure, "DESCRIPTION")
            .unwrap()
            .contains("until 11:05")
    );
}

#[test]
fn a_trip_in_utc_gets_utc_times_and_no_vtimezone() {
    let mut trip = timed();
    trip.timezone = chrono_tz::UTC;
    let cal = parse_ics(&export::ics(
        &trip,
        &Selection::day(DayRef::Day(1)),
        stamp(),
    ));
    assert!(cal.timezones.is_empty());
    let port = props(&cal.events[1].properties);
    assert_eq!(value(&port, "DTSTART"), Some("20190409T093000Z"));
    assert_eq!(param(&port, "DTSTART", "TZID"), None);
}

#[test]
fn an_unscheduled_stop_and_a_first_day_stop_at_one_place_get_two_uids() {
    let mut trip = timed();
    // Day 1 has "Haneda Airport"; the unscheduled stop shares the trip's
    // first date, and was given the same UID.
    trip.unscheduled[0].place = "Haneda Airport".into();
    let cal = parse_ics(&export::ics(&trip, &Selection::trip(), stamp()));
    let uids: Vec<String> = cal
        .events
        .iter()
        .map(|e| value(&props(&e.properties), "UID").unwrap().to_string())
        .collect();
    let unique: std::collections::BTreeSet<&String> = uids.iter().collect();
    assert_eq!(unique.len(), uids.len(), "{uids:#?}");
}

#[test]
fn every_uid_of_a_generated_trip_is_unique() {
    let text = generate::trip_toml(3_000, 20, 11);
    let trip = load::load_str(&text).unwrap().trip;
    let selection = Selection::trip();
    let export = export::IcsExport::new(&trip, &selection, stamp());
    let mut seen = std::collections::HashSet::new();
    for e in export.events() {
        assert!(seen.insert(e.uid().to_string()), "{} twice", e.uid());
    }
    assert!(seen.len() > 3_000);
}

/// JSON is written lazily, Markdown and text read the summary built
/// whole: both must say the same, byte for byte.
#[test]
fn streamed_json_is_the_summary_serialized() {
    for trip in [bundled(), timed()] {
        let mut selections = vec![Selection::trip(), Selection::day(DayRef::Unscheduled)];
        selections.extend((0..trip.days.len()).map(|i| Selection::day(DayRef::Day(i))));
        let tokyo = select::parse_prefectures(&trip, &["tokyo".into()]).unwrap();
        selections.extend(
            [Scope::Trip, Scope::Day(DayRef::Day(0))]
                .map(|scope| Selection::of(scope, tokyo.clone())),
        );
        for sel in &selections {
            let whole =
                serde_json::to_string_pretty(&export::summary::summarize(&trip, sel)).unwrap();
            assert_eq!(export::json(&trip, sel), whole + "\n", "{sel:?}");
        }
    }
}
