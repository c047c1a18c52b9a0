//! Issue 24: calendars as other programs write them. Each test failed
//! before its fix (people merged by address, every LOCATION a stop and a
//! meeting, occurrences not expanded, bidi marks refused, the gap moved
//! back, quirks refused).
#![allow(clippy::unwrap_used)]

use itinerary::import::{self, Window};
use itinerary::load;

fn cal(events: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nX-WR-CALNAME:T\r\n{events}END:VCALENDAR\r\n"
    )
}

fn trip_of(text: &str) -> (String, String) {
    let i = import::import(text.as_bytes(), "t.ics", Window::default()).unwrap();
    load::load_str(&i.toml).unwrap();
    (i.toml.clone(), import::report_text("t.ics", &i.report))
}

#[test]
fn people_who_share_an_address_stay_apart() {
    let (toml, _) = trip_of(&cal(
        "BEGIN:VEVENT\r\nSUMMARY:Talks\r\nDTSTART:20260310T100000\r\n\
        ATTENDEE;CN=Minister A:mailto:protocol@example.org\r\n\
        ATTENDEE;CN=Minister B:mailto:protocol@example.org\r\nEND:VEVENT\r\n",
    ));
    assert!(
        toml.contains("name = \"Minister A\"") && toml.contains("name = \"Minister B\""),
        "{toml}"
    );
}

#[test]
fn an_event_with_a_location_is_one_stop() {
    let (toml, _) = trip_of(&cal(
        "BEGIN:VEVENT\r\nSUMMARY:Maths\r\nLOCATION:Room 12\r\n\
        DTSTART:20260310T100000\r\nDTEND:20260310T110000\r\nEND:VEVENT\r\n",
    ));
    assert_eq!(toml.matches("[[day.stop]]").count(), 1, "{toml}");
    assert!(!toml.contains("[[day.stop.meeting]]"), "{toml}");
}

#[test]
fn exdate_and_recurrence_id_leave_only_the_occurrences_that_happen() {
    let (toml, _) = trip_of(&cal("BEGIN:VEVENT\r\nUID:r\r\nSUMMARY:Standup\r\n\
        DTSTART;TZID=Europe/Berlin:20260302T100000\r\nDTEND;TZID=Europe/Berlin:20260302T103000\r\n\
        RRULE:FREQ=DAILY;COUNT=3\r\nEXDATE;TZID=Europe/Berlin:20260302T100000\r\nEND:VEVENT\r\n\
        BEGIN:VEVENT\r\nUID:r\r\nSUMMARY:Standup\r\nRECURRENCE-ID;TZID=Europe/Berlin:20260303T100000\r\n\
        DTSTART;TZID=Europe/Berlin:20260303T150000\r\nDTEND;TZID=Europe/Berlin:20260303T153000\r\nEND:VEVENT\r\n"));
    assert!(!toml.contains("2026-03-02"), "{toml}");
    assert!(
        toml.contains("arrive = 15:00")
            && !toml.contains(
                "date = 2026-03-03\n\n[[day.stop]]\nplace  = \"Standup\"\narrive = 10:00"
            ),
        "{toml}"
    );
    assert_eq!(toml.matches("[[day.stop]]").count(), 2, "{toml}");
}

#[test]
fn bidirectional_controls_are_left_out_and_the_text_kept() {
    let (toml, report) = trip_of(&cal(
        "BEGIN:VEVENT\r\nSUMMARY:\u{202B}שלום\u{202C} \u{2067}عربي\u{2069}\r\n\
        DTSTART:20260310T100000\r\nEND:VEVENT\r\n",
    ));
    assert!(toml.contains("place  = \"שלום عربي\""), "{toml}");
    assert!(
        report.contains("bidirectional control characters"),
        "{report}"
    );
}

#[test]
fn a_time_in_the_spring_forward_gap_is_the_time_after_it() {
    let (toml, report) = trip_of(&cal("BEGIN:VEVENT\r\nSUMMARY:Early\r\n\
        DTSTART;TZID=Europe/Berlin:20260329T023000\r\nEND:VEVENT\r\n"));
    assert!(toml.contains("arrive = 03:30"), "{toml}");
    assert!(
        report.contains("does not exist in Europe/Berlin"),
        "{report}"
    );
}

#[test]
fn quirks_other_readers_accept_are_read_as_meant() {
    let (toml, report) = trip_of(&cal(
        "BEGIN:VEVENT\r\nSUMMARY:A\r\nDTSTART;VALUE=DATE:20110804T120000\r\nEND:VEVENT\r\n\
        BEGIN:VEVENT\r\nSUMMARY:B\r\nDTSTART;TZID=\"W. Europe Standard Time:20110804T090000\"\r\nEND:VEVENT\r\n\
        BEGIN:VEVENT\r\nSUMMARY:C\r\nDTSTART;TZID=Europe/Berlin:20110805T000000\r\nDTEND;TZID=Europe/Berlin:20110806T000000\r\nEND:VEVENT\r\n",
    ));
    assert!(toml.contains("place  = \"A\"\narrive = 12:00"), "{toml}");
    assert!(toml.contains("place  = \"B\"\narrive = 09:00"), "{toml}");
    assert!(
        toml.contains("date = 2011-08-05\n\n[[day.stop]]\nplace = \"C\"\n"),
        "{toml}"
    );
    assert!(
        report.contains("VALUE=DATE but holds a date-time"),
        "{report}"
    );
    assert!(report.contains("inside the quotes of its TZID"), "{report}");
    assert!(report.contains("read as an all-day event"), "{report}");
}

#[test]
fn a_multi_day_event_keeps_its_dates() {
    let (toml, _) = trip_of(&cal(
        "BEGIN:VEVENT\r\nSUMMARY:Hotel\r\nDTSTART;VALUE=DATE:20260310\r\n\
        DTEND;VALUE=DATE:20260313\r\nEND:VEVENT\r\n",
    ));
    assert!(!toml.contains("[[unscheduled]]"), "{toml}");
    assert!(
        toml.contains("date = 2026-03-10") && toml.contains("date = 2026-03-12"),
        "{toml}"
    );
}

/// A leap second (second 60, which RFC 5545 allows) is written as :59, a
/// time the trip file takes; a proptest of mutated calendars found it
/// written as `15:15:60`, which `check` refuses.
#[test]
fn a_leap_second_is_written_as_a_time_check_accepts() {
    let (toml, _) = trip_of(&cal("BEGIN:VEVENT\r\nSUMMARY:Train\r\n\
        DTSTART;TZID=Europe/Brussels:20230203T151560\r\nEND:VEVENT\r\n"));
    assert!(toml.contains("arrive = 15:15:59"), "{toml}");
}
