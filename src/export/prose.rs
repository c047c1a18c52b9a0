//! The reading order shared by Markdown and plain text: a summary becomes a
//! list of blocks (headings, fields, paragraphs), which each format then
//! spells its own way.

use chrono::{NaiveDate, NaiveDateTime};

use crate::format::count;
use crate::{clock, format};

use super::summary::{DaySummary, MeetingSummary, PersonSummary, StopSummary, Summary, notable};

/// What a heading stands for; plain text lays each out differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    /// The document's title: the trip, or the day of a one-day export.
    Title,
    /// A day (or "Unscheduled") inside a whole-trip export.
    Day,
    Stop,
    Meeting,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Block {
    Heading(Role, String),
    /// A paragraph of prose (may hold newlines from notes).
    Para(String),
    /// `label: value` of a stop (depth 0) or a meeting (depth 1).
    Field {
        depth: u8,
        label: &'static str,
        value: String,
    },
    /// The break before the closing counts.
    Rule,
}

/// The blocks of a summary, in reading order.
pub(super) fn blocks(s: &Summary) -> Vec<Block> {
    let mut out = Vec::new();
    let filtered = kept(s).map(|k| format!("Only events {k}."));
    let zone = zones(s);
    if s.scope == "trip" {
        out.push(Block::Heading(Role::Title, s.trip.title.clone()));
        let mut intro = vec![format!(
            "{} to {}, {} days. {zone}",
            format::iso(s.trip.start),
            format::iso(s.trip.end),
            s.trip.day_count
        )];
        intro.extend(filtered);
        out.push(Block::Para(intro.join(" ")));
        if let Some(p) = &s.trip.purpose {
            out.push(Block::Para(p.clone()));
        }
        for d in &s.days {
            day(&mut out, d, Role::Day, s);
        }
        if !s.unscheduled.is_empty() {
            out.push(Block::Heading(Role::Day, "Unscheduled".into()));
            out.push(Block::Para("Stops on no known day of the trip.".into()));
            stops(&mut out, &s.unscheduled, s, None);
        }
    } else if let Some(d) = s.days.first() {
        day(&mut out, d, Role::Title, s);
    } else {
        out.push(Block::Heading(Role::Title, "Unscheduled stops".into()));
        let mut intro = vec![format!("{}: stops on no known day.", s.trip.title)];
        intro.extend(filtered);
        out.push(Block::Para(intro.join(" ")));
        stops(&mut out, &s.unscheduled, s, None);
    }
    out.push(Block::Rule);
    out.push(Block::Para(totals(s)));
    out
}

fn day(out: &mut Vec<Block>, d: &DaySummary, role: Role, s: &Summary) {
    let date = format::long_day(d.date);
    let heading = match &d.title {
        Some(t) => format!("{date} — {t}"),
        None => date,
    };
    out.push(Block::Heading(role, heading));
    if role == Role::Title {
        let mut intro = vec![format!(
            "{}, day {} of {}. {}",
            s.trip.title,
            d.number,
            s.trip.day_count,
            zones(s)
        )];
        intro.extend(kept(s).map(|k| format!("Only events {k}.")));
        out.push(Block::Para(intro.join(" ")));
    }
    if let Some(n) = &d.notes {
        out.push(Block::Para(n.clone()));
    }
    stops(out, &d.stops, s, Some(d.date));
}

/// What the filters keep, `in Tokyo with Tomikazu Fukuda or Son`; `None`
/// without a filter.
pub(super) fn kept<D, U>(s: &Summary<D, U>) -> Option<String> {
    let mut parts = Vec::new();
    if !s.prefectures_filter.is_empty() {
        parts.push(format!("in {}", s.prefectures_filter.join(", ")));
    }
    if !s.people_filter.is_empty() {
        let names: Vec<&str> = s.people_filter.iter().map(|p| p.name.as_str()).collect();
        parts.push(format!("with {}", crate::load::suggest::list(&names, "or")));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// `Times are local (Asia/Tokyo).`, and the home clock when there is one.
pub(super) fn zones<D, U>(s: &Summary<D, U>) -> String {
    let trip = s.trip.timezone.name();
    match s.home_timezone {
        Some(home) => format!(
            "Times are local ({trip}), with the home clock ({}) beside them.",
            home.name()
        ),
        None => format!("Times are local ({trip})."),
    }
}

/// `date` is the day's; `None` for the unscheduled stops.
fn stops(out: &mut Vec<Block>, list: &[StopSummary], s: &Summary, date: Option<NaiveDate>) {
    if list.is_empty() {
        out.push(Block::Para(match kept(s) {
            None => "Nothing scheduled.".into(),
            Some(k) => format!("Nothing {k}."),
        }));
    }
    for stop in list {
        out.push(Block::Heading(
            Role::Stop,
            with_status(&stop.place, stop.status),
        ));
        let place: Vec<&str> = [&stop.address, &stop.city]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect();
        fields(
            out,
            0,
            [
                (
                    "When",
                    Some(format!(
                        "{}{}",
                        format::when(stop.arrive, stop.depart),
                        home(s, date, &stop.start_home, &stop.end_home)
                    )),
                ),
                ("Kind", Some(stop.kind.to_string())),
                ("Prefecture", stop.prefecture.clone()),
                ("Where", Some(place.join(", "))),
                ("Present", Some(who(&stop.people))),
                ("Notes", stop.notes.clone()),
            ],
        );
        for m in &stop.meetings {
            meeting(out, m, home(s, date, &m.start_home, &m.end_home));
        }
    }
}

/// `home` is what [`home`] writes beside its times.
fn meeting(out: &mut Vec<Block>, m: &MeetingSummary, home: String) {
    out.push(Block::Heading(
        Role::Meeting,
        with_status(&m.title, m.status),
    ));
    fields(
        out,
        1,
        [
            (
                "When",
                Some(format!("{}{home}", format::when(m.start, m.end))),
            ),
            ("Who", Some(who(&m.attendees))),
            ("Topics", Some(m.topics.join(", "))),
            ("Outcome", m.outcome.clone()),
            ("Notes", m.notes.clone()),
        ],
    );
}

/// The fields that have a non-empty value.
fn fields<const N: usize>(
    out: &mut Vec<Block>,
    depth: u8,
    list: [(&'static str, Option<String>); N],
) {
    for (label, value) in list {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            out.push(Block::Field {
                depth,
                label,
                value,
            });
        }
    }
}

fn with_status(title: &str, status: &str) -> String {
    if notable(status) {
        format!("{title} ({status})")
    } else {
        title.to_string()
    }
}

/// The home clock beside an event's times: ` · 17:00–19:00 prev day New
/// York`, each time with its day when that is not the trip's (once after
/// both when they share it); empty without a home zone or times.
fn home(
    s: &Summary,
    date: Option<NaiveDate>,
    start: &Option<Option<NaiveDateTime>>,
    end: &Option<Option<NaiveDateTime>>,
) -> String {
    let (Some(zone), Some(date)) = (s.home_timezone, date) else {
        return String::new();
    };
    let clock = format::home_clock(date, start.flatten(), end.flatten(), "–");
    if clock.is_empty() {
        return String::new();
    }
    format!(" · {clock} {}", clock::label(zone))
}

/// `Yuan Jiajun 袁家军 (Governor of Zhejiang Province); …`
pub(super) fn who(people: &[PersonSummary]) -> String {
    people
        .iter()
        .map(|p| {
            let mut s = p.name.clone();
            if let Some(n) = &p.native {
                s.push(' ');
                s.push_str(n);
            }
            if let Some(r) = &p.role {
                s.push_str(&format!(" ({r})"));
            }
            s
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub(super) fn totals<D, U>(s: &Summary<D, U>) -> String {
    let c = &s.counts;
    let mut prefectures = count(c.prefectures.len(), "prefecture", "prefectures");
    if !c.prefectures.is_empty() {
        prefectures.push_str(&format!(" ({})", c.prefectures.join(", ")));
    }
    let by_side = c.people_met_by_side;
    let sides: Vec<String> = [
        (by_side.host, "host", "hosts"),
        (by_side.guest, "guest", "guests"),
    ]
    .into_iter()
    .filter(|(n, ..)| *n > 0)
    .map(|(n, one, many)| count(n, one, many))
    .collect();
    let sides = match sides.is_empty() {
        true => String::new(),
        false => format!(" ({})", sides.join(", ")),
    };
    let with_tentative = |n: usize, tentative: usize, one: &str, many: &str| {
        let mut out = count(n, one, many);
        if tentative > 0 {
            out.push_str(&format!(" ({tentative} tentative)"));
        }
        out
    };
    let cancelled: Vec<String> = [
        (c.cancelled.stops, "stop", "stops"),
        (c.cancelled.meetings, "meeting", "meetings"),
    ]
    .into_iter()
    .filter(|(n, ..)| *n > 0)
    .map(|(n, one, many)| count(n, one, many))
    .collect();
    let cancelled = match cancelled.is_empty() {
        true => String::new(),
        false => format!("; cancelled, not counted: {}", cancelled.join(", ")),
    };
    format!(
        "Totals: {}, {}, {} met{sides}, {}{cancelled}.",
        with_tentative(c.stops, c.tentative.stops, "stop", "stops"),
        with_tentative(c.meetings, c.tentative.meetings, "meeting", "meetings"),
        count(c.people_met, "person", "people"),
        prefectures
    )
}
