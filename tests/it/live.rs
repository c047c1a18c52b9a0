//! Live reload in the browser, through `update` and the screen: a new
//! version replaces the trip and keeps the person's place, a broken or
//! missing file keeps the last good trip with a lasting status line, `!`
//! shows the diagnostics, `r` reloads (or says there is nothing to reload).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use chrono::NaiveTime;
use itinerary::app::{App, BUILT_IN, Effect, Intent, Live, Msg, Scroll};
use itinerary::load;
use itinerary::model::Filter;
use itinerary::prefecture::{Prefecture, PrefectureName};
use itinerary::reload::{ReloadMsg, ReloadOutcome, ReloadState};
use itinerary::ui::headless::Headless;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

const TRIP: &str = include_str!("../fixtures/live-trip.toml");
const NAME: &str = "trip.toml";

fn t(h: u32, m: u32, s: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, s).unwrap()
}

/// `TRIP` with each `(from, to)` replaced, every replacement checked to apply.
fn edited(edits: &[(&str, &str)]) -> String {
    edits.iter().fold(TRIP.to_string(), |text, (from, to)| {
        assert!(text.contains(from), "edit does not apply: {from}");
        text.replacen(from, to, 1)
    })
}

/// The browser on `TRIP`, read at 10:14:58 from a followed file, at 80×24.
fn browser() -> Headless {
    let loaded = load::load_str(TRIP).unwrap();
    let mut app = Headless::new(App::new(NAME.into(), loaded.trip, None));
    app.live = Live::file(ReloadState::new(
        t(10, 14, 58),
        loaded.warnings,
        TRIP.into(),
    ));
    app.send(Msg::Resize(80, 24));
    app
}

/// What the watcher sends after reading `text` at `at`.
fn reloaded(at: NaiveTime, text: &str) -> Msg {
    let outcome = match load::load_str(text) {
        Ok(l) => ReloadOutcome::Loaded {
            trip: Box::new(l.trip),
            warnings: l.warnings,
            text: text.into(),
        },
        Err(diagnostics) => ReloadOutcome::Failed {
            diagnostics,
            text: text.into(),
        },
    };
    Msg::Reloaded(ReloadMsg {
        at,
        manual: false,
        outcome,
    })
}

fn gone(at: NaiveTime) -> Msg {
    Msg::Reloaded(ReloadMsg {
        at,
        manual: false,
        outcome: ReloadOutcome::Missing,
    })
}

fn key(app: &mut Headless, code: KeyCode) -> Option<Effect> {
    app.key(KeyEvent::new(code, KeyModifiers::NONE))
}

/// The screen as the last frame drew it.
fn draw(app: &Headless) -> TestBackend {
    app.backend().clone()
}

/// The status line's text, trimmed, on a row wide enough for the whole
/// message (how it shares a narrow row is `tests/ui.rs`'s business).
fn status(app: &Headless) -> String {
    itinerary::ui::status::line_in(app, &app.theme, &app.keys, 300)
        .to_string()
        .trim()
        .to_string()
}

/// The selected event's title and the tab's date, as the person sees them.
fn selected(app: &Headless) -> String {
    let title = app
        .selected_event()
        .and_then(|r| app.trip().event(r))
        .map_or("nothing", |e| e.title());
    let day = match app.selected_day() {
        Some(itinerary::model::DayRef::Day(i)) => app.trip().days[i].date.to_string(),
        other => format!("{other:?}"),
    };
    format!("{day} {title}")
}

/// The signing ceremony's end made a syntax error: line 31, column 9.
fn broken() -> String {
    edited(&[("end   = 11:45", "end   = ")])
}

const BROKEN_STATUS: &str = "file has errors — showing the version of 10:14:58 \
                             (line 31:9: string values must be quoted, expected literal string)";

#[test]
fn good_bad_good_keeps_the_trip_shows_the_error_until_fixed_then_clears() {
    let mut app = browser();
    app.send(Intent::NextEvent);
    app.send(Intent::NextEvent);
    app.send(Intent::NextEvent);
    assert_eq!(selected(&app), "2018-08-27 Signing ceremony");

    app.send(reloaded(t(10, 15, 30), &broken()));
    assert_eq!(app.trip().title, "Test trip");
    assert_eq!(selected(&app), "2018-08-27 Signing ceremony");
    assert_eq!(
        app.status_message().map(|m| (m.text, m.error)),
        Some((BROKEN_STATUS.to_string(), true))
    );
    assert!(status(&app).starts_with(BROKEN_STATUS), "{}", status(&app));

    // Keys do not hide it for good: a newer message shows for a moment,
    // and the problem comes back once it is cleared.
    app.send(Intent::PrevEvent);
    assert!(status(&app).starts_with(BROKEN_STATUS));
    app.send(Msg::Exported(Ok("2018-08-27-test-trip.md".into())));
    assert!(status(&app).starts_with("exported to 2018-08-27-test-trip.md"));
    app.send(Intent::NextEvent);
    assert!(status(&app).starts_with(BROKEN_STATUS));

    let fixed = edited(&[("title    = \"Test trip\"", "title    = \"Fixed trip\"")]);
    app.send(reloaded(t(10, 16, 2), &fixed));
    assert_eq!(app.trip().title, "Fixed trip");
    assert_eq!(selected(&app), "2018-08-27 Signing ceremony");
    assert!(status(&app).starts_with("reloaded at 10:16:02   "));
    assert_eq!(app.live.state.status(), None);
    app.send(Intent::NextEvent);
    assert!(status(&app).starts_with("h/l day"), "{}", status(&app));
}

#[test]
fn a_deleted_file_keeps_the_trip_until_it_comes_back() {
    let mut app = browser();
    app.send(Intent::NextDay);
    app.send(gone(t(10, 20, 0)));
    assert_eq!(app.trip().title, "Test trip");
    assert!(status(&app).starts_with(
        "file is gone — showing the version of 10:14:58; waiting for it to come back   h/l day"
    ));
    app.send(Intent::NextEvent);
    assert!(status(&app).starts_with("file is gone"));
    assert_eq!(selected(&app), "2018-08-28 Haneda Airport");

    let back = edited(&[("title    = \"Test trip\"", "title    = \"Back\"")]);
    app.send(reloaded(t(10, 21, 0), &back));
    assert_eq!(app.trip().title, "Back");
    assert_eq!(selected(&app), "2018-08-28 Haneda Airport");
    assert!(status(&app).starts_with("reloaded at 10:21:00"));
    app.send(Intent::PrevEvent);
    assert!(status(&app).starts_with("h/l day"));
}

#[test]
fn the_selection_follows_its_event_when_a_reload_reorders_the_stops() {
    let mut app = browser();
    for _ in 0..4 {
        app.send(Intent::NextEvent);
    }
    assert_eq!(
        (app.selected(), selected(&app).as_str()),
        (4, "2018-08-27 Hotel Associa")
    );
    // The airport now comes last in the day, and a stop is added first:
    // the hotel's row changes twice over, the selection stays on it.
    let reordered = edited(&[
        ("arrive     = 09:00", "arrive     = 19:00"),
        (
            "[[day.stop]]\nplace      = \"Mount Fuji",
            "[[day.stop]]\nplace = \"Breakfast\"\nprefecture = \"Shizuoka\"\narrive = 07:00\n\n\
             [[day.stop]]\nplace      = \"Mount Fuji",
        ),
    ]);
    app.send(reloaded(t(10, 30, 0), &reordered));
    assert_eq!(selected(&app), "2018-08-27 Hotel Associa");
    assert_eq!(app.selected(), 4);
    let rows: Vec<&str> = app
        .current()
        .unwrap()
        .events
        .iter()
        .map(|r| app.trip().event(*r).unwrap().title())
        .collect();
    assert_eq!(rows[0], "Breakfast");
    assert_eq!(rows[5], "Mount Fuji Shizuoka Airport");

    // A removed event gives way to the row that now stands where it stood.
    let without_hotel = edited(&[(
        "[[day.stop]]\nplace      = \"Hotel Associa\"\nkind       = \"hotel\"\nprefecture = \"Shizuoka\"\narrive     = 18:00\n",
        "",
    )]);
    app.send(reloaded(t(10, 31, 0), &without_hotel));
    assert_eq!(selected(&app), "2018-08-27 Signing ceremony");
}

#[test]
fn the_filter_and_the_day_are_kept_across_a_reload() {
    let mut app = browser();
    let tokyo = Filter {
        prefectures: vec![Some(PrefectureName::Known(
            Prefecture::parse("Tokyo").unwrap(),
        ))],
        ..Filter::default()
    };
    app.set_filter(tokyo.clone());
    app.send(Intent::NextDay);
    app.send(Intent::NextEvent);
    assert_eq!(selected(&app), "2018-08-28 Haneda Airport");
    // A new Tokyo stop on the first day, and one on the second before Haneda.
    let more = edited(&[
        (
            "[[day.stop]]\nplace      = \"Hotel Associa\"",
            "[[day.stop]]\nplace = \"Shinagawa\"\nprefecture = \"Tokyo\"\narrive = 19:00\n\n\
             [[day.stop]]\nplace      = \"Hotel Associa\"",
        ),
        (
            "[[day.stop]]\nplace      = \"Haneda Airport\"",
            "[[day.stop]]\nplace = \"Ginza\"\nprefecture = \"Tokyo\"\narrive = 15:00\n\n\
             [[day.stop]]\nplace      = \"Haneda Airport\"",
        ),
    ]);
    app.send(reloaded(t(11, 0, 0), &more));
    assert_eq!(app.filter(), &tokyo);
    assert_eq!(selected(&app), "2018-08-28 Haneda Airport");
    assert_eq!(app.selected(), 2);
    let counts: Vec<usize> = common::tabs::tabs(&app)
        .iter()
        .map(|t| t.events.len())
        .collect();
    assert_eq!(counts, [1, 3], "the new trip through the same filter");
}

#[test]
fn scrolls_are_clamped_to_the_new_trip() {
    let mut app = browser();
    app.send(Msg::Resize(80, 15));
    for _ in 0..6 {
        app.send(Intent::NextEvent);
    }
    // Only the first day's arrival is left.
    let short = "[trip]\ntitle = \"Short\"\nstart = 2018-08-27\nend = 2018-08-28\n\
                 [[day]]\ndate = 2018-08-27\n[[day.stop]]\nplace = \"Mount Fuji Shizuoka Airport\"\n";
    app.send(reloaded(t(11, 0, 0), short));
    assert_eq!(
        (app.selected(), app.offset(), app.detail_scroll()),
        (0, 0, 0)
    );
    assert_eq!(selected(&app), "2018-08-27 Mount Fuji Shizuoka Airport");
}

/// Four unknown people: four diagnostics, more lines than the pane shows.
fn four_errors() -> String {
    edited(&[(
        "place      = \"Hotel Associa\"",
        "place      = \"Hotel Associa\"\npeople     = [\"kawakatsu\", \"suga\", \"son\", \"abe\"]",
    )])
}

#[test]
fn the_diagnostics_pane_opens_scrolls_and_closes() {
    let mut app = browser();
    app.send(reloaded(t(10, 15, 30), &four_errors()));
    assert_eq!(key(&mut app, KeyCode::Char('!')), None);
    assert_eq!(app.problems(), Some(Scroll::default()));
    let lines = app.pane_lines();
    assert_eq!(
        lines[..7],
        [
            "error: no person with id \"kawakatsu\"",
            "  --> trip.toml:35:15",
            "   |",
            "35 | people     = [\"kawakatsu\", \"suga\", \"son\", \"abe\"]",
            "   |               ^^^^^^^^^^^",
            "   = help: define the person in a [people.kawakatsu] table",
            "",
        ]
    );
    assert_eq!(lines.len(), 28);
    // The pane shows 20 lines at 80×24: eight lines to scroll.
    for code in [
        KeyCode::Char('j'),
        KeyCode::Down,
        KeyCode::Char('j'),
        KeyCode::Char('j'),
        KeyCode::Char('j'),
        KeyCode::Char('j'),
        KeyCode::Char('j'),
        KeyCode::Char('j'),
        KeyCode::Char('j'),
    ] {
        key(&mut app, code);
    }
    assert_eq!(app.problems(), Some(Scroll { top: 8, left: 0 }));
    key(&mut app, KeyCode::Char('k'));
    assert_eq!(app.problems(), Some(Scroll { top: 7, left: 0 }));
    key(&mut app, KeyCode::PageUp);
    assert_eq!(app.problems(), Some(Scroll { top: 0, left: 0 }));
    key(&mut app, KeyCode::PageDown);
    assert_eq!(app.problems(), Some(Scroll { top: 8, left: 0 }));
    // Nothing is wider than the pane: no sideways scroll.
    key(&mut app, KeyCode::Char('l'));
    assert_eq!(app.problems(), Some(Scroll { top: 8, left: 0 }));
    // The browser's keys do not reach the trip meanwhile.
    assert_eq!(app.tab(), 0);
    // q closes the pane, it does not quit; so do Esc and ! again.
    assert_eq!(key(&mut app, KeyCode::Char('q')), None);
    assert_eq!(app.problems(), None);
    for close in [KeyCode::Esc, KeyCode::Char('!')] {
        key(&mut app, KeyCode::Char('!'));
        assert!(app.problems().is_some());
        key(&mut app, close);
        assert_eq!(app.problems(), None);
    }
    // Open, it follows the file: a good save shows "no errors".
    key(&mut app, KeyCode::Char('!'));
    app.send(reloaded(t(10, 16, 0), TRIP));
    assert_eq!(app.pane_lines(), ["trip.toml: no errors, no warnings"]);
    assert_eq!(app.problems(), Some(Scroll::default()));
}

#[test]
fn a_long_line_scrolls_sideways_keeping_its_caret_under_it() {
    let mut app = browser();
    let long = format!(
        "place      = \"Hotel Associa\"\npeople     = [{}\"nobody\"]",
        "\"\", ".repeat(30)
    );
    let text = edited(&[("place      = \"Hotel Associa\"", &long)]);
    app.send(reloaded(t(10, 15, 30), &text));
    key(&mut app, KeyCode::Char('!'));
    key(&mut app, KeyCode::Char('l'));
    key(&mut app, KeyCode::Right);
    assert_eq!(app.problems(), Some(Scroll { top: 0, left: 16 }));
    let screen = format!("{:?}", draw(&app).buffer());
    assert!(screen.contains("from column 17"), "{screen}");
    for _ in 0..40 {
        key(&mut app, KeyCode::Char('l'));
    }
    // Clamped: the widest line's end is at the pane's right edge.
    let widest = app
        .pane_lines()
        .iter()
        .map(|l| l.chars().count())
        .max()
        .unwrap();
    assert_eq!(app.problems().unwrap().left, widest - 74);
    key(&mut app, KeyCode::Char('h'));
    assert_eq!(app.problems().unwrap().left, widest - 82);
}

#[test]
fn r_reloads_a_file_and_explains_the_bundled_trip() {
    let mut app = browser();
    assert_eq!(key(&mut app, KeyCode::Char('r')), Some(Effect::Reload));

    let loaded = load::load_str(load::BUNDLED).unwrap();
    let mut bundled = Headless::new(App::new(load::BUNDLED_NAME.into(), loaded.trip, None));
    bundled.send(Msg::Resize(80, 24));
    assert_eq!(key(&mut bundled, KeyCode::Char('r')), None);
    assert!(
        status(&bundled).starts_with(BUILT_IN),
        "{}",
        status(&bundled)
    );
    assert_eq!(
        BUILT_IN,
        "the bundled trip is built in; there is no file to reload"
    );
}

#[test]
fn a_file_that_cannot_be_followed_says_so_until_something_newer_shows() {
    let mut app = browser();
    app.live.unfollowed = Some(
        "cannot follow changes to trip.toml: no watches left; press r to reload by hand".into(),
    );
    assert!(status(&app).starts_with("cannot follow changes to trip.toml"));
    app.send(reloaded(t(10, 15, 0), TRIP));
    assert!(status(&app).starts_with("reloaded at 10:15:00"));
    app.send(Intent::NextEvent);
    assert!(status(&app).starts_with("cannot follow changes"));
}

#[test]
fn snapshot_status_line_with_the_error() {
    let mut app = browser();
    app.send(reloaded(t(10, 15, 30), &broken()));
    app.send(Intent::NextEvent);
    insta::assert_snapshot!("status_file_has_errors_80x24", draw(&app));
}

#[test]
fn the_reload_error_is_cut_at_a_word_and_help_stays_at_80_and_100_columns() {
    let mut app = browser();
    app.send(reloaded(t(10, 15, 30), &broken()));
    for (w, want) in [
        (
            80,
            "file has errors — showing the version of 10:14:58 (line 31:9...   ? help",
        ),
        (
            100,
            "file has errors — showing the version of 10:14:58 (line 31:9: string values must \
             be...   ? help",
        ),
    ] {
        app.send(Msg::Resize(w, 24));
        let line = itinerary::ui::status::line(&app, &app.theme, &app.keys).to_string();
        assert_eq!(line.trim(), want, "{w}");
        assert!(unicode_width::UnicodeWidthStr::width(line.as_str()) <= usize::from(w));
    }
    // Wide enough, the whole of it, and the hints.
    app.send(Msg::Resize(200, 24));
    let line = itinerary::ui::status::line(&app, &app.theme, &app.keys).to_string();
    assert!(
        line.starts_with(&format!(" {BROKEN_STATUS}   h/l day")),
        "{line}"
    );
}

#[test]
fn snapshot_diagnostics_pane() {
    let mut app = browser();
    app.send(reloaded(t(10, 15, 30), &four_errors()));
    key(&mut app, KeyCode::Char('!'));
    insta::assert_snapshot!("diagnostics_pane_80x24", draw(&app));
}

#[test]
fn the_details_keep_their_scroll_only_while_they_show_the_same_event() {
    let mut app = browser();
    app.send(Msg::Resize(80, 15));
    app.send(Intent::NextEvent);
    app.send(Intent::ToggleFocus);
    app.send(Intent::NextEvent);
    assert_eq!(selected(&app), "2018-08-27 Shizuoka Prefectural Government");
    assert_eq!(app.detail_scroll(), 1);
    let renamed = edited(&[("title    = \"Test trip\"", "title    = \"Renamed\"")]);
    app.send(reloaded(t(11, 0, 0), &renamed));
    assert_eq!(app.detail_scroll(), 1);
    let without = edited(&[(
        "place      = \"Shizuoka Prefectural Government\"",
        "place      = \"Shizuoka City Hall\"",
    )]);
    app.send(reloaded(t(11, 1, 0), &without));
    assert_eq!(selected(&app), "2018-08-27 Shizuoka City Hall");
    assert_eq!(app.detail_scroll(), 0);
}

#[test]
fn the_open_pane_keeps_its_lines_between_frames_and_keys() {
    let mut app = browser();
    app.send(reloaded(t(10, 15, 30), &four_errors()));
    key(&mut app, KeyCode::Char('!'));
    let at = app.pane_lines().as_ptr();
    app.send(Msg::Resize(100, 30));
    key(&mut app, KeyCode::Char('j'));
    assert_eq!(app.pane_lines().as_ptr(), at, "not rendered again");
    // A new version while open: rendered anew, once.
    app.send(reloaded(t(10, 16, 0), TRIP));
    assert_eq!(app.pane_lines(), ["trip.toml: no errors, no warnings"]);
}
