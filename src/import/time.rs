//! Where an event goes in time: the trip's zone, each start and end as a
//! local time of it, and the day (or days) of each event.

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use chrono_tz::Tz;

use super::convert::Report;
use super::parse::{Event, Stamp};
use super::read::Prop;
use super::zone::{self, Zone, Zones};
use crate::load::diagnostic::quote;

/// Where a placed event goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(super) enum DayKey {
    Date(NaiveDate),
    Unscheduled,
}

/// The trip's zone: `--timezone`, else the calendar's X-WR-TIMEZONE, else
/// the most common IANA zone of the events' start TZIDs (the first seen on
/// a tie), else UTC. Floating times beside others that name a zone are
/// reported: they are read in the trip's zone.
pub(super) fn choose_zone(
    given: Option<Tz>,
    declared: Option<&Prop>,
    events: &[&Event],
    zones: &Zones,
    report: &mut Report,
) -> Tz {
    let tz = pick_zone(given, declared, events, zones, report);
    let floating: Vec<usize> = events
        .iter()
        .filter(|e| matches!(e.start.0, Stamp::Floating(_)))
        .map(|e| e.start.1)
        .collect();
    let named = events
        .iter()
        .filter(|e| matches!(e.start.0, Stamp::Utc(_) | Stamp::Zoned(..)))
        .count();
    if !floating.is_empty() && named > 0 {
        for line in floating {
            report.lost.push((
                line,
                format!(
                    "a floating time (no Z, no TZID) in a calendar whose other times name a zone ({named} in UTC or with a TZID): read as a time of the trip's zone, {}",
                    tz.name()
                ),
            ));
        }
    }
    tz
}

fn pick_zone(
    given: Option<Tz>,
    declared: Option<&Prop>,
    events: &[&Event],
    zones: &Zones,
    report: &mut Report,
) -> Tz {
    if let Some(tz) = given {
        report
            .notes
            .push(format!("time zone {}: --timezone", tz.name()));
        return tz;
    }
    if let Some(p) = declared {
        match zones.resolve(&p.value) {
            Zone::Iana { tz, .. } => {
                report.notes.push(format!(
                    "time zone {}: the calendar's X-WR-TIMEZONE (line {})",
                    tz.name(),
                    p.line
                ));
                return tz;
            }
            _ => report.lost.push((
                p.line,
                format!(
                    "X-WR-TIMEZONE {} is not an IANA time zone: not used",
                    quote(&p.value)
                ),
            )),
        }
    }
    let mut counts: Vec<(Tz, usize)> = Vec::new();
    let mut timed = 0;
    let mut floating = 0;
    let mut utc = 0;
    let mut other: Vec<String> = Vec::new();
    for e in events {
        match &e.start.0 {
            Stamp::Date(_) => continue,
            Stamp::Floating(_) => floating += 1,
            Stamp::Utc(_) => utc += 1,
            Stamp::Zoned(_, tzid) => match zones.resolve(tzid) {
                Zone::Iana { tz, .. } => match counts.iter_mut().find(|(t, _)| *t == tz) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((tz, 1)),
                },
                _ => {
                    let q = quote(tzid);
                    if !other.contains(&q) {
                        other.push(q);
                    }
                }
            },
        }
        timed += 1;
    }
    let best = counts
        .iter()
        .enumerate()
        .max_by_key(|(i, (_, n))| (*n, std::cmp::Reverse(*i)))
        .map(|(_, c)| *c);
    if let Some((tz, n)) = best {
        report.notes.push(format!(
            "time zone {}: the TZID of {n} of {timed} timed events",
            tz.name()
        ));
        return tz;
    }
    let why = if timed == 0 {
        "no event has a time of day".to_string()
    } else if floating == timed {
        "the events' times name no zone (floating): they are kept as written; give --timezone ZONE for the trip's zone".to_string()
    } else if other.is_empty() {
        format!(
            "the events' times are in UTC{}: give --timezone ZONE (Asia/Tokyo) to have them in the trip's local time",
            if floating == 0 {
                String::new()
            } else {
                format!(" ({utc} of {timed}; the other {floating} floating)")
            }
        )
    } else {
        format!(
            "no event's TZID is an IANA time zone ({}): times are converted by the file's VTIMEZONEs, or kept as written where it has none; give --timezone ZONE for the trip's zone",
            other.join(", ")
        )
    };
    report.notes.push(format!("time zone UTC: {why}"));
    chrono_tz::UTC
}

/// A stamp as a local date-time of the trip's zone, or a date.
fn localize(
    stamp: &Stamp,
    line: usize,
    tz: Tz,
    zones: &Zones,
    report: &mut Report,
) -> Result<NaiveDateTime, NaiveDate> {
    let local = match stamp {
        Stamp::Date(d) => return Err(*d),
        Stamp::Floating(t) => *t,
        Stamp::Utc(t) => zone::in_zone(tz, *t),
        Stamp::Zoned(t, tzid) => match zones.resolve(tzid) {
            Zone::Iana { tz: from, .. } => {
                if zone::in_gap(from, *t) {
                    report.lost.push((line, gap_note(*t, from)));
                }
                zone::in_zone(tz, zone::iana_to_utc(from, *t))
            }
            Zone::Defined(d) => zone::in_zone(tz, d.to_utc(*t)),
            Zone::Unknown => {
                report.lost.push((
                    line,
                    format!(
                        "TZID {} is neither a time zone this app knows nor defined by a VTIMEZONE in the file: the time is taken as written, in the trip's zone",
                        quote(tzid)
                    ),
                ));
                *t
            }
        },
    };
    // A floating time in the hour the trip's zone skips would be refused
    // by `check`; the time after the gap is the one the clock shows.
    if zone::in_gap(tz, local) {
        report.lost.push((line, gap_note(local, tz)));
        return Ok(zone::in_zone(tz, zone::iana_to_utc(tz, local)));
    }
    Ok(local)
}

/// The report of a local time in the hour `tz` skips.
fn gap_note(local: NaiveDateTime, tz: Tz) -> String {
    let after = zone::in_zone(tz, zone::iana_to_utc(tz, local));
    format!(
        "{} does not exist in {} (the clocks go forward): read as the time after the gap, {}",
        local.format("%Y-%m-%d %H:%M"),
        tz.name(),
        after.format("%H:%M")
    )
}

/// A place in time of an event: its day (or the unscheduled list) and local times.
pub(super) type Slot = (DayKey, Option<NaiveTime>, Option<NaiveTime>);

/// Where an event goes: one slot, or two for an event of several days (its
/// first day with its start, its last day with its end). The project's own
/// export of an unscheduled stop or meeting (an all-day event over the
/// whole trip, with the export's UID) goes back to the unscheduled list.
pub(super) fn place_in_time(e: &Event, tz: Tz, zones: &Zones, report: &mut Report) -> Vec<Slot> {
    let start = localize(&e.start.0, e.start.1, tz, zones, report);
    let end = e
        .end
        .as_ref()
        .map(|(s, line)| (localize(s, *line, tz, zones, report), *line));
    let several = |first: NaiveDate, last: NaiveDate, report: &mut Report| {
        report.lost.push((
            e.c.line,
            format!(
                "the event spans {} days ({first} to {last}): a stop on its first day with its start, and one on its last day with its end",
                (last - first).num_days() + 1
            ),
        ));
    };
    match start {
        Err(day) => {
            let days = match (&end, e.duration) {
                (Some((Err(last), _)), _) => (*last - day).num_days(),
                (Some((Ok(_), line)), _) => {
                    report.lost.push((
                        *line,
                        "DTEND has a time but DTSTART is a date: the event is taken as one day"
                            .into(),
                    ));
                    1
                }
                (None, Some((d, line))) => {
                    if d.num_seconds() % 86_400 != 0 {
                        report.lost.push((
                            line,
                            "DURATION of an all-day event is not whole days: the event is taken as one day".into(),
                        ));
                    }
                    d.num_days().max(1)
                }
                (None, None) => 1,
            };
            if days > 1 {
                // `export` writes no event of several days but an
                // unscheduled stop (or its meeting), over the whole trip.
                let own_unscheduled = e.uid.as_deref().is_some_and(|u| u.ends_with("@itinerary"));
                if own_unscheduled {
                    return vec![(DayKey::Unscheduled, None, None)];
                }
                let last = day + Duration::days(days - 1);
                several(day, last, report);
                return vec![
                    (DayKey::Date(day), None, None),
                    (DayKey::Date(last), None, None),
                ];
            }
            vec![(DayKey::Date(day), None, None)]
        }
        Ok(start) => {
            let end = match (end, e.duration) {
                (Some((Ok(t), line)), _) => Some((t, line)),
                (Some((Err(_), line)), _) => {
                    report.lost.push((
                        line,
                        "DTEND is a date but DTSTART has a time: the end is not carried over"
                            .into(),
                    ));
                    None
                }
                (None, Some((d, line))) => {
                    // A start plus a duration may land in the hour the
                    // trip's zone skips, which `check` refuses.
                    let mut t = start + d;
                    if zone::in_gap(tz, t) {
                        report.lost.push((line, gap_note(t, tz)));
                        t = zone::in_zone(tz, zone::iana_to_utc(tz, t));
                    }
                    Some((t, line))
                }
                (None, None) => None,
            };
            let here = DayKey::Date(start.date());
            match end {
                Some((t, line)) if t < start => {
                    report.lost.push((
                        line,
                        format!(
                            "the event ends before it starts ({}): the end is not carried over",
                            t.format("%Y-%m-%d %H:%M")
                        ),
                    ));
                    vec![(here, Some(start.time()), None)]
                }
                Some((t, line))
                    if t.time() == NaiveTime::MIN
                        && t.date() == start.date() + Duration::days(1) =>
                {
                    report.lost.push((
                        line,
                        "the event ends at midnight, which a stop's depart cannot say (00:00 is before its start): only its start is carried over".into(),
                    ));
                    vec![(here, Some(start.time()), None)]
                }
                Some((t, _)) if t.date() != start.date() => {
                    // Ending at midnight is ending on the day before.
                    let (last, depart) = if t.time() == NaiveTime::MIN {
                        (t.date() - Duration::days(1), None)
                    } else {
                        (t.date(), Some(t.time()))
                    };
                    several(start.date(), last, report);
                    vec![
                        (here, Some(start.time()), None),
                        (DayKey::Date(last), None, depart),
                    ]
                }
                Some((t, _)) => vec![(here, Some(start.time()), Some(t.time()))],
                None => vec![(here, Some(start.time()), None)],
            }
        }
    }
}

/// The instant of a stamp, to compare occurrences: UTC for a zoned or UTC
/// time, as written for a floating one, midnight for a date.
pub(super) fn instant(stamp: &Stamp, zones: &Zones) -> NaiveDateTime {
    match stamp {
        Stamp::Date(d) => d.and_time(NaiveTime::MIN),
        Stamp::Floating(t) | Stamp::Utc(t) => *t,
        Stamp::Zoned(t, tzid) => match zones.resolve(tzid) {
            Zone::Iana { tz, .. } => zone::iana_to_utc(tz, *t),
            Zone::Defined(d) => d.to_utc(*t),
            Zone::Unknown => *t,
        },
    }
}
