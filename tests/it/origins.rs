//! Every entity of a loaded trip can be found back in the text by its
//! origin: the text of its span is its own table (its header and its own
//! keys, none of another entity's), holding the entity's own values, and
//! its index is its place among its siblings in file order.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::generate;
use chrono::NaiveTime;
use itinerary::load::{BUNDLED, load_str};
use itinerary::model::{Meeting, Origin, Stop, Trip};

const EXAMPLE: &str = include_str!("../../itineraries/example-trade-mission.toml");

/// The table the text of `origin` defines under `path` (`["day", "stop"]`),
/// parsed on its own; it must define nothing else.
fn table_at(text: &str, origin: &Origin, path: &[&str]) -> toml::Table {
    let src = &text[origin.span.clone()];
    let mut value = toml::Value::Table(
        toml::from_str::<toml::Table>(src).unwrap_or_else(|e| panic!("{src:?}: {e}")),
    );
    for key in path {
        let table = value.as_table().unwrap();
        assert_eq!(table.len(), 1, "{src:?} holds more than {path:?}");
        value = match table[*key].clone() {
            toml::Value::Array(mut items) => {
                assert_eq!(items.len(), 1, "{src:?} holds more than one {path:?}");
                items.remove(0)
            }
            other => other,
        };
    }
    match value {
        toml::Value::Table(t) => t,
        other => panic!("{src:?}: {other:?}"),
    }
}

fn text_of<'a>(t: &'a toml::Table, key: &str) -> Option<&'a str> {
    t.get(key).map(|v| v.as_str().unwrap())
}

fn time_of(t: &toml::Table, key: &str) -> Option<NaiveTime> {
    t.get(key).map(|v| {
        let s = match v {
            toml::Value::Datetime(d) => d.to_string(),
            other => other.as_str().unwrap().to_string(),
        };
        NaiveTime::parse_from_str(&s, "%H:%M:%S%.f")
            .or_else(|_| NaiveTime::parse_from_str(&s, "%H:%M"))
            .unwrap()
    })
}

/// The indices of siblings, in the order of their spans: 0, 1, 2…
fn assert_file_order<'a>(origins: impl Iterator<Item = &'a Origin>, what: &str) {
    let mut origins: Vec<&Origin> = origins.collect();
    origins.sort_by_key(|o| o.span.start);
    let indices: Vec<usize> = origins.iter().map(|o| o.index).collect();
    let expected: Vec<usize> = (0..origins.len()).collect();
    assert_eq!(indices, expected, "{what}");
    for pair in origins.windows(2) {
        assert!(pair[0].span.end <= pair[1].span.start, "{what} overlap");
    }
}

fn check_stop(text: &str, stop: &Stop, path: &[&str]) {
    let t = table_at(text, &stop.origin, path);
    assert_eq!(text_of(&t, "place"), Some(stop.place.as_str()));
    assert_eq!(text_of(&t, "city"), stop.city.as_deref());
    assert_eq!(text_of(&t, "address"), stop.address.as_deref());
    assert_eq!(text_of(&t, "notes"), stop.notes.as_deref());
    assert_eq!(t.contains_key("prefecture"), stop.prefecture.is_some());
    assert_eq!(
        text_of(&t, "kind").unwrap_or("visit"),
        stop.kind.as_str(),
        "{}",
        stop.place
    );
    assert_eq!(
        text_of(&t, "status").unwrap_or("confirmed"),
        stop.status.as_str()
    );
    assert_eq!(time_of(&t, "arrive"), stop.arrive, "{}", stop.place);
    assert_eq!(time_of(&t, "depart"), stop.depart, "{}", stop.place);
    assert!(
        !t.contains_key("meeting"),
        "{}: meetings are their own",
        stop.place
    );
    let mut meeting_path = path.to_vec();
    meeting_path.push("meeting");
    for m in &stop.meetings {
        check_meeting(text, m, &meeting_path);
    }
    assert_file_order(stop.meetings.iter().map(|m| &m.origin), &stop.place);
}

fn check_meeting(text: &str, m: &Meeting, path: &[&str]) {
    let t = table_at(text, &m.origin, path);
    assert_eq!(text_of(&t, "title"), Some(m.title.as_str()));
    assert_eq!(text_of(&t, "outcome"), m.outcome.as_deref());
    assert_eq!(text_of(&t, "notes"), m.notes.as_deref());
    assert_eq!(time_of(&t, "start"), m.start, "{}", m.title);
    assert_eq!(time_of(&t, "end"), m.end, "{}", m.title);
    let topics: Vec<&str> = t
        .get("topics")
        .map(|v| {
            v.as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(topics, m.topics);
}

/// Checks every origin of `trip`, loaded from `text`; returns how many.
fn check_trip(text: &str, trip: &Trip) -> usize {
    let mut count = 0;
    for p in &trip.people {
        let t = table_at(text, &p.origin, &["people", &p.key]);
        assert_eq!(text_of(&t, "name"), Some(p.name.as_str()));
        assert_eq!(text_of(&t, "native"), p.native.as_deref());
        assert_eq!(text_of(&t, "role"), p.role.as_deref());
        count += 1;
    }
    assert_file_order(trip.people.iter().map(|p| &p.origin), "people");
    for day in &trip.days {
        let Some(origin) = &day.origin else {
            assert!(day.stops.is_empty() && day.title.is_none());
            continue;
        };
        let t = table_at(text, origin, &["day"]);
        assert_eq!(
            t["date"].as_datetime().unwrap().to_string(),
            day.date.to_string()
        );
        assert_eq!(text_of(&t, "title"), day.title.as_deref());
        assert_eq!(text_of(&t, "notes"), day.notes.as_deref());
        assert!(!t.contains_key("stop"), "{}: stops are their own", day.date);
        for stop in &day.stops {
            check_stop(text, stop, &["day", "stop"]);
            count += 1 + stop.meetings.len();
        }
        assert_file_order(day.stops.iter().map(|s| &s.origin), "stops");
        count += 1;
    }
    assert_file_order(trip.days.iter().filter_map(|d| d.origin.as_ref()), "days");
    for stop in &trip.unscheduled {
        check_stop(text, stop, &["unscheduled"]);
        count += 1 + stop.meetings.len();
    }
    assert_file_order(trip.unscheduled.iter().map(|s| &s.origin), "unscheduled");
    count
}

#[test]
fn every_origin_of_the_bundled_and_example_trips_holds_its_entity() {
    for (name, text) in [("bundled", BUNDLED), ("example", EXAMPLE)] {
        let trip = load_str(text).unwrap().trip;
        let count = check_trip(text, &trip);
        assert!(count > 20, "{name}: only {count} entities");
    }
}

#[test]
fn origins_of_a_trip_read_in_pieces_point_into_the_whole_text() {
    // Over 1 MiB, so it is cut into pieces read on two threads.
    let text = generate::trip_toml(6000, 40, 7);
    assert!(text.len() > 1024 * 1024);
    let trip = load_str(&text).unwrap().trip;
    assert!(check_trip(&text, &trip) > 6000);
}

#[test]
fn a_stop_written_inline_has_the_inline_table_for_origin() {
    let text = "[trip]\ntitle = \"T\"\nstart = 2020-01-01\nend = 2020-01-01\n\n\
                [[day]]\ndate = 2020-01-01\nstop = [{ place = \"A\" }, { place = \"B\", arrive = 10:00 }]\n";
    let trip = load_str(text).unwrap().trip;
    let stops = &trip.days[0].stops;
    let spans: Vec<&str> = stops.iter().map(|s| &text[s.origin.span.clone()]).collect();
    assert_eq!(
        spans,
        ["{ place = \"A\" }", "{ place = \"B\", arrive = 10:00 }"]
    );
    assert_eq!(
        trip.days[0].origin.as_ref().map(|o| &text[o.span.clone()]),
        Some(&text[text.find("[[day]]").unwrap()..text.len() - 1])
    );
}
