//! From calendar components to a trip: which event becomes which stop or
//! meeting, on which day, at which local times, with which people; and a
//! report of everything that could not be carried over, by line.

use std::collections::{BTreeMap, HashMap};

use chrono::{Duration, NaiveDate, NaiveDateTime, NaiveTime};
use chrono_tz::Tz;

use super::group;
use super::parse::{Event, event, not_an_event, one_line, stamp, unescape};
use super::people::People;
use super::read::{Component, Prop};
use super::recur;
use super::time::{DayKey, Slot, choose_zone, instant, place_in_time};
use super::zone::Zones;
use crate::model::{Lead, Status};

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
    /// The calendar's events carried over (each as one or more stops,
    /// meetings or days' titles).
    pub events: usize,
    /// The occurrences of repeating events among the stops and meetings.
    pub occurrences: usize,
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
    /// Its event's reminders (VALARMs), when it has any.
    pub reminders: Option<Vec<Lead>>,
    pub meetings: Vec<DraftMeeting>,
    /// Made from an event whose SUMMARY names its LOCATION: meetings at
    /// that place on that day join it.
    pub(super) joinable: bool,
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
    /// Its own reminders, when they are not its stop's (`Some(vec![])`:
    /// none where its stop has some).
    pub reminders: Option<Vec<Lead>>,
}

/// What the import says besides the trip.
#[derive(Debug, Default)]
pub struct Report {
    /// How the trip's zone (and title, when made up from the file name) was chosen.
    pub notes: Vec<String>,
    /// What was not carried over (or carried over changed), by line.
    pub lost: Vec<(usize, String)>,
}

/// The trip of the calendars in `roots` (VCALENDARs, or bare VEVENTs),
/// with only the events on days in `window` (`--from`, `--to`), in its
/// zone when it names one (`--timezone`); `None`
/// when no event could be placed on a day.
pub fn convert(
    roots: &[Component],
    file_name: &str,
    window: super::Window,
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
    let timezone = choose_zone(
        window.timezone,
        find(&["X-WR-TIMEZONE"]).copied(),
        &all,
        &zones,
        report,
    );

    // Changed occurrences (RECURRENCE-ID) replace theirs in the repeating
    // event of the same UID.
    let mut moved: HashMap<String, Vec<NaiveDateTime>> = HashMap::new();
    for (e, _) in &parsed {
        if let (Some(uid), Some(rid)) = (e.uid.as_deref(), e.recurrence_id)
            && let Ok((s, _)) = stamp(rid)
        {
            moved
                .entry(uid.to_string())
                .or_default()
                .push(instant(&s, &zones));
        }
    }
    let masters: std::collections::HashSet<String> = parsed
        .iter()
        .filter(|(e, _)| e.recurrence_id.is_none() && !e.repeat.is_empty())
        .filter_map(|(e, _)| e.uid.clone())
        .collect();

    let (from, to) = (window.from, window.to);
    let inside = |d: NaiveDate| from.is_none_or(|f| d >= f) && to.is_none_or(|t| d <= t);
    // Each source event as its occurrences in time, the single events
    // first: their dates bound the repeating ones.
    let mut placed: Vec<Placed> = Vec::new();
    let mut repeating: Vec<(Event, Report)> = Vec::new();
    let mut kept_events = 0;
    let mut span: Vec<NaiveDate> = Vec::new();
    for (e, mut own) in parsed {
        if !e.repeat.is_empty() && e.recurrence_id.is_none() {
            repeating.push((e, own));
            continue;
        }
        if let Some(rid) = e.recurrence_id
            && !e.uid.as_deref().is_some_and(|u| masters.contains(u))
        {
            own.lost.push((
                rid.line,
                "RECURRENCE-ID (one changed occurrence) of a repeating event that is not in the file: carried over as an event of its own".into(),
            ));
        }
        // A changed occurrence of a repeating event in the file is part of
        // that event: it does not stretch the dates the others span.
        let overrides = e
            .recurrence_id
            .is_some()
            .then_some(e.uid.as_deref())
            .flatten()
            .is_some_and(|u| masters.contains(u));
        let before = placed.len();
        if place(e, timezone, &zones, &inside, &mut placed, &mut own) {
            kept_events += 1;
            if !overrides {
                span.extend(placed[before..].iter().filter_map(|p| match p.slot.0 {
                    DayKey::Date(d) => Some(d),
                    DayKey::Unscheduled => None,
                }));
            }
        }
        report.lost.append(&mut own.lost);
    }
    let bounds = match (from, to) {
        (Some(f), Some(t)) => Some((f, t)),
        (Some(f), None) => Some((f, f + Duration::days(crate::load::MAX_TRIP_DAYS))),
        (None, Some(t)) => Some((t - Duration::days(crate::load::MAX_TRIP_DAYS), t)),
        (None, None) => span.iter().min().copied().zip(span.iter().max().copied()),
    };
    let mut occurrences = 0;
    // The dates the trip reaches so far, which a repeating event's first
    // occurrence kept outside them may widen.
    let mut reach = bounds.unwrap_or_default();
    for (e, mut own) in repeating {
        let moved_here = e
            .uid
            .as_deref()
            .and_then(|u| moved.get(u))
            .map_or(&[][..], Vec::as_slice);
        let list = recur::occurrences(&e, bounds, moved_here, &zones, &mut own);
        let mut any = false;
        let mut outside = 0;
        for o in list {
            let mut quiet = Report::default();
            let before = placed.len();
            // Each occurrence says what its event says: once is enough.
            let kept = place(o, timezone, &zones, &inside, &mut placed, &mut quiet);
            // An occurrence that overlaps the dates is kept whole.
            let within = placed[before..].iter().any(|p| match (p.slot.0, bounds) {
                (DayKey::Date(d), Some((f, t))) => f <= d && d <= t,
                _ => true,
            });
            if !within {
                placed.truncate(before);
                outside += 1;
                continue;
            }
            if kept {
                occurrences += 1;
                if any {
                    for p in &mut placed[before..] {
                        p.quiet = true;
                    }
                } else {
                    own.lost.append(&mut quiet.lost);
                }
                any = true;
            }
        }
        if outside > 0 && any {
            own.lost.push((
                e.c.line,
                format!(
                    "{} of the repeating event outside the trip's dates (the other events' or --from/--to's): not carried over",
                    crate::format::count(outside, "occurrence", "occurrences")
                ),
            ));
        }
        // Without --from/--to, the other events' dates only guess the
        // trip's: an event none of whose occurrences falls on them keeps
        // its first rather than vanishing (calcurse's ical-003 lost six),
        // unless that would make the trip longer than a trip may be.
        let guessed = from.is_none() && to.is_none();
        let mut too_far = None;
        if !any
            && guessed
            && let Some((f, t)) = bounds
        {
            let mut quiet = Report::default();
            let first = recur::occurrences(&e, None, moved_here, &zones, &mut quiet)
                .into_iter()
                .min_by_key(|o| instant(&o.start.0, &zones));
            if let Some(o) = first {
                let before = placed.len();
                if place(o, timezone, &zones, &inside, &mut placed, &mut own) {
                    let days: Vec<NaiveDate> = placed[before..]
                        .iter()
                        .filter_map(|p| match p.slot.0 {
                            DayKey::Date(d) => Some(d),
                            DayKey::Unscheduled => None,
                        })
                        .collect();
                    let lo = days.iter().fold(reach.0, |a, d| a.min(*d));
                    let hi = days.iter().fold(reach.1, |a, d| a.max(*d));
                    if (hi - lo).num_days() >= crate::load::MAX_TRIP_DAYS {
                        placed.truncate(before);
                        too_far = days.first().copied();
                    } else {
                        reach = (lo, hi);
                    }
                }
                if placed.len() > before {
                    occurrences += 1;
                    any = true;
                    let on = match placed.get(before).map(|p| p.slot.0) {
                        Some(DayKey::Date(d)) => d.to_string(),
                        _ => "no day".into(),
                    };
                    own.lost.push((
                        e.c.line,
                        format!(
                            "none of the repeating event's occurrences is on the other events' dates ({f} to {t}): its first, on {on}, is carried over (give --from and --to for others)"
                        ),
                    ));
                }
            }
        }
        if any {
            kept_events += 1;
        } else if let Some(d) = too_far {
            own.lost.push((
                e.c.line,
                format!(
                    "none of the repeating event's occurrences is on the other events' dates, and its first ({d}) is too far from them for one trip: not carried over (give --from and --to for its days)"
                ),
            ));
        } else {
            own.lost.push((
                e.c.line,
                "the repeating event has no occurrence on the trip's dates: not carried over"
                    .into(),
            ));
        }
        report.lost.append(&mut own.lost);
    }

    let mut people = People::default();
    let mut day_info = BTreeMap::new();
    let mut dates: Vec<NaiveDate> = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    for p in placed {
        if let DayKey::Date(d) = p.slot.0 {
            dates.push(d);
        }
        let e = &p.event;
        if let (Some(marker), DayKey::Date(date), None) = (e.day, p.slot.0, p.slot.1) {
            if marker.value.trim() == date.format("%Y-%m-%d").to_string() {
                day_info.insert(date, day_of(e));
                continue;
            }
            report.lost.push((
                marker.line,
                "X-ITINERARY-DAY names another date than the event's: read as an event".into(),
            ));
        }
        let mut sink = Report::default();
        let said = if p.quiet { &mut sink } else { &mut *report };
        let present = people.of(&e.people, said);
        items.push(Item { p, present });
    }
    let (days, unscheduled) = group::stops(items);
    let start = dates.iter().min().copied()?;
    let end = dates.iter().max().copied()?;
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
        events: kept_events,
        occurrences,
    })
}

/// An event placed in time: one slot of one occurrence.
pub(super) struct Placed<'a> {
    pub(super) event: Event<'a>,
    pub(super) slot: Slot,
    /// An occurrence after the first, or the second slot of a multi-day
    /// event: its lines were reported with the first.
    pub(super) quiet: bool,
}

/// A placed event with the ids of the people there.
pub(super) struct Item<'a> {
    pub(super) p: Placed<'a>,
    pub(super) present: Vec<String>,
}

/// Places one event (or occurrence) in time on the days of `inside`;
/// false (reported) when it is not on them.
fn place<'a>(
    e: Event<'a>,
    tz: Tz,
    zones: &Zones,
    inside: &dyn Fn(NaiveDate) -> bool,
    placed: &mut Vec<Placed<'a>>,
    report: &mut Report,
) -> bool {
    let slots = place_in_time(&e, tz, zones, report);
    let slots: Vec<Slot> = slots
        .into_iter()
        .filter(|s| match s.0 {
            DayKey::Date(d) => inside(d),
            DayKey::Unscheduled => true,
        })
        .collect();
    if slots.is_empty() {
        report.lost.push((
            e.c.line,
            "the event is outside the dates of --from and --to: not carried over".into(),
        ));
        return false;
    }
    // The event itself goes to its last slot: a copy only for the first
    // slot of an event of several days, not one per event.
    let last = slots.len() - 1;
    let mut e = Some(e);
    for (i, slot) in slots.into_iter().enumerate() {
        let event = if i == last { e.take() } else { e.clone() };
        if let Some(mut event) = event {
            // An event of several days reminds once, before its start.
            if i > 0 {
                event.reminders = None;
            }
            placed.push(Placed {
                event,
                slot,
                quiet: i > 0,
            });
        }
    }
    true
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
