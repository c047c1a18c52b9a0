//! A VEVENT's properties read into an [`Event`]: its text fields cleaned
//! for a trip file, its start and end as written, and a report of every
//! property that is not carried over.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate, NaiveDateTime};

use super::convert::Report;
use super::read::{Component, Prop};
use super::zone;
use crate::load::diagnostic::quote;
use crate::model::{Lead, Status};

/// When an event starts or ends, as written.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Stamp {
    Date(NaiveDate),
    Floating(NaiveDateTime),
    Utc(NaiveDateTime),
    Zoned(NaiveDateTime, String),
}

/// A VEVENT's fields, before it is placed.
#[derive(Clone)]
pub(super) struct Event<'a> {
    pub(super) c: &'a Component,
    pub(super) summary: Option<String>,
    pub(super) location: Option<String>,
    pub(super) description: Option<String>,
    pub(super) status: Status,
    pub(super) start: (Stamp, usize),
    pub(super) end: Option<(Stamp, usize)>,
    pub(super) duration: Option<(Duration, usize)>,
    pub(super) people: Vec<&'a Prop>,
    /// `X-ITINERARY-DAY`: the event of a day's title and notes.
    pub(super) day: Option<&'a Prop>,
    /// `UID`: a changed occurrence names its repeating event by it.
    pub(super) uid: Option<String>,
    /// `RRULE`, `RDATE`, `EXDATE` and `EXRULE` lines: the event repeats.
    pub(super) repeat: Vec<&'a Prop>,
    /// `RECURRENCE-ID`: this event is one changed occurrence of another.
    pub(super) recurrence_id: Option<&'a Prop>,
    /// The lead times of its VALARMs that are reminders before the start
    /// (docs/import.md, "Reminders"); `None` when it has none.
    pub(super) reminders: Option<Vec<Lead>>,
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

pub(super) fn not_an_event(name: &str) -> String {
    let what = match name {
        "VTODO" => " (a to-do)",
        "VJOURNAL" => " (a journal entry)",
        "VFREEBUSY" => " (free/busy time)",
        "VALARM" => " (an alarm)",
        _ => "",
    };
    format!("{name}{what} is not carried over: a trip has events only")
}

pub(super) fn unescape(p: &Prop) -> String {
    // X-WR-CALNAME is TEXT for the crate already; NAME (RFC 7986) is not.
    icalendar::parser::ParseString::from(p.value.clone())
        .unescape_text()
        .as_str()
        .to_string()
}

/// A one-line field (place, title, name): line breaks and tabs become
/// spaces, other control characters go; said when anything changed.
pub(super) fn one_line(text: &str, p: &Prop, report: &mut Report) -> String {
    // Most fields need nothing done: one copy, no scan per character more.
    if !text.chars().any(|c| c.is_control() || is_bidi_control(c)) && text.trim() == text {
        return text.to_string();
    }
    let bidi = strip_bidi(text, p, report);
    let cleaned: String = bidi
        .chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    let cleaned = cleaned.trim().to_string();
    if cleaned != bidi.trim() {
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

/// Whether `c` is a bidirectional embedding, override or isolate
/// (U+202A–U+202E, U+2066–U+2069), which mail programs put around Arabic
/// and Hebrew names and which `check` refuses (they reorder text on
/// screen). The marks U+200E and U+200F only mark a direction and are kept.
pub(super) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The text without bidirectional controls, said when there were any.
pub(super) fn strip_bidi(text: &str, p: &Prop, report: &mut Report) -> String {
    if !text.chars().any(is_bidi_control) {
        return text.to_string();
    }
    report.lost.push((
        p.line,
        format!(
            "{} has bidirectional control characters (U+202A–U+202E, U+2066–U+2069): left out, the text kept",
            p.name
        ),
    ));
    text.chars().filter(|c| !is_bidi_control(*c)).collect()
}

/// A multi-line field (notes): CRLF and CR become LF; control characters
/// other than LF and tab go, and that is said.
fn multi_line(text: &str, p: &Prop, report: &mut Report) -> String {
    let text = strip_bidi(text, p, report)
        .replace("\r\n", "\n")
        .replace('\r', "\n");
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
pub(super) fn event<'a>(c: &'a Component, report: &mut Report) -> Option<Event<'a>> {
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
        uid: None,
        repeat: Vec::new(),
        recurrence_id: None,
        reminders: None,
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
            "DTSTART" | "DTEND" => match stamp(p) {
                Ok((s, repair)) => {
                    report.lost.extend(repair.map(|r| (p.line, r)));
                    if name == "DTSTART" {
                        start = Some((s, p.line));
                    } else {
                        e.end = Some((s, p.line));
                    }
                }
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
            "UID" => e.uid = Some(p.value.trim().to_string()),
            "RRULE" | "RDATE" | "EXDATE" | "EXRULE" => e.repeat.push(p),
            "RECURRENCE-ID" => e.recurrence_id = Some(p),
            n if BOOKKEEPING.contains(&n) => {}
            _ => report.lost.push((p.line, unsupported(p))),
        }
    }
    let mut leads = Vec::new();
    for child in &c.children {
        match child.name.as_str() {
            "VALARM" => leads.extend(reminder(child, report)),
            _ => report.lost.push((child.line, not_an_event(&child.name))),
        }
    }
    if !leads.is_empty() {
        leads.sort_unstable();
        leads.dedup();
        e.reminders = Some(leads);
    }
    let Some(start) = start else {
        report.lost.push((
            c.line,
            "event without a readable DTSTART: not carried over (a stop needs a day)".into(),
        ));
        return None;
    };
    e.start = start;
    // Outlook writes an all-day event as midnight to midnight in its zone.
    if let Some((end, end_line)) = &e.end
        && let Some((first, last)) = midnight_to_midnight(&e.start.0, end)
    {
        report.lost.push((
            *end_line,
            format!(
                "the event runs from midnight to midnight ({} to {}): read as an all-day event",
                first.format("%Y-%m-%d"),
                last.format("%Y-%m-%d")
            ),
        ));
        e.start.0 = Stamp::Date(first);
        e.end = Some((Stamp::Date(last), *end_line));
    }
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

/// Properties of a VALARM that a reminder needs, or that say nothing a
/// trip keeps: its text (the export writes its own, what, when and where)
/// and its bookkeeping.
const ALARM_QUIET: &[&str] = &[
    "ACTION",
    "TRIGGER",
    "DESCRIPTION",
    "SUMMARY",
    "UID",
    "X-WR-ALARMUID",
    "ACKNOWLEDGED",
    "DTSTAMP",
];

/// A VALARM as a reminder's lead time: `ACTION:DISPLAY` with a `TRIGGER`
/// at or before the start (`-PT15M`, `-P1D`, `PT0M`; `RELATED=START` or
/// none). Any other alarm is reported and not carried over.
fn reminder(alarm: &Component, report: &mut Report) -> Option<Lead> {
    let not = |why: String| {
        format!(
            "VALARM {why}: not carried over (a reminder is a lead time before the start, shown on screen)"
        )
    };
    let action = alarm
        .prop("ACTION")
        .map(|p| p.value.trim().to_ascii_uppercase());
    if action.as_deref() != Some("DISPLAY") {
        let said = action.map_or("without an ACTION".into(), |a| format!("with ACTION:{a}"));
        report.lost.push((alarm.line, not(said)));
        return None;
    }
    let Some(trigger) = alarm.prop("TRIGGER") else {
        report
            .lost
            .push((alarm.line, not("without a TRIGGER".into())));
        return None;
    };
    let value = trigger.value.trim();
    let absolute = trigger
        .param("VALUE")
        .is_some_and(|v| v.eq_ignore_ascii_case("DATE-TIME"));
    if absolute {
        report.lost.push((
            trigger.line,
            not(format!("at a set time (TRIGGER {})", quote(value))),
        ));
        return None;
    }
    if trigger
        .param("RELATED")
        .is_some_and(|r| r.trim().eq_ignore_ascii_case("END"))
    {
        report.lost.push((
            trigger.line,
            not(format!(
                "before the event's end (TRIGGER;RELATED=END:{value})"
            )),
        ));
        return None;
    }
    // `PT-2H` (the sign inside, as some writers put it; khal reads it) is
    // `-PT2H`, read as meant and said.
    let parsed = duration(value).or_else(|| {
        let moved = value
            .starts_with(['P', 'p'])
            .then(|| format!("-{}", value.replacen('-', "", 1)))
            .filter(|_| value.contains('-'))?;
        let d = duration(&moved)?;
        report.lost.push((
            trigger.line,
            format!(
                "TRIGGER {value} has its sign inside (RFC 5545 writes {moved}): read as {moved}"
            ),
        ));
        Some(d)
    });
    let lead = parsed.and_then(|d| {
        let before = -d;
        let minutes = before.num_minutes();
        (before >= Duration::zero() && Duration::minutes(minutes) == before)
            .then(|| u32::try_from(minutes).ok().and_then(Lead::from_minutes))
            .flatten()
    });
    if lead.is_none() {
        let why = match parsed {
            None => format!("with a TRIGGER that is not a duration ({})", quote(value)),
            Some(d) if d > Duration::zero() => format!("after the start (TRIGGER:{value})"),
            Some(_) => format!(
                "{value} before the start, not whole minutes or more than {} days",
                Lead::MAX_MINUTES / (24 * 60)
            ),
        };
        report.lost.push((trigger.line, not(why)));
        return None;
    }
    // What else a reminder that is carried over says (REPEAT, ATTACH…).
    for p in &alarm.props {
        if !ALARM_QUIET.contains(&p.name.as_str()) {
            report.lost.push((
                p.line,
                format!("{} in a VALARM is not carried over", p.name),
            ));
        }
    }
    for child in &alarm.children {
        report.lost.push((child.line, not_an_event(&child.name)));
    }
    lead
}

/// The dates of a start and end both at 00:00 of the same zone (not UTC,
/// whose midnight is no one's day), the end on a later day.
fn midnight_to_midnight(start: &Stamp, end: &Stamp) -> Option<(NaiveDate, NaiveDate)> {
    let (a, b) = match (start, end) {
        (Stamp::Floating(a), Stamp::Floating(b)) => (a, b),
        (Stamp::Zoned(a, x), Stamp::Zoned(b, y)) if x == y => (a, b),
        _ => return None,
    };
    let midnight = |t: &NaiveDateTime| t.time() == chrono::NaiveTime::MIN;
    (midnight(a) && midnight(b) && b.date() > a.date()).then(|| (a.date(), b.date()))
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

/// A DTSTART or DTEND as written, and what was repaired to read it.
pub(super) fn stamp(p: &Prop) -> Result<(Stamp, Option<String>), String> {
    let value = p.value.trim();
    let tzid = p.param("TZID");
    // Exchange writes `DTSTART;TZID="W. Europe Standard Time:20200910T090000"`:
    // the value inside the quotes, after the zone's name.
    if value.is_empty()
        && let Some((zone, time)) = tzid.and_then(|t| t.trim_matches('"').rsplit_once(':'))
        && zone::local_date_time(time).is_some()
    {
        let (s, _) = stamp_value(p, time, Some(zone))?;
        return Ok((
            s,
            Some(format!(
                "{} has its time inside the quotes of its TZID ({}): read as {time} in {}",
                p.name,
                quote(tzid.unwrap_or_default()),
                quote(zone)
            )),
        ));
    }
    stamp_value(p, value, tzid)
}

/// One date or date-time value of `p` (DTSTART, RDATE…) with its zone.
pub(super) fn stamp_value(
    p: &Prop,
    v: &str,
    tzid: Option<&str>,
) -> Result<(Stamp, Option<String>), String> {
    let v = v.trim();
    let as_date = || NaiveDate::parse_from_str(v, "%Y%m%d").ok();
    let bad = || {
        format!(
            "{} {} is not a date (YYYYMMDD) or date-time (YYYYMMDDTHHMMSS); not carried over",
            p.name,
            quote(v)
        )
    };
    let date_typed = p
        .param("VALUE")
        .is_some_and(|t| t.eq_ignore_ascii_case("DATE"));
    if date_typed || v.len() == 8 {
        if let Some(d) = as_date() {
            return Ok((Stamp::Date(d), None));
        }
        // `DTSTART;VALUE=DATE:20110804T120000`: a date-time said to be a
        // date; python's icalendar and khal read the date-time.
        if v.len() == 8 {
            return Err(bad());
        }
    }
    let t = zone::local_date_time(v).ok_or_else(bad)?;
    let repair = date_typed.then(|| {
        format!(
            "{} says VALUE=DATE but holds a date-time ({v}): read as the date-time",
            p.name
        )
    });
    let s = if v.ends_with(['Z', 'z']) {
        Stamp::Utc(t)
    } else if let Some(tzid) = tzid {
        Stamp::Zoned(t, tzid.to_string())
    } else {
        Stamp::Floating(t)
    };
    Ok((s, repair))
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
}
