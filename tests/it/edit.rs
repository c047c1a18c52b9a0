//! Edits of the trip file (src/edit): for every kind of edit, on the
//! bundled trip, the example and a hand-written file full of comments and
//! odd spacing, the diff of the file is exactly the expected lines (insta
//! snapshots of unified diffs), and the new text passes `check`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveTime;
use itinerary::edit::{self, Edit, NewMeeting};
use itinerary::load::{BUNDLED, load_str};
use itinerary::model::{DayRef, EventRef, Trip};

const EXAMPLE: &str = include_str!("../../itineraries/example-trade-mission.toml");
const ODD: &str = include_str!("../fixtures/edit/odd-spacing.toml");

/// The event titled `title` (a stop's place or a meeting's title).
fn find(trip: &Trip, title: &str) -> EventRef {
    (0..trip.days.len())
        .map(DayRef::Day)
        .chain([DayRef::Unscheduled])
        .flat_map(|d| trip.events(d).collect::<Vec<_>>())
        .find(|(_, e)| e.title() == title)
        .map(|(r, _)| r)
        .unwrap_or_else(|| panic!("no event {title:?}"))
}

/// The unified diff of two texts, one line of context.
fn diff(before: &str, after: &str) -> String {
    similar::TextDiff::from_lines(before, after)
        .unified_diff()
        .context_radius(1)
        .to_string()
}

/// Applies each edit to `text` on its own and writes down what came of it:
/// the status message and the diff, or the refusal.
fn report(text: &str, edits: &[(&str, Edit)]) -> String {
    let trip = load_str(text).unwrap().trip;
    let mut out = String::new();
    for (title, e) in edits {
        out.push_str(&format!("## {e:?} on {title:?}\n"));
        match edit::apply(text, &trip, find(&trip, title), e) {
            Ok(applied) => {
                // What the edit gave passes check, and loads as it says.
                load_str(&applied.text).unwrap();
                out.push_str(&format!(
                    "ok: {}\n{}\n",
                    applied.message,
                    diff(text, &applied.text)
                ));
            }
            Err(why) => out.push_str(&format!("error: {why}\n\n")),
        }
    }
    out
}

fn time(s: &str) -> Option<NaiveTime> {
    edit::parse_time(s).unwrap()
}

fn meeting(title: &str, start: &str, end: &str) -> Edit {
    Edit::AddMeeting(NewMeeting {
        title: title.into(),
        start: time(start),
        end: time(end),
    })
}

#[test]
fn edits_of_the_bundled_trip() {
    let stop = "Meeting with Shizuoka Governor Heita Kawakatsu";
    let meet = "Meeting with SoftBank chairman Masayoshi Son";
    insta::assert_snapshot!(report(
        BUNDLED,
        &[
            (stop, Edit::CycleStatus),
            (stop, Edit::Shift(15)),
            (
                meet,
                Edit::SetText("Agreed to meet again in Hangzhou".into())
            ),
            (
                stop,
                Edit::SetText("Friendship since 1982; gifts exchanged".into())
            ),
            (stop, Edit::SetText(String::new())),
            (stop, meeting("Dinner with the governor", "19:00", "21:00")),
            ("Old-age care institutes", meeting("Tour", "", "")),
            (meet, Edit::Delete),
            ("Zhejiang-Japan business forum", Edit::Delete),
            ("Renowned Japanese companies", Edit::Delete),
        ]
    ));
}

#[test]
fn edits_of_the_example() {
    let office = "Sample Trade Office Tokyo";
    let talks = "Talks with President Takahashi on green tea supply";
    let demo = "Demonstration of tea-processing machinery";
    insta::assert_snapshot!(report(
        EXAMPLE,
        &[
            ("Sample Precision Works, plant 2", Edit::CycleStatus),
            (demo, Edit::CycleStatus),
            (office, Edit::Shift(15)),
            (office, Edit::Shift(-15)),
            (talks, Edit::Shift(15)),
            (talks, Edit::SetText("2 tonnes of sencha ordered".into())),
            (demo, Edit::SetText("Machines to be shipped in May".into())),
            (office, meeting("Follow-up call", "14:50", "15:00")),
            (office, meeting("Ends before it starts", "14:50", "14:00")),
            (office, meeting("", "", "")),
            (office, Edit::Delete),
            (talks, Edit::Delete),
        ]
    ));
}

#[test]
fn edits_of_a_hand_written_file() {
    let kyoto = "Kyoto Station";
    insta::assert_snapshot!(report(
        ODD,
        &[
            (kyoto, Edit::CycleStatus),
            ("Osaka Castle", Edit::CycleStatus),
            (kyoto, Edit::Shift(15)),
            (kyoto, Edit::Shift(-15)),
            ("Hotel", Edit::Shift(15)),
            ("Hotel", Edit::Shift(-15)),
            ("Osaka Castle", Edit::Shift(15)),
            ("Lunch", Edit::SetText("It's agreed: \"yes\"".into())),
            ("Morning talk", Edit::SetText("多謝".into())),
            ("Osaka Castle", Edit::SetText(String::new())),
            (kyoto, meeting("Farewell", "09:50", "10:00")),
            ("Hotel", meeting("Night cap", "23:55", "")),
            ("Morning talk", Edit::Delete),
            (kyoto, Edit::Delete),
            ("Hotel", Edit::Delete),
        ]
    ));
}

/// Windows line breaks are kept: an edit of a CRLF file is the edit of the
/// same file with LF, with CRLF throughout.
#[test]
fn crlf_files_stay_crlf() {
    let crlf = ODD.replace('\n', "\r\n");
    let lf_trip = load_str(ODD).unwrap().trip;
    let crlf_trip = load_str(&crlf).unwrap().trip;
    for (title, e) in [
        ("Kyoto Station", Edit::CycleStatus),
        ("Kyoto Station", Edit::Shift(15)),
        ("Hotel", Edit::SetText("late".into())),
        ("Kyoto Station", meeting("Farewell", "09:50", "10:00")),
        ("Hotel", meeting("Night cap", "23:55", "")),
        ("Morning talk", Edit::Delete),
        ("Hotel", Edit::Delete),
    ] {
        let lf = edit::apply(ODD, &lf_trip, find(&lf_trip, title), &e).unwrap();
        let cr = edit::apply(&crlf, &crlf_trip, find(&crlf_trip, title), &e).unwrap();
        assert_eq!(cr.text, lf.text.replace('\n', "\r\n"), "{e:?} on {title}");
    }
}

/// A file without a line break at its end gets none from an edit there.
#[test]
fn no_line_break_at_the_end_stays_so() {
    let bare = ODD.trim_end();
    let trip = load_str(bare).unwrap().trip;
    for (title, e) in [
        ("Hotel", Edit::SetText("late".into())),
        ("Hotel", meeting("Night cap", "23:55", "")),
        ("Hotel", Edit::Delete),
        ("Hotel", Edit::CycleStatus),
    ] {
        let full = load_str(ODD).unwrap().trip;
        let want = edit::apply(ODD, &full, find(&full, title), &e)
            .unwrap()
            .text;
        let got = edit::apply(bare, &trip, find(&trip, title), &e)
            .unwrap()
            .text;
        assert_eq!(got, want.trim_end(), "{e:?}");
    }
}

#[test]
fn typed_times() {
    assert_eq!(time("9:30"), NaiveTime::from_hms_opt(9, 30, 0));
    assert_eq!(time("0930"), NaiveTime::from_hms_opt(9, 30, 0));
    assert_eq!(time(" "), None);
    assert_eq!(
        edit::parse_time("25:00").unwrap_err(),
        "“25:00” is not a time; write it as 09:30 (24-hour clock)"
    );
}
