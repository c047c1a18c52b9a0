//! The fast way in: the trip built straight from the parser's events, with
//! no document in between.
//!
//! toml's span-carrying document costs three times the parse it is built
//! from (every event is stored, then built into tables, which the walk then
//! takes apart). This reader takes the events as `toml_parser` produces them
//! and fills the model, but only for files in the shape docs/format.md
//! shows: the headers `[trip]`, `[people.<id>]`, `[[day]]`, `[[day.stop]]`,
//! `[[day.stop.meeting]]`, `[[unscheduled]]` and `[[unscheduled.meeting]]`,
//! each stop and meeting under the day or stop it belongs to, bare keys,
//! strings, dates, times and arrays of strings, and people defined before
//! the stops that name them. At anything else, and at anything that is an
//! error, it gives up: the document walk then reads the file and says
//! what is wrong, so every message still comes from one place. Warnings
//! are made by the walker's own checks, so both ways give the same trip
//! and the same diagnostics (`load::stream_tests` asserts it).

use std::borrow::Cow;
use std::ops::Range;

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;
use toml::Spanned;
use toml::value::Datetime;
use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::lexer::Token;
use toml_parser::parser::{EventReceiver, RecursionGuard, ValidateWhitespace};
use toml_parser::{ErrorSink, ParseError, Raw, Source};

use super::values::{Keyword, Lines};
use super::{DayIn, Header, MAX_TRIP_DAYS, People, Piece, StopIn, Walker, valid_person_id};
use crate::load::convert::{local_date, local_time, time_from_str};
use crate::model::{Meeting, Person, PersonId, Side, Status, Stop, StopKind};

type Span = Range<usize>;

/// Which part of a file a text is, and so which tables it may hold.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Part {
    /// A whole file.
    Whole,
    /// What comes before the first `[[day]]`: no days.
    Prelude,
    /// A piece of days; unscheduled stops too when `unscheduled`.
    Days { unscheduled: bool },
}

/// What a text held besides its people (which are added to the walker's).
pub(super) struct Read {
    /// The `[trip]` table, when the text has one; see [`header`].
    pub trip: Option<TripIn>,
    pub days: Vec<DayIn>,
    pub unscheduled: Vec<Stop>,
}

/// Reads `w`'s text in `range` (at or after `w.base`) as `part`; `None`
/// when the document walk must do it. The people found are added to `w`,
/// and the people referred to marked; warnings go to `w`'s diagnostics.
/// `tokens` is room for the lexer's tokens, reused from piece to piece:
/// memory the system must first clear costs more than lexing into it.
pub(super) fn read(
    w: &mut Walker<'_>,
    range: Span,
    part: Part,
    tokens: &mut Vec<Token>,
) -> Option<Read> {
    let offset = range.start.checked_sub(w.base)?;
    let src = w.text.get(range)?;
    let source = Source::new(src);
    tokens.clear();
    // About a token per four bytes in itineraries.
    tokens.reserve_exact(src.len() / 3);
    tokens.extend(source.lex());
    let mut stream = Stream::new(w, src, offset, part);
    let mut errors: Option<ParseError> = None;
    {
        let mut whitespace = ValidateWhitespace::new(&mut stream, source);
        // The limit toml itself parses with, so deep nesting fails alike.
        let mut guard = RecursionGuard::new(&mut whitespace, 80);
        toml_parser::parser::parse_document(tokens, &mut guard, &mut errors);
    }
    if errors.is_some() {
        return None;
    }
    stream.finish()
}

/// Reads the piece `text[piece]` of days as [`super::walk_piece`] walks
/// its document; on failure, gives `people` back as they were.
pub(super) fn piece(
    text: &str,
    piece: Span,
    people: People,
    unscheduled: bool,
    tokens: &mut Vec<Token>,
) -> Result<(Piece, People), People> {
    let used = people.used.clone();
    let mut w = Walker::new(text.get(..piece.end).unwrap_or(""), piece.start, people);
    match read(&mut w, piece, Part::Days { unscheduled }, tokens) {
        Some(read) => {
            // As the document has an `unscheduled` key only when there are some.
            let late = (!read.unscheduled.is_empty()).then_some(read.unscheduled);
            Ok(w.into_piece(read.days, late))
        }
        None => {
            let mut people = w.people;
            people.used = used;
            Err(people)
        }
    }
}

/// The table the key-values being read belong to.
#[derive(Clone, Copy, PartialEq)]
enum Table {
    /// Before the first header: nothing may be there.
    Root,
    Trip,
    Person,
    Day,
    /// A stop of a day, or an unscheduled one.
    Stop,
    /// A meeting of the stop being read.
    Meeting,
}

/// A scalar as the parser gives it: where it is and how it is quoted.
#[derive(Clone, Copy)]
struct Scalar {
    span: toml_parser::Span,
    encoding: Option<Encoding>,
}

/// A value being assigned: one scalar, or an array of them.
#[derive(Clone, Copy)]
enum Value<'a> {
    One(Scalar),
    Many(&'a [Scalar]),
}

/// The `[trip]` table as it is read.
#[derive(Default)]
pub(super) struct TripIn {
    title: Option<String>,
    start: Option<Spanned<NaiveDate>>,
    end: Option<Spanned<NaiveDate>>,
    timezone: Option<Tz>,
    lead: Option<String>,
    purpose: Option<String>,
    sources: Vec<String>,
}

/// A stop as it is read, with its meeting being read.
/// (A required text is never empty once given: an empty `place`, `title`
/// or `name` is one not given.)
struct StopRead {
    stop: StopIn,
    unscheduled: bool,
    meeting: Option<MeetingRead>,
}

/// A meeting as it is read, with the spans of its times for the warning.
struct MeetingRead {
    meeting: Meeting,
    start: Option<Spanned<NaiveTime>>,
    end: Option<Spanned<NaiveTime>>,
}

struct Stream<'w, 't, 'i> {
    w: &'w mut Walker<'t>,
    src: &'i str,
    /// Where `src` starts, from the walker's base: spans are moved by it.
    offset: usize,
    part: Part,
    /// Set at the first thing this reader does not take: the rest is skipped.
    failed: bool,
    /// The keys of the table header being read, and whether it is `[[…]]`.
    header: Option<(Vec<(&'i str, Span)>, bool)>,
    /// Where the header being read starts.
    header_start: usize,
    table: Table,
    /// The keys given so far in the current table, one bit each.
    seen: u32,
    /// The key whose value comes next, once its `=` is read.
    key: Option<&'i str>,
    assigning: bool,
    /// The items of the array being read.
    array: Option<Vec<Scalar>>,
    trip: Option<TripIn>,
    /// The person being read, and the span of their id.
    person: Option<(Person, Span)>,
    day: Option<DayIn>,
    stop: Option<StopRead>,
    days: Vec<DayIn>,
    unscheduled: Vec<Stop>,
}

impl<'w, 't, 'i> Stream<'w, 't, 'i> {
    fn new(w: &'w mut Walker<'t>, src: &'i str, offset: usize, part: Part) -> Self {
        Stream {
            w,
            src,
            offset,
            part,
            failed: false,
            header: None,
            header_start: 0,
            table: Table::Root,
            seen: 0,
            key: None,
            assigning: false,
            array: None,
            trip: None,
            person: None,
            day: None,
            stop: None,
            days: Vec::new(),
            unscheduled: Vec::new(),
        }
    }

    /// Everything read, once the last table is closed; `None` when the
    /// reader gave up or a table lacks what it needs.
    fn finish(mut self) -> Option<Read> {
        if self.failed {
            return None;
        }
        self.close_tables()?;
        Some(Read {
            trip: self.trip,
            days: self.days,
            unscheduled: self.unscheduled,
        })
    }

    // ---- tables --------------------------------------------------------------

    /// Closes every open table, as a header other than a stop's or a
    /// meeting's does.
    fn close_tables(&mut self) -> Option<()> {
        self.close_stop()?;
        if let Some(mut day) = self.day.take() {
            day.date.as_ref()?;
            self.w.check_overlaps(&day);
            day.stops.shrink_to_fit();
            self.days.push(day);
        }
        if let Some((person, span)) = self.person.take() {
            if person.name.is_empty() {
                return None;
            }
            let people = &mut self.w.people;
            people.index.insert(person.key.clone(), people.list.len());
            people.list.push(person);
            people.spans.push(span);
            people.used.push(false);
        }
        Some(())
    }

    /// Closes the stop being read, as [`Walker::stop`] ends one.
    fn close_stop(&mut self) -> Option<()> {
        self.close_meeting()?;
        let Some(read) = self.stop.take() else {
            return Some(());
        };
        let stop = &read.stop.stop;
        if stop.place.is_empty() || out_of_order(stop.arrive, stop.depart) {
            return None;
        }
        let mut stop = read.stop;
        // Stable: meetings at the same time keep file order.
        stop.stop.meetings.sort_by_key(|m| m.start);
        // Kept as long as the trip is: no room for meetings that never come.
        stop.stop.meetings.shrink_to_fit();
        if read.unscheduled {
            self.unscheduled.push(stop.stop);
        } else {
            self.day.as_mut()?.stops.push(stop);
        }
        Some(())
    }

    /// Closes the meeting being read, as [`Walker::meeting`] ends one.
    fn close_meeting(&mut self) -> Option<()> {
        let Some(stop) = self.stop.as_mut() else {
            return Some(());
        };
        let Some(read) = stop.meeting.take() else {
            return Some(());
        };
        let meeting = &read.meeting;
        if meeting.title.is_empty() || out_of_order(meeting.start, meeting.end) {
            return None;
        }
        let stop_read = &mut stop.stop.stop;
        self.w.check_within_stop(
            &read.meeting,
            read.start.as_ref(),
            read.end.as_ref(),
            stop_read,
        );
        stop_read.meetings.push(read.meeting);
        Some(())
    }

    /// Opens the table a header names, closing what it ends.
    fn open(&mut self, keys: &[(&'i str, Span)], array: bool, span: Span) -> Option<()> {
        let days = matches!(self.part, Part::Whole | Part::Days { .. });
        let unscheduled = match self.part {
            Part::Whole | Part::Prelude => true,
            Part::Days { unscheduled } => unscheduled,
        };
        let prelude = matches!(self.part, Part::Whole | Part::Prelude);
        self.seen = 0;
        match (keys, array) {
            ([("trip", _)], false) if prelude && self.trip.is_none() => {
                self.close_tables()?;
                self.trip = Some(TripIn::default());
                self.table = Table::Trip;
            }
            ([("people", _), (id, id_span)], false) if prelude => {
                self.close_tables()?;
                if !valid_person_id(id) || self.w.people.index.contains_key(*id) {
                    return None;
                }
                let person = Person {
                    key: (*id).to_string(),
                    name: String::new(),
                    native: None,
                    role: None,
                    side: Side::default(),
                };
                self.person = Some((person, id_span.clone()));
                self.table = Table::Person;
            }
            ([("day", _)], true) if days => {
                self.close_tables()?;
                self.day = Some(DayIn {
                    date: None,
                    title: None,
                    notes: None,
                    stops: Vec::new(),
                });
                self.table = Table::Day;
            }
            ([("day", _), ("stop", _)], true) if self.day.is_some() => {
                self.close_stop()?;
                self.stop = Some(new_stop(span, false));
                self.table = Table::Stop;
            }
            ([("unscheduled", _)], true) if unscheduled => {
                self.close_tables()?;
                self.stop = Some(new_stop(span, true));
                self.table = Table::Stop;
            }
            ([("day", _), ("stop", _), ("meeting", _)], true)
            | ([("unscheduled", _), ("meeting", _)], true) => {
                let of_day = keys.len() == 3;
                let stop = self.stop.as_ref()?;
                if stop.unscheduled == of_day {
                    return None;
                }
                self.close_meeting()?;
                let stop = self.stop.as_mut()?;
                stop.meeting = Some(MeetingRead {
                    meeting: Meeting::default(),
                    start: None,
                    end: None,
                });
                self.table = Table::Meeting;
            }
            _ => return None,
        }
        Some(())
    }

    // ---- key-values ----------------------------------------------------------

    /// Takes `key = value` into the table being read.
    fn assign(&mut self, key: &str, v: Value<'_>) -> Option<()> {
        let bit = 1 << field_index(self.table, key)?;
        // A key given twice is a TOML error.
        if self.seen & bit != 0 {
            return None;
        }
        self.seen |= bit;
        match self.table {
            Table::Root => None,
            Table::Trip => self.trip_value(key, v),
            Table::Person => self.person_value(key, v),
            Table::Day => self.day_value(key, v),
            Table::Stop => self.stop_value(key, v),
            Table::Meeting => self.meeting_value(key, v),
        }
    }

    fn trip_value(&mut self, key: &str, v: Value<'_>) -> Option<()> {
        match key {
            "title" => {
                let title = self.required_text(key, v)?;
                self.trip.as_mut()?.title = Some(title);
            }
            "start" | "end" => {
                let date = self.date(v)?;
                let trip = self.trip.as_mut()?;
                match key {
                    "start" => trip.start = Some(date),
                    _ => trip.end = Some(date),
                }
            }
            "timezone" => {
                let zone = self.text(key, v, Lines::One)?.parse::<Tz>().ok()?;
                self.trip.as_mut()?.timezone = Some(zone);
            }
            "lead" => {
                // People usually follow the trip: the lead is found at the end.
                let id = self.text(key, v, Lines::One)?;
                self.trip.as_mut()?.lead = Some(id);
            }
            "purpose" => {
                let purpose = self.text(key, v, Lines::One)?;
                self.trip.as_mut()?.purpose = Some(purpose);
            }
            _ => {
                let sources = self.strings(key, v)?;
                self.trip.as_mut()?.sources = sources;
            }
        }
        Some(())
    }

    fn person_value(&mut self, key: &str, v: Value<'_>) -> Option<()> {
        match key {
            "name" => {
                let name = self.required_text(key, v)?;
                self.person.as_mut()?.0.name = name;
            }
            "native" | "role" => {
                let text = self.text(key, v, Lines::One)?;
                let person = &mut self.person.as_mut()?.0;
                match key {
                    "native" => person.native = Some(text),
                    _ => person.role = Some(text),
                }
            }
            _ => {
                let side = self.keyword::<Side>(v)?;
                self.person.as_mut()?.0.side = side;
            }
        }
        Some(())
    }

    fn day_value(&mut self, key: &str, v: Value<'_>) -> Option<()> {
        match key {
            "date" => {
                let date = self.date(v)?;
                self.day.as_mut()?.date = Some(date);
            }
            "title" => {
                let title = self.text(key, v, Lines::One)?;
                self.day.as_mut()?.title = Some(title);
            }
            _ => {
                let notes = self.text(key, v, Lines::Many)?;
                self.day.as_mut()?.notes = Some(notes);
            }
        }
        Some(())
    }

    fn stop_value(&mut self, key: &str, v: Value<'_>) -> Option<()> {
        match key {
            "place" => {
                let place = self.required_text(key, v)?;
                self.stop.as_mut()?.stop.stop.place = place;
            }
            "kind" => {
                let kind = self.keyword::<StopKind>(v)?;
                self.stop.as_mut()?.stop.stop.kind = kind;
            }
            "status" => {
                let status = self.keyword::<Status>(v)?;
                self.stop.as_mut()?.stop.stop.status = status;
            }
            "prefecture" => {
                let Value::One(scalar) = v else { return None };
                let text = self.text(key, v, Lines::One)?;
                let name = self.w.prefecture_named(text, self.span(scalar.span));
                self.stop.as_mut()?.stop.stop.prefecture = Some(name);
            }
            "city" | "address" => {
                let text = self.text(key, v, Lines::One)?;
                let stop = &mut self.stop.as_mut()?.stop.stop;
                match key {
                    "city" => stop.city = Some(text),
                    _ => stop.address = Some(text),
                }
            }
            "notes" => {
                let notes = self.text(key, v, Lines::Many)?;
                self.stop.as_mut()?.stop.stop.notes = Some(notes);
            }
            "people" => {
                let people = self.person_refs(key, v)?;
                self.stop.as_mut()?.stop.stop.people = people;
            }
            _ => {
                let time = self.time(v)?;
                let read = &mut self.stop.as_mut()?.stop;
                let at = Some(*time.get_ref());
                if key == "arrive" {
                    read.stop.arrive = at;
                    read.arrive = Some(time.span());
                } else {
                    read.stop.depart = at;
                }
            }
        }
        Some(())
    }

    fn meeting_value(&mut self, key: &str, v: Value<'_>) -> Option<()> {
        match key {
            "title" => {
                let title = self.required_text(key, v)?;
                self.meeting()?.meeting.title = title;
            }
            "start" | "end" => {
                let time = self.time(v)?;
                let read = self.meeting()?;
                let at = Some(*time.get_ref());
                if key == "start" {
                    read.meeting.start = at;
                    read.start = Some(time);
                } else {
                    read.meeting.end = at;
                    read.end = Some(time);
                }
            }
            "attendees" => {
                let attendees = self.person_refs(key, v)?;
                self.meeting()?.meeting.attendees = attendees;
            }
            "topics" => {
                let topics = self.strings(key, v)?;
                self.meeting()?.meeting.topics = topics;
            }
            "status" => {
                let status = self.keyword::<Status>(v)?;
                self.meeting()?.meeting.status = status;
            }
            _ => {
                let text = self.text(key, v, Lines::Many)?;
                let m = &mut self.meeting()?.meeting;
                match key {
                    "outcome" => m.outcome = Some(text),
                    _ => m.notes = Some(text),
                }
            }
        }
        Some(())
    }

    fn meeting(&mut self) -> Option<&mut MeetingRead> {
        self.stop.as_mut()?.meeting.as_mut()
    }

    // ---- values --------------------------------------------------------------

    /// A scalar decoded, as toml decodes it; `None` when it has an error.
    fn decode(&self, s: Scalar) -> Option<(ScalarKind, Cow<'i, str>)> {
        let raw = Raw::new_unchecked(
            self.src.get(s.span.start()..s.span.end())?,
            s.encoding,
            s.span,
        );
        let mut out = Cow::Borrowed("");
        let mut error: Option<ParseError> = None;
        let kind = raw.decode_scalar(&mut out, &mut error);
        error.is_none().then_some((kind, out))
    }

    /// A string, checked as [`Walker::text`] checks it.
    fn text(&mut self, key: &str, v: Value<'_>, lines: Lines) -> Option<String> {
        let Value::One(s) = v else { return None };
        let (ScalarKind::String, decoded) = self.decode(s)? else {
            return None;
        };
        let at = self.span(s.span);
        self.w.checked_text(key, decoded, at, lines)
    }

    fn required_text(&mut self, key: &str, v: Value<'_>) -> Option<String> {
        Some(self.text(key, v, Lines::One)?).filter(|s| !s.trim().is_empty())
    }

    fn keyword<K: Keyword>(&mut self, v: Value<'_>) -> Option<K> {
        K::parse(&self.text(K::FIELD, v, Lines::One)?)
    }

    fn strings(&mut self, key: &str, v: Value<'_>) -> Option<Vec<String>> {
        let Value::Many(items) = v else { return None };
        let mut strings = Vec::with_capacity(items.len());
        for item in items {
            strings.push(self.text(key, Value::One(*item), Lines::One)?);
        }
        Some(strings)
    }

    fn date(&mut self, v: Value<'_>) -> Option<Spanned<NaiveDate>> {
        let Value::One(s) = v else { return None };
        let (ScalarKind::DateTime, decoded) = self.decode(s)? else {
            return None;
        };
        let date = local_date(&decoded.parse::<Datetime>().ok()?)?;
        Some(Spanned::new(self.span(s.span), date))
    }

    /// A TOML local time, or a time in a string, as [`Walker::time`] takes.
    fn time(&mut self, v: Value<'_>) -> Option<Spanned<NaiveTime>> {
        let Value::One(s) = v else { return None };
        let time = match self.decode(s)? {
            (ScalarKind::DateTime, d) => local_time(&d.parse::<Datetime>().ok()?)?,
            (ScalarKind::String, d) => time_from_str(&d)?,
            _ => return None,
        };
        Some(Spanned::new(self.span(s.span), time))
    }

    /// A person's id found among the people read, and marked referred to.
    fn person_id(&mut self, id: &str) -> Option<PersonId> {
        person_id(&mut self.w.people, id)
    }

    /// A span of `src` as a span from the walker's base.
    fn span(&self, s: toml_parser::Span) -> Span {
        s.start() + self.offset..s.end() + self.offset
    }

    fn person_refs(&mut self, key: &str, v: Value<'_>) -> Option<Vec<PersonId>> {
        let Value::Many(items) = v else { return None };
        let mut ids: Vec<PersonId> = Vec::with_capacity(items.len());
        for item in items {
            let id = self.text(key, Value::One(*item), Lines::One)?;
            let id = self.person_id(&id)?;
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        Some(ids)
    }
}

/// The `[trip]` table checked as [`Walker::trip`] does, once all people are
/// read: its lead must be one of them.
pub(super) fn header(w: &mut Walker<'_>, trip: TripIn) -> Option<Header> {
    let (title, start, end) = (trip.title?, trip.start?, trip.end?);
    let days = (*end.get_ref() - *start.get_ref()).num_days() + 1;
    if end.get_ref() < start.get_ref() || days > MAX_TRIP_DAYS {
        return None;
    }
    let lead = match trip.lead {
        Some(id) => Some(person_id(&mut w.people, &id)?),
        None => None,
    };
    Some(Header {
        title: Some(title),
        start: Some(start.into_inner()),
        end: Some(end.into_inner()),
        timezone: Some(trip.timezone.unwrap_or(chrono_tz::UTC)),
        lead,
        purpose: trip.purpose,
        sources: trip.sources,
    })
}

/// A person's id found among `people`, and marked referred to.
fn person_id(people: &mut People, id: &str) -> Option<PersonId> {
    let &i = people.index.get(id)?;
    *people.used.get_mut(i)? = true;
    Some(PersonId(i))
}

/// Whether an end comes before its start, an error [`Walker::check_order`] reports.
fn out_of_order<T: PartialOrd>(start: Option<T>, end: Option<T>) -> bool {
    matches!((start, end), (Some(s), Some(e)) if e < s)
}

fn new_stop(header: Span, unscheduled: bool) -> StopRead {
    StopRead {
        stop: StopIn {
            stop: Stop::default(),
            arrive: None,
            header,
        },
        unscheduled,
        meeting: None,
    }
}

/// The position of `key` among its table's keys, for the keys-given bits;
/// `None` for a key the table does not have.
fn field_index(table: Table, key: &str) -> Option<usize> {
    let keys: &[&str] = match table {
        Table::Root => &[],
        Table::Trip => super::TRIP_KEYS.valid,
        Table::Person => super::PERSON_KEYS.valid,
        // A day's `stop` and a stop's `meeting` are tables, never values here.
        Table::Day => &super::DAY_KEYS.valid[..3],
        Table::Stop => &super::STOP_KEYS.valid[..10],
        Table::Meeting => super::MEETING_KEYS.valid,
    };
    keys.iter().position(|k| *k == key)
}

impl EventReceiver for Stream<'_, '_, '_> {
    fn std_table_open(&mut self, span: toml_parser::Span, _: &mut dyn ErrorSink) {
        self.header_open(span, false);
    }
    fn array_table_open(&mut self, span: toml_parser::Span, _: &mut dyn ErrorSink) {
        self.header_open(span, true);
    }
    fn std_table_close(&mut self, span: toml_parser::Span, _: &mut dyn ErrorSink) {
        self.header_close(span);
    }
    fn array_table_close(&mut self, span: toml_parser::Span, _: &mut dyn ErrorSink) {
        self.header_close(span);
    }
    fn inline_table_open(&mut self, _: toml_parser::Span, _: &mut dyn ErrorSink) -> bool {
        self.failed = true;
        true
    }
    fn array_open(&mut self, _: toml_parser::Span, _: &mut dyn ErrorSink) -> bool {
        if !self.assigning || self.array.is_some() {
            self.failed = true;
        }
        self.array = Some(Vec::new());
        true
    }
    fn array_close(&mut self, _: toml_parser::Span, _: &mut dyn ErrorSink) {
        let items = self.array.take().unwrap_or_default();
        if !self.failed {
            self.value(Value::Many(&items));
        }
    }
    fn simple_key(
        &mut self,
        span: toml_parser::Span,
        encoding: Option<Encoding>,
        _: &mut dyn ErrorSink,
    ) {
        // Quoted keys are left to the document walk; bare ones are checked
        // as toml checks them (an empty one is an error, say).
        let key = self.src.get(span.start()..span.end()).filter(|key| {
            let mut error: Option<ParseError> = None;
            Raw::new_unchecked(key, encoding, span).decode_key(&mut (), &mut error);
            error.is_none()
        });
        match (key, encoding, &mut self.header) {
            (Some(key), None, Some((keys, _))) => {
                let at = span.start() + self.offset..span.end() + self.offset;
                keys.push((key, at));
            }
            (Some(key), None, None) if self.key.is_none() => self.key = Some(key),
            _ => self.failed = true,
        }
    }
    fn key_sep(&mut self, _: toml_parser::Span, _: &mut dyn ErrorSink) {
        // Dotted keys outside headers are left to the document walk.
        if self.header.is_none() {
            self.failed = true;
        }
    }
    fn key_val_sep(&mut self, _: toml_parser::Span, _: &mut dyn ErrorSink) {
        self.assigning = true;
    }
    fn scalar(
        &mut self,
        span: toml_parser::Span,
        encoding: Option<Encoding>,
        _: &mut dyn ErrorSink,
    ) {
        let scalar = Scalar { span, encoding };
        match &mut self.array {
            Some(items) => items.push(scalar),
            None => self.value(Value::One(scalar)),
        }
    }
    fn error(&mut self, _: toml_parser::Span, _: &mut dyn ErrorSink) {
        self.failed = true;
    }
}

impl Stream<'_, '_, '_> {
    fn header_open(&mut self, span: toml_parser::Span, array: bool) {
        if self.header.is_some() || self.key.is_some() {
            self.failed = true;
        }
        self.header = Some((Vec::new(), array));
        self.header_start = span.start() + self.offset;
    }

    fn header_close(&mut self, span: toml_parser::Span) {
        let Some((keys, array)) = self.header.take() else {
            self.failed = true;
            return;
        };
        let at = self.header_start..span.end() + self.offset;
        if !self.failed && self.open(&keys, array, at).is_none() {
            self.failed = true;
        }
    }

    /// The value of the key just read.
    fn value(&mut self, v: Value<'_>) {
        if self.failed {
            return;
        }
        let key = self.key.take();
        let ok = self.assigning && key.is_some_and(|key| self.assign(key, v).is_some());
        self.assigning = false;
        if !ok {
            self.failed = true;
        }
    }
}
