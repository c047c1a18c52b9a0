//! Calendar reminders (issue 28): `reminders` in `[trip]`, a stop or a
//! meeting, checked like every field; one VALARM per lead time on each
//! timed, held event of the `.ics` (read back by the `ical` crate, not by
//! this crate's writer); in JSON; in the detail pane; the header's Next
//! line when an event is about to start; kept by edits.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use itinerary::app::App;
use itinerary::app::Msg;
use itinerary::edit::{self, Edit};
use itinerary::load;
use itinerary::model::{DayRef, EventRef};
use itinerary::ui::headless::Headless;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

const FIXTURE: &str = "tests/fixtures/reminders-trip.toml";
const TRIP: &str = include_str!("../fixtures/reminders-trip.toml");

fn run(args: &[&str]) -> std::process::Output {
    crate::common::bin()
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("SOURCE_DATE_EPOCH", "1546300800")
        .output()
        .unwrap()
}

/// SUMMARY → the TRIGGERs of its VALARMs (ACTION:DISPLAY each), read by
/// the `ical` crate; events of one SUMMARY are kept apart by a counter.
fn alarms(ics: &str) -> BTreeMap<String, Vec<String>> {
    let cal = ical::IcalParser::new(ics.as_bytes())
        .next()
        .unwrap()
        .unwrap();
    let mut out = BTreeMap::new();
    for e in &cal.events {
        let prop = |name: &str| {
            e.properties
                .iter()
                .find(|p| p.name == name)
                .and_then(|p| p.value.clone())
        };
        let mut key = prop("SUMMARY").unwrap();
        if out.contains_key(&key) {
            key = format!("{key} #2");
        }
        let triggers = e
            .alarms
            .iter()
            .map(|a| {
                let p = |name: &str| {
                    a.properties
                        .iter()
                        .find(|p| p.name == name)
                        .and_then(|p| p.value.clone())
                        .unwrap_or_default()
                };
                assert_eq!(p("ACTION"), "DISPLAY");
                assert!(!p("DESCRIPTION").is_empty());
                p("TRIGGER")
            })
            .collect();
        out.insert(key, triggers);
    }
    out
}

#[test]
fn the_ics_has_one_alarm_per_lead_time_on_each_timed_held_event() {
    let o = run(&["export", FIXTURE, "--format", "ics"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let ics = String::from_utf8(o.stdout).unwrap();
    let got = alarms(&ics);
    let want: BTreeMap<String, Vec<String>> = [
        ("Arrival", vec![]),
        ("Departure", vec![]),
        // The trip's.
        ("Haneda Airport", vec!["-PT15M"]),
        ("Hotel New Grand", vec!["-PT15M"]),
        // A stop's own, longest first; a meeting without its own takes them.
        ("Port of Yokohama", vec!["-PT1H", "-PT10M"]),
        ("Briefing on terminal automation", vec!["-PT1H", "-PT10M"]),
        // A meeting's own replaces its stop's.
        ("Harbour tour", vec!["-P1D"]),
        // Cancelled: none.
        ("[cancelled] Lunch with the Port and Harbor Bureau", vec![]),
        // [] turns them off, for the stop and for its meetings without their own.
        ("[tentative] Smart City Office", vec![]),
        ("Follow-up", vec![]),
        ("Smart-city planning exchange", vec!["-PT30M"]),
        // All-day, known only by its end, unscheduled: none.
        ("Packing and check-out", vec![]),
        ("Haneda Airport #2", vec![]),
        ("Courtesy call on the consulate", vec![]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.into_iter().map(String::from).collect()))
    .collect();
    assert_eq!(got, want);
    // What and where, at what time.
    let unfolded = ics.replace("\r\n ", "");
    assert!(
        unfolded.contains(
            "DESCRIPTION:Harbour tour at 11:00 — Port of Yokohama\\, Yokohama\\, Kanagawa\r\n"
        ),
        "{unfolded}"
    );
    assert!(unfolded.contains("DESCRIPTION:Haneda Airport at 15:40 — Ota\\, Tokyo\r\n"));
}

#[test]
fn an_unreadable_lead_time_is_an_error_at_its_place_with_the_accepted_forms() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trip.toml");
    let text = TRIP.replace(
        "reminders  = [\"1h\", \"10m\"]",
        "reminders  = [\"1h\", \"10 minutes\"]",
    );
    std::fs::write(&path, &text).unwrap();
    let o = run(&["check", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    let line = text.lines().position(|l| l.contains("10 minutes")).unwrap() + 1;
    let col = text
        .lines()
        .nth(line - 1)
        .unwrap()
        .find("\"10 minutes\"")
        .unwrap()
        + 1;
    assert!(
        err.contains("error: unreadable reminder lead time \"10 minutes\""),
        "{err}"
    );
    assert!(err.contains(&format!("trip.toml:{line}:{col}")), "{err}");
    assert!(err.contains("\"10m\", \"1h\" or \"1d\""), "{err}");
    assert!(err.contains("1h30m"), "{err}");
    // A slip of the key is led to it; a string is not an array.
    let slip = TRIP.replace("reminders = [\"15m\"]", "reminder = [\"15m\"]");
    let e = format!("{:?}", load::load_str(&slip).unwrap_err());
    assert!(e.contains("did you mean `reminders`?"), "{e}");
    let bare = TRIP.replace("reminders = [\"15m\"]", "reminders = \"15m\"");
    assert!(load::load_str(&bare).is_err());
}

#[test]
fn json_carries_the_lead_times_each_event_gets() {
    let o = run(&["export", FIXTURE, "--format", "json"]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["trip"]["reminders"], serde_json::json!(["15m"]));
    let port = &v["days"][1]["stops"][0];
    assert_eq!(port["place"], "Port of Yokohama");
    assert_eq!(port["reminders"], serde_json::json!(["1h", "10m"]));
    assert_eq!(
        port["meetings"][0]["reminders"],
        serde_json::json!(["1h", "10m"])
    );
    assert_eq!(port["meetings"][1]["reminders"], serde_json::json!(["1d"]));
    let office = &v["days"][1]["stops"][1];
    assert_eq!(office["reminders"], serde_json::json!([]));
    assert_eq!(
        office["meetings"][0]["reminders"],
        serde_json::json!(["30m"])
    );
}

fn local(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

fn at(now: &str) -> Headless {
    let trip = load::load_str(TRIP).unwrap().trip;
    let mut h = Headless::new(App::new(
        "reminders-trip.toml".into(),
        trip,
        Some(local(now)),
    ));
    h.send(Msg::Resize(100, 30));
    h
}

fn row(buf: &Buffer, y: u16) -> String {
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

fn rows(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height).map(|y| row(buf, y)).collect()
}

#[test]
fn the_detail_pane_says_when_it_reminds() {
    // Opens on the next event: Haneda Airport at 15:40, the trip's 15m.
    let mut h = at("2019-04-08T12:00");
    let screen = rows(h.draw()).join("\n");
    assert!(screen.contains("Reminds    15 min before"), "{screen}");
    // Port of Yokohama: its own two.
    let mut h = at("2019-04-09T08:00");
    let screen = rows(h.draw()).join("\n");
    assert!(
        screen.contains("Reminds    10 min and 1 h before"),
        "{screen}"
    );
    // The Smart City Office turns them off: no line.
    let mut h = at("2019-04-09T14:00");
    let screen = rows(h.draw()).join("\n");
    assert!(screen.contains("Smart City Office"), "{screen}");
    assert!(!screen.contains("Reminds"), "{screen}");
}

/// The header's Next line: `▶ Next` in reverse video once within the
/// shortest lead time, plain before.
fn next_line(h: &mut Headless) -> (String, bool) {
    let buf = h.draw().clone();
    let y = (0..buf.area.height)
        .find(|&y| row(&buf, y).contains("Next "))
        .expect("a Next line");
    let line = row(&buf, y);
    let x = line.find("Next").unwrap();
    let col = line[..x].chars().count() as u16;
    (
        line.trim_end().to_string(),
        buf[(col, y)].modifier.contains(Modifier::REVERSED),
    )
}

#[test]
fn the_next_line_draws_the_eye_within_the_shortest_lead_time() {
    // Haneda Airport at 15:40, reminded 15 min before.
    let (line, loud) = next_line(&mut at("2019-04-08T15:24"));
    assert!(
        line.contains("Next 15:40 Haneda Airport, in 16 min"),
        "{line}"
    );
    assert!(!line.contains('▶') && !loud, "{line}");
    let (line, loud) = next_line(&mut at("2019-04-08T15:25"));
    assert!(
        line.contains("▶ Next 15:40 Haneda Airport, in 15 min"),
        "{line}"
    );
    assert!(loud, "{line}");
    // The Follow-up has none ([] at its stop): never loud.
    let (line, loud) = next_line(&mut at("2019-04-09T15:29"));
    assert!(line.contains("Follow-up, in 1 min"), "{line}");
    assert!(!loud && !line.contains('▶'), "{line}");
}

#[test]
fn edits_keep_the_reminders() {
    let loaded = load::load_str(TRIP).unwrap();
    let port = EventRef {
        day: DayRef::Day(1),
        stop: 0,
        meeting: None,
    };
    for e in [
        Edit::CycleStatus,
        Edit::Shift(15),
        Edit::SetText("n".into()),
    ] {
        let done = edit::apply(TRIP, &loaded.trip, port, &e).unwrap();
        assert!(
            done.text.contains("reminders  = [\"1h\", \"10m\"]"),
            "{e:?}"
        );
        let stop = &done.loaded.trip.days[1].stops[0];
        assert_eq!(stop.place, "Port of Yokohama");
        let leads: Vec<String> = stop
            .reminders
            .iter()
            .flatten()
            .map(ToString::to_string)
            .collect();
        assert_eq!(leads, ["1h", "10m"], "{e:?}");
    }
}
