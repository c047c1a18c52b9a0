//! Loading an itinerary: read the file, parse the TOML, validate it, and
//! build a [`Trip`]; or say precisely what is wrong.
//!
//! NOTE: this is the first, minimal loader; the full validation of
//! PRODUCT.md §1 replaces it behind the same API.

pub mod diagnostic;
mod raw;

use std::path::Path;

use chrono::{NaiveDate, NaiveTime};

pub use diagnostic::{Diagnostic, Severity};

use crate::model::{
    Day, Meeting, Person, PersonId, PrefectureName, Side, Status, Stop, StopKind, Trip,
};
use crate::prefecture::Prefecture;

/// Name under which the bundled trip is shown in messages.
pub const BUNDLED_NAME: &str = "itineraries/zhejiang-japan-2018.toml";

/// The bundled Zhejiang–Japan 2018 trip, compiled into the binary.
pub const BUNDLED: &str = include_str!("../../itineraries/zhejiang-japan-2018.toml");

/// Files larger than this are refused before they are parsed.
pub const MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

/// A trip that loaded, with the warnings found on the way.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub trip: Trip,
    /// Warnings in file order.
    pub warnings: Vec<Diagnostic>,
}

/// Why a file could not be loaded.
#[derive(Debug, Clone)]
pub enum LoadError {
    /// The file cannot be read at all (missing, a directory, no permission): exit 2.
    Unreadable(String),
    /// The file was read but is not a valid itinerary: exit 1. Errors and
    /// warnings in file order.
    Invalid(Vec<Diagnostic>),
}

/// Reads a file as UTF-8 text, refusing what cannot be an itinerary.
pub fn read_file(path: &Path) -> Result<String, LoadError> {
    let shown = path.display();
    let meta = std::fs::metadata(path)
        .map_err(|e| LoadError::Unreadable(format!("cannot read {shown}: {}", io_reason(&e))))?;
    if meta.is_dir() {
        return Err(LoadError::Unreadable(format!(
            "{shown} is a directory; give the path of an itinerary .toml file"
        )));
    }
    if meta.len() > MAX_FILE_SIZE {
        return Err(LoadError::Invalid(vec![Diagnostic::error(
            format!(
                "file is {} MiB, larger than the 64 MiB limit",
                meta.len() / (1024 * 1024)
            ),
            None,
        )]));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| LoadError::Unreadable(format!("cannot read {shown}: {}", io_reason(&e))))?;
    String::from_utf8(bytes).map_err(|e| {
        LoadError::Invalid(vec![
            Diagnostic::error(
                format!(
                    "file is not UTF-8 (invalid byte at offset {})",
                    e.utf8_error().valid_up_to()
                ),
                None,
            )
            .with_help("save the file as UTF-8"),
        ])
    })
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Reads and loads a file.
pub fn load_file(path: &Path) -> Result<(String, Loaded), LoadError> {
    let text = read_file(path)?;
    let loaded = load_str(&text).map_err(LoadError::Invalid)?;
    Ok((text, loaded))
}

/// Parses and validates itinerary text. On failure, every error and warning
/// found, in file order.
pub fn load_str(text: &str) -> Result<Loaded, Vec<Diagnostic>> {
    if text.trim().is_empty() {
        return Err(vec![Diagnostic::error("file is empty", None).with_help(
            "an itinerary needs at least a [trip] table with title, start and end",
        )]);
    }
    let raw: raw::File = toml::from_str(text)
        .map_err(|e| vec![Diagnostic::error(e.message().to_string(), e.span())])?;
    build(raw)
}

fn date(d: &toml::value::Datetime) -> Option<NaiveDate> {
    match (d.date, d.time) {
        (Some(d), None) => NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into()),
        _ => None,
    }
}

fn time(t: &raw::Time) -> Option<NaiveTime> {
    match t {
        raw::Time::Toml(d) => match (d.date, d.time) {
            (None, Some(t)) => NaiveTime::from_hms_nano_opt(
                t.hour.into(),
                t.minute.into(),
                t.second.unwrap_or(0).into(),
                t.nanosecond.unwrap_or(0),
            ),
            _ => None,
        },
        raw::Time::Text(s) => NaiveTime::parse_from_str(s, "%H:%M")
            .or_else(|_| NaiveTime::parse_from_str(s, "%H:%M:%S"))
            .ok(),
    }
}

fn build(raw: raw::File) -> Result<Loaded, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let mut err = |msg: String, span: std::ops::Range<usize>| {
        errors.push(Diagnostic::error(msg, Some(span)));
    };

    let start = date(raw.trip.start.get_ref());
    let end = date(raw.trip.end.get_ref());
    if start.is_none() {
        err("trip start is not a date".into(), raw.trip.start.span());
    }
    if end.is_none() {
        err("trip end is not a date".into(), raw.trip.end.span());
    }
    let timezone = match &raw.trip.timezone {
        None => chrono_tz::UTC,
        Some(tz) => tz.get_ref().parse().unwrap_or_else(|_| {
            err(format!("unknown time zone \"{}\"", tz.get_ref()), tz.span());
            chrono_tz::UTC
        }),
    };

    let people: Vec<Person> = raw
        .people
        .iter()
        .map(|(key, p)| Person {
            key: key.clone(),
            name: p.name.clone(),
            native: p.native.clone(),
            role: p.role.clone(),
            side: p.side.as_deref().and_then(Side::parse).unwrap_or_default(),
        })
        .collect();
    let person = |key: &toml::Spanned<String>, errs: &mut Vec<Diagnostic>| {
        let found = people
            .iter()
            .position(|p| &p.key == key.get_ref())
            .map(PersonId);
        if found.is_none() {
            errs.push(Diagnostic::error(
                format!("no person with id \"{}\"", key.get_ref()),
                Some(key.span()),
            ));
        }
        found
    };

    let mut extra = Vec::new();
    let lead = raw.trip.lead.as_ref().and_then(|l| person(l, &mut extra));
    let stop = |s: &toml::Spanned<raw::Stop>, errs: &mut Vec<Diagnostic>| -> Stop {
        let s = s.get_ref();
        let meetings = s
            .meeting
            .iter()
            .map(|m| {
                let m = m.get_ref();
                Meeting {
                    title: m.title.clone(),
                    start: m.start.as_ref().and_then(time),
                    end: m.end.as_ref().and_then(time),
                    attendees: m.attendees.iter().filter_map(|a| person(a, errs)).collect(),
                    topics: m.topics.clone(),
                    outcome: m.outcome.clone(),
                    status: m
                        .status
                        .as_deref()
                        .and_then(Status::parse)
                        .unwrap_or_default(),
                    notes: m.notes.clone(),
                }
            })
            .collect();
        Stop {
            place: s.place.clone(),
            kind: s
                .kind
                .as_deref()
                .and_then(StopKind::parse)
                .unwrap_or_default(),
            prefecture: s.prefecture.as_ref().map(|p| match Prefecture::parse(p) {
                Some(k) => PrefectureName::Known(k),
                None => PrefectureName::Other(p.clone()),
            }),
            city: s.city.clone(),
            address: s.address.clone(),
            arrive: s.arrive.as_ref().and_then(time),
            depart: s.depart.as_ref().and_then(time),
            status: s
                .status
                .as_deref()
                .and_then(Status::parse)
                .unwrap_or_default(),
            people: s.people.iter().filter_map(|p| person(p, errs)).collect(),
            notes: s.notes.clone(),
            meetings,
        }
    };

    let (Some(start), Some(end)) = (start, end) else {
        errors.extend(extra);
        return Err(errors);
    };
    let mut days: Vec<Day> = start
        .iter_days()
        .take_while(|d| *d <= end)
        .map(|date| Day {
            date,
            title: None,
            notes: None,
            stops: Vec::new(),
        })
        .collect();
    for d in &raw.day {
        let Some(date) = date(d.date.get_ref()) else {
            extra.push(Diagnostic::error(
                "day date is not a date",
                Some(d.date.span()),
            ));
            continue;
        };
        let Some(day) = days.iter_mut().find(|x| x.date == date) else {
            extra.push(Diagnostic::error(
                format!("day {date} is outside the trip ({start} to {end})"),
                Some(d.date.span()),
            ));
            continue;
        };
        day.title = d.title.clone();
        day.notes = d.notes.clone();
        day.stops = d.stop.iter().map(|s| stop(s, &mut extra)).collect();
        day.stops.sort_by_key(|s| s.arrive);
    }
    let unscheduled = raw
        .unscheduled
        .iter()
        .map(|s| stop(s, &mut extra))
        .collect();
    errors.extend(extra);
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(Loaded {
        trip: Trip {
            title: raw.trip.title,
            start,
            end,
            timezone,
            lead,
            purpose: raw.trip.purpose,
            sources: raw.trip.sources,
            people,
            days,
            unscheduled,
        },
        warnings: Vec::new(),
    })
}
