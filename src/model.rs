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
    /// `reminders` in `[trip]`: the lead times of every event's calendar
    /// reminders, unless its stop or itself says otherwise; empty for none.
    pub reminders: Vec<Lead>,
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
    /// Its own `reminders`, which replace the trip's for it and its
    /// meetings (`Some(vec![])`: none); `None` takes the trip's.
    pub reminders: Option<Vec<Lead>>,
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
    /// Its own `reminders`, which replace its stop's (`Some(vec![])`:
    /// none); `None` takes its stop's.
    pub reminders: Option<Vec<Lead>>,
    pub origin: Origin,
}

/// A reminder's lead time: how long before an event starts its calendar
/// alarm goes off. Written `15m`, `1h`, `2d` or a combination in that
/// order (`1h30m`, `1d12h`); at most [`Lead::MAX_MINUTES`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Lead {
    minutes: u32,
}

impl Lead {
    /// The longest lead time: 4 weeks (a longer one is a slip of the unit).
    pub const MAX_MINUTES: u32 = 28 * 24 * 60;

    /// The accepted forms, for a message.
    pub const FORMS: &'static str = "a number with m (minutes), h (hours) or d (days), such as \
         \"10m\", \"1h\" or \"1d\", or a combination in that order such as \"1h30m\" \
         (0m is at the start; at most 28d)";

    /// A lead time of `minutes`, when it is not longer than the longest.
    pub fn from_minutes(minutes: u32) -> Option<Lead> {
        (minutes <= Lead::MAX_MINUTES).then_some(Lead { minutes })
    }

    /// Minutes before the start.
    pub fn minutes(self) -> u32 {
        self.minutes
    }

    /// Reads `15m`, `1h`, `1d`, `1h30m`, `1d12h` (units in the order d, h,
    /// m, each at most once; case and spaces between parts ignored).
    pub fn parse(text: &str) -> Option<Lead> {
        let text: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        if text.is_empty() {
            return None;
        }
        let mut minutes: u64 = 0;
        let mut rank = 0; // units seen so far: d=1, h=2, m=3
        let mut number = String::new();
        for c in text.chars() {
            if c.is_ascii_digit() {
                number.push(c);
                continue;
            }
            let (unit, size) = match c {
                'd' => (1, 24 * 60),
                'h' => (2, 60),
                'm' => (3, 1),
                _ => return None,
            };
            if number.is_empty() || number.len() > 6 || unit <= rank {
                return None;
            }
            minutes += number.parse::<u64>().ok()? * size;
            number.clear();
            rank = unit;
        }
        if !number.is_empty() {
            return None;
        }
        Lead::from_minutes(u32::try_from(minutes).ok()?)
    }

    /// In words: `15 min`, `1 h 30 min`, `1 day`, `2 days 3 h`; `at the
    /// start` for 0.
    pub fn describe(self) -> String {
        let (d, h, m) = (
            self.minutes / (24 * 60),
            self.minutes / 60 % 24,
            self.minutes % 60,
        );
        let mut parts = Vec::new();
        match d {
            0 => {}
            1 => parts.push("1 day".to_string()),
            d => parts.push(format!("{d} days")),
        }
        if h > 0 {
            parts.push(format!("{h} h"));
        }
        if m > 0 {
            parts.push(format!("{m} min"));
        }
        if parts.is_empty() {
            return "at the start".into();
        }
        parts.join(" ")
    }
}

impl std::fmt::Display for Lead {
    /// As written in the file: `15m`, `1h30m`, `1d`, `0m`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (d, h, m) = (
            self.minutes / (24 * 60),
            self.minutes / 60 % 24,
            self.minutes % 60,
        );
        if d > 0 {
            write!(f, "{d}d")?;
        }
        if h > 0 {
            write!(f, "{h}h")?;
        }
        if m > 0 || self.minutes == 0 {
            write!(f, "{m}m")?;
        }
        Ok(())
    }
}

/// "reminds 15 min and 1 day before": lead times in words, shortest first;
/// `None` for none.
pub fn describe_reminders(leads: &[Lead]) -> Option<String> {
    let mut leads = leads.to_vec();
    leads.sort();
    leads.dedup();
    let at_start = leads.first().is_some_and(|l| l.minutes() == 0);
    let before: Vec<String> = leads
        .iter()
        .filter(|l| l.minutes() > 0)
        .map(|l| l.describe())
        .collect();
    let before = match before.as_slice() {
        [] => None,
        [one] => Some(format!("{one} before")),
        [rest @ .., last] => Some(format!("{} and {last} before", rest.join(", "))),
    };
    match (at_start, before) {
        (false, None) => None,
        (true, None) => Some("reminds at the start".into()),
        (false, Some(b)) => Some(format!("reminds {b}")),
        (true, Some(b)) => Some(format!("reminds {b}, and at the start")),
    }
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

    /// The event's own `reminders`, else its stop's (a meeting's), else
    /// `trip`: the lead times of its calendar reminders.
    pub fn reminders(&self, trip: &'a [Lead]) -> &'a [Lead] {
        let own = match self {
            Event::Stop(s) => s.reminders.as_deref(),
            Event::Meeting(s, m) => m.reminders.as_deref().or(s.reminders.as_deref()),
        };
        own.unwrap_or(trip)
    }

    /// The lead times of the reminders a calendar gives the event (its
    /// [`Event::reminders`]): only to one with a start on a known day
    /// (`dated`) that is held (neither it nor its stop cancelled); an
    /// all-day event, one known only by its end, or a cancelled one has none.
    pub fn alarms(&self, trip: &'a [Lead], dated: bool) -> &'a [Lead] {
        let held = self.status() != Status::Cancelled && self.stop().status != Status::Cancelled;
        match dated && held && self.start().is_some() {
            true => self.reminders(trip),
            false => &[],
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
        #[cfg(feature = "work")]
        crate::work::events(1);
        let stop = self.stops(r.day).get(r.stop)?;
        match r.meeting {
            None => Some(Event::Stop(stop)),
            Some(m) => stop.meetings.get(m).map(|m| Event::Meeting(stop, m)),
        }
    }

    /// Every event of a day in display order: each stop followed by its meetings.
    pub fn events(&self, day: DayRef) -> impl Iterator<Item = (EventRef, Event<'_>)> + '_ {
        let events = self
            .stops(day)
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
            });
        #[cfg(feature = "work")]
        let events = events.inspect(|_| crate::work::events(1));
        events
    }

    /// The number of events (stops plus meetings) of a day.
    pub fn event_count(&self, day: DayRef) -> usize {
        self.stops(day).iter().map(|s| 1 + s.meetings.len()).sum()
    }

    /// The index of the day with this date, if the trip has one.
    pub fn day_index(&self, date: NaiveDate) -> Option<usize> {
        self.days.binary_search_by_key(&date, |d| d.date).ok()
    }
}

/// The browser's filter: which events to show, by prefecture and by
/// person. Empty shows everything; a meeting follows its stop's prefecture.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// The prefectures to keep; `None` stands for "no prefecture given".
    pub prefectures: Vec<Option<PrefectureName>>,
    /// The people whose events to keep ([`keeps_stop`], [`keeps_meeting`]:
    /// what `export --person` keeps); empty for everyone's.
    pub people: Vec<PersonId>,
}

impl Filter {
    /// True when nothing is filtered out.
    pub fn is_empty(&self) -> bool {
        self.prefectures.is_empty() && self.people.is_empty()
    }

    /// Whether a stop (and so its meetings) passes the prefecture part of
    /// the filter.
    pub fn matches(&self, stop: &Stop) -> bool {
        self.prefectures.is_empty() || self.prefectures.contains(&stop.prefecture)
    }

    /// Whether the browser shows an event: its stop passes the prefecture
    /// part, and one of the people is at it as `export --person` decides.
    pub fn shows(&self, event: &Event<'_>) -> bool {
        self.matches(event.stop())
            && match event {
                Event::Stop(s) => keeps_stop(&self.people, s),
                Event::Meeting(_, m) => keeps_meeting(&self.people, m),
            }
    }
}

/// Whether one of `people` is among `ids`; always, when `people` is empty.
pub fn present(people: &[PersonId], ids: &[PersonId]) -> bool {
    people.is_empty() || ids.iter().any(|id| people.contains(id))
}

/// Whether a stop is kept for `people` (`export --person` and the
/// browser's `f`, one rule): one of them is at the stop or at one of its
/// meetings (the stop holds the meeting). Everyone's, when `people` is empty.
pub fn keeps_stop(people: &[PersonId], s: &Stop) -> bool {
    present(people, &s.people) || s.meetings.iter().any(|m| keeps_meeting(people, m))
}

/// Whether a meeting is kept for `people`: one of them attends it.
pub fn keeps_meeting(people: &[PersonId], m: &Meeting) -> bool {
    present(people, &m.attendees)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_times_read_their_forms_and_nothing_else() {
        let m = |t: &str| Lead::parse(t).map(Lead::minutes);
        assert_eq!(m("15m"), Some(15));
        assert_eq!(m("1h"), Some(60));
        assert_eq!(m("1d"), Some(1440));
        assert_eq!(m("1h30m"), Some(90));
        assert_eq!(m("1H 30M"), Some(90));
        assert_eq!(m("1d12h"), Some(2160));
        assert_eq!(m("0m"), Some(0));
        assert_eq!(m("28d"), Some(Lead::MAX_MINUTES));
        for bad in [
            "",
            "15",
            "m",
            "10 minutes",
            "1.5h",
            "30m1h",
            "1h1h",
            "29d",
            "-5m",
            "1w",
        ] {
            assert_eq!(m(bad), None, "{bad}");
        }
    }

    #[test]
    fn lead_times_are_written_back_and_said_in_words() {
        for t in ["15m", "1h", "1h30m", "1d", "1d12h", "0m", "2d3h4m"] {
            assert_eq!(Lead::parse(t).unwrap().to_string(), t);
        }
        let l = |t: &str| Lead::parse(t).unwrap();
        assert_eq!(l("90m").describe(), "1 h 30 min");
        assert_eq!(l("2d").describe(), "2 days");
        assert_eq!(describe_reminders(&[]), None);
        assert_eq!(
            describe_reminders(&[l("1h"), l("10m")]).as_deref(),
            Some("reminds 10 min and 1 h before")
        );
        assert_eq!(
            describe_reminders(&[l("0m")]).as_deref(),
            Some("reminds at the start")
        );
    }
}
