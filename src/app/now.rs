//! Now and next: at a moment of the trip, the event under way and the one
//! that comes next. Pure functions of the trip, the filter and a local
//! date-time in the trip's zone; the browser asks once a minute, not per
//! frame.
//!
//! An event is *under way* from its start until its end, both set (an
//! event with one time is a moment, not a span); when several are, the one
//! that started last (a meeting inside its stop, so the closer answer).
//! The *next* event is the first that starts after now: today's, else the
//! first timed one of a later day. Cancelled events are neither, and what
//! the filter hides is not asked about.

use chrono::{Duration, NaiveDateTime, NaiveTime};

use crate::clock;
use crate::model::{DayRef, Event, EventRef, Filter, Status, Trip};

/// What is under way and what is next at a moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct NowNext {
    /// The event under way, and when it ends.
    pub now: Option<(EventRef, NaiveTime)>,
    /// The next event, and when (its date may be a later day's).
    pub next: Option<(EventRef, NaiveDateTime)>,
}

/// Whether an event counts at all: shown by the filter and not cancelled.
fn counts(filter: &Filter, e: &Event<'_>) -> bool {
    filter.shows(e) && e.status() != Status::Cancelled
}

/// Now and next at `now`; nothing when `now` is not a day of the trip.
/// Costs the events of today, and of the days up to the next timed event.
pub fn at(trip: &Trip, filter: &Filter, now: NaiveDateTime) -> NowNext {
    let Some(today) = trip.day_index(now.date()) else {
        return NowNext::default();
    };
    let time = now.time();
    let mut under_way: Option<(EventRef, NaiveTime, NaiveTime)> = None;
    let mut next: Option<(EventRef, NaiveTime)> = None;
    for (r, e) in trip
        .events(DayRef::Day(today))
        .filter(|(_, e)| counts(filter, e))
    {
        if let (Some(s), Some(end)) = (e.start(), e.end())
            && s <= time
            && time < end
            && under_way.is_none_or(|(_, best, _)| s >= best)
        {
            under_way = Some((r, s, end));
        }
        if let Some(s) = e.start()
            && s > time
            && next.is_none_or(|(_, best)| s < best)
        {
            next = Some((r, s));
        }
    }
    let next = match next {
        Some((r, s)) => Some((r, now.date().and_time(s))),
        None => trip
            .days
            .iter()
            .enumerate()
            .skip(today + 1)
            .find_map(|(i, d)| {
                trip.events(DayRef::Day(i))
                    .filter(|(_, e)| counts(filter, e))
                    .filter_map(|(r, e)| Some((r, e.start()?)))
                    .min_by_key(|(_, s)| *s)
                    .map(|(r, s)| (r, d.date.and_time(s)))
            }),
    };
    NowNext {
        now: under_way.map(|(r, _, end)| (r, end)),
        next,
    }
}

/// Whether an event is over at `now`: its end (or its one time) has passed
/// on its day. Unscheduled and untimed events are never over.
pub fn is_over(trip: &Trip, r: EventRef, now: NaiveDateTime) -> bool {
    let (DayRef::Day(i), Some(e)) = (r.day, trip.event(r)) else {
        return false;
    };
    let Some(date) = trip.days.get(i).map(|d| d.date) else {
        return false;
    };
    match e.end().or(e.start()) {
        Some(t) => date.and_time(t) <= now,
        None => date < now.date(),
    }
}

/// The real time from `now` to `then`, both local to the trip's zone:
/// across a change of its clocks, the hours that really pass.
pub fn time_left(trip: &Trip, now: NaiveDateTime, then: NaiveDateTime) -> Duration {
    clock::instant(trip.timezone, then) - clock::instant(trip.timezone, now)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;

    const TRIP: &str = r#"
[trip]
title = "T"
start = 2026-03-28
end = 2026-03-30
timezone = "Europe/Berlin"

[[day]]
date = 2026-03-28

[[day.stop]]
place = "City Hall"
arrive = 10:00
depart = 12:00

[[day.stop.meeting]]
title = "Talks"
start = 10:30
end = 11:30

[[day.stop]]
place = "Cancelled lunch"
arrive = 12:30
status = "cancelled"

[[day.stop]]
place = "Works"
arrive = 14:00

[[day]]
date = 2026-03-29

[[day.stop]]
place = "Night train"
arrive = 01:30
depart = 03:30

[[day]]
date = 2026-03-30

[[day.stop]]
place = "Untimed"
"#;

    fn at_<'a>(trip: &'a Trip, s: &str) -> (Option<&'a str>, Option<String>) {
        let now = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap();
        let nn = at(trip, &Filter::default(), now);
        let title = |r: EventRef| trip.event(r).unwrap().title();
        (
            nn.now.map(|(r, _)| title(r)),
            nn.next.map(|(r, at)| format!("{} {at}", title(r))),
        )
    }

    #[test]
    fn under_way_is_the_latest_started_and_next_the_first_to_start() {
        let trip = load::load_str(TRIP).unwrap().trip;
        assert_eq!(
            at_(&trip, "2026-03-28T09:00"),
            (None, Some("City Hall 2026-03-28 10:00:00".into()))
        );
        assert_eq!(
            at_(&trip, "2026-03-28T10:15"),
            (Some("City Hall"), Some("Talks 2026-03-28 10:30:00".into()))
        );
        assert_eq!(
            at_(&trip, "2026-03-28T10:30"),
            (Some("Talks"), Some("Works 2026-03-28 14:00:00".into()))
        );
        // The cancelled lunch is not next; the end of a span is not in it.
        assert_eq!(
            at_(&trip, "2026-03-28T12:00"),
            (None, Some("Works 2026-03-28 14:00:00".into()))
        );
        // Nothing more today: the first timed event of a later day.
        assert_eq!(
            at_(&trip, "2026-03-28T15:00"),
            (None, Some("Night train 2026-03-29 01:30:00".into()))
        );
        assert_eq!(at_(&trip, "2026-03-29T04:00"), (None, None));
        assert_eq!(at_(&trip, "2026-03-31T10:00"), (None, None));
    }

    #[test]
    fn time_left_across_the_change_is_real_time() {
        let trip = load::load_str(TRIP).unwrap().trip;
        let t = |s| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap();
        assert_eq!(
            time_left(&trip, t("2026-03-29T01:30"), t("2026-03-29T03:30")),
            Duration::hours(1)
        );
        assert_eq!(
            time_left(&trip, t("2026-03-28T23:30"), t("2026-03-29T03:30")),
            Duration::hours(3)
        );
    }

    #[test]
    fn an_event_is_over_once_its_end_has_passed() {
        let trip = load::load_str(TRIP).unwrap().trip;
        let t = |s| NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap();
        let city = EventRef {
            day: DayRef::Day(0),
            stop: 0,
            meeting: None,
        };
        assert!(!is_over(&trip, city, t("2026-03-28T11:59")));
        assert!(is_over(&trip, city, t("2026-03-28T12:00")));
        let untimed = EventRef {
            day: DayRef::Day(2),
            stop: 0,
            meeting: None,
        };
        assert!(!is_over(&trip, untimed, t("2026-03-30T23:00")));
        assert!(is_over(&trip, untimed, t("2026-03-31T00:00")));
    }
}
