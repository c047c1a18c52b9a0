//! The `.ics` export read by real calendar programs: calcurse, khal and
//! Python's `icalendar` (all installed by `scripts/test-deps.sh`). Each test
//! imports the whole-trip export of the timed fixture and asserts what the
//! program shows: times in the trip's zone, `[cancelled]` and `[tentative]`
//! in the titles, the departure-only stop running up to its departure, the
//! days' titles and notes, the locations.
//!
//! Every program runs with HOME, XDG folders and TMPDIR in a temporary
//! folder, so nothing touches the user's configuration.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::tools;

use std::path::{Path, PathBuf};
use std::process::Command;

/// A temporary home and the whole-trip export of the timed fixture in it,
/// written by the real binary.
struct Setup {
    dir: tempfile::TempDir,
    ics: PathBuf,
}

impl Setup {
    fn new() -> Setup {
        Setup::of("timed-trip.toml")
    }

    /// The whole-trip export of the fixture `name`.
    fn of(name: &str) -> Setup {
        let dir = tempfile::tempdir().unwrap();
        let ics = dir.path().join("trip.ics");
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        let o = crate::common::bin()
            .arg("export")
            .arg(&fixture)
            .args(["--format", "ics", "-o"])
            .arg(&ics)
            .env("SOURCE_DATE_EPOCH", "1546300800")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        Setup { dir, ics }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `program` with a home, XDG folders and TMPDIR of its own, in the
    /// trip's zone unless `tz` says otherwise.
    fn command(&self, program: &Path, tz: &str) -> Command {
        let home = self.path("home");
        std::fs::create_dir_all(&home).unwrap();
        let mut c = Command::new(program);
        c.env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .env("XDG_CACHE_HOME", home.join(".cache"))
            .env("TMPDIR", self.dir.path())
            .env("TZ", tz)
            .env("LC_ALL", "C.UTF-8");
        c
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Runs a command, requires success, returns its standard output.
fn output(c: &mut Command) -> String {
    let o = c.output().unwrap();
    assert!(
        o.status.success(),
        "{c:?} failed: {}{}",
        text(&o.stdout),
        text(&o.stderr)
    );
    text(&o.stdout)
}

/// calcurse, its data in a folder of the setup, with the export imported.
fn calcurse<'a>(s: &'a Setup, tz: &'a str) -> Option<impl Fn(&[&str]) -> String + 'a> {
    let program = tools::tool("calcurse")?;
    let data = s.path(&format!("calcurse-{}", tz.replace('/', "-")));
    std::fs::create_dir_all(&data).unwrap();
    let run = move |args: &[&str]| output(s.command(&program, tz).arg("-D").arg(&data).args(args));
    let report = run(&["-i", s.ics.to_str().unwrap()]);
    // Every event goes in: appointments are the timed ones, events the
    // all-day ones (three days, an untimed meeting, an unscheduled stop).
    assert!(
        report.contains("6 apps / 5 events / 0 todos / 0 skipped"),
        "{report}"
    );
    Some(run)
}

#[test]
fn calcurse_shows_statuses_in_titles_and_the_departure_up_to_its_time() {
    let s = Setup::new();
    let Some(calcurse) = calcurse(&s, "Asia/Tokyo") else {
        return;
    };
    // calcurse ignores STATUS: the title is what says cancelled or tentative.
    assert_eq!(
        calcurse(&["-d", "04/09/2019"]),
        "04/09/19:\n \
         * Courtesy call on the consulate\n \
         * Smart-city planning exchange\n \
         * Yokohama port and Tokyo\n \
         - 09:30 -> 12:00\n\tPort of Yokohama, Honmoku Pier\n \
         - 09:45 -> 10:45\n\tBriefing on container terminal automation\n \
         - 12:00 -> 13:00\n\t[cancelled] Lunch with the Port and Harbor Bureau\n \
         - 14:30 -> 16:00\n\t[tentative] Smart City Office\n"
    );
    // The departure at 11:05 ends then, from the start of the day; the
    // day's title is an event of its own.
    assert_eq!(
        calcurse(&["-d", "04/10/2019"]),
        "04/10/19:\n \
         * Courtesy call on the consulate\n \
         * Departure\n \
         - 00:00 -> 11:05\n\tHaneda Airport\n"
    );
}

#[test]
fn calcurse_keeps_day_notes_descriptions_and_locations() {
    let s = Setup::new();
    let Some(calcurse) = calcurse(&s, "Asia/Tokyo") else {
        return;
    };
    let day = calcurse(&[
        "-Q",
        "--from",
        "04/09/2019",
        "--days",
        "1",
        "--format-apt",
        "%S-%E %m\n%N\n",
        "--format-event",
        "%m\n%N\n",
    ]);
    for shown in [
        // The day's notes, in its own event.
        "Yokohama port and Tokyo\n\tDay 2 of 3.\n\tMorning in Yokohama, afternoon in Tokyo.\n\
         \tBring passports for the port visit.\n",
        // A stop's description and its whole location.
        "09:30-12:00 Port of Yokohama, Honmoku Pier\n\tKind: visit; 09:30–12:00.\n",
        "\tLocation: Port of Yokohama, Honmoku Pier, Honmoku-futo, Naka-ku, Yokohama, Kanagawa\n",
        // A meeting is where its stop is.
        "12:00-13:00 [cancelled] Lunch with the Port and Harbor Bureau\n\
         \tAt Port of Yokohama, Honmoku Pier.\n",
        "\tLocation: Smart City Office, Chiyoda, Tokyo\n",
    ] {
        assert!(
            day.contains(shown),
            "calcurse does not show {shown:?}:\n{day}"
        );
    }
    assert_eq!(
        day.matches("\tLocation: Port of Yokohama, Honmoku Pier, Honmoku-futo")
            .count(),
        3,
        "the stop and its two meetings:\n{day}"
    );
}

#[test]
fn calcurse_in_another_zone_shows_the_same_instants() {
    let s = Setup::new();
    let Some(calcurse) = calcurse(&s, "UTC") else {
        return;
    };
    // 09:30 and 11:05 in Tokyo (UTC+9), seen from UTC: the VTIMEZONE is
    // read. The departure began the day before there (00:00 in Tokyo).
    let day = calcurse(&["-d", "04/09/2019"]);
    assert!(
        day.contains(" - 00:30 -> 03:00\n\tPort of Yokohama, Honmoku Pier\n"),
        "{day}"
    );
    let day = calcurse(&["-d", "04/10/2019"]);
    assert!(
        day.contains(" - ..:.. -> 02:05\n\tHaneda Airport\n"),
        "{day}"
    );
}

/// khal with a configuration and a calendar folder in the setup, the
/// export imported.
fn khal(s: &Setup) -> Option<impl Fn(&[&str]) -> String + '_> {
    let program = tools::tool("khal")?;
    let vdir = s.path("khal/calendar");
    std::fs::create_dir_all(&vdir).unwrap();
    let config = s.path("khal/config");
    std::fs::write(
        &config,
        format!(
            "[calendars]\n[[trip]]\npath = {}\ntype = calendar\n\
             [locale]\ntimeformat = %H:%M\ndateformat = %Y-%m-%d\n\
             longdateformat = %Y-%m-%d\ndatetimeformat = %Y-%m-%d %H:%M\n\
             longdatetimeformat = %Y-%m-%d %H:%M\n\
             local_timezone = Asia/Tokyo\ndefault_timezone = Asia/Tokyo\n\
             [sqlite]\npath = {}\n",
            vdir.display(),
            s.path("khal/khal.db").display()
        ),
    )
    .unwrap();
    let run = move |args: &[&str]| {
        output(
            s.command(&program, "Asia/Tokyo")
                .arg("-c")
                .arg(&config)
                .args(args),
        )
    };
    run(&["import", "--batch", s.ics.to_str().unwrap()]);
    Some(run)
}

#[test]
fn khal_lists_statuses_times_and_locations() {
    let s = Setup::new();
    let Some(khal) = khal(&s) else {
        return;
    };
    let format = "{cancelled}{start-end-time-style} {title} @ {location}";
    assert_eq!(
        khal(&["list", "--format", format, "2019-04-09", "1d"]),
        "Tuesday, 2019-04-09\n\
         ↔ Courtesy call on the consulate @ Courtesy call on the consulate, Tokyo\n \
         Smart-city planning exchange @ Smart City Office, Chiyoda, Tokyo\n \
         Yokohama port and Tokyo @ \n\
         09:30-12:00 Port of Yokohama, Honmoku Pier @ Port of Yokohama, Honmoku Pier, Honmoku-futo, Naka-ku, Yokohama, Kanagawa\n\
         09:45-10:45 Briefing on container terminal automation @ Port of Yokohama, Honmoku Pier, Honmoku-futo, Naka-ku, Yokohama, Kanagawa\n\
         CANCELLED 12:00-13:00 [cancelled] Lunch with the Port and Harbor Bureau @ Port of Yokohama, Honmoku Pier, Honmoku-futo, Naka-ku, Yokohama, Kanagawa\n\
         14:30-16:00 [tentative] Smart City Office @ Smart City Office, Chiyoda, Tokyo\n"
    );
}

#[test]
fn khal_shows_the_departure_up_to_its_time_and_the_days_notes() {
    let s = Setup::new();
    let Some(khal) = khal(&s) else {
        return;
    };
    // The default format, descriptions included. khal makes an event with
    // only a start last an hour: the departure must not start at 11:05.
    assert_eq!(
        khal(&["list", "2019-04-10", "1d"]),
        "Wednesday, 2019-04-10\n\
         ⇥ Courtesy call on the consulate :: Day not known: some time during the trip.\n\
         Kind: visit; time not set.\n\
         Present: Chen Wei 陈伟 (Deputy Director, Ningbo Port Authority)\n \
         Departure :: Day 3 of 3.\n\
         00:00-11:05 Haneda Airport :: Kind: departure; until 11:05.\n\
         Present: Chen Wei 陈伟 (Deputy Director, Ningbo Port Authority); Li Na 李娜 (Interpreter)\n"
    );
    let day = khal(&[
        "list",
        "--format",
        "{title} :: {description}",
        "2019-04-09",
        "1d",
    ]);
    assert!(
        day.contains(
            "Yokohama port and Tokyo :: Day 2 of 3.\nMorning in Yokohama, afternoon in Tokyo.\n\
             Bring passports for the port visit.\n"
        ),
        "{day}"
    );
}

#[test]
fn python_icalendar_reads_every_event_as_the_trip_says() {
    let s = Setup::new();
    let Some(python) = tools::python_with("icalendar") else {
        return;
    };
    let script = r#"
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
for e in cal.walk('VEVENT'):
    start = e.decoded('DTSTART')
    end = e.decoded('DTEND') if 'DTEND' in e else None
    print(start.isoformat(), end.isoformat() if end else '-', e.get('STATUS', '-'),
          '|', e['SUMMARY'], '|', e.get('LOCATION', ''))
"#;
    let shown = output(s.command(&python, "UTC").arg("-c").arg(script).arg(&s.ics));
    assert_eq!(
        shown,
        "2019-04-08 2019-04-09 - | Arrival | \n\
         2019-04-08T15:40:00+09:00 - CONFIRMED | Haneda Airport | Haneda Airport, Ota, Tokyo\n\
         2019-04-09 2019-04-10 - | Yokohama port and Tokyo | \n\
         2019-04-09T09:30:00+09:00 2019-04-09T12:00:00+09:00 CONFIRMED | Port of Yokohama, Honmoku Pier | Port of Yokohama, Honmoku Pier, Honmoku-futo, Naka-ku, Yokohama, Kanagawa\n\
         2019-04-09T09:45:00+09:00 2019-04-09T10:45:00+09:00 CONFIRMED | Briefing on container terminal automation | Port of Yokohama, Honmoku Pier, Honmoku-futo, Naka-ku, Yokohama, Kanagawa\n\
         2019-04-09T12:00:00+09:00 2019-04-09T13:00:00+09:00 CANCELLED | [cancelled] Lunch with the Port and Harbor Bureau | Port of Yokohama, Honmoku Pier, Honmoku-futo, Naka-ku, Yokohama, Kanagawa\n\
         2019-04-09T14:30:00+09:00 2019-04-09T16:00:00+09:00 TENTATIVE | [tentative] Smart City Office | Smart City Office, Chiyoda, Tokyo\n\
         2019-04-09 2019-04-10 CONFIRMED | Smart-city planning exchange | Smart City Office, Chiyoda, Tokyo\n\
         2019-04-10 2019-04-11 - | Departure | \n\
         2019-04-10T00:00:00+09:00 2019-04-10T11:05:00+09:00 CONFIRMED | Haneda Airport | Haneda Airport, Tokyo\n\
         2019-04-08 2019-04-11 CONFIRMED | Courtesy call on the consulate | Courtesy call on the consulate, Tokyo\n"
    );
}

/// The events of the reminders fixture that carry alarms (issue 28).
const REMINDED: [&str; 6] = [
    "Haneda Airport",
    "Port of Yokohama",
    "Briefing on terminal automation",
    "Harbour tour",
    "Smart-city planning exchange",
    "Hotel New Grand",
];

#[test]
fn khal_reads_the_alarms_of_the_timed_events_and_only_those() {
    let s = Setup::of("reminders-trip.toml");
    let Some(program) = tools::tool("khal") else {
        return;
    };
    // Its configuration, and its own import of the file (which must take it).
    if khal(&s).is_none() {
        return;
    }
    // printics shows each event of the file, ⏰ for one with an alarm.
    let config = s.path("khal/config");
    let shown = output(
        s.command(&program, "Asia/Tokyo")
            .arg("-c")
            .arg(&config)
            .args(["printics", "--format", "{title}|{alarm-symbol}"])
            .arg(&s.ics),
    );
    let with: Vec<&str> = shown
        .lines()
        .filter(|l| l.ends_with('⏰'))
        .map(|l| l.split('|').next().unwrap())
        .collect();
    assert_eq!(with, REMINDED, "{shown}");
    assert!(
        shown.contains("[cancelled] Lunch with the Port and Harbor Bureau|\n"),
        "{shown}"
    );
    assert!(shown.starts_with("14 events found"), "{shown}");
}

#[test]
fn calcurse_imports_the_alarms_as_notes_to_notify() {
    let s = Setup::of("reminders-trip.toml");
    let Some(program) = tools::tool("calcurse") else {
        return;
    };
    let data = s.path("calcurse");
    std::fs::create_dir_all(&data).unwrap();
    let report = output(
        s.command(&program, "Asia/Tokyo")
            .arg("-D")
            .arg(&data)
            .arg("-i")
            .arg(&s.ics),
    );
    assert!(
        report.contains("10 apps / 4 events / 0 todos / 0 skipped"),
        "{report}"
    );
    // calcurse marks an appointment with an alarm "!" (notify) in its store.
    let apts = std::fs::read_to_string(data.join("apts")).unwrap();
    let notified: Vec<&str> = apts
        .lines()
        .filter_map(|l| l.split_once(" !").map(|(_, title)| title))
        .collect();
    assert_eq!(notified, REMINDED, "{apts}");
}
