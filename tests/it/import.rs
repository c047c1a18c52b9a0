//! `import` as a library: every calendar of khal's and calcurse's test
//! suites (tests/ics) gives a trip `check` accepts, with its report of what
//! was not carried over as a snapshot; golden trip files for a few; the
//! round trip export → import → export on the bundled and the example trip;
//! mutated calendars never panic and never give a file `check` refuses.
//!
//! Regenerate the golden files with `UPDATE_GOLDEN=1 cargo test --test import`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::common::golden as common_golden;

use std::path::{Path, PathBuf};

use chrono::DateTime;
use itinerary::export::{self, Selection};
use itinerary::import::{self, Failure, Window};
use itinerary::load;
use proptest::prelude::*;

fn corpus() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ics");
    let mut files: Vec<PathBuf> = ["khal", "calcurse"]
        .iter()
        .flat_map(|d| std::fs::read_dir(root.join(d)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().is_some_and(|n| n != "COPYING"))
        .collect();
    files.sort();
    files
}

fn shown(path: &Path) -> String {
    let dir = path
        .parent()
        .unwrap()
        .file_name()
        .unwrap()
        .to_string_lossy();
    format!("{dir}/{}", path.file_name().unwrap().to_string_lossy())
}

fn import_file(path: &Path) -> Result<import::Imported, (Failure, import::Report)> {
    let bytes = std::fs::read(path).unwrap();
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    import::import(&bytes, &name, Window::default())
}

/// The golden file `tests/golden/import/NAME`.
fn golden(name: &str, actual: &str) {
    common_golden::golden(&format!("import/{name}"), actual);
}

/// Every corpus calendar: the trip loads as `check` loads it (or the
/// refusal says why), and the whole report is one reviewed snapshot.
#[test]
fn every_corpus_calendar_gives_a_trip_check_accepts() {
    let mut all = String::new();
    for path in corpus() {
        let name = shown(&path);
        match import_file(&path) {
            Ok(i) => {
                let loaded = load::load_str(&i.toml).unwrap_or_else(|d| {
                    panic!("{name}: the trip does not load: {d:?}\n{}", i.toml)
                });
                let events: usize = loaded.trip.days.iter().map(|d| d.stops.len()).sum();
                all.push_str(&format!(
                    "== {name}: {} days, {events} dated stops, {} unscheduled, {} people\n",
                    loaded.trip.days.len(),
                    loaded.trip.unscheduled.len(),
                    loaded.trip.people.len()
                ));
                all.push_str(&import::report_text(&name, &i.report));
            }
            Err((failure, report)) => {
                all.push_str(&format!("== {name}: refused\n"));
                all.push_str(&import::report_text(&name, &report));
                all.push_str(&import::failure_text(&name, &failure, Window::default()));
            }
        }
    }
    insta::assert_snapshot!("corpus_reports", all);
}

#[test]
fn calendars_longer_than_a_trip_import_with_from_and_to() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ics/calcurse/rfc5545.ical");
    let bytes = std::fs::read(&path).unwrap();
    let date = |s: &str| s.parse().ok();
    let window = Window {
        from: date("1997-09-01"),
        to: date("1997-09-30"),
        timezone: None,
    };
    let i = import::import(&bytes, "rfc5545.ical", window).unwrap();
    let trip = load::load_str(&i.toml).unwrap().trip;
    assert_eq!(
        (trip.start.to_string(), trip.end.to_string()),
        ("1997-09-01".into(), "1997-09-30".into())
    );
    let outside = i
        .report
        .lost
        .iter()
        .filter(|(_, w)| {
            w.contains("outside the dates of --from and --to")
                || w.contains("no occurrence on the trip's dates")
        })
        .count();
    assert_eq!(
        outside + i.draft.events,
        33,
        "every event is carried over or said to be outside"
    );
}

#[test]
fn golden_trip_files() {
    for file in [
        "khal/event_dt_partstat.ics",
        "khal/cal_lots_of_timezones.ics",
        "khal/tz_windows_format.ics",
        "khal/event_rrule_recuid_cancelled.ics",
        "calcurse/ical-009.ical",
        "calcurse/ical-014.ical",
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/ics")
            .join(file);
        let i = import_file(&path).unwrap();
        let name = path
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace('.', "_");
        golden(&format!("{name}.toml"), &i.toml);
    }
}

fn stamp() -> DateTime<chrono::Utc> {
    DateTime::from_timestamp(1_546_300_800, 0).unwrap()
}

/// SUMMARY, DTSTART, DTEND and STATUS of every VEVENT, read by the `ical`
/// crate (not by import's own reader), in file order.
fn events_of(ics: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for cal in ical::IcalParser::new(std::io::BufReader::new(ics.as_bytes())) {
        for e in cal.unwrap().events {
            let field = |name: &str| {
                e.properties
                    .iter()
                    .find(|p| p.name == name)
                    .map(|p| {
                        let params = p.params.clone().unwrap_or_default();
                        format!("{params:?}:{}", p.value.clone().unwrap_or_default())
                    })
                    .unwrap_or_default()
            };
            let mut row = ["SUMMARY", "DTSTART", "DTEND", "STATUS"]
                .map(field)
                .to_vec();
            // Its reminders: the TRIGGER of each VALARM.
            let mut triggers: Vec<String> = e
                .alarms
                .iter()
                .flat_map(|a| &a.properties)
                .filter(|p| p.name == "TRIGGER")
                .map(|p| p.value.clone().unwrap_or_default())
                .collect();
            triggers.sort();
            row.push(triggers.join(" "));
            out.push(row);
        }
    }
    out
}

fn round_trip(toml: &str, name: &str) {
    let trip = load::load_str(toml).unwrap().trip;
    let all = Selection::trip();
    let first = export::ics(&trip, &all, stamp());
    let imported = import::import(first.as_bytes(), name, Window::default()).unwrap();
    let again = load::load_str(&imported.toml).unwrap().trip;
    let second = export::ics(&again, &all, stamp());
    let (a, b) = (events_of(&first), events_of(&second));
    assert!(!a.is_empty());
    assert_eq!(a, b, "{name}: the events changed in the round trip");
    // The round trip keeps the trip's shape too: the same stops and meetings.
    let shape = |t: &itinerary::model::Trip| {
        t.days
            .iter()
            .map(|d| {
                let stops: Vec<_> = d
                    .stops
                    .iter()
                    .map(|s| (s.place.clone(), s.status, s.meetings.len()))
                    .collect();
                (d.date, d.title.clone(), d.notes.clone(), stops)
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(shape(&trip), shape(&again));
    assert_eq!(trip.unscheduled.len(), again.unscheduled.len());
    assert_eq!((trip.start, trip.end), (again.start, again.end));
    // The zone travels with the times: a trip without one (the bundled
    // trip) comes back in UTC, which changes none of its all-day events.
    let timed = trip
        .days
        .iter()
        .flat_map(|d| &d.stops)
        .any(|s| s.arrive.is_some());
    if timed {
        assert_eq!(trip.timezone, again.timezone);
    }
}

#[test]
fn export_import_export_gives_the_same_events_for_the_bundled_trip() {
    round_trip(load::BUNDLED, "zhejiang.ics");
}

#[test]
fn export_import_export_keeps_the_reminders() {
    // The example trip with reminders at each level: the trip's, a stop's
    // own, a meeting's own and a meeting's `[]` (issue 28).
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("itineraries/example-trade-mission.toml"),
    )
    .unwrap();
    let mut meetings = 0;
    let text: String = text
        .lines()
        .map(|l| {
            let extra = match l {
                "[trip]" => "\nreminders = [\"15m\", \"1d\"]",
                "[[day.stop.meeting]]" => {
                    meetings += 1;
                    match meetings {
                        1 => "\nreminders = []",
                        2 => "\nreminders = [\"5m\"]",
                        _ => "",
                    }
                }
                _ => "",
            };
            format!("{l}{extra}\n")
        })
        .collect();
    let trip = load::load_str(&text).unwrap().trip;
    let first = export::ics(&trip, &Selection::trip(), stamp());
    assert!(first.contains("TRIGGER:-PT5M\r\n"), "{first}");
    round_trip(&text, "example.ics");
    // No VALARM of the export is reported as lost.
    let imported = import::import(first.as_bytes(), "example.ics", Window::default()).unwrap();
    let report = import::report_text("example.ics", &imported.report);
    assert!(!report.contains("VALARM"), "{report}");
}

#[test]
fn export_import_export_gives_the_same_events_for_the_example_trip() {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("itineraries/example-trade-mission.toml"),
    )
    .unwrap();
    round_trip(&text, "example.ics");
    let trip = load::load_str(&text).unwrap().trip;
    let first = export::ics(&trip, &Selection::trip(), stamp());
    let imported = import::import(
        first.as_bytes(),
        "example-trade-mission.ics",
        Window::default(),
    )
    .unwrap();
    golden("example-trade-mission.toml", &imported.toml);
}

/// The calendars the mutations start from: a few of the corpus and an export.
fn seeds() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ics");
    let mut seeds: Vec<String> = [
        "khal/cal_lots_of_timezones.ics",
        "khal/event_dt_partstat.ics",
        "khal/non_dst_error.ics",
        "calcurse/ical-009.ical",
    ]
    .iter()
    .map(|f| std::fs::read_to_string(root.join(f)).unwrap())
    .collect();
    let trip = load::load_str(load::BUNDLED).unwrap().trip;
    seeds.push(export::ics(&trip, &Selection::trip(), stamp()));
    seeds
}

/// Pieces that make the reader and the conversion take their odd paths.
const TOKENS: &[&str] = &[
    "\r\n",
    "\n",
    "\n ",
    "\r\n\t",
    ":",
    ";",
    "=",
    ",",
    "\"",
    "\\",
    "\\n",
    "\\,",
    "Z",
    "T",
    "BEGIN:VEVENT\r\n",
    "END:VEVENT\r\n",
    "END:VCALENDAR\r\n",
    "BEGIN:VTIMEZONE\r\n",
    "BEGIN:VALARM\r\n",
    "END:STANDARD\r\n",
    "DTSTART:",
    "DTEND;VALUE=DATE:",
    "DTSTART;TZID=Europe/Berlin:",
    "DTSTART;TZID=Tokyo Standard Time:20180828T100000\r\n",
    "DURATION:P99999999999W\r\n",
    "DURATION:-PT30M\r\n",
    "99991231T235959",
    "00000101",
    "20180230",
    "20180325T023000",
    "TZOFFSETTO:+2500\r\n",
    "RRULE:FREQ=YEARLY;BYDAY=-9SU\r\n",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=5SU\r\n",
    "STATUS:CANCELLED\r\n",
    "[cancelled] ",
    "[tentative] ",
    "ATTENDEE;CN=",
    "ATTENDEE;PARTSTAT=DECLINED:mailto:x@y\r\n",
    "ORGANIZER:mailto:\r\n",
    "LOCATION:",
    ", Tokyo",
    ", 静岡県",
    "SUMMARY:",
    "X-WR-TIMEZONE:",
    "\u{0}",
    "\u{7}",
    "\u{1b}[31m",
    "\u{feff}",
    "袁",
    "\u{301}",
    "[people.x]\n",
];

#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, usize),
    Delete(usize, usize),
    DuplicateLine(usize),
    Byte(usize, u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(at, t)| Edit::Insert(at, t)),
        (any::<usize>(), 0usize..40).prop_map(|(at, n)| Edit::Delete(at, n)),
        any::<usize>().prop_map(Edit::DuplicateLine),
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Edit::Byte(at, b)),
    ]
}

fn mutate(seed: &str, edits: &[Edit]) -> Vec<u8> {
    let mut bytes = seed.as_bytes().to_vec();
    for e in edits {
        let len = bytes.len().max(1);
        match *e {
            Edit::Insert(at, t) => {
                let at = at % len;
                bytes.splice(at..at, TOKENS[t].bytes());
            }
            Edit::Delete(at, n) => {
                let at = at % len;
                let end = (at + n).min(bytes.len());
                bytes.drain(at.min(end)..end);
            }
            Edit::DuplicateLine(at) => {
                let at = at % len;
                let start = bytes[..at.min(bytes.len())]
                    .iter()
                    .rposition(|b| *b == b'\n')
                    .map_or(0, |i| i + 1);
                let end = bytes[start..]
                    .iter()
                    .position(|b| *b == b'\n')
                    .map_or(bytes.len(), |i| start + i + 1);
                let line = bytes[start..end].to_vec();
                bytes.splice(start..start, line);
            }
            Edit::Byte(at, b) => {
                if !bytes.is_empty() {
                    let at = at % bytes.len();
                    bytes[at] = b;
                }
            }
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Nothing panics, and whatever import writes, `check` accepts.
    #[test]
    fn mutated_calendars_never_panic_nor_give_a_file_check_refuses(
        seed in 0usize..5,
        edits in proptest::collection::vec(edit(), 1..12),
    ) {
        let seeds = seeds();
        let bytes = mutate(&seeds[seed % seeds.len()], &edits);
        if let Ok(i) = import::import(&bytes, "mutated.ics", Window::default())
            && let Err(d) = load::load_str(&i.toml)
        {
            let rendered: Vec<String> = d.iter().map(|d| d.message.clone()).collect();
            prop_assert!(false, "check refuses the import: {rendered:?}\n{}", i.toml);
        }
    }
}

/// One calendar that takes most rules of docs/import.md at once: its trip
/// file and report, exactly.
#[test]
fn the_rules_of_docs_import_md_on_one_calendar() {
    let cal = "BEGIN:VCALENDAR\r\n\
VERSION:2.0\r\n\
PRODID:-//Example//Office//EN\r\n\
X-WR-CALNAME:Delegation to Japan\\, 2026\r\n\
X-WR-TIMEZONE:Asia/Tokyo\r\n\
BEGIN:VEVENT\r\n\
UID:1\r\n\
SUMMARY:[cancelled] Osaka Castle (cultural visit)\r\n\
LOCATION:Osaka Castle (cultural visit), 1-1 Osakajo, Chuo, Osaka-fu\r\n\
STATUS:CANCELLED\r\n\
DTSTART;TZID=Tokyo Standard Time:20260311T173000\r\n\
DTEND;TZID=Tokyo Standard Time:20260311T183000\r\n\
END:VEVENT\r\n\
BEGIN:VEVENT\r\n\
SUMMARY:[tentative] Kept as written\r\n\
STATUS:CONFIRMED\r\n\
DTSTART:20260311T000000Z\r\n\
DURATION:PT45M\r\n\
END:VEVENT\r\n\
BEGIN:VEVENT\r\n\
SUMMARY:Talks with Governor Heita Kawakatsu\r\n\
LOCATION:Shizuoka Prefectural Government, 静岡県\r\n\
DTSTART;TZID=Asia/Tokyo:20260310T103000\r\n\
DTEND;TZID=Asia/Tokyo:20260310T113000\r\n\
ORGANIZER;CN=Misaki Sato:mailto:sato@example.org\r\n\
ATTENDEE;CN=Jane Doe:mailto:jane@example.org\r\n\
ATTENDEE;CN=Jane Doe:mailto:other.jane@example.org\r\n\
ATTENDEE;CN=袁家军:mailto:yuan@example.org\r\n\
ATTENDEE;CN=Board room;CUTYPE=ROOM:mailto:room@example.org\r\n\
DESCRIPTION:Agenda:\\n1. tea\\n2. trade\r\n\
BEGIN:VALARM\r\n\
ACTION:DISPLAY\r\n\
TRIGGER:-PT15M\r\n\
END:VALARM\r\n\
END:VEVENT\r\n\
BEGIN:VEVENT\r\n\
SUMMARY:Shizuoka Prefectural Government\r\n\
LOCATION:Shizuoka Prefectural Government\r\n\
DTSTART;TZID=Asia/Tokyo:20260310T100000\r\n\
DTEND;TZID=Asia/Tokyo:20260310T120000\r\n\
ATTENDEE;CN=Jane Doe:mailto:JANE@example.org\r\n\
END:VEVENT\r\n\
BEGIN:VEVENT\r\n\
SUMMARY:Trade fair\r\n\
DTSTART;VALUE=DATE:20260309\r\n\
DTEND;VALUE=DATE:20260312\r\n\
RRULE:FREQ=YEARLY\r\n\
END:VEVENT\r\n\
BEGIN:VEVENT\r\n\
SUMMARY:Rest day\r\n\
DTSTART;VALUE=DATE:20260312\r\n\
END:VEVENT\r\n\
END:VCALENDAR\r\n";
    let i = import::import(cal.as_bytes(), "office.ics", Window::default()).unwrap();
    load::load_str(&i.toml).unwrap();
    assert_eq!(
        import::report_text("office.ics", &i.report),
        "note: time zone Asia/Tokyo: the calendar's X-WR-TIMEZONE (line 5)\n\
         warning: office.ics:25, 26, 27, 28, 41: ATTENDEE/ORGANIZER: only the name is carried over (a trip has no field for e-mail addresses or replies)\n\
         warning: office.ics:29: ATTENDEE Board room is a room (CUTYPE=ROOM), not a person: not among the people at the event\n\
         warning: office.ics:43: the event spans 3 days (2026-03-09 to 2026-03-11): a stop on its first day with its start, and one on its last day with its end\n"
    );
    assert_eq!(
        i.toml,
        r#"# Imported from office.ics by `itinerary import`.

[trip]
title    = "Delegation to Japan, 2026"
start    = 2026-03-09
end      = 2026-03-12
timezone = "Asia/Tokyo"
sources  = ["Imported from office.ics"]

[people.misaki-sato]
name = "Misaki Sato"

[people.jane-doe]
name = "Jane Doe"

[people.yuan-jia-jun]
name = "袁家军"

[[day]]
date = 2026-03-09

[[day.stop]]
place = "Trade fair"

[[day]]
date = 2026-03-10

[[day.stop]]
place  = "Shizuoka Prefectural Government"
arrive = 10:00
depart = 12:00
people = ["jane-doe"]

[[day.stop.meeting]]
title     = "Talks with Governor Heita Kawakatsu"
start     = 10:30
end       = 11:30
attendees = ["misaki-sato", "jane-doe", "yuan-jia-jun"]
reminders = ["15m"]
notes     = """
Agenda:
1. tea
2. trade"""

[[day]]
date = 2026-03-11

[[day.stop]]
place = "Trade fair"

[[day.stop]]
place  = "[tentative] Kept as written"
arrive = 09:00
depart = 09:45

[[day.stop]]
place      = "Osaka Castle (cultural visit)"
prefecture = "Osaka-fu"
address    = "1-1 Osakajo, Chuo"
arrive     = 17:30
depart     = 18:30
status     = "cancelled"

[[day]]
date = 2026-03-12

[[day.stop]]
place = "Rest day"
"#
    );
}

#[test]
fn valarms_before_the_start_become_reminders_and_the_others_are_reported() {
    let alarm = |body: &str| format!("BEGIN:VALARM\r\n{body}END:VALARM\r\n");
    let alarms = [
        alarm("ACTION:DISPLAY\r\nDESCRIPTION:Reminder\r\nTRIGGER:-PT15M\r\n"),
        alarm("ACTION:DISPLAY\r\nTRIGGER;RELATED=START:-P1D\r\n"),
        alarm("ACTION:DISPLAY\r\nTRIGGER;RELATED=START:-PT15M\r\n"),
        alarm("ACTION:DISPLAY\r\nTRIGGER;VALUE=DATE-TIME:20260309T090000Z\r\n"),
        alarm("ACTION:DISPLAY\r\nTRIGGER;RELATED=END:-PT5M\r\n"),
        alarm("ACTION:EMAIL\r\nATTENDEE:mailto:a@example.org\r\nTRIGGER:-PT30M\r\n"),
        alarm("ACTION:DISPLAY\r\nTRIGGER:PT10M\r\n"),
        alarm("ACTION:DISPLAY\r\nTRIGGER:PT-2H\r\nREPEAT:2\r\nDURATION:PT5M\r\n"),
    ]
    .concat();
    let ics = format!(
        "BEGIN:VCALENDAR\r\nX-WR-CALNAME:Alarms\r\nBEGIN:VEVENT\r\nSUMMARY:Talks\r\n\
         DTSTART;TZID=Asia/Tokyo:20260310T100000\r\nDTEND;TZID=Asia/Tokyo:20260310T110000\r\n\
         {alarms}END:VEVENT\r\nBEGIN:VEVENT\r\nSUMMARY:Lunch\r\n\
         DTSTART;TZID=Asia/Tokyo:20260310T120000\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    );
    let i = import::import(ics.as_bytes(), "alarms.ics", Window::default()).unwrap();
    let trip = load::load_str(&i.toml).unwrap().trip;
    let leads = |s: &itinerary::model::Stop| {
        s.reminders
            .as_ref()
            .map(|l| l.iter().map(ToString::to_string).collect::<Vec<_>>())
    };
    let stops = &trip.days[0].stops;
    assert_eq!(
        leads(&stops[0]),
        Some(vec!["15m".into(), "2h".into(), "1d".into()])
    );
    // An event without alarms takes the trip's reminders (none).
    assert_eq!(leads(&stops[1]), None);
    let report = import::report_text("alarms.ics", &i.report);
    for said in [
        "alarms.ics:22: VALARM at a set time",
        "alarms.ics:26: VALARM before the event's end (TRIGGER;RELATED=END:-PT5M): not carried over",
        "alarms.ics:28: VALARM with ACTION:EMAIL: not carried over",
        "alarms.ics:35: VALARM after the start (TRIGGER:PT10M): not carried over",
        "alarms.ics:39: TRIGGER PT-2H has its sign inside (RFC 5545 writes -PT2H): read as -PT2H",
        "alarms.ics:40: REPEAT in a VALARM is not carried over",
    ] {
        assert!(report.contains(said), "{said}\n{report}");
    }
    // The e-mail alarm is one line, not one per property.
    assert!(!report.contains("ATTENDEE in a VALARM"), "{report}");
}
