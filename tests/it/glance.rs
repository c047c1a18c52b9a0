//! The glance view (`v`): every day side by side on a grid of hours, and
//! the person filter (`f`). Whole screens at 80×24 and 160×48 on the
//! bundled trip, the example and a 12-day trip; the keys; the work a frame
//! does on a large trip, counted.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::generate;
use itinerary::app::{self, App, Intent, Msg};
use itinerary::load;
use itinerary::ui::headless::Headless;
use itinerary::work;
use ratatui::backend::TestBackend;

fn app_of(name: &str, text: &str) -> Headless {
    let loaded = load::load_str(text).expect("trip loads");
    Headless::new(App::new(name.into(), loaded.trip, None))
}

fn bundled() -> Headless {
    app_of(load::BUNDLED_NAME, load::BUNDLED)
}

fn example() -> Headless {
    app_of(
        "itineraries/example-trade-mission.toml",
        include_str!("../../itineraries/example-trade-mission.toml"),
    )
}

fn twelve_days() -> Headless {
    app_of(
        "tests/fixtures/glance-12-days.toml",
        include_str!("../fixtures/glance-12-days.toml"),
    )
}

/// Resizes to `w`×`h`, applies `intents`, returns the screen.
fn screen(mut app: Headless, w: u16, h: u16, intents: &[Intent]) -> TestBackend {
    app.send(Msg::Resize(w, h));
    for &i in intents {
        app.send(i);
    }
    app.backend().clone()
}

fn snap(name: &str, make: fn() -> Headless, intents: &[Intent]) {
    for (w, h) in [(80, 24), (160, 48)] {
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen(make(), w, h, intents));
    }
}

#[test]
fn snapshot_glance_bundled() {
    snap("bundled", bundled, &[Intent::SwitchView]);
}

#[test]
fn snapshot_glance_example() {
    snap("example", example, &[Intent::SwitchView]);
}

#[test]
fn snapshot_glance_twelve_days() {
    // Day 9 selected: the columns scroll sideways with it.
    snap(
        "twelve_days",
        twelve_days,
        &[Intent::SwitchView, Intent::Day(9), Intent::NextEvent],
    );
}

/// The text of the screen's row `y`.
fn row(b: &TestBackend, y: u16) -> String {
    let buf = b.buffer();
    (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect()
}

fn typed(text: &str) -> Vec<Intent> {
    text.chars().map(Intent::Type).collect()
}

#[test]
fn v_switches_views_and_the_selection_is_the_same_event_in_both() {
    let mut app = example();
    app.send(Msg::Resize(80, 24));
    app.send(Intent::Day(2));
    app.send(Intent::NextEvent);
    let picked = app.selected_event();
    app.send(Intent::SwitchView);
    assert!(app.glance().is_some());
    assert_eq!(app.selected_event(), picked, "same event in the glance");
    // l: the next day at the nearest time; h: back to the day before.
    app.send(Intent::NextDay);
    assert_eq!(app.tab(), 2);
    let there = app.selected_event();
    app.send(Intent::PrevDay);
    assert_eq!(app.tab(), 1);
    // Enter opens the selected event in the day view.
    app.send(Intent::NextDay);
    app.send(Intent::Accept);
    assert!(app.glance().is_none(), "back in the day view");
    assert_eq!(app.selected_event(), there);
    let screen = app.backend().clone();
    // Its tab counts the events held: two of its five are cancelled.
    assert!(row(&screen, 1).contains("[Wed 11 Mar (3)]"), "{screen:?}");
}

#[test]
fn the_line_under_the_grid_gives_the_selected_event_in_full() {
    // 80 columns: the block shows "09:30 Haneda"; the line the rest.
    let screen = screen(example(), 80, 24, &[Intent::SwitchView]);
    let text: String = (19..23).map(|y| row(&screen, y)).collect();
    assert!(
        text.contains("Mon 9 Mar 2026 09:30-10:30 Haneda Airport, Terminal 3 · Ota"),
        "{screen:?}"
    );
}

#[test]
fn the_search_selects_across_days_in_the_glance() {
    let mut app = example();
    app.send(Msg::Resize(80, 24));
    app.send(Intent::SwitchView);
    app.send(Intent::OpenSearch);
    for i in typed("osaka castle") {
        app.send(i);
    }
    app.send(Intent::Accept);
    assert!(app.glance().is_some(), "still the glance");
    let screen = app.backend().clone();
    let text: String = (19..23).map(|y| row(&screen, y)).collect();
    assert!(
        text.contains("Osaka Castle (cultural visit) (cancelled)"),
        "{screen:?}"
    );
    assert!(row(&screen, 2).contains(">Wed 11"), "{screen:?}");
}

#[test]
fn cancelled_and_tentative_blocks_are_marked_without_colour() {
    let screen = screen(example(), 160, 48, &[Intent::SwitchView]);
    let all: String = (0..48)
        .map(|y| row(&screen, y))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        all.contains("x17:30 Osaka Castle///"),
        "cancelled: marked and hatched"
    );
    assert!(all.contains("┆14:00"), "tentative: marked");
}

#[test]
fn a_glance_frame_reaches_no_more_events_at_100k_than_at_100() {
    // One day each: at 100 events the grid is already full, so both frames
    // draw as many blocks; the 100k day's other events are never reached.
    let make = |events| {
        let text = generate::trip_toml(events, 1, 1);
        let mut app = app_of("big.toml", &text);
        app.send(Msg::Resize(80, 24));
        app.send(Intent::SwitchView);
        app
    };
    let (mut small, mut big) = (make(100), make(100_000));
    let [s, b] = [&mut small, &mut big].map(|app| {
        work::measure(|| {
            app.send(Intent::NextEvent);
        })
        .1
    });
    assert!(b.events <= s.events, "small {s:?}, big {b:?}");
    assert!(b.events < 200, "{b:?}");
    // And in the middle of the day: a key with its frame.
    let [s, b] = [&mut small, &mut big].map(|app| {
        for _ in 0..40 {
            app::update(app, Intent::NextEvent);
        }
        work::measure(|| {
            app.send(Intent::NextEvent);
        })
        .1
    });
    assert!(b.events <= s.events.max(200), "small {s:?}, big {b:?}");
}

#[test]
fn the_person_filter_keeps_their_events_by_name_in_either_script() {
    let mut app = bundled();
    app.send(Msg::Resize(80, 24));
    app.send(Intent::OpenPersonFilter);
    for i in typed("福田") {
        app.send(i);
    }
    let screen = app.backend().clone();
    let all: String = (0..24)
        .map(|y| row(&screen, y))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(all.contains("[ ] Tomikazu Fukuda"), "{screen:?}");
    assert!(!all.contains("[ ] Yuan"), "narrowed to him:\n{all}");
    app.send(Intent::Accept);
    let screen = app.backend().clone();
    assert!(
        row(&screen, 0).contains("filter: Tomikazu Fukuda"),
        "{screen:?}"
    );
    // His stop and his meeting, on Wed 29 Aug; nothing on the other days.
    let counts: Vec<usize> = (0..app.tab_count())
        .map(|t| app.tab_len(t).unwrap())
        .collect();
    assert_eq!(counts.iter().sum::<usize>(), 2, "{counts:?}");
    // The same events `export --person fukuda` keeps.
    let trip = app.trip().clone();
    let people = itinerary::export::select::parse_people(&trip, &["fukuda".into()]).unwrap();
    let mut selection = itinerary::export::summary::Selection::trip();
    selection.people = people;
    let kept: usize = trip
        .days
        .iter()
        .flat_map(|d| &d.stops)
        .filter(|s| selection.keeps_stop(s))
        .map(|s| {
            1 + s
                .meetings
                .iter()
                .filter(|m| selection.keeps_meeting(m))
                .count()
        })
        .sum();
    assert_eq!(kept, 2);
    // With a prefecture: Tochigi keeps them, Tokyo leaves nothing.
    app.send(Intent::OpenPicker);
    for i in typed("栃木") {
        app.send(i);
    }
    app.send(Intent::Accept);
    let screen = app.backend().clone();
    assert!(
        row(&screen, 0).contains("filter: Tochigi · Tomikazu Fukuda"),
        "{screen:?}"
    );
    let counts: usize = (0..app.tab_count()).map(|t| app.tab_len(t).unwrap()).sum();
    assert_eq!(counts, 2);
    app.send(Intent::ClearFilter);
    app.send(Intent::OpenPicker);
    for i in typed("tokyo") {
        app.send(i);
    }
    app.send(Intent::Accept);
    let counts: usize = (0..app.tab_count()).map(|t| app.tab_len(t).unwrap()).sum();
    assert_eq!(counts, 0, "Tokyo and Fukuda: nothing");
    // F clears the person, the prefecture stays.
    app.send(Intent::ClearPersonFilter);
    let screen = app.backend().clone();
    assert!(row(&screen, 0).contains("filter: Tokyo "), "{screen:?}");
    assert!(app.filter().people.is_empty());
}

#[test]
fn snapshot_person_picker() {
    snap(
        "person_picker",
        bundled,
        &[Intent::OpenPersonFilter, Intent::NextChoice, Intent::Toggle],
    );
}

/// The now row's time column says now in both zones: 10:05 in Tokyo is
/// 03:05 in Paris (it said 03:00, the hour the row began).
#[test]
fn the_now_row_gives_now_in_the_home_zone_too() {
    let text = r#"
[trip]
title = "Home clock"
start = 2026-05-11
end = 2026-05-11
timezone = "Asia/Tokyo"
home_timezone = "Europe/Paris"

[[day]]
date = 2026-05-11

[[day.stop]]
place = "Osaka Prefectural Government"
arrive = 10:00
depart = 11:30
"#;
    let loaded = load::load_str(text).expect("trip loads");
    let now = chrono::NaiveDate::from_ymd_opt(2026, 5, 11).and_then(|d| d.and_hms_opt(10, 5, 0));
    let app = Headless::new(App::new("home.toml".into(), loaded.trip, now));
    let b = screen(app, 80, 24, &[Intent::SwitchView]);
    let line = (0..24)
        .map(|y| row(&b, y))
        .find(|r| r.starts_with("10:05"))
        .unwrap_or_default();
    assert!(line.starts_with("10:05 03:05"), "{line:?}\n{b:?}");
}
