//! Time zones of an imported calendar: a `TZID` is read as an IANA zone
//! when it names one (exactly, in any case, at the end of a path such as
//! `/mozilla.org/20050126_1/Europe/Berlin`, through its VTIMEZONE's
//! `X-LIC-LOCATION`, or as a Windows zone name such as `Tokyo Standard
//! Time`); otherwise by the offsets its VTIMEZONE gives.

use std::collections::HashMap;

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone, Weekday};
use chrono_tz::Tz;

use super::read::Component;

/// How a `TZID` is read.
#[derive(Debug, Clone, PartialEq)]
pub enum Zone {
    /// An IANA zone (`how` says why, for the messages).
    Iana { tz: Tz, how: &'static str },
    /// A zone known only from the file's VTIMEZONE.
    Defined(Definition),
    /// Neither: the times are taken as they are written.
    Unknown,
}

/// A VTIMEZONE as offsets that start at local times.
#[derive(Debug, Clone, PartialEq)]
pub struct Definition {
    /// The line of its BEGIN:VTIMEZONE.
    pub line: usize,
    observances: Vec<Observance>,
}

#[derive(Debug, Clone, PartialEq)]
struct Observance {
    /// Local times at which this offset starts, besides its rule.
    onsets: Vec<NaiveDateTime>,
    rule: Option<Rule>,
    /// Seconds east of UTC.
    offset: i32,
}

/// The yearly rules VTIMEZONEs use: a month, and a day in it given by an
/// ordinal weekday (`-1SU`), a weekday among month days, or a month day.
#[derive(Debug, Clone, PartialEq)]
struct Rule {
    start: NaiveDateTime,
    month: u32,
    nth: Option<(i64, Weekday)>,
    weekday: Option<Weekday>,
    monthdays: Vec<i64>,
    until: Option<NaiveDateTime>,
    count: Option<i32>,
}

/// The zones a calendar defines or names, and what could not be read in them.
#[derive(Debug, Default)]
pub struct Zones {
    defined: HashMap<String, (usize, Option<Definition>, Option<String>)>,
    /// Lines of VTIMEZONEs with a part this reader does not evaluate.
    pub problems: Vec<(usize, String)>,
}

impl Zones {
    /// The VTIMEZONEs of some calendars.
    pub fn of(calendars: &[&Component]) -> Zones {
        let mut zones = Zones::default();
        let all = calendars.iter().flat_map(|c| &c.children);
        for tz in all.filter(|c| c.name == "VTIMEZONE") {
            let Some(id) = tz.prop("TZID") else {
                zones
                    .problems
                    .push((tz.line, "VTIMEZONE without a TZID; skipped".into()));
                continue;
            };
            let location = tz.prop("X-LIC-LOCATION").map(|p| p.value.clone());
            let definition = definition(tz, &mut zones.problems);
            zones
                .defined
                .insert(id.value.clone(), (tz.line, definition, location));
        }
        zones
    }

    /// How a `TZID` is read.
    pub fn resolve(&self, tzid: &str) -> Zone {
        let defined = self.defined.get(tzid);
        if let Some(tz) = iana(tzid) {
            return Zone::Iana { tz, how: "" };
        }
        if let Some(tz) = defined.and_then(|(_, _, loc)| loc.as_deref().and_then(iana)) {
            return Zone::Iana {
                tz,
                how: "its VTIMEZONE's X-LIC-LOCATION",
            };
        }
        if let Ok(w) = tzid.trim().parse::<windows_timezones::WindowsTimezone>() {
            return Zone::Iana {
                tz: w.into(),
                how: "a Windows zone name",
            };
        }
        match defined {
            Some((_, Some(d), _)) => Zone::Defined(d.clone()),
            _ => Zone::Unknown,
        }
    }
}

/// An IANA zone named by `text`: exactly, ignoring case, or as the end of a
/// path (`/mozilla.org/20050126_1/Europe/Berlin`).
pub fn iana(text: &str) -> Option<Tz> {
    let text = text.trim();
    let exact = |s: &str| {
        s.parse::<Tz>().ok().or_else(|| {
            chrono_tz::TZ_VARIANTS
                .iter()
                .copied()
                .find(|tz| tz.name().eq_ignore_ascii_case(s))
        })
    };
    exact(text).or_else(|| {
        text.match_indices('/')
            .map(|(i, _)| &text[i + 1..])
            .filter(|rest| rest.contains('/'))
            .find_map(exact)
    })
}

impl Definition {
    /// The UTC instant of a local time in this zone: the offset of the
    /// latest onset at or before it (the first observance's before any).
    pub fn to_utc(&self, local: NaiveDateTime) -> NaiveDateTime {
        let latest = self
            .observances
            .iter()
            .filter_map(|o| o.latest_onset(local).map(|at| (at, o.offset)))
            .max_by_key(|(at, _)| *at);
        let offset = latest
            .map(|(_, off)| off)
            .or_else(|| {
                self.observances
                    .iter()
                    .min_by_key(|o| o.onsets.first().copied())
                    .map(|o| o.offset)
            })
            .unwrap_or(0);
        local - Duration::seconds(offset.into())
    }
}

impl Observance {
    fn latest_onset(&self, local: NaiveDateTime) -> Option<NaiveDateTime> {
        let listed = self.onsets.iter().copied().filter(|t| *t <= local).max();
        let ruled = self.rule.as_ref().and_then(|r| r.latest(local));
        listed.max(ruled)
    }
}

impl Rule {
    fn occurrence(&self, year: i32) -> Option<NaiveDateTime> {
        let first = NaiveDate::from_ymd_opt(year, self.month, 1)?;
        let next = if self.month == 12 {
            NaiveDate::from_ymd_opt(year + 1, 1, 1)?
        } else {
            NaiveDate::from_ymd_opt(year, self.month + 1, 1)?
        };
        let days: Vec<NaiveDate> = first.iter_days().take_while(|d| *d < next).collect();
        let len = i64::try_from(days.len()).ok()?;
        let date = if let Some((n, wd)) = self.nth {
            let matching: Vec<NaiveDate> = days.into_iter().filter(|d| d.weekday() == wd).collect();
            let count = i64::try_from(matching.len()).ok()?;
            let index = if n > 0 { n - 1 } else { count + n };
            matching.get(usize::try_from(index).ok()?).copied()
        } else {
            days.into_iter().find(|d| {
                let day = i64::from(d.day());
                self.weekday.is_none_or(|wd| d.weekday() == wd)
                    && (self.monthdays.is_empty()
                        || self
                            .monthdays
                            .iter()
                            .any(|m| *m == day || (*m < 0 && len + 1 + *m == day)))
            })
        }?;
        Some(date.and_time(self.start.time()))
    }

    fn latest(&self, local: NaiveDateTime) -> Option<NaiveDateTime> {
        let from = self.start.year();
        (from..=local.year())
            .rev()
            .take(2)
            .filter_map(|y| self.occurrence(y).map(|t| (y, t)))
            .find(|(y, t)| {
                *t <= local
                    && *t >= self.start
                    && self.until.is_none_or(|u| *t <= u + Duration::days(1))
                    && self.count.is_none_or(|c| y - from < c)
            })
            .map(|(_, t)| t)
    }
}

/// `+0900`, `-0330`, `+053728` as seconds east of UTC.
pub fn offset(text: &str) -> Option<i32> {
    let text = text.trim();
    let (sign, digits) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    if !(digits.len() == 4 || digits.len() == 6) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| digits.get(r).and_then(|s| s.parse::<i32>().ok());
    let (h, m, s) = (n(0..2)?, n(2..4)?, n(4..6).unwrap_or(0));
    (h < 24 && m < 60 && s < 60).then_some(sign * (h * 3600 + m * 60 + s))
}

/// A local date-time `YYYYMMDDTHHMMSS` (a trailing `Z` allowed).
pub fn local_date_time(text: &str) -> Option<NaiveDateTime> {
    let text = text.trim().trim_end_matches(['Z', 'z']);
    NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%S").ok()
}

fn definition(tz: &Component, problems: &mut Vec<(usize, String)>) -> Option<Definition> {
    let mut observances = Vec::new();
    for o in tz
        .children
        .iter()
        .filter(|c| c.name == "STANDARD" || c.name == "DAYLIGHT")
    {
        let Some(to) = o.prop("TZOFFSETTO").and_then(|p| offset(&p.value)) else {
            problems.push((
                o.line,
                format!("{} without a readable TZOFFSETTO; skipped", o.name),
            ));
            continue;
        };
        let Some(start) = o.prop("DTSTART").and_then(|p| local_date_time(&p.value)) else {
            problems.push((
                o.line,
                format!("{} without a readable DTSTART; skipped", o.name),
            ));
            continue;
        };
        let mut onsets = vec![start];
        for p in o.props_named("RDATE") {
            onsets.extend(p.value.split(',').filter_map(local_date_time));
        }
        let rule = match o.prop("RRULE") {
            None => None,
            Some(p) => {
                let rule = rule(&p.value, start);
                if rule.is_none() {
                    problems.push((
                        p.line,
                        format!(
                            "time zone rule {} is not one this reader evaluates; only its start is used",
                            p.value
                        ),
                    ));
                }
                rule
            }
        };
        observances.push(Observance {
            onsets,
            rule,
            offset: to,
        });
    }
    (!observances.is_empty()).then_some(Definition {
        line: tz.line,
        observances,
    })
}

fn weekday(text: &str) -> Option<Weekday> {
    Some(match text {
        "MO" => Weekday::Mon,
        "TU" => Weekday::Tue,
        "WE" => Weekday::Wed,
        "TH" => Weekday::Thu,
        "FR" => Weekday::Fri,
        "SA" => Weekday::Sat,
        "SU" => Weekday::Sun,
        _ => return None,
    })
}

/// A yearly RRULE of a VTIMEZONE observance; `None` for any other rule.
fn rule(text: &str, start: NaiveDateTime) -> Option<Rule> {
    let mut rule = Rule {
        start,
        month: start.month(),
        nth: None,
        weekday: None,
        monthdays: Vec::new(),
        until: None,
        count: None,
    };
    let mut yearly = false;
    for part in text.split(';') {
        let (key, value) = part.split_once('=')?;
        match key.to_ascii_uppercase().as_str() {
            "FREQ" => yearly = value.eq_ignore_ascii_case("YEARLY"),
            "INTERVAL" if value == "1" => {}
            "BYMONTH" => rule.month = value.parse().ok().filter(|m| (1..=12).contains(m))?,
            "BYDAY" => {
                let value = value.to_ascii_uppercase();
                let split = value.len().checked_sub(2)?;
                let wd = weekday(value.get(split..)?)?;
                match value.get(..split)? {
                    "" => rule.weekday = Some(wd),
                    n => {
                        let n: i64 = n.trim_start_matches('+').parse().ok()?;
                        (n != 0 && n.abs() <= 5).then_some(())?;
                        rule.nth = Some((n, wd));
                    }
                }
            }
            "BYMONTHDAY" => {
                for d in value.split(',') {
                    rule.monthdays.push(d.parse().ok()?);
                }
            }
            "UNTIL" => {
                rule.until = local_date_time(value).or_else(|| {
                    NaiveDate::parse_from_str(value, "%Y%m%d")
                        .ok()
                        .and_then(|d| d.and_hms_opt(23, 59, 59))
                })
            }
            "COUNT" => rule.count = Some(value.parse().ok()?),
            "WKST" => {}
            _ => return None,
        }
    }
    yearly.then_some(rule)
}

/// The local time in `tz` of a UTC instant.
pub fn in_zone(tz: Tz, utc: NaiveDateTime) -> NaiveDateTime {
    tz.from_utc_datetime(&utc).naive_local()
}

/// The UTC instant of a local time in an IANA zone; in a gap (clocks going
/// forward) the time after the gap, in an overlap the earlier one.
pub fn iana_to_utc(tz: Tz, local: NaiveDateTime) -> NaiveDateTime {
    match tz.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) => t.naive_utc(),
        chrono::LocalResult::Ambiguous(a, _) => a.naive_utc(),
        // RFC 5545 §3.3.5: a time in the gap is read with the offset in
        // force before it, which puts it after the gap (02:30 in Berlin on
        // the spring-forward night is 03:30). An hour before is before the
        // gap, since no zone skips more than an hour.
        chrono::LocalResult::None => tz
            .from_local_datetime(&(local - Duration::hours(1)))
            .earliest()
            .map_or(local, |t| t.naive_utc() + Duration::hours(1)),
    }
}

/// Whether a local time of `tz` falls in the hour its clocks skip.
pub fn in_gap(tz: Tz, local: NaiveDateTime) -> bool {
    matches!(tz.from_local_datetime(&local), chrono::LocalResult::None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::read::read;

    fn at(text: &str) -> NaiveDateTime {
        local_date_time(text).unwrap()
    }

    #[test]
    fn tzids_name_iana_zones_in_several_ways() {
        let zones = Zones::default();
        let name = |z: Zone| match z {
            Zone::Iana { tz, .. } => tz.name().to_string(),
            other => format!("{other:?}"),
        };
        assert_eq!(name(zones.resolve("Europe/Berlin")), "Europe/Berlin");
        assert_eq!(name(zones.resolve("europe/berlin")), "Europe/Berlin");
        assert_eq!(
            name(zones.resolve("/mozilla.org/20050126_1/Europe/Berlin")),
            "Europe/Berlin"
        );
        assert_eq!(name(zones.resolve("Tokyo Standard Time")), "Asia/Tokyo");
        assert_eq!(zones.resolve("FOO"), Zone::Unknown);
    }

    const BERLIN: &str = "BEGIN:VCALENDAR\nBEGIN:VTIMEZONE\nTZID:My Berlin\n\
        BEGIN:DAYLIGHT\nDTSTART:19810329T020000\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\n\
        TZOFFSETFROM:+0100\nTZOFFSETTO:+0200\nEND:DAYLIGHT\n\
        BEGIN:STANDARD\nDTSTART:19961027T030000\nRRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\n\
        TZOFFSETFROM:+0200\nTZOFFSETTO:+0100\nEND:STANDARD\nEND:VTIMEZONE\nEND:VCALENDAR\n";

    #[test]
    fn a_vtimezone_of_yearly_rules_gives_the_offsets_of_the_year() {
        let parsed = read(BERLIN.as_bytes()).unwrap();
        let zones = Zones::of(&[&parsed.roots[0]]);
        assert!(zones.problems.is_empty(), "{:?}", zones.problems);
        let Zone::Defined(d) = zones.resolve("My Berlin") else {
            panic!("not defined")
        };
        // Summer: +02:00; winter: +01:00; the 2014 change was on 30 March.
        assert_eq!(d.to_utc(at("20140409T093000")), at("20140409T073000"));
        assert_eq!(d.to_utc(at("20140109T093000")), at("20140109T083000"));
        assert_eq!(d.to_utc(at("20140329T120000")), at("20140329T110000"));
        assert_eq!(d.to_utc(at("20140330T120000")), at("20140330T100000"));
        assert_eq!(d.to_utc(at("20141026T120000")), at("20141026T110000"));
    }

    #[test]
    fn offsets_parse_with_and_without_seconds() {
        assert_eq!(offset("+0900"), Some(9 * 3600));
        assert_eq!(offset("-0330"), Some(-(3 * 3600 + 1800)));
        assert_eq!(offset("+005328"), Some(53 * 60 + 28));
        assert_eq!(offset("0900"), None);
        assert_eq!(offset("+9"), None);
    }
}
