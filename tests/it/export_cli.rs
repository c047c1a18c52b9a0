//! `itinerary export` through the real binary: exit statuses, messages, and
//! the file writes (no-clobber, `--force`, unwritable paths), plus the
//! browser's `export::to_dir` with numbered names.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::generate;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use itinerary::export::{self, Selection};
use itinerary::load;
use itinerary::model::{DayRef, Filter};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn run(args: &[&str]) -> Output {
    crate::common::bin()
        .arg("export")
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1546300800")
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// The names in a directory, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn day_3_prints_the_golden_markdown() {
    let o = run(&["--day", "3"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let golden = include_str!("../golden/bundled-day-3.md");
    assert_eq!(stdout(&o), golden);
    assert_eq!(stdout(&run(&["--day", "2018-08-28", "-o", "-"])), golden);
}

#[test]
fn ics_from_the_binary_uses_source_date_epoch() {
    let o = run(&[
        fixture("timed-trip.toml").to_str().unwrap(),
        "--day",
        "2",
        "--format",
        "ics",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), include_str!("../golden/timed-day-2.ics"));
}

#[test]
fn a_day_out_of_range_names_the_valid_range() {
    for day in ["9", "0", "2018-09-01"] {
        let o = run(&["--day", day]);
        assert_eq!(o.status.code(), Some(2));
        assert!(o.stdout.is_empty());
        assert!(
            stderr(&o).contains("give 1–5 or a date from 2018-08-26 to 2018-08-30"),
            "{}",
            stderr(&o)
        );
    }
    assert_eq!(
        stderr(&run(&["--day", "9"])),
        "error: day 9 is not in the trip; give 1–5 or a date from 2018-08-26 to 2018-08-30\n"
    );
}

#[test]
fn every_prefecture_spelling_selects_the_same_events() {
    let expected = stdout(&run(&["--prefecture", "Tokyo", "--format", "json"]));
    assert!(expected.contains("Tokyo headquarters of SoftBank"));
    assert!(!expected.contains("Shizuoka Prefecture\""));
    for spelling in ["tokyo", "Tokyo-to", "東京都", "TOKYO PREFECTURE"] {
        let o = run(&["--prefecture", spelling, "--format", "json"]);
        assert_eq!(o.status.code(), Some(0), "{spelling}: {}", stderr(&o));
        assert_eq!(stdout(&o), expected, "{spelling}");
    }
    let two = stdout(&run(&["--prefecture", "tokyo", "--prefecture", "栃木県"]));
    assert!(two.contains("Tokyo headquarters of SoftBank") && two.contains("Tochigi"));
    assert!(!two.contains("Meeting with the Governor of Shizuoka"));
}

#[test]
fn a_prefecture_the_trip_lacks_lists_the_ones_it_has() {
    let o = run(&["--prefecture", "tokyo", "--prefecture", "大阪府"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    assert_eq!(
        stderr(&o),
        "error: no event of the trip is in \"大阪府\"; the trip has Shizuoka, Tokyo, Tochigi\n"
    );
}

#[test]
fn an_invalid_file_prints_diagnostics_and_exits_1() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.toml");
    std::fs::write(
        &bad,
        "[trip]\ntitle = \"x\"\nstart = 2018-08-26\nend = 2018-08-27\nlead = \"nobody\"\n",
    )
    .unwrap();
    let o = run(&[bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    let err = stderr(&o);
    // The loader words the message; export must pass it on with its place.
    assert!(
        err.starts_with("error: ") && err.contains("\"nobody\""),
        "{err}"
    );
    assert!(err.contains("bad.toml:5:8"), "{err}");
}

#[test]
fn an_unreadable_file_exits_2() {
    let o = run(&["no/such/trip.toml"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("error: cannot read no/such/trip.toml"),
        "{}",
        stderr(&o)
    );
    assert!(o.stdout.is_empty());
}

#[test]
fn an_existing_file_is_kept_without_force_and_replaced_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("day.md");
    std::fs::write(&path, "precious").unwrap();
    let p = path.to_str().unwrap();

    let o = run(&["--day", "3", "-o", p]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!("error: {p} already exists; choose another name or add --force to overwrite it\n")
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "precious");

    let o = run(&["--day", "3", "-o", p, "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        include_str!("../golden/bundled-day-3.md")
    );
    assert_eq!(names(dir.path()), ["day.md"], "no temporary file left");
}

#[test]
fn a_new_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trip.ics");
    let o = run(&["--format", "ics", "-o", path.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
    assert_eq!(names(dir.path()), ["trip.ics"]);
}

#[test]
fn an_unwritable_path_is_a_clear_error_leaving_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing");
    let target = missing.join("day.md");
    let o = run(&["--day", "3", "-o", target.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "error: cannot write {}: directory {} does not exist\n",
            target.display(),
            missing.display()
        )
    );
    assert!(names(dir.path()).is_empty());

    // A parent that is a file, not a directory (root can write anywhere else).
    let file = dir.path().join("plain");
    std::fs::write(&file, "x").unwrap();
    let target = file.join("day.md");
    let o = run(&["--day", "3", "-o", target.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "error: cannot write {}: {} is not a directory\n",
            target.display(),
            file.display()
        )
    );
    assert_eq!(names(dir.path()), ["plain"]);
}

#[test]
fn the_format_follows_the_extension_of_o() {
    let dir = tempfile::tempdir().unwrap();
    let out = |name: &str| dir.path().join(name).to_str().unwrap().to_string();
    for (name, format) in [
        ("trip.ics", "ics"),
        ("trip.json", "json"),
        ("trip.txt", "text"),
        ("TRIP.MD", "md"),
        ("trip", "md"),
    ] {
        let o = run(&["-o", &out(name)]);
        assert_eq!(o.status.code(), Some(0), "{name}: {}", stderr(&o));
        let with_format = run(&["--format", format]);
        assert_eq!(
            std::fs::read_to_string(out(name)).unwrap(),
            stdout(&with_format),
            "{name}"
        );
    }
    assert!(
        std::fs::read_to_string(out("trip.ics"))
            .unwrap()
            .starts_with("BEGIN:VCALENDAR\r\n")
    );
}

#[test]
fn a_format_that_contradicts_the_extension_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let ics = dir.path().join("trip.ics");
    let o = run(&["--format", "json", "-o", ics.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "error: --format json contradicts -o {}, a name for iCalendar (ics); drop --format, \
             or write to {}\n",
            ics.display(),
            dir.path().join("trip.json").display()
        )
    );
    // Checked before the file is read: an unreadable file is not the error.
    let o = run(&[
        "no/such.toml",
        "--format",
        "md",
        "-o",
        ics.to_str().unwrap(),
    ]);
    assert!(
        stderr(&o).starts_with("error: --format md contradicts"),
        "{}",
        stderr(&o)
    );

    let pdf = dir.path().join("trip.pdf");
    let o = run(&["-o", pdf.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "error: cannot tell the format of -o {} from its extension .pdf: the known ones \
             are .md, .txt, .json, .ics and .html; use one of them, or give --format md, text, \
             json, ics or html\n",
            pdf.display()
        )
    );
    assert!(names(dir.path()).is_empty());
    // With --format, any other extension is the user's choice.
    let o = run(&["--format", "md", "-o", pdf.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn a_directory_as_o_gets_the_default_name() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let o = run(&["-o", d]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&["--day", "3", "--format", "ics", "-o", d]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run(&["--day", "unscheduled", "--format", "text", "-o", d]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        names(dir.path()),
        [
            "2018-08-28-zhejiang-provincial-delegation-to-japan.ics",
            "unscheduled-zhejiang-provincial-delegation-to-japan.txt",
            "zhejiang-provincial-delegation-to-japan.md",
        ]
    );
    assert_eq!(
        std::fs::read_to_string(
            dir.path()
                .join("zhejiang-provincial-delegation-to-japan.md")
        )
        .unwrap(),
        stdout(&run(&[]))
    );
    // The name is then like any other: kept without --force.
    let o = run(&["--day", "3", "--format", "ics", "-o", d]);
    assert_eq!(o.status.code(), Some(2));
    let taken = dir
        .path()
        .join("2018-08-28-zhejiang-provincial-delegation-to-japan.ics");
    assert_eq!(
        stderr(&o),
        format!(
            "error: {} already exists; choose another name or add --force to overwrite it\n",
            taken.display()
        )
    );
    let o = run(&["--day", "3", "--format", "ics", "-o", d, "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(names(dir.path()).len(), 3);
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let mut child = crate::common::bin()
        .args(["export", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stderr(&o), "");
}

/// A reader that stops in the middle of a streamed export: the export
/// stops there too, quietly.
#[test]
fn a_pipe_closed_mid_export_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.toml");
    std::fs::write(&file, generate::trip_toml(2_000, 10, 3)).unwrap();
    for format in ["ics", "json"] {
        let mut child = crate::common::bin()
            .arg("export")
            .arg(&file)
            .args(["--format", format])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut head = [0u8; 4096];
        std::io::Read::read_exact(child.stdout.as_mut().unwrap(), &mut head).unwrap();
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{format}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{format}");
    }
}

/// Standard output failing as it is written (a full disk): the message
/// says so, exit 2.
#[test]
fn a_write_failing_mid_export_is_a_clear_error() {
    let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") else {
        return;
    };
    let o = crate::common::bin()
        .arg("export")
        .arg(fixture("timed-trip.toml"))
        .args(["--format", "ics"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o)
            .ends_with("\nerror: cannot write to standard output: no space left on the disk\n"),
        "{}",
        stderr(&o)
    );
}

/// The browser's write: `export::to_dir` with numbered names.
fn numbered(trip: &itinerary::model::Trip, day: DayRef, dir: &Path) -> Result<PathBuf, String> {
    let selection = Selection::of(export::Scope::Day(day), Filter::default());
    let stamp = export::dtstamp(None, None, trip);
    let md = itinerary::cli::Format::Md;
    let programme = export::Programme::full(stamp);
    export::to_dir(
        trip,
        &selection,
        (md, stamp, &programme),
        dir,
        export::Taken::Number,
        None,
    )
}

#[test]
fn to_dir_numbers_instead_of_overwriting() {
    let trip = load::load_str(load::BUNDLED).unwrap().trip;
    let dir = tempfile::tempdir().unwrap();
    let mut written = Vec::new();
    for _ in 0..3 {
        let path = numbered(&trip, DayRef::Day(2), dir.path()).unwrap();
        written.push(path.file_name().unwrap().to_string_lossy().into_owned());
    }
    assert_eq!(
        written,
        [
            "2018-08-28-zhejiang-provincial-delegation-to-japan.md",
            "2018-08-28-zhejiang-provincial-delegation-to-japan-2.md",
            "2018-08-28-zhejiang-provincial-delegation-to-japan-3.md",
        ]
    );
    assert_eq!(names(dir.path()), {
        let mut w = written.clone();
        w.sort();
        w
    });
    let md = export::markdown(&trip, &Selection::day(DayRef::Day(2)));
    for name in &written {
        assert_eq!(std::fs::read_to_string(dir.path().join(name)).unwrap(), md);
    }
    let path = numbered(&trip, DayRef::Unscheduled, dir.path()).unwrap();
    assert!(path.ends_with("unscheduled-zhejiang-provincial-delegation-to-japan.md"));
}

#[test]
fn to_dir_takes_no_path_from_the_file() {
    let mut trip = load::load_str(load::BUNDLED).unwrap().trip;
    trip.title = "../../escape/..".into();
    let dir = tempfile::tempdir().unwrap();
    let path = numbered(&trip, DayRef::Day(0), dir.path()).unwrap();
    assert_eq!(path, dir.path().join("2018-08-26-escape.md"));
    let gone = dir.path().join("gone");
    let err = numbered(&trip, DayRef::Day(0), &gone).unwrap_err();
    assert_eq!(
        err,
        format!(
            "cannot write in {}: it does not exist; create it, or give another folder",
            gone.display()
        )
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_with_force_replaces_its_target_and_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.md");
    let link = dir.path().join("link.md");
    std::fs::write(&real, "old").unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let o = run(&["--day", "3", "-o", link.to_str().unwrap()]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "a link to a file is an existing file"
    );
    let o = run(&["--day", "3", "-o", link.to_str().unwrap(), "--force"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    assert_eq!(
        std::fs::read_to_string(&real).unwrap(),
        include_str!("../golden/bundled-day-3.md")
    );
    assert_eq!(names(dir.path()), ["link.md", "real.md"]);
}

/// Only regular files are written (issue 23): a pipe or a device as `-o`
/// is refused at once, and left as it was; `-o -` and a redirection is the
/// way to write into one. Before, a pipe nobody read hung the export.
#[cfg(unix)]
#[test]
fn a_fifo_or_a_device_as_output_is_refused_at_once() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    assert!(
        Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    // Nobody reads the pipe: an export that opened it would wait forever.
    let o = run(&["--day", "3", "-o", fifo.to_str().unwrap(), "--force"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "error: cannot write {0}: it is a named pipe (FIFO), not a regular file; only \
             regular files are written (to write into it, give -o - and redirect: > {0})\n",
            fifo.display()
        )
    );
    assert!(fifo.metadata().unwrap().file_type().is_fifo());
    assert_eq!(names(dir.path()), ["pipe"]);
    let o = run(&["--day", "3", "-o", "/dev/null"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("/dev/null: it is a device, not a regular file"));
}

#[test]
fn today_and_tomorrow_are_days_in_the_trips_zone_now() {
    let golden = include_str!("../golden/bundled-day-3.md");
    let o = run(&["--day", "today", "--now", "2018-08-28T10:00"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), golden);
    let o = run(&["--day", "tomorrow", "--now", "2018-08-27 23:59"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o), golden);

    let o = run(&["--day", "tomorrow", "--now", "2018-08-30T08:00"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: tomorrow is 2018-08-31 in Asia/Tokyo, outside the trip (2018-08-26 to \
         2018-08-30); give 1–5 or a date from 2018-08-26 to 2018-08-30\n"
    );
    assert!(o.stdout.is_empty());
    // Without --now, the clock: the bundled trip is long over.
    let o = run(&["--day", "today"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.starts_with("error: today is 2"), "{err}");
    assert!(
        err.contains(" in Asia/Tokyo, outside the trip (2018-08-26 to 2018-08-30)"),
        "{err}"
    );

    let o = run(&["--day", "today", "--now", "soon"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: invalid value 'soon' for '--now <DATETIME>': not a date-time; write it as 2018-08-28T10:00\n\nFor more information, try '--help'.\n"
    );
}

#[test]
fn person_by_id_or_any_part_of_a_name_in_either_script_keeps_their_events() {
    let golden = include_str!("../golden/bundled-fukuda.md");
    for who in ["fukuda", "福田", "Tomikazu", "tomikazu fukuda", "富一"] {
        let o = run(&["--person", who]);
        assert_eq!(o.status.code(), Some(0), "{who}: {}", stderr(&o));
        assert_eq!(stdout(&o), golden, "{who}");
        assert_eq!(stderr(&o), "", "{who}");
    }
    assert!(golden.contains("Only events with Tomikazu Fukuda."));
    assert!(
        golden.ends_with(
            "Totals: 1 stop, 1 meeting, 1 person met (1 host), 1 prefecture (Tochigi).\n"
        )
    );
}

#[test]
fn person_combines_with_day_and_prefecture_and_repeats() {
    let o = run(&[
        "--person",
        "yuan",
        "--prefecture",
        "tokyo",
        "--format",
        "text",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("Only events in Tokyo with Yuan Jiajun."),
        "{out}"
    );
    assert!(
        out.ends_with("Totals: 1 stop, 1 meeting, 1 person met (1 host), 1 prefecture (Tokyo).\n"),
        "{out}"
    );
    let o = run(&["--person", "son", "--day", "2", "--format", "text"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("\n\nNothing with Masayoshi Son.\n\n"));
    assert!(stdout(&o).ends_with("Totals: 0 stops, 0 meetings, 0 people met, 0 prefectures.\n"));
    // Repeated: the events of either.
    let o = run(&["--person", "son", "--person", "川勝"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("Only events with Masayoshi Son or Heita Kawakatsu."));
    assert!(out.ends_with(
        "Totals: 2 stops, 2 meetings, 2 people met (2 hosts), 2 prefectures (Shizuoka, Tokyo).\n"
    ), "{out}");
}

#[test]
fn an_unknown_person_exits_2_and_suggests_the_closest() {
    let o = run(&["--person", "Fukada"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stdout(&o), "");
    assert_eq!(
        stderr(&o),
        "error: no one in the trip is called \"Fukada\" (did you mean Tomikazu Fukuda, fukuda?); \
         give a person id (yuan, kawakatsu, jack-ma, son, fukuda) or part of a name\n"
    );
    let o = run(&["--person", "yuan", "--person", "nobody"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: no one in the trip is called \"nobody\"; \
         give a person id (yuan, kawakatsu, jack-ma, son, fukuda) or part of a name\n"
    );
}

#[test]
fn person_in_a_calendar_keeps_only_their_own_events() {
    // Fukuda is at the ceremony and its meeting: the day's own event and
    // those two; a stop of his only by a meeting would not be his event.
    let o = run(&["--person", "fukuda", "--format", "ics"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let summaries: Vec<String> = stdout(&o)
        .replace("\r\n ", "")
        .lines()
        .filter_map(|l| l.strip_prefix("SUMMARY:"))
        .map(String::from)
        .collect();
    assert_eq!(
        summaries,
        [
            "Tochigi: 25th anniversary of friendship",
            "Celebration of the 25th anniversary of the Zhejiang–Tochigi friendship",
            "With Governor Tomikazu Fukuda at the 25th anniversary celebration",
        ]
    );
}
