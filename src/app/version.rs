//! A trip and what is derived from it, built together once per version of
//! the file, so that nothing per frame or per key walks the trip: the
//! events per tab and prefecture, the picker's choices, the search text,
//! and the events each person is in.

use std::collections::HashMap;

use super::people::Directory;
use super::picker::{self, Choice};
use super::search::Index;
use crate::model::{DayRef, Event, EventRef, Filter, Trip};
use crate::prefecture::PrefectureName;

use super::day::day_tabs;

/// One version of the trip: the trip, where it came from, and its caches.
/// The caches are private and built in [`Version::new`] only, so they can
/// never describe another version than the trip beside them.
#[derive(Debug)]
pub struct Version {
    trip: Trip,
    /// The file name shown in messages ("itineraries/zhejiang-japan-2018.toml").
    source: String,
    derived: Derived,
}

/// What the trip alone decides.
#[derive(Debug)]
pub(super) struct Derived {
    /// Events per tab and prefecture.
    pub(super) counts: TabCounts,
    /// The trip's prefectures and their counts, for the picker.
    pub(super) choices: Vec<Choice>,
    /// The trip's searchable text.
    pub(super) index: Index,
    /// Per person (by [`crate::model::PersonId`]), the events they are in,
    /// in trip order.
    pub(super) people: Vec<Vec<EventRef>>,
    /// The people view's order and text.
    pub(super) directory: Directory,
    /// The trip overview's counts.
    pub(super) totals: Totals,
    /// The person filter's rows, by side, with their event counts.
    pub(super) person_choices: Vec<super::person_filter::PersonChoice>,
    /// The hours the glance view's grid covers ([`super::glance::grid_hours`]).
    pub(super) hours: (u8, u8),
}

/// What the trip overview (`i`) counts, once per version.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Held, tentative and cancelled ([`crate::tally`]).
    pub stops: crate::tally::Held,
    pub meetings: crate::tally::Held,
    /// People by side: hosts, guests, the delegation.
    pub hosts: usize,
    pub guests: usize,
    pub delegation: usize,
}

impl Totals {
    fn new(trip: &Trip) -> Totals {
        let mut t = Totals::default();
        let mut tally = crate::tally::Tally::default();
        for s in trip
            .days
            .iter()
            .flat_map(|d| &d.stops)
            .chain(&trip.unscheduled)
        {
            tally.add_stop(trip, s, &s.meetings);
        }
        (t.stops, t.meetings) = (tally.stops, tally.meetings);
        for p in &trip.people {
            match p.side {
                crate::model::Side::Host => t.hosts += 1,
                crate::model::Side::Guest => t.guests += 1,
                crate::model::Side::Delegation => t.delegation += 1,
            }
        }
        t
    }
}

impl Version {
    /// Derives everything from `trip`: one pass per cache, O(trip).
    pub fn new(source: String, trip: Trip) -> Version {
        let people = people(&trip);
        let derived = Derived {
            counts: TabCounts::new(&trip),
            choices: picker::choices(&trip),
            index: Index::new(&trip),
            directory: Directory::new(&trip, &people),
            people,
            totals: Totals::new(&trip),
            hours: super::glance::grid_hours(&trip),
            person_choices: Vec::new(),
        };
        let mut version = Version {
            trip,
            source,
            derived,
        };
        version.derived.person_choices = super::person_filter::person_choices(
            &version.trip,
            version.derived.directory.order(),
            |id| version.events_of(id).len(),
        );
        version
    }

    /// A new version of the same file: everything derived again.
    pub(super) fn set_trip(&mut self, trip: Trip) {
        *self = Version::new(std::mem::take(&mut self.source), trip);
    }

    /// The trip.
    pub fn trip(&self) -> &Trip {
        &self.trip
    }

    /// The file name shown in messages.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The events person `id` is in, in trip order.
    pub fn events_of(&self, id: crate::model::PersonId) -> &[EventRef] {
        self.derived.people.get(id.0).map_or(&[], Vec::as_slice)
    }

    /// The people in the people view's order, with their text.
    pub fn directory(&self) -> &Directory {
        &self.derived.directory
    }

    /// The trip overview's counts.
    pub fn totals(&self) -> Totals {
        self.derived.totals
    }

    /// The trip's prefectures in order of first appearance (the picker's).
    pub fn choices(&self) -> &[Choice] {
        &self.derived.choices
    }

    /// The hours the glance view's grid covers: the trip's earliest to
    /// latest event, at least 07–22.
    pub fn hours(&self) -> (u8, u8) {
        self.derived.hours
    }

    /// The events each tab shows through `filter`, and how many of them
    /// are held ([`crate::tally`]): the prefectures' counts summed
    /// (O(tabs)); with people chosen, their events walked instead (O(their
    /// events)), never the whole trip.
    pub(super) fn shown(&self, filter: &Filter) -> Vec<TabCount> {
        let counts = &self.derived.counts;
        if filter.people.is_empty() {
            return counts.shown(filter);
        }
        let mut kept: Vec<EventRef> = Vec::new();
        for &id in &filter.people {
            for &r in self.events_of(id) {
                kept.push(r);
                // A meeting's stop holds it: shown too, as the export does.
                kept.push(EventRef { meeting: None, ..r });
            }
        }
        kept.sort_unstable();
        kept.dedup();
        let mut out = vec![TabCount::default(); counts.days.len()];
        for r in kept {
            let Some(event) = self.trip.event(r).filter(|e| filter.shows(e)) else {
                continue;
            };
            // The tabs are the days in order, then "Unscheduled".
            let tab = match r.day {
                DayRef::Day(i) => i,
                DayRef::Unscheduled => counts.days.len().saturating_sub(1),
            };
            if let Some(n) = out.get_mut(tab) {
                n.add(1, usize::from(crate::tally::held(event)));
            }
        }
        out
    }

    pub(super) fn derived(&self) -> &Derived {
        &self.derived
    }
}

/// Per person, the events that list them: one walk of the trip.
fn people(trip: &Trip) -> Vec<Vec<EventRef>> {
    let mut out = vec![Vec::new(); trip.people.len()];
    for day in day_tabs(trip) {
        for (r, event) in trip.events(day) {
            for id in event.people() {
                if let Some(list) = out.get_mut(id.0) {
                    list.push(r);
                }
            }
        }
    }
    out
}

/// What a tab shows through the filter: the events it lists, and how many
/// of them are held (not cancelled, nor at a cancelled stop: the rule of
/// [`crate::tally`]), the number its label gives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TabCount {
    pub listed: usize,
    pub held: usize,
}

impl TabCount {
    fn add(&mut self, listed: usize, held: usize) {
        self.listed += listed;
        self.held += held;
    }
}

/// The events of every tab per prefecture, listed and held, counted once
/// per trip, so that a filter change sums counts (O(tabs)) instead of
/// walking every event.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct TabCounts {
    /// The day of each tab.
    pub(super) days: Vec<DayRef>,
    /// The trip's distinct prefectures (`None`: stops without one).
    pub(super) keys: Vec<Option<PrefectureName>>,
    /// Per tab, (index into `keys`, its events): the few prefectures of a day.
    tabs: Vec<Vec<(usize, TabCount)>>,
}

impl TabCounts {
    pub(super) fn new(trip: &Trip) -> TabCounts {
        let days = day_tabs(trip);
        let mut keys = Vec::new();
        let mut at: HashMap<&Option<PrefectureName>, usize> = HashMap::new();
        let tabs = days
            .iter()
            .map(|&day| {
                let mut cells: Vec<(usize, TabCount)> = Vec::new();
                for stop in trip.stops(day) {
                    let key = *at.entry(&stop.prefecture).or_insert_with(|| {
                        keys.push(stop.prefecture.clone());
                        keys.len() - 1
                    });
                    let held = usize::from(crate::tally::held(Event::Stop(stop)))
                        + stop
                            .meetings
                            .iter()
                            .filter(|m| crate::tally::held(Event::Meeting(stop, m)))
                            .count();
                    let events = TabCount {
                        listed: 1 + stop.meetings.len(),
                        held,
                    };
                    match cells.iter_mut().find(|(k, _)| *k == key) {
                        Some((_, n)) => n.add(events.listed, events.held),
                        None => cells.push((key, events)),
                    }
                }
                cells
            })
            .collect();
        TabCounts { days, keys, tabs }
    }

    /// The events each tab shows through `filter`: O(tabs × their
    /// prefectures), whatever the number of events.
    pub(super) fn shown(&self, filter: &Filter) -> Vec<TabCount> {
        let pass: Vec<bool> = self
            .keys
            .iter()
            .map(|k| filter.prefectures.is_empty() || filter.prefectures.contains(k))
            .collect();
        self.tabs
            .iter()
            .map(|cells| {
                let mut sum = TabCount::default();
                for (_, n) in cells.iter().filter(|(k, _)| pass[*k]) {
                    sum.add(n.listed, n.held);
                }
                sum
            })
            .collect()
    }
}
