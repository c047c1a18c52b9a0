//! Now and next through the real binary in a pseudo-terminal: at a set time
//! and home zone, and on the running clock, where an idle browser wakes at
//! most once a minute and so uses next to no CPU.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::time::Duration;

use common::{END_SYNC, Pty, Start};

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/now-next.toml");

#[test]
fn at_a_set_time_the_screen_says_what_now_and_next_and_the_home_clock() {
    let pty = Pty::start_with(Start {
        cols: 140,
        rows: 30,
        args: &[
            "--now",
            "2026-03-20T10:45",
            "--home-zone",
            "Asia/Tokyo",
            FIXTURE,
        ],
        ..Start::default()
    });
    // Each waited for: on a busy machine a frame may be read half drawn.
    pty.wait_text("Now Talks with the First Mayor until 11:30 (19:30 Tokyo)");
    pty.wait_text("Next 14:00 (22:00 Tokyo) Sample Precision Works, in 3 h 15 min");
    // The home column, with the city over it.
    pty.wait_text("time         Tokyo           event");
    pty.wait_text("10:30-11:30  18:30-19:30");
}

#[test]
fn an_unknown_home_zone_is_refused_before_the_terminal_is_touched() {
    let out = crate::common::bin()
        .args(["--home-zone", "Asia/Tokio", FIXTURE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: invalid value 'Asia/Tokio' for '--home-zone <ZONE>': not a time zone; did you mean \"Asia/Tokyo\"?\n\nFor more information, try '--help'.\n"
    );
}

/// A trip in UTC around today, an event every hour, so that now is always
/// under way or next.
fn trip_around_today(dir: &std::path::Path) -> std::path::PathBuf {
    let today = chrono::Utc::now().date_naive();
    let mut text = format!(
        "[trip]\ntitle = \"Around today\"\nstart = {}\nend = {}\ntimezone = \"UTC\"\nhome_timezone = \"Asia/Tokyo\"\n",
        today.pred_opt().unwrap(),
        today.succ_opt().unwrap()
    );
    for day in [today.pred_opt().unwrap(), today, today.succ_opt().unwrap()] {
        text.push_str(&format!("[[day]]\ndate = {day}\n"));
        for h in 0..24 {
            text.push_str(&format!(
                "[[day.stop]]\nplace = \"Hour {h:02}\"\narrive = {h:02}:00\ndepart = {h:02}:50\n"
            ));
        }
    }
    let path = dir.join("around-today.toml");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn on_the_running_clock_idle_stays_idle() {
    let dir = tempfile::tempdir().unwrap();
    let path = trip_around_today(dir.path());
    let pty = Pty::start_with(Start {
        args: &[path.to_str().unwrap()],
        ..Start::default()
    });
    pty.wait_text("Around today");
    pty.wait_output_count(END_SYNC, 1);
    assert!(pty.text().contains("Hour "), "{}", pty.text());
    let before = pty.cpu_ticks();
    std::thread::sleep(Duration::from_secs(5));
    let used = pty.cpu_ticks() - before;
    // At most one wake-up (a minute boundary) in five seconds, and one
    // frame: a timer polling even ten times a second would show here.
    assert!(used <= 3, "used {used} clock ticks in five idle seconds");
}
