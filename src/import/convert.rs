//! From calendar components to a trip: which event becomes which stop or
//! meeting, on which day, at which local times, with which people; and a
//! report of everything that could not be carried over, by line.

use std::collections::{BTreeMap, HashMap};

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;

use super::read::{Component, Prop};
use super::zone::{self, Zone, Zones};
use crate::load::diagnostic::quote;
use crate::model::Status;
use crate::prefecture::Prefecture;

/// A trip as read from a calendar, ready to be written as TOML.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    pub title: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub timezone: Tz,
    pub purpose: Option<String>,
    pub source: String,
    /// Person id and name, in order of first appearance.
    pub people: Vec<(String, String)>,
    pub days: BTreeMap<NaiveDate, Vec<DraftStop>>,
    pub unscheduled: Vec<DraftStop>,
    /// Titles and notes of days, from the day events an export writes.
    pub day_info: BTreeMap<NaiveDate, DayInfo>,
}

/// A day's own title and notes.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DayInfo {
    pub title: Option<String>,
    pub notes: Option<String>,
}

/// A stop to be written.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DraftStop {
    pub place: String,
    pub address: Option<String>,
    pub prefecture: Option<String>,
    pub arrive: Option<NaiveTime>,
    pub depart: Option<NaiveTime>,
    pub status: Status,
    pub people: Vec<String>,
    pub notes: Option<String>,
    pub meetings: Vec<DraftMeeting>,
    /// Made from an event whose SUMMARY names its LOCATION: meetings at
    /// that place on that day join it.
    joinable: bool,
}

/// A meeting to be written.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DraftMeeting {
    pub title: String,
    pub start: Option<NaiveTime>,
    pub end: Option<NaiveTime>,
    pub status: Status,
    pub attendees: Vec<String>,
    pub notes: Option<String>,
}

/// What the import says besides the trip.
#[derive(Debug, Default)]
pub struct Report {
    /// How the trip's zone (and title, when made up from the file name) was chosen.
    pub notes: Vec<String>,
    /// What was not carried over (or carried over changed), by line.
    pub lost: Vec<(usize, String)>,
}

/// When an event starts or ends, as written.
#[derive(Debug, Clone, PartialEq)]
enum Stamp {
    Date(NaiveDate),
    Floating(NaiveDateTime),
    Utc(NaiveDateTime),
    Zoned(NaiveDateTime, String),
}

/// A VEVENT's fields, before it is placed.
struct Event<'a> {
    c: &'a Component,
    summary: Option<String>,
    location: Option<String>,
    description: Option<String>,
    status: Status,
    start: (Stamp, usize),
    end: Option<(Stamp, usize)>,
    duration: Option<(Duration, usize)>,
    people: Vec<&'a Prop>,
    /// `X-ITINERARY-DAY`: the event of a day's title and notes.
    day: Option<&'a Prop>,
}

/// Where a placed event goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum DayKey {
    Date(NaiveDate),
    Unscheduled,
}

/// Properties that are the calendar's bookkeeping, not the event's content.
const BOOKKEEPING: &[&str] = &[
    "UID",
    "DTSTAMP",
    "CREATED",
    "LAST-MODIFIED",
    "SEQUENCE",
    "TRANSP",
];

/// The trip of the calendars in `roots` (VCALENDARs, or bare VEVENTs),
/// with only the events on days in `window` (`--from`, `--to`); `None`
/// when no event could be placed on a day.
pub fn convert(
    roots: &[Component],
    file_name: &str,
    window: (Option<NaiveDate>, Option<NaiveDate>),
    report: &mut Report,
) -> Option<Draft> {
    let file_stem = std::path::Path::new(file_name).file_stem().map_or_else(
        || file_name.to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    let mut calendar_props: Vec<&Prop> = Vec::new();
    let mut events: Vec<&Component> = Vec::new();
    let calendars: Vec<&Component> = roots.iter().filter(|r| r.name == "VCALENDAR").collect();
    let zones = Zones::of(&calendars);
    report.lost.extend(zones.problems.iter().cloned());
    for root in roots {
        match root.name.as_str() {
            "VCALENDAR" => {
                calendar_props.extend(&root.props);
                for c in &root.children {
                    match c.name.as_str() {
                        "VEVENT" => events.push(c),
                        "VTIMEZONE" => {}
                        other => report.lost.push((c.line, not_an_event(other))),
                    }
                }
            }
            "VEVENT" => events.push(root),
            other => report.lost.push((root.line, not_an_event(other))),
        }
    }
    let find = |names: &[&str]| {
        calendar_props
            .iter()
            .find(|p| names.contains(&p.name.as_str()) && !p.value.trim().is_empty())
    };
    for p in &calendar_props {
        let known = [
            "VERSION",
            "PRODID",
            "CALSCALE",
            "METHOD",
            "NAME",
            "X-WR-CALNAME",
            "X-WR-CALDESC",
            "DESCRIPTION",
            "X-WR-TIMEZONE",
        ];
        if !known.contains(&p.name.as_str()) {
            report.lost.push((
                p.line,
                format!("calendar property {} is not carried over", p.name),
            ));
        }
    }
    let title = match find(&["NAME", "X-WR-CALNAME"]) {
        Some(p) => one_line(&unescape(p), p, report),
        None => {
            report.notes.push(format!(
                "the calendar has no name (NAME or X-WR-CALNAME): the trip's title is the file's, \"{file_stem}\""
            ));
            file_stem.to_string()
        }
    };
    // `purpose` is one line in a trip file.
    let purpose = find(&["X-WR-CALDESC", "DESCRIPTION"]).map(|p| one_line(&unescape(p), p, report));

    // Each event's own report joins the whole only if the event is kept:
    // an event outside --from/--to is one line, not all its details.
    let mut parsed: Vec<(Event, Report)> = Vec::new();
    for c in &events {
        let mut own = Report::default();
        match event(c, &mut own) {
            Some(e) => parsed.push((e, own)),
            None => report.lost.append(&mut own.lost),
        }
    }
    let all: Vec<&Event> = parsed.iter().map(|(e, _)| e).collect();
    let timezone = choose_zone(find(&["X-WR-TIMEZONE"]).copied(), &all, &zones, report);

    let (from, to) = window;
    let inside = |first: NaiveDate, last: NaiveDate| {
        from.is_none_or(|f| last >= f) && to.is_none_or(|t| first <= t)
    };
    let clip = |d: NaiveDate| {
        let d = from.map_or(d, |f| d.max(f));
        to.map_or(d, |t| d.min(t))
    };
    let mut people = People::default();
    let mut lists: BTreeMap<DayKey, Vec<DraftStop>> = BTreeMap::new();
    let mut meetings: Vec<(DayKey, DraftMeeting, Option<String>)> = Vec::new();
    let mut dates: Vec<NaiveDate> = Vec::new();
    let mut day_info = BTreeMap::new();
    for (e, mut own) in parsed {
        let Some((key, start, end)) = place_in_time(&e, timezone, &zones, &mut own) else {
            report.lost.append(&mut own.lost);
            continue;
        };
        let span = match key {
            DayKey::Date(d) => vec![d],
            DayKey::Unscheduled => span_dates(&e),
        };
        let first = span.iter().min().copied().unwrap_or(NaiveDate::MIN);
        let last = span.iter().max().copied().unwrap_or(NaiveDate::MAX);
        if !inside(first, last) {
            report.lost.push((
                e.c.line,
                "the event is outside the dates of --from and --to: not carried over".into(),
            ));
            continue;
        }
        dates.extend(span.into_iter().map(clip));
        if let (Some(marker), DayKey::Date(date), None) = (e.day, key, start) {
            if marker.value.trim() == date.format("%Y-%m-%d").to_string() {
                report.lost.append(&mut own.lost);
                day_info.insert(date, day_of(&e));
                continue;
            }
            own.lost.push((
                marker.line,
                "X-ITINERARY-DAY names another date than the event's: read as an event".into(),
            ));
        }
        let present = people.of(&e.people, &mut own);
        report.lost.append(&mut own.lost);
        let summary = e.summary.clone().unwrap_or_default();
        let location = e.location.clone().unwrap_or_default();
        let named_place = location.is_empty()
            || summary.is_empty()
            || location == summary
            || location.starts_with(&format!("{summary}, "));
        if named_place {
            let (place, rest) = if summary.is_empty() {
                split_location(&location)
            } else {
                let rest = location.get(summary.len()..).unwrap_or("");
                (summary.clone(), rest.trim_start_matches(", ").to_string())
            };
            let (address, prefecture) = address_and_prefecture(&rest);
            lists.entry(key).or_default().push(DraftStop {
                place,
                address,
                prefecture,
                arrive: start,
                depart: end,
                status: e.status,
                people: present,
                notes: e.description.clone(),
                meetings: Vec::new(),
                joinable: true,
            });
        } else {
            meetings.push((
                key,
                DraftMeeting {
                    title: summary,
                    start,
                    end,
                    status: e.status,
                    attendees: present,
                    notes: e.description.clone(),
                },
                Some(location),
            ));
        }
    }
    // Meetings join a stop of their day at their LOCATION, as an export
    // writes them; any other becomes a stop of its own at that place.
    for (key, m, location) in meetings {
        let location = location.unwrap_or_default();
        let stops = lists.entry(key).or_default();
        let host = best_host(stops, &location, m.start);
        match host {
            Some(i) => stops[i].meetings.push(m),
            None => {
                let (place, rest) = split_location(&location);
                let (address, prefecture) = address_and_prefecture(&rest);
                stops.push(DraftStop {
                    place,
                    address,
                    prefecture,
                    arrive: m.start,
                    depart: m.end,
                    status: m.status,
                    people: Vec::new(),
                    notes: None,
                    meetings: vec![m],
                    joinable: false,
                });
            }
        }
    }
    let start = dates.iter().min().copied()?;
    let end = dates.iter().max().copied()?;
    let mut days = BTreeMap::new();
    let mut unscheduled = Vec::new();
    for (key, mut stops) in lists {
        stops.sort_by_key(|s| (s.arrive.is_some(), s.arrive));
        for s in &mut stops {
            s.meetings.sort_by_key(|m| (m.start.is_some(), m.start));
        }
        match key {
            DayKey::Date(d) => {
                days.insert(d, stops);
            }
            DayKey::Unscheduled => unscheduled = stops,
        }
    }
    Some(Draft {
        title,
        start,
        end,
        timezone,
        purpose,
        source: file_name.to_string(),
        people: people.list,
        days,
        unscheduled,
        day_info,
    })
}

/// A day's title and notes from its event, as `export` writes it: SUMMARY
/// the title (`Day N` when the day has none), DESCRIPTION `Day N of M.`
/// then the notes.
fn day_of(e: &Event) -> DayInfo {
    let description = e.description.clone().unwrap_or_default();
    let (first, rest) = description.split_once('\n').unwrap_or((&description, ""));
    let number = first
        .strip_prefix("Day ")
        .and_then(|r| r.split_once(" of "))
        .map(|(n, _)| n.to_string());
    let generated_title = number.as_ref().map(|n| format!("Day {n}"));
    let notes = if number.is_some() { rest } else { &description };
    DayInfo {
        title: e
            .summary
            .clone()
            .filter(|s| Some(s) != generated_title.as_ref()),
        notes: Some(notes.trim().to_string()).filter(|n| !n.is_empty()),
    }
}

fn not_an_event(name: &str) -> String {
    let what = match name {
        "VTODO" => " (a to-do)",
        "VJOURNAL" => " (a journal entry)",
        "VFREEBUSY" => " (free/busy time)",
        "VALARM" => " (an alarm)",
        _ => "",
    };
    format!("{name}{what} is not carried over: a trip has events only")
}

fn unescape(p: &Prop) -> String {
    // X-WR-CALNAME is TEXT for the crate already; NAME (RFC 7986) is not.
    icalendar::parser::ParseString::from(p.value.clone())
        .unescape_text()
        .as_str()
        .to_string()
}

/// A one-line field (place, title, name): line breaks and tabs become
/// spaces, other control characters go; said when anything changed.
fn one_line(text: &str, p: &Prop, report: &mut Report) -> String {
    let cleaned: String = text
        .chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    let cleaned = cleaned.trim().to_string();
    if cleaned != text.trim() {
        report.lost.push((
            p.line,
            format!(
                "{} has line breaks or control characters: written on one line without them",
                p.name
            ),
        ));
    }
    cleaned
}

/// A multi-line field (notes): CRLF and CR become LF; control characters
/// other than LF and tab go, and that is said.
fn multi_line(text: &str, p: &Prop, report: &mut Report) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let cleaned: String = text
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect();
    if cleaned != text {
        report.lost.push((
            p.line,
            format!("{} has control characters: left out", p.name),
        ));
    }
    cleaned.trim_end().to_string()
}

/// A VEVENT's fields; `None` (reported) when it has no usable DTSTART.
fn event<'a>(c: &'a Component, report: &mut Report) -> Option<Event<'a>> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut e = Event {
        c,
        summary: None,
        location: None,
        description: None,
        status: Status::Confirmed,
        start: (Stamp::Date(NaiveDate::MIN), c.line),
        end: None,
        duration: None,
        people: Vec::new(),
        day: None,
    };
    let mut start = None;
    let mut status_prop = None;
    for p in &c.props {
        let name = p.name.as_str();
        let repeat = seen.insert(name, p.line).is_some();
        let single = [
            "SUMMARY",
            "LOCATION",
            "DESCRIPTION",
            "STATUS",
            "DTSTART",
            "DTEND",
            "DURATION",
        ];
        if repeat && single.contains(&name) {
            report.lost.push((
                p.line,
                format!("a second {name} in one event: only the first is carried over"),
            ));
            continue;
        }
        match name {
            "SUMMARY" => e.summary = Some(one_line(&p.value, p, report)).filter(|s| !s.is_empty()),
            "LOCATION" => {
                e.location = Some(one_line(&p.value, p, report)).filter(|s| !s.is_empty())
            }
            "DESCRIPTION" => {
                e.description = Some(multi_line(&p.value, p, report)).filter(|s| !s.is_empty())
            }
            "STATUS" => {
                status_prop = Some(p);
                e.status = match p.value.trim().to_ascii_uppercase().as_str() {
                    "CONFIRMED" => Status::Confirmed,
                    "TENTATIVE" => Status::Tentative,
                    "CANCELLED" => Status::Cancelled,
                    other => {
                        report.lost.push((
                            p.line,
                            format!(
                                "STATUS {} is not an event's status (CONFIRMED, TENTATIVE, CANCELLED): the stop is confirmed",
                                quote(other)
                            ),
                        ));
                        Status::Confirmed
                    }
                }
            }
            "DTSTART" => match stamp(p) {
                Ok(s) => start = Some((s, p.line)),
                Err(why) => report.lost.push((p.line, why)),
            },
            "DTEND" => match stamp(p) {
                Ok(s) => e.end = Some((s, p.line)),
                Err(why) => report.lost.push((p.line, why)),
            },
            "DURATION" => match duration(&p.value) {
                Some(d) => e.duration = Some((d, p.line)),
                None => report.lost.push((
                    p.line,
                    format!(
                        "DURATION {} is not a duration (such as PT1H30M); not carried over",
                        quote(&p.value)
                    ),
                )),
            },
            "ATTENDEE" | "ORGANIZER" => e.people.push(p),
            "X-ITINERARY-DAY" => e.day = Some(p),
            n if BOOKKEEPING.contains(&n) => {}
            _ => report.lost.push((p.line, unsupported(p))),
        }
    }
    for child in &c.children {
        report.lost.push((child.line, not_an_event(&child.name)));
    }
    let Some(start) = start else {
        report.lost.push((
            c.line,
            "event without a readable DTSTART: not carried over (a stop needs a day)".into(),
        ));
        return None;
    };
    e.start = start;
    if let (Some(end), Some(_)) = (&e.end, &e.duration) {
        report.lost.push((
            end.1,
            "an event with both DTEND and DURATION: DURATION is not carried over".into(),
        ));
        e.duration = None;
    }
    // "[cancelled] X" with STATUS:CANCELLED is X, cancelled: the export
    // writes both for programs that ignore STATUS.
    if let (Some(summary), Some(_)) = (&mut e.summary, status_prop) {
        let prefix = match e.status {
            Status::Cancelled => Some("[cancelled] "),
            Status::Tentative => Some("[tentative] "),
            Status::Confirmed => None,
        };
        if let Some(rest) = prefix.and_then(|p| summary.strip_prefix(p)) {
            *summary = rest.trim().to_string();
        }
    }
    e.summary = e.summary.filter(|s| !s.is_empty());
    if e.summary.is_none() && e.location.is_none() {
        report.lost.push((
            c.line,
            "event with neither SUMMARY nor LOCATION: not carried over (a stop needs a place)"
                .into(),
        ));
        return None;
    }
    Some(e)
}

/// Why a property is not carried over.
fn unsupported(p: &Prop) -> String {
    let name = p.name.as_str();
    match name {
        "RRULE" => format!(
            "RRULE {} (a repeating event): only its first occurrence is carried over",
            super::read::shorten(&p.value)
        ),
        "RDATE" => "RDATE (more dates of the event): only DTSTART's is carried over".into(),
        "EXDATE" => "EXDATE (dates left out of a repeat): not carried over".into(),
        "EXRULE" => "EXRULE (a rule of dates left out): not carried over".into(),
        "RECURRENCE-ID" => {
            "RECURRENCE-ID (one changed occurrence of a repeating event): carried over as an event of its own".into()
        }
        "ATTACH" => "ATTACH (an attachment) is not carried over".into(),
        "CATEGORIES" => "CATEGORIES is not carried over".into(),
        "URL" => format!(
            "URL {} is not carried over",
            super::read::shorten(&p.value)
        ),
        _ => format!("{name} is not carried over"),
    }
}

/// A DTSTART or DTEND as written.
fn stamp(p: &Prop) -> Result<Stamp, String> {
    let v = p.value.trim();
    let as_date = || NaiveDate::parse_from_str(v, "%Y%m%d").ok();
    let bad = || {
        format!(
            "{} {} is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS); not carried over",
            p.name,
            quote(v)
        )
    };
    if p.param("VALUE")
        .is_some_and(|t| t.eq_ignore_ascii_case("DATE"))
        || v.len() == 8
    {
        return as_date().map(Stamp::Date).ok_or_else(bad);
    }
    let t = zone::local_date_time(v).ok_or_else(bad)?;
    Ok(if v.ends_with(['Z', 'z']) {
        Stamp::Utc(t)
    } else if let Some(tzid) = p.param("TZID") {
        Stamp::Zoned(t, tzid.to_string())
    } else {
        Stamp::Floating(t)
    })
}

/// An RFC 5545 duration: `P1D`, `PT1H30M`, `P2W`, `-PT15M`, `P1DT12H`.
fn duration(text: &str) -> Option<Duration> {
    let text = text.trim();
    let (sign, rest) = match text.as_bytes().first()? {
        b'-' => (-1, &text[1..]),
        b'+' => (1, &text[1..]),
        _ => (1, text),
    };
    let rest = rest.strip_prefix(['P', 'p'])?;
    let mut total = Duration::zero();
    let mut number = String::new();
    let mut in_time = false;
    let mut any = false;
    for c in rest.chars() {
        match c.to_ascii_uppercase() {
            d if d.is_ascii_digit() => number.push(d),
            'T' if number.is_empty() && !in_time => in_time = true,
            unit => {
                let n: i64 = number.parse().ok()?;
                number.clear();
                any = true;
                total += match (unit, in_time) {
                    ('W', false) => Duration::try_weeks(n)?,
                    ('D', false) => Duration::try_days(n)?,
                    ('H', true) => Duration::try_hours(n)?,
                    ('M', true) => Duration::try_minutes(n)?,
                    ('S', true) => Duration::try_seconds(n)?,
                    _ => return None,
                };
            }
        }
    }
    (any && number.is_empty()).then_some(total * sign)
}

/// The trip's zone: the calendar's X-WR-TIMEZONE, else the most common
/// IANA zone of the events' start TZIDs (the first seen on a tie), else UTC.
fn choose_zone(
    declared: Option<&Prop>,
    events: &[&Event],
    zones: &Zones,
    report: &mut Report,
) -> Tz {
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
        "the events' times name no zone (floating): they are kept as written".to_string()
    } else if utc == timed {
        "the events' times are in UTC".to_string()
    } else {
        format!(
            "no event's TZID is an IANA time zone ({}): times are converted by the file's VTIMEZONEs, or kept as written where it has none",
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
            Zone::Iana { tz: from, .. } => zone::in_zone(tz, zone::iana_to_utc(from, *t)),
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
    if tz.from_local_datetime(&local).single().is_none()
        && tz.from_local_datetime(&local).earliest().is_none()
    {
        let moved = zone::in_zone(tz, zone::iana_to_utc(tz, local));
        report.lost.push((
            line,
            format!(
                "{} does not exist in {} (the clocks go forward): written as {}",
                local.format("%Y-%m-%d %H:%M"),
                tz.name(),
                moved.format("%H:%M")
            ),
        ));
        return Ok(moved);
    }
    Ok(local)
}

/// The day (or the unscheduled list) and local times of an event.
fn place_in_time(
    e: &Event,
    tz: Tz,
    zones: &Zones,
    report: &mut Report,
) -> Option<(DayKey, Option<NaiveTime>, Option<NaiveTime>)> {
    let start = localize(&e.start.0, e.start.1, tz, zones, report);
    let end = e
        .end
        .as_ref()
        .map(|(s, line)| (localize(s, *line, tz, zones, report), *line));
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
                report.lost.push((
                    e.c.line,
                    format!(
                        "the event spans {days} days ({day} to {}): a stop is on one day, so it is an unscheduled stop",
                        day + Duration::days(days - 1)
                    ),
                ));
                return Some((DayKey::Unscheduled, None, None));
            }
            Some((DayKey::Date(day), None, None))
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
                (None, Some((d, line))) => Some((start + d, line)),
                (None, None) => None,
            };
            let depart = match end {
                Some((t, line)) if t < start => {
                    report.lost.push((
                        line,
                        format!(
                            "the event ends before it starts ({}): the end is not carried over",
                            t.format("%Y-%m-%d %H:%M")
                        ),
                    ));
                    None
                }
                Some((t, line))
                    if t.date() != start.date()
                        && t.time() == NaiveTime::MIN
                        && t.date() == start.date() + Duration::days(1) =>
                {
                    report.lost.push((
                        line,
                        "the event ends at midnight, which a stop's depart cannot say (00:00 is before its start): only its start is carried over".into(),
                    ));
                    None
                }
                Some((t, line)) if t.date() != start.date() => {
                    report.lost.push((
                        line,
                        format!(
                            "the event ends on a later day ({}): a stop is on one day, so only its start is carried over",
                            t.format("%Y-%m-%d %H:%M")
                        ),
                    ));
                    None
                }
                Some((t, _)) => Some(t.time()),
                None => None,
            };
            Some((DayKey::Date(start.date()), Some(start.time()), depart))
        }
    }
}

/// The days a multi-day all-day event spans, so the trip covers them.
fn span_dates(e: &Event) -> Vec<NaiveDate> {
    match (&e.start.0, &e.end) {
        (Stamp::Date(first), Some((Stamp::Date(end), _))) if *end > *first + Duration::days(1) => {
            vec![*first, *end - Duration::days(1)]
        }
        (Stamp::Date(first), None) => match e.duration {
            Some((d, _)) if d.num_days() > 1 => {
                vec![*first, *first + Duration::days(d.num_days() - 1)]
            }
            _ => Vec::new(),
        },
        _ => Vec::new(),
    }
}

/// `place, address…, prefecture` split at its first comma.
fn split_location(location: &str) -> (String, String) {
    match location.split_once(", ") {
        Some((place, rest)) => (place.trim().to_string(), rest.to_string()),
        None => (location.trim().to_string(), String::new()),
    }
}

/// The rest of a LOCATION after the place: a last part that is one of the
/// 47 prefectures is the prefecture (as written), the rest the address.
fn address_and_prefecture(rest: &str) -> (Option<String>, Option<String>) {
    let rest = rest.trim();
    if rest.is_empty() {
        return (None, None);
    }
    let (head, last) = match rest.rsplit_once(", ") {
        Some((head, last)) => (Some(head), last),
        None => (None, rest),
    };
    if Prefecture::parse(last).is_some() {
        (head.map(str::to_string), Some(last.trim().to_string()))
    } else {
        (Some(rest.to_string()), None)
    }
}

/// The stop a meeting at `location` joins: one made from a place's own
/// event whose place the location starts with, the one whose times hold
/// the meeting's start first.
fn best_host(stops: &[DraftStop], location: &str, start: Option<NaiveTime>) -> Option<usize> {
    let hosts: Vec<usize> = stops
        .iter()
        .enumerate()
        .filter(|(_, s)| {
            s.joinable && (location == s.place || location.starts_with(&format!("{}, ", s.place)))
        })
        .map(|(i, _)| i)
        .collect();
    let holds = |s: &DraftStop| match (start, s.arrive, s.depart) {
        (Some(t), Some(a), Some(d)) => a <= t && t <= d,
        (Some(t), Some(a), None) => a <= t,
        (None, None, _) => true,
        _ => false,
    };
    hosts
        .iter()
        .copied()
        .find(|&i| holds(&stops[i]))
        .or_else(|| hosts.first().copied())
}

/// The people met so far, by e-mail address (or name), with their ids.
#[derive(Default)]
struct People {
    list: Vec<(String, String)>,
    by_key: HashMap<String, usize>,
}

impl People {
    /// The ids of the people present at an event, from its ATTENDEE and
    /// ORGANIZER lines; who is not there (declined, delegated, a room) is
    /// said and left out.
    fn of(&mut self, props: &[&Prop], report: &mut Report) -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        for p in props {
            let address = p
                .value
                .trim()
                .get(..7)
                .filter(|s| s.eq_ignore_ascii_case("mailto:"))
                .map(|_| p.value.trim()[7..].trim().to_string())
                .filter(|a| !a.is_empty());
            // A name is one line in a trip file, whichever part it comes from.
            let clean = |n: &str| -> String {
                let n: String = n
                    .chars()
                    .map(|c| if c.is_control() { ' ' } else { c })
                    .collect();
                n.trim().to_string()
            };
            let address = address.map(|a| clean(&a)).filter(|a| !a.is_empty());
            let name = p
                .param("CN")
                .map(clean)
                .filter(|n| !n.is_empty())
                .or_else(|| address.clone())
                .unwrap_or_else(|| clean(&p.value));
            if name.is_empty() {
                report.lost.push((
                    p.line,
                    format!("{} without a name or address: not carried over", p.name),
                ));
                continue;
            }
            let upper = |k: &str| p.param(k).map(str::to_ascii_uppercase);
            let absent = match (
                upper("PARTSTAT").as_deref(),
                upper("ROLE").as_deref(),
                upper("CUTYPE").as_deref(),
            ) {
                (_, _, Some(t @ ("ROOM" | "RESOURCE"))) => Some(format!(
                    "is a {} (CUTYPE={t}), not a person",
                    t.to_ascii_lowercase()
                )),
                (Some(s @ ("DECLINED" | "DELEGATED")), _, _) => {
                    Some(format!("has {} (PARTSTAT={s})", s.to_ascii_lowercase()))
                }
                (_, Some("NON-PARTICIPANT"), _) => {
                    Some("takes no part (ROLE=NON-PARTICIPANT)".into())
                }
                _ => None,
            };
            if let Some(why) = absent {
                report.lost.push((
                    p.line,
                    format!("{} {name} {why}: not among the people at the event", p.name),
                ));
                continue;
            }
            report.lost.push((
                p.line,
                "ATTENDEE/ORGANIZER: only the name is carried over (a trip has no field for e-mail addresses or replies)".into(),
            ));
            let key = address
                .as_deref()
                .map_or_else(|| name.to_lowercase(), str::to_lowercase);
            let index = match self.by_key.get(&key) {
                Some(i) => *i,
                None => {
                    let id = self.new_id(&name, address.as_deref());
                    self.list.push((id, name));
                    self.by_key.insert(key, self.list.len() - 1);
                    self.list.len() - 1
                }
            };
            let id = self.list[index].0.clone();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }

    /// An id made from the name (transliterated to ASCII), else from the
    /// address's local part (`jdoe@example.com` → `jdoe`), else `person`;
    /// `-2`, `-3`… when taken.
    fn new_id(&self, name: &str, address: Option<&str>) -> String {
        let local = address.and_then(|a| a.split('@').next());
        // A person known only by an address is named by its local part.
        let first = if Some(name) == address {
            local
        } else {
            Some(name)
        };
        let base = [first, local]
            .into_iter()
            .flatten()
            .map(id_from)
            .find(|s| !s.is_empty())
            .unwrap_or_else(|| "person".into());
        let taken = |id: &str| self.list.iter().any(|(i, _)| i == id);
        if !taken(&base) {
            return base;
        }
        (2..)
            .map(|n| format!("{base}-{n}"))
            .find(|id| !taken(id))
            .unwrap_or(base)
    }
}

/// At most this many characters of a name go into an id.
const ID_MAX: usize = 32;

/// `[a-z0-9-]`, words joined by one hyphen, at most [`ID_MAX`] long (cut
/// at a word): "Henry Cabot" → `henry-cabot`, "袁家军" → `yuan-jia-jun`.
pub fn id_from(name: &str) -> String {
    let ascii = deunicode::deunicode(name);
    let mut out = String::new();
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    if out.len() > ID_MAX {
        let cut = out[..=ID_MAX]
            .rfind('-')
            .filter(|&i| i > 0)
            .unwrap_or(ID_MAX);
        out.truncate(cut);
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_rfc_5545_writes_them() {
        assert_eq!(duration("PT1H30M"), Some(Duration::minutes(90)));
        assert_eq!(duration("P1D"), Some(Duration::days(1)));
        assert_eq!(duration("P2W"), Some(Duration::weeks(2)));
        assert_eq!(duration("-PT15M"), Some(Duration::minutes(-15)));
        assert_eq!(duration("P1DT12H"), Some(Duration::hours(36)));
        assert_eq!(duration("PT1H0M0S"), Some(Duration::hours(1)));
        for bad in [
            "",
            "P",
            "1H",
            "PT",
            "P1H",
            "PT1D",
            "PT1",
            "P99999999999999999999D",
        ] {
            assert_eq!(duration(bad), None, "{bad}");
        }
    }

    #[test]
    fn ids_are_made_from_names() {
        assert_eq!(id_from("Henry Cabot"), "henry-cabot");
        assert_eq!(id_from("  The Big Cheese! "), "the-big-cheese");
        assert_eq!(id_from("袁家军"), "yuan-jia-jun");
        assert_eq!(id_from("José Núñez"), "jose-nunez");
        assert_eq!(id_from("jdoe@example.com"), "jdoe-example-com");
        assert_eq!(id_from("—"), "");
        let long = id_from(&"word ".repeat(20));
        assert!(long.len() <= ID_MAX && long.ends_with("word"), "{long}");
    }

    #[test]
    fn locations_split_into_place_address_and_prefecture() {
        assert_eq!(
            address_and_prefecture("3-11-1 Ariake, Koto, Tokyo"),
            (Some("3-11-1 Ariake, Koto".into()), Some("Tokyo".into()))
        );
        assert_eq!(
            address_and_prefecture("静岡県"),
            (None, Some("静岡県".into()))
        );
        assert_eq!(
            address_and_prefecture("Springfield"),
            (Some("Springfield".into()), None)
        );
        assert_eq!(
            split_location("Tokyo Big Sight, Koto, Tokyo"),
            ("Tokyo Big Sight".into(), "Koto, Tokyo".into())
        );
    }
}
