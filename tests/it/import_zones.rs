//! Issue 24, second round: `--timezone`, floating beside UTC times, `import
//! -`, a CN's bidi controls, repeating events away from the other events'
//! dates, and import's work growing linearly. Each failed before its fix
//! (no `--timezone`: 23:30 the day before; no warning; the note read "no
//! event's TZID is an IANA time zone ()"; `-` was a missing file; the CN's
//! controls left out silently; the repeating events dropped; people's ids
//! and EXDATEs found by scans).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::process::Stdio;

use itinerary::import::{self, Window};
use itinerary::load;

fn cal(events: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nX-WR-CALNAME:T\r\n{events}END:VCALENDAR\r\n"
    )
}

fn trip_in(text: &str, window: Window) -> (String, String) {
    let i = import::import(text.as_bytes(), "t.ics", window).unwrap();
    load::load_str(&i.toml).unwrap();
    (i.toml.clone(), import::report_text("t.ics", &i.report))
}

fn tokyo() -> Window {
    Window {
        timezone: Some(chrono_tz::Asia::Tokyo),
        ..Window::default()
    }
}

/// A TripIt-style calendar: every time in UTC.
const TRIPIT: &str = "BEGIN:VEVENT\r\nSUMMARY:Breakfast\r\nLOCATION:Hotel Okura\r\n\
    DTSTART:20260309T233000Z\r\nDTEND:20260310T003000Z\r\nEND:VEVENT\r\n\
    BEGIN:VEVENT\r\nSUMMARY:Ministry\r\nDTSTART:20260310T010000Z\r\nDTEND:20260310T020000Z\r\nEND:VEVENT\r\n";

#[test]
fn timezone_puts_a_utc_calendar_on_its_local_days_and_times() {
    let (toml, report) = trip_in(&cal(TRIPIT), tokyo());
    assert!(toml.contains("timezone = \"Asia/Tokyo\""), "{toml}");
    assert!(
        toml.contains(
            "date = 2026-03-10\n\n[[day.stop]]\nplace   = \"Breakfast\"\naddress = \"Hotel Okura\"\narrive  = 08:30\ndepart  = 09:30"
        ),
        "{toml}"
    );
    assert!(!toml.contains("2026-03-09"), "{toml}");
    assert!(
        report.contains("time zone Asia/Tokyo: --timezone"),
        "{report}"
    );
}

#[test]
fn without_timezone_a_utc_calendar_says_how_to_give_one() {
    let (_, report) = trip_in(&cal(TRIPIT), Window::default());
    assert!(report.contains("give --timezone ZONE"), "{report}");
}

#[test]
fn floating_times_beside_utc_ones_are_reported_and_the_note_names_no_empty_list() {
    let text = cal(&format!(
        "{TRIPIT}BEGIN:VEVENT\r\nSUMMARY:Dinner\r\nDTSTART:20260310T190000\r\nEND:VEVENT\r\n"
    ));
    let (_, report) = trip_in(&text, Window::default());
    assert!(!report.contains("time zone ()"), "{report}");
    assert!(
        report.contains("(2 of 3; the other 1 floating)"),
        "{report}"
    );
    assert!(
        report.contains("t.ics:18: a floating time (no Z, no TZID)")
            && report.contains("read as a time of the trip's zone, UTC"),
        "{report}"
    );
    let (toml, report) = trip_in(&text, tokyo());
    assert!(report.contains("the trip's zone, Asia/Tokyo"), "{report}");
    assert!(toml.contains("arrive = 19:00"), "{toml}");
}

#[test]
fn an_unknown_timezone_is_a_usage_error_and_a_windows_name_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.ics");
    std::fs::write(&path, cal(TRIPIT)).unwrap();
    let out = crate::common::bin()
        .args([
            "import",
            path.to_str().unwrap(),
            "--timezone",
            "Mars/Olympus",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("--timezone \"Mars/Olympus\": not a time zone"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = crate::common::bin()
        .args(["import", path.to_str().unwrap()])
        .args(["--timezone", "Tokyo Standard Time"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("arrive  = 08:30"));
}

#[test]
fn a_dash_reads_the_calendar_from_standard_input() {
    let mut child = crate::common::bin()
        .args(["import", "-", "--timezone", "Asia/Tokyo"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(cal(TRIPIT).as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stdout.contains("arrive  = 08:30"), "{stdout}");
    assert!(
        stdout.contains("sources  = [\"Imported from standard input\"]")
            || stdout.contains("Imported from standard input"),
        "{stdout}"
    );
    assert!(stderr.contains("written to standard output"), "{stderr}");
}

#[test]
fn bidirectional_controls_in_an_attendee_name_are_reported() {
    let (toml, report) = trip_in(
        &cal(
            "BEGIN:VEVENT\r\nSUMMARY:Talks\r\nDTSTART:20260310T100000\r\n\
            ATTENDEE;CN=\u{202B}שלום\u{202C}:mailto:a@example.org\r\nEND:VEVENT\r\n",
        ),
        Window::default(),
    );
    assert!(toml.contains("name = \"שלום\""), "{toml}");
    assert!(
        report.contains("t.ics:8: ATTENDEE has bidirectional control characters"),
        "{report}"
    );
}

#[test]
fn a_repeating_event_away_from_the_other_events_keeps_its_first_occurrence() {
    let (toml, report) = trip_in(
        &cal(
            "BEGIN:VEVENT\r\nSUMMARY:Visit\r\nDTSTART:20260310T100000\r\nEND:VEVENT\r\n\
            BEGIN:VEVENT\r\nSUMMARY:Weekly call\r\nDTSTART:20260401T090000\r\n\
            RRULE:FREQ=WEEKLY;COUNT=4\r\nEXDATE:20260401T090000\r\nEND:VEVENT\r\n",
        ),
        Window::default(),
    );
    // The first occurrence that happens (the EXDATE removes April 1st).
    assert!(
        toml.contains("date = 2026-04-08\n\n[[day.stop]]\nplace  = \"Weekly call\""),
        "{toml}"
    );
    assert_eq!(toml.matches("Weekly call").count(), 1, "{toml}");
    assert!(
        report.contains("its first, on 2026-04-08, is carried over"),
        "{report}"
    );
    // Chosen days (--from/--to) are the user's: nothing outside them.
    let (toml, report) = trip_in(
        &cal(
            "BEGIN:VEVENT\r\nSUMMARY:Visit\r\nDTSTART:20260310T100000\r\nEND:VEVENT\r\n\
            BEGIN:VEVENT\r\nSUMMARY:Weekly call\r\nDTSTART:20260401T090000\r\n\
            RRULE:FREQ=WEEKLY;COUNT=4\r\nEND:VEVENT\r\n",
        ),
        Window {
            from: chrono::NaiveDate::from_ymd_opt(2026, 3, 10),
            to: chrono::NaiveDate::from_ymd_opt(2026, 3, 10),
            timezone: None,
        },
    );
    assert!(!toml.contains("Weekly call"), "{toml}");
    assert!(report.contains("not carried over"), "{report}");
}

#[test]
fn a_first_occurrence_too_far_for_one_trip_is_left_out_not_the_whole_calendar() {
    let (toml, report) = trip_in(
        &cal(
            "BEGIN:VEVENT\r\nSUMMARY:Visit\r\nDTSTART:20260310T100000\r\nEND:VEVENT\r\n\
            BEGIN:VEVENT\r\nSUMMARY:Old\r\nDTSTART:20000101T090000\r\n\
            RRULE:FREQ=DAILY;COUNT=3\r\nEND:VEVENT\r\n",
        ),
        Window::default(),
    );
    assert!(!toml.contains("Old"), "{toml}");
    assert!(
        report.contains("its first (2000-01-01) is too far from them for one trip"),
        "{report}"
    );
}

/// A calendar of `n` events on one day, each with its own attendee, all
/// of whose names make the same id (`guest`, `guest-2`…), its own
/// property not carried over (one message each), and a repeating event
/// with `n` EXDATEs.
fn crowded(n: usize) -> String {
    let mut events = String::new();
    for i in 0..n {
        // Names that differ only in punctuation: one id base for all.
        let mark: String = format!("{i:b}")
            .chars()
            .map(|b| if b == '1' { '.' } else { ',' })
            .collect();
        events.push_str(&format!(
            "BEGIN:VEVENT\r\nSUMMARY:Talk {i}\r\nDTSTART:20260310T{:02}{:02}00\r\n\
             ATTENDEE;CN=\"Guest{mark}\":mailto:g@example.org\r\nX-N{i}:x\r\nEND:VEVENT\r\n",
            (i / 60) % 24,
            i % 60
        ));
    }
    events.push_str(
        "BEGIN:VEVENT\r\nSUMMARY:Daily\r\nDTSTART:20260310T070000\r\nRRULE:FREQ=DAILY;COUNT=1\r\n",
    );
    for i in 0..n {
        events.push_str(&format!(
            "EXDATE:{}\r\n",
            (chrono::NaiveDate::from_ymd_opt(2026, 3, 11).unwrap()
                + chrono::Duration::days(i as i64))
            .format("%Y%m%dT070000")
        ));
    }
    events.push_str("END:VEVENT\r\n");
    cal(&events)
}

#[test]
fn import_work_grows_linearly_with_the_events() {
    let work = |n: usize| {
        let text = crowded(n);
        let (i, tally) = itinerary::work::measure(|| {
            let i = import::import(text.as_bytes(), "t.ics", Window::default()).unwrap();
            let _ = import::report_text("t.ics", &i.report);
            i
        });
        assert_eq!(i.draft.people.len(), n, "one person per name");
        tally.keys
    };
    let (small, large) = (work(500), work(2000));
    // Four times the events, four times the ids and groups looked up (a
    // scan of the ids taken, or of the messages, would be sixteen times).
    assert!(
        large <= small * 5,
        "keys compared: {small} for 500 events, {large} for 2000"
    );
}

mod generated {
    use super::*;
    use proptest::prelude::*;

    /// One generated event: a start of any kind (floating, UTC, zoned,
    /// in Berlin's spring-forward gap, a date, the VALUE=DATE quirk), an
    /// end or none, a repetition or none, and bidi controls in its text.
    fn event() -> impl Strategy<Value = String> {
        let start = prop_oneof![
            (0u32..24, 0u32..60)
                .prop_map(|(h, m)| format!("DTSTART:202603{:02}T{h:02}{m:02}00", 10 + h % 5)),
            (0u32..24, 0u32..60)
                .prop_map(|(h, m)| format!("DTSTART:202603{:02}T{h:02}{m:02}00Z", 10 + m % 5)),
            (0u32..24).prop_map(|h| format!("DTSTART;TZID=Europe/Berlin:20260312T{h:02}3000")),
            Just("DTSTART;TZID=Europe/Berlin:20260329T023000".to_string()),
            Just("DTSTART;TZID=\"W. Europe Standard Time:20260311T090000\"".to_string()),
            Just("DTSTART;VALUE=DATE:20260313T120000".to_string()),
            (10u32..15).prop_map(|d| format!("DTSTART;VALUE=DATE:202603{d}")),
        ];
        let end = prop_oneof![
            Just(String::new()),
            Just("DURATION:PT1H\r\n".to_string()),
            Just("DURATION:P2D\r\n".to_string()),
            Just("DTEND:20260314T000000\r\n".to_string()),
            Just("DTEND;TZID=Europe/Berlin:20260329T023000\r\n".to_string()),
        ];
        let repeat = prop_oneof![
            Just(String::new()),
            Just("RRULE:FREQ=DAILY;COUNT=3\r\n".to_string()),
            Just("RRULE:FREQ=WEEKLY;BYDAY=MO, TU\r\n".to_string()),
            Just("RRULE:FREQ=DAILY\r\nEXDATE:20260311T090000\r\n".to_string()),
            Just("RRULE:FREQ=YEARLY;COUNT=2\r\n".to_string()),
        ];
        let text = prop_oneof![
            Just("Talks"),
            Just("\u{202B}שלום\u{202C}"),
            Just("\u{2067}عربي\u{2069} x"),
            Just("[cancelled] A\tB"),
        ];
        (start, end, repeat, text, text_cn(), any::<bool>()).prop_map(|(s, e, r, t, cn, uid)| {
            let uid = if uid { "UID:same\r\n" } else { "" };
            format!(
                "BEGIN:VEVENT\r\n{uid}SUMMARY:{t}\r\nLOCATION:{t}, Tokyo\r\n{s}\r\n{e}{r}\
                     ATTENDEE;CN={cn}:mailto:p@example.org\r\nEND:VEVENT\r\n"
            )
        })
    }

    fn text_cn() -> impl Strategy<Value = &'static str> {
        prop_oneof![
            Just("A"),
            Just("\u{202B}B\u{202C}"),
            Just("\u{2066}C\u{2069}")
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

        /// Whatever the calendar, a trip import writes loads as `check` loads it.
        #[test]
        fn import_never_writes_a_file_check_refuses(
            events in proptest::collection::vec(event(), 1..8),
            tokyo in any::<bool>(),
        ) {
            let text = cal(&events.concat());
            let window = Window {
                timezone: tokyo.then_some(chrono_tz::Asia::Tokyo),
                ..Window::default()
            };
            if let Ok(i) = import::import(text.as_bytes(), "t.ics", window) {
                prop_assert!(load::load_str(&i.toml).is_ok(), "{}\n{}", text, i.toml);
            }
        }
    }
}
