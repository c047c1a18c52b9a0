//! Edits of the trip file from the browser: pure functions from the
//! current text and an event (found by its origin) to the new text, which
//! changes only the bytes of the values edited or the lines added or
//! removed; every comment, blank line, key order and quote stays.
//!
//! The new text is validated as `check` does (the same loader) before
//! anyone writes it: an edit that would make the file invalid is refused
//! with the reason. [`file`] writes it atomically and never over a change
//! made outside; [`history`] keeps the texts for undo and redo.

pub mod fields;
pub mod file;
pub mod history;
mod table;

use chrono::{NaiveTime, Timelike};
use toml_edit::Value;

use crate::load::{self, Loaded, SourceLines};
use crate::model::{Event, EventRef, Meeting, Origin, Status, Stop, Trip};
use table::{Entity, Splice, line_end, line_start};

/// How far `>` and `<` move an event.
pub const SHIFT_MINUTES: i32 = 15;

/// One edit of one event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Status: confirmed → tentative → cancelled → confirmed.
    CycleStatus,
    /// Both ends this many minutes later (earlier when negative); a stop
    /// takes its meetings along.
    Shift(i32),
    /// A meeting's outcome, or a stop's notes; empty text removes the line.
    SetText(String),
    /// A new meeting at the selected stop (or the selected meeting's stop).
    AddMeeting(NewMeeting),
    /// The event; a stop goes with its meetings.
    Delete,
    /// Fields of the event changed in the form ([`fields::set_field`] each).
    Fields(Vec<fields::Change>),
    /// A new stop on the event's day (after its stops) or a new meeting at
    /// the event's stop (after its meetings), with the fields typed in the
    /// form: `(key, typed)` in the form's order, empty ones left out.
    Add(New, Vec<(String, String)>),
}

/// What [`Edit::Add`] adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum New {
    Stop,
    Meeting,
}

/// What a new meeting is given: a title, and optional start and end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewMeeting {
    pub title: String,
    pub start: Option<NaiveTime>,
    pub end: Option<NaiveTime>,
}

/// An edit that validated: the new text, the trip it loads as, and what
/// to tell the user.
#[derive(Debug, Clone)]
pub struct Applied {
    pub text: String,
    pub loaded: Loaded,
    /// One line for the status bar: what changed.
    pub message: String,
}

/// Applies `edit` to the event `at` of `trip`, which was loaded from
/// `text`, and validates the result as `check` would. An error is the
/// reason it was refused, for the status line; nothing is to be written.
pub fn apply(text: &str, trip: &Trip, at: EventRef, edit: &Edit) -> Result<Applied, String> {
    apply_form(text, trip, at, edit).map_err(|r| match r.key {
        Some(key) => format!("refused: {key}: {}; nothing was written", r.message),
        None => r.message,
    })
}

/// [`apply`], with a refusal that names the field at fault (for the form,
/// which shows it beside that field). A refused text is never cited by
/// line: the message is the loader's sentence alone.
pub fn apply_form(
    text: &str,
    trip: &Trip,
    at: EventRef,
    edit: &Edit,
) -> Result<Applied, fields::Refusal> {
    let event = trip.event(at).ok_or_else(|| {
        fields::Refusal::general("that event is no longer in the file; nothing was changed")
    })?;
    let (splices, message) = match edit {
        Edit::Fields(changes) => form_splices(text, event, changes)?,
        Edit::Add(new, typed) => add(text, trip, at, *new, typed)?,
        other => splices(text, event, other).map_err(fields::Refusal::general)?,
    };
    let new = table::apply(text, splices);
    let loaded = match edit {
        Edit::Fields(_) | Edit::Add(..) => validate_fields(&new)?,
        _ => validate(&new).map_err(fields::Refusal::general)?,
    };
    Ok(Applied {
        text: new,
        loaded,
        message,
    })
}

/// Loads `text`; a refusal is the first error's sentence, at the field
/// whose line it is about (the key that begins that line).
fn validate_fields(text: &str) -> Result<Loaded, fields::Refusal> {
    load::load_str(text).map_err(|diags| {
        let Some(d) = diags.iter().find(|d| d.is_error()) else {
            return fields::Refusal::general(
                "refused: the file would not load; nothing was written",
            );
        };
        let key = d.span.as_ref().and_then(|s| {
            let start = line_start(text, s.start.min(text.len()));
            let line = text[start..line_end(text, start)].trim_start();
            let key: String = line
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
                .collect();
            (!key.is_empty() && line[key.len()..].trim_start().starts_with('=')).then_some(key)
        });
        fields::Refusal {
            key,
            message: d.message.clone(),
            theirs: None,
        }
    })
}

/// The fields of the event's own table, in the form's order.
pub fn fields_of(event: Event<'_>) -> &'static [fields::Field] {
    match event {
        Event::Stop(_) => fields::STOP,
        Event::Meeting(..) => fields::MEETING,
    }
}

/// Each field of the event as the form shows it, read from its table in
/// `text`; an error says why the event cannot be edited here.
pub fn read_fields(text: &str, event: Event<'_>) -> Result<Vec<String>, String> {
    let entity = read(text, own(event).0, event)?;
    Ok(fields_of(event)
        .iter()
        .map(|f| fields::shown(&entity, f.key))
        .collect())
}

/// The splices of the form's changes on the event's own table.
fn form_splices(
    text: &str,
    event: Event<'_>,
    changes: &[fields::Change],
) -> Result<(Vec<Splice>, String), fields::Refusal> {
    let entity = read(text, own(event).0, event).map_err(fields::Refusal::general)?;
    let all = fields_of(event);
    let mut splices = Vec::new();
    let mut changed = Vec::new();
    for change in changes {
        if let Some(s) = fields::set_field(&entity, all, change)? {
            splices.push(s);
            changed.push(change.key.as_str());
        }
    }
    if splices.is_empty() {
        return Err(fields::Refusal::general(
            "nothing changed; nothing was written",
        ));
    }
    // Named as it is now: a new title is the one the user knows it by.
    let title = changes
        .iter()
        .find(|c| c.key == own_title(event))
        .map_or(event.title(), |c| c.now.trim());
    let message = format!("{} of {} saved", changed.join(", "), quoted(title));
    Ok((splices, message))
}

/// A new stop after the last stop of the event's day in the file, or a new
/// meeting after the last meeting of the event's stop.
fn add(
    text: &str,
    trip: &Trip,
    at: EventRef,
    new: New,
    typed: &[(String, String)],
) -> Result<(Vec<Splice>, String), fields::Refusal> {
    let all = match new {
        New::Stop => fields::STOP,
        New::Meeting => fields::MEETING,
    };
    let mut entries = Vec::new();
    for (key, now) in typed {
        let Some(field) = all.iter().find(|f| f.key == key) else {
            continue;
        };
        let value = fields::value(field, now, None).map_err(|message| fields::Refusal {
            key: Some(key.clone()),
            message,
            theirs: None,
        })?;
        if let Some(v) = value {
            entries.push((field.key, v));
        }
    }
    for f in all.iter().filter(|f| f.required) {
        if !entries.iter().any(|(k, _)| *k == f.key) {
            return Err(fields::Refusal {
                key: Some(f.key.into()),
                message: format!("{} is required; type one, or Esc", f.label.to_lowercase()),
                theirs: None,
            });
        }
    }
    let name = quoted(
        &entries
            .first()
            .and_then(|(_, v)| v.as_str().map(str::to_string))
            .unwrap_or_default(),
    );
    match new {
        New::Meeting => {
            let stop = trip
                .event(at)
                .ok_or_else(|| {
                    fields::Refusal::general(
                        "that stop is no longer in the file; nothing was added",
                    )
                })?
                .stop();
            let entity =
                read(text, &stop.origin, Event::Stop(stop)).map_err(fields::Refusal::general)?;
            let mut path = entity.path().to_vec();
            path.push("meeting".into());
            let last = stop
                .meetings
                .iter()
                .map(|m| m.origin.span.end)
                .chain([stop.origin.span.end])
                .max()
                .unwrap_or(stop.origin.span.end);
            let splice =
                new_table_after(text, &entity, stop.origin.span.start, last, &path, &entries);
            Ok((
                vec![splice],
                format!("meeting {name} added to {}", quoted(&stop.place)),
            ))
        }
        New::Stop => {
            let stops = trip.stops(at.day);
            let (entity, header, last, path) = match (
                at.day,
                stops.iter().max_by_key(|s| s.origin.span.start),
            ) {
                (_, Some(s)) => {
                    let entity =
                        read(text, &s.origin, Event::Stop(s)).map_err(fields::Refusal::general)?;
                    let end = s
                        .meetings
                        .iter()
                        .map(|m| m.origin.span.end)
                        .chain([s.origin.span.end])
                        .max()
                        .unwrap_or(s.origin.span.end);
                    let path = entity.path().to_vec();
                    (entity, s.origin.span.start, end, path)
                }
                (crate::model::DayRef::Day(i), None) => {
                    let Some(origin) = trip.days.get(i).and_then(|d| d.origin.as_ref()) else {
                        return Err(fields::Refusal::general(
                            "this day has no [[day]] table in the file to add a stop under; add one in your editor (E)",
                        ));
                    };
                    let entity = Entity::read(text, origin).map_err(fields::Refusal::general)?;
                    let mut path = entity.path().to_vec();
                    path.push("stop".into());
                    (entity, origin.span.start, origin.span.end, path)
                }
                (crate::model::DayRef::Unscheduled, None) => {
                    return Err(fields::Refusal::general(
                        "there is no [[unscheduled]] stop to add one beside; add it in your editor (E)",
                    ));
                }
            };
            let splice = new_table_after(text, &entity, header, last, &path, &entries);
            let day = match at.day {
                crate::model::DayRef::Day(i) => trip
                    .days
                    .get(i)
                    .map(|d| crate::format::day(d.date))
                    .unwrap_or_default(),
                crate::model::DayRef::Unscheduled => "the unscheduled stops".into(),
            };
            Ok((vec![splice], format!("stop {name} added to {day}")))
        }
    }
}

/// A new table of `entries` under `path`, after the line holding `last`,
/// indented as the header at `header` is, set apart by a blank line when
/// the file sets its tables apart, `=` aligned when `like`'s are.
fn new_table_after(
    text: &str,
    like: &Entity<'_>,
    header: usize,
    last: usize,
    path: &[String],
    entries: &[(&str, Value)],
) -> Splice {
    let nl = like.newline();
    let lines = table::new_table(path, entries, like.eq_column().is_some(), nl);
    let indent = &text[line_start(text, header)..header];
    let lines: String = lines
        .split_inclusive('\n')
        .map(|l| format!("{indent}{l}"))
        .collect();
    table_after(text, last, nl, &lines)
}

/// The splice that puts a new table's `lines` after the line holding byte
/// `last`: on a line of its own, after a blank line when tables there are
/// set apart by one, and with no line break at the end of a file that had
/// none.
fn table_after(text: &str, last: usize, nl: &str, lines: &str) -> Splice {
    let at = line_end(text, last);
    let mut with = String::new();
    if !text[..at].ends_with('\n') {
        with.push_str(nl);
    }
    let next = &text[at..line_end(text, at)];
    if next.trim().is_empty() {
        with.push_str(nl);
    }
    with.push_str(lines);
    if at == text.len() && !text.ends_with('\n') {
        with.truncate(with.len() - nl.len());
    }
    Splice { at: at..at, with }
}

/// Loads `text` as `check` does; an error is the first problem, with its
/// line, worded for the status line.
pub fn validate(text: &str) -> Result<Loaded, String> {
    load::load_str(text).map_err(|diags| {
        let Some(d) = diags.iter().find(|d| d.is_error()) else {
            return "refused: the file would not load; nothing was written".to_string();
        };
        let line = d
            .span
            .as_ref()
            .map(|s| format!(" (line {})", SourceLines::new(text).line_of(s.start) + 1));
        format!(
            "refused: {}{}; nothing was written",
            d.message,
            line.unwrap_or_default()
        )
    })
}

/// The splices that make `edit` on `event`, and the message that says so.
fn splices(text: &str, event: Event<'_>, edit: &Edit) -> Result<(Vec<Splice>, String), String> {
    let name = quoted(event.title());
    match edit {
        Edit::CycleStatus => {
            let (origin, _) = own(event);
            let next = match event.status() {
                Status::Confirmed => Status::Tentative,
                Status::Tentative => Status::Cancelled,
                Status::Cancelled => Status::Confirmed,
            };
            let entity = read(text, origin, event)?;
            let splice = entity.set("status", &Value::from(next.as_str()));
            Ok((vec![splice], format!("{name} is now {next}")))
        }
        Edit::Shift(minutes) => shift(text, event, *minutes),
        Edit::SetText(new) => {
            let (origin, key) = match event {
                Event::Stop(s) => (&s.origin, "notes"),
                Event::Meeting(_, m) => (&m.origin, "outcome"),
            };
            let entity = read(text, origin, event)?;
            let new = new.trim();
            if new.is_empty() {
                let removed = entity.remove(key).into_iter().collect();
                return Ok((removed, format!("{key} of {name} removed")));
            }
            let splice = entity.set(key, &Value::from(new));
            Ok((vec![splice], format!("{key} of {name} saved")))
        }
        Edit::AddMeeting(meeting) => add_meeting(text, event.stop(), meeting),
        Edit::Fields(_) | Edit::Add(..) => Err("a form's edit is made by apply_form".into()),
        Edit::Delete => {
            let origins: Vec<&Origin> = match event {
                Event::Stop(s) => std::iter::once(&s.origin)
                    .chain(s.meetings.iter().map(|m| &m.origin))
                    .collect(),
                Event::Meeting(_, m) => vec![&m.origin],
            };
            read(text, own(event).0, event)?;
            let what = match event {
                Event::Stop(s) if !s.meetings.is_empty() => format!(
                    "{name} deleted with its {}",
                    crate::format::count(s.meetings.len(), "meeting", "meetings")
                ),
                _ => format!("{name} deleted"),
            };
            Ok((delete(text, &origins), format!("{what} (u undoes)")))
        }
    }
}

/// The event's own table and the key of its start.
fn own<'a>(event: Event<'a>) -> (&'a Origin, &'static str) {
    match event {
        Event::Stop(s) => (&s.origin, "arrive"),
        Event::Meeting(_, m) => (&m.origin, "start"),
    }
}

/// The key of the event's title: a stop's `place`, a meeting's `title`.
fn own_title(event: Event<'_>) -> &'static str {
    match event {
        Event::Stop(_) => "place",
        Event::Meeting(..) => "title",
    }
}

/// The event's table, checked to be the event (its place or title).
fn read<'t>(text: &'t str, origin: &Origin, event: Event<'_>) -> Result<Entity<'t>, String> {
    let name = quoted(event.title());
    let entity = Entity::read(text, origin).map_err(|why| format!("cannot edit {name}: {why}"))?;
    let key = match event {
        Event::Stop(_) => "place",
        Event::Meeting(..) => "title",
    };
    match entity.value(key).and_then(Value::as_str) {
        Some(v) if v.trim() == event.title().trim() => Ok(entity),
        _ => Err(format!(
            "{name} is no longer where the file was read; reload it (the file changed)"
        )),
    }
}

/// Moves both ends of the event, and a stop's meetings, by `minutes`.
fn shift(text: &str, event: Event<'_>, minutes: i32) -> Result<(Vec<Splice>, String), String> {
    let name = quoted(event.title());
    let mut tables: Vec<(Entity<'_>, [&str; 2])> = Vec::new();
    match event {
        Event::Stop(s) => {
            tables.push((read(text, &s.origin, event)?, ["arrive", "depart"]));
            for m in &s.meetings {
                let e = read(text, &m.origin, Event::Meeting(s, m))?;
                tables.push((e, ["start", "end"]));
            }
        }
        Event::Meeting(_, m) => tables.push((read(text, &m.origin, event)?, ["start", "end"])),
    }
    let mut splices = Vec::new();
    for (entity, keys) in &tables {
        for key in keys {
            let Some(value) = entity.value(key) else {
                continue;
            };
            let Some((hour, minute, write)) = time_of(value) else {
                return Err(format!(
                    "cannot move {name}: its {key} is not a time of day"
                ));
            };
            let moved = i32::from(hour) * 60 + i32::from(minute) + minutes;
            if !(0..24 * 60).contains(&moved) {
                let dir = if minutes > 0 { "later" } else { "earlier" };
                return Err(format!(
                    "cannot move {name} {} min {dir}: {key} {hour:02}:{minute:02} would cross \
                     midnight; move it to another day in your editor (E)",
                    minutes.abs(),
                ));
            }
            // Both fit a u8: 0..24 and 0..60.
            let new = write((moved / 60) as u8, (moved % 60) as u8);
            splices.extend(entity.replace(key, &new));
        }
    }
    if splices.is_empty() {
        return Err(format!(
            "cannot move {name}: it has no time set; give it one in your editor (E)"
        ));
    }
    let dir = if minutes > 0 { "later" } else { "earlier" };
    let what = match event.start() {
        Some(start) => {
            let moved = start + chrono::Duration::minutes(i64::from(minutes));
            format!(", now at {:02}:{:02}", moved.hour(), moved.minute())
        }
        None => String::new(),
    };
    Ok((
        splices,
        format!("{name} moved {} min {dir}{what}", minutes.abs()),
    ))
}

/// A time of day as the file gives it (a TOML local time, or text such as
/// "10:00"): its hour and minute, and how to write another hour and minute
/// the same way (seconds kept).
type WriteTime = Box<dyn Fn(u8, u8) -> Value>;

fn time_of(value: &Value) -> Option<(u8, u8, WriteTime)> {
    match value {
        Value::Datetime(d) => {
            let d = *d.value();
            let t = d.time.filter(|_| d.date.is_none() && d.offset.is_none())?;
            let write = move |hour, minute| {
                let mut d = d;
                d.time = Some(toml_edit::Time { hour, minute, ..t });
                Value::from(d)
            };
            Some((t.hour, t.minute, Box::new(write)))
        }
        Value::String(s) => {
            let text = s.value().trim();
            let t = ["%H:%M", "%H:%M:%S%.f"]
                .iter()
                .find_map(|f| NaiveTime::parse_from_str(text, f).ok())?;
            // Whatever followed the minutes (":00", ":00.5") is kept as written.
            let rest = text.get(5..).unwrap_or("").to_string();
            let write = move |hour, minute| Value::from(format!("{hour:02}:{minute:02}{rest}"));
            Some((t.hour() as u8, t.minute() as u8, Box::new(write)))
        }
        _ => None,
    }
}

/// A new `[[…meeting]]` table after the stop's last meeting (or the stop).
fn add_meeting(
    text: &str,
    stop: &Stop,
    meeting: &NewMeeting,
) -> Result<(Vec<Splice>, String), String> {
    let title = meeting.title.trim();
    if title.is_empty() {
        return Err("a meeting needs a title; nothing was added".into());
    }
    let entity = read(text, &stop.origin, Event::Stop(stop))?;
    let mut entries = vec![("title", Value::from(title))];
    for (key, time) in [("start", meeting.start), ("end", meeting.end)] {
        if let Some(t) = time {
            entries.push((key, Value::from(toml_time(t))));
        }
    }
    let mut path = entity.path().to_vec();
    path.push("meeting".into());
    let nl = entity.newline();
    let lines = table::new_table(&path, &entries, entity.eq_column().is_some(), nl);
    // Indented as the stop's header is.
    let indent = &text[line_start(text, stop.origin.span.start)..stop.origin.span.start];
    let lines: String = lines
        .split_inclusive('\n')
        .map(|l| format!("{indent}{l}"))
        .collect();
    let last = stop
        .meetings
        .iter()
        .map(|m: &Meeting| m.origin.span.end)
        .chain([stop.origin.span.end])
        .max()
        .unwrap_or(stop.origin.span.end);
    let message = format!("meeting {} added to {}", quoted(title), quoted(&stop.place));
    Ok((vec![table_after(text, last, nl, &lines)], message))
}

/// A TOML local time: `10:30`, seconds only when there are some.
pub(crate) fn toml_time(t: NaiveTime) -> toml_edit::Datetime {
    let second = t.second();
    toml_edit::Datetime {
        date: None,
        time: Some(toml_edit::Time {
            hour: t.hour() as u8,
            minute: t.minute() as u8,
            second: (second != 0).then_some(second as u8),
            nanosecond: None,
        }),
        offset: None,
    }
}

/// Removes the whole lines of each table, with the comment lines right
/// above its header when they are set apart from what comes before (so
/// they are about it), and one blank line beside it when it was set apart
/// by blank lines on both sides.
fn delete(text: &str, origins: &[&Origin]) -> Vec<Splice> {
    let blank = |r: std::ops::Range<usize>| text[r].trim().is_empty();
    let mut ranges: Vec<std::ops::Range<usize>> = origins
        .iter()
        .map(|o| {
            let (mut start, mut end) = (line_start(text, o.span.start), line_end(text, o.span.end));
            start = comments_above(text, start);
            let before = (start > 0).then(|| line_start(text, start - 1)..start);
            let blank_before = before.clone().is_none_or(blank);
            if end < text.len() && blank_before && blank(end..line_end(text, end)) {
                end = line_end(text, end);
            } else if end == text.len()
                && let Some(b) = before.filter(|b| blank(b.clone()))
            {
                start = b.start;
            }
            // Without a line break at its end, the file gets none either.
            if end == text.len() && !text.ends_with('\n') && start > 0 {
                start = text[..start - 1]
                    .strip_suffix('\r')
                    .map_or(start - 1, str::len);
            }
            start..end
        })
        .collect();
    ranges.sort_by_key(|r| r.start);
    let mut merged: Vec<std::ops::Range<usize>> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
        .into_iter()
        .map(|at| Splice {
            at,
            with: String::new(),
        })
        .collect()
}

/// The start of the comment lines right above the line at `start`, when a
/// blank line (or the file's start) comes before them; else `start`.
fn comments_above(text: &str, start: usize) -> usize {
    let mut at = start;
    while at > 0 {
        let prev = line_start(text, at - 1);
        let line = text[prev..at].trim();
        if line.starts_with('#') {
            at = prev;
        } else if line.is_empty() {
            return at;
        } else {
            return start;
        }
    }
    at
}

fn quoted(s: &str) -> String {
    format!("“{}”", load::diagnostic::sanitize(s))
}

/// Parses a time typed by the user: `9:30`, `09:30`, `0930`, `09:30:15`;
/// empty is no time.
pub fn parse_time(typed: &str) -> Result<Option<NaiveTime>, String> {
    let t = typed.trim();
    if t.is_empty() {
        return Ok(None);
    }
    ["%H:%M", "%H:%M:%S", "%H%M"]
        .iter()
        .find_map(|f| NaiveTime::parse_from_str(t, f).ok())
        .map(Some)
        .ok_or_else(|| {
            format!(
                "{} is not a time; write it as 09:30 (24-hour clock)",
                quoted(t)
            )
        })
}
