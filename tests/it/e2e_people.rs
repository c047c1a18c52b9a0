//! The people view through the real binary in a pseudo-terminal: `w`,
//! typing narrows it, Enter lands on the event on its day.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use common::Pty;

#[test]
fn w_narrow_enter_lands_on_the_event() {
    let mut pty = Pty::started();
    pty.send(b"w");
    pty.wait_text("type to narrow: name");
    pty.send("福田".as_bytes());
    pty.wait_text("1 of 5 people, 1 met");
    // Down to his meeting (the arrow as the terminal sends it), then Enter.
    pty.send(b"\x1b[B");
    pty.wait_text("> Wed 29 Aug time not set - With Governor");
    pty.send(b"\r");
    pty.wait_text("[Wed 29 Aug (2)]");
    pty.wait_for("the meeting selected, its details shown", |s| {
        let rows: Vec<String> = s.rows(0, 80).collect();
        rows.iter()
            .any(|r| r.starts_with(">time not set   - With Governor Tomikazu Fukuda"))
            && !rows.iter().any(|r| r.contains("type to narrow"))
    });
}
