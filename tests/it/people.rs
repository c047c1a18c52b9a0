//! The people view (`w`) and the trip overview (`i`), driven through the
//! key table: "everything with Governor Fukuda" and "what did we agree on
//! sencha" each in a few keys; and their cost on a huge trip.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::generate;
use itinerary::app::{self, App, Intent, Msg};
use itinerary::load;
use itinerary::model::DayRef;
use itinerary::ui::headless::Headless;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn open(name: &str, text: &str) -> Headless {
    let loaded = load::load_str(text).expect("trip loads");
    let mut app = Headless::new(App::new(name.into(), loaded.trip, None));
    app.send(Msg::Resize(80, 24));
    app
}

fn bundled() -> Headless {
    open(load::BUNDLED_NAME, load::BUNDLED)
}

fn example() -> Headless {
    open(
        "example.toml",
        include_str!("../../itineraries/example-trade-mission.toml"),
    )
}

fn press(app: &mut Headless, code: KeyCode) {
    app.key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn keys(app: &mut Headless, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

fn selected_title(app: &Headless) -> Option<String> {
    let r = app.selected_event()?;
    app.trip().event(r).map(|e| e.title().to_string())
}

#[test]
fn w_fukuda_enter_lands_on_his_first_event_on_its_day() {
    let mut app = bundled();
    keys(&mut app, "w");
    assert!(app.people().is_some());
    keys(&mut app, "fukuda");
    assert_eq!(app.people().unwrap().shown().len(), 1);
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert!(app.people().is_none(), "Enter closes the view");
    assert_eq!(app.selected_day(), Some(DayRef::Day(3)));
    assert_eq!(
        selected_title(&app).as_deref(),
        Some("With Governor Tomikazu Fukuda at the 25th anniversary celebration")
    );
}

#[test]
fn letters_are_text_in_the_view_and_esc_goes_back_where_it_was() {
    let mut app = bundled();
    keys(&mut app, "3");
    let before = app.selected_event();
    keys(&mut app, "w");
    // q, j and k are letters here: Masayoshi Son by his kanji and a role.
    keys(&mut app, "qjk");
    assert_eq!(app.people().unwrap().query, "qjk");
    assert_eq!(app.people().unwrap().event_count(), 0);
    for _ in 0..3 {
        press(&mut app, KeyCode::Backspace);
    }
    keys(&mut app, "softbank");
    assert_eq!(
        app.trip().person(app.people().unwrap().shown()[0]).key,
        "son",
        "by role"
    );
    press(&mut app, KeyCode::Esc);
    assert!(app.people().is_none());
    assert_eq!(app.selected_event(), before, "Esc changes nothing");
}

#[test]
fn enter_on_an_event_the_filter_hides_clears_the_filter() {
    let mut app = bundled();
    keys(&mut app, "p");
    keys(&mut app, "tokyo");
    press(&mut app, KeyCode::Enter);
    assert!(!app.filter().is_empty());
    keys(&mut app, "w");
    keys(&mut app, "川勝");
    press(&mut app, KeyCode::Enter);
    assert!(app.filter().is_empty());
    assert_eq!(app.selected_day(), Some(DayRef::Day(1)));
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some("the filter hid that event: filter cleared")
    );
}

#[test]
fn sencha_is_found_by_search_and_takahashis_meetings_by_the_people_view() {
    let mut app = example();
    keys(&mut app, "/sencha");
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        selected_title(&app).as_deref(),
        Some("Talks with President Takahashi on green tea supply")
    );
    let mut app = example();
    keys(&mut app, "w高橋");
    press(&mut app, KeyCode::Down);
    press(&mut app, KeyCode::Enter);
    assert_eq!(
        selected_title(&app).as_deref(),
        Some("Talks with President Takahashi on green tea supply")
    );
}

#[test]
fn i_opens_the_overview_and_scrolls_it_inside_its_text() {
    let mut app = bundled();
    keys(&mut app, "i");
    assert_eq!(app.trip_overview(), Some(0));
    app.send(Msg::Resize(60, 15));
    for _ in 0..50 {
        keys(&mut app, "j");
    }
    let top = app.trip_overview().unwrap();
    assert!(top > 0 && top < 20, "{top}");
    keys(&mut app, "i");
    assert_eq!(app.trip_overview(), None, "i closes it");
    keys(&mut app, "i");
    press(&mut app, KeyCode::Esc);
    assert_eq!(app.trip_overview(), None);
}

#[test]
fn opening_and_moving_in_the_people_view_of_100_000_events_is_cheap() {
    let text = generate::trip_toml(100_000, 30, 7);
    let loaded = load::load_str(&text).expect("generated trip loads");
    let mut app = App::new("huge".into(), loaded.trip, None);
    app::update(&mut app, Msg::Resize(140, 40));
    app::update(&mut app, Intent::OpenPeople);
    let view = app.people().unwrap();
    // Every event is someone's: the view counts them, it does not list them.
    assert!(view.event_count() >= 100_000, "{}", view.event_count());
    for _ in 0..1_000 {
        app::update(&mut app, Intent::PageDown);
    }
    assert_eq!(
        app.people().unwrap().cursor,
        1_000,
        "no frame yet: a page is a row"
    );
    app::update(&mut app, Intent::Accept);
    assert!(app.people().is_none() && app.selected_event().is_some());
}

/// Issue 22, item 4: the people view marks a cancelled visit (and a
/// tentative one) as the timeline does: the marker, and crossed out.
#[test]
fn the_people_view_marks_cancelled_and_tentative_rows() {
    use ratatui::style::Modifier;
    let mut app = open("cjk-trip.toml", include_str!("../fixtures/cjk-trip.toml"));
    app.send(Msg::Resize(100, 30));
    app.send(Intent::OpenPeople);
    keys(&mut app, "mori");
    let buf = app.backend().buffer().clone();
    let text = format!("{buf:?}");
    assert!(text.contains("(cancelled)"), "{text}");
    let y = (0..buf.area.height)
        .find(|&y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                .contains("14:00-15:30")
        })
        .expect("the cancelled row");
    let crossed = (0..buf.area.width).any(|x| buf[(x, y)].modifier.contains(Modifier::CROSSED_OUT));
    assert!(crossed, "{text}");
    app.send(Intent::Cancel);
    app.send(Intent::OpenPeople);
    keys(&mut app, "yamada");
    let text = format!("{:?}", app.backend());
    assert!(text.contains("(tentative)"), "{text}");
}

/// Issue 22, item 10: with a home clock, the people view's times have the
/// home time beside them, as every time on screen does.
#[test]
fn the_people_view_has_the_home_time_beside_each_time() {
    let mut app = open("cjk-trip.toml", include_str!("../fixtures/cjk-trip.toml"));
    app.send(Msg::Resize(100, 30));
    app.send(Intent::OpenPeople);
    keys(&mut app, "tanaka");
    let text = format!("{:?}", app.backend());
    assert!(text.contains("09:15-10:45 (02:15-03:45 Paris)"), "{text}");
}
