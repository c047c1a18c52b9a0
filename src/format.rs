//! The one place times, spans and dates become text, for the screen and
//! for every export: each format is written once, so the timeline, the
//! details, Markdown, plain text, JSON and iCalendar cannot drift apart.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};

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

/// An event's times as prose writes them (the details of the exports):
/// "10:00–12:00", "from 10:00", "until 12:00", "time not set", each time
/// with its seconds when the file gave them.
pub fn when(start: Option<NaiveTime>, end: Option<NaiveTime>) -> String {
    match (start, end) {
        (Some(a), Some(b)) => format!("{}–{}", time(a), time(b)),
        (Some(a), None) => format!("from {}", time(a)),
        (None, Some(b)) => format!("until {}", time(b)),
        (None, None) => "time not set".into(),
    }
}

/// `2018-08-28`.
pub fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// `2026-03-20T05:00` (`T05:00:15` with seconds): a local date and time,
/// as JSON writes the home clock's.
pub fn iso_local(t: NaiveDateTime) -> String {
    format!("{}T{}", iso(t.date()), time(t.time()))
}

/// `20180325T020000`: a local date and time in iCalendar's form (RFC 5545
/// §3.3.5, the VTIMEZONE's DTSTART).
pub fn ics_local(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

/// `+0900`, `-0330`, `+053728` when seconds are needed: an offset from UTC
/// in seconds, as iCalendar's TZOFFSETFROM and TZOFFSETTO write it.
pub fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, s / 60 % 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
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
pub fn weekday(w: Weekday) -> &'static str {
    const NAMES: [&str; 7] = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    NAMES[w.num_days_from_monday() as usize]
}

/// A length of time in words: `1 h`, `30 min`, `1 h 30 min`, `0 min`;
/// seconds are dropped (rounded down).
pub fn duration(d: Duration) -> String {
    let minutes = d.num_minutes().max(0);
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// How a home date stands to the trip's: `""` the same day, `prev day`,
/// `next day`, `2 days before`…
pub fn day_shift(trip_date: NaiveDate, home_date: NaiveDate) -> String {
    match (home_date - trip_date).num_days() {
        0 => String::new(),
        -1 => "prev day".into(),
        1 => "next day".into(),
        n if n < 0 => format!("{} days before", -n),
        n => format!("{n} days after"),
    }
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
    let part =
        |t: Option<NaiveDateTime>| t.map(|t| (time(t.time()), day_shift(trip_date, t.date())));
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

/// "1 stop", "3 stops": a count with the noun that agrees with it.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A name made safe for a file name or an id: transliterated to ASCII
/// (`deunicode`: "Ünïcode" → `unicode`, "袁家军" → `yuan-jia-jun`), then
/// `[a-z0-9-]`, words joined by one hyphen, no hyphen at either end, at
/// most `max` long (cut at a word where one ends in time). Empty when
/// nothing is left.
pub fn slug(text: &str, max: usize) -> String {
    let mut out = String::new();
    for c in deunicode::deunicode(text).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    if out.len() > max {
        let cut = out[..=max].rfind('-').filter(|&i| i > 0).unwrap_or(max);
        out.truncate(cut);
    }
    out.trim_end_matches('-').to_string()
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
    fn lengths_and_day_shifts_in_words() {
        assert_eq!(duration(Duration::minutes(90)), "1 h 30 min");
        assert_eq!(duration(Duration::minutes(60)), "1 h");
        assert_eq!(duration(Duration::minutes(30)), "30 min");
        assert_eq!(duration(Duration::seconds(59)), "0 min");
        let d = |day| NaiveDate::from_ymd_opt(2026, 3, day).unwrap_or_default();
        assert_eq!(day_shift(d(20), d(20)), "");
        assert_eq!(day_shift(d(20), d(19)), "prev day");
        assert_eq!(day_shift(d(20), d(21)), "next day");
        assert_eq!(day_shift(d(20), d(18)), "2 days before");
        assert_eq!(day_shift(d(20), d(23)), "3 days after");
    }

    #[test]
    fn prose_times_offsets_and_local_stamps() {
        assert_eq!(
            when(Some(t(10, 0, 0)), Some(t(12, 0, 15))),
            "10:00–12:00:15"
        );
        assert_eq!(when(Some(t(10, 0, 0)), None), "from 10:00");
        assert_eq!(when(None, Some(t(12, 0, 0))), "until 12:00");
        assert_eq!(when(None, None), "time not set");
        assert_eq!(utc_offset(9 * 3600), "+0900");
        assert_eq!(utc_offset(-(3 * 3600 + 1800)), "-0330");
        assert_eq!(utc_offset(5 * 3600 + 37 * 60 + 28), "+053728");
        let at = NaiveDate::from_ymd_opt(2026, 3, 20)
            .unwrap_or_default()
            .and_time(t(5, 0, 0));
        assert_eq!(iso_local(at), "2026-03-20T05:00");
        assert_eq!(iso_local(at + Duration::seconds(15)), "2026-03-20T05:00:15");
        assert_eq!(ics_local(at), "20260320T050000");
        let monday = NaiveDate::from_ymd_opt(2018, 8, 27).unwrap_or_default();
        let names: Vec<&str> = (0..7)
            .map(|i| weekday((monday + Duration::days(i)).weekday()))
            .collect();
        assert_eq!(
            names,
            [
                "Monday",
                "Tuesday",
                "Wednesday",
                "Thursday",
                "Friday",
                "Saturday",
                "Sunday"
            ]
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

    #[test]
    fn the_noun_agrees_with_the_count() {
        assert_eq!(super::count(0, "person", "people"), "0 people");
        assert_eq!(super::count(1, "person", "people"), "1 person");
        assert_eq!(super::count(2, "warning", "warnings"), "2 warnings");
    }
}
