//! `g`, the go-to-day prompt, driven by key events as the browser gets
//! them: it opens, takes text, goes on Enter, says why on a bad entry and
//! stays open to mend it, closes on Esc; help and hints show it.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDateTime;
use itinerary::app::{App, Effect, Intent, Msg};
use itinerary::keys;
use itinerary::load;
use itinerary::ui::headless::Headless;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// The bundled trip at 80×24 on its first day, "now" on its fourth.
fn bundled() -> Headless {
    let loaded = load::load_str(load::BUNDLED).expect("bundled trip loads");
    let now = NaiveDateTime::parse_from_str("2018-08-29T09:00", "%Y-%m-%dT%H:%M").ok();
    let mut app = Headless::new(App::new(load::BUNDLED_NAME.into(), loaded.trip, now));
    app.send(Msg::Resize(80, 24));
    app.send(Intent::FirstDay);
    app
}

/// A trip of `days` days from 2025-01-01.
fn long_trip(days: u32) -> Headless {
    let text = format!("[trip]\ntitle = \"Long\"\nstart = 2025-01-01\nend = 2025-01-{days:02}\n");
    let loaded = load::load_str(&text).expect("long trip loads");
    Headless::new(App::new("long.toml".into(), loaded.trip, None))
}

fn press(app: &mut Headless, code: KeyCode) -> Option<Effect> {
    app.key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// Types each character as a key.
fn typed(app: &mut Headless, text: &str) {
    for c in text.chars() {
        press(app, KeyCode::Char(c));
    }
}

/// `g`, `text`, Enter.
fn go(app: &mut Headless, text: &str) {
    press(app, KeyCode::Char('g'));
    typed(app, text);
    press(app, KeyCode::Enter);
}

fn message(app: &Headless) -> Option<(String, bool)> {
    app.message.as_ref().map(|m| (m.text.clone(), m.error))
}

#[test]
fn g_goes_to_a_date_a_number_a_relative_day_or_today() {
    let mut app = bundled();
    go(&mut app, "2018-08-28");
    assert_eq!((app.tab(), app.goto()), (2, None));
    go(&mut app, "+2");
    assert_eq!(app.tab(), 4);
    go(&mut app, "-3");
    assert_eq!(app.tab(), 1);
    go(&mut app, "today");
    assert_eq!(app.tab(), 3);
    go(&mut app, "1");
    assert_eq!(app.tab(), 0);
    assert_eq!(message(&app), None);
}

#[test]
fn g_reaches_the_days_past_nine() {
    let mut app = long_trip(30);
    app.send(Msg::Resize(80, 24));
    go(&mut app, "25");
    assert_eq!(app.tab(), 24);
    go(&mut app, "2025-01-30");
    assert_eq!(app.tab(), 29);
    go(&mut app, "-29");
    assert_eq!(app.tab(), 0);
}

#[test]
fn a_bad_entry_says_why_and_stays_open_to_be_mended() {
    let mut app = bundled();
    go(&mut app, "2018-09-02");
    assert_eq!(
        message(&app),
        Some((
            "2018-09-02 is not during the trip, 2018-08-26 to 2018-08-30".into(),
            true
        ))
    );
    assert_eq!((app.tab(), app.goto()), (0, Some("2018-09-02")));
    // Typing clears the message; mended, Enter goes.
    press(&mut app, KeyCode::Backspace);
    assert_eq!(message(&app), None);
    for _ in 0..4 {
        press(&mut app, KeyCode::Backspace);
    }
    typed(&mut app, "08-27");
    assert_eq!(app.goto(), Some("2018-08-27"));
    press(&mut app, KeyCode::Enter);
    assert_eq!((app.tab(), app.goto()), (1, None));
    go(&mut app, "+9");
    assert_eq!(
        message(&app),
        Some((
            "+9 from day 2 goes past the last day (day 5, 2018-08-30)".into(),
            true
        ))
    );
    assert_eq!(app.tab(), 1);
}

#[test]
fn esc_closes_without_moving_and_letters_are_text_meanwhile() {
    let mut app = bundled();
    press(&mut app, KeyCode::Char('g'));
    // q, l, e, ? are letters here: no quit, no day change, no export.
    for c in ['q', 'l', 'e', '?', '!'] {
        assert_eq!(press(&mut app, KeyCode::Char(c)), None);
    }
    assert_eq!(
        (app.tab(), app.goto(), app.help()),
        (0, Some("qle?!"), None)
    );
    press(&mut app, KeyCode::Esc);
    assert_eq!((app.tab(), app.goto()), (0, None));
    // An empty entry closes too.
    press(&mut app, KeyCode::Char('g'));
    press(&mut app, KeyCode::Enter);
    assert_eq!((app.tab(), app.goto(), message(&app)), (0, None, None));
    // Ctrl-C still quits with the prompt open.
    press(&mut app, KeyCode::Char('g'));
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    let quit = keys::action_for(&app, ctrl_c).unwrap();
    assert_eq!(app.send(quit), Some(Effect::Quit));
}

#[test]
fn help_lists_g_and_the_prompt_hints_enter_and_esc() {
    let mut app = bundled();
    let help: Vec<String> = itinerary::ui::help::lines(&app.theme, &app.keys)
        .iter()
        .map(|l| l.to_string())
        .collect();
    assert!(
        help.iter()
            .any(|l| l == "  g         go to a day: date, day number, +N/-N or today"),
        "{help:#?}"
    );
    assert!(help.iter().any(|l| l == "In the go-to-day prompt (g)"));
    press(&mut app, KeyCode::Char('g'));
    let hints: Vec<_> = keys::hints(&app).map(|h| (h.keys, h.words)).collect();
    assert_eq!(hints, [("Enter", "go"), ("Esc", "cancel")]);
}

/// The screen the app was last drawn on (at `w`×`h`).
fn screen(app: &Headless, w: u16, h: u16) -> TestBackend {
    assert_eq!(app.size(), (w, h));
    app.backend().clone()
}

#[test]
fn snapshot_the_prompt() {
    for (w, h) in [(80, 24), (140, 40)] {
        let mut app = bundled();
        app.send(Msg::Resize(w, h));
        press(&mut app, KeyCode::Char('g'));
        insta::assert_snapshot!(format!("prompt_empty_{w}x{h}"), screen(&app, w, h));
        typed(&mut app, "12");
        press(&mut app, KeyCode::Enter);
        insta::assert_snapshot!(format!("prompt_bad_entry_{w}x{h}"), screen(&app, w, h));
    }
}
