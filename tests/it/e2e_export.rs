//! The browser's export dialog (`e`) and the mouse in the real binary, in a
//! pseudo-terminal: every format written as `itinerary export` writes it,
//! the whole trip, the filters on and off, a taken name numbered, a
//! refused folder said beside the field with the dialog kept open; a click
//! selects a tab or an event, the wheel scrolls. The dialog's screens at
//! 80×24 and 140×40 are snapshots.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::path::{Path, PathBuf};

use common::{END_SYNC, Pty, Start, TITLE};
use itinerary::app::{App, Intent, Msg};
use itinerary::export::target;
use itinerary::load;
use itinerary::ui::headless::Headless;

/// The name 28 August of the bundled trip is written under.
const DAY_3: &str = "2018-08-28-zhejiang-provincial-delegation-to-japan";
/// The name of the whole bundled trip.
const TRIP: &str = "zhejiang-provincial-delegation-to-japan";

/// Keys: Tab, Shift-Tab, Right, Enter, Esc, Ctrl-U.
const TAB: &[u8] = b"\t";
const BACK_TAB: &[u8] = b"\x1b[Z";
const RIGHT: &[u8] = b"\x1b[C";
const ENTER: &[u8] = b"\r";
const CTRL_U: &[u8] = b"\x15";

/// The browser on the bundled trip, started in `dir` at `cols` columns,
/// first frame drawn.
fn browse_at(dir: &Path, cols: u16) -> Pty {
    let pty = Pty::start_with(Start {
        cwd: Some(dir),
        cols,
        ..Start::default()
    });
    pty.wait_text(TITLE);
    pty.wait_output_count(END_SYNC, 1);
    pty
}

/// The browser on the bundled trip, started in `dir`, first frame drawn.
fn browse_in(dir: &Path) -> Pty {
    browse_at(dir, 80)
}

/// What `itinerary export ARGS -o DIR/NAME` writes for the bundled trip
/// (the format follows NAME's extension).
fn export_to(args: &[&str], name: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    let out = crate::common::bin()
        .arg("export")
        .args(args)
        .arg("-o")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "export {args:?}: {out:?}");
    std::fs::read(path).unwrap()
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
    pty.with_screen(|s| {
        let (_, cols) = s.size();
        s.rows(0, cols.into()).last().unwrap_or_default()
    })
}

/// Quits with `q` and checks the browser ended well.
fn quit(mut pty: Pty) {
    pty.send(b"q");
    assert_eq!(pty.wait_exit().0, 0);
    pty.assert_restored();
}

/// `e`: waits for the dialog.
fn open(pty: &mut Pty) {
    pty.send(b"e");
    pty.wait_text(" Export ");
}

/// Enter in the dialog: waits for the status line to name `path` and
/// the dialog to close; returns what was written.
fn write(pty: &mut Pty, path: &Path) -> Vec<u8> {
    pty.send(ENTER);
    let name = path.file_name().unwrap().to_string_lossy();
    pty.wait_for("the status line to name the file", |s| {
        let (_, cols) = s.size();
        let status = s.rows(0, cols.into()).last().unwrap_or_default();
        status.contains("exported to") && status.contains(name.as_ref())
    });
    // Whole when the line has room; else its start gives way.
    let whole = format!("exported to {}", path.display());
    if whole.len() + 12 < usize::from(pty.with_screen(|s| s.size().1.get())) {
        assert!(status(pty).contains(&whole), "{}", pty.text());
    }
    assert!(!pty.text().contains(" Export "), "{}", pty.text());
    std::fs::read(path).unwrap()
}

/// What the export dialog says: the text inside its box, rows trimmed
/// and joined by a space, so a text wrapped in it reads whole. Empty
/// when the dialog is not open.
fn said(pty: &Pty) -> String {
    pty.with_screen(|s| {
        let (rows, cols) = s.size();
        let (rows, cols) = (rows.get(), cols.get());
        let at = |r: u16, c: u16| {
            s.cell(r, c)
                .map_or(String::new(), |c| c.contents().to_string())
        };
        let Some((top, left)) = (0..rows)
            .flat_map(|r| (0..cols.saturating_sub(1)).map(move |c| (r, c)))
            .find(|&(r, c)| at(r, c) == "┌" && at(r, c + 2) == "E" && at(r, c + 3) == "x")
        else {
            return String::new();
        };
        let right = (left + 1..cols)
            .find(|&c| at(top, c) == "┐")
            .unwrap_or(cols);
        let mut out = Vec::new();
        for r in top + 1..rows {
            if at(r, left) == "└" {
                break;
            }
            let row: String = (left + 1..right).map(|c| at(r, c)).collect();
            out.push(row.trim().to_string());
        }
        out.join(" ")
    })
}

/// Waits until the screen says `text`, wrapped or not.
fn wait_said(pty: &Pty, text: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !said(pty).contains(text) {
        assert!(
            std::time::Instant::now() < deadline,
            "timed out waiting for {text:?}; the screen shows:\n{}",
            pty.text()
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// The directory the browser sees as current (a temporary one may be
/// reached through a link).
fn real(dir: &Path) -> PathBuf {
    dir.canonicalize().unwrap()
}

#[test]
fn every_format_is_written_as_export_writes_it_and_named_whole() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = real(dir.path());
    // Wide enough for the whole path on the status line.
    let mut pty = browse_at(&cwd, 160);
    pty.send(b"3");
    pty.wait_text("[Tue 28 Aug (2)]");
    // The dialog opens on the last format written: one step right each time.
    for (i, format) in target::formats().enumerate() {
        open(&mut pty);
        if i > 0 {
            pty.send(TAB);
            pty.wait_text("> Format");
            pty.send(RIGHT);
        }
        let name = format!("{DAY_3}.{}", target::extension(format));
        pty.wait_text(&name);
        let written = write(&mut pty, &cwd.join(&name));
        assert_eq!(
            written,
            export_to(&["--day", "2018-08-28"], &name),
            "{name} differs from itinerary export's"
        );
        assert!(status(&pty).contains(&cwd.join(&name).display().to_string()));
    }
    let expected: Vec<String> = target::formats()
        .map(|f| format!("{DAY_3}.{}", target::extension(f)))
        .collect();
    let mut sorted = expected.clone();
    sorted.sort();
    assert_eq!(names(&cwd), sorted, "no temporary file is left behind");
    quit(pty);
}

#[test]
fn e_enter_writes_the_day_then_a_numbered_copy_never_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = real(dir.path());
    let mut pty = browse_in(&cwd);
    pty.send(b"3");
    pty.wait_text("[Tue 28 Aug (2)]");
    open(&mut pty);
    let first = write(&mut pty, &cwd.join(format!("{DAY_3}.md")));
    assert_eq!(first, include_bytes!("../golden/bundled-day-3.md"));
    open(&mut pty);
    let second = write(&mut pty, &cwd.join(format!("{DAY_3}-2.md")));
    assert_eq!(second, first);
    assert_eq!(
        names(&cwd),
        [format!("{DAY_3}-2.md"), format!("{DAY_3}.md")],
        "no temporary file is left behind either"
    );
    // Cut at 80 columns (the name kept), the path is whole in the log.
    assert!(status(&pty).contains("exported to ..."), "{}", pty.text());
    pty.send(b"m");
    let whole = cwd.join(format!("{DAY_3}-2.md")).display().to_string();
    pty.wait_text(&whole);
    pty.send(b"m");
    pty.wait_for("the log closed", |s| !s.contents().contains("Messages"));
    quit(pty);
}

#[test]
fn the_whole_trip_and_the_filters_on_and_off() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = real(dir.path());
    let mut pty = browse_in(&cwd);
    pty.filter_by("tokyo", "Tokyo");
    pty.send(b"2");
    pty.wait_text("[Mon 27 Aug (0)]");

    // The filter is on by default: the file is `export --prefecture`'s.
    open(&mut pty);
    pty.wait_text("[x] Tokyo");
    let day = "2018-08-27-zhejiang-provincial-delegation-to-japan.md";
    let md = write(&mut pty, &cwd.join(day));
    assert_eq!(
        md,
        export_to(&["--day", "2018-08-27", "--prefecture", "tokyo"], day)
    );

    // The whole trip, the filter switched off: `export` alone.
    open(&mut pty);
    pty.send(RIGHT);
    pty.wait_text("[the whole trip]");
    pty.send(TAB);
    pty.send(TAB);
    pty.wait_text("> Prefecture");
    pty.send(b" ");
    pty.wait_text("[ ] Tokyo");
    let trip = format!("{TRIP}.md");
    let all = write(&mut pty, &cwd.join(&trip));
    assert_eq!(all, export_to(&[], &trip));

    // The whole trip again with the filter on (the dialog opens with it
    // on): the name is taken, so `-2`.
    open(&mut pty);
    pty.send(RIGHT);
    pty.wait_text("[the whole trip]");
    let tokyo = write(&mut pty, &cwd.join(format!("{TRIP}-2.md")));
    assert_eq!(tokyo, export_to(&["--prefecture", "tokyo"], &trip));
    assert_ne!(tokyo, all);

    // The person filter with the prefecture one: both go to the file;
    // the person alone when the prefecture is off.
    pty.send(b"f");
    pty.wait_text("Filter by person");
    pty.send("福田".as_bytes());
    pty.send(ENTER);
    pty.wait_text("Tomikazu Fukuda");
    open(&mut pty);
    pty.send(RIGHT);
    pty.send(TAB);
    pty.send(TAB);
    pty.wait_text("> Prefecture");
    pty.send(b" ");
    pty.wait_text("[x] Tomikazu Fukuda");
    let fukuda = write(&mut pty, &cwd.join(format!("{TRIP}-3.md")));
    assert_eq!(fukuda, export_to(&["--person", "fukuda"], &trip));
    quit(pty);
}

#[test]
fn a_refused_folder_keeps_the_dialog_open_with_the_reason_and_esc_cancels() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = real(dir.path());
    let file = cwd.join("a-file.txt");
    std::fs::write(&file, "x").unwrap();
    let mut pty = browse_at(&cwd, 120);
    open(&mut pty);
    pty.send(BACK_TAB);
    pty.wait_text("> Folder");

    let missing = cwd.join("missing");
    let refusals = [
        (
            missing.display().to_string(),
            "it does not exist; create it, or give another folder",
        ),
        (
            file.display().to_string(),
            "it is a file, not a folder; give a folder",
        ),
        // sysfs takes no new files, not even from root (tests run as root,
        // whom permissions do not stop).
        ("/sys".to_string(), ""),
    ];
    for (typed, why) in refusals {
        pty.send(CTRL_U);
        pty.send(typed.as_bytes());
        pty.send(ENTER);
        wait_said(&pty, &format!("cannot write in {typed}: {why}"));
        assert!(pty.text().contains(" Export "), "{}", pty.text());
        assert!(!status(&pty).contains("export"), "{}", pty.text());
    }
    // Typing clears the reason; Esc closes, nothing written.
    pty.send(b"/");
    pty.wait_for("the reason cleared", |s| {
        !s.contents().contains("cannot write in")
    });
    pty.send(b"\x1b");
    pty.wait_for("the dialog closed", |s| !s.contents().contains(" Export "));
    assert_eq!(names(&cwd), ["a-file.txt"]);
    assert!(!missing.exists());
    pty.assert_browsing();
    quit(pty);
}

#[test]
fn a_deleted_current_directory_is_refused_beside_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let cwd = real(dir.path()).join("gone");
    std::fs::create_dir(&cwd).unwrap();
    let mut pty = browse_at(&cwd, 120);
    // The dialog opens on the directory, written whole; then it goes.
    std::fs::remove_dir(&cwd).unwrap();
    pty.send(b"3");
    open(&mut pty);
    pty.send(ENTER);
    wait_said(
        &pty,
        &format!(
            "cannot write in {}: it does not exist; create it, or give another folder",
            cwd.display()
        ),
    );
    // Another folder then works (the keys are on the folder).
    pty.send(CTRL_U);
    pty.send(dir.path().display().to_string().as_bytes());
    let written = write(&mut pty, &dir.path().join(format!("{DAY_3}.md")));
    assert_eq!(written, include_bytes!("../golden/bundled-day-3.md"));
    pty.send(b"4");
    pty.wait_text("[Wed 29 Aug (2)]");
    pty.assert_browsing();
    quit(pty);
}

/// The bundled trip on 28 August, its dialog opening on a fixed folder.
fn dialog_app(w: u16, h: u16) -> Headless {
    let trip = load::load_str(load::BUNDLED).unwrap().trip;
    let mut app = App::new(load::BUNDLED_NAME.into(), trip, None);
    app.export.dir = "/home/delegate/exports".into();
    let mut app = Headless::new(app);
    app.send(Msg::Resize(w, h));
    app.send(Intent::Day(3));
    app
}

#[test]
fn snapshot_the_export_dialog() {
    for (w, h) in [(80, 24), (140, 40)] {
        let mut app = dialog_app(w, h);
        app.send(Intent::Export);
        insta::assert_snapshot!(format!("dialog_{w}x{h}"), app.backend());

        // Filtered by a prefecture and a person, the format changed, the
        // folder refused.
        let mut app = dialog_app(w, h);
        for i in [
            Intent::OpenPicker,
            Intent::Type('t'),
            Intent::Type('o'),
            Intent::Type('k'),
            Intent::Accept,
        ] {
            app.send(i);
        }
        app.send(Intent::OpenPersonFilter);
        for c in "fukuda".chars() {
            app.send(Intent::Type(c));
        }
        app.send(Intent::Accept);
        app.send(Intent::Export);
        app.send(Intent::NextField);
        app.send(Intent::NextChoice);
        app.send(Intent::NextField);
        app.send(Intent::Toggle);
        app.send(Msg::Exported(Err(
            "cannot write in /home/delegate/exports: it does not exist; create it, or give \
             another folder"
                .into(),
        )));
        insta::assert_snapshot!(format!("dialog_filtered_refused_{w}x{h}"), app.backend());
    }
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
