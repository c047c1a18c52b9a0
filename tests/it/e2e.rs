//! The real binary in a pseudo-terminal: it draws, takes keys, redraws only
//! what changed, idles without CPU, and gives the terminal back on quit, on
//! an error and on a panic.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::process::Stdio;
use std::time::Duration;

use common::{BEGIN_SYNC, END_SYNC, NOW, Pty, Start, TITLE, count, outside_frames, printable};

/// Mouse events as the terminal sends them in SGR mode (1006).
const LEFT_PRESS: &[u8] = b"\x1b[<0;10;5M";
const LEFT_RELEASE: &[u8] = b"\x1b[<0;10;5m";
const WHEEL_DOWN: &[u8] = b"\x1b[<65;10;5M";

#[test]
fn browses_then_quits_and_restores_the_terminal() {
    let mut pty = Pty::start();
    pty.wait_text(TITLE);
    pty.assert_browsing();
    // Keys, the mouse and unknown bytes must not end the program.
    pty.send(b"lljk\x1b[C\x1b[B\tx");
    pty.send(LEFT_PRESS);
    pty.send(LEFT_RELEASE);
    pty.send(WHEEL_DOWN);
    pty.wait_text(TITLE);
    pty.send(b"q");
    let (status, _) = pty.wait_exit();
    assert_eq!(status, 0);
    pty.assert_restored();
    assert!(
        !pty.text().contains(TITLE),
        "the browser's screen should be gone:\n{}",
        pty.text()
    );
}

#[test]
fn ctrl_c_quits_too() {
    let mut pty = Pty::started();
    pty.send(b"\x03");
    assert_eq!(pty.wait_exit().0, 0);
    pty.assert_restored();
}

#[test]
fn every_frame_is_one_synchronized_update_and_nothing_clears_the_screen() {
    let mut pty = Pty::started();
    pty.wait_output_count(END_SYNC, 1);
    let frames = count(&pty.raw(), END_SYNC);
    // A click and the wheel are actions: each batch is redrawn.
    pty.send(LEFT_PRESS);
    pty.send(LEFT_RELEASE);
    pty.wait_output_count(END_SYNC, frames + 1);
    pty.send(WHEEL_DOWN);
    pty.wait_output_count(END_SYNC, frames + 2);
    pty.send(b"q");
    assert_eq!(pty.wait_exit().0, 0);

    let raw = pty.raw();
    assert_eq!(count(&raw, BEGIN_SYNC), count(&raw, END_SYNC));
    assert_eq!(
        printable(&outside_frames(&raw)),
        "",
        "text was drawn outside a synchronized update"
    );
    assert_eq!(
        count(&raw, b"\x1b[2J"),
        0,
        "the screen was cleared although its size never changed"
    );
}

#[test]
fn idle_means_no_cpu() {
    let pty = Pty::started();
    pty.wait_output_count(END_SYNC, 1);
    let before = pty.cpu_ticks();
    std::thread::sleep(Duration::from_secs(1));
    let used = pty.cpu_ticks() - before;
    // A busy loop would use ~100 ticks per second; idle uses none.
    assert!(used <= 3, "used {used} clock ticks in one idle second");
}

#[test]
fn a_resize_redraws_at_once_at_the_new_size() {
    let mut pty = Pty::started();
    for (cols, rows) in [(100, 30), (60, 20), (80, 24)] {
        let fresh = Pty::start_with(Start {
            cols,
            rows,
            ..Start::default()
        });
        // The first frame, whole: it is one synchronized update.
        fresh.wait_output_count(END_SYNC, 1);
        let expected = fresh.text();
        pty.resize(cols, rows);
        pty.wait_for(
            &format!("the screen of a fresh start at {cols}×{rows}"),
            |s| s.contents() == expected,
        );
    }
}

#[test]
fn no_color_keeps_bold_and_reverse_and_drops_colours() {
    let colour = Pty::started();
    colour.wait_output_count(END_SYNC, 1);
    let plain = Pty::start_with(Start {
        env: &[("NO_COLOR", "1")],
        ..Start::default()
    });
    plain.wait_text(TITLE);
    plain.wait_output_count(END_SYNC, 1);
    assert_eq!(plain.text(), colour.text());
    let (rows, cols) = (24, 80);
    for row in 0..rows {
        for col in 0..cols {
            let c = colour.with_screen(|s| s.cell(row, col).cloned()).unwrap();
            let p = plain.with_screen(|s| s.cell(row, col).cloned()).unwrap();
            let at = format!("at row {row}, column {col}");
            assert_eq!(p.fgcolor(), vt100::Color::Default, "colour {at}");
            assert_eq!(p.bgcolor(), vt100::Color::Default, "background {at}");
            assert!(!c.bold() || p.bold(), "bold lost {at}");
            assert!(!c.inverse() || p.inverse(), "reverse lost {at}");
        }
    }
    // crossterm's own NO_COLOR handling writes a colour as an empty SGR,
    // which resets bold and reverse.
    assert_eq!(count(&plain.raw(), b"\x1b[m"), 0);
}

/// Starts the browser with `ITINERARY_DEBUG_FAULT=fault`, presses a key,
/// and returns its exit status and the screen it leaves, once restored.
fn fail_on_first_key(fault: &str) -> (u32, String) {
    let mut pty = Pty::start_with(Start {
        env: &[("ITINERARY_DEBUG_FAULT", fault)],
        ..Start::default()
    });
    pty.wait_text(TITLE);
    pty.send(b"j");
    let (status, _) = pty.wait_exit();
    pty.assert_restored();
    (status, pty.text())
}

#[test]
fn a_panic_restores_the_terminal_then_prints_its_message() {
    let (status, text) = fail_on_first_key("panic");
    assert_eq!(status, 101);
    assert!(
        text.contains("ITINERARY_DEBUG_FAULT=panic: a deliberate panic"),
        "the panic message should be on the main screen:\n{text}"
    );
}

#[test]
fn an_error_restores_the_terminal_then_prints_it() {
    let (status, text) = fail_on_first_key("error");
    assert_eq!(status, 2);
    assert!(
        text.contains(
            "error: the terminal failed: ITINERARY_DEBUG_FAULT=error: a deliberate error"
        ),
        "the error should be on the main screen:\n{text}"
    );
}

/// Runs the binary without a terminal; returns (status, stderr).
fn run_piped(args: &[&str]) -> (i32, String) {
    let out = crate::common::bin()
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    (out.status.code().unwrap(), stderr)
}

#[test]
fn a_bad_now_is_a_usage_error_before_the_terminal_is_touched() {
    let (status, stderr) = run_piped(&["--now", "28 August"]);
    assert_eq!(status, 2);
    assert_eq!(
        stderr,
        "error: invalid value '28 August' for '--now <DATETIME>': not a date-time; write it as 2018-08-28T10:00\n\nFor more information, try '--help'.\n"
    );
}

#[test]
fn the_browser_refuses_to_draw_into_a_pipe() {
    let (status, stderr) = run_piped(&["--now", NOW]);
    assert_eq!(status, 2);
    assert_eq!(
        stderr,
        "error: the browser needs a terminal, and standard output is not one; \
         to write the trip as text, use `itinerary export`\n"
    );
}

#[test]
fn tab_gives_the_details_the_keys_and_esc_gives_them_back() {
    let mut pty = Pty::started();
    pty.send(b"3");
    pty.wait_text("j/k event");
    pty.send(b"\t");
    // The details' border turns heavy, and the hints say what j/k do now.
    pty.wait_text(" j/k scroll  Esc timeline");
    assert!(pty.text().contains(" Details ━━"), "{}", pty.text());
    pty.send(b"\x1b");
    pty.wait_text("j/k event  t now");
    assert!(pty.text().contains(" Details ──"), "{}", pty.text());
    pty.send(b"j");
    pty.wait_text("2 of 2");
    pty.send(b"q");
    assert_eq!(pty.wait_exit().0, 0);
}
