//! iCalendar (RFC 5545), written event by event.
//!
//! [`IcsExport`] is a selection about to become a calendar: its
//! [`events`](IcsExport::events) are built one at a time, each a VEVENT that
//! stands alone ([`IcsEvent`]), so the whole-trip export writes each as soon
//! as it is built and holds one at a time, and `publish` can make each its
//! own CalDAV resource ([`IcsExport::resource`]).
//!
//! Each VEVENT is built with the `icalendar` crate; what it gets wrong or
//! leaves out is done here: the VTIMEZONE for the trip's zone (the crate
//! writes TZID without one), exclusive all-day ends (its `all_day` ends on
//! the start date), stable UIDs and DTSTAMP, and folding by octets (each
//! event is unfolded and folded again, so the crate's folding rules do not
//! matter).

use std::cell::OnceCell;
use std::collections::HashMap;
use std::io::{self, Write};

use chrono::{DateTime, Duration, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};
use icalendar::{CalendarDateTime, Component, Event, EventLike, EventStatus};

use super::prose::who;
use super::summary::{
    MeetingSummary, Selection, StopSummary, line, lists, multiline, notable, stop,
};
use crate::format::{self, utc_offset};
use crate::model::{DayRef, Event as ModelEvent, Lead, Status, Stop, Trip};

/// `PRODID` of every calendar this app writes.
pub const PRODID: &str = concat!(
    "-//itinerary//itinerary ",
    env!("CARGO_PKG_VERSION"),
    "//EN"
);

/// The selection as an iCalendar file, in memory: what [`IcsExport::write`]
/// writes. `stamp` is the DTSTAMP of every event.
pub fn ics(trip: &Trip, selection: &Selection, stamp: DateTime<Utc>) -> String {
    let mut out = Vec::new();
    // Writing into memory cannot fail.
    let _ = IcsExport::new(trip, selection, stamp).write(&mut out);
    String::from_utf8(out).unwrap_or_default()
}

/// One exported event: a VEVENT that stands alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsEvent {
    uid: String,
    summary: String,
    timed: bool,
    vevent: String,
}

impl IcsEvent {
    /// Its UID, the same in every export of the event (see [`uid`]).
    pub fn uid(&self) -> &str {
        &self.uid
    }

    /// Its SUMMARY as a person reads it, unescaped (`[cancelled] Lunch`).
    pub fn summary(&self) -> &str {
        &self.summary
    }

    /// Whether it has times in the trip's zone, so needs its VTIMEZONE.
    pub fn is_timed(&self) -> bool {
        self.timed
    }

    /// `BEGIN:VEVENT` to `END:VEVENT`, folded, each line ending in CRLF.
    pub fn vevent(&self) -> &str {
        &self.vevent
    }
}

/// A selection of a trip as iCalendar: one VEVENT per day with a title or
/// notes (all-day), per stop and per meeting; timed events with `TZID` and
/// a VTIMEZONE (or in UTC when the trip's zone is UTC), untimed ones as
/// all-day events, unscheduled stops as all-day events spanning the trip.
pub struct IcsExport<'a> {
    trip: &'a Trip,
    selection: &'a Selection,
    stamp: DateTime<Utc>,
    /// Hash input of every UID: the trip's identity (see
    /// [`IcsExport::with_identity`]), else its title and start.
    trip_key: String,
    vtimezone: OnceCell<Option<String>>,
}

impl<'a> IcsExport<'a> {
    /// The export of `selection`; `stamp` is the DTSTAMP of every event.
    /// Nothing is built until asked for.
    pub fn new(trip: &'a Trip, selection: &'a Selection, stamp: DateTime<Utc>) -> Self {
        IcsExport {
            trip,
            selection,
            stamp,
            trip_key: match &trip.id {
                Some(id) => id.clone(),
                None => legacy_key(trip),
            },
            vtimezone: OnceCell::new(),
        }
    }

    /// Every event of the selection in calendar order (each day's event,
    /// then its stops, each followed by its meetings; then the unscheduled
    /// stops), each built when the iterator reaches it.
    pub fn events(&self) -> impl Iterator<Item = IcsEvent> + '_ {
        lists(self.trip, self.selection).flat_map(move |day| {
            let when = self.when(day);
            let all = self.trip.stops(day);
            let banner = match day {
                DayRef::Day(i) => self.day_event(i, &when),
                DayRef::Unscheduled => None,
            };
            let stops = all
                .iter()
                .zip(ranks(all, |s| line(&s.place)))
                .filter(|(s, _)| self.selection.keeps_stop(s))
                .flat_map(move |(s, rank)| self.stop_events(&when, s, rank));
            banner.into_iter().chain(stops)
        })
    }

    /// The UIDs made from `identity` (the trip's `id`, else its file's
    /// name: `publish`'s identity of the trip), so that a new title or start
    /// keeps every event's UID. An identity has no control character, so it
    /// never equals a title-and-start key.
    pub fn with_identity(mut self, identity: &str) -> Self {
        self.trip_key = identity.to_string();
        self
    }

    /// What every UID of this trip begins with (`<16 hex>-`, see [`uid`]).
    pub fn uid_prefix(&self) -> String {
        format!("{:016x}-", fnv1a(&self.trip_key))
    }

    /// The UID prefix of this trip before trips had an identity (from its
    /// title and start): `publish` takes the resources it published then as
    /// its own.
    pub fn legacy_uid_prefix(&self) -> String {
        format!("{:016x}-", fnv1a(&legacy_key(self.trip)))
    }

    /// The VTIMEZONE of the trip's zone over the trip's dates (a day either
    /// side), or `None` for a trip in UTC, whose times are written in UTC.
    pub fn vtimezone(&self) -> Option<&str> {
        self.vtimezone
            .get_or_init(|| {
                (self.trip.timezone != chrono_tz::UTC)
                    .then(|| vtimezone(self.trip.timezone, self.trip.start, self.trip.end))
            })
            .as_deref()
    }

    /// A calendar holding `event` alone, with the VTIMEZONE when it is
    /// timed: a CalDAV calendar object resource (RFC 4791 §4.1, so no
    /// METHOD and no calendar name).
    pub fn resource(&self, event: &IcsEvent) -> String {
        self.resource_with(event, &[])
    }

    /// [`IcsExport::resource`] with `extra` TEXT properties (name, value:
    /// escaped and folded here) at the end of its VEVENT.
    pub fn resource_with(&self, event: &IcsEvent, extra: &[(&str, &str)]) -> String {
        let mut out = String::from("BEGIN:VCALENDAR\r\n");
        out.push_str(&header(&[]));
        if event.timed {
            out.push_str(self.vtimezone().unwrap_or_default());
        }
        let vevent = event.vevent.strip_suffix("END:VEVENT\r\n");
        out.push_str(vevent.unwrap_or(&event.vevent));
        let lines: String = extra
            .iter()
            .map(|(name, value)| format!("{name}:{}\r\n", escape(&line(value))))
            .collect();
        out.push_str(&refold(&lines));
        if vevent.is_some() {
            out.push_str("END:VEVENT\r\n");
        }
        out.push_str("END:VCALENDAR\r\n");
        out
    }

    /// Writes the whole calendar to `out`, each event as soon as it is
    /// built (give it a buffered writer). The VTIMEZONE goes before the
    /// first event when any event is timed.
    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        let name = escape(&line(&self.trip.title));
        out.write_all(b"BEGIN:VCALENDAR\r\n")?;
        out.write_all(
            header(&[
                ("METHOD", "PUBLISH"),
                ("NAME", &name),
                ("X-WR-CALNAME", &name),
            ])
            .as_bytes(),
        )?;
        if self.any_timed() {
            out.write_all(self.vtimezone().unwrap_or_default().as_bytes())?;
        }
        for event in self.events() {
            out.write_all(event.vevent.as_bytes())?;
        }
        out.write_all(b"END:VCALENDAR\r\n")
    }

    /// Whether any exported event is timed, read from the model alone: the
    /// VTIMEZONE has to come before the first event, timed or not.
    fn any_timed(&self) -> bool {
        lists(self.trip, self.selection).any(|day| {
            let dated = day != DayRef::Unscheduled;
            self.trip
                .stops(day)
                .iter()
                .filter(|s| self.selection.keeps_stop(s))
                .any(|s| {
                    (self.selection.keeps_stop_event(s)
                        && timing(dated, s.arrive, s.depart).is_timed())
                        || s.meetings.iter().any(|m| {
                            self.selection.keeps_meeting(m)
                                && timing(dated, m.start, m.end).is_timed()
                        })
                })
        })
    }

    /// Where in time the events of a list go.
    fn when(&self, day: DayRef) -> When {
        let (first, last) = match day {
            DayRef::Day(i) => {
                let date = self.trip.days.get(i).map_or(self.trip.start, |d| d.date);
                (date, date)
            }
            DayRef::Unscheduled => (self.trip.start, self.trip.end),
        };
        When {
            tz: self.trip.timezone,
            first,
            last,
            dated: day != DayRef::Unscheduled,
            stamp: self.stamp,
        }
    }

    /// The all-day event of day `i` that carries its title and notes, when
    /// it has either: `SUMMARY` the title (`Day N` without one),
    /// `DESCRIPTION` the day's place in the trip and its notes.
    fn day_event(&self, i: usize, when: &When) -> Option<IcsEvent> {
        let day = self.trip.days.get(i)?;
        let title = day.title.as_deref().map(line).filter(|t| !t.is_empty());
        let notes = day
            .notes
            .as_deref()
            .map(multiline)
            .filter(|n| !n.is_empty());
        if title.is_none() && notes.is_none() {
            return None;
        }
        let summary = title.unwrap_or_else(|| format!("Day {}", i + 1));
        let mut text = vec![format!("Day {} of {}.", i + 1, self.trip.days.len())];
        text.extend(notes);
        let mut e = Event::new();
        e.summary(&summary)
            .description(&text.join("\n"))
            .uid(&uid(&self.trip_key, &day.date.to_string()))
            .timestamp(when.stamp)
            // Tells an importer this is the day itself, not a stop.
            .add_property("X-ITINERARY-DAY", format::iso(day.date));
        all_day(&mut e, when);
        Some(finish(&e, summary, false))
    }

    /// The VEVENT of a stop (of rank `rank` among its namesakes that day),
    /// then one per meeting.
    fn stop_events(&self, when: &When, model: &Stop, rank: usize) -> Vec<IcsEvent> {
        // The home clock is not the calendar's business: no date, no home times.
        let stop = stop(self.trip, model, None);
        let place = [
            Some(stop.place.as_str()),
            stop.address.as_deref(),
            stop.city.as_deref(),
            stop.prefecture.as_deref(),
        ];
        // Unscheduled stops are keyed apart from the first day's, which
        // shares their date: the same place on both is two events.
        let list = if when.dated {
            when.first.to_string()
        } else {
            "unscheduled".to_string()
        };
        let stop_key = format!("{list}\u{1f}{}\u{1f}{}", stop.place, rank);
        let mut out = Vec::with_capacity(1 + stop.meetings.len());
        // With `--person`, a stop of theirs only by a meeting is no event
        // of theirs; the UIDs stay those of the whole export.
        if self.selection.keeps_stop_event(model) {
            out.push(event(
                when,
                Item {
                    title: &stop.place,
                    times: (stop.arrive, stop.depart),
                    place,
                    description: stop_description(&stop, when.dated),
                    status: model.status,
                    uid: uid(&self.trip_key, &stop_key),
                    reminders: ModelEvent::Stop(model).alarms(&self.trip.reminders, when.dated),
                },
            ));
        }
        let meeting_ranks = ranks(&stop.meetings, |m| m.title.clone());
        for ((m, model_m), rank) in stop.meetings.iter().zip(&model.meetings).zip(meeting_ranks) {
            if !self.selection.keeps_meeting(model_m) {
                continue;
            }
            let key = format!("{stop_key}\u{1f}{}\u{1f}{}", m.title, rank);
            out.push(event(
                when,
                Item {
                    title: &m.title,
                    times: (m.start, m.end),
                    place,
                    description: meeting_description(&stop, m),
                    status: model_m.status,
                    uid: uid(&self.trip_key, &key),
                    reminders: ModelEvent::Meeting(model, model_m)
                        .alarms(&self.trip.reminders, when.dated),
                },
            ));
        }
        out
    }
}

/// The calendar's properties after `BEGIN:VCALENDAR`: the ones every
/// calendar has, then `extra` (values already escaped).
fn header(extra: &[(&str, &str)]) -> String {
    let mut out = format!("VERSION:2.0\r\nPRODID:{PRODID}\r\nCALSCALE:GREGORIAN\r\n");
    for (name, value) in extra {
        out.push_str(&format!("{name}:{value}\r\n"));
    }
    refold(&out)
}

/// TEXT escaping (RFC 5545 §3.3.11), for the properties written here.
fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace('\n', "\\n")
}

fn field(label: &str, value: String) -> Option<String> {
    (!value.is_empty()).then(|| format!("{label}: {value}"))
}

fn stop_description(stop: &StopSummary, dated: bool) -> String {
    let mut text = Vec::new();
    if !dated {
        text.push("Day not known: some time during the trip.".to_string());
    }
    text.push(format!(
        "Kind: {}; {}.",
        stop.kind,
        format::when(stop.arrive, stop.depart)
    ));
    text.extend(field("Present", who(&stop.people)));
    text.extend(stop.notes.clone());
    text.join("\n")
}

fn meeting_description(stop: &StopSummary, m: &MeetingSummary) -> String {
    let mut text = vec![format!("At {}.", stop.place)];
    text.extend(field("Who", who(&m.attendees)));
    text.extend(field("Topics", m.topics.join(", ")));
    text.extend(m.outcome.as_ref().map(|o| format!("Outcome: {o}")));
    text.extend(m.notes.clone());
    text.join("\n")
}

/// For each item, its 1-based rank among the items with the same key: two
/// stops at one place on one day get distinct, stable UIDs.
fn ranks<T>(list: &[T], key: impl Fn(&T) -> String) -> Vec<usize> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    list.iter()
        .map(|x| {
            let n = seen.entry(key(x)).or_insert(0);
            *n += 1;
            *n
        })
        .collect()
}

/// Non-empty parts joined with ", ", a part equal to the one before dropped ("Tokyo, Tokyo").
fn location(parts: [Option<&str>; 4]) -> String {
    let mut out: Vec<&str> = Vec::new();
    for p in parts.into_iter().flatten() {
        if !p.is_empty() && out.last() != Some(&p) {
            out.push(p);
        }
    }
    out.join(", ")
}

/// Where in time the events of one list go.
#[derive(Debug, Clone, Copy)]
struct When {
    tz: Tz,
    /// The day of the list, or the trip's first and last for unscheduled stops.
    first: NaiveDate,
    last: NaiveDate,
    /// False for unscheduled stops: their times have no date to go with.
    dated: bool,
    stamp: DateTime<Utc>,
}

/// How an event sits in time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Timing {
    /// From a time on its day, to a later one when there is one.
    At(NaiveTime, Option<NaiveTime>),
    /// All day (or all the trip, for an unscheduled stop).
    AllDay,
}

impl Timing {
    fn is_timed(self) -> bool {
        self != Timing::AllDay
    }
}

/// The timing of an event from its start and end. Only an end (a departure
/// at 11:05, "until 11:05") runs from the start of its day to that end: it
/// ends then and does not start then (calcurse refuses an event that ends
/// as it starts, khal stretches one to an hour). An end equal to the start
/// is left out: RFC 5545 reads a lone DTSTART as an instant.
fn timing(dated: bool, start: Option<NaiveTime>, end: Option<NaiveTime>) -> Timing {
    match (start, end) {
        _ if !dated => Timing::AllDay,
        (Some(s), end) => Timing::At(s, end.filter(|e| *e > s)),
        (None, Some(end)) => Timing::At(NaiveTime::MIN, Some(end).filter(|e| *e > NaiveTime::MIN)),
        (None, None) => Timing::AllDay,
    }
}

/// What goes into one VEVENT of a stop or meeting.
struct Item<'t> {
    title: &'t str,
    times: (Option<NaiveTime>, Option<NaiveTime>),
    /// Place, address, city and prefecture, for LOCATION.
    place: [Option<&'t str>; 4],
    description: String,
    status: Status,
    uid: String,
    /// The lead times of its reminders ([`ModelEvent::alarms`]): none for
    /// one that gets none.
    reminders: &'t [Lead],
}

/// The VEVENT of a stop or meeting. A cancelled or tentative one says so in
/// its SUMMARY too (`[cancelled] …`): calendar programs that ignore STATUS
/// (calcurse) would show it as firm.
fn event(when: &When, item: Item<'_>) -> IcsEvent {
    let summary = if notable(item.status.as_str()) {
        format!("[{}] {}", item.status.as_str(), item.title)
    } else {
        item.title.to_string()
    };
    let mut e = Event::new();
    e.summary(&summary)
        .location(&location(item.place))
        .description(&item.description)
        .status(match item.status {
            Status::Confirmed => EventStatus::Confirmed,
            Status::Tentative => EventStatus::Tentative,
            Status::Cancelled => EventStatus::Cancelled,
        })
        .uid(&item.uid)
        .timestamp(when.stamp);
    let at = |t: NaiveTime| -> CalendarDateTime {
        let local = NaiveDateTime::new(when.first, t);
        if when.tz == chrono_tz::UTC {
            CalendarDateTime::Utc(local.and_utc())
        } else {
            CalendarDateTime::WithTimezone {
                date_time: local,
                tzid: when.tz.name().to_string(),
            }
        }
    };
    let timing = timing(when.dated, item.times.0, item.times.1);
    match timing {
        Timing::At(start, end) => {
            e.starts(at(start));
            if let Some(end) = end {
                e.ends(at(end));
            }
        }
        Timing::AllDay => all_day(&mut e, when),
    }
    let mut out = finish(&e, summary, timing.is_timed());
    // Reminders only where the start is a moment someone is due (the rule
    // is `ModelEvent::alarms`, which left `reminders` empty otherwise).
    if let (Timing::At(..), Some(start), false) = (timing, item.times.0, item.reminders.is_empty())
    {
        let text = alarm_text(&out.summary, start, &item);
        let alarms = alarms(item.reminders, &text);
        if let Some(body) = out.vevent.strip_suffix("END:VEVENT\r\n") {
            out.vevent = format!("{body}{alarms}END:VEVENT\r\n");
        }
    }
    out
}

/// What a reminder says: what, when and where (`Talks with Governor
/// Kawakatsu at 10:30 — Shizuoka Prefectural Government, Shizuoka`); a
/// stop's place is its title, so its LOCATION is not said twice.
fn alarm_text(summary: &str, start: NaiveTime, item: &Item<'_>) -> String {
    let place = if item.place[0] == Some(item.title) {
        location([None, item.place[1], item.place[2], item.place[3]])
    } else {
        location(item.place)
    };
    let when = format::time(start);
    match place.is_empty() {
        true => format!("{summary} at {when}"),
        false => format!("{summary} at {when} — {place}"),
    }
}

/// One VALARM per lead time (shortest last, as calendars list them by
/// trigger), ACTION:DISPLAY, TRIGGER relative to the start; folded.
fn alarms(leads: &[Lead], text: &str) -> String {
    let mut leads = leads.to_vec();
    leads.sort_by(|a, b| b.cmp(a));
    leads.dedup();
    let text = escape(&line(text));
    let out: String = leads
        .iter()
        .map(|lead| {
            format!(
                "BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:{text}\r\nTRIGGER:{}\r\nEND:VALARM\r\n",
                trigger(*lead)
            )
        })
        .collect();
    refold(&out)
}

/// A TRIGGER's duration before the start (RFC 5545 §3.3.6): `-PT15M`,
/// `-PT1H30M`, `-P1D`, `-P1DT12H`; `PT0M` at the start.
pub fn trigger(lead: Lead) -> String {
    let m = lead.minutes();
    if m == 0 {
        return "PT0M".into();
    }
    let (d, h, m) = (m / (24 * 60), m / 60 % 24, m % 60);
    let mut out = String::from("-P");
    if d > 0 {
        out.push_str(&format!("{d}D"));
    }
    if h > 0 || m > 0 {
        out.push('T');
        if h > 0 {
            out.push_str(&format!("{h}H"));
        }
        if m > 0 {
            out.push_str(&format!("{m}M"));
        }
    }
    out
}

/// All day on the list's day (or days): DTEND is exclusive, the day after
/// the last one; transparent, so it does not show the day as busy.
fn all_day(e: &mut Event, when: &When) {
    e.starts(when.first).ends(when.last + Duration::days(1));
    e.add_property("TRANSP", "TRANSPARENT");
}

/// The crate's VEVENT, folded our way.
fn finish(e: &Event, summary: String, timed: bool) -> IcsEvent {
    IcsEvent {
        uid: e.get_uid().unwrap_or_default().to_string(),
        summary,
        timed,
        // Formatting into a String cannot fail.
        vevent: refold(&e.try_into_string().unwrap_or_default()),
    }
}

/// The trip part of the UIDs of a trip without an identity: its title and start.
fn legacy_key(trip: &Trip) -> String {
    format!("{}\u{1f}{}", line(&trip.title), trip.start)
}

/// A UID from the trip (its identity, else its title and start) and the event (day, place, title,
/// rank among namesakes): the same event gets the same UID in every export,
/// whatever the filter or its position in the file.
fn uid(trip_key: &str, event_key: &str) -> String {
    format!(
        "{:016x}-{:016x}@itinerary",
        fnv1a(trip_key),
        fnv1a(event_key)
    )
}

/// FNV-1a, 64 bits: tiny and fixed forever, unlike std's hasher.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// A VTIMEZONE for `tz` covering the trip (a day either side): its offset at
/// the start and every transition until the end, from chrono-tz's data.
fn vtimezone(tz: Tz, start: NaiveDate, end: NaiveDate) -> String {
    let from = (start - Duration::days(1))
        .and_time(NaiveTime::MIN)
        .and_utc();
    let until = (end + Duration::days(2)).and_time(NaiveTime::MIN).and_utc();
    let offset_at = |t: DateTime<Utc>| tz.offset_from_utc_datetime(&t.naive_utc());
    let mut out = format!("BEGIN:VTIMEZONE\r\nTZID:{}\r\n", tz.name());
    let mut observance = |at: DateTime<Utc>, before: i32| {
        let off = offset_at(at);
        let kind = if off.dst_offset().is_zero() {
            "STANDARD"
        } else {
            "DAYLIGHT"
        };
        // DTSTART of an observance is the local time in the offset before it.
        let local = at.naive_utc() + Duration::seconds(before.into());
        out.push_str(&format!(
            "BEGIN:{kind}\r\nDTSTART:{}\r\nTZOFFSETFROM:{}\r\nTZOFFSETTO:{}\r\n",
            format::ics_local(local),
            utc_offset(before),
            utc_offset(off.fix().local_minus_utc()),
        ));
        if let Some(name) = off
            .abbreviation()
            .filter(|n| n.chars().all(|c| c.is_ascii_alphabetic()))
        {
            out.push_str(&format!("TZNAME:{name}\r\n"));
        }
        out.push_str(&format!("END:{kind}\r\n"));
    };
    let initial = offset_at(from).fix().local_minus_utc();
    observance(from, initial);
    // Find each change hour by hour, then to the second by bisection.
    let mut t = from;
    let mut current = initial;
    while t < until {
        let next = t + Duration::hours(1);
        let off = offset_at(next).fix().local_minus_utc();
        if off != current {
            let (mut lo, mut hi) = (t, next);
            while hi - lo > Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if offset_at(mid).fix().local_minus_utc() == current {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            observance(hi, current);
            current = off;
        }
        t = next;
    }
    out.push_str("END:VTIMEZONE\r\n");
    out
}

/// Unfolds every content line and folds it again at 75 octets, never inside
/// a UTF-8 character, with CRLF line ends.
fn refold(text: &str) -> String {
    let unfolded = text.replace("\r\n ", "").replace("\r\n\t", "");
    let mut out = String::with_capacity(text.len() + text.len() / 32);
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        let mut rest = line;
        let mut limit = 75;
        while rest.len() > limit {
            let mut cut = limit;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            // Keep an escape (`\n`, `\,`) on one line: lenient readers
            // unescape before they unfold.
            let slashes = rest[..cut]
                .bytes()
                .rev()
                .take_while(|b| *b == b'\\')
                .count();
            if slashes % 2 == 1 {
                cut -= 1;
            }
            out.push_str(&rest[..cut]);
            out.push_str("\r\n ");
            rest = &rest[cut..];
            limit = 74; // the leading space counts
        }
        out.push_str(rest);
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;

    fn timed() -> Trip {
        load::load_str(include_str!("../../tests/fixtures/timed-trip.toml"))
            .unwrap()
            .trip
    }

    fn stamp() -> DateTime<Utc> {
        DateTime::from_timestamp(1_546_300_800, 0).unwrap()
    }

    #[test]
    fn the_calendar_is_its_header_and_its_events_in_order() {
        let trip = timed();
        let selection = Selection::trip();
        let export = IcsExport::new(&trip, &selection, stamp());
        let whole = ics(&trip, &selection, stamp());
        let body: String = export.events().map(|e| e.vevent().to_string()).collect();
        assert!(
            export
                .events()
                .all(|e| e.uid().starts_with(&export.uid_prefix()))
        );
        let at = whole.find("BEGIN:VEVENT").unwrap();
        assert_eq!(&whole[at..], format!("{body}END:VCALENDAR\r\n"));
        assert!(whole[..at].ends_with(export.vtimezone().unwrap()));
    }

    #[test]
    fn a_resource_is_one_event_with_its_zone_and_no_method() {
        let trip = timed();
        let selection = Selection::trip();
        let export = IcsExport::new(&trip, &selection, stamp());
        let events: Vec<IcsEvent> = export.events().collect();
        let lunch = events
            .iter()
            .find(|e| e.summary() == "[cancelled] Lunch with the Port and Harbor Bureau")
            .unwrap();
        assert!(lunch.is_timed());
        let text = export.resource(lunch);
        assert!(text.starts_with(&format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:{PRODID}\r\nCALSCALE:GREGORIAN\r\nBEGIN:VTIMEZONE\r\n"
        )));
        assert!(text.ends_with(&format!("{}END:VCALENDAR\r\n", lunch.vevent())));
        assert!(
            !text.contains("METHOD") && !text.contains("X-WR-CALNAME"),
            "{text}"
        );
        let cal = ical::IcalParser::new(text.as_bytes())
            .next()
            .unwrap()
            .unwrap();
        assert_eq!((cal.events.len(), cal.timezones.len()), (1, 1));
        let uid = cal.events[0].properties.iter().find(|p| p.name == "UID");
        assert_eq!(uid.and_then(|p| p.value.as_deref()), Some(lunch.uid()));
        // An all-day event needs no zone.
        let day = &events[0];
        assert_eq!((day.summary(), day.is_timed()), ("Arrival", false));
        assert!(!export.resource(day).contains("VTIMEZONE"));
    }

    #[test]
    fn folding_counts_octets_and_keeps_characters_whole() {
        let long = format!("SUMMARY:{}", "袁".repeat(40));
        let folded = refold(&format!("{long}\r\n"));
        for l in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(l.len() <= 75, "{l:?} is {} octets", l.len());
        }
        assert_eq!(folded.replace("\r\n ", ""), format!("{long}\r\n"));
        assert_eq!(refold("A:b\r\n"), "A:b\r\n");
        let escapes = format!("DESCRIPTION:{}\\nafter\r\n", "x".repeat(62));
        let folded = refold(&escapes);
        assert!(
            folded.starts_with(&format!("DESCRIPTION:{}\r\n \\n", "x".repeat(62))),
            "{folded}"
        );
    }

    #[test]
    fn tokyo_zone() {
        let d = NaiveDate::from_ymd_opt(2018, 8, 28).unwrap();
        assert_eq!(
            vtimezone(chrono_tz::Asia::Tokyo, d, d),
            "BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo\r\nBEGIN:STANDARD\r\nDTSTART:20180827T090000\r\n\
             TZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\nTZNAME:JST\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
        );
    }

    #[test]
    fn a_dst_change_in_the_trip_is_an_observance() {
        // Europe/Berlin went to summer time at 01:00 UTC on 2018-03-25.
        let tz = vtimezone(
            chrono_tz::Europe::Berlin,
            NaiveDate::from_ymd_opt(2018, 3, 24).unwrap(),
            NaiveDate::from_ymd_opt(2018, 3, 26).unwrap(),
        );
        assert!(tz.contains(
            "BEGIN:DAYLIGHT\r\nDTSTART:20180325T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\nEND:DAYLIGHT\r\n"
        ), "{tz}");
    }
}
