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

/// The one form a time of day takes in the file, quoted or not, as every
/// message about a time words it.
pub const TIME_FORM: &str = "HH:MM or HH:MM:SS, two digits each (24-hour clock)";

/// A time as the file gives it: a TOML value (`arrive = 09:30`, or a date
/// or date-time given in its place) or text (`arrive = "09:30"`).
#[derive(Debug, Clone, Copy)]
pub enum TimeValue<'a> {
    Toml(&'a Datetime),
    Text(&'a str),
}

/// Why a value is not a time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadTime {
    /// Not in [`TIME_FORM`]: a one-digit hour, spaces around it, a fraction
    /// of a second. `meant` is the time it plainly means, when there is no
    /// doubt (`"9:30"`, `" 10:30 "`, `10:30:00.5`; not `"9:5"`).
    Form { meant: Option<NaiveTime> },
    /// In the form, but a time no clock shows (`"24:00"`, `23:59:60`).
    NoSuchTime,
    /// A TOML date or date-time, not a time of day.
    NotATime,
}

/// Reads a time of day by the one rule of the file format: [`TIME_FORM`],
/// written as a TOML local time or as text, which read alike. Every loader
/// path (the document walk, the event stream, the split load) reads times
/// through this function alone, so they accept and refuse the same ones.
pub fn read_time(value: TimeValue<'_>) -> Result<NaiveTime, BadTime> {
    match value {
        TimeValue::Toml(d) => match (d.date, d.time, d.offset) {
            (None, Some(t), None) => {
                let time = NaiveTime::from_hms_opt(
                    t.hour.into(),
                    t.minute.into(),
                    t.second.unwrap_or(0).into(),
                );
                match (time, t.nanosecond) {
                    (None, _) => Err(BadTime::NoSuchTime),
                    (Some(time), Some(_)) => Err(BadTime::Form { meant: Some(time) }),
                    (Some(time), None) => Ok(time),
                }
            }
            _ => Err(BadTime::NotATime),
        },
        TimeValue::Text(s) => match in_form(s) {
            Some(Some(time)) => Ok(time),
            Some(None) => Err(BadTime::NoSuchTime),
            None => Err(BadTime::Form {
                meant: plainly_meant(s),
            }),
        },
    }
}

/// Text in [`TIME_FORM`] exactly: `Some` of the time, or of `None` when no
/// clock shows it; `None` when it is not in the form.
fn in_form(s: &str) -> Option<Option<NaiveTime>> {
    let b = s.as_bytes();
    let two = |i: usize| -> Option<u32> {
        match (b.get(i), b.get(i + 1)) {
            (Some(h @ b'0'..=b'9'), Some(l @ b'0'..=b'9')) => {
                Some(u32::from(h - b'0') * 10 + u32::from(l - b'0'))
            }
            _ => None,
        }
    };
    let (h, m) = (two(0)?, two(3)?);
    let sec = match b.len() {
        5 => 0,
        8 if b[5] == b':' => two(6)?,
        _ => return None,
    };
    (b[2] == b':').then(|| NaiveTime::from_hms_opt(h, m, sec))
}

/// The time a loosely written one plainly means, to suggest its right form:
/// spaces around it, a one-digit hour, a fraction of a second dropped. A
/// one-digit minute or second is in doubt (`9:5` may be 09:05 or 09:50).
fn plainly_meant(s: &str) -> Option<NaiveTime> {
    let s = s.trim();
    let s = match s.split_once('.') {
        Some((whole, frac)) if !frac.is_empty() && frac.bytes().all(|b| b.is_ascii_digit()) => {
            whole
        }
        Some(_) => return None,
        None => s,
    };
    let digits = |p: &str, lens: &[usize]| {
        (lens.contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let mut parts = s.split(':');
    let h = digits(parts.next()?, &[1, 2])?;
    let m = digits(parts.next()?, &[2])?;
    let sec = match parts.next() {
        Some(p) => digits(p, &[2])?,
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    NaiveTime::from_hms_opt(h, m, sec)
}

/// What to write instead of a time that is not in [`TIME_FORM`]: the rule,
/// and `key = <the right form>` when the time it means is plain.
pub fn time_help(key: Option<&str>, meant: Option<NaiveTime>) -> String {
    let assign = |value: String| match key {
        Some(key) => format!("{key} = {value}"),
        None => value,
    };
    match meant {
        Some(t) => format!("write a time as {TIME_FORM}: {}", assign(show_time(t))),
        None => format!(
            "write a time as {TIME_FORM}, such as {}",
            assign("09:30".into())
        ),
    }
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
    fn toml_local_dates_convert() {
        assert_eq!(
            local_date(&dt("2018-08-26")),
            NaiveDate::from_ymd_opt(2018, 8, 26)
        );
    }

    #[test]
    fn other_datetimes_are_not_dates_or_times() {
        for s in ["2018-08-26T10:00:00", "2018-08-26T10:00:00+09:00", "10:30"] {
            assert_eq!(local_date(&dt(s)), None, "{s}");
        }
        assert_eq!(
            datetime_kind(&dt("2018-08-26T10:00:00Z")),
            "a date-time with an offset"
        );
        assert_eq!(datetime_kind(&dt("2018-08-26T10:00:00")), "a date-time");
    }

    #[test]
    fn impossible_dates_and_times_are_refused() {
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

    fn text(s: &str) -> Result<NaiveTime, BadTime> {
        read_time(TimeValue::Text(s))
    }

    fn toml(s: &str) -> Result<NaiveTime, BadTime> {
        read_time(TimeValue::Toml(&dt(s)))
    }

    #[test]
    fn a_time_is_hh_mm_or_hh_mm_ss_quoted_or_not() {
        for (s, t) in [
            ("10:30", hm(10, 30)),
            ("09:05", hm(9, 5)),
            ("00:00", hm(0, 0)),
        ] {
            assert_eq!(text(s), Ok(t), "{s}");
            assert_eq!(toml(s), Ok(t), "{s}");
        }
        let secs = NaiveTime::from_hms_opt(23, 59, 59).unwrap();
        assert_eq!(text("23:59:59"), Ok(secs));
        assert_eq!(toml("23:59:59"), Ok(secs));
    }

    #[test]
    fn a_loosely_written_time_is_refused_with_what_it_means() {
        let form = |meant| Err(BadTime::Form { meant });
        assert_eq!(text("9:30"), form(Some(hm(9, 30))));
        assert_eq!(text(" 10:30 "), form(Some(hm(10, 30))));
        assert_eq!(text("10:30:00.5"), form(Some(hm(10, 30))));
        assert_eq!(toml("10:30:00.5"), form(Some(hm(10, 30))));
        assert_eq!(
            toml("10:30:05.25"),
            form(NaiveTime::from_hms_opt(10, 30, 5))
        );
        // 09:05 or 09:50: in doubt, so no guess.
        for bad in [
            "9:5", "10:3", "10h30", "10:30 am", "", "10", "1030", "-1:00", "10:30Z",
        ] {
            assert_eq!(text(bad), form(None), "{bad:?}");
        }
    }

    #[test]
    fn a_time_no_clock_shows_is_refused() {
        for bad in ["24:00", "10:60", "23:59:60"] {
            assert_eq!(text(bad), Err(BadTime::NoSuchTime), "{bad}");
        }
        assert_eq!(toml("23:59:60"), Err(BadTime::NoSuchTime));
        for date in ["2018-08-26", "2018-08-26T10:00:00", "2018-08-26T10:00:00Z"] {
            assert_eq!(toml(date), Err(BadTime::NotATime), "{date}");
        }
    }

    #[test]
    fn the_help_states_the_rule_and_the_right_form() {
        assert_eq!(
            time_help(Some("arrive"), Some(hm(9, 30))),
            "write a time as HH:MM or HH:MM:SS, two digits each (24-hour clock): arrive = 09:30"
        );
        assert_eq!(
            time_help(None, None),
            "write a time as HH:MM or HH:MM:SS, two digits each (24-hour clock), such as 09:30"
        );
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
