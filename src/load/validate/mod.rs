//! The one validator: every rule of the file (docs/diagnostics.md), checked
//! in one pass over the file's tree (`super::tree`) while the trip is built,
//! every problem collected on the way.
//!
//! The tree is read by hand rather than through serde, because serde stops
//! at the first unknown key or wrong type, and we want them all. It is
//! consumed as it goes, so strings are moved into the model, not copied.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::ops::Range;

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;
use toml::Spanned;

use super::convert::{show_span, show_time};
use super::diagnostic::{Diagnostic, SourceLines, quote};
use super::suggest::{closest, closest_by, list};
use super::tree::{Entry, Kind, Table, Value};
use crate::clock;
use crate::model::{Day, Meeting, Origin, Person, PersonId, Side, Status, Stop, Trip};
use crate::prefecture::{Prefecture, PrefectureName};

mod values;

use values::{Lines, type_name};

type Span = Range<usize>;

/// The longest trip accepted, so a typo in a year cannot make millions of days.
pub const MAX_TRIP_DAYS: i64 = 3660;

/// The keys a table may have, in the order the docs list them, and words
/// people write for them (a stop's `start` is its `arrive`).
struct Keys {
    valid: &'static [&'static str],
    synonyms: &'static [(&'static str, &'static str)],
}

impl Keys {
    /// The valid key `name` was most likely meant to be: the nearest of the
    /// keys and the words people write for them (a near miss of `arrival`
    /// is one of `arrive`), keys first on a tie.
    fn guess(&self, name: &str) -> Option<&'static str> {
        let keys = self.valid.iter().map(|k| (*k, *k));
        closest_by(name, keys.chain(self.synonyms.iter().copied()))
    }
}

const ROOT_KEYS: Keys = Keys {
    valid: &["trip", "people", "day", "unscheduled"],
    synonyms: &[("person", "people"), ("days", "day")],
};
const TRIP_KEYS: Keys = Keys {
    valid: &[
        "title",
        "start",
        "end",
        "timezone",
        "home_timezone",
        "lead",
        "purpose",
        "sources",
        "contacts",
        // Last: a slip of a longer key ("nd") goes to it first.
        "id",
    ],
    synonyms: &[
        ("name", "title"),
        ("tz", "timezone"),
        ("zone", "timezone"),
        ("home_zone", "home_timezone"),
        ("home_tz", "home_timezone"),
        ("home", "home_timezone"),
        ("leader", "lead"),
        ("source", "sources"),
        ("contact", "contacts"),
    ],
};
const PERSON_KEYS: Keys = Keys {
    valid: &[
        "name",
        "native",
        "role",
        "side",
        "organisation",
        "phone",
        "email",
    ],
    synonyms: &[
        ("organization", "organisation"),
        ("org", "organisation"),
        ("telephone", "phone"),
        ("tel", "phone"),
        ("mobile", "phone"),
        ("mail", "email"),
        ("e-mail", "email"),
        ("title", "role"),
        ("position", "role"),
        ("kanji", "native"),
        ("local", "native"),
    ],
};
const DAY_KEYS: Keys = Keys {
    valid: &["date", "title", "notes", "stop"],
    synonyms: &[("name", "title"), ("note", "notes")],
};
const STOP_KEYS: Keys = Keys {
    valid: &[
        "place",
        "kind",
        "prefecture",
        "city",
        "address",
        "arrive",
        "depart",
        "status",
        "people",
        "contact",
        "notes",
        "meeting",
    ],
    synonyms: &[
        ("start", "arrive"),
        ("time", "arrive"),
        ("arrival", "arrive"),
        ("end", "depart"),
        ("departure", "depart"),
        ("location", "place"),
        ("venue", "place"),
        ("title", "place"),
        ("name", "place"),
        ("type", "kind"),
        ("attendees", "people"),
        ("note", "notes"),
        ("meetings", "meeting"),
    ],
};
const MEETING_KEYS: Keys = Keys {
    valid: &[
        "title",
        "start",
        "end",
        "attendees",
        "topics",
        "outcome",
        "status",
        "notes",
    ],
    synonyms: &[
        ("arrive", "start"),
        ("time", "start"),
        ("depart", "end"),
        ("name", "title"),
        ("people", "attendees"),
        ("note", "notes"),
        ("result", "outcome"),
    ],
};

/// Checks a whole file's tree and builds the trip. The trip is `None` when
/// the file lacks what a trip cannot do without; the diagnostics are
/// unordered.
pub fn whole(text: &str, mut root: Table<'_>) -> (Option<Trip>, Vec<Diagnostic>) {
    let mut w = Walker::new(text, 0, People::default());
    // People first: every other table refers to them.
    if let Some(e) = root.take("people") {
        w.people_table(e);
    }
    let days = root.take("day").map(|e| w.days(e)).unwrap_or_default();
    w.finish(root, days, None)
}

/// The checker of one tree (a whole file, or a piece of one), and what it
/// found so far.
pub(super) struct Walker<'t> {
    /// The source up to the end of the tree's text, only to name lines in
    /// help texts.
    text: &'t str,
    /// Where in `text` the tree's text starts.
    base: usize,
    /// The tree's lines, indexed the first time a help text needs one, and
    /// how many lines come before it: a piece of a large file indexes only
    /// its own.
    lines: OnceCell<(usize, SourceLines<'t>)>,
    pub(super) diags: Vec<Diagnostic>,
    pub(super) people: People,
    /// The times read since the last day was finished (see [`DayIn::times`]).
    times: Vec<Spanned<NaiveTime>>,
}

/// The people read so far, and which of them are referred to.
#[derive(Default, Clone)]
pub(super) struct People {
    list: Vec<Person>,
    /// Span of each person's key, for "never referenced".
    spans: Vec<Span>,
    index: HashMap<String, usize>,
    pub(super) used: Vec<bool>,
}

/// The `[trip]` table as read; `None` where a field is missing or bad.
#[derive(Default)]
struct Header {
    title: Option<String>,
    id: Option<String>,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    timezone: Option<Tz>,
    home_timezone: Option<Tz>,
    lead: Option<PersonId>,
    purpose: Option<String>,
    sources: Vec<String>,
    contacts: Vec<PersonId>,
}

/// A `[[day]]` as read, before it is placed among the trip's dates.
pub(super) struct DayIn {
    date: Option<Spanned<NaiveDate>>,
    title: Option<String>,
    notes: Option<String>,
    stops: Vec<StopIn>,
    /// Every time of its stops and meetings, for the clock-change check
    /// once the trip's zone is known.
    times: Vec<Spanned<NaiveTime>>,
    /// The span of its table; its index is its place among all days.
    span: Span,
}

/// A stop with the spans later checks point at.
struct StopIn {
    stop: Stop,
    arrive: Option<Span>,
}

impl<'t> Walker<'t> {
    /// A checker of a tree of `text[base..]`, people given.
    pub(super) fn new(text: &'t str, base: usize, people: People) -> Self {
        Walker {
            text,
            base,
            lines: OnceCell::new(),
            diags: Vec::new(),
            people,
            times: Vec::new(),
        }
    }

    /// The `[[day]]` array, each day checked.
    pub(super) fn days(&mut self, e: Entry<'_>) -> Vec<DayIn> {
        self.tables(&e.key, e.value, "[[day]]")
            .into_iter()
            .map(|t| self.day(t))
            .collect()
    }

    /// The `[[unscheduled]]` array, each stop checked.
    pub(super) fn unscheduled(&mut self, e: Entry<'_>) -> Vec<Stop> {
        let stops = self
            .tables(&e.key, e.value, "[[unscheduled]]")
            .into_iter()
            .enumerate()
            .map(|(i, t)| self.stop(t, i, "[[unscheduled]]").stop)
            .collect();
        // On no day, a time is not a moment: no clock change to check.
        self.times.clear();
        stops
    }

    /// Checks what is left of the root once people and days are read, then
    /// the whole, and builds the trip. `unscheduled` are the stops already
    /// read when the root has none.
    pub(super) fn finish(
        mut self,
        mut root: Table<'_>,
        days: Vec<DayIn>,
        unscheduled: Option<Vec<Stop>>,
    ) -> (Option<Trip>, Vec<Diagnostic>) {
        let trip = root.take("trip");
        let unscheduled = match root.take("unscheduled") {
            Some(e) => self.unscheduled(e),
            None => unscheduled.unwrap_or_default(),
        };
        let mut guessed = Vec::new();
        for e in root.entries {
            guessed.extend(self.unknown_root_key(&e.key, e.key_span));
        }
        let header = match trip {
            Some(e) => self.trip(e),
            None if guessed.contains(&"trip") => Header::default(),
            None => {
                self.diags.push(
                    Diagnostic::error("missing [trip] table", None)
                        .with_help("add a [trip] table with title, start and end"),
                );
                Header::default()
            }
        };
        let range = header
            .start
            .zip(header.end)
            .filter(|(s, e)| (1..=MAX_TRIP_DAYS).contains(&((*e - *s).num_days() + 1)));
        let days = self.place_days(range, header.timezone, days);
        self.unreferenced_people();
        let trip = match (header, range) {
            (
                Header {
                    title: Some(title),
                    id,
                    timezone: Some(timezone),
                    home_timezone,
                    lead,
                    purpose,
                    sources,
                    contacts,
                    ..
                },
                Some((start, end)),
            ) => Some(Trip {
                title,
                id,
                start,
                end,
                timezone,
                home_timezone,
                lead,
                purpose,
                sources,
                contacts,
                people: self.people.list,
                days,
                unscheduled,
            }),
            _ => None,
        };
        (trip, self.diags)
    }

    /// The 1-based line a byte offset (at or after `base`) is on.
    fn line_of(&self, offset: usize) -> usize {
        let (before, lines) = self.lines.get_or_init(|| {
            let head = self.text.get(..self.base).unwrap_or("");
            let before = memchr::memchr_iter(b'\n', head.as_bytes()).count();
            (
                before,
                SourceLines::new(self.text.get(self.base..).unwrap_or("")),
            )
        });
        before + lines.line_of(offset.saturating_sub(self.base)) + 1
    }

    fn error(&mut self, span: Span, message: String, help: Option<String>) {
        let d = Diagnostic::error(message, Some(span));
        self.diags.push(match help {
            Some(h) => d.with_help(h),
            None => d,
        });
    }

    fn warning(&mut self, span: Span, message: String, help: Option<String>) {
        let d = Diagnostic::warning(message, Some(span));
        self.diags.push(match help {
            Some(h) => d.with_help(h),
            None => d,
        });
    }

    /// Reports an unknown key; returns the valid key it was probably meant
    /// to be, so that key is not also reported missing.
    fn unknown_key(
        &mut self,
        name: &str,
        span: Span,
        keys: &Keys,
        place: &str,
    ) -> Option<&'static str> {
        let guess = keys.guess(name);
        let help = match guess {
            Some(k) => format!("did you mean `{k}`?"),
            None => format!("valid keys here: {}", keys.valid.join(", ")),
        };
        self.error(
            span,
            format!("unknown key {} {place}", quote(name)),
            Some(help),
        );
        guess
    }

    /// An unknown top-level key; a key of another table says where it belongs.
    fn unknown_root_key(&mut self, name: &str, span: Span) -> Option<&'static str> {
        let home = if TRIP_KEYS.valid.contains(&name) {
            Some("it belongs in the [trip] table: move it below the [trip] header")
        } else if name == "date" {
            Some("a date belongs to a day: write it below a [[day]] header")
        } else if name == "stop" || STOP_KEYS.valid.contains(&name) {
            Some(
                "stops belong to a day: write [[day.stop]] after its [[day]], or use [[unscheduled]]",
            )
        } else {
            None
        };
        let Some(help) = home else {
            return self.unknown_key(name, span, &ROOT_KEYS, "at the top level");
        };
        self.error(
            span,
            format!("unknown key {} at the top level", quote(name)),
            Some(help.into()),
        );
        None
    }

    fn wrong_type(&mut self, key: &str, expected: &str, found: &Kind<'_>, span: Span) {
        self.wrong_type_help(key, expected, found, span, None);
    }

    fn wrong_type_help(
        &mut self,
        key: &str,
        expected: &str,
        found: &Kind<'_>,
        span: Span,
        help: Option<String>,
    ) {
        self.error(
            span,
            format!("`{key}` must be {expected}, not {}", type_name(found)),
            help,
        );
    }

    /// A required field is absent; unless a misspelling of it was already reported.
    fn missing(&mut self, span: Span, field: &str, table: &str, guessed: &[&str]) {
        if guessed.contains(&field) {
            return;
        }
        self.error(
            span,
            format!("missing required field `{field}` in {table}"),
            Some(format!("add `{field} = …` to this table")),
        );
    }

    // ---- people ------------------------------------------------------------

    /// The `[people]` table: each person checked and added, in file order.
    pub(super) fn people_table(&mut self, e: Entry<'_>) {
        let Some(table) = self.table(&e.key, e.value, "a table of people ([people.<id>])") else {
            return;
        };
        for Entry {
            key: id,
            key_span: id_span,
            value,
        } in table.entries
        {
            if !valid_person_id(&id) {
                let fixed: String = id
                    .to_lowercase()
                    .chars()
                    .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
                    .collect();
                let help = if fixed.bytes().any(|b| b.is_ascii_alphanumeric()) {
                    format!("write it as [people.{fixed}]")
                } else {
                    "use a short latin id such as [people.yuan]; the name in the person's own \
                     script goes in `native`"
                        .into()
                };
                self.error(
                    id_span.clone(),
                    format!("person id {} may use only a-z, 0-9, _ and -", quote(&id)),
                    Some(help),
                );
            }
            let Some(mut t) = self.table(&id, value, "a table ([people.<id>])") else {
                continue;
            };
            let name = t.take("name");
            let mut person = Person {
                key: id.into_owned(),
                name: String::new(),
                native: None,
                role: None,
                side: Side::default(),
                organisation: None,
                phone: None,
                email: None,
                origin: Origin {
                    span: t.span(),
                    index: self.people.list.len(),
                },
            };
            let table = format!("[people.{}]", person.key);
            let mut guessed = Vec::new();
            for e in t.entries {
                match e.key.as_ref() {
                    "native" => person.native = self.text("native", e.value, Lines::One),
                    "role" => person.role = self.text("role", e.value, Lines::One),
                    "side" => person.side = self.keyword(e.value).unwrap_or_default(),
                    "organisation" => {
                        person.organisation = self.text("organisation", e.value, Lines::One)
                    }
                    // Free text (`+81 3 0000 0000 (mobile)`): only what every
                    // one-line text refuses, a control character.
                    "phone" => person.phone = self.text("phone", e.value, Lines::One),
                    "email" => person.email = self.text("email", e.value, Lines::One),
                    _ => {
                        let place = format!("in {table}");
                        guessed.extend(self.unknown_key(&e.key, e.key_span, &PERSON_KEYS, &place));
                    }
                }
            }
            match name {
                Some(e) => person.name = self.required_text("name", e.value).unwrap_or_default(),
                None => self.missing(t.header.clone(), "name", &table, &guessed),
            }
            self.people
                .index
                .insert(person.key.clone(), self.people.list.len());
            self.people.list.push(person);
            self.people.spans.push(id_span);
            self.people.used.push(false);
        }
    }

    fn person_ref(&mut self, key: &str, v: Value<'_>) -> Option<PersonId> {
        let span = v.span.clone();
        let id = self.text(key, v, Lines::One)?;
        if let Some(&i) = self.people.index.get(&id) {
            self.people.used[i] = true;
            return Some(PersonId(i));
        }
        let help = match closest(&id, self.people.list.iter().map(|p| p.key.as_str())) {
            Some(k) => format!("did you mean \"{k}\"?"),
            None if id.is_empty() => {
                "write the id of a person defined under [people.<id>], such as \"yuan\"".into()
            }
            None if self.people.list.is_empty() => {
                format!("define the person in a [people.{id}] table")
            }
            None => {
                let ids: Vec<&str> = self.people.list.iter().map(|p| p.key.as_str()).collect();
                format!(
                    "the people defined are {}; add a [people.<id>] table for a new one",
                    list(&ids, "and")
                )
            }
        };
        self.error(
            span,
            format!("no person with id {}", quote(&id)),
            Some(help),
        );
        None
    }

    fn person_refs(&mut self, key: &str, v: Value<'_>) -> Vec<PersonId> {
        let items = self.array(key, v, "an array of person ids");
        let mut ids: Vec<PersonId> = Vec::with_capacity(items.len());
        for item in items {
            let Some(item) = self.item_string(key, item, "person ids") else {
                continue;
            };
            if let Some(id) = self.person_ref(key, item)
                && !ids.contains(&id)
            {
                ids.push(id);
            }
        }
        ids
    }

    fn unreferenced_people(&mut self) {
        for i in 0..self.people.list.len() {
            if !self.people.used[i] {
                let key = &self.people.list[i].key;
                self.diags.push(
                    Diagnostic::warning(
                        format!("person {} is defined but never referenced", quote(key)),
                        Some(self.people.spans[i].clone()),
                    )
                    .with_help(format!(
                        "list \"{key}\" in a stop's people or a meeting's attendees, or remove it"
                    )),
                );
            }
        }
    }

    // ---- trip --------------------------------------------------------------

    fn trip(&mut self, e: Entry<'_>) -> Header {
        let Some(table) = self.table(&e.key, e.value, "a table ([trip])") else {
            return Header::default();
        };
        let (mut title, mut start, mut end) = (None, None, None);
        let mut timezone = Some(chrono_tz::UTC);
        let mut home_timezone = None;
        let (mut lead, mut purpose, mut sources) = (None, None, Vec::new());
        let mut id = None;
        let mut contacts = Vec::new();
        let mut guessed = Vec::new();
        for e in table.entries {
            let v = e.value;
            match e.key.as_ref() {
                "title" => title = Some(self.required_text("title", v)),
                "id" => id = self.trip_id(v),
                "start" => start = Some(self.date("start", v)),
                "end" => end = Some(self.date("end", v)),
                "timezone" => timezone = self.timezone("timezone", v),
                "home_timezone" => home_timezone = self.timezone("home_timezone", v),
                "lead" => lead = self.person_ref("lead", v),
                "purpose" => purpose = self.text("purpose", v, Lines::One),
                "sources" => sources = self.strings("sources", v),
                "contacts" => contacts = self.person_refs("contacts", v),
                _ => guessed.extend(self.unknown_key(&e.key, e.key_span, &TRIP_KEYS, "in [trip]")),
            }
        }
        let present = [
            ("title", title.is_some()),
            ("start", start.is_some()),
            ("end", end.is_some()),
        ];
        for (field, _) in present.into_iter().filter(|(_, present)| !present) {
            self.missing(table.header.clone(), field, "[trip]", &guessed);
        }
        let (start, end) = (start.flatten(), end.flatten());
        self.check_order(
            start.as_ref(),
            end.as_ref(),
            "trip ends before it starts",
            NaiveDate::to_string,
        );
        if let (Some(s), Some(e)) = (&start, &end) {
            let days = (*e.get_ref() - *s.get_ref()).num_days() + 1;
            if days > MAX_TRIP_DAYS {
                self.error(
                    e.span(),
                    format!("trip lasts {days} days, longer than the {MAX_TRIP_DAYS} allowed"),
                    Some("check the years of start and end".into()),
                );
            }
        }
        Header {
            title: title.flatten(),
            id,
            start: start.map(Spanned::into_inner),
            end: end.map(Spanned::into_inner),
            timezone,
            home_timezone,
            lead,
            purpose,
            sources,
            contacts,
        }
    }

    /// `id`: the trip's identity on a calendar server, `[a-z0-9_-]+` like a
    /// person's id (docs/format.md).
    fn trip_id(&mut self, v: Value<'_>) -> Option<String> {
        let span = v.span.clone();
        let id = self.text("id", v, Lines::One)?;
        if valid_person_id(&id) {
            return Some(id);
        }
        let fixed: String = id
            .to_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let help = match !fixed.bytes().any(|b| b.is_ascii_alphanumeric()) {
            false => format!("write it as id = \"{fixed}\""),
            true => "use a short latin id such as id = \"japan-2018\"".into(),
        };
        self.error(
            span,
            format!("trip id {id:?} may hold only a-z, 0-9, `_` and `-`"),
            Some(help),
        );
        None
    }

    fn timezone(&mut self, key: &str, v: Value<'_>) -> Option<Tz> {
        let span = v.span.clone();
        let name = self.text(key, v, Lines::One)?;
        let guess = match clock::parse_zone(&name) {
            Ok(tz) => return Some(tz),
            Err(guess) => guess,
        };
        let help = match guess {
            Some(tz) => format!("did you mean \"{tz}\"?"),
            None => "use an IANA time zone name such as \"Asia/Tokyo\"".into(),
        };
        self.error(
            span,
            format!("unknown time zone {}", quote(&name)),
            Some(help),
        );
        None
    }

    // ---- days, stops, meetings ---------------------------------------------

    fn day(&mut self, table: Table<'_>) -> DayIn {
        let mut day = DayIn {
            date: None,
            title: None,
            notes: None,
            stops: Vec::new(),
            times: Vec::new(),
            span: table.span(),
        };
        let mut has_date = false;
        let mut guessed = Vec::new();
        for e in table.entries {
            let v = e.value;
            match e.key.as_ref() {
                "date" => {
                    has_date = true;
                    day.date = self.date("date", v);
                }
                "title" => day.title = self.text("title", v, Lines::One),
                "notes" => day.notes = self.text("notes", v, Lines::Many),
                "stop" => {
                    day.stops = self
                        .tables(&e.key, v, "[[day.stop]]")
                        .into_iter()
                        .enumerate()
                        .map(|(i, t)| self.stop(t, i, "[[day.stop]]"))
                        .collect();
                }
                _ => guessed.extend(self.unknown_key(&e.key, e.key_span, &DAY_KEYS, "in [[day]]")),
            }
        }
        if !has_date {
            self.missing(table.header, "date", "[[day]]", &guessed);
        }
        day.times = std::mem::take(&mut self.times);
        self.check_overlaps(&day);
        day
    }

    fn stop(&mut self, table: Table<'_>, index: usize, what: &str) -> StopIn {
        let mut stop = Stop {
            origin: Origin {
                span: table.span(),
                index,
            },
            ..Stop::default()
        };
        let (mut has_place, mut arrive, mut depart) = (false, None, None);
        let mut meetings = Vec::new();
        let mut guessed = Vec::new();
        for e in table.entries {
            let v = e.value;
            match e.key.as_ref() {
                "place" => {
                    has_place = true;
                    stop.place = self.required_text("place", v).unwrap_or_default();
                }
                "kind" => stop.kind = self.keyword(v).unwrap_or_default(),
                "prefecture" => stop.prefecture = self.prefecture(v),
                "city" => stop.city = self.text("city", v, Lines::One),
                "address" => stop.address = self.text("address", v, Lines::One),
                "arrive" => arrive = self.time("arrive", v),
                "depart" => depart = self.time("depart", v),
                "status" => stop.status = self.keyword(v).unwrap_or_default(),
                "people" => stop.people = self.person_refs("people", v),
                "contact" => stop.contact = self.person_ref("contact", v),
                "notes" => stop.notes = self.text("notes", v, Lines::Many),
                "meeting" => meetings = self.tables(&e.key, v, meeting_header(what)),
                _ => guessed.extend(self.unknown_key(
                    &e.key,
                    e.key_span,
                    &STOP_KEYS,
                    &format!("in {what}"),
                )),
            }
        }
        if !has_place {
            self.missing(table.header, "place", what, &guessed);
        }
        self.check_order(
            arrive.as_ref(),
            depart.as_ref(),
            "stop departs before it arrives",
            |t| show_time(*t),
        );
        stop.arrive = arrive.as_ref().map(|t| *t.get_ref());
        stop.depart = depart.as_ref().map(|t| *t.get_ref());
        stop.meetings = meetings
            .into_iter()
            .enumerate()
            .map(|(i, t)| self.meeting(t, i, &stop, meeting_header(what)))
            .collect();
        // Stable: meetings at the same time keep file order.
        stop.meetings.sort_by_key(Meeting::order_time);
        StopIn {
            stop,
            arrive: arrive.map(|t| t.span()),
        }
    }

    fn prefecture(&mut self, v: Value<'_>) -> Option<PrefectureName> {
        let span = v.span.clone();
        let text = self.text("prefecture", v, Lines::One)?;
        if let Some(p) = Prefecture::parse(&text) {
            return Some(PrefectureName::Known(p));
        }
        let help = match Prefecture::closest(&text) {
            Some(p) => format!("did you mean \"{p}\"?"),
            None => {
                "use one of Japan's 47 prefectures, in romaji (\"Tokyo\") or kanji (\"東京都\")"
                    .into()
            }
        };
        self.warning(
            span,
            format!("unknown prefecture {}", quote(&text)),
            Some(help),
        );
        Some(PrefectureName::Other(text))
    }

    fn meeting(&mut self, table: Table<'_>, index: usize, stop: &Stop, what: &str) -> Meeting {
        let mut m = Meeting {
            origin: Origin {
                span: table.span(),
                index,
            },
            ..Meeting::default()
        };
        let (mut has_title, mut start, mut end) = (false, None, None);
        let mut guessed = Vec::new();
        for e in table.entries {
            let v = e.value;
            match e.key.as_ref() {
                "title" => {
                    has_title = true;
                    m.title = self.required_text("title", v).unwrap_or_default();
                }
                "start" => start = self.time("start", v),
                "end" => end = self.time("end", v),
                "attendees" => m.attendees = self.person_refs("attendees", v),
                "topics" => m.topics = self.strings("topics", v),
                "outcome" => m.outcome = self.text("outcome", v, Lines::Many),
                "status" => m.status = self.keyword(v).unwrap_or_default(),
                "notes" => m.notes = self.text("notes", v, Lines::Many),
                _ => {
                    let place = format!("in {what}");
                    guessed.extend(self.unknown_key(&e.key, e.key_span, &MEETING_KEYS, &place));
                }
            }
        }
        if !has_title {
            self.missing(table.header, "title", what, &guessed);
        }
        self.check_order(
            start.as_ref(),
            end.as_ref(),
            "meeting ends before it starts",
            |t| show_time(*t),
        );
        m.start = start.as_ref().map(|t| *t.get_ref());
        m.end = end.as_ref().map(|t| *t.get_ref());
        self.check_within_stop(&m, start.as_ref(), end.as_ref(), stop);
        m
    }

    /// Warns when a meeting's time falls outside its stop's arrive–depart window.
    fn check_within_stop(
        &mut self,
        m: &Meeting,
        start: Option<&Spanned<NaiveTime>>,
        end: Option<&Spanned<NaiveTime>>,
        stop: &Stop,
    ) {
        let before = |t: &Spanned<NaiveTime>| stop.arrive.is_some_and(|a| *t.get_ref() < a);
        let after = |t: &Spanned<NaiveTime>| stop.depart.is_some_and(|d| *t.get_ref() > d);
        let outside = start
            .filter(|s| before(s) || after(s))
            .or(end.filter(|e| before(e) || after(e)));
        if let Some(t) = outside {
            self.warning(
                t.span(),
                format!(
                    "meeting {} ({}) is outside its stop's time ({})",
                    quote(&m.title),
                    show_span(m.start, m.end),
                    show_span(stop.arrive, stop.depart)
                ),
                Some(format!(
                    "the stop {} is there {}; move the meeting, or the stop's arrive or depart",
                    quote(&stop.place),
                    match (stop.arrive, stop.depart) {
                        (Some(a), Some(d)) => format!("from {} to {}", show_time(a), show_time(d)),
                        (Some(a), None) => format!("from {}", show_time(a)),
                        (None, Some(d)) => format!("until {}", show_time(d)),
                        (None, None) => "all day".into(),
                    }
                )),
            );
        }
    }

    /// Warns about stops of one day whose times overlap. A stop spans
    /// arrive–depart (a moment when it has no depart); cancelled stops and
    /// untimed ones take no time. Each stop is reported once, against the
    /// earlier stop it collides with.
    fn check_overlaps(&mut self, day: &DayIn) {
        let end_of = |s: &Stop| s.depart.or(s.arrive);
        let mut order: Vec<usize> = (0..day.stops.len())
            .filter(|&i| {
                let s = &day.stops[i].stop;
                s.arrive.is_some() && s.status != Status::Cancelled
            })
            .collect();
        // Longer first among equal starts, so a moment inside a span is the one reported.
        order.sort_by_key(|&i| {
            let s = &day.stops[i].stop;
            (s.arrive, std::cmp::Reverse(end_of(s)))
        });
        let mut longest: Option<usize> = None;
        for i in order {
            let s = &day.stops[i];
            if let Some(p) = longest {
                let prev = &day.stops[p];
                if s.stop.arrive < end_of(&prev.stop)
                    && let Some(span) = s.arrive.clone()
                {
                    let on = day
                        .date
                        .as_ref()
                        .map_or(String::new(), |d| format!(" on {}", d.get_ref()));
                    self.warning(
                        span,
                        format!(
                            "stops overlap{on}: {} ({}) starts before {} ({}) ends",
                            quote(&s.stop.place),
                            show_span(s.stop.arrive, s.stop.depart),
                            quote(&prev.stop.place),
                            show_span(prev.stop.arrive, prev.stop.depart)
                        ),
                        Some(format!(
                            "the other stop is on line {}; check the times, or mark one \
                             status = \"cancelled\"",
                            self.line_of(prev.stop.origin.span.start)
                        )),
                    );
                }
                if end_of(&s.stop) <= end_of(&prev.stop) {
                    continue;
                }
            }
            longest = Some(i);
        }
    }

    /// A time the trip's clocks jump over on its day is an error; one they
    /// give twice (going back) a warning that says the first is meant. Most
    /// days have no change: two offsets tell, before any time is looked at.
    fn check_clock_changes(&mut self, zone: Tz, date: NaiveDate, times: &[Spanned<NaiveTime>]) {
        if times.is_empty() || !clock::may_change_on(zone, date) {
            return;
        }
        for t in times {
            let (time, shown) = (*t.get_ref(), show_time(*t.get_ref()));
            match clock::reading(zone, date.and_time(time)) {
                clock::Reading::Once => {}
                clock::Reading::Skipped(jump) => {
                    let (from, to) = (show_time(jump.from.time()), show_time(jump.to.time()));
                    let later = clock::instant(zone, date.and_time(time)).with_timezone(&zone);
                    self.error(
                        t.span(),
                        format!(
                            "{shown} does not exist on {date} in {}: the clocks go forward \
                             from {from} to {to}",
                            zone.name()
                        ),
                        Some(format!(
                            "write a time before {from} or from {to} on ({shown} by the clock \
                             before the change is {} after it)",
                            show_time(later.time())
                        )),
                    );
                }
                clock::Reading::Twice(jump) => {
                    let (from, to) = (show_time(jump.from.time()), show_time(jump.to.time()));
                    self.warning(
                        t.span(),
                        format!(
                            "{shown} occurs twice on {date} in {}: the clocks go back from \
                             {from} to {to}",
                            zone.name()
                        ),
                        Some(format!(
                            "it is read as the first {shown}, {}, before the clocks go back; \
                             the second, {}, comes {} later",
                            jump.before.describe(),
                            jump.after.describe(),
                            crate::format::duration(jump.from - jump.to)
                        )),
                    );
                }
            }
        }
    }

    /// Puts each `[[day]]` on its date, checking it is in the trip and given once.
    /// `range` is the trip's first and last date, when they are known good.
    fn place_days(
        &mut self,
        range: Option<(NaiveDate, NaiveDate)>,
        zone: Option<Tz>,
        days_in: Vec<DayIn>,
    ) -> Vec<Day> {
        let mut days: Vec<Day> = range
            .into_iter()
            .flat_map(|(start, end)| start.iter_days().take_while(move |d| *d <= end))
            .map(|date| Day {
                date,
                title: None,
                notes: None,
                stops: Vec::new(),
                origin: None,
            })
            .collect();
        let mut first: HashMap<NaiveDate, Span> = HashMap::new();
        for (index, d) in days_in.into_iter().enumerate() {
            let Some(date) = d.date else { continue };
            let (span, date) = (date.span(), date.into_inner());
            if let Some(prev) = first.get(&date) {
                let prev = self.line_of(prev.start);
                self.error(
                    span,
                    format!("day {date} is given twice"),
                    Some(format!(
                        "merge it into the [[day]] for {date} on line {prev}"
                    )),
                );
                continue;
            }
            first.insert(date, span.clone());
            let Some((start, end)) = range else { continue };
            let Some(day) = usize::try_from((date - start).num_days())
                .ok()
                .and_then(|i| days.get_mut(i))
            else {
                self.error(
                    span,
                    format!("day {date} is outside the trip ({start} to {end})"),
                    Some("fix the date, or the trip's start and end".into()),
                );
                continue;
            };
            if let Some(zone) = zone {
                self.check_clock_changes(zone, date, &d.times);
            }
            day.origin = Some(Origin {
                span: d.span,
                index,
            });
            day.title = d.title;
            day.notes = d.notes;
            day.stops = d.stops.into_iter().map(|s| s.stop).collect();
            // Stable: untimed first (None sorts first), file order breaking ties.
            day.stops.sort_by_key(Stop::order_time);
        }
        days
    }
}

/// The header of a stop's meetings: `[[day.stop.meeting]]`, `[[unscheduled.meeting]]`.
fn meeting_header(stop_header: &str) -> &'static str {
    match stop_header {
        "[[unscheduled]]" => "[[unscheduled.meeting]]",
        _ => "[[day.stop.meeting]]",
    }
}

/// Person ids are what a person types in lists: `[a-z0-9_-]+`.
fn valid_person_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Slips of one key: a letter dropped, doubled or changed, two swapped.
    fn slips(key: &str) -> Vec<String> {
        let chars: Vec<char> = key.chars().collect();
        let mut out = Vec::new();
        for i in 0..chars.len() {
            let mut dropped = chars.clone();
            dropped.remove(i);
            let mut doubled = chars.clone();
            doubled.insert(i, chars[i]);
            let mut changed = chars.clone();
            changed[i] = 'q';
            out.extend([dropped, doubled, changed].map(|c| c.into_iter().collect()));
            if i + 1 < chars.len() {
                let mut swapped = chars.clone();
                swapped.swap(i, i + 1);
                out.push(swapped.into_iter().collect());
            }
        }
        out.retain(|s: &String| s != key);
        out
    }

    #[test]
    fn every_near_miss_of_a_key_is_led_to_it() {
        let tables = [
            ROOT_KEYS,
            TRIP_KEYS,
            PERSON_KEYS,
            DAY_KEYS,
            STOP_KEYS,
            MEETING_KEYS,
        ];
        for keys in &tables {
            for key in keys.valid {
                // "ead" is one edit from `end` as from `lead`: the first listed wins.
                for slip in slips(key).into_iter().filter(|s| s != "ead") {
                    assert_eq!(keys.guess(&slip), Some(*key), "{slip} for {key}");
                }
                assert_eq!(keys.guess(&key.to_uppercase()), Some(*key));
            }
        }
        // Near misses of the words people write for a key, and of its start.
        for (slip, key) in [
            ("arival", "arrive"),
            ("arrivl", "arrive"),
            ("departre", "depart"),
            ("departure_time", "depart"),
            ("adres", "address"),
            ("pref", "prefecture"),
            ("locaton", "place"),
        ] {
            assert_eq!(STOP_KEYS.guess(slip), Some(key), "{slip}");
        }
        assert_eq!(MEETING_KEYS.guess("atendee"), Some("attendees"));
        assert_eq!(TRIP_KEYS.guess("time_zone"), Some("timezone"));
        assert_eq!(STOP_KEYS.guess("colour"), None);
        assert_eq!(PERSON_KEYS.guess("birthday"), None);
        assert_eq!(PERSON_KEYS.guess("e-mail"), Some("email"));
        assert_eq!(PERSON_KEYS.guess("organization"), Some("organisation"));
    }

    #[test]
    fn meeting_headers_follow_their_stop() {
        assert_eq!(meeting_header("[[day.stop]]"), "[[day.stop.meeting]]");
        assert_eq!(meeting_header("[[unscheduled]]"), "[[unscheduled.meeting]]");
    }

    #[test]
    fn person_ids_are_lowercase_ascii_words() {
        for ok in ["yuan", "jack-ma", "son_2"] {
            assert!(valid_person_id(ok), "{ok}");
        }
        for bad in ["", "Yuan", "jack ma", "袁", "a.b"] {
            assert!(!valid_person_id(bad), "{bad}");
        }
    }
}
