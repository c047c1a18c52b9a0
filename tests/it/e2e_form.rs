//! The event form through the real binary in a pseudo-terminal, on a
//! temporary copy of the example: a field changed and saved (Ctrl-S), the
//! people picker (narrowed by a name in kanji, Space toggles), a refused
//! save that keeps the form open, an Alt key that does not close it, a new
//! meeting (`a`), and undo after each giving the bytes back.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::fs;
use std::path::Path;

use common::{NOW, Pty, Start, diff};

const EXAMPLE: &str = include_str!("../../itineraries/example-trade-mission.toml");

fn browse(path: &Path) -> Pty {
    fs::write(path, EXAMPLE).unwrap();
    let pty = Pty::start_with(Start {
        args: &[path.to_str().unwrap(), "--now", NOW],
        ..Start::default()
    });
    pty.wait_text("1 of 5");
    pty
}

/// Opens the form on the first meeting: "Briefing on the Japanese food
/// import market".
fn open_briefing(pty: &mut Pty) {
    pty.send(b"jj");
    pty.wait_text("3 of 5");
    pty.send(b"\r");
    pty.wait_text("Meeting “Briefing");
}

#[test]
fn a_title_typed_in_the_form_changes_its_line_and_undo_gives_the_bytes_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trip.toml");
    let mut pty = browse(&path);
    open_briefing(&mut pty);
    // Ctrl-U clears the title; Ctrl-S saves from any field (Tab to another).
    pty.send(b"\x15Market briefing\t");
    pty.wait_text("Market briefing");
    pty.send(b"\x13");
    pty.wait_text("title of “Market briefing” saved");
    assert_eq!(
        diff(EXAMPLE, &fs::read_to_string(&path).unwrap()),
        [
            "-title     = \"Briefing on the Japanese food import market\"",
            "+title     = \"Market briefing\"",
        ]
    );
    pty.send(b"u");
    pty.wait_text("undone: 0 more to undo");
    assert_eq!(fs::read_to_string(&path).unwrap(), EXAMPLE);
}

#[test]
fn attendees_are_picked_by_a_name_in_kanji_and_undo_gives_the_bytes_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trip.toml");
    let mut pty = browse(&path);
    open_briefing(&mut pty);
    // Title, start, end, status, then the attendees.
    pty.send(b"\t\t\t\t");
    pty.wait_text("find:");
    pty.send("高橋".as_bytes());
    pty.wait_text("find: 高橋");
    pty.wait_text("[ ] Kenichi Takahashi 高橋健一");
    assert!(!pty.text().contains("] Misaki Sato"), "narrowed");
    pty.send(b" ");
    pty.wait_text("[x] Kenichi Takahashi");
    pty.send(b"\x13");
    pty.wait_text("attendees of “Briefing on the Japanese food import market” saved");
    assert_eq!(
        diff(EXAMPLE, &fs::read_to_string(&path).unwrap()),
        [
            "-attendees = [\"chen\", \"wang\", \"li\", \"sato\"]",
            "+attendees = [\"chen\", \"wang\", \"li\", \"sato\", \"takahashi\"]",
        ]
    );
    pty.send(b"u");
    pty.wait_text("undone: 0 more to undo");
    assert_eq!(fs::read_to_string(&path).unwrap(), EXAMPLE);
}

#[test]
fn a_refused_save_keeps_the_form_and_what_was_typed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trip.toml");
    let mut pty = browse(&path);
    open_briefing(&mut pty);
    pty.send(b"\t\t\x1508:00\x13");
    pty.wait_text("meeting ends before it starts (13:15 > 08:00)");
    assert_eq!(fs::read_to_string(&path).unwrap(), EXAMPLE);
    assert!(!pty.text().contains("line "), "no line of a refused text");
    // Alt-B (a word left) is not read as Esc: the form stays.
    pty.send(b"\x1bb");
    pty.send(b"\x1bx");
    pty.send(b"\x019");
    pty.wait_text("908:00");
    // Esc with something changed asks first; n goes back to the form.
    pty.send(b"\x1b");
    pty.wait_text("Drop what was typed?");
    pty.send(b"n");
    pty.wait_for("the question gone", |s| !s.contents().contains("Drop what"));
    pty.send(b"\x1b");
    pty.wait_text("Drop what was typed?");
    pty.send(b"y");
    pty.wait_text("form closed; nothing was written");
    assert_eq!(fs::read_to_string(&path).unwrap(), EXAMPLE);
}

#[test]
fn a_adds_a_meeting_with_the_form_and_undo_removes_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trip.toml");
    let mut pty = browse(&path);
    pty.send(b"a");
    pty.wait_text("New meeting at");
    pty.send(b"Welcome tea\r10:00\r10:20\x13");
    pty.wait_text("meeting “Welcome tea” added");
    let now = fs::read_to_string(&path).unwrap();
    assert!(
        now.contains("title = \"Welcome tea\"\nstart = 10:00\nend   = 10:20\n"),
        "{now}"
    );
    pty.send(b"u");
    pty.wait_text("undone: 0 more to undo");
    assert_eq!(fs::read_to_string(&path).unwrap(), EXAMPLE);
}
