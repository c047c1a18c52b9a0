//! iCalendar (RFC 5545). Events are built with the `icalendar` crate; what
//! it gets wrong or leaves out is done here: the VTIMEZONE for the trip's
//! zone (the crate writes TZID without one), exclusive all-day ends (its
//! `all_day` ends on the start date), stable UIDs and DTSTAMP, and folding
//! by octets (the output is unfolded and folded again, so the crate's folding
//! rules do not matter).

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};
use icalendar::{Calendar, CalendarDateTime, Component, Event, EventLike, EventStatus};

use super::prose::{when, who};
use super::summary::{Scope, Selection, StopSummary, line, summarize};
use crate::model::{DayRef, Status, Stop, Trip};

/// `PRODID` of every calendar this app writes.
pub const PRODID: &str = concat!(
    "-//itinerary//itinerary ",
    env!("CARGO_PKG_VERSION"),
    "//EN"
);

/// The selection as an iCalendar file: one VEVENT per stop and per meeting;
/// timed events with `TZID` and a VTIMEZONE (or in UTC when the trip's zone
/// is UTC), untimed ones as all-day events, unscheduled stops as all-day
/// events spanning the trip. `stamp` is the DTSTAMP of every event.
pub fn ics(trip: &Trip, selection: &Selection, stamp: DateTime<Utc>) -> String {
    let summary = summarize(trip, selection);
    let mut calendar = Calendar::empty();
    calendar
        .append_property(("VERSION", "2.0"))
        .append_property(("PRODID", PRODID))
        .append_property(("CALSCALE", "GREGORIAN"))
        .append_property(("METHOD", "PUBLISH"))
        // The crate escapes X- properties as TEXT but writes NAME (RFC 7986) raw.
        .append_property(("NAME", escape(&summary.trip.title).as_str()))
        .append_property(("X-WR-CALNAME", summary.trip.title.as_str()));
    let trip_key = format!("{}\u{1f}{}", line(&trip.title), trip.start);
    let lists: Vec<(DayRef, &[StopSummary])> = summary
        .days
        .iter()
        .map(|d| (DayRef::Day(d.number - 1), &d.stops[..]))
        .chain(
            (selection.scope == Scope::Trip || selection.scope == Scope::Day(DayRef::Unscheduled))
                .then_some((DayRef::Unscheduled, &summary.unscheduled[..])),
        )
        .collect();
    let mut timed = false;
    for (day, stops) in lists {
        let all = trip.stops(day);
        let stop_ranks = ranks(all, |s| line(&s.place));
        let model_stops: Vec<(&Stop, usize)> = all
            .iter()
            .zip(stop_ranks)
            .filter(|(s, _)| selection.filter.matches(s))
            .collect();
        let (first, last) = match day {
            DayRef::Day(i) => {
                let date = trip.days.get(i).map_or(trip.start, |d| d.date);
                (date, date)
            }
            DayRef::Unscheduled => (trip.start, trip.end),
        };
        let when = When {
            tz: trip.timezone,
            first,
            last,
            dated: day != DayRef::Unscheduled,
            stamp,
        };
        for (stop, (model, rank)) in stops.iter().zip(model_stops) {
            let stop_key = format!("{first}\u{1f}{}\u{1f}{}", stop.place, rank);
            let (e, t) = event(
                &when,
                &stop.place,
                (&stop.arrive, &stop.depart),
                [
                    Some(&stop.place),
                    stop.address.as_deref(),
                    stop.city.as_deref(),
                    stop.prefecture.as_deref(),
                ],
                stop_description(stop, day),
                model.status,
                uid(&trip_key, &stop_key),
            );
            timed |= t;
            calendar.push(e);
            let meeting_ranks = ranks(&model.meetings, |m| line(&m.title));
            for ((m, model_m), rank) in stop.meetings.iter().zip(&model.meetings).zip(meeting_ranks)
            {
                let key = format!("{stop_key}\u{1f}{}\u{1f}{}", m.title, rank);
                let mut text = vec![format!("At {}.", stop.place)];
                text.extend(field("Who", who(&m.attendees)));
                text.extend(field("Topics", m.topics.join(", ")));
                text.extend(m.outcome.as_ref().map(|o| format!("Outcome: {o}")));
                text.extend(m.notes.clone());
                let (e, t) = event(
                    &when,
                    &m.title,
                    (&m.start, &m.end),
                    [
                        Some(&stop.place),
                        None,
                        stop.city.as_deref(),
                        stop.prefecture.as_deref(),
                    ],
                    text.join("\n"),
                    model_m.status,
                    uid(&trip_key, &key),
                );
                timed |= t;
                calendar.push(e);
            }
        }
    }
    let text = calendar.to_string();
    let text = if timed && trip.timezone != chrono_tz::UTC {
        let tz = vtimezone(trip.timezone, trip.start, trip.end);
        match text.find("BEGIN:VEVENT\r\n") {
            Some(at) => format!("{}{tz}{}", &text[..at], &text[at..]),
            None => text,
        }
    } else {
        text
    };
    refold(&text)
}

/// TEXT escaping (RFC 5545 §3.3.11), for the properties the crate leaves raw.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

fn field(label: &str, value: String) -> Option<String> {
    (!value.is_empty()).then(|| format!("{label}: {value}"))
}

fn stop_description(stop: &StopSummary, day: DayRef) -> String {
    let mut text = Vec::new();
    if day == DayRef::Unscheduled {
        text.push("Day not known: some time during the trip.".to_string());
    }
    text.push(format!(
        "Kind: {}; {}.",
        stop.kind,
        when(&stop.arrive, &stop.depart)
    ));
    text.extend(field("Present", who(&stop.people)));
    text.extend(stop.notes.clone());
    text.join("\n")
}

/// For each item, its 1-based rank among the items with the same key: two
/// stops at one place on one day get distinct, stable UIDs.
fn ranks<T>(list: &[T], key: impl Fn(&T) -> String) -> Vec<usize> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    list.iter()
        .map(|x| {
            let n = seen.entry(key(x)).or_insert(0);
            *n += 1;
            *n
        })
        .collect()
}

/// Non-empty parts joined with ", ", a part equal to the one before dropped ("Tokyo, Tokyo").
fn location(parts: [Option<&str>; 4]) -> String {
    let mut out: Vec<&str> = Vec::new();
    for p in parts.into_iter().flatten() {
        if !p.is_empty() && out.last() != Some(&p) {
            out.push(p);
        }
    }
    out.join(", ")
}

/// Where in time the events of one list go.
struct When {
    tz: Tz,
    /// The day of the list, or the trip's first and last for unscheduled stops.
    first: NaiveDate,
    last: NaiveDate,
    /// False for unscheduled stops: their times have no date to go with.
    dated: bool,
    stamp: DateTime<Utc>,
}

/// One VEVENT from a title with its start and end, the parts of its
/// location, a description, a status and a UID; and whether it is timed
/// (so uses the trip's zone).
fn event(
    when: &When,
    title: &str,
    (start, end): (&Option<String>, &Option<String>),
    place: [Option<&str>; 4],
    description: String,
    status: Status,
    uid: String,
) -> (Event, bool) {
    let mut e = Event::new();
    e.summary(title)
        .location(&location(place))
        .description(&description)
        .status(match status {
            Status::Confirmed => EventStatus::Confirmed,
            Status::Tentative => EventStatus::Tentative,
            Status::Cancelled => EventStatus::Cancelled,
        })
        .uid(&uid)
        .timestamp(when.stamp);
    let parse = |t: &Option<String>| {
        t.as_deref().and_then(|t| {
            NaiveTime::parse_from_str(t, "%H:%M")
                .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M:%S"))
                .ok()
        })
    };
    let at = |t: NaiveTime| -> CalendarDateTime {
        let local = NaiveDateTime::new(when.first, t);
        if when.tz == chrono_tz::UTC {
            CalendarDateTime::Utc(local.and_utc())
        } else {
            CalendarDateTime::WithTimezone {
                date_time: local,
                tzid: when.tz.name().to_string(),
            }
        }
    };
    match (parse(start), parse(end)) {
        (Some(s), end) if when.dated => {
            e.starts(at(s));
            if let Some(end) = end {
                e.ends(at(end));
            }
            (e, true)
        }
        // Only an end (a departure at 11:05): an instant at that time beats
        // a whole day.
        (None, Some(end)) if when.dated => {
            e.starts(at(end));
            (e, true)
        }
        _ => {
            // All-day: DTEND is exclusive, the day after the last one.
            e.starts(when.first).ends(when.last + Duration::days(1));
            e.add_property("TRANSP", "TRANSPARENT");
            (e, false)
        }
    }
}

/// A UID from the trip (title and start) and the event (day, place, title,
/// rank among namesakes): the same event gets the same UID in every export,
/// whatever the filter or its position in the file.
fn uid(trip_key: &str, event_key: &str) -> String {
    format!(
        "{:016x}-{:016x}@itinerary",
        fnv1a(trip_key),
        fnv1a(event_key)
    )
}

/// FNV-1a, 64 bits: tiny and fixed forever, unlike std's hasher.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// A VTIMEZONE for `tz` covering the trip (a day either side): its offset at
/// the start and every transition until the end, from chrono-tz's data.
fn vtimezone(tz: Tz, start: NaiveDate, end: NaiveDate) -> String {
    let from = (start - Duration::days(1))
        .and_time(NaiveTime::MIN)
        .and_utc();
    let until = (end + Duration::days(2)).and_time(NaiveTime::MIN).and_utc();
    let offset_at = |t: DateTime<Utc>| tz.offset_from_utc_datetime(&t.naive_utc());
    let mut out = format!("BEGIN:VTIMEZONE\r\nTZID:{}\r\n", tz.name());
    let mut observance = |at: DateTime<Utc>, before: i32| {
        let off = offset_at(at);
        let kind = if off.dst_offset().is_zero() {
            "STANDARD"
        } else {
            "DAYLIGHT"
        };
        // DTSTART of an observance is the local time in the offset before it.
        let local = at.naive_utc() + Duration::seconds(before.into());
        out.push_str(&format!(
            "BEGIN:{kind}\r\nDTSTART:{}\r\nTZOFFSETFROM:{}\r\nTZOFFSETTO:{}\r\n",
            local.format("%Y%m%dT%H%M%S"),
            utc_offset(before),
            utc_offset(off.fix().local_minus_utc()),
        ));
        if let Some(name) = off
            .abbreviation()
            .filter(|n| n.chars().all(|c| c.is_ascii_alphabetic()))
        {
            out.push_str(&format!("TZNAME:{name}\r\n"));
        }
        out.push_str(&format!("END:{kind}\r\n"));
    };
    let initial = offset_at(from).fix().local_minus_utc();
    observance(from, initial);
    // Find each change hour by hour, then to the second by bisection.
    let mut t = from;
    let mut current = initial;
    while t < until {
        let next = t + Duration::hours(1);
        let off = offset_at(next).fix().local_minus_utc();
        if off != current {
            let (mut lo, mut hi) = (t, next);
            while hi - lo > Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if offset_at(mid).fix().local_minus_utc() == current {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            observance(hi, current);
            current = off;
        }
        t = next;
    }
    out.push_str("END:VTIMEZONE\r\n");
    out
}

/// `+0900`, `-0330`, `+053728` when seconds are needed.
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

/// Unfolds every content line and folds it again at 75 octets, never inside
/// a UTF-8 character, with CRLF line ends.
fn refold(text: &str) -> String {
    let unfolded = text.replace("\r\n ", "").replace("\r\n\t", "");
    let mut out = String::with_capacity(text.len() + text.len() / 32);
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        let mut rest = line;
        let mut limit = 75;
        while rest.len() > limit {
            let mut cut = limit;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            // Keep an escape (`\n`, `\,`) on one line: lenient readers
            // unescape before they unfold.
            let slashes = rest[..cut]
                .bytes()
                .rev()
                .take_while(|b| *b == b'\\')
                .count();
            if slashes % 2 == 1 {
                cut -= 1;
            }
            out.push_str(&rest[..cut]);
            out.push_str("\r\n ");
            rest = &rest[cut..];
            limit = 74; // the leading space counts
        }
        out.push_str(rest);
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_counts_octets_and_keeps_characters_whole() {
        let long = format!("SUMMARY:{}", "袁".repeat(40));
        let folded = refold(&format!("{long}\r\n"));
        for l in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{l:?} is {} octets", l.len());
        }
        assert_eq!(folded.replace("\r\n ", ""), format!("{long}\r\n"));
        assert_eq!(refold("A:b\r\n"), "A:b\r\n");
        let escapes = format!("DESCRIPTION:{}\\nafter\r\n", "x".repeat(62));
        let folded = refold(&escapes);
        assert!(
            folded.starts_with(&format!("DESCRIPTION:{}\r\n \\n", "x".repeat(62))),
            "{folded}"
        );
    }

    #[test]
    fn offsets_and_tokyo_zone() {
        assert_eq!(utc_offset(9 * 3600), "+0900");
        assert_eq!(utc_offset(-(3 * 3600 + 1800)), "-0330");
        let d = NaiveDate::from_ymd_opt(2018, 8, 28).unwrap();
        assert_eq!(
            vtimezone(chrono_tz::Asia::Tokyo, d, d),
            "BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo\r\nBEGIN:STANDARD\r\nDTSTART:20180827T090000\r\n\
             TZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\nTZNAME:JST\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
        );
    }

    #[test]
    fn a_dst_change_in_the_trip_is_an_observance() {
        // Europe/Berlin went to summer time at 01:00 UTC on 2018-03-25.
        let tz = vtimezone(
            chrono_tz::Europe::Berlin,
            NaiveDate::from_ymd_opt(2018, 3, 24).unwrap(),
            NaiveDate::from_ymd_opt(2018, 3, 26).unwrap(),
        );
        assert!(tz.contains(
            "BEGIN:DAYLIGHT\r\nDTSTART:20180325T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nEND:DAYLIGHT\r\n"
        ), "{tz}");
    }
}
