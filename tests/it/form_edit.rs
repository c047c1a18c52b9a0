//! The event form's field edits (src/edit/fields.rs): each field of a stop
//! and a meeting changed on its own, on the bundled trip and the example;
//! the diff shows exactly that field's line (insta snapshots of unified
//! diffs), and the new text passes `check`. New stops and meetings from
//! the form; refusals name the field at fault and cite no line.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use itinerary::edit::fields::{Change, Kind};
use itinerary::edit::{self, Edit, New};
use itinerary::load::{BUNDLED, load_str};
use itinerary::model::{DayRef, EventRef, Trip};

const EXAMPLE: &str = include_str!("../../itineraries/example-trade-mission.toml");

fn find(trip: &Trip, title: &str) -> EventRef {
    (0..trip.days.len())
        .map(DayRef::Day)
        .chain([DayRef::Unscheduled])
        .flat_map(|d| trip.events(d).collect::<Vec<_>>())
        .find(|(_, e)| e.title() == title)
        .map(|(r, _)| r)
        .unwrap_or_else(|| panic!("no event {title:?}"))
}

fn diff(before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(1)
        .to_string()
}

/// A new value for a field of this kind, unlike what it holds.
fn sample(kind: Kind, was: &str, people: &[String]) -> String {
    match kind {
        Kind::Text => format!("{was} (new)").trim().to_string(),
        Kind::MultiLine => "First line\nsecond line, 二行目".into(),
        Kind::Keyword(words) => words.iter().find(|w| **w != was).unwrap().to_string(),
        Kind::Time => if was == "09:05" { "09:10" } else { "09:05" }.into(),
        Kind::List => "tourism\n観光".into(),
        Kind::People => people
            .iter()
            .rev()
            .take(2)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

/// Every field of the event changed on its own: the message and the diff,
/// or the refusal.
fn every_field(text: &str, title: &str) -> String {
    let trip = load_str(text).unwrap().trip;
    let at = find(&trip, title);
    let event = trip.event(at).unwrap();
    let values = edit::read_fields(text, event).unwrap();
    let people: Vec<String> = trip.people.iter().map(|p| p.key.clone()).collect();
    let mut out = String::new();
    for (field, was) in edit::fields_of(event).iter().zip(values) {
        let now = sample(field.kind, &was, &people);
        out.push_str(&format!(
            "## {} of {title:?}: {was:?} -> {now:?}\n",
            field.key
        ));
        let e = Edit::Fields(vec![Change {
            key: field.key.into(),
            was,
            now,
        }]);
        match edit::apply_form(text, &trip, at, &e) {
            Ok(applied) => {
                load_str(&applied.text).unwrap();
                out.push_str(&format!(
                    "ok: {}\n{}\n",
                    applied.message,
                    diff(text, &applied.text)
                ));
            }
            Err(r) => out.push_str(&format!("refused at {:?}: {}\n\n", r.key, r.message)),
        }
    }
    out
}

#[test]
fn each_field_of_a_bundled_stop_and_meeting() {
    let mut out = every_field(BUNDLED, "Meeting with Shizuoka Governor Heita Kawakatsu");
    out.push_str(&every_field(
        BUNDLED,
        "Meeting with SoftBank chairman Masayoshi Son",
    ));
    insta::assert_snapshot!(out);
}

#[test]
fn each_field_of_an_example_stop_and_meeting() {
    let trip = load_str(EXAMPLE).unwrap().trip;
    let stop = trip.days[0].stops[0].place.clone();
    let meeting = trip
        .days
        .iter()
        .flat_map(|d| &d.stops)
        .flat_map(|s| &s.meetings)
        .next()
        .unwrap()
        .title
        .clone();
    let mut out = every_field(EXAMPLE, &stop);
    out.push_str(&every_field(EXAMPLE, &meeting));
    insta::assert_snapshot!(out);
}

#[test]
fn new_stops_and_meetings_from_the_form() {
    let mut out = String::new();
    for text in [BUNDLED, EXAMPLE] {
        let trip = load_str(text).unwrap().trip;
        let stop = EventRef {
            day: DayRef::Day(1),
            stop: 0,
            meeting: None,
        };
        let people: Vec<String> = trip.people.iter().take(2).map(|p| p.key.clone()).collect();
        let adds = [
            Edit::Add(
                New::Meeting,
                vec![
                    ("title".into(), "Follow-up".into()),
                    ("start".into(), "16:00".into()),
                    ("end".into(), "16:30".into()),
                    ("attendees".into(), people.join("\n")),
                    ("topics".into(), "trade\n貿易".into()),
                ],
            ),
            Edit::Add(
                New::Stop,
                vec![
                    ("place".into(), "Evening reception".into()),
                    ("kind".into(), "meal".into()),
                    ("arrive".into(), "21:00".into()),
                    ("notes".into(), "Dress code: business.\nTwo lines.".into()),
                ],
            ),
        ];
        for e in adds {
            let applied = edit::apply_form(text, &trip, stop, &e).unwrap();
            load_str(&applied.text).unwrap();
            out.push_str(&format!(
                "## {}\n{}\n",
                applied.message,
                diff(text, &applied.text)
            ));
        }
    }
    insta::assert_snapshot!(out);
}

#[test]
fn a_refused_save_names_the_field_and_cites_no_line() {
    let trip = load_str(EXAMPLE).unwrap().trip;
    let at = find(&trip, "Briefing on the Japanese food import market");
    let event = trip.event(at).unwrap();
    let values = edit::read_fields(EXAMPLE, event).unwrap();
    let change = |key: &str, now: &str| {
        let i = edit::fields_of(event)
            .iter()
            .position(|f| f.key == key)
            .unwrap();
        Edit::Fields(vec![Change {
            key: key.into(),
            was: values[i].clone(),
            now: now.into(),
        }])
    };
    let refused = |e: Edit| edit::apply_form(EXAMPLE, &trip, at, &e).unwrap_err();
    let r = refused(change("end", "08:00"));
    assert_eq!(r.key.as_deref(), Some("end"), "{r:?}");
    assert!(r.message.contains("ends before it starts"), "{r:?}");
    assert!(!r.message.contains("line"), "{r:?}");
    let r = refused(change("start", "25:00"));
    assert_eq!(r.key.as_deref(), Some("start"));
    assert!(r.message.contains("is not a time"), "{r:?}");
    let r = refused(change("title", "  "));
    assert_eq!(r.key.as_deref(), Some("title"));
    let r = refused(change("status", "maybe"));
    assert_eq!(r.key.as_deref(), Some("status"), "{r:?}");
    let r = refused(change("attendees", "nobody_here"));
    assert_eq!(r.key.as_deref(), Some("attendees"), "{r:?}");
}

#[test]
fn a_field_changed_outside_too_is_a_conflict_that_writes_nothing() {
    let trip = load_str(BUNDLED).unwrap().trip;
    let at = find(&trip, "Meeting with SoftBank chairman Masayoshi Son");
    let e = Edit::Fields(vec![Change {
        key: "outcome".into(),
        was: "what the form read".into(),
        now: "mine".into(),
    }]);
    let r = edit::apply_form(BUNDLED, &trip, at, &e).unwrap_err();
    assert_eq!(r.key.as_deref(), Some("outcome"));
    assert!(r.theirs.is_some(), "{r:?}");
    assert!(r.message.contains("changed outside"), "{r:?}");
}
