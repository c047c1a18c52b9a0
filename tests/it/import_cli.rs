//! `itinerary import` through the real binary: exit statuses, the messages
//! on standard error, `-o` with and without `--force`, and the round trip
//! export → import → export of the bundled trip.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Output;

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/ics")
        .join(name)
}

fn run(args: &[&str]) -> Output {
    crate::common::bin()
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1546300800")
        .output()
        .unwrap()
}

fn import(args: &[&str]) -> Output {
    let mut all = vec!["import"];
    all.extend_from_slice(args);
    run(&all)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn a_calendar_prints_a_trip_and_says_how_its_zone_was_chosen() {
    let cal = corpus("khal/event_rrule_recuid_cancelled.ics");
    let o = import(&[path_str(&cal)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        stderr(&o),
        format!(
            "note: the calendar has no name (NAME or X-WR-CALNAME): the trip's title is the file's, \"event_rrule_recuid_cancelled\"\n\
             note: time zone Europe/Berlin: the TZID of 3 of 3 timed events\n\
             imported 3 events (4 occurrences of repeating events) as 6 stops, 0 meetings on 6 days (2014-06-30 to 2014-08-04), 0 people; written to standard output\n"
        )
    );
    assert!(stdout(&o).contains("[trip]\ntitle    = \"event_rrule_recuid_cancelled\"\n"));
}

#[test]
fn o_writes_the_same_trip_that_check_accepts_and_never_clobbers() {
    let dir = tempfile::tempdir().unwrap();
    let cal = corpus("khal/event_dt_partstat.ics");
    let out = dir.path().join("trip.toml");
    let o = import(&[path_str(&cal), "-o", path_str(&out)]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains(&format!("; wrote to {}", out.display())));
    let written = std::fs::read_to_string(&out).unwrap();
    assert_eq!(written, stdout(&import(&[path_str(&cal)])));
    let check = run(&["check", path_str(&out)]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));

    std::fs::write(&out, "mine").unwrap();
    let o = import(&[path_str(&cal), "-o", path_str(&out)]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).ends_with(&format!(
            "error: {} already exists; choose another name or add --force to overwrite it\n",
            out.display()
        )),
        "{}",
        stderr(&o)
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "mine");
    let o = import(&[path_str(&cal), "-o", path_str(&out), "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), written);
}

#[test]
fn a_file_that_is_not_icalendar_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let toml = Path::new(env!("CARGO_MANIFEST_DIR")).join("itineraries/example-trade-mission.toml");
    let o = import(&[path_str(&toml)]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!(
            "error: {}:1: not an iCalendar file: it begins with \"# An EXAMPLE trip. Every organisation, person and event in i…\", where a calendar begins with BEGIN:VCALENDAR\n",
            toml.display()
        )
    );
    assert_eq!(stdout(&o), "");

    let latin1 = dir.path().join("latin1.ics");
    std::fs::write(&latin1, b"BEGIN:VCALENDAR\r\nSUMMARY:Caf\xe9\r\n").unwrap();
    let o = import(&[path_str(&latin1)]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!(
            "error: {}:2:12: not UTF-8 text, which iCalendar files are; convert it first (for example: iconv -f latin1 -t utf-8)\n",
            latin1.display()
        )
    );

    let empty = dir.path().join("empty.ics");
    std::fs::write(&empty, "").unwrap();
    let o = import(&[path_str(&empty)]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!(
            "error: {} is empty: an iCalendar file begins with BEGIN:VCALENDAR\n",
            empty.display()
        )
    );

    let no_events = dir.path().join("todo.ics");
    std::fs::write(
        &no_events,
        "BEGIN:VCALENDAR\r\nBEGIN:VTODO\r\nSUMMARY:x\r\nEND:VTODO\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    let o = import(&[path_str(&no_events)]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!(
            "warning: {0}:2: VTODO (a to-do) is not carried over: a trip has events only\n\
             error: {0} has no event that can be a stop (a VEVENT with a DTSTART and a SUMMARY or LOCATION); no trip written\n",
            no_events.display()
        )
    );
}

#[test]
fn unreadable_files_and_bad_arguments_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.ics");
    let o = import(&[path_str(&missing)]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "error: cannot read {}: no such file or directory\n",
            missing.display()
        )
    );
    let o = import(&[path_str(dir.path())]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "error: {} is a directory; give the path of an iCalendar (.ics) file\n",
            dir.path().display()
        )
    );
    let cal = corpus("khal/event_d.ics");
    let o = import(&[path_str(&cal), "--from", "2014-04-10", "--to", "2014-04-09"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: --to 2014-04-09 is before --from 2014-04-10; give the first day, then the last\n"
    );
    let o = import(&[path_str(&cal), "--from", "April"]);
    assert_eq!(o.status.code(), Some(2));
    let o = import(&[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("CALENDAR.ics"), "{}", stderr(&o));
}

#[test]
fn a_calendar_longer_than_a_trip_says_to_use_from_and_to() {
    let cal = corpus("calcurse/rfc5545.ical");
    let o = import(&[path_str(&cal)]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).ends_with(&format!(
            "error: the events of {} span 3798 days (1996-11-05 to 2007-03-30), more than the 3660 a trip may have; choose the trip's days with --from DATE and --to DATE\n",
            cal.display()
        )),
        "{}",
        stderr(&o)
    );
    let o = import(&[path_str(&cal), "--from", "1997-09-01", "--to", "1997-09-30"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("start    = 1997-09-01\nend      = 1997-09-30\n"));
    assert!(stderr(&o).contains(
        ": the repeating event has no occurrence on the trip's dates: not carried over\n"
    ));
}

#[test]
fn export_then_import_then_export_gives_the_same_events_through_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.ics");
    let trip = dir.path().join("trip.toml");
    let second = dir.path().join("second.ics");
    let example =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("itineraries/example-trade-mission.toml");
    for source in [None, Some(example.as_path())] {
        let mut args = vec!["export"];
        if let Some(s) = source {
            args.push(path_str(s));
        }
        args.extend(["--format", "ics", "-o", path_str(&first), "--force"]);
        assert_eq!(run(&args).status.code(), Some(0));
        let o = import(&[path_str(&first), "-o", path_str(&trip), "--force"]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let o = run(&[
            "export",
            path_str(&trip),
            "--format",
            "ics",
            "-o",
            path_str(&second),
            "--force",
        ]);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let events = |p: &Path| -> Vec<String> {
            std::fs::read_to_string(p)
                .unwrap()
                .replace("\r\n ", "")
                .lines()
                .filter(|l| {
                    ["SUMMARY", "DTSTART", "DTEND", "STATUS", "UID"]
                        .iter()
                        .any(|k| l.starts_with(k))
                })
                .map(str::to_string)
                .collect()
        };
        let (a, b) = (events(&first), events(&second));
        assert!(a.len() > 10, "{a:?}");
        assert_eq!(a, b, "{source:?}");
    }
}
