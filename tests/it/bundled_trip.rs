//! The bundled Zhejiang–Japan 2018 trip: it loads cleanly, and the facts of
//! its source article are in the model on the right days.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::trip_checks;

use chrono::NaiveDate;
use itinerary::load::BUNDLED;
use itinerary::model::{Day, DayRef, Event, Meeting, Side, Status, Stop, StopKind, Trip};
use itinerary::prefecture::{Prefecture, PrefectureName};
use trip_checks::{load, person, rendered_warnings, warning_conditions};

fn trip() -> Trip {
    let loaded = load("bundled", BUNDLED);
    let shown = rendered_warnings(&loaded, "bundled", BUNDLED);
    assert!(
        shown.is_empty(),
        "bundled trip warns:\n{}",
        shown.join("\n")
    );
    loaded.trip
}

fn day(trip: &Trip, y: i32, m: u32, d: u32) -> &Day {
    let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let i = trip
        .day_index(date)
        .unwrap_or_else(|| panic!("no day {date}"));
    &trip.days[i]
}

fn known(p: Prefecture) -> Option<PrefectureName> {
    Some(PrefectureName::Known(p))
}

fn pref(name: &str) -> Prefecture {
    Prefecture::parse(name).unwrap()
}

fn meetings(stops: &[Stop]) -> impl Iterator<Item = (&Stop, &Meeting)> {
    stops
        .iter()
        .flat_map(|s| s.meetings.iter().map(move |m| (s, m)))
}

fn has_topic(m: &Meeting, needle: &str) -> bool {
    m.topics.iter().any(|t| t.contains(needle))
}

#[test]
fn bundled_trip_loads_with_no_errors_and_no_warnings() {
    let trip = trip();
    assert_eq!(warning_conditions(&trip), Vec::<String>::new());
}

#[test]
fn the_trip_is_the_zhejiang_delegation_in_japan_26_to_30_august_2018() {
    let trip = trip();
    assert_eq!(trip.title, "Zhejiang provincial delegation to Japan");
    assert_eq!(trip.start, NaiveDate::from_ymd_opt(2018, 8, 26).unwrap());
    assert_eq!(trip.end, NaiveDate::from_ymd_opt(2018, 8, 30).unwrap());
    assert_eq!(trip.days.len(), 5);
    assert_eq!(trip.timezone, chrono_tz::Asia::Tokyo);
    assert_eq!(trip.lead, Some(person(&trip, "yuan")));
    assert!(
        trip.purpose
            .as_deref()
            .unwrap()
            .contains("governance experience")
    );
    assert!(trip.sources[0].contains("ezhejiang.gov.cn"));
    // The article reports nothing on the first and last days.
    assert!(day(&trip, 2018, 8, 26).stops.is_empty());
    assert!(day(&trip, 2018, 8, 30).stops.is_empty());
}

#[test]
fn every_person_of_the_article_has_a_role_and_a_native_name() {
    let trip = trip();
    let expected = [
        (
            "yuan",
            "Yuan Jiajun",
            "袁家军",
            "Governor of Zhejiang",
            Side::Delegation,
        ),
        (
            "kawakatsu",
            "Heita Kawakatsu",
            "川勝平太",
            "Governor of Shizuoka",
            Side::Host,
        ),
        ("jack-ma", "Jack Ma", "马云", "Alibaba", Side::Delegation),
        ("son", "Masayoshi Son", "孫正義", "SoftBank", Side::Host),
        (
            "fukuda",
            "Tomikazu Fukuda",
            "福田富一",
            "Governor of Tochigi",
            Side::Host,
        ),
    ];
    assert_eq!(trip.people.len(), expected.len());
    for (key, name, native, role, side) in expected {
        let p = trip.person(person(&trip, key));
        assert_eq!(p.name, name);
        assert_eq!(p.native.as_deref(), Some(native));
        assert!(
            p.role.as_deref().unwrap().contains(role),
            "{key}: {:?}",
            p.role
        );
        assert_eq!(p.side, side, "{key}");
    }
}

#[test]
fn shizuoka_on_27_august_talks_with_kawakatsu_on_the_article_topics() {
    let trip = trip();
    let d = day(&trip, 2018, 8, 27);
    let kawakatsu = person(&trip, "kawakatsu");
    let (stop, m) = meetings(&d.stops)
        .find(|(_, m)| m.attendees.contains(&kawakatsu))
        .expect("a meeting with Kawakatsu on 27 August");
    assert_eq!(stop.prefecture, known(pref("Shizuoka")));
    assert!(m.attendees.contains(&person(&trip, "yuan")));
    for topic in [
        "commerce",
        "trade",
        "manufacturing",
        "tourism",
        "old-age care",
        "social management",
        "1982",
    ] {
        assert!(has_topic(m, topic), "missing topic {topic}: {:?}", m.topics);
    }
    assert!(m.outcome.as_deref().unwrap().contains("friendship in 1982"));
}

#[test]
fn softbank_tokyo_headquarters_on_28_august_with_jack_ma_and_son() {
    let trip = trip();
    let d = day(&trip, 2018, 8, 28);
    let stop = d
        .stops
        .iter()
        .find(|s| s.place.contains("SoftBank"))
        .expect("SoftBank on 28 August");
    assert_eq!(stop.prefecture, known(pref("Tokyo")));
    assert!(stop.place.contains("headquarters"));
    assert!(stop.people.contains(&person(&trip, "jack-ma")));
    assert!(stop.people.contains(&person(&trip, "son")));
    let m = stop
        .meetings
        .iter()
        .find(|m| m.attendees.contains(&person(&trip, "son")))
        .expect("a meeting with Son");
    assert!(has_topic(m, "artificial intelligence"));
    assert!(has_topic(m, "fintech"));
}

#[test]
fn tochigi_on_29_august_celebrates_the_25th_anniversary_with_fukuda() {
    let trip = trip();
    let d = day(&trip, 2018, 8, 29);
    let stop = d
        .stops
        .iter()
        .find(|s| s.prefecture == known(pref("Tochigi")))
        .expect("Tochigi on 29 August");
    assert_eq!(stop.kind, StopKind::Ceremony);
    assert!(stop.place.contains("25th anniversary"));
    let fukuda = person(&trip, "fukuda");
    assert!(stop.people.contains(&fukuda));
    let m = stop
        .meetings
        .iter()
        .find(|m| m.attendees.contains(&fukuda))
        .unwrap();
    assert!(has_topic(m, "25th anniversary"));
    assert!(m.outcome.as_deref().unwrap().contains("win-win"));
}

#[test]
fn undated_forums_and_visits_are_unscheduled() {
    let trip = trip();
    let forums: Vec<&Stop> = trip
        .unscheduled
        .iter()
        .filter(|s| s.kind == StopKind::Forum)
        .collect();
    assert_eq!(forums.len(), 2, "the article's two business forums");
    let signing = meetings(&trip.unscheduled)
        .find(|(_, m)| {
            m.outcome
                .as_deref()
                .is_some_and(|o| o.contains("1.53 billion yuan"))
        })
        .map(|(s, m)| (s, m.outcome.as_deref().unwrap()));
    let (forum, outcome) = signing.expect("the agreements of the business forum");
    assert_eq!(forum.place, "Zhejiang-Japan business forum");
    assert!(outcome.contains("($224.34 million)"));
    assert!(outcome.contains("11 cooperation projects"));
    for place in [
        "Old-age care institutes",
        "Melon plantation bases",
        "Renowned Japanese companies",
    ] {
        let visit = trip.unscheduled.iter().find(|s| s.place == place);
        assert_eq!(visit.map(|s| s.kind), Some(StopKind::Visit), "{place}");
    }
}

#[test]
fn nothing_is_given_a_time_venue_or_status_the_article_does_not_state() {
    let trip = trip();
    let days = (0..trip.days.len()).map(DayRef::Day);
    for r in days.chain([DayRef::Unscheduled]) {
        for (_, event) in trip.events(r) {
            assert_eq!(
                (event.start(), event.end()),
                (None, None),
                "{}",
                event.title()
            );
            assert_eq!(event.status(), Status::Confirmed, "{}", event.title());
            if let Event::Stop(s) = event {
                assert_eq!((&s.city, &s.address), (&None, &None), "{}", s.place);
            }
        }
    }
}
