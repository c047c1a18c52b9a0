//! The day view at 80×24 with trips a new user brought (issue 22): the
//! hour bar on a long day beside the home clock (item 8), and the details
//! of a meeting of ten (item 11).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use itinerary::app::{App, Intent, Msg};
use itinerary::load;
use itinerary::ui::headless::Headless;
use itinerary::ui::timeline::NOW_MARK;
use ratatui::buffer::Buffer;

const CJK: &str = include_str!("../fixtures/cjk-trip.toml");
const LONDON: &str = include_str!("../fixtures/london-clocks-back.toml");

/// `text` opened at `now` ("2026-06-01 09:40"), drawn at `w`×`h`.
fn open(name: &str, text: &str, now: &str, w: u16, h: u16) -> Headless {
    let trip = load::load_str(text).expect("fixture loads").trip;
    let now = chrono::NaiveDateTime::parse_from_str(now, "%Y-%m-%d %H:%M").unwrap();
    let mut app = Headless::new(App::new(name.into(), trip, Some(now)));
    app.send(Msg::Resize(w, h));
    app
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

fn rows(buf: &Buffer) -> Vec<String> {
    (0..buf.area.height).map(|y| row(buf, y)).collect()
}

/// The row holding `needle`.
fn line_with(buf: &Buffer, needle: &str) -> String {
    rows(buf)
        .into_iter()
        .find(|r| r.contains(needle))
        .unwrap_or_else(|| panic!("{needle:?} is not on the screen:\n{buf:?}"))
}

/// Issue 22, item 8: beside the home clock, a day from 00:30 (Osaka,
/// followed from Paris) and the day London's clocks go back (from 01:30 in
/// the hour that happens twice to 22:30, followed from Shanghai) kept no
/// hour bar at 80 columns, and so no now marker. Both have a bar, the
/// hours over it, and the marker at now.
#[test]
fn a_long_day_beside_the_home_clock_keeps_its_hour_bar_and_now_marker() {
    for (name, text, now, rows_of_events) in [
        (
            "cjk_early_event",
            CJK,
            "2026-06-01 09:40",
            &["关西国际机场", "大阪府厅", "欢迎晚宴 (tentative)"][..],
        ),
        (
            "london_clocks_go_back",
            LONDON,
            "2026-10-25 10:40",
            &["Night flight", "Mansion House", "Dinner at the Guildhall"][..],
        ),
    ] {
        let app = open(name, text, now, 80, 24);
        let buf = app.backend().buffer().clone();
        insta::assert_snapshot!(format!("{name}_80x24"), app.backend());
        let scale = line_with(&buf, " time ");
        assert!(scale.contains("00 06 12 18"), "{name}: the hours: {scale}");
        for event in rows_of_events {
            let line = line_with(&buf, event);
            let bar = line.trim_end();
            assert!(
                bar.ends_with(['.', '=', NOW_MARK]) && bar.contains(".."),
                "{name}: {event} has a bar: {line}"
            );
        }
        let marked = rows(&buf).iter().filter(|r| r.contains(NOW_MARK)).count();
        assert!(marked >= 2, "{name}: the now marker:\n{buf:?}");
        // The event under way keeps its mark under the marker.
        let under_way = line_with(
            &buf,
            if name == "cjk_early_event" {
                "大阪府厅"
            } else {
                "Mansion House"
            },
        );
        assert!(under_way.contains('='), "{name}: {under_way}");
    }
}

/// Issue 22, item 11: a meeting of ten (three hosts, seven of our own) at
/// 80×24 showed our delegation before the outcome, which was below the
/// fold. The details read when, where, who we meet, outcome, topics, then
/// our delegation folded to one line; with the focus, the details list the
/// delegation whole.
#[test]
fn a_meeting_of_ten_shows_its_outcome_and_folds_our_delegation_at_80x24() {
    let mut app = open("cjk-trip.toml", CJK, "2026-06-01 09:40", 80, 24);
    // At 09:40 the meeting is under way: it is selected.
    let buf = app.backend().buffer().clone();
    insta::assert_snapshot!("meeting_of_ten_80x24", app.backend());
    let at = |needle: &str| {
        rows(&buf)
            .iter()
            .position(|r| r.contains(needle))
            .unwrap_or_else(|| panic!("{needle:?} is not on the screen:\n{buf:?}"))
    };
    let (who, outcome, topics, ours) = (
        at(" Who        Hiroshi Tanaka"),
        at(" Outcome    双方同意明年互派考察团"),
        at(" Topics     经贸合作, investment"),
        at(" Delegation Chen Jing and 6 more "),
    );
    assert!(at(" When ") < who && who < outcome, "{buf:?}");
    assert!(outcome < topics && topics < ours, "{buf:?}");
    assert!(!line_with(&buf, " Who ").contains("delegation"));

    // With the focus, the details have the whole delegation to scroll.
    app.send(Intent::ToggleFocus);
    for _ in 0..20 {
        app.send(Intent::NextEvent);
    }
    let buf = app.backend().buffer().clone();
    insta::assert_snapshot!("meeting_of_ten_focused_80x24", app.backend());
    for name in ["Wang Lei 王磊, Deputy head", "Wu Tao 吴涛, Photographer"] {
        line_with(&buf, name);
    }
    assert!(!rows(&buf).iter().any(|r| r.contains("and 6 more")));
}
