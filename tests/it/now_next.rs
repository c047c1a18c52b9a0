//! Now and next in the browser: it opens on today with the event under way
//! selected (else the next), `t` does the same from anywhere, the header
//! says what is under way and next with the time left, the timeline marks
//! now and dims what is over, the home clock sits beside every time, and a
//! clock driven forward through a day moves all of it along.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use itinerary::app::{App, Intent, Msg};
use itinerary::load;
use itinerary::ui::headless::Headless;
use ratatui::buffer::Buffer;

const TRIP: &str = include_str!("../fixtures/now-next.toml");

fn local(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
}

/// The Berlin time `s` as the clock's instant.
fn berlin(s: &str) -> DateTime<Utc> {
    chrono_tz::Europe::Berlin
        .from_local_datetime(&local(s))
        .single()
        .unwrap()
        .with_timezone(&Utc)
}

fn app_at(text: &str, now: &str) -> App {
    App::new(
        "now-next.toml".into(),
        load::load_str(text).unwrap().trip,
        Some(local(now)),
    )
}

fn headless(text: &str, now: &str, w: u16, h: u16) -> Headless {
    let mut app = Headless::new(app_at(text, now));
    app.send(Msg::Resize(w, h));
    app
}

fn selected_title(app: &App) -> String {
    app.selected_event()
        .and_then(|r| app.trip().event(r))
        .map_or(String::new(), |e| e.title().to_string())
}

fn text(buf: &Buffer) -> String {
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn header_now(app: &mut Headless) -> String {
    if !app.now_row() {
        return String::new();
    }
    let screen = text(&app.draw().clone());
    screen.lines().nth(1).unwrap_or("").trim().to_string()
}

#[test]
fn it_opens_on_today_with_the_event_under_way_else_the_next() {
    let app = app_at(TRIP, "2026-03-20T10:45");
    assert_eq!(
        (app.tab(), selected_title(&app).as_str()),
        (1, "Talks with the First Mayor")
    );
    let app = app_at(TRIP, "2026-03-20T12:30");
    assert_eq!(selected_title(&app), "Sample Precision Works");
    // After the last event: the last one over.
    let app = app_at(TRIP, "2026-03-20T22:00");
    assert_eq!(selected_title(&app), "Dinner");
}

#[test]
fn t_goes_back_to_now_from_anywhere() {
    let mut app = Headless::new(app_at(TRIP, "2026-03-20T12:30"));
    for i in [Intent::FirstDay, Intent::NextEvent] {
        app.send(Msg::Intent(i));
    }
    assert_eq!(app.tab(), 0);
    app.send(Msg::Intent(Intent::Today));
    assert_eq!(
        (app.tab(), selected_title(&app).as_str()),
        (1, "Sample Precision Works")
    );
}

#[test]
fn the_header_says_what_is_under_way_and_next_with_the_time_left() {
    let mut app = headless(TRIP, "2026-03-20T10:45", 160, 30);
    assert_eq!(
        header_now(&mut app),
        "Now Talks with the First Mayor until 11:30 (06:30 New York)  ·  \
         Next 14:00 (09:00 New York) Sample Precision Works, in 3 h 15 min"
    );
    let mut app = headless(TRIP, "2026-03-20T12:30", 160, 30);
    assert_eq!(
        header_now(&mut app),
        "Next 14:00 (09:00 New York) Sample Precision Works, in 1 h 30 min"
    );
}

#[test]
fn a_clock_driven_through_the_day_moves_the_selection_and_the_header() {
    let mut app = headless(TRIP, "2026-03-20T03:00", 160, 30);
    // Every quarter of an hour from 03:00 to 00:30 the next day: each
    // change of the selection or of what the header is about.
    let mut seen: Vec<String> = Vec::new();
    for minute in (3 * 60..24 * 60 + 45).step_by(15) {
        let at = format!(
            "2026-03-{}T{:02}:{:02}",
            20 + minute / (24 * 60),
            minute / 60 % 24,
            minute % 60
        );
        app.send(Msg::Tick(berlin(&at)));
        let head = header_now(&mut app);
        let about = head.split(", in").next().unwrap_or("").to_string();
        let line = format!("{} | {} | {about}", &at[11..], selected_title(&app));
        if seen.last().is_none_or(|l| l[8..] != line[8..]) {
            seen.push(line);
        }
    }
    assert_eq!(
        seen,
        [
            "03:00 | Early train to Hamburg | Next 04:30 (23:30 prev day New York) Early train to Hamburg",
            "04:30 | Early train to Hamburg | Now Early train to Hamburg until 06:00 (01:00 New York)  ·  Next 10:00 (05:00 New York) Hamburg City Hall",
            "06:00 | Hamburg City Hall | Next 10:00 (05:00 New York) Hamburg City Hall",
            "10:00 | Hamburg City Hall | Now Hamburg City Hall until 12:00 (07:00 New York)  ·  Next 10:30 (05:30 New York) Talks with the First Mayor",
            "10:30 | Talks with the First Mayor | Now Talks with the First Mayor until 11:30 (06:30 New York)  ·  Next 14:00 (09:00 New York) Sample Precision Works",
            "11:30 | Hamburg City Hall | Now Hamburg City Hall until 12:00 (07:00 New York)  ·  Next 14:00 (09:00 New York) Sample Precision Works",
            "12:00 | Sample Precision Works | Next 14:00 (09:00 New York) Sample Precision Works",
            "14:00 | Sample Precision Works | Now Sample Precision Works until 16:00 (11:00 New York)  ·  Next 19:00 (14:00 New York) Dinner",
            "16:00 | Dinner | Next 19:00 (14:00 New York) Dinner",
            // Nothing under way or to come: no now row.
            "19:00 | Dinner | ",
            // Midnight in Berlin: the day rolls over, to a day with nothing.
            "00:00 |  | ",
        ]
    );
}

#[test]
fn the_now_marker_is_on_the_bar_and_what_is_over_is_dim() {
    use ratatui::style::{Color, Modifier};
    let mut app = headless(TRIP, "2026-03-20T10:45", 80, 24);
    let buf = app.draw().clone();
    let screen = text(&buf);
    let marks: Vec<(u16, u16)> = (0..buf.area.height)
        .flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
        .filter(|&(x, y)| buf[(x, y)].symbol() == "│" && buf[(x, y)].fg == Color::Red)
        .collect();
    // One column, on every row of the day.
    assert!(marks.len() >= 4, "{marks:?}\n{screen}");
    assert!(marks.iter().all(|(x, _)| *x == marks[0].0));
    let row = |title: &str| {
        (0..buf.area.height)
            .find(|&y| {
                (0..buf.area.width)
                    .map(|x| buf[(x, y)].symbol())
                    .collect::<String>()
                    .contains(title)
            })
            .unwrap()
    };
    let dim = |y: u16| (31..50).any(|x| buf[(x, y)].modifier.contains(Modifier::DIM));
    assert!(dim(row("Early train")), "over: dimmed");
    assert!(!dim(row("Sample Precision")), "to come: not dimmed");
}

#[test]
fn snapshots_during_the_talks_at_80x24_and_wide() {
    for (w, h) in [(80, 24), (140, 32)] {
        let mut app = headless(TRIP, "2026-03-20T10:45", w, h);
        app.draw();
        insta::assert_snapshot!(format!("talks_{w}x{h}"), app.backend().clone());
    }
}

#[test]
fn without_a_home_zone_the_time_column_stays_narrow() {
    let text = TRIP.replace("home_timezone = \"America/New_York\"\n", "");
    let mut app = headless(&text, "2026-03-20T10:45", 80, 24);
    app.draw();
    insta::assert_snapshot!("talks_no_home_80x24", app.backend().clone());
}

const CJK: &str = include_str!("../fixtures/cjk-trip.toml");

/// The now row (row 1) as text, a wide character once.
fn now_row(app: &mut Headless) -> String {
    let buf = app.backend().buffer().clone();
    let mut text = String::new();
    let mut x = 0;
    while x < buf.area.width {
        let sym = buf[(x, 1)].symbol();
        text.push_str(sym);
        x += unicode_width::UnicodeWidthStr::width(sym).max(1) as u16;
    }
    text
}

/// Issue 22, item 7: a Chinese title on the now row is cut by its cells
/// with "...", never dropped or cut bare, at every width from 60 to 100.
#[test]
fn a_cjk_title_on_the_now_row_is_cut_with_an_ellipsis() {
    for w in 60..=100 {
        let mut app = headless(CJK, "2026-06-01T09:40", w, 24);
        let row = now_row(&mut app);
        let now = row
            .split("Now ")
            .nth(1)
            .and_then(|r| r.split(" until").next())
            .unwrap_or_else(|| panic!("{w}: {row}"));
        let whole = "王磊会见田中宏知事并就经贸合作交换意见";
        assert!(
            now == whole || (now.ends_with("...") && now.starts_with('王')),
            "{w}: {row:?}"
        );
    }
}

/// Issue 22, item 9: the time left is rounded up: 1 min 43 s is "in 2
/// min", 30 s is "in 1 min", never "in 0 min".
#[test]
fn the_countdown_rounds_up() {
    for (now, says) in [
        ("2026-06-01T18:28:17", "in 2 min"),
        ("2026-06-01T18:29:30", "in 1 min"),
        ("2026-06-01T18:29:59", "in 1 min"),
        ("2026-06-01T17:30:00", "in 1 h"),
    ] {
        let at = NaiveDateTime::parse_from_str(now, "%Y-%m-%dT%H:%M:%S").unwrap();
        let app = App::new(
            "cjk-trip.toml".into(),
            load::load_str(CJK).unwrap().trip,
            Some(at),
        );
        let mut app = Headless::new(app);
        app.send(Msg::Resize(140, 30));
        let row = now_row(&mut app);
        assert!(row.contains(says), "{now}: {row}");
        assert!(!row.contains("in 0 min"), "{now}: {row}");
    }
}
