//! The one place times, spans and dates become text, for the screen and
//! for every export: each format is written once, so the timeline, the
//! details, Markdown, plain text, JSON and iCalendar cannot drift apart.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};

/// `10:30`, the way the screen shows every time.
pub fn hhmm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

/// `10:30`, or `10:30:15` when the file gave seconds: the exports keep
/// what the file said.
pub fn time(t: NaiveTime) -> String {
    if t.second() == 0 { hhmm(t) } else { hms(t) }
}

/// `10:30:15`: a clock time with its seconds (when a version was read).
pub fn hms(t: NaiveTime) -> String {
    t.format("%H:%M:%S").to_string()
}

/// An event's time as the timeline's column shows it: "10:00-12:00",
/// "10:00", "until 12:00", "time not set".
pub fn span(start: Option<NaiveTime>, end: Option<NaiveTime>) -> String {
    match (start, end) {
        (Some(s), Some(e)) => format!("{}-{}", hhmm(s), hhmm(e)),
        (Some(s), None) => hhmm(s),
        (None, Some(e)) => format!("until {}", hhmm(e)),
        (None, None) => "time not set".into(),
    }
}

/// `2018-08-28`.
pub fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// "Tue 28 Aug 2018": a day's date in the timeline's title and the details.
pub fn day(d: NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

/// "Tue 28 Aug": a day tab.
pub fn tab_day(d: NaiveDate) -> String {
    d.format("%a %-d %b").to_string()
}

/// "Tuesday 28 August 2018": a day's heading in prose.
pub fn long_day(d: NaiveDate) -> String {
    d.format("%A %-d %B %Y").to_string()
}

/// "Tuesday".
pub fn weekday(d: NaiveDate) -> String {
    d.format("%A").to_string()
}

/// "26-30 Aug 2018", "30 Aug - 2 Sep 2018", "30 Dec 2018 - 2 Jan 2019":
/// the trip's dates, short (the weekdays are on the tabs).
pub fn dates(start: NaiveDate, end: NaiveDate) -> String {
    let last = end.format("%-d %b %Y");
    if start == end {
        last.to_string()
    } else if start.year() != end.year() {
        format!("{} - {last}", start.format("%-d %b %Y"))
    } else if start.month() != end.month() {
        format!("{} - {last}", start.format("%-d %b"))
    } else {
        format!("{}-{last}", start.format("%-d"))
    }
}

/// The home clock's day beside the trip's, short, for the time column:
/// `""` the same day, ` -1d`, ` +1d`, ` -2d`…
pub fn day_mark(trip_date: NaiveDate, home_date: NaiveDate) -> String {
    match (home_date - trip_date).num_days() {
        0 => String::new(),
        n => format!(" {n:+}d"),
    }
}

/// An event's times on the home clock for the time column: `04:00-06:00`,
/// `23:30-01:00 -1d` (the mark is the first time's day), `14:00`, `until
/// 03:15`; empty without times.
pub fn home_span(
    trip_date: NaiveDate,
    start: Option<NaiveDateTime>,
    end: Option<NaiveDateTime>,
) -> String {
    let first = start.or(end).map(|t| t.date());
    let text = span(start.map(|t| t.time()), end.map(|t| t.time()));
    match first {
        Some(d) => format!("{text}{}", day_mark(trip_date, d)),
        None => String::new(),
    }
}

/// An event's times on the home clock in words, as the details and the
/// exports write them beside the trip's: `17:00–19:00 prev day`, `23:00
/// prev day–01:00`, each time with its day when that is not the trip's
/// (once after both when they share it); `dash` between them.
pub fn home_clock(
    trip_date: NaiveDate,
    start: Option<NaiveDateTime>,
    end: Option<NaiveDateTime>,
    dash: &str,
) -> String {
    let part = |t: Option<NaiveDateTime>| {
        t.map(|t| (time(t.time()), crate::clock::day_shift(trip_date, t.date())))
    };
    let with = |(t, shift): (String, String)| {
        if shift.is_empty() {
            t
        } else {
            format!("{t} {shift}")
        }
    };
    match (part(start), part(end)) {
        (Some(a), Some(b)) if a.1 == b.1 => with((format!("{}{dash}{}", a.0, b.0), a.1)),
        (Some(a), Some(b)) => format!("{}{dash}{}", with(a), with(b)),
        (Some(a), None) => with(a),
        (None, Some(b)) => with(b),
        (None, None) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32, s: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, s).unwrap_or_default()
    }

    #[test]
    fn times_spans_and_dates() {
        assert_eq!(span(Some(t(9, 0, 0)), Some(t(12, 0, 0))), "09:00-12:00");
        assert_eq!(span(Some(t(9, 0, 0)), None), "09:00");
        assert_eq!(span(None, Some(t(12, 0, 0))), "until 12:00");
        assert_eq!(span(None, None), "time not set");
        assert_eq!(time(t(10, 30, 0)), "10:30");
        assert_eq!(time(t(10, 30, 15)), "10:30:15");
        let d = NaiveDate::from_ymd_opt(2018, 8, 28).unwrap_or_default();
        assert_eq!(
            (day(d), tab_day(d), long_day(d), iso(d)),
            (
                "Tue 28 Aug 2018".to_string(),
                "Tue 28 Aug".to_string(),
                "Tuesday 28 August 2018".to_string(),
                "2018-08-28".to_string()
            )
        );
    }

    #[test]
    fn home_times_carry_their_day_when_it_is_not_the_trips() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 3, day).unwrap_or_default();
        let at = |day, h, m| Some(d(day).and_time(t(h, m, 0)));
        assert_eq!(home_span(d(20), at(20, 4, 0), at(20, 6, 0)), "04:00-06:00");
        assert_eq!(
            home_span(d(20), at(19, 23, 30), at(20, 1, 0)),
            "23:30-01:00 -1d"
        );
        assert_eq!(home_span(d(20), None, at(21, 3, 15)), "until 03:15 +1d");
        assert_eq!(home_span(d(20), None, None), "");
        assert_eq!(
            home_clock(d(20), at(19, 17, 0), at(19, 19, 0), "–"),
            "17:00–19:00 prev day"
        );
        assert_eq!(
            home_clock(d(20), at(19, 23, 0), at(20, 1, 0), "-"),
            "23:00 prev day-01:00"
        );
        assert_eq!(home_clock(d(20), at(21, 2, 0), None, "-"), "02:00 next day");
    }

    #[test]
    fn dates_say_the_month_and_year_once_when_shared() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default();
        assert_eq!(dates(d(2018, 8, 26), d(2018, 8, 30)), "26-30 Aug 2018");
        assert_eq!(dates(d(2018, 8, 30), d(2018, 9, 2)), "30 Aug - 2 Sep 2018");
        assert_eq!(
            dates(d(2018, 12, 30), d(2019, 1, 2)),
            "30 Dec 2018 - 2 Jan 2019"
        );
        assert_eq!(dates(d(2018, 8, 26), d(2018, 8, 26)), "26 Aug 2018");
    }
}
