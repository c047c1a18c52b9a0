//! Keys in the real binary, in a pseudo-terminal: every key acts at once and
//! once, after a resize too; Esc followed quickly by other keys is still Esc
//! and those keys.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{END_SYNC, Pty, count};

/// The tab strip (second row) of the current screen.
fn tabs(pty: &Pty) -> String {
    pty.with_screen(|s| s.rows(0, s.size().1.get()).nth(1).unwrap_or_default())
}

/// Resizes the terminal and waits until the program has redrawn at the
/// new size (`hint` on the last row), so the key sent next arrives after
/// the resize was handled.
fn resize_and_wait(pty: &mut Pty, cols: u16, rows: u16, hint: &str) {
    let frames = count(&pty.raw(), END_SYNC);
    pty.resize(cols, rows);
    pty.wait_output_count(END_SYNC, frames + 1);
    pty.wait_for(&format!("{hint:?} on row {rows}"), |s| {
        s.rows(0, cols)
            .nth(usize::from(rows) - 1)
            .is_some_and(|r| r.contains(hint))
    });
}

#[test]
fn after_a_resize_one_key_is_one_action_at_once() {
    let mut pty = Pty::started();
    assert!(tabs(&pty).contains("[Mon 27 Aug (2)]"), "{}", pty.text());
    // A key first: the key lost after a resize needed one before it
    // (crossterm's reader, which the browser once used, started watching
    // resizes at its first read).
    pty.send(b"l");
    pty.wait_text("[Tue 28 Aug (2)]");
    for (cols, rows, key, day) in [(100, 30, b"l", "Wed 29 Aug"), (80, 24, b"h", "Tue 28 Aug")] {
        resize_and_wait(&mut pty, cols, rows, "? help");
        // One key: one day over, without waiting for another key.
        pty.send(key);
        pty.wait_for(&format!("[{day} (2)] selected"), |s| {
            s.contents().contains(&format!("[{day} (2)]"))
        });
        // And only one day: the next key is its own action, not a second day.
        pty.send(b"j");
        pty.wait_text("2 of 2");
        assert!(
            tabs(&pty).contains(&format!("[{day} (2)]")),
            "{}",
            pty.text()
        );
    }
    pty.send(b"q");
    assert_eq!(pty.wait_exit().0, 0);
}

#[test]
fn after_a_resize_ctrl_c_quits_at_once() {
    let mut pty = Pty::started();
    // A key first: the key lost after a resize needed one before it
    // (crossterm's reader, which the browser once used, started watching
    // resizes at its first read).
    pty.send(b"j");
    pty.wait_text("2 of 2");
    resize_and_wait(&mut pty, 100, 30, "? help");
    pty.send(b"\x03");
    assert_eq!(pty.wait_exit().0, 0);
    pty.assert_restored();
}

#[test]
fn after_a_resize_a_key_in_an_overlay_acts_at_once() {
    let mut pty = Pty::started();
    pty.send(b"?");
    pty.wait_text("Keys ─");
    resize_and_wait(&mut pty, 100, 30, "Esc close");
    pty.send(b"q");
    pty.wait_text("h/l day");
    pty.send(b"q");
    assert_eq!(pty.wait_exit().0, 0);
}

#[test]
fn esc_bracket_and_a_key_typed_fast_are_those_three_keys() {
    let mut pty = Pty::started();
    // Esc (nothing to close), `[` (not bound), `l`: the next day. In one
    // write, as keys typed faster than the program reads arrive.
    pty.send(b"\x1b[l");
    pty.wait_text("[Tue 28 Aug (2)]");
    // In the search line: Esc clears it, `[` does nothing, `q` quits.
    pty.send(b"/");
    pty.wait_text("Esc clear");
    pty.send(b"son");
    pty.wait_text("/son");
    pty.send(b"\x1b[q");
    assert_eq!(pty.wait_exit().0, 0);
}

#[test]
fn g_a_date_enter_goes_to_that_day_and_a_bad_one_says_why() {
    let mut pty = Pty::started();
    pty.send(b"g");
    pty.wait_text("Go to day");
    pty.send(b"2018-08-29\r");
    pty.wait_text("[Wed 29 Aug (2)]");
    assert!(!pty.text().contains("Go to day"), "{}", pty.text());
    pty.send(b"g9\r");
    pty.wait_text("there is no day 9: the trip has 5 days");
    // Still open, with the text, to be mended: Backspace, 1, Enter.
    pty.send(b"\x7f1\r");
    pty.wait_text("[Sun 26 Aug (0)]");
    pty.send(b"q");
    assert_eq!(pty.wait_exit().0, 0);
}
