//! The exported data: what every format shows, built once from the model.
//!
//! It mirrors the JSON output field for field (docs/export.md documents the
//! names as stable), and Markdown, text and iCalendar read from it too, so
//! the formats cannot drift apart. Every string is cleaned here: no control
//! character from the file gets any further. Dates, times and zones stay
//! chrono values; each format turns them into text through
//! [`crate::format`], JSON by the serializers at the end of this file.

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use chrono_tz::Tz;
use serde::{Serialize, Serializer};

use crate::clock;
use crate::format;
use crate::model::{DayRef, Event, Filter, Lead, Meeting, PersonId, Status, Stop, Trip};
use crate::tally::{Tally, held};

/// What to export: one day (or the unscheduled stops), or the whole trip.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Every day, then the unscheduled stops.
    Trip,
    /// One day, or the unscheduled stops.
    Day(DayRef),
}

/// A scope, a prefecture filter and the people asked for: exactly what an
/// export shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Selection {
    pub scope: Scope,
    pub filter: Filter,
    /// `--person`: only the events one of them attends or is present at
    /// (and the stops of those meetings, which hold them); empty for all.
    pub people: Vec<PersonId>,
}

impl Selection {
    /// The whole trip, unfiltered.
    pub fn trip() -> Selection {
        Selection::of(Scope::Trip, Filter::default())
    }

    /// One day, unfiltered.
    pub fn day(day: DayRef) -> Selection {
        Selection::of(Scope::Day(day), Filter::default())
    }

    /// A scope through the browser's filter, as the command line takes it:
    /// its prefectures as `--prefecture`, its people as `--person`.
    pub fn browsed(scope: Scope, filter: &Filter) -> Selection {
        Selection {
            scope,
            filter: Filter {
                prefectures: filter.prefectures.clone(),
                people: Vec::new(),
            },
            people: filter.people.clone(),
        }
    }

    /// A scope through a prefecture filter, everyone's events.
    pub fn of(scope: Scope, filter: Filter) -> Selection {
        Selection {
            scope,
            filter,
            people: Vec::new(),
        }
    }

    /// Whether the stop itself is exported as an event (a calendar's
    /// VEVENT): it passes the filter and one of the people is present.
    pub fn keeps_stop_event(&self, s: &Stop) -> bool {
        self.filter.matches(s) && crate::model::present(&self.people, &s.people)
    }

    /// Whether a meeting of a stop that passes the filter is exported.
    pub fn keeps_meeting(&self, m: &Meeting) -> bool {
        crate::model::keeps_meeting(&self.people, m)
    }

    /// Whether the stop is shown: it passes the filter, and one of the
    /// people is present at it or at one of its meetings.
    pub fn keeps_stop(&self, s: &Stop) -> bool {
        self.filter.matches(s) && crate::model::keeps_stop(&self.people, s)
    }
}

/// The whole export. `D` and `U` are the day and unscheduled-stop lists:
/// vectors for Markdown and text, which read them twice, and lazy sequences
/// for JSON, which writes each as it is built (see [`summarize_lazy`]). One
/// struct for both, so the field names and their order cannot drift apart.
#[derive(Debug, Clone, Serialize)]
pub struct Summary<D = Vec<DaySummary>, U = Vec<StopSummary>> {
    /// Bumped only if a field changes meaning or disappears.
    pub format_version: u32,
    /// IANA zone of the home clock shown beside the trip's; absent without
    /// one, or when it is the trip's own zone.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "zone_opt")]
    pub home_timezone: Option<Tz>,
    pub trip: TripInfo,
    /// `"trip"` or `"day"`.
    pub scope: &'static str,
    /// The prefectures kept, canonical names; empty when not filtered.
    pub prefectures_filter: Vec<String>,
    /// The people whose events are kept (`--person`); empty for everyone's.
    pub people_filter: Vec<PersonSummary>,
    pub days: D,
    /// Stops on no known day (whole-trip exports, or the unscheduled "day").
    pub unscheduled: U,
    pub counts: Counts,
}

/// The trip, as each export names it.
#[derive(Debug, Clone, Serialize)]
pub struct TripInfo {
    pub title: String,
    /// ISO dates.
    #[serde(serialize_with = "iso")]
    pub start: NaiveDate,
    #[serde(serialize_with = "iso")]
    pub end: NaiveDate,
    /// IANA zone of every time in the export.
    #[serde(serialize_with = "zone")]
    pub timezone: Tz,
    /// Number of days from start to end.
    pub day_count: usize,
    pub purpose: Option<String>,
    /// The lead, with their role: the printed programme's cover. Not in
    /// JSON (yet): its trip object stays as docs/export.md lists it.
    #[serde(skip)]
    pub lead: Option<PersonSummary>,
    /// Where the trip's facts come from (the cover; not in JSON either).
    #[serde(skip)]
    pub sources: Vec<String>,
    /// The people to call during the trip; absent when the file names none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<PersonSummary>,
    /// `reminders` in `[trip]`, as written (`15m`, `1h30m`); empty for none.
    pub reminders: Vec<String>,
}

/// One day and its visible stops (`S`: a vector, or a lazy sequence).
#[derive(Debug, Clone, Serialize)]
pub struct DaySummary<S = Vec<StopSummary>> {
    /// ISO date, `2018-08-28`.
    #[serde(serialize_with = "iso")]
    pub date: NaiveDate,
    /// English weekday, `Tuesday`.
    #[serde(serialize_with = "weekday")]
    pub weekday: Weekday,
    /// 1-based day of the trip.
    pub number: usize,
    pub title: Option<String>,
    pub notes: Option<String>,
    pub stops: S,
}

/// A stop, times and names ready to print.
#[derive(Debug, Clone, Serialize)]
pub struct StopSummary {
    pub place: String,
    /// `visit`, `meeting`, … as in the file.
    pub kind: &'static str,
    /// Canonical romaji name (`Tokyo`), or the file's text when not one of the 47.
    pub prefecture: Option<String>,
    pub city: Option<String>,
    pub address: Option<String>,
    /// Local time `HH:MM` (`HH:MM:SS` when seconds are set), or null.
    #[serde(serialize_with = "time_opt")]
    pub arrive: Option<NaiveTime>,
    #[serde(serialize_with = "time_opt")]
    pub depart: Option<NaiveTime>,
    /// `arrive` and `depart` on the home clock, local date-times in
    /// `home_timezone` (`2026-03-20T05:00`), null where the time is not set;
    /// absent without a home zone, and on the unscheduled stops (no date).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "home")]
    pub start_home: Option<Option<NaiveDateTime>>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "home")]
    pub end_home: Option<Option<NaiveDateTime>>,
    /// `confirmed`, `tentative` or `cancelled`.
    pub status: &'static str,
    pub people: Vec<PersonSummary>,
    /// The person responsible on site; absent when the file names none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<PersonSummary>,
    pub notes: Option<String>,
    /// The lead times of its calendar reminders (its own, else the
    /// trip's), as written; empty for none.
    pub reminders: Vec<String>,
    pub meetings: Vec<MeetingSummary>,
}

/// A meeting, times and names ready to print.
#[derive(Debug, Clone, Serialize)]
pub struct MeetingSummary {
    pub title: String,
    #[serde(serialize_with = "time_opt")]
    pub start: Option<NaiveTime>,
    #[serde(serialize_with = "time_opt")]
    pub end: Option<NaiveTime>,
    /// `start` and `end` on the home clock (see [`StopSummary::start_home`]).
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "home")]
    pub start_home: Option<Option<NaiveDateTime>>,
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "home")]
    pub end_home: Option<Option<NaiveDateTime>>,
    pub status: &'static str,
    pub attendees: Vec<PersonSummary>,
    pub topics: Vec<String>,
    pub outcome: Option<String>,
    pub notes: Option<String>,
    /// The lead times of its calendar reminders (its own, else its
    /// stop's, else the trip's), as written; empty for none.
    pub reminders: Vec<String>,
}

/// A person present, with their role.
#[derive(Debug, Clone, Serialize)]
pub struct PersonSummary {
    /// The person's key in the file.
    pub id: String,
    pub name: String,
    pub native: Option<String>,
    pub role: Option<String>,
    /// `delegation`, `host` or `guest`.
    pub side: &'static str,
    /// Absent when the file gives none, as are `phone` and `email`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

/// The closing line: how many of each. Cancelled events (or those of a
/// cancelled stop) are not counted as held: they are counted apart, and a
/// person met only at them is not met ([`crate::tally`]).
#[derive(Debug, Clone, Serialize)]
pub struct Counts {
    /// The stops held (tentative ones included).
    pub stops: usize,
    /// The meetings held (tentative ones included).
    pub meetings: usize,
    /// Distinct people not of the delegation, at any exported stop or
    /// meeting that is held.
    pub people_met: usize,
    /// `people_met` by side.
    pub people_met_by_side: Met,
    /// Distinct prefectures of the exported stops held, in order of appearance.
    pub prefectures: Vec<String>,
    /// How many of `stops` and `meetings` are tentative.
    pub tentative: Kinds,
    /// The exported stops and meetings that are cancelled (not in `stops`
    /// and `meetings`).
    pub cancelled: Kinds,
}

/// Stops and meetings.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Kinds {
    pub stops: usize,
    pub meetings: usize,
}

/// The people met, by side.
#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct Met {
    pub host: usize,
    pub guest: usize,
}

/// Builds the summary of a selection. A day index out of range gives an empty day list.
pub fn summarize(trip: &Trip, selection: &Selection) -> Summary {
    let lists: Vec<DayRef> = lists(trip, selection).collect();
    let stops = |day: DayRef| stops(trip, selection, day).collect::<Vec<_>>();
    let days = lists
        .iter()
        .filter_map(|&d| match d {
            DayRef::Day(i) => Some(day(trip, i, stops(d))),
            DayRef::Unscheduled => None,
        })
        .collect();
    let unscheduled = if lists.contains(&DayRef::Unscheduled) {
        stops(DayRef::Unscheduled)
    } else {
        Vec::new()
    };
    whole(trip, selection, days, unscheduled)
}

/// The same summary with its days and stops as lazy sequences: each stop is
/// built when serialized and dropped after, so a serializer writing to a file
/// holds one stop at a time, not the trip. Serializes to the same bytes as
/// [`summarize`].
pub fn summarize_lazy<'a>(
    trip: &'a Trip,
    selection: &'a Selection,
) -> Summary<impl Serialize + 'a, impl Serialize + 'a> {
    let days = Lazy(move || {
        lists(trip, selection).filter_map(move |d| match d {
            DayRef::Day(i) => Some(day(trip, i, Lazy(move || stops(trip, selection, d)))),
            DayRef::Unscheduled => None,
        })
    });
    let unscheduled = Lazy(move || {
        lists(trip, selection)
            .filter(|d| *d == DayRef::Unscheduled)
            .flat_map(move |d| stops(trip, selection, d))
    });
    whole(trip, selection, days, unscheduled)
}

/// A sequence serialized from a fresh iterator each time, never collected.
struct Lazy<F>(F);

impl<F, I> Serialize for Lazy<F>
where
    F: Fn() -> I,
    I: IntoIterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

/// What a selection exports, in order: the days it shows (a filtered
/// whole-trip export only those with a stop left), then the unscheduled
/// stops when it has them. Every format goes through the same lists.
pub(super) fn lists<'a>(
    trip: &'a Trip,
    selection: &'a Selection,
) -> impl Iterator<Item = DayRef> + 'a {
    let filter = &selection.filter;
    let (days, unscheduled) = match selection.scope {
        Scope::Trip => (0..trip.days.len(), true),
        Scope::Day(DayRef::Day(i)) if i < trip.days.len() => (i..i + 1, false),
        Scope::Day(DayRef::Day(_)) => (0..0, false),
        Scope::Day(DayRef::Unscheduled) => (0..0, true),
    };
    let whole_trip = selection.scope == Scope::Trip;
    let everything = filter.is_empty() && selection.people.is_empty();
    days.filter(move |&i| {
        !whole_trip || everything || trip.days[i].stops.iter().any(|s| selection.keeps_stop(s))
    })
    .map(DayRef::Day)
    .chain(unscheduled.then_some(DayRef::Unscheduled))
}

/// The stops of one list that the selection keeps, each with the meetings
/// it keeps, built as it is reached.
pub(super) fn stops<'a>(
    trip: &'a Trip,
    selection: &'a Selection,
    day: DayRef,
) -> impl Iterator<Item = StopSummary> + 'a {
    trip.stops(day)
        .iter()
        .filter(|s| selection.keeps_stop(s))
        .map(move |s| {
            let mut out = stop(trip, s, date_of(trip, day));
            if !selection.people.is_empty() {
                let mut kept = s.meetings.iter().map(|m| selection.keeps_meeting(m));
                out.meetings.retain(|_| kept.next().unwrap_or(false));
            }
            out
        })
}

/// The date of a list's events: a day's, none for the unscheduled stops.
fn date_of(trip: &Trip, day: DayRef) -> Option<NaiveDate> {
    match day {
        DayRef::Day(i) => trip.days.get(i).map(|d| d.date),
        DayRef::Unscheduled => None,
    }
}

/// Day `i` (in range) with its stops.
pub(super) fn day<S>(trip: &Trip, i: usize, stops: S) -> DaySummary<S> {
    let d = &trip.days[i];
    DaySummary {
        date: d.date,
        weekday: d.date.weekday(),
        number: i + 1,
        title: d.title.as_deref().map(line),
        notes: d.notes.as_deref().map(multiline),
        stops,
    }
}

/// The summary around its lists.
pub(super) fn whole<D, U>(
    trip: &Trip,
    selection: &Selection,
    days: D,
    unscheduled: U,
) -> Summary<D, U> {
    Summary {
        format_version: 1,
        home_timezone: trip.home(),
        trip: TripInfo {
            title: line(&trip.title),
            start: trip.start,
            end: trip.end,
            timezone: trip.timezone,
            day_count: trip.days.len(),
            purpose: trip.purpose.as_deref().map(multiline),
            lead: trip.lead.map(|id| person(trip, id)),
            sources: trip.sources.iter().map(|s| line(s)).collect(),
            contacts: people(trip, &trip.contacts),
            reminders: leads(&trip.reminders),
        },
        scope: match selection.scope {
            Scope::Trip => "trip",
            Scope::Day(_) => "day",
        },
        prefectures_filter: selection
            .filter
            .prefectures
            .iter()
            .map(|p| {
                p.as_ref()
                    .map_or("(none)".to_string(), |p| line(p.display()))
            })
            .collect(),
        people_filter: people(trip, &selection.people),
        days,
        unscheduled,
        counts: count(trip, selection),
    }
}

/// The stops a selection exports, straight from the model.
fn selected_stops<'a>(trip: &'a Trip, selection: &'a Selection) -> impl Iterator<Item = &'a Stop> {
    let lists: Vec<&[Stop]> = match selection.scope {
        Scope::Trip => trip
            .days
            .iter()
            .map(|d| &d.stops[..])
            .chain(std::iter::once(&trip.unscheduled[..]))
            .collect(),
        Scope::Day(d) => vec![trip.stops(d)],
    };
    lists
        .into_iter()
        .flatten()
        .filter(|s| selection.keeps_stop(s))
}

/// What the closing line counts: the stops and meetings shown that are
/// held, the people listed at them, and the cancelled ones apart.
fn count(trip: &Trip, selection: &Selection) -> Counts {
    let mut tally = Tally::default();
    let mut prefectures: Vec<String> = Vec::new();
    for s in selected_stops(trip, selection) {
        tally.add_stop(
            trip,
            s,
            s.meetings.iter().filter(|m| selection.keeps_meeting(m)),
        );
        if let Some(p) = &s.prefecture
            && held(Event::Stop(s))
        {
            let name = line(p.display());
            if !prefectures.contains(&name) {
                prefectures.push(name);
            }
        }
    }
    let (host, guest) = tally.met_by_side(trip);
    Counts {
        stops: tally.stops.held,
        meetings: tally.meetings.held,
        people_met: tally.met.len(),
        people_met_by_side: Met { host, guest },
        prefectures,
        tentative: Kinds {
            stops: tally.stops.tentative,
            meetings: tally.meetings.tentative,
        },
        cancelled: Kinds {
            stops: tally.stops.cancelled,
            meetings: tally.meetings.cancelled,
        },
    }
}

/// One stop of the model as it is exported; `date` is its day's, which
/// makes its times moments the home clock can read.
pub(super) fn stop(trip: &Trip, s: &Stop, date: Option<NaiveDate>) -> StopSummary {
    let home = |t: Option<NaiveTime>| home_time(trip, date, t);
    StopSummary {
        place: line(&s.place),
        kind: s.kind.as_str(),
        prefecture: s.prefecture.as_ref().map(|p| line(p.display())),
        city: s.city.as_deref().map(line),
        address: s.address.as_deref().map(line),
        arrive: s.arrive,
        depart: s.depart,
        start_home: home(s.arrive),
        end_home: home(s.depart),
        status: s.status.as_str(),
        people: people(trip, &s.people),
        contact: s.contact.map(|id| person(trip, id)),
        notes: s.notes.as_deref().map(multiline),
        reminders: leads(Event::Stop(s).reminders(&trip.reminders)),
        meetings: s
            .meetings
            .iter()
            .map(|m| meeting(trip, s, m, date))
            .collect(),
    }
}

/// Lead times as the file writes them.
fn leads(leads: &[Lead]) -> Vec<String> {
    leads.iter().map(Lead::to_string).collect()
}

fn meeting(trip: &Trip, s: &Stop, m: &Meeting, date: Option<NaiveDate>) -> MeetingSummary {
    MeetingSummary {
        title: line(&m.title),
        start: m.start,
        end: m.end,
        start_home: home_time(trip, date, m.start),
        end_home: home_time(trip, date, m.end),
        status: m.status.as_str(),
        attendees: people(trip, &m.attendees),
        topics: m.topics.iter().map(|t| line(t)).collect(),
        outcome: m.outcome.as_deref().map(multiline),
        notes: m.notes.as_deref().map(multiline),
        reminders: leads(Event::Meeting(s, m).reminders(&trip.reminders)),
    }
}

fn people(trip: &Trip, ids: &[PersonId]) -> Vec<PersonSummary> {
    ids.iter().map(|id| person(trip, *id)).collect()
}

fn person(trip: &Trip, id: PersonId) -> PersonSummary {
    let p = trip.person(id);
    PersonSummary {
        id: line(&p.key),
        name: line(&p.name),
        native: p.native.as_deref().map(line),
        role: p.role.as_deref().map(line),
        side: p.side.as_str(),
        organisation: p.organisation.as_deref().map(line),
        phone: p.phone.as_deref().map(line),
        email: p.email.as_deref().map(line),
    }
}

/// True for a status worth mentioning (anything but confirmed).
pub fn notable(status: &str) -> bool {
    status != Status::Confirmed.as_str()
}

/// A time of a day on the home clock: `None` without a home zone or a
/// date, `Some(None)` without a time.
fn home_time(
    trip: &Trip,
    date: Option<NaiveDate>,
    t: Option<NaiveTime>,
) -> Option<Option<NaiveDateTime>> {
    let (home, date) = (trip.home()?, date?);
    Some(t.map(|t| clock::at_home(trip.timezone, home, date, t)))
}

/// A one-line field: every control character (newlines and tabs included) becomes a space.
pub fn line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

/// A multi-line field (notes, outcome): CRLF and lone CR become LF, tabs a
/// space, other control characters are dropped; trailing spaces trimmed.
pub fn multiline(text: &str) -> String {
    let unified = text.replace("\r\n", "\n").replace('\r', "\n");
    let cleaned: String = unified
        .chars()
        .filter_map(|c| match c {
            '\n' => Some('\n'),
            '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    cleaned
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n")
        .trim_matches('\n')
        .to_string()
}

// JSON's text of the typed fields, each through `format`.

fn iso<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format::iso(*d))
}

fn weekday<S: Serializer>(w: &Weekday, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(format::weekday(*w))
}

fn zone<S: Serializer>(tz: &Tz, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(tz.name())
}

/// Only reached when there is one (the field is skipped otherwise).
fn zone_opt<S: Serializer>(tz: &Option<Tz>, s: S) -> Result<S::Ok, S::Error> {
    tz.map(|tz| tz.name()).serialize(s)
}

fn time_opt<S: Serializer>(t: &Option<NaiveTime>, s: S) -> Result<S::Ok, S::Error> {
    t.map(format::time).serialize(s)
}

/// `Some(None)` is null; `None` is never reached (the field is skipped).
fn home<S: Serializer>(t: &Option<Option<NaiveDateTime>>, s: S) -> Result<S::Ok, S::Error> {
    t.flatten().map(format::iso_local).serialize(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_never_pass() {
        assert_eq!(line("a\tb\u{7}c\r\nd\u{9b}"), "a b c  d");
        assert_eq!(
            multiline("one\r\ntwo\rthree\u{1b}[31m\tx\n"),
            "one\ntwo\nthree[31m x"
        );
    }
}
