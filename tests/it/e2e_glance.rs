//! The glance view and the person filter through the real binary in a
//! pseudo-terminal, at 80×24 and 160×48.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::{NOW, Pty, Start};

#[test]
fn v_shows_the_days_side_by_side_and_enter_opens_the_event() {
    let mut pty = Pty::started();
    pty.send(b"v");
    pty.wait_text("(day)");
    // --now is Mon 27 Aug: the browser opened on it.
    pty.wait_text(">Mon 27 (2)");
    // l: the next day; Enter: that day in the day view.
    pty.send(b"l");
    pty.wait_text(">Tue 28 (2)");
    pty.send(b"\r");
    pty.wait_for("the day view on Tue 28", |s| {
        let text = s.contents();
        text.contains("[Tue 28 Aug (2)]") && !text.contains("(day)")
    });
}

#[test]
fn the_example_at_160x48_and_the_person_filter() {
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/itineraries/example-trade-mission.toml"
    );
    let mut pty = Pty::start_with(Start {
        cols: 160,
        rows: 48,
        args: &["--now", NOW, example],
        ..Start::default()
    });
    pty.wait_text("Example: Food and machinery");
    pty.send(b"v");
    pty.wait_text("x17:30 Osaka Castle");
    // f, a name in kanji, Enter: only her events, and the header says so.
    pty.send(b"f");
    pty.wait_text("Filter by person");
    pty.send("陈".as_bytes());
    pty.send(b"\r");
    pty.wait_text("filter: Chen Jing");
    pty.send(b"F");
    pty.wait_text("all prefectures");
}
