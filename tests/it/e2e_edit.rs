//! Editing from the browser through the real binary in a pseudo-terminal,
//! on a temporary copy of the example: the file changes by exactly the
//! lines the keys edit, undo gives back its bytes, and `E` hands the
//! terminal to `$EDITOR` and comes back on the saved file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::fs;
use std::path::Path;

use common::{NOW, Pty, Start, diff};

const EXAMPLE: &str = include_str!("../../itineraries/example-trade-mission.toml");

/// The browser on a copy of the example, with `env`; opens on its first day.
fn browse(path: &Path, env: &[(&str, &str)]) -> Pty {
    fs::write(path, EXAMPLE).unwrap();
    let pty = Pty::start_with(Start {
        args: &[path.to_str().unwrap(), "--now", NOW],
        env,
        ..Start::default()
    });
    pty.wait_text("1 of 5");
    pty
}

#[test]
fn status_slip_and_outcome_change_only_their_lines_and_undo_gives_the_bytes_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trip.toml");
    let mut pty = browse(&path, &[]);
    // The first meeting: "Briefing on the Japanese food import market".
    pty.send(b"jj");
    pty.wait_text("3 of 5");
    pty.send(b"s");
    pty.wait_text("is now tentative");
    pty.send(b">");
    pty.wait_text("moved 15 min later");
    pty.send(b"o");
    pty.wait_text("Outcome of");
    // Ctrl-U clears the line; then the new outcome, Enter.
    pty.send(b"\x15Pilot order agreed");
    pty.wait_text("> Pilot order agreed");
    pty.send(b"\r");
    pty.wait_text("saved");
    assert_eq!(
        diff(EXAMPLE, &fs::read_to_string(&path).unwrap()),
        [
            "-start     = 13:15",
            "-end       = 14:00",
            "+start     = 13:30",
            "+end       = 14:15",
            "-outcome   = \"The office will send a summary of labelling rules for tea and processed food.\"",
            "+outcome   = \"Pilot order agreed\"",
            "+status    = \"tentative\"",
        ]
    );
    pty.assert_browsing();

    pty.send(b"u");
    pty.wait_text("undone: 2 more to undo");
    pty.send(b"u");
    pty.wait_text("undone: 1 more to undo");
    pty.send(b"u");
    pty.wait_text("undone: 0 more to undo");
    assert_eq!(fs::read_to_string(&path).unwrap(), EXAMPLE);
    // The browser wrote each version itself: none came back as a reload.
    assert!(!pty.text().contains("reloaded at"), "{}", pty.text());
}

#[test]
fn read_only_refuses_an_edit_and_leaves_the_file_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trip.toml");
    fs::write(&path, EXAMPLE).unwrap();
    let mut pty = Pty::start_with(Start {
        args: &[path.to_str().unwrap(), "--now", NOW, "--read-only"],
        ..Start::default()
    });
    pty.wait_text("1 of 5");
    pty.send(b"s");
    pty.wait_text("opened with --read-only");
    assert_eq!(fs::read_to_string(&path).unwrap(), EXAMPLE);
}

#[test]
fn e_runs_the_editor_at_the_events_line_and_comes_back_on_the_saved_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trip.toml");
    let args = dir.path().join("args");
    let editor = dir.path().join("editor.sh");
    // Records its arguments, appends a comment, as a person saving would.
    fs::write(
        &editor,
        format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > '{}'\nprintf '# seen in the editor\\n' >> \"$2\"\n",
            args.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(&editor, fs::Permissions::from_mode(0o755)).unwrap();
    let editor = editor.to_str().unwrap();
    let mut pty = browse(&path, &[("VISUAL", ""), ("EDITOR", editor)]);
    pty.send(b"jj");
    pty.wait_text("3 of 5");
    pty.send(b"E");
    pty.wait_text("reloaded at");
    assert_eq!(
        fs::read_to_string(&args).unwrap(),
        format!("+124\n{}\n", path.display())
    );
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        format!("{EXAMPLE}# seen in the editor\n")
    );
    pty.assert_browsing();
    // The selection stayed, and the keys still reach the browser.
    assert!(pty.text().contains("3 of 5"), "{}", pty.text());
    pty.send(b"j");
    pty.wait_text("4 of 5");
    // An edit after it starts from the reloaded text: the comment stays.
    pty.send(b"s");
    pty.wait_text("is now tentative");
    assert!(
        fs::read_to_string(&path)
            .unwrap()
            .ends_with("# seen in the editor\n")
    );
}

#[test]
fn a_paste_into_the_outcome_is_text_line_breaks_and_all() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trip.toml");
    let mut pty = browse(&path, &[]);
    pty.send(b"jj");
    pty.wait_text("3 of 5");
    pty.send(b"o\x15");
    pty.wait_text("Outcome of");
    // As a terminal sends a bracketed paste: the line break and the
    // letters in it are text, not Enter and keys.
    pty.send(b"\x1b[200~Pilot order\nagreed; D s q\x1b[201~");
    pty.wait_text("> Pilot order agreed; D s q");
    pty.send(b"\r");
    pty.wait_text("saved");
    assert_eq!(
        diff(EXAMPLE, &fs::read_to_string(&path).unwrap()),
        [
            "-outcome   = \"The office will send a summary of labelling rules for tea and processed food.\"",
            "+outcome   = \"Pilot order agreed; D s q\"",
        ]
    );
    pty.send(b"q");
    pty.wait_exit();
    pty.assert_restored();
}

/// Issue 22, item 1: at 50x12 the screen says only "terminal too small";
/// `D`, `y` and `s` typed there must neither ask nor write.
#[test]
fn keys_do_nothing_while_the_terminal_is_too_small_but_q_quits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trip.toml");
    let mut pty = browse(&path, &[]);
    pty.send(b"jj");
    pty.wait_text("3 of 5");
    pty.resize(50, 12);
    pty.wait_text("terminal too small");
    pty.send(b"Dys>");
    // Nothing on screen says the keys were read (that is the point), and
    // the resize's signal could overtake them: give the reader a moment.
    std::thread::sleep(std::time::Duration::from_millis(500));
    pty.resize(80, 24);
    pty.wait_text("3 of 5");
    // A key after them: once its answer shows, the ones before were read.
    pty.send(b"w");
    pty.wait_text("People");
    assert_eq!(fs::read_to_string(&path).unwrap(), EXAMPLE);
    assert!(!pty.text().contains("Delete"), "{}", pty.text());
    pty.send(b"\x1b");
    pty.resize(50, 12);
    pty.wait_text("terminal too small");
    pty.send(b"q");
    let (status, _) = pty.wait_exit();
    assert_eq!(status, 0);
}
