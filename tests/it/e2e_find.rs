//! The filter and the search in the real binary, in a pseudo-terminal:
//! `p`, `tokyo`, Enter narrows the trip to Tokyo and `P` brings it back;
//! `/`, `fukuda`, Enter finds the Tochigi day.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::Pty;

/// The tab strip (second row) of the current screen.
fn tabs(pty: &Pty) -> String {
    pty.with_screen(|s| s.rows(0, 80).nth(1).unwrap_or_default())
}

#[test]
fn p_tokyo_enter_shows_tokyo_alone_and_shift_p_brings_everything_back() {
    let mut pty = Pty::started();
    pty.filter_by("tokyo", "Tokyo");
    // The Shizuoka day (27 August) shows nothing of Shizuoka.
    pty.send(b"2");
    pty.wait_text("No events in Tokyo on this day.");
    let text = pty.text();
    assert!(tabs(&pty).contains("[Mon 27 Aug (0)]"), "{text}");
    assert!(!text.contains("Kawakatsu"), "{text}");
    // The Tokyo day (28 August) shows SoftBank.
    pty.send(b"3");
    pty.wait_text("Tokyo headquarters of SoftBank");
    assert!(tabs(&pty).contains("[Tue 28 Aug (2)]"));
    // P: everything is back.
    pty.send(b"P");
    pty.wait_text("all prefectures");
    pty.send(b"2");
    pty.wait_text("Meeting with Shizuoka Governor Heita Kawakatsu");
    assert!(tabs(&pty).contains("[Mon 27 Aug (2)]"), "{}", pty.text());
    pty.send(b"q");
    assert_eq!(pty.wait_exit().0, 0);
    pty.assert_restored();
}

#[test]
fn slash_fukuda_enter_selects_the_tochigi_day() {
    let mut pty = Pty::started();
    pty.send(b"/");
    pty.wait_text("Esc clear");
    pty.send(b"fukuda");
    pty.wait_text("/fukuda");
    pty.send(b"\r");
    pty.wait_text("match 1 of 2");
    assert!(tabs(&pty).contains("[Wed 29 Aug (2)]"), "{}", pty.text());
    assert!(pty.text().contains("Celebration of the 25th anniversary"));
    // `/` opens with the last query; q is a letter in the search line,
    // not quit; Esc clears the search.
    pty.send(b"/q");
    pty.wait_text("/fukudaq");
    pty.send(b"\x1b");
    pty.wait_text("w people");
    pty.send(b"q");
    assert_eq!(pty.wait_exit().0, 0);
}

#[test]
fn esc_and_the_next_key_in_one_read_are_both_taken() {
    let mut pty = Pty::started();
    pty.send(b"p");
    pty.wait_text("Filter by prefecture");
    // Typed fast (or pasted), Esc and `/` arrive together, as Alt-/ would.
    pty.send(b"\x1b/");
    pty.wait_text("Esc clear");
    assert!(
        !pty.text().contains("Filter by prefecture"),
        "{}",
        pty.text()
    );
    pty.send(b"fukuda\r");
    pty.wait_text("match 1 of 2");
    pty.send(b"q");
    assert_eq!(pty.wait_exit().0, 0);
}
