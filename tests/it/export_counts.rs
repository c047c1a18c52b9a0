//! The closing counts of every export leave cancelled events out (counted
//! apart), count tentative ones and say how many, and do not count as met a
//! person met only at cancelled events (issue 23 item 5).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use itinerary::export::{Selection, json, markdown, text};
use itinerary::load::load_str;
use itinerary::model::DayRef;

const CANCELLED_DAY: &str = r#"
[trip]
title = "Visit"
start = 2019-04-08
end = 2019-04-08

[people.gov]
name = "Governor"
role = "Governor"
side = "host"

[[day]]
date = 2019-04-08

[[day.stop]]
place = "Prefectural office"
prefecture = "Shizuoka"
status = "cancelled"

[[day.stop.meeting]]
title = "Talks with the Governor"
attendees = ["gov"]
"#;

#[test]
fn a_day_whose_only_stop_and_meeting_are_cancelled_counts_nothing_held() {
    let trip = load_str(CANCELLED_DAY).unwrap().trip;
    let day = Selection::day(DayRef::Day(0));
    let want = "Totals: 0 stops, 0 meetings, 0 people met, 0 prefectures; \
                cancelled, not counted: 1 stop, 1 meeting.";
    let md = markdown(&trip, &day);
    assert!(md.trim_end().ends_with(want), "{md}");
    let txt = text(&trip, &day);
    assert!(txt.trim_end().ends_with(want), "{txt}");
    let v: serde_json::Value = serde_json::from_str(&json(&trip, &day)).unwrap();
    let c = &v["counts"];
    assert_eq!(c["stops"], 0);
    assert_eq!(c["meetings"], 0);
    assert_eq!(c["people_met"], 0);
    assert_eq!(c["people_met_by_side"]["host"], 0);
    assert_eq!(c["prefectures"], serde_json::json!([]));
    assert_eq!(
        c["cancelled"],
        serde_json::json!({"stops": 1, "meetings": 1})
    );
}

#[test]
fn tentative_events_count_and_are_said_so() {
    let text_ = CANCELLED_DAY.replace("status = \"cancelled\"", "status = \"tentative\"");
    let trip = load_str(&text_).unwrap().trip;
    let md = markdown(&trip, &Selection::day(DayRef::Day(0)));
    assert!(
        md.trim_end().ends_with(
            "Totals: 1 stop (1 tentative), 1 meeting (1 tentative), 1 person met (1 host), \
             1 prefecture (Shizuoka)."
        ),
        "{md}"
    );
}
