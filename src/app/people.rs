//! The people view (`w`), its state and its keys: everyone in the trip by side, the people we meet
//! first (hosts, then guests, then our delegation), each followed by every
//! stop and meeting they are at; typing narrows it by name (either script),
//! role or id.
//!
//! The order and the lower-cased text of each person are derived once per
//! trip version ([`Directory`]), and each person's events come from the
//! index the trip's version already has. The open view keeps only the
//! people it shows and a running count of their rows: opening, typing and
//! moving cost O(people) at most, and a frame looks its rows up by binary
//! search, whatever the number of events.

use super::{App, Focus, Intent, Message, Overlay};
use crate::model::{EventRef, Filter, PersonId, Side, Trip};
use crate::tally::Held;

/// The trip's people in the view's order, with the text typing matches
/// and their events counted by the rule of [`crate::tally`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Directory {
    /// Hosts, guests, then the delegation; file order within each side.
    order: Vec<PersonId>,
    /// Per entry of `order`: name, native name, role and id, lower-cased.
    text: Vec<String>,
    /// Per person (by id): their events held, tentative and cancelled.
    held: Vec<Held>,
    /// Per person (by id): met, that is not of the delegation and at a
    /// held event.
    met: Vec<bool>,
}

/// Where a side comes in the view: the people we meet first.
pub fn side_rank(side: Side) -> u8 {
    match side {
        Side::Host => 0,
        Side::Guest => 1,
        Side::Delegation => 2,
    }
}

impl Directory {
    /// One pass over the trip's people and, per person, their events
    /// (`events[id]`, as [`crate::app::Version::events_of`] gives them).
    pub fn new(trip: &Trip, events: &[Vec<EventRef>]) -> Directory {
        let mut order: Vec<PersonId> = (0..trip.people.len()).map(PersonId).collect();
        order.sort_by_key(|id| side_rank(trip.person(*id).side));
        let text = order
            .iter()
            .map(|id| {
                let p = trip.person(*id);
                [
                    Some(&p.name),
                    p.native.as_ref(),
                    p.role.as_ref(),
                    Some(&p.key),
                ]
                .into_iter()
                .flatten()
                .map(|s| s.to_lowercase())
                .collect::<Vec<_>>()
                .join("\n")
            })
            .collect();
        let held: Vec<Held> = (0..trip.people.len())
            .map(|id| {
                let mut h = Held::default();
                let list = events.get(id).map_or(&[][..], Vec::as_slice);
                for e in list.iter().filter_map(|r| trip.event(*r)) {
                    h.add(crate::tally::standing(e));
                }
                h
            })
            .collect();
        let met = held
            .iter()
            .zip(&trip.people)
            .map(|(h, p)| p.side != Side::Delegation && h.held > 0)
            .collect();
        Directory {
            order,
            text,
            held,
            met,
        }
    }

    /// Person `id`'s events: held (tentative among them) and cancelled.
    pub fn held(&self, id: PersonId) -> Held {
        self.held.get(id.0).copied().unwrap_or_default()
    }

    /// Whether person `id` is met: not of the delegation, and at an event
    /// that is held. Someone met only at cancelled events is not.
    pub fn met(&self, id: PersonId) -> bool {
        self.met.get(id.0).copied().unwrap_or(false)
    }

    /// The people in order: hosts, guests, then the delegation.
    pub fn order(&self) -> &[PersonId] {
        &self.order
    }

    /// The people whose text contains `query` (lower-cased), in order.
    fn matching(&self, query: &str) -> Vec<PersonId> {
        self.order
            .iter()
            .zip(&self.text)
            .filter(|(_, t)| t.contains(query))
            .map(|(id, _)| *id)
            .collect()
    }
}

/// One row of the view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// A person's line: name, native name, role, side.
    Person(PersonId),
    /// One of their events.
    Event(PersonId, EventRef),
    /// A person at no stop and no meeting.
    Nothing(PersonId),
}

/// The open people view.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PeopleView {
    /// What is typed.
    pub query: String,
    /// The people shown, in order.
    shown: Vec<PersonId>,
    /// Per person shown, the rows before theirs; one more at the end: all.
    rows: Vec<usize>,
    /// Per person shown, their events before theirs; one more: all.
    events: Vec<usize>,
    /// The highlighted event: an index over the shown people's events.
    pub cursor: usize,
    /// How many of the people shown are met ([`Directory::met`]).
    met: usize,
}

impl PeopleView {
    /// The view of everyone; `events_of` gives a person's events.
    pub fn new<'a>(dir: &Directory, events_of: impl Fn(PersonId) -> &'a [EventRef]) -> PeopleView {
        let mut p = PeopleView::default();
        p.narrow(dir, &events_of);
        p
    }

    /// Types a character: the view narrows, the highlight goes to its first event.
    pub fn push<'a>(
        &mut self,
        c: char,
        dir: &Directory,
        events_of: impl Fn(PersonId) -> &'a [EventRef],
    ) {
        self.query.push(c);
        self.narrow(dir, &events_of);
    }

    /// Deletes the last character typed.
    pub fn pop<'a>(&mut self, dir: &Directory, events_of: impl Fn(PersonId) -> &'a [EventRef]) {
        self.query.pop();
        self.narrow(dir, &events_of);
    }

    fn narrow<'a>(&mut self, dir: &Directory, events_of: &impl Fn(PersonId) -> &'a [EventRef]) {
        self.shown = dir.matching(&self.query.trim().to_lowercase());
        self.rows = Vec::with_capacity(self.shown.len() + 1);
        self.events = Vec::with_capacity(self.shown.len() + 1);
        let (mut rows, mut events) = (0, 0);
        for id in &self.shown {
            self.rows.push(rows);
            self.events.push(events);
            let n = events_of(*id).len();
            rows += 1 + n.max(1);
            events += n;
        }
        self.rows.push(rows);
        self.events.push(events);
        self.met = self.shown.iter().filter(|id| dir.met(**id)).count();
        self.cursor = 0;
    }

    /// How many of the people shown are met: not of the delegation, and at
    /// an event that is held.
    pub fn met(&self) -> usize {
        self.met
    }

    /// The people shown.
    pub fn shown(&self) -> &[PersonId] {
        &self.shown
    }

    /// The rows the view has.
    pub fn row_count(&self) -> usize {
        self.rows.last().copied().unwrap_or(0)
    }

    /// The events the view has (the rows that can be highlighted).
    pub fn event_count(&self) -> usize {
        self.events.last().copied().unwrap_or(0)
    }

    /// Moves the highlight by `delta` events, stopping at the ends.
    pub fn move_by(&mut self, delta: isize) {
        let last = self.event_count().saturating_sub(1);
        self.cursor = self.cursor.saturating_add_signed(delta).min(last);
    }

    /// The shown person `i` an event index falls to, and its index among theirs.
    fn locate(&self, k: usize) -> Option<(usize, usize)> {
        if k >= self.event_count() {
            return None;
        }
        // The last person whose events start at or before k (and who has some).
        let i = self.events.partition_point(|&e| e <= k).checked_sub(1)?;
        Some((i, k - self.events[i]))
    }

    /// The highlighted event's row.
    pub fn cursor_row(&self) -> Option<usize> {
        self.locate(self.cursor).map(|(i, j)| self.rows[i] + 1 + j)
    }

    /// The highlighted event: the person and the event.
    pub fn highlighted<'a>(
        &self,
        events_of: impl Fn(PersonId) -> &'a [EventRef],
    ) -> Option<(PersonId, EventRef)> {
        let (i, j) = self.locate(self.cursor)?;
        let id = self.shown[i];
        events_of(id).get(j).map(|r| (id, *r))
    }

    /// Row `n` of the view: a binary search, whatever the trip's size.
    pub fn row<'a>(&self, n: usize, events_of: impl Fn(PersonId) -> &'a [EventRef]) -> Option<Row> {
        if n >= self.row_count() {
            return None;
        }
        let i = self.rows.partition_point(|&r| r <= n).checked_sub(1)?;
        let id = *self.shown.get(i)?;
        let off = n - self.rows[i];
        Some(match off {
            0 => Row::Person(id),
            _ => match events_of(id).get(off - 1) {
                Some(r) => Row::Event(id, *r),
                None => Row::Nothing(id),
            },
        })
    }
}

impl App {
    /// The open people view, if any.
    pub fn people(&self) -> Option<&PeopleView> {
        match &self.overlay {
            Overlay::People(p) => Some(p),
            _ => None,
        }
    }

    /// The trip overview's first line shown, while it is open.
    pub fn trip_overview(&self) -> Option<usize> {
        match self.overlay {
            Overlay::Trip(scroll) => Some(scroll.top),
            _ => None,
        }
    }

    /// `w`: everyone, the highlight on the first event.
    pub(super) fn open_people(&mut self) {
        let version = &self.version;
        let view = PeopleView::new(version.directory(), |id| version.events_of(id));
        self.overlay = Overlay::People(view);
    }

    /// An intent while the people view is open: it covers the panes.
    pub(super) fn people_key(&mut self, intent: Intent) {
        let Overlay::People(view) = &mut self.overlay else {
            return;
        };
        let version = &self.version;
        let events_of = |id| version.events_of(id);
        let page = self.viewport.overlay.rows.max(1) as isize;
        match intent {
            Intent::Type(c) => view.push(c, version.directory(), events_of),
            Intent::Backspace => view.pop(version.directory(), events_of),
            Intent::PrevEvent => view.move_by(-1),
            Intent::NextEvent => view.move_by(1),
            Intent::PageUp => view.move_by(-page),
            Intent::PageDown => view.move_by(page),
            Intent::Scroll(_, d) => view.move_by(isize::from(d)),
            Intent::Accept => {
                if let Some((_, r)) = view.highlighted(events_of) {
                    self.overlay = Overlay::None;
                    self.go_to_event(r);
                }
            }
            Intent::Cancel => self.overlay = Overlay::None,
            _ => {}
        }
    }

    /// Selects an event on its day; when the filter hides it, the filter
    /// is cleared first, and the status line says so.
    pub(super) fn go_to_event(&mut self, r: EventRef) {
        let hidden = self.trip().event(r).is_some_and(|e| !self.filter.shows(&e));
        if hidden {
            self.set_filter(Filter::default());
            self.message = Some(Message {
                text: "the filter hid that event: filter cleared".into(),
                error: false,
            });
        }
        let days = &self.version.derived().counts.days;
        let Some(tab) = days.iter().position(|d| *d == r.day) else {
            return;
        };
        self.select_tab(tab);
        let pos = self
            .current()
            .and_then(|t| t.events.iter().position(|e| *e == r));
        if let Some(pos) = pos {
            self.select_event(pos);
        }
        self.day_mut().focus = Focus::Timeline;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Version;
    use crate::load;

    fn bundled() -> Version {
        Version::new("t".into(), load::load_str(load::BUNDLED).unwrap().trip)
    }

    fn key(l: &Version, id: PersonId) -> &str {
        &l.trip().person(id).key
    }

    #[test]
    fn hosts_come_first_then_guests_then_the_delegation() {
        let l = bundled();
        let p = PeopleView::new(l.directory(), |id| l.events_of(id));
        let keys: Vec<&str> = p.shown().iter().map(|id| key(&l, *id)).collect();
        assert_eq!(keys, ["kawakatsu", "son", "fukuda", "yuan", "jack-ma"]);
        // Each person's line, then their events.
        assert_eq!(
            p.row(0, |id| l.events_of(id)),
            Some(Row::Person(p.shown()[0]))
        );
        assert!(matches!(
            p.row(1, |id| l.events_of(id)),
            Some(Row::Event(..))
        ));
        assert_eq!(p.cursor_row(), Some(1));
        assert_eq!(p.row(p.row_count(), |id| l.events_of(id)), None);
    }

    #[test]
    fn typing_narrows_by_romaji_kanji_role_or_id_and_moving_stops_at_the_ends() {
        let l = bundled();
        let ev = |id| l.events_of(id);
        let mut p = PeopleView::new(l.directory(), ev);
        for c in "福田".chars() {
            p.push(c, l.directory(), ev);
        }
        assert_eq!(p.shown().len(), 1);
        assert_eq!(key(&l, p.shown()[0]), "fukuda");
        assert_eq!(p.event_count(), 2, "the ceremony and its meeting");
        p.move_by(5);
        assert_eq!(p.cursor, 1);
        p.move_by(-9);
        assert_eq!(p.cursor, 0);
        p.pop(l.directory(), ev);
        p.pop(l.directory(), ev);
        for c in "ALIBABA".chars() {
            p.push(c, l.directory(), ev);
        }
        assert_eq!(key(&l, p.shown()[0]), "jack-ma", "a role");
        let mut p = PeopleView::new(l.directory(), ev);
        for c in "nobody".chars() {
            p.push(c, l.directory(), ev);
        }
        assert_eq!((p.row_count(), p.highlighted(ev)), (0, None));
    }
}
