//! Search (`/`): which visible events mention the typed text, and moving
//! from one to the next (`n`, `N`).
//!
//! The text of each event (titles, places, cities, addresses, people's
//! names in both scripts, roles, topics, outcomes, notes) and of each day
//! (title, notes) is lower-cased once per trip into one
//! [`Index`]; a query walks the visible events once ([`hits`]), so typing
//! a character costs one pass over the trip's text and drawing a row costs
//! a binary search.

use crate::model::{DayRef, Event, EventRef, Filter, Trip};

/// The searchable text of every event, lower-cased, in trip order, and
/// of every day (its title and notes).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Index {
    /// Every event's text, one after the other, by event number.
    events: Texts,
    /// Per stop list (the days, then the unscheduled), the event number of
    /// each stop; its meetings follow it.
    stops: Vec<Vec<usize>>,
    /// Each day's title and notes, by day index: a day's notes are not
    /// copied into each of its events.
    days: Texts,
}

/// Texts one after the other in one string, each ending where `ends` says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Texts {
    text: String,
    ends: Vec<usize>,
}

impl Texts {
    /// Appends a field of the current text, on its own line so that no
    /// match runs from one field into the next.
    fn field(&mut self, s: &str) {
        self.text.push_str(&s.to_lowercase());
        self.text.push('\n');
    }

    /// Ends the current text.
    fn end(&mut self) {
        self.ends.push(self.text.len());
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether text `n` contains `query` (already lower-cased).
    fn contains(&self, n: usize, query: &str) -> bool {
        let start = n.checked_sub(1).map_or(0, |p| self.ends[p]);
        self.ends
            .get(n)
            .is_some_and(|&end| self.text[start..end].contains(query))
    }
}

impl Index {
    /// Builds the index of a trip: one pass over its days and events.
    pub fn new(trip: &Trip) -> Index {
        let mut index = Index::default();
        for day in &trip.days {
            for f in [&day.title, &day.notes].into_iter().flatten() {
                index.days.field(f);
            }
            index.days.end();
        }
        let lists = (0..trip.days.len())
            .map(DayRef::Day)
            .chain([DayRef::Unscheduled]);
        for day in lists {
            let mut starts = Vec::with_capacity(trip.stops(day).len());
            for (r, event) in trip.events(day) {
                if r.meeting.is_none() {
                    starts.push(index.events.len());
                }
                index.push(trip, &event);
            }
            index.stops.push(starts);
        }
        index
    }

    /// Appends an event's fields: what the detail pane shows of it.
    fn push(&mut self, trip: &Trip, event: &Event<'_>) {
        let t = &mut self.events;
        t.field(event.title());
        match event {
            Event::Stop(s) => {
                for f in [&s.city, &s.address].into_iter().flatten() {
                    t.field(f);
                }
            }
            Event::Meeting(_, m) => {
                m.topics.iter().for_each(|f| t.field(f));
                m.outcome.iter().for_each(|f| t.field(f));
            }
        }
        event.notes().into_iter().for_each(|f| t.field(f));
        for id in event.people() {
            let Some(p) = trip.people.get(id.0) else {
                continue;
            };
            t.field(&p.name);
            for f in [&p.native, &p.role].into_iter().flatten() {
                t.field(f);
            }
        }
        t.end();
    }

    /// The event number of an event reference, if the index has it.
    fn number(&self, r: EventRef, days: usize) -> Option<usize> {
        let list = match r.day {
            DayRef::Day(i) => i,
            DayRef::Unscheduled => days,
        };
        let stop = *self.stops.get(list)?.get(r.stop)?;
        Some(stop + r.meeting.map_or(0, |m| m + 1))
    }
}

/// A match: a tab and the event's position in it, as the view shows them.
pub type Hit = (usize, usize);

/// The events of `tabs` that `filter` shows and whose text contains
/// `query` (ignoring case), in view order: tab by tab, top to bottom. A
/// day whose title or notes contain it is a match at its first position
/// (its first event, or the empty day itself), where the detail pane
/// shows them; under a filter, only when the day shows an event. Empty for an empty query, without looking at the trip.
pub fn hits(index: &Index, trip: &Trip, filter: &Filter, tabs: &[DayRef], query: &str) -> Vec<Hit> {
    let query = query.to_lowercase();
    if query.is_empty() {
        return Vec::new();
    }
    let days = trip.days.len();
    let mut out = Vec::new();
    for (t, &day) in tabs.iter().enumerate() {
        let day_hit = matches!(day, DayRef::Day(i) if index.days.contains(i, &query));
        // An empty day matches by its own text; one the filter empties does not.
        if day_hit && filter.is_empty() {
            out.push((t, 0));
        }
        let shown = trip.events(day).filter(|(_, e)| filter.shows(e));
        for (pos, (r, _)) in shown.enumerate() {
            if out.last() == Some(&(t, pos)) {
                continue;
            }
            if (pos == 0 && day_hit)
                || index
                    .number(r, days)
                    .is_some_and(|n| index.events.contains(n, &query))
            {
                out.push((t, pos));
            }
        }
    }
    out
}

/// Where `query` first occurs in `text` ignoring case, as a byte range of
/// `text`, for highlighting it where it is drawn.
pub fn find_in(text: &str, query: &str) -> Option<std::ops::Range<usize>> {
    let query = query.to_lowercase();
    if query.is_empty() {
        return None;
    }
    // The lower-cased text, and for each of its bytes the start of the
    // character of `text` it came from.
    let mut lower = String::with_capacity(text.len());
    let mut from = Vec::with_capacity(text.len() + 1);
    for (i, c) in text.char_indices() {
        for l in c.to_lowercase() {
            lower.push(l);
            from.resize(lower.len(), i);
        }
    }
    from.push(text.len());
    let start = lower.find(&query)?;
    Some(from[start]..from[start + query.len()])
}

/// The state of the search: the query, whether its input line is open, and
/// its matches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Search {
    /// The text searched for.
    pub query: String,
    /// The matches, sorted (see [`hits`]).
    pub hits: Vec<Hit>,
}

impl Search {
    /// Whether a position is a match: a binary search.
    pub fn is_hit(&self, at: Hit) -> bool {
        self.hits.binary_search(&at).is_ok()
    }

    /// The number (0-based) of the match at `at`, if it is one.
    pub fn hit_number(&self, at: Hit) -> Option<usize> {
        self.hits.binary_search(&at).ok()
    }

    /// The first match at or after `from`, wrapping to the first.
    pub fn first_from(&self, from: Hit) -> Option<Hit> {
        let i = self.hits.partition_point(|h| *h < from);
        self.hits.get(i).or(self.hits.first()).copied()
    }

    /// The match after `from` (`forward`) or before it, wrapping around.
    pub fn step(&self, from: Hit, forward: bool) -> Option<Hit> {
        if forward {
            let i = self.hits.partition_point(|h| *h <= from);
            self.hits.get(i).or(self.hits.first()).copied()
        } else {
            let i = self.hits.partition_point(|h| *h < from);
            i.checked_sub(1)
                .and_then(|i| self.hits.get(i))
                .or(self.hits.last())
                .copied()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;

    fn bundled() -> Trip {
        load::load_str(load::BUNDLED).unwrap().trip
    }

    fn find(trip: &Trip, filter: &Filter, query: &str) -> Vec<Hit> {
        let tabs: Vec<DayRef> = crate::app::day::day_tabs(trip);
        hits(&Index::new(trip), trip, filter, &tabs, query)
    }

    #[test]
    fn titles_people_in_both_scripts_roles_and_topics_match_ignoring_case() {
        let trip = bundled();
        let none = Filter::default();
        // Tochigi's ceremony (Fukuda is there) and its meeting.
        assert_eq!(find(&trip, &none, "FUKUDA"), [(3, 0), (3, 1)]);
        assert_eq!(find(&trip, &none, "福田"), [(3, 0), (3, 1)]);
        assert_eq!(
            find(&trip, &none, "正義"),
            [(2, 0), (2, 1)],
            "Son, in kanji"
        );
        assert_eq!(find(&trip, &none, "alibaba"), [(2, 0)], "Jack Ma's role");
        assert_eq!(find(&trip, &none, "fintech"), [(2, 1)], "a topic");
        assert_eq!(find(&trip, &none, "melon"), [(5, 6)], "an unscheduled stop");
        assert_eq!(find(&trip, &none, "nothing like this"), []);
        assert_eq!(find(&trip, &none, ""), []);
        // Across days, in view order.
        let governor = find(&trip, &none, "governor");
        assert_eq!(governor.first(), Some(&(0, 0)), "day 1's notes");
        assert!(governor.windows(2).all(|w| w[0] < w[1]));
        assert!(governor.contains(&(5, 0)));
    }

    #[test]
    fn only_visible_events_match_under_a_filter() {
        let trip = bundled();
        let tokyo = crate::export::select::parse_prefectures(&trip, &["tokyo".into()]).unwrap();
        assert_eq!(find(&trip, &tokyo, "yuan"), [(2, 0), (2, 1)]);
        assert_eq!(find(&trip, &tokyo, "fukuda"), []);
    }

    #[test]
    fn a_match_is_found_in_the_original_text_ignoring_case() {
        assert_eq!(
            find_in("Meeting with Masayoshi Son", "MASAYOSHI"),
            Some(13..22)
        );
        assert_eq!(find_in("Jack Ma 马云", "马云"), Some(8..14));
        assert_eq!(find_in("Tōkyō", "KYŌ"), Some(3..7), "kyō");
        assert_eq!(find_in("abc", "x"), None);
        assert_eq!(find_in("abc", ""), None);
    }

    #[test]
    fn stepping_wraps_both_ways() {
        let s = Search {
            hits: vec![(1, 0), (2, 1), (3, 0)],
            ..Search::default()
        };
        assert_eq!(s.step((0, 0), true), Some((1, 0)));
        assert_eq!(s.step((1, 0), true), Some((2, 1)));
        assert_eq!(s.step((3, 0), true), Some((1, 0)), "wraps to the first");
        assert_eq!(s.step((1, 0), false), Some((3, 0)), "wraps to the last");
        assert_eq!(s.step((2, 5), false), Some((2, 1)));
        assert_eq!(s.first_from((2, 1)), Some((2, 1)));
        assert_eq!(s.first_from((4, 0)), Some((1, 0)));
        assert_eq!((s.hit_number((3, 0)), s.is_hit((2, 0))), (Some(2), false));
        assert_eq!(Search::default().step((0, 0), true), None);
    }
}
