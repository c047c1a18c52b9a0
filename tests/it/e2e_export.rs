//! The browser's `e` and the mouse in the real binary, in a pseudo-terminal:
//! `e` writes the selected day (filter applied) into the current directory,
//! numbers a second copy instead of overwriting, reports a failure on the
//! status line and goes on; a click selects a tab or an event, the wheel
//! scrolls.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::path::Path;

use common::{END_SYNC, Pty, Start, TITLE};

/// The name `e` gives 28 August of the bundled trip.
const DAY_3: &str = "2018-08-28-zhejiang-provincial-delegation-to-japan";

/// The browser on the bundled trip, started in `dir`, first frame drawn.
fn browse_in(dir: &Path) -> Pty {
    let pty = Pty::start_with(Start {
        cwd: Some(dir),
        ..Start::default()
    });
    pty.wait_text(TITLE);
    pty.wait_output_count(END_SYNC, 1);
    pty
}

/// What `itinerary export ARGS` prints for the bundled trip.
fn export(args: &[&str]) -> String {
    let out = crate::common::bin()
        .arg("export")
        .args(args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "export {args:?}");
    String::from_utf8(out.stdout).unwrap()
}

/// The files in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The status line (last row) of the current screen.
fn status(pty: &Pty) -> String {
    pty.with_screen(|s| s.rows(0, 80).last().unwrap_or_default())
}

/// Quits with `q` and checks the browser ended well.
fn quit(mut pty: Pty) {
    pty.send(b"q");
    assert_eq!(pty.wait_exit().0, 0);
    pty.assert_restored();
}

#[test]
fn e_writes_the_day_then_a_numbered_copy_never_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = browse_in(dir.path());
    pty.send(b"3");
    pty.wait_text("[Tue 28 Aug (2)]");
    pty.send(b"e");
    pty.wait_text(&format!("exported to {DAY_3}.md"));
    assert_eq!(names(dir.path()), [format!("{DAY_3}.md")]);
    let first = std::fs::read_to_string(dir.path().join(format!("{DAY_3}.md"))).unwrap();
    assert_eq!(first, export(&["--day", "2018-08-28"]));
    assert_eq!(first, include_str!("../golden/bundled-day-3.md"));

    // A key clears the message: the second `e` is seen to answer anew.
    pty.send(b"j");
    pty.wait_for("the message cleared", |s| {
        !s.contents().contains("exported to")
    });
    pty.send(b"e");
    pty.wait_text(&format!("exported to {DAY_3}-2.md"));
    assert_eq!(
        names(dir.path()),
        [format!("{DAY_3}-2.md"), format!("{DAY_3}.md")],
        "no temporary file is left behind either"
    );
    let second = std::fs::read_to_string(dir.path().join(format!("{DAY_3}-2.md"))).unwrap();
    assert_eq!(second, first);
    quit(pty);
}

#[test]
fn e_applies_the_prefecture_filter() {
    let dir = tempfile::tempdir().unwrap();
    let mut pty = browse_in(dir.path());
    pty.filter_by("tokyo", "Tokyo");
    // 27 August is the Shizuoka day.
    pty.send(b"2");
    pty.wait_text("[Mon 27 Aug (0)]");
    pty.send(b"e");
    let name = "2018-08-27-zhejiang-provincial-delegation-to-japan.md";
    pty.wait_text(&format!("exported to {name}"));
    let md = std::fs::read_to_string(dir.path().join(name)).unwrap();
    assert_eq!(
        md,
        export(&["--day", "2018-08-27", "--prefecture", "tokyo"])
    );
    assert!(md.contains("Only events in Tokyo."), "{md}");
    // The day's title is "Shizuoka"; none of its events may be in the file.
    let unfiltered = export(&["--day", "2018-08-27"]);
    for shizuoka in ["**Prefecture:** Shizuoka", "Kawakatsu"] {
        assert!(unfiltered.contains(shizuoka), "{unfiltered}");
        assert!(!md.contains(shizuoka), "{md}");
    }
    quit(pty);
}

#[test]
fn a_failed_export_is_on_the_status_line_and_the_browser_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = dir.path().join("gone");
    std::fs::create_dir(&cwd).unwrap();
    let mut pty = browse_in(&cwd);
    // Tests run as root, whom permissions do not stop; a deleted directory
    // stops everyone.
    std::fs::remove_dir(&cwd).unwrap();
    pty.send(b"3e");
    pty.wait_text("export failed: the directory was deleted; restart itinerary elsewhere");
    // Drawn as a message, whole, at 80 columns, with room kept for help.
    assert_eq!(
        status(&pty).trim_end(),
        " export failed: the directory was deleted; restart itinerary elsewhere   ? help",
        "{}",
        pty.text()
    );
    assert!(!cwd.exists());
    // Still browsing: keys work, the message goes with the next one.
    pty.send(b"4");
    pty.wait_text("[Wed 29 Aug (2)]");
    assert!(!pty.text().contains("export failed"), "{}", pty.text());
    pty.assert_browsing();
    quit(pty);
}

#[cfg(target_os = "linux")]
#[test]
fn a_directory_nobody_may_write_in_is_named_on_the_status_line() {
    // sysfs takes no new files, not even from root (tests run as root, whom
    // permissions do not stop).
    let mut pty = browse_in(Path::new("/sys"));
    pty.send(b"e");
    pty.wait_text("export failed: cannot write in /sys: ");
    pty.send(b"l");
    pty.wait_text("[Mon 27 Aug (2)]");
    pty.assert_browsing();
    quit(pty);
}

/// A left click at a 0-based cell, as an SGR (1006) press and release.
fn click(pty: &mut Pty, col: usize, row: usize) {
    let (x, y) = (col + 1, row + 1);
    pty.send(format!("\x1b[<0;{x};{y}M\x1b[<0;{x};{y}m").as_bytes());
}

/// One notch of the wheel at a 0-based cell: down, or up.
fn wheel(pty: &mut Pty, down: bool, col: usize, row: usize) {
    let button = if down { 65 } else { 64 };
    pty.send(format!("\x1b[<{button};{};{}M", col + 1, row + 1).as_bytes());
}

/// The column where `text` starts on `row` (ASCII rows only).
fn column_of(pty: &Pty, row: usize, text: &str) -> usize {
    let line = pty.with_screen(|s| s.rows(0, 80).nth(row).unwrap_or_default());
    line.find(text)
        .unwrap_or_else(|| panic!("{text:?} is not on row {row}: {line:?}"))
}

#[test]
fn a_click_selects_a_day_tab_and_an_event_and_the_wheel_scrolls() {
    let mut pty = Pty::started();
    // `--now` is 27 August: the browser opens on that day.
    assert!(pty.text().contains("[Mon 27 Aug (2)]"), "{}", pty.text());
    // The tabs are on row 1; click in the middle of the 28 August tab.
    let col = column_of(&pty, 1, "Tue 28 Aug") + 4;
    click(&mut pty, col, 1);
    pty.wait_text("[Tue 28 Aug (2)]");
    pty.wait_text("1 of 2");

    // At 80×24 the timeline's rows start on row 4: the meeting is on row 5.
    click(&mut pty, 20, 5);
    pty.wait_text("2 of 2");
    // The details are the meeting's.
    pty.wait_text("Topics     artificial intelligence (AI)");
    assert!(
        pty.text()
            .contains(">time not set   - Meeting with SoftBank"),
        "{}",
        pty.text()
    );

    // The wheel over the timeline moves the selection, within the day.
    wheel(&mut pty, false, 20, 5);
    pty.wait_text("1 of 2");
    wheel(&mut pty, true, 20, 5);
    pty.wait_text("2 of 2");

    // A click on another tab, then back: the new day starts at its first event.
    let col = column_of(&pty, 1, "Wed 29 Aug") + 2;
    click(&mut pty, col, 1);
    pty.wait_text("[Wed 29 Aug (2)]");
    pty.wait_text("1 of 2");

    quit(pty);
}

#[test]
fn a_file_with_warnings_says_so_at_the_start() {
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/itineraries/example-trade-mission.toml"
    );
    let mut pty = Pty::start_with(Start {
        args: &[file, "--now", "2026-03-10T10:00"],
        ..Start::default()
    });
    pty.wait_text("the file has 1 warning (! shows it)");
    pty.send(b"!");
    pty.wait_text("warning: stops overlap on 2026-03-10");
    let frames = common::count(&pty.raw(), END_SYNC);
    pty.send(b"\x1b");
    // The whole frame: the status line is drawn after the pane's rows.
    pty.wait_output_count(END_SYNC, frames + 1);
    pty.wait_for("the pane closed", |s| {
        !s.contents().contains("warning: stops overlap")
    });
    // The note went with the first key; the status line has its hints back.
    assert!(status(&pty).starts_with(" h/l day"), "{}", pty.text());
    quit(pty);
}

#[test]
fn the_wheel_scrolls_the_details_once_a_click_gives_them_the_focus() {
    let mut pty = Pty::start_with(Start {
        rows: 20,
        ..Start::default()
    });
    pty.wait_text(TITLE);
    // The business forum's details are ten lines; at 80×20 seven show.
    pty.send(b"\x1b[F");
    pty.send(b"l");
    pty.wait_text("[Unscheduled (8)]");
    pty.wait_text("lines 1-7 of 10");
    // The details start on row 12 at this size: click in them.
    click(&mut pty, 40, 16);
    wheel(&mut pty, true, 40, 16);
    pty.wait_text("lines 4-10 of 10");
    // The selection stayed: the wheel moved the details, not the event.
    assert!(pty.text().contains("1 of 8"), "{}", pty.text());
    wheel(&mut pty, false, 40, 16);
    pty.wait_text("lines 1-7 of 10");
    quit(pty);
}
