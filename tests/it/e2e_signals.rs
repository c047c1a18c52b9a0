//! The real binary in a pseudo-terminal, under signals: SIGTERM, SIGHUP and
//! SIGINT end it with the terminal restored, a closed terminal ends it at
//! once, and Ctrl-Z stops it with the terminal restored until SIGCONT.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::time::Duration;

use common::{Pty, TITLE, count, outside_frames};
use rustix::process::Signal;

/// The program must react well within this, even on a busy machine.
const PROMPT: Duration = Duration::from_secs(3);

#[test]
fn sigterm_sighup_and_sigint_restore_the_terminal_and_exit_128_plus_n() {
    for (signal, status) in [(Signal::TERM, 143), (Signal::HUP, 129), (Signal::INT, 130)] {
        let mut pty = Pty::started();
        pty.signal(signal);
        let (code, took) = pty.wait_exit();
        assert_eq!(code, status, "exit status after {signal:?}");
        assert!(took < PROMPT, "{signal:?}: took {took:?} to exit");
        pty.assert_restored();
    }
}

/// Closes the terminal; the program must end at once, as hung up.
fn close_and_expect_hangup(mut pty: Pty) {
    pty.close();
    let (code, took) = pty.wait_exit();
    assert!(
        took < PROMPT,
        "took {took:?} to exit after the terminal closed"
    );
    assert_eq!(code, 129, "the status for a hang-up");
}

#[test]
fn closing_the_terminal_ends_the_program_at_once() {
    close_and_expect_hangup(Pty::started());
}

#[test]
fn closing_the_terminal_of_a_stopped_browser_ends_it() {
    let mut pty = Pty::started();
    pty.send(b"\x1a");
    pty.wait_state('T');
    close_and_expect_hangup(pty);
}

#[test]
fn ctrl_z_restores_and_stops_then_sigcont_redraws() {
    let mut pty = Pty::started();
    let before = pty.text();
    pty.send(b"\x1a");
    pty.wait_state('T');
    pty.wait_for("the main screen", |s| !s.alternate_screen());
    pty.assert_restored();

    pty.signal(Signal::CONT);
    pty.wait_for("the browser redrawn", |s| {
        s.alternate_screen() && s.contents() == before
    });
    pty.assert_browsing();
    pty.send(b"q");
    assert_eq!(pty.wait_exit().0, 0);
    pty.assert_restored();
    let raw = pty.raw();
    assert!(count(&raw, b"\x1b[2J") >= 1, "no clear after the stop");
    assert_eq!(
        count(&outside_frames(&raw), b"\x1b[2J"),
        0,
        "the screen was cleared outside a synchronized update (flicker)"
    );
}

#[test]
fn sigtstp_from_outside_suspends_like_ctrl_z() {
    let mut pty = Pty::started();
    pty.signal(Signal::TSTP);
    pty.wait_state('T');
    pty.wait_for("the main screen", |s| !s.alternate_screen());
    pty.assert_restored();
    pty.signal(Signal::CONT);
    pty.wait_text(TITLE);
    pty.assert_browsing();
    pty.send(b"q");
    assert_eq!(pty.wait_exit().0, 0);
}

#[test]
fn a_stop_from_outside_is_followed_by_a_full_redraw() {
    let mut pty = Pty::started();
    let before = pty.text();
    // SIGSTOP cannot be caught: the terminal stays as it was, and another
    // program may write over the screen meanwhile.
    pty.signal(Signal::STOP);
    pty.wait_state('T');
    pty.scribble(b"\x1b[2J\x1b[Hsomething else");
    pty.signal(Signal::CONT);
    pty.wait_for("the browser redrawn", |s| {
        s.alternate_screen() && s.contents() == before
    });
    pty.send(b"q");
    assert_eq!(pty.wait_exit().0, 0);
    pty.assert_restored();
}
