//! The command line as a new user meets it: `--help` of each command reads
//! well and exits 0; a usage mistake exits 2 with clap's sentence and a
//! pointer to `--help`, before anything is loaded or drawn.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::process::{Output, Stdio};

fn run(args: &[&str]) -> Output {
    crate::common::bin()
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn help_names_every_command_and_option() {
    let o = run(&["--help"]);
    assert_eq!(o.status.code(), Some(0));
    let help = text(&o.stdout);
    for part in [
        "Usage: itinerary [OPTIONS] [FILE]",
        "       itinerary <COMMAND>",
        "  check        Validate itinerary files and print every problem found",
        "  export       Export a day (or the whole trip) as Markdown, text, JSON, iCalendar or",
        "  publish      Put the trip on a CalDAV calendar server",
        "  config       Print the config file's path and its problems, or a default config",
        "  completions  Print a shell completion script",
        "  man          Print the man page",
        "[FILE]  Itinerary file to open (default: the config's `trip`, else the bundled",
        "--now <DATETIME>",
    ] {
        assert!(help.contains(part), "{part:?} missing from:\n{help}");
    }
    let check = text(&run(&["check", "--help"]).stdout);
    assert!(
        check.contains("Usage: itinerary check [OPTIONS] [FILES]..."),
        "{check}"
    );
    assert!(check.contains("--deny-warnings"), "{check}");
    let publish = text(&run(&["publish", "--help"]).stdout);
    for part in [
        "Usage: itinerary publish [OPTIONS] --to <URL> [FILE]",
        "ITINERARY_CALDAV_USER and ITINERARY_CALDAV_PASSWORD",
    ] {
        assert!(publish.contains(part), "{part:?} missing from:\n{publish}");
    }
    let export = text(&run(&["export", "--help"]).stdout);
    for part in [
        "--day <DAY>",
        "--prefecture <P>",
        "- ics:  iCalendar (RFC 5545)",
        "-o, --output <PATH>",
        "--force",
    ] {
        assert!(export.contains(part), "{part:?} missing from:\n{export}");
    }
    // export keeps nothing between runs (issue 21): no cache to set.
    assert!(!export.contains("CACHE"), "{export}");
}

#[test]
fn a_usage_mistake_exits_2_and_points_to_help() {
    for args in [
        &["--bogus"][..],
        &["export", "--format", "pdf"],
        &["export", "--day"],
        &["check", "--deny"],
        &["frobnicate", "extra"],
    ] {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(o.stdout.is_empty(), "{args:?}");
        let err = text(&o.stderr);
        assert!(err.starts_with("error: "), "{args:?}: {err}");
        assert!(err.contains("try '--help'"), "{args:?}: {err}");
    }
    let err = text(&run(&["export", "--format", "pdf"]).stderr);
    assert!(
        err.contains("[possible values: md, text, json, ics, html]"),
        "{err}"
    );
}
