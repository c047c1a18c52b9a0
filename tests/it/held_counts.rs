//! The browser's counts follow the one rule of what is held
//! (`itinerary::tally`, issue 23 item 5): the day tabs count the events
//! held there, and the people view says who is met, so a day whose only
//! events are cancelled reads 0, and a host met only at a cancelled visit
//! reads "not met". The counts are derived once per version of the trip,
//! never per frame.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::generate;
use itinerary::app::{App, Intent, Msg};
use itinerary::load;
use itinerary::model::{Filter, PersonId};
use itinerary::tally;
use itinerary::ui::headless::Headless;
use itinerary::ui::tabs;
use itinerary::work;
use ratatui::buffer::Buffer;
use ratatui::style::Modifier;

/// Day 1: a cancelled visit whose meeting is not cancelled itself (not
/// held either: its stop is). Day 2: a visit, a cancelled meeting and a
/// tentative one (2 held). Day 3 in another prefecture: one visit.
const TRIP: &str = r#"
[trip]
title = "Held"
start = 2026-06-01
end = 2026-06-03

[people.gov]
name = "Governor"
side = "host"

[people.aide]
name = "Aide"
side = "host"

[people.me]
name = "Me"
side = "delegation"

[[day]]
date = 2026-06-01

[[day.stop]]
place = "Prefectural office"
prefecture = "Osaka"
status = "cancelled"
people = ["me"]

[[day.stop.meeting]]
title = "Courtesy call"
attendees = ["gov", "me"]

[[day]]
date = 2026-06-02

[[day.stop]]
place = "Hotel"
prefecture = "Osaka"
people = ["me"]

[[day.stop.meeting]]
title = "Breakfast"
status = "cancelled"
attendees = ["gov", "me"]

[[day.stop.meeting]]
title = "Dinner"
status = "tentative"
attendees = ["aide", "me"]

[[day]]
date = 2026-06-03

[[day.stop]]
place = "Castle"
prefecture = "Kyoto"
people = ["me"]
"#;

/// The tab strip's row (no now row: the trip is not under way).
const TABS: u16 = 1;

fn open(text: &str, w: u16, h: u16) -> Headless {
    let trip = load::load_str(text).expect("trip loads").trip;
    let mut app = Headless::new(App::new("held.toml".into(), trip, None));
    app.send(Msg::Resize(w, h));
    app
}

fn person(app: &Headless, key: &str) -> PersonId {
    PersonId(app.trip().people.iter().position(|p| p.key == key).unwrap())
}

/// The text of row `y`, a wide character once.
fn row(buf: &Buffer, y: u16) -> String {
    let mut text = String::new();
    let mut x = 0;
    while x < buf.area.width {
        let sym = buf[(x, y)].symbol();
        text.push_str(sym);
        x += unicode_width::UnicodeWidthStr::width(sym).max(1) as u16;
    }
    text
}

/// Each tab's count against a walk of its events through the filter, by
/// the rule of `tally::held`.
fn assert_tabs_follow_the_rule(app: &Headless) {
    for tab in 0..app.tab_count() {
        let day = app.tab_day(tab).unwrap();
        let listed: Vec<_> = app
            .trip()
            .events(day)
            .filter(|(_, e)| app.filter().shows(e))
            .map(|(_, e)| tally::held(e))
            .collect();
        let held = listed.iter().filter(|h| **h).count();
        assert_eq!(app.tab_len(tab), Some(listed.len()), "tab {tab} listed");
        assert_eq!(app.tab_held(tab), Some(held), "tab {tab} held");
        assert!(
            tabs::label(app, tab).contains(&format!("({held})")),
            "{tab}: {}",
            tabs::label(app, tab)
        );
    }
}

/// The tabs said "(2)" for a day whose visit and its meeting are
/// cancelled, and "(3)" for a day with a cancelled breakfast: they count
/// what is held (0 and 2), through any filter, and a day with nothing held
/// is dimmed as an empty one. The timeline still lists every event.
#[test]
fn the_day_tabs_count_the_events_held() {
    let mut app = open(TRIP, 80, 24);
    let strip = row(app.backend().buffer(), TABS);
    assert!(
        strip.contains("[Mon 1 Jun (0)]") && strip.contains(" Tue 2 Jun (2) "),
        "{strip}"
    );
    insta::assert_snapshot!("tabs_of_held_events_80x24", app.backend());
    // The timeline lists the cancelled visit and its meeting.
    assert_eq!(app.tab_len(0), Some(2));
    assert_eq!(app.current().unwrap().events.len(), 2);
    assert_tabs_follow_the_rule(&app);
    // Nothing held on Monday: dimmed, as a day with nothing. Tuesday not.
    app.send(Intent::Day(2));
    let buf = app.backend().buffer().clone();
    let at = row(&buf, TABS).find("Mon 1 Jun").unwrap() as u16;
    assert!(buf[(at, TABS)].modifier.contains(Modifier::DIM), "{buf:?}");
    app.send(Intent::Day(1));
    let buf = app.backend().buffer().clone();
    let at = row(&buf, TABS).find("Tue 2 Jun").unwrap() as u16;
    assert!(!buf[(at, TABS)].modifier.contains(Modifier::DIM), "{buf:?}");

    // Through a prefecture filter, and through a person filter (whose
    // events are walked rather than summed).
    let kyoto = app.trip().days[2].stops[0].prefecture.clone();
    app.set_filter(Filter {
        prefectures: vec![kyoto],
        people: Vec::new(),
    });
    assert_tabs_follow_the_rule(&app);
    for key in ["gov", "aide", "me"] {
        let id = person(&app, key);
        app.set_filter(Filter {
            prefectures: Vec::new(),
            people: vec![id],
        });
        assert_tabs_follow_the_rule(&app);
    }
    // The Governor's events are all cancelled: Monday says 0; Tuesday 1,
    // the hotel that holds his breakfast (listed with it, as the export
    // does), not the breakfast.
    let gov = person(&app, "gov");
    app.set_filter(Filter {
        prefectures: Vec::new(),
        people: vec![gov],
    });
    assert_eq!((app.tab_len(0), app.tab_held(0)), (Some(2), Some(0)));
    assert_eq!((app.tab_len(1), app.tab_held(1)), (Some(2), Some(1)));
}

/// The bundled trip and the example, through every prefecture alone: the
/// summed counts match a walk of the events.
#[test]
fn the_tab_counts_match_a_walk_through_every_filter() {
    for text in [
        load::BUNDLED,
        include_str!("../../itineraries/example-trade-mission.toml"),
        include_str!("../fixtures/cjk-trip.toml"),
    ] {
        let mut app = open(text, 80, 24);
        assert_tabs_follow_the_rule(&app);
        let prefectures: Vec<_> = app
            .trip()
            .days
            .iter()
            .flat_map(|d| &d.stops)
            .chain(&app.trip().unscheduled)
            .map(|s| s.prefecture.clone())
            .collect();
        for p in prefectures {
            app.set_filter(Filter {
                prefectures: vec![p],
                people: Vec::new(),
            });
            assert_tabs_follow_the_rule(&app);
        }
    }
}

/// The people view said nothing of who was met: the Governor, at a
/// cancelled visit's meeting and a cancelled breakfast only, reads "not
/// met"; each
/// person's line counts their events held; the box's foot counts the
/// people met among those shown.
#[test]
fn the_people_view_says_who_is_met_and_counts_the_events_held() {
    let mut app = open(TRIP, 80, 24);
    app.send(Intent::OpenPeople);
    insta::assert_snapshot!("people_held_80x24", app.backend());
    let buf = app.backend().buffer().clone();
    let rows: Vec<String> = (0..buf.area.height).map(|y| row(&buf, y)).collect();
    let line = |who: &str| {
        rows.iter()
            .find(|r| r.contains(who))
            .unwrap_or_else(|| panic!("{who}: {buf:?}"))
    };
    assert!(line("host        Governor").contains("not met, 2 cancelled"));
    assert!(line("host        Aide").contains("1 event (1 tentative)"));
    assert!(line("delegation  Me").contains("3 events (1 tentative), 3 cancelled"));
    assert!(line("3 of 3 people").contains("3 of 3 people, 1 met"));
    let view = app.people().unwrap();
    assert_eq!(view.met(), 1);
    let dir = app.version().directory();
    assert!(!dir.met(person(&app, "gov")) && dir.met(person(&app, "aide")));

    // The fixture's host met only at the cancelled federation visit.
    let mut app = open(include_str!("../fixtures/cjk-trip.toml"), 80, 24);
    app.send(Intent::OpenPeople);
    for c in "mori".chars() {
        app.send(Intent::Type(c));
    }
    let text = format!("{:?}", app.backend());
    assert!(text.contains("not met, 1 cancelled"), "{text}");
    assert!(text.contains("1 of 11 people, 0 met"), "{text}");
}

/// The counts are derived with the version, not per frame: on a trip of
/// 100,000 events, drawing the day view and opening, moving in and closing
/// the people view reach only the events of the rows drawn.
#[test]
fn the_counts_cost_nothing_per_frame_on_100_000_events() {
    let text = generate::trip_toml(100_000, 30, 7);
    let trip = load::load_str(&text).expect("generated trip loads").trip;
    let mut app = Headless::new(App::new("huge".into(), trip, None));
    app.send(Msg::Resize(80, 24));
    let ((), done) = work::measure(|| {
        app.send(Intent::NextDay);
        app.send(Intent::OpenPeople);
        for _ in 0..8 {
            app.send(Intent::NextEvent);
        }
        app.send(Intent::Cancel);
    });
    // 11 frames of at most a screenful of rows, each resolving its event
    // a few times, and the new day's tab listed: far from 100,000.
    assert!(done.events < 20_000, "{done:?}");
    assert!(app.tab_held(0).unwrap() > 0);
}
