//! Every trip in `itineraries/` and the complete example of
//! `docs/format.md` load, with warnings only where a file means to have them.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::trip_checks;

use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime};
use itinerary::model::{DayRef, Status, Trip};
use itinerary::prefecture::{Prefecture, PrefectureName};
use trip_checks::{load, rendered_warnings, warning_conditions};

const EXAMPLE: &str = "example-trade-mission.toml";

fn itinerary_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("itineraries");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files
}

fn example() -> Trip {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("itineraries")
        .join(EXAMPLE);
    load(EXAMPLE, &std::fs::read_to_string(path).unwrap()).trip
}

fn time(h: u32, m: u32) -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(h, m, 0)
}

#[test]
fn every_itinerary_loads_with_only_its_intended_warnings() {
    let files = itinerary_files();
    assert!(files.len() >= 2, "{files:?}");
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let loaded = load(&name, &text);
        let shown = rendered_warnings(&loaded, &name, &text);
        let conditions = warning_conditions(&loaded.trip);
        if name == EXAMPLE {
            // The one intended warning: two stops on 10 March overlap (the
            // file says so in a comment).
            assert!(
                shown.len() <= 1 && shown.iter().all(|w| w.contains("overlap")),
                "{name}:\n{}",
                shown.join("\n")
            );
            assert_eq!(
                conditions,
                ["2026-03-10: \"Sample Precision Works, plant 2\" overlaps \
                  \"Shizuoka–Example Province business forum\""]
            );
        } else {
            assert_eq!(shown, Vec::<String>::new(), "{name}");
            assert_eq!(conditions, Vec::<String>::new(), "{name}");
        }
    }
}

#[test]
fn example_trip_is_labelled_fictional_and_fully_timed() {
    let trip = example();
    assert!(trip.title.starts_with("Example"), "{}", trip.title);
    assert!((4..=6).contains(&trip.days.len()));
    for day in &trip.days {
        for stop in &day.stops {
            assert!(
                stop.arrive.is_some() && stop.depart.is_some(),
                "{}",
                stop.place
            );
            for m in &stop.meetings {
                assert!(m.start.is_some() && m.end.is_some(), "{}", m.title);
                assert!(
                    !m.attendees.is_empty() && !m.topics.is_empty(),
                    "{}",
                    m.title
                );
            }
        }
    }
    // 12 March is a day with no engagements; stops with no day exist.
    let rest = trip
        .day_index(NaiveDate::from_ymd_opt(2026, 3, 12).unwrap())
        .unwrap();
    assert!(trip.days[rest].stops.is_empty());
    assert!(trip.days[rest].title.is_some());
    assert!(trip.event_count(DayRef::Unscheduled) >= 2);
}

#[test]
fn example_trip_has_tentative_and_cancelled_stops_and_meetings() {
    let trip = example();
    let stops: Vec<_> = trip.days.iter().flat_map(|d| &d.stops).collect();
    let meetings: Vec<_> = stops.iter().flat_map(|s| &s.meetings).collect();
    for status in [Status::Tentative, Status::Cancelled] {
        assert!(stops.iter().any(|s| s.status == status), "{status} stop");
        assert!(
            meetings.iter().any(|m| m.status == status),
            "{status} meeting"
        );
    }
    assert!(meetings.iter().any(|m| m.outcome.is_some()));
}

#[test]
fn example_trip_spellings_of_prefectures_and_times_are_all_understood() {
    let trip = example();
    let mut seen: Vec<&str> = Vec::new();
    for stop in trip
        .days
        .iter()
        .flat_map(|d| &d.stops)
        .chain(&trip.unscheduled)
    {
        if let Some(PrefectureName::Known(p)) = &stop.prefecture
            && !seen.contains(&p.name())
        {
            seen.push(p.name());
        }
    }
    assert_eq!(
        seen,
        ["Tokyo", "Shizuoka", "Kyoto", "Osaka", "Fukuoka", "Hokkaido"]
    );
    // Written as the string "10:00" and as the TOML time 15:45:00.
    let shizuoka = &trip.days[1];
    let tea = shizuoka
        .stops
        .iter()
        .find(|s| s.place.contains("Tea"))
        .unwrap();
    assert_eq!(
        (tea.meetings[0].start, tea.meetings[0].end),
        (time(10, 0), time(11, 30))
    );
    let forum = shizuoka
        .stops
        .iter()
        .find(|s| s.place.contains("forum"))
        .unwrap();
    assert_eq!(forum.meetings[0].start, time(15, 45));
    assert!(
        trip.people
            .iter()
            .any(|p| p.native.as_deref() == Some("佐藤美咲"))
    );
}

/// The TOML block after the "complete example" marker in docs/format.md.
fn complete_example() -> String {
    let doc = include_str!("../../docs/format.md");
    let (_, after) = doc.split_once("<!-- complete example").unwrap();
    let (_, block) = after.split_once("```toml\n").unwrap();
    let (block, _) = block.split_once("```").unwrap();
    block.to_string()
}

#[test]
fn format_doc_complete_example_loads_cleanly_and_uses_every_field() {
    let text = complete_example();
    let loaded = load("docs/format.md", &text);
    let shown = rendered_warnings(&loaded, "doc", &text);
    assert_eq!(shown, Vec::<String>::new());
    assert_eq!(warning_conditions(&loaded.trip), Vec::<String>::new());
    for key in [
        "[trip]",
        "title",
        "start",
        "end",
        "timezone",
        "lead",
        "purpose",
        "sources",
        "[people.",
        "name",
        "native",
        "role",
        "side",
        "[[day]]",
        "date",
        "notes",
        "[[day.stop]]",
        "place",
        "kind",
        "prefecture",
        "city",
        "address",
        "arrive",
        "depart",
        "status",
        "people",
        "[[day.stop.meeting]]",
        "attendees",
        "topics",
        "outcome",
        "[[unscheduled]]",
    ] {
        assert!(
            text.lines().any(|l| l.starts_with(key)),
            "the complete example has no {key}"
        );
    }
    let aichi = Prefecture::parse("Aichi").unwrap();
    let day1 = &loaded.trip.days[0];
    assert_eq!(day1.stops.len(), 3);
    assert!(
        day1.stops
            .iter()
            .all(|s| s.prefecture == Some(PrefectureName::Known(aichi)))
    );
}
