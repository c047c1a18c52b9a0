//! What the benchmarks share: the generated trips and a browser drawing
//! into a `TestBackend`, driven the way the terminal loop drives it.
//!
//! Each bench binary includes this file with `mod support;`, and each uses
//! only part of it.
#![allow(dead_code)]

#[path = "../../tests/support/generate.rs"]
mod generate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use itinerary::app::{self, App, Msg};
use itinerary::export::Selection;
use itinerary::model::{DayRef, Filter, Trip};
use itinerary::prefecture::PrefectureName;
use itinerary::ui::theme::Theme;
use itinerary::{keys, load, ui};

/// The trip sizes the issue asks for, in events (stops plus meetings).
pub const SIZES: [usize; 3] = [100, 10_000, 100_000];

/// One seed for every generated trip, so every run measures the same bytes.
pub const SEED: u64 = 2026;

/// Days of a generated trip of `events`: a one-week delegation for the
/// small trip, a year-long programme for the large ones (about 27 and 274
/// events a day), so both the number of day tabs and the events of a day
/// grow with the trip.
pub fn days_for(events: usize) -> usize {
    if events <= 1_000 { 5 } else { 365 }
}

/// The TOML text of the benchmark trip of `events` over `days` days.
pub fn trip_text_days(events: usize, days: usize) -> String {
    generate::trip_toml(events, days, SEED)
}

/// The TOML text of the benchmark trip of `events`.
pub fn trip_text(events: usize) -> String {
    trip_text_days(events, days_for(events))
}

/// Loads generated text, which is valid by construction.
pub fn load(text: &str) -> Trip {
    match load::load_str(text) {
        Ok(loaded) => loaded.trip,
        Err(diags) => panic!(
            "the generated trip does not load: {}",
            diags
                .iter()
                .map(|d| d.render("generated.toml", text))
                .collect::<Vec<_>>()
                .join("\n")
        ),
    }
}

/// A browser on a trip, with a test terminal of a fixed size.
pub struct Browser {
    pub app: App,
    pub theme: Theme,
    pub term: Terminal<TestBackend>,
}

impl Browser {
    /// The browser as it opens on `trip` in a `width`×`height` terminal,
    /// with its first frame drawn.
    pub fn new(trip: Trip, width: u16, height: u16) -> Browser {
        let mut app = App::new("bench.toml".into(), trip, None);
        app::update(&mut app, Msg::Resize(width, height));
        let term = match Terminal::new(TestBackend::new(width, height)) {
            Ok(term) => term,
            Err(e) => panic!("a test terminal cannot fail: {e}"),
        };
        let mut browser = Browser {
            app,
            theme: Theme::default(),
            term,
        };
        browser.draw();
        browser
    }

    /// Draws one full frame, as the terminal loop does after every event,
    /// and hands its viewport back to `update`, as the loop does too.
    pub fn draw(&mut self) {
        let (app, theme) = (&self.app, &self.theme);
        let mut layout = ui::Layout::default();
        if let Err(e) = self
            .term
            .draw(|frame| layout = ui::draw(frame, app, theme, keys::Keymap::defaults()))
        {
            panic!("a test terminal cannot fail: {e}");
        }
        app::update(&mut self.app, Msg::Viewport(layout.viewport));
    }

    /// One keystroke as the loop handles it: the key table, `update`, a redraw.
    pub fn key(&mut self, code: KeyCode) {
        let event = KeyEvent::new(code, KeyModifiers::NONE);
        if let Some(action) = keys::action_for(&self.app, event) {
            app::update(&mut self.app, action);
        }
        self.draw();
    }

    /// Moves to the third day (or the last, on a shorter trip) and an event
    /// a few rows down, so that keys move the selection rather than stop at
    /// an edge.
    pub fn settle_in(&mut self) {
        for _ in 0..self.app.trip().days.len().saturating_sub(1).min(2) {
            self.key(KeyCode::Right);
        }
        for _ in 0..8 {
            self.key(KeyCode::Down);
        }
    }
}

impl Browser {
    /// The prefecture of the selected event: a filter on it keeps the
    /// selection visible, as a user's filter usually does.
    pub fn selected_prefecture(&self) -> Option<PrefectureName> {
        self.app
            .selected_event()
            .and_then(|r| self.app.trip().event(r))
            .and_then(|e| e.prefecture().cloned())
    }

    /// Applies a filter on one prefecture and redraws, then clears it and
    /// redraws: what the picker's Enter and `P` do.
    pub fn filter_on_off(&mut self, prefecture: &Option<PrefectureName>) {
        self.app.set_filter(Filter {
            prefectures: vec![prefecture.clone()],
            ..Filter::default()
        });
        self.draw();
        self.app.set_filter(Filter::default());
        self.draw();
    }
}

/// The middle day of a trip, unfiltered: what a one-day export exports.
pub fn middle_day(trip: &Trip) -> Selection {
    Selection::day(DayRef::Day(trip.days.len() / 2))
}
