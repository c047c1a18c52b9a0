//! TOML dates and times to chrono. serde's chrono support expects strings,
//! while a TOML file gives `toml::value::Datetime`; this is the bridge.

use chrono::{NaiveDate, NaiveTime, Timelike};
use toml::value::Datetime;

/// What kind of TOML date/time a value is, for messages ("not a date-time").
pub fn datetime_kind(d: &Datetime) -> &'static str {
    match (d.date, d.time, d.offset) {
        (Some(_), None, _) => "a date",
        (None, _, _) => "a time",
        (Some(_), Some(_), None) => "a date-time",
        (Some(_), Some(_), Some(_)) => "a date-time with an offset",
    }
}

/// A TOML local date (`2018-08-26`); `None` for anything else or a day the
/// calendar does not have.
pub fn local_date(d: &Datetime) -> Option<NaiveDate> {
    match (d.date, d.time, d.offset) {
        (Some(d), None, None) => {
            NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
        }
        _ => None,
    }
}

/// A TOML local time (`10:30`, `10:30:00`, `10:30:00.5`); `None` for
/// anything else or a time that does not exist (a leap second).
pub fn local_time(d: &Datetime) -> Option<NaiveTime> {
    match (d.date, d.time, d.offset) {
        (None, Some(t), None) => NaiveTime::from_hms_nano_opt(
            t.hour.into(),
            t.minute.into(),
            t.second.unwrap_or(0).into(),
            t.nanosecond.unwrap_or(0),
        ),
        _ => None,
    }
}

/// A time written as a string: `"10:30"` or `"10:30:00"`, hours 0–23.
pub fn time_from_str(s: &str) -> Option<NaiveTime> {
    let s = s.trim();
    // chrono accepts a one-digit hour; so do we ("9:30"), but nothing else loose.
    if !s.bytes().all(|b| b.is_ascii_digit() || b == b':') {
        return None;
    }
    NaiveTime::parse_from_str(s, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(s, "%H:%M"))
        .ok()
}

/// A date written as a string (`"2018-08-26"`), only to suggest dropping the quotes.
pub fn date_from_str(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

/// `10:30`, `10:30:15` when there are seconds, `10:30:00.500` with a fraction.
pub fn show_time(t: NaiveTime) -> String {
    let format = match (t.second(), t.nanosecond()) {
        (0, 0) => "%H:%M",
        (_, 0) => "%H:%M:%S",
        _ => "%H:%M:%S%.f",
    };
    t.format(format).to_string()
}

/// `10:00–12:00`, `10:00` (no end), `until 12:00` (no start), `no time`.
pub fn show_span(start: Option<NaiveTime>, end: Option<NaiveTime>) -> String {
    match (start, end) {
        (Some(s), Some(e)) if s != e => format!("{}–{}", show_time(s), show_time(e)),
        (Some(s), _) => show_time(s),
        (None, Some(e)) => format!("until {}", show_time(e)),
        (None, None) => "no time".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dt(s: &str) -> Datetime {
        s.parse().unwrap()
    }

    fn hm(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn toml_local_dates_and_times_convert() {
        assert_eq!(
            local_date(&dt("2018-08-26")),
            NaiveDate::from_ymd_opt(2018, 8, 26)
        );
        assert_eq!(local_time(&dt("10:30")), Some(hm(10, 30)));
        assert_eq!(local_time(&dt("10:30:00")), Some(hm(10, 30)));
        assert_eq!(
            local_time(&dt("10:30:05.25")),
            NaiveTime::from_hms_milli_opt(10, 30, 5, 250)
        );
    }

    #[test]
    fn other_datetimes_are_not_dates_or_times() {
        for s in ["2018-08-26T10:00:00", "2018-08-26T10:00:00+09:00", "10:30"] {
            assert_eq!(local_date(&dt(s)), None, "{s}");
        }
        for s in ["2018-08-26T10:00:00", "2018-08-26T10:00:00Z", "2018-08-26"] {
            assert_eq!(local_time(&dt(s)), None, "{s}");
        }
        assert_eq!(
            datetime_kind(&dt("2018-08-26T10:00:00Z")),
            "a date-time with an offset"
        );
        assert_eq!(datetime_kind(&dt("2018-08-26T10:00:00")), "a date-time");
    }

    #[test]
    fn impossible_dates_and_times_are_refused() {
        assert_eq!(local_time(&dt("23:59:60")), None);
        // toml checks the calendar itself; a value built by hand still must not panic.
        let feb30 = Datetime {
            date: Some(toml::value::Date {
                year: 2019,
                month: 2,
                day: 30,
            }),
            time: None,
            offset: None,
        };
        assert_eq!(local_date(&feb30), None);
    }

    #[test]
    fn times_written_as_strings_are_accepted() {
        assert_eq!(time_from_str("10:30"), Some(hm(10, 30)));
        assert_eq!(time_from_str("10:30:00"), Some(hm(10, 30)));
        assert_eq!(time_from_str("9:05"), Some(hm(9, 5)));
        for bad in ["24:00", "10h30", "10:30 am", "", "10", "10:60", "-1:00"] {
            assert_eq!(time_from_str(bad), None, "{bad}");
        }
    }

    #[test]
    fn times_show_seconds_only_when_set() {
        assert_eq!(show_time(hm(9, 5)), "09:05");
        assert_eq!(
            show_time(NaiveTime::from_hms_opt(9, 5, 7).unwrap()),
            "09:05:07"
        );
        let half = NaiveTime::from_hms_milli_opt(9, 5, 0, 500).unwrap();
        assert_eq!(show_time(half), "09:05:00.500");
        assert_eq!(show_span(Some(hm(10, 0)), Some(hm(12, 0))), "10:00–12:00");
        assert_eq!(show_span(Some(hm(10, 0)), None), "10:00");
        assert_eq!(show_span(None, Some(hm(12, 0))), "until 12:00");
    }
}
