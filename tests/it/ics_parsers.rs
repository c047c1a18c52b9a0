//! The facts docs/import.md gives for choosing `icalendar`'s parser (one
//! content line at a time) over the `ical` crate, checked on the corpus in
//! tests/ics and on small probes, so the docs cannot drift from the crates.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::BufReader;
use std::path::Path;

fn corpus(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/ics")
            .join(name),
    )
    .unwrap()
}

/// The `ical` crate's first calendar: its events' SUMMARYs, or its error.
fn ical_summaries(text: &str) -> Result<Vec<String>, String> {
    let mut parser = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let cal = parser
        .next()
        .ok_or("no calendar")?
        .map_err(|e| e.to_string())?;
    Ok(cal
        .events
        .iter()
        .flat_map(|e| &e.properties)
        .filter(|p| p.name == "SUMMARY")
        .map(|p| p.value.clone().unwrap_or_default())
        .collect())
}

const FOLDED: &str = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:hello \r\n world\\, again\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

#[test]
fn ical_loses_the_space_before_a_fold_and_leaves_escapes_in() {
    assert_eq!(ical_summaries(FOLDED).unwrap(), ["helloworld\\, again"]);
    let i = itinerary::import::read::read(FOLDED.as_bytes()).unwrap();
    assert_eq!(i.roots[0].children[0].props[0].value, "hello world, again");
}

#[test]
fn ical_refuses_a_bare_event_and_eats_a_value_s_leading_colon() {
    assert_eq!(
        ical_summaries(&corpus("khal/event_d.ics")).unwrap_err(),
        "missing header"
    );
    let colon = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY::x\nEND:VEVENT\nEND:VCALENDAR\n";
    assert_eq!(ical_summaries(colon).unwrap(), ["x"]);
}

#[test]
fn icalendar_whole_file_reader_fails_on_one_bad_line_and_counts_unfolded_lines() {
    let text = corpus("calcurse/ical-009.ical");
    let err = icalendar::parser::read_calendar(&icalendar::parser::unfold(&text)).unwrap_err();
    // The bad line is 30 (SUMMARY without a colon); the reader names the
    // BEGIN:VEVENT before it, and the whole file is lost.
    assert!(err.contains("at line 27"), "{err}");
    let read = itinerary::import::read::read(text.as_bytes()).unwrap();
    assert!(read.problems.iter().any(|(line, what)| *line == 30
        && what == "not a content line (NAME:value); skipped: SUMMARY malformed summary line"));
}

#[test]
fn icalendar_one_line_parser_takes_a_prefix_so_the_name_is_checked_here() {
    let p = icalendar::parser::Property::try_from("SUMMARY malformed").unwrap();
    assert_eq!((p.name.as_str(), p.val.as_str()), ("SUMMARY", ""));
    let p = icalendar::parser::Property::try_from("ATTENDEE;CN=\"Doe: Jane\":mailto:j@d").unwrap();
    assert_eq!(p.params[0].val.as_ref().unwrap().as_str(), "Doe: Jane");
    assert_eq!(p.val.as_str(), "mailto:j@d");
}
