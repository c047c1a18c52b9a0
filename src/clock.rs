//! Local times in a zone: when they happen (an instant), whether they
//! happen at all (the hour skipped when clocks go forward, the hour that
//! comes twice when they go back), how long lies between two of them, and
//! what the home office's clock reads meanwhile.
//!
//! The file's times are local to the trip's zone; everything that needs the
//! real moment (durations, the home clock, "now") goes through [`instant`],
//! so a day with a clock change is counted in the hours it really has.

use chrono::{
    DateTime, Duration, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc,
};
use chrono_tz::{OffsetName, Tz};

/// Where a local date-time falls in its zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// It happens once.
    Once,
    /// It does not happen: the clocks jump over it.
    Skipped(Jump),
    /// It happens twice: the clocks go back over it.
    Twice(Jump),
}

/// A change of the clocks: what they read just before it, and just after.
/// Forward (`02:00` → `03:00`) leaves an hour out; back (`03:00` → `02:00`)
/// gives an hour twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Jump {
    pub from: NaiveDateTime,
    pub to: NaiveDateTime,
    /// The zone's abbreviation (CET, CEST) or offset (+09) before and after.
    pub before: ZoneOffset,
    pub after: ZoneOffset,
}

/// A zone's offset from UTC at a moment, with its name when it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ZoneOffset {
    /// Seconds east of UTC.
    pub seconds: i32,
    pub abbreviation: Option<String>,
}

impl ZoneOffset {
    fn at(tz: Tz, utc: NaiveDateTime) -> ZoneOffset {
        let off = tz.offset_from_utc_datetime(&utc);
        ZoneOffset {
            seconds: off.fix().local_minus_utc(),
            // Numeric "abbreviations" (+09) say nothing the offset does not.
            abbreviation: off
                .abbreviation()
                .filter(|a| a.chars().all(char::is_alphabetic))
                .map(str::to_string),
        }
    }

    /// `CEST (UTC+02:00)`, or `UTC+09:00` for a zone with no name for it.
    pub fn describe(&self) -> String {
        let s = self.seconds;
        let sign = if s < 0 { '-' } else { '+' };
        let a = s.unsigned_abs();
        let utc = if a.is_multiple_of(60) {
            format!("UTC{sign}{:02}:{:02}", a / 3600, a / 60 % 60)
        } else {
            format!("UTC{sign}{:02}:{:02}:{:02}", a / 3600, a / 60 % 60, a % 60)
        };
        match &self.abbreviation {
            Some(name) => format!("{name} ({utc})"),
            None => utc,
        }
    }
}

/// Where `local` falls in `tz`: once, skipped, or twice.
pub fn reading(tz: Tz, local: NaiveDateTime) -> Reading {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(_) => Reading::Once,
        LocalResult::None => jump_near(tz, local).map_or(Reading::Once, Reading::Skipped),
        LocalResult::Ambiguous(..) => jump_near(tz, local).map_or(Reading::Once, Reading::Twice),
    }
}

/// Whether the clocks of `tz` may change on `date`: its offset just before
/// the first moment the date can be anywhere differs from the one just after
/// the last. Two changes that cancel out within those 62 hours would be
/// missed; no zone has had such.
pub fn may_change_on(tz: Tz, date: NaiveDate) -> bool {
    let (first, last) = date_window(date);
    ZoneOffset::at(tz, first).seconds != ZoneOffset::at(tz, last).seconds
}

/// The UTC instants between which a local time of `date` can fall in any
/// zone (offsets run from UTC-12 to UTC+14).
fn date_window(date: NaiveDate) -> (NaiveDateTime, NaiveDateTime) {
    let start = date.and_time(NaiveTime::MIN);
    (
        start - Duration::hours(15),
        start + Duration::hours(24 + 13),
    )
}

/// The change of the clocks nearest a local time that is skipped or comes
/// twice: found hour by hour in the instants it could be, then to the second.
fn jump_near(tz: Tz, local: NaiveDateTime) -> Option<Jump> {
    // Whole seconds of UTC, so the change is found on its second.
    let at = |s: i64| DateTime::from_timestamp(s, 0).map(|t| t.naive_utc());
    let seconds = |s: i64| at(s).map(|t| ZoneOffset::at(tz, t).seconds);
    let base = local.and_utc().timestamp();
    let (lo, hi) = (base - 15 * 3600, base + 13 * 3600);
    let mut t = lo;
    while t < hi {
        let next = t + 3600;
        let a = seconds(t)?;
        if a != seconds(next)? {
            let (mut l, mut h) = (t, next);
            while h - l > 1 {
                let mid = l + (h - l) / 2;
                if seconds(mid)? == a {
                    l = mid;
                } else {
                    h = mid;
                }
            }
            let change = at(h)?;
            let (before, after) = (ZoneOffset::at(tz, at(l)?), ZoneOffset::at(tz, change));
            let from = change + Duration::seconds(before.seconds.into());
            let to = change + Duration::seconds(after.seconds.into());
            // The change that covers `local`: forward over it, or back over it.
            let covers = if to > from {
                (from..to).contains(&local)
            } else {
                (to..from).contains(&local)
            };
            if covers {
                return Some(Jump {
                    from,
                    to,
                    before,
                    after,
                });
            }
        }
        t = next;
    }
    None
}

/// The moment a local date-time of `tz` names: the first of two when the
/// clocks go back over it (the file means the first, see docs/format.md);
/// for one they jump over (a file that loaded has none), the offset before
/// the jump, as RFC 5545 §3.3.5 reads such a time.
pub fn instant(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
        LocalResult::None => {
            let before = (1..=48)
                .find_map(|k| {
                    tz.from_local_datetime(&(local - Duration::minutes(30 * k)))
                        .earliest()
                })
                .map_or(0, |t| t.offset().fix().local_minus_utc());
            (local - Duration::seconds(before.into())).and_utc()
        }
    }
}

/// The real time between two local times of one day: across a change of
/// the clocks, the hours the day really has (01:30 to 03:30 on the day
/// Berlin goes forward is one hour).
pub fn elapsed(tz: Tz, date: NaiveDate, start: NaiveTime, end: NaiveTime) -> Duration {
    instant(tz, date.and_time(end)) - instant(tz, date.and_time(start))
}

/// What the home clock reads when the trip's clock reads `time` on `date`.
pub fn at_home(trip: Tz, home: Tz, date: NaiveDate, time: NaiveTime) -> NaiveDateTime {
    instant(trip, date.and_time(time))
        .with_timezone(&home)
        .naive_local()
}

/// The name a zone is shown by beside its times: the city of its IANA name
/// (`America/New_York` → `New York`, `Asia/Shanghai` → `Shanghai`); a name
/// with no city (`UTC`, `EST5EDT`) as it is.
pub fn label(tz: Tz) -> String {
    let name = tz.name();
    match name.rsplit_once('/') {
        Some((area, city)) if area != "Etc" => city.replace('_', " "),
        _ => name.to_string(),
    }
}

/// A zone the user named: its IANA name, or what it most likely means.
pub fn parse_zone(name: &str) -> Result<Tz, Option<&'static str>> {
    name.parse::<Tz>().map_err(|_| closest_zone(name))
}

/// The IANA zone a misspelt or informal zone name most likely means: an
/// abbreviation this app's users write (JST), the zone's city alone
/// ("Tokyo"), or the closest full name.
pub fn closest_zone(name: &str) -> Option<&'static str> {
    let lower = name.trim().to_lowercase();
    let alias = match lower.as_str() {
        "jst" | "japan standard time" => Some("Asia/Tokyo"),
        "cst" | "china standard time" | "beijing" => Some("Asia/Shanghai"),
        "kst" | "korea standard time" => Some("Asia/Seoul"),
        _ => None,
    };
    alias.or_else(|| {
        // Each zone is compared by its full name and by its city alone; the
        // nearest wins, at most one edit per three characters.
        let lower = lower.replace('_', " ");
        chrono_tz::TZ_VARIANTS
            .iter()
            .flat_map(|tz| {
                let full = tz.name();
                let city = full.rsplit('/').next().unwrap_or(full);
                [full, city].map(|form| {
                    let form = form.replace('_', " ").to_lowercase();
                    let d = strsim::damerau_levenshtein(&lower, &form);
                    (d, d <= (form.chars().count() / 3).max(1), full)
                })
            })
            .filter(|(_, close, _)| *close)
            .min_by_key(|(d, _, _)| *d)
            .map(|(_, _, full)| full)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::{America, Asia, Europe};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }
    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn berlin_skips_two_thirty_on_the_last_sunday_of_march() {
        let Reading::Skipped(j) = reading(Europe::Berlin, d(2026, 3, 29).and_time(t(2, 30))) else {
            panic!("02:30 should be skipped")
        };
        assert_eq!((j.from.time(), j.to.time()), (t(2, 0), t(3, 0)));
        assert_eq!(j.before.describe(), "CET (UTC+01:00)");
        assert_eq!(j.after.describe(), "CEST (UTC+02:00)");
        assert_eq!(
            reading(Europe::Berlin, d(2026, 3, 29).and_time(t(1, 59))),
            Reading::Once
        );
        assert_eq!(
            reading(Europe::Berlin, d(2026, 3, 29).and_time(t(3, 0))),
            Reading::Once
        );
    }

    #[test]
    fn berlin_has_two_thirty_twice_on_the_last_sunday_of_october() {
        let Reading::Twice(j) = reading(Europe::Berlin, d(2026, 10, 25).and_time(t(2, 30))) else {
            panic!("02:30 should come twice")
        };
        assert_eq!((j.from.time(), j.to.time()), (t(3, 0), t(2, 0)));
        assert!(may_change_on(Europe::Berlin, d(2026, 10, 25)));
        assert!(!may_change_on(Europe::Berlin, d(2026, 10, 20)));
        assert!(!may_change_on(Asia::Tokyo, d(2026, 10, 25)));
    }

    #[test]
    fn durations_across_a_change_are_real_time() {
        let spring = d(2026, 3, 29);
        assert_eq!(
            elapsed(Europe::Berlin, spring, t(1, 30), t(3, 30)),
            Duration::hours(1)
        );
        let autumn = d(2026, 10, 25);
        assert_eq!(
            elapsed(Europe::Berlin, autumn, t(1, 30), t(3, 30)),
            Duration::hours(3)
        );
        assert_eq!(
            elapsed(Europe::Berlin, d(2026, 3, 20), t(1, 30), t(3, 30)),
            Duration::hours(2)
        );
    }

    #[test]
    fn a_repeated_time_is_the_first_and_a_skipped_one_reads_the_offset_before() {
        let first = instant(Europe::Berlin, d(2026, 10, 25).and_time(t(2, 30)));
        assert_eq!(first.to_rfc3339(), "2026-10-25T00:30:00+00:00");
        let skipped = instant(Europe::Berlin, d(2026, 3, 29).and_time(t(2, 30)));
        assert_eq!(skipped.to_rfc3339(), "2026-03-29T01:30:00+00:00");
    }

    #[test]
    fn new_york_is_five_hours_behind_berlin_between_the_us_and_eu_changes() {
        // The US went forward on 8 March 2026, the EU goes on 29 March.
        let home = |date, time| at_home(Europe::Berlin, America::New_York, date, time);
        assert_eq!(
            home(d(2026, 3, 20), t(10, 0)),
            d(2026, 3, 20).and_time(t(5, 0))
        );
        assert_eq!(
            home(d(2026, 3, 5), t(10, 0)),
            d(2026, 3, 5).and_time(t(4, 0))
        );
        assert_eq!(
            home(d(2026, 4, 2), t(10, 0)),
            d(2026, 4, 2).and_time(t(4, 0))
        );
        assert_eq!(
            home(d(2026, 3, 20), t(3, 0)),
            d(2026, 3, 19).and_time(t(22, 0))
        );
    }

    #[test]
    fn zone_labels() {
        assert_eq!(label(America::New_York), "New York");
        assert_eq!(label(Asia::Shanghai), "Shanghai");
        assert_eq!(label(America::Argentina::Buenos_Aires), "Buenos Aires");
        assert_eq!(label(chrono_tz::UTC), "UTC");
        assert_eq!(label(chrono_tz::Etc::GMTPlus5), "Etc/GMT+5");
    }

    #[test]
    fn zone_suggestions_know_abbreviations_and_cities() {
        assert_eq!(closest_zone("JST"), Some("Asia/Tokyo"));
        assert_eq!(closest_zone("Asia/Tokio"), Some("Asia/Tokyo"));
        assert_eq!(closest_zone("asia/tokyo"), Some("Asia/Tokyo"));
        assert_eq!(closest_zone("Tokyo"), Some("Asia/Tokyo"));
        assert_eq!(closest_zone("Hong Kong"), Some("Asia/Hong_Kong"));
        assert_eq!(closest_zone("Shangai"), Some("Asia/Shanghai"));
        assert_eq!(closest_zone("nowhere at all"), None);
        assert_eq!(parse_zone("America/New_York"), Ok(America::New_York));
        assert_eq!(
            parse_zone("America/New_Yrok"),
            Err(Some("America/New_York"))
        );
    }
}
