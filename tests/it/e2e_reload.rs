//! Live reload through the real binary in a pseudo-terminal: the browser
//! follows its file as an editor saves it, keeps the last good version
//! through a broken save, and shows the diagnostics on `!`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common;

use std::fs;
use std::path::Path;

use common::{NOW, Pty, Start};

const TRIP: &str = include_str!("../fixtures/live-trip.toml");

fn titled(title: &str) -> String {
    TRIP.replacen(
        "title    = \"Test trip\"",
        &format!("title    = \"{title}\""),
        1,
    )
}

/// Saves as most editors do: a new file renamed over the old one.
fn save(path: &Path, text: &str) {
    let tmp = path.with_extension("toml.swp");
    fs::write(&tmp, text).unwrap();
    fs::rename(&tmp, path).unwrap();
}

/// The browser on a temporary copy of the fixture.
fn browse(path: &Path) -> Pty {
    fs::write(path, TRIP).unwrap();
    let pty = Pty::start_with(Start {
        args: &[path.to_str().unwrap(), "--now", NOW],
        ..Start::default()
    });
    pty.wait_text("Test trip");
    pty
}

#[test]
fn saves_show_up_a_broken_one_keeps_the_old_trip_and_explains_itself() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trip.toml");
    let mut pty = browse(&path);

    save(&path, &titled("Edited trip"));
    pty.wait_text("Edited trip");
    pty.wait_text("reloaded at ");

    // Written in place, as some editors do: truncate, then write.
    let broken = titled("Broken trip").replacen("end   = 11:45", "end   = ", 1);
    fs::write(&path, broken).unwrap();
    pty.wait_text("file has errors — showing the version of ");
    let screen = pty.text();
    // At 80 columns the message is cut at a word, and ? help keeps its room.
    assert!(screen.contains("(line 31:9...   ? help"), "{screen}");
    assert!(
        screen.contains("Edited trip"),
        "the old trip stays:\n{screen}"
    );
    assert!(!screen.contains("Broken trip"), "{screen}");

    // A key does not take the warning away. (Which event is selected
    // before it is not this test's business: read it, then expect the next.)
    let at = |text: &str| {
        (1..=5)
            .find(|n| text.contains(&format!("{n} of 5")))
            .unwrap_or(0)
    };
    let before = at(&pty.text());
    assert!((1..5).contains(&before), "{}", pty.text());
    pty.send(b"j");
    pty.wait_text(&format!("{} of 5", before + 1));
    assert!(pty.text().contains("file has errors"), "{}", pty.text());

    pty.send(b"!");
    pty.wait_text("error: string values must be quoted");
    pty.wait_text("trip.toml:31:9");
    pty.wait_text("31 | end   =");
    pty.send(b"\x1b");
    pty.wait_for("the diagnostics pane to close", |s| {
        !s.contents().contains("error: string values")
    });

    save(&path, &titled("Fixed trip"));
    pty.wait_for("the fixed trip without the warning", |s| {
        let text = s.contents();
        text.contains("Fixed trip") && !text.contains("file has errors")
    });
    pty.wait_text("reloaded at ");

    pty.send(b"q");
    assert_eq!(pty.wait_exit().0, 0);
    pty.assert_restored();
}

#[test]
fn a_deleted_file_is_waited_for_and_r_reloads_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trip.toml");
    let mut pty = browse(&path);

    fs::remove_file(&path).unwrap();
    pty.wait_text("file is gone — showing the version of ");
    assert!(pty.text().contains("Test trip"), "{}", pty.text());

    fs::write(&path, titled("Back again")).unwrap();
    pty.wait_for("the file picked up again", |s| {
        let text = s.contents();
        text.contains("Back again") && !text.contains("file is gone")
    });

    // `r` reports even when nothing changed.
    pty.send(b"j");
    pty.wait_for("the message cleared", |s| {
        !s.contents().contains("reloaded at")
    });
    pty.send(b"r");
    pty.wait_text("reloaded at ");

    pty.send(b"q");
    assert_eq!(pty.wait_exit().0, 0);
    pty.assert_restored();
}

#[test]
fn r_on_the_bundled_trip_says_there_is_nothing_to_reload() {
    let mut pty = Pty::started();
    pty.send(b"r");
    pty.wait_text("the bundled trip is built in; there is no file to reload");
    pty.send(b"q");
    assert_eq!(pty.wait_exit().0, 0);
}

/// `--home-zone` is the person's word over the file's, for every version
/// of the file, not only the first: a zone, and `none`, outlive a save.
#[test]
fn the_home_zone_from_the_command_line_survives_a_reload() {
    let trip = |title: &str| {
        include_str!("../fixtures/now-next.toml").replacen(
            "title = \"Berlin, followed from New York\"",
            &format!("title = \"{title}\""),
            1,
        )
    };
    // The file's own home zone is New York; each run asks for another.
    for (zone, now_line) in [
        (
            "Asia/Tokyo",
            "Now Talks with the First Mayor until 11:30 (19:30 Tokyo)",
        ),
        ("none", "Now Talks with the First Mayor until 11:30 "),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("trip.toml");
        fs::write(&path, trip("Before the save")).unwrap();
        let mut pty = Pty::start_with(Start {
            cols: 140,
            rows: 30,
            args: &[
                "--now",
                "2026-03-20T10:45",
                "--home-zone",
                zone,
                path.to_str().unwrap(),
            ],
            ..Start::default()
        });
        let shown = |title: &'static str| {
            move |s: &vt100::Screen| {
                let text = s.contents();
                text.contains(title) && text.contains(now_line) && !text.contains("New York")
            }
        };
        pty.wait_for(
            &format!("--home-zone {zone} on the first version"),
            shown("Before the save"),
        );
        save(&path, &trip("After the save"));
        pty.wait_for(
            &format!("--home-zone {zone} on the saved version"),
            shown("After the save"),
        );
        pty.send(b"q");
        assert_eq!(pty.wait_exit().0, 0);
    }
}
