//! A repeating event as its occurrences: RRULE (expanded by the `rrule`
//! crate), RDATE, EXDATE, and the occurrences a RECURRENCE-ID event
//! replaces. Each occurrence is the event with its start (and end) moved.

use std::collections::HashSet;

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use rrule::{RRule, RRuleSet, Unvalidated};

use super::convert::Report;
use super::parse::{Event, Stamp, stamp_value};
use super::read::shorten;
use super::time::instant;
use super::zone::{self, Zone, Zones};

/// At most this many occurrences of one event (a trip has at most 3660 days).
const MOST: u16 = 5000;

/// The occurrences of a repeating event, each an event of its own, within
/// `bounds` (dates, both included, widened by two days since the event's
/// zone is not the trip's: the caller keeps those on the trip's dates).
/// Without bounds, all the occurrences of a rule that ends (COUNT, UNTIL),
/// only the first of one that does not (reported). `moved` holds the
/// instants of the occurrences that RECURRENCE-ID events replace.
pub(super) fn occurrences<'a>(
    e: &Event<'a>,
    bounds: Option<(NaiveDate, NaiveDate)>,
    moved: &[NaiveDateTime],
    zones: &Zones,
    report: &mut Report,
) -> Vec<Event<'a>> {
    let start = wall(&e.start.0);
    // The rule runs on the event's own wall clock (so 09:00 stays 09:00
    // across a change of daylight saving time); UTC stands for that clock.
    let utc = rrule::Tz::UTC;
    let dt_start = utc.from_utc_datetime(&start);
    let mut set = RRuleSet::new(dt_start);
    let mut ends = true;
    let mut rules = 0;
    let mut extra: Vec<Stamp> = Vec::new();
    let mut gone: Vec<Stamp> = Vec::new();
    for p in &e.repeat {
        match p.name.as_str() {
            "RRULE" => match rule(&spaceless(p, report), &e.start.0, zones) {
                Ok((r, bounded)) => match r.validate(dt_start) {
                    Ok(v) => {
                        set = set.rrule(v);
                        rules += 1;
                        ends &= bounded;
                    }
                    Err(why) => report.lost.push((
                        p.line,
                        format!(
                            "RRULE {} cannot be expanded ({why}): only the event's first occurrence is carried over",
                            shorten(&p.value)
                        ),
                    )),
                },
                Err(why) => report.lost.push((
                    p.line,
                    format!(
                        "RRULE {} cannot be read ({why}): only the event's first occurrence is carried over",
                        shorten(&p.value)
                    ),
                )),
            },
            "EXRULE" => report.lost.push((
                p.line,
                "EXRULE (a rule of dates left out, which RFC 5545 no longer has): not carried over"
                    .into(),
            )),
            name => {
                for v in p.value.split(',').filter(|v| !v.trim().is_empty()) {
                    // A PERIOD (start/end or start/duration) starts at its start.
                    let v = v.split('/').next().unwrap_or(v);
                    match stamp_value(p, v, p.param("TZID")) {
                        Ok((s, _)) if name == "RDATE" => extra.push(s),
                        Ok((s, _)) => gone.push(s),
                        Err(why) => report.lost.push((p.line, why)),
                    }
                }
            }
        }
    }
    let mut starts: Vec<NaiveDateTime> = vec![start];
    if rules > 0 {
        let limited = match bounds {
            Some((first, last)) => {
                let lo =
                    utc.from_utc_datetime(&(first - Duration::days(2)).and_time(NaiveTime::MIN));
                let hi =
                    utc.from_utc_datetime(&(last + Duration::days(3)).and_time(NaiveTime::MIN));
                let got = set.after(lo).before(hi).all(MOST);
                starts.extend(got.dates.iter().map(|d| d.naive_utc()));
                got.limited && got.dates.len() >= usize::from(MOST)
            }
            None if ends => {
                let got = set.all(MOST);
                starts.extend(got.dates.iter().map(|d| d.naive_utc()));
                got.limited && got.dates.len() >= usize::from(MOST)
            }
            None => {
                report.lost.push((
                    e.start.1,
                    "a repeating event without an end (no COUNT or UNTIL) in a calendar with no other dates and no --from/--to: only its first occurrence is carried over (give --from and --to for the others)".into(),
                ));
                false
            }
        };
        if limited {
            report.lost.push((
                e.start.1,
                format!("a repeating event of more than {MOST} occurrences: only the first {MOST} are carried over"),
            ));
        }
    }
    starts.sort_unstable();
    starts.dedup();
    // Sets: an event of thousands of occurrences and EXDATEs would
    // otherwise compare each occurrence with each EXDATE.
    let gone: HashSet<NaiveDateTime> = gone.iter().map(|s| instant(s, zones)).collect();
    let gone_dates: HashSet<NaiveDate> = gone.iter().map(NaiveDateTime::date).collect();
    let moved: HashSet<&NaiveDateTime> = moved.iter().collect();
    let mut out: Vec<Event<'a>> = Vec::new();
    let date_only = matches!(e.start.0, Stamp::Date(_));
    let mut push = |s: Stamp| {
        let at = instant(&s, zones);
        let excluded = gone.contains(&at)
            || (date_only && gone_dates.contains(&at.date()))
            || moved.contains(&at);
        if !excluded {
            out.push(moved_to(e, s));
        }
    };
    for t in starts {
        push(with_wall(&e.start.0, t));
    }
    for s in extra {
        push(s);
    }
    out
}

/// An RRULE without its UNTIL, and the UNTIL set again on the event's own
/// wall clock (an UNTIL in UTC, as RFC 5545 asks of a zoned start, would
/// otherwise be compared with the wall clock); whether the rule ends.
fn rule(text: &str, start: &Stamp, zones: &Zones) -> Result<(RRule<Unvalidated>, bool), String> {
    let mut until = None;
    let parts: Vec<&str> = text
        .split(';')
        .filter(|part| match part.split_once('=') {
            Some((k, v)) if k.trim().eq_ignore_ascii_case("UNTIL") => {
                until = Some(v.trim().to_string());
                false
            }
            _ => true,
        })
        .collect();
    let mut r: RRule<Unvalidated> = parts.join(";").parse().map_err(|e| format!("{e}"))?;
    let counted = r.get_count().is_some();
    if let Some(u) = until {
        let wall_until = if u.len() == 8 {
            NaiveDate::parse_from_str(&u, "%Y%m%d")
                .ok()
                .map(|d| d.and_time(NaiveTime::MIN) + Duration::seconds(86_399))
        } else {
            zone::local_date_time(&u).map(|t| {
                if u.ends_with(['Z', 'z']) {
                    utc_on_wall(start, t, zones)
                } else {
                    t
                }
            })
        };
        let t = wall_until.ok_or_else(|| format!("UNTIL {u} is not a date or date-time"))?;
        // An UNTIL before the start leaves the start alone.
        let t = t.max(wall(start));
        r = r.until(rrule::Tz::UTC.from_utc_datetime(&t));
        return Ok((r, true));
    }
    Ok((r, counted))
}

/// A rule without the spaces Outlook writes between its values
/// (`BYDAY=MO, TU`), said when there were any.
fn spaceless(p: &super::read::Prop, report: &mut Report) -> String {
    if !p.value.contains(char::is_whitespace) {
        return p.value.clone();
    }
    report.lost.push((
        p.line,
        "RRULE has spaces between its values (as Outlook writes BYDAY=MO, TU): read without them"
            .into(),
    ));
    p.value.split_whitespace().collect()
}

/// A UTC instant on the wall clock of the start's zone.
fn utc_on_wall(start: &Stamp, utc: NaiveDateTime, zones: &Zones) -> NaiveDateTime {
    match start {
        Stamp::Zoned(_, tzid) => match zones.resolve(tzid) {
            Zone::Iana { tz, .. } => zone::in_zone(tz, utc),
            Zone::Defined(d) => {
                // The definition converts local to UTC: step back by its offset.
                let offset = d.to_utc(utc) - utc;
                utc - offset
            }
            Zone::Unknown => utc,
        },
        _ => utc,
    }
}

/// A stamp's date and time as written (midnight for a date).
fn wall(s: &Stamp) -> NaiveDateTime {
    match s {
        Stamp::Date(d) => d.and_time(NaiveTime::MIN),
        Stamp::Floating(t) | Stamp::Utc(t) | Stamp::Zoned(t, _) => *t,
    }
}

/// A stamp of the same kind as `like` at the wall time `t`.
fn with_wall(like: &Stamp, t: NaiveDateTime) -> Stamp {
    match like {
        Stamp::Date(_) => Stamp::Date(t.date()),
        Stamp::Floating(_) => Stamp::Floating(t),
        Stamp::Utc(_) => Stamp::Utc(t),
        Stamp::Zoned(_, z) => Stamp::Zoned(t, z.clone()),
    }
}

/// The event moved to start at `s`: its end moved by as much (or, for a
/// start of another kind than the end's, kept as a duration).
fn moved_to<'a>(e: &Event<'a>, s: Stamp) -> Event<'a> {
    let mut o = e.clone();
    let shift = wall(&s) - wall(&e.start.0);
    if let Some((end, line)) = &e.end {
        let same_kind = std::mem::discriminant(end) == std::mem::discriminant(&s);
        if same_kind {
            o.end = Some((with_wall(end, wall(end) + shift), *line));
        } else {
            o.end = None;
            o.duration = Some((wall(end) - wall(&e.start.0), *line));
        }
    }
    o.start = (s, e.start.1);
    o.repeat.clear();
    o
}
