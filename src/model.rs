//! The itinerary model: a validated trip, as every other part of the app sees it.
//!
//! Values here are only ever built by `load`, after validation, so they hold
//! invariants the rest of the code relies on: there is one day per trip date,
//! in date order, the stops of a day are in time order (untimed first; see
//! [`Stop::order_time`]),
//! every person reference points into [`Trip::people`].

use std::ops::Range;

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;

use crate::prefecture::PrefectureName;

/// A whole trip, as loaded from one itinerary file.
#[derive(Debug, Clone, PartialEq)]
pub struct Trip {
    pub title: String,
    /// `id` in `[trip]`: its identity on a calendar server (`publish`),
    /// `[a-z0-9_-]+`; `None` when the file gives none.
    pub id: Option<String>,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// Zone of every local time in the file.
    pub timezone: Tz,
    /// The home office's zone, whose clock is shown beside the trip's; `None`
    /// when the file gives none (or `--home-zone none`).
    pub home_timezone: Option<Tz>,
    pub lead: Option<PersonId>,
    pub purpose: Option<String>,
    pub sources: Vec<String>,
    /// `contacts` in `[trip]`: the people to call during the trip, in the
    /// file's order; empty when the file names none.
    pub contacts: Vec<PersonId>,
    /// People in file order; [`PersonId`] indexes this.
    pub people: Vec<Person>,
    /// One day per date from `start` to `end` inclusive, in date order; a date
    /// the file has no `[[day]]` for is an empty day with no title.
    pub days: Vec<Day>,
    /// Stops on no known day, in file order.
    pub unscheduled: Vec<Stop>,
}

/// Where an entity was read from: the span of its table in the file's text
/// (from its header to the end of its last own key-value; a stop's meetings
/// have their own) and its index among its siblings in file order (a day
/// among the `[[day]]` tables, a stop among its day's stops or the
/// unscheduled ones, a meeting among its stop's, a person among the people).
/// What the app shows keeps its own order (by time); this is the way back
/// to the text.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Origin {
    pub span: Range<usize>,
    pub index: usize,
}

/// Index of a person in [`Trip::people`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PersonId(pub usize);

#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    /// The key of `[people.<key>]` in the file.
    pub key: String,
    pub name: String,
    /// The name in the person's own script (e.g. kanji).
    pub native: Option<String>,
    pub role: Option<String>,
    pub side: Side,
    /// The organisation the person belongs to, as written.
    pub organisation: Option<String>,
    /// A telephone number, free text (`+81 3 0000 0000 (mobile)`).
    pub phone: Option<String>,
    pub email: Option<String>,
    pub origin: Origin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Side {
    Delegation,
    Host,
    #[default]
    Guest,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Day {
    pub date: NaiveDate,
    pub title: Option<String>,
    pub notes: Option<String>,
    /// Stops in time order ([`Stop::order_time`]): untimed first, file order
    /// breaking ties.
    pub stops: Vec<Stop>,
    /// The day's `[[day]]` table; `None` for a date the file has none for.
    pub origin: Option<Origin>,
}

/// A stop; the default one, with no place yet, is where a loader starts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Stop {
    pub place: String,
    pub kind: StopKind,
    pub prefecture: Option<PrefectureName>,
    pub city: Option<String>,
    pub address: Option<String>,
    pub arrive: Option<NaiveTime>,
    pub depart: Option<NaiveTime>,
    pub status: Status,
    pub people: Vec<PersonId>,
    /// `contact`: the person responsible on site.
    pub contact: Option<PersonId>,
    pub notes: Option<String>,
    /// Meetings in time order ([`Meeting::order_time`]; untimed first, file
    /// order breaking ties).
    pub meetings: Vec<Meeting>,
    pub origin: Origin,
}

/// A meeting; the default one, with no title yet, is where a loader starts.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Meeting {
    pub title: String,
    pub start: Option<NaiveTime>,
    pub end: Option<NaiveTime>,
    pub attendees: Vec<PersonId>,
    pub topics: Vec<String>,
    pub outcome: Option<String>,
    pub status: Status,
    pub notes: Option<String>,
    pub origin: Origin,
}

impl Stop {
    /// The time a stop sorts by: its arrival, else its departure (a stop
    /// known only "until 15:00" sits at 15:00, not among the untimed).
    pub fn order_time(&self) -> Option<NaiveTime> {
        self.arrive.or(self.depart)
    }
}

impl Meeting {
    /// The time a meeting sorts by: its start, else its end.
    pub fn order_time(&self) -> Option<NaiveTime> {
        self.start.or(self.end)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum StopKind {
    Arrival,
    Departure,
    Travel,
    #[default]
    Visit,
    Meeting,
    Forum,
    Ceremony,
    Meal,
    Hotel,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Status {
    #[default]
    Confirmed,
    Tentative,
    Cancelled,
}

/// Implements `ALL`, `as_str` and `parse` for a closed set of lowercase keywords.
macro_rules! keywords {
    ($ty:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        impl $ty {
            /// Every value, in the order the docs list them.
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            /// The keyword as written in the file.
            pub fn as_str(self) -> &'static str {
                match self { $($ty::$variant => $text),+ }
            }

            /// Parses the exact keyword written in a file.
            pub fn parse(text: &str) -> Option<$ty> {
                match text { $($text => Some($ty::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

keywords!(Side { Delegation => "delegation", Host => "host", Guest => "guest" });
keywords!(StopKind {
    Arrival => "arrival", Departure => "departure", Travel => "travel", Visit => "visit",
    Meeting => "meeting", Forum => "forum", Ceremony => "ceremony", Meal => "meal",
    Hotel => "hotel", Other => "other",
});
keywords!(Status { Confirmed => "confirmed", Tentative => "tentative", Cancelled => "cancelled" });

/// Which list of stops an event lives in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DayRef {
    /// Index into [`Trip::days`].
    Day(usize),
    /// The `[[unscheduled]]` stops.
    Unscheduled,
}

/// An event: a stop, or one of its meetings, addressed by indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EventRef {
    pub day: DayRef,
    pub stop: usize,
    /// `None` for the stop itself.
    pub meeting: Option<usize>,
}

/// An event resolved against its trip.
#[derive(Debug, Clone, Copy)]
pub enum Event<'a> {
    Stop(&'a Stop),
    Meeting(&'a Stop, &'a Meeting),
}

impl<'a> Event<'a> {
    /// The stop the event belongs to (the stop itself for a stop).
    pub fn stop(&self) -> &'a Stop {
        match self {
            Event::Stop(s) | Event::Meeting(s, _) => s,
        }
    }

    pub fn title(&self) -> &'a str {
        match self {
            Event::Stop(s) => &s.place,
            Event::Meeting(_, m) => &m.title,
        }
    }

    pub fn start(&self) -> Option<NaiveTime> {
        match self {
            Event::Stop(s) => s.arrive,
            Event::Meeting(_, m) => m.start,
        }
    }

    pub fn end(&self) -> Option<NaiveTime> {
        match self {
            Event::Stop(s) => s.depart,
            Event::Meeting(_, m) => m.end,
        }
    }

    pub fn status(&self) -> Status {
        match self {
            Event::Stop(s) => s.status,
            Event::Meeting(_, m) => m.status,
        }
    }

    /// A meeting belongs to its stop's prefecture.
    pub fn prefecture(&self) -> Option<&'a PrefectureName> {
        self.stop().prefecture.as_ref()
    }

    /// The people at the event: a stop's `people`, a meeting's `attendees`.
    pub fn people(&self) -> &'a [PersonId] {
        match self {
            Event::Stop(s) => &s.people,
            Event::Meeting(_, m) => &m.attendees,
        }
    }

    pub fn notes(&self) -> Option<&'a str> {
        match self {
            Event::Stop(s) => s.notes.as_deref(),
            Event::Meeting(_, m) => m.notes.as_deref(),
        }
    }
}

impl Trip {
    /// The home zone when it is not the trip's own: the clock worth showing
    /// beside the trip's.
    pub fn home(&self) -> Option<Tz> {
        self.home_timezone.filter(|h| *h != self.timezone)
    }

    pub fn person(&self, id: PersonId) -> &Person {
        &self.people[id.0]
    }

    /// The stops of a day, or the unscheduled ones.
    pub fn stops(&self, day: DayRef) -> &[Stop] {
        match day {
            DayRef::Day(i) => self.days.get(i).map_or(&[][..], |d| &d.stops),
            DayRef::Unscheduled => &self.unscheduled,
        }
    }

    /// Resolves an event reference; `None` if it points nowhere.
    pub fn event(&self, r: EventRef) -> Option<Event<'_>> {
        crate::work::events(1);
        let stop = self.stops(r.day).get(r.stop)?;
        match r.meeting {
            None => Some(Event::Stop(stop)),
            Some(m) => stop.meetings.get(m).map(|m| Event::Meeting(stop, m)),
        }
    }

    /// Every event of a day in display order: each stop followed by its meetings.
    pub fn events(&self, day: DayRef) -> impl Iterator<Item = (EventRef, Event<'_>)> + '_ {
        self.stops(day)
            .iter()
            .enumerate()
            .flat_map(move |(si, stop)| {
                let stop_ref = EventRef {
                    day,
                    stop: si,
                    meeting: None,
                };
                std::iter::once((stop_ref, Event::Stop(stop))).chain(
                    stop.meetings.iter().enumerate().map(move |(mi, m)| {
                        (
                            EventRef {
                                day,
                                stop: si,
                                meeting: Some(mi),
                            },
                            Event::Meeting(stop, m),
                        )
                    }),
                )
            })
            .inspect(|_| crate::work::events(1))
    }

    /// The number of events (stops plus meetings) of a day.
    pub fn event_count(&self, day: DayRef) -> usize {
        self.stops(day).iter().map(|s| 1 + s.meetings.len()).sum()
    }

    /// The index of the day with this date, if the trip has one.
    pub fn day_index(&self, date: NaiveDate) -> Option<usize> {
        self.days.binary_search_by_key(&date, |d| d.date).ok()
    }

    /// The trip's dates and zone.
    pub fn calendar(&self) -> Calendar {
        Calendar {
            start: self.start,
            end: self.end,
            timezone: self.timezone,
        }
    }
}

/// A trip's dates and zone, which say what a day number or a date names
/// without the days themselves (as `export --day` reads them from the day
/// cache). The trip has a day for every date from `start` to `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Calendar {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub timezone: Tz,
}

impl Calendar {
    /// How many days the trip has.
    pub fn len(&self) -> usize {
        usize::try_from((self.end - self.start).num_days() + 1).unwrap_or(0)
    }

    /// Whether the trip has no days (never, for a trip that loaded).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The index of the day with this date, if the trip has one.
    pub fn day_index(&self, date: NaiveDate) -> Option<usize> {
        (self.start..=self.end)
            .contains(&date)
            .then(|| usize::try_from((date - self.start).num_days()).ok())
            .flatten()
    }

    /// The date of day `index` (from 0).
    pub fn date(&self, index: usize) -> Option<NaiveDate> {
        (index < self.len())
            .then(|| self.start.checked_add_days(chrono::Days::new(index as u64)))
            .flatten()
    }
}

/// A prefecture filter: which stops to show. Empty shows everything; a
/// meeting follows its stop.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// The prefectures to keep; `None` stands for "no prefecture given".
    pub prefectures: Vec<Option<PrefectureName>>,
}

impl Filter {
    /// True when nothing is filtered out.
    pub fn is_empty(&self) -> bool {
        self.prefectures.is_empty()
    }

    /// Whether a stop (and so its meetings) passes the filter.
    pub fn matches(&self, stop: &Stop) -> bool {
        self.is_empty() || self.prefectures.contains(&stop.prefecture)
    }
}
