//! The glance view (`v`), the main view of every day side by side: one
//! column per day tab, a row per part of an hour, each event a block at its
//! time and length. Its own state is which day column and grid row come
//! first on screen ([`GlanceView`]); the selection (the tab and the event)
//! is the [`App`]'s, the same event in the day view and here.
//!
//! What a frame draws of a day is worked out by [`column`], which starts at
//! the first stop of the rows shown (a binary search: a day's stops are in
//! time order) and stops at the last, or at a budget of events that the
//! rows could show: a frame reaches what is visible, not the whole day.

use chrono::{NaiveTime, Timelike};

use super::{App, DayView, Focus, Intent, Main};
use crate::model::{DayRef, Event, EventRef, Filter, Trip};

/// The hours the grid covers at least.
pub const MIN_HOURS: (u8, u8) = (7, 22);

/// The glance view's own state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GlanceView {
    /// The day view to go back to (`v`, Enter), its focus and scrolls kept.
    pub(super) back: DayView,
    /// The first day column shown: a tab index.
    pub(super) first: usize,
    /// The first grid row shown.
    pub(super) top: usize,
}

/// The room the glance had in the last frame.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct GlanceRoom {
    /// Day columns shown.
    pub days: usize,
    /// Grid rows shown.
    pub rows: usize,
    /// Grid rows per hour.
    pub per_hour: usize,
}

/// The hours of the trip's earliest to latest event, widened to
/// [`MIN_HOURS`]: one walk of the trip, once per version.
pub fn grid_hours(trip: &Trip) -> (u8, u8) {
    let (mut lo, mut hi) = (u32::from(MIN_HOURS.0), u32::from(MIN_HOURS.1));
    let lists = (0..trip.days.len())
        .map(DayRef::Day)
        .chain([DayRef::Unscheduled]);
    for day in lists {
        for (_, e) in trip.events(day) {
            if let (Some(s), Some(end)) = (e.start(), e.end())
                && end <= s
            {
                // Past midnight: the grid runs to the end of the day.
                hi = 24;
            }
            for t in [e.start(), e.end()].into_iter().flatten() {
                lo = lo.min(t.hour());
                hi = hi.max(t.hour() + u32::from(t.minute() > 0 || t.second() > 0));
            }
        }
    }
    (lo.min(23) as u8, hi.clamp(lo + 1, 24) as u8)
}

/// The grid row a time falls in.
pub fn row_at(t: NaiveTime, hours: (u8, u8), per_hour: usize) -> usize {
    let minutes = (t.hour() * 60 + t.minute()).saturating_sub(u32::from(hours.0) * 60);
    minutes as usize * per_hour / 60
}

/// The grid row a time ends: past the last row it touches.
fn row_after(t: NaiveTime, hours: (u8, u8), per_hour: usize) -> usize {
    let minutes = (t.hour() * 60 + t.minute()).saturating_sub(u32::from(hours.0) * 60);
    (minutes as usize * per_hour).div_ceil(60)
}

/// The grid rows an event covers, (first, past the last): from its start
/// to its end, at least one row; a start alone is one row, an end alone
/// the row it ends in; past midnight, to the grid's end. `None` for an
/// event without a time (the row above the hours).
pub fn rows(e: &Event<'_>, hours: (u8, u8), per_hour: usize) -> Option<(usize, usize)> {
    let total = usize::from(hours.1.saturating_sub(hours.0)) * per_hour;
    let last = total.saturating_sub(1);
    let (first, past) = match (e.start(), e.end()) {
        (Some(s), Some(end)) if end > s => {
            let a = row_at(s, hours, per_hour).min(last);
            (a, row_after(end, hours, per_hour).max(a + 1))
        }
        (Some(s), Some(_)) => (row_at(s, hours, per_hour).min(last), total),
        (Some(s), None) => {
            let a = row_at(s, hours, per_hour).min(last);
            (a, a + 1)
        }
        (None, Some(end)) => {
            let a = row_after(end, hours, per_hour).saturating_sub(1).min(last);
            (a, a + 1)
        }
        (None, None) => return None,
    };
    Some((first, past.min(total).max(first + 1)))
}

/// One event drawn in a day column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Block {
    pub event: EventRef,
    /// Grid rows: first, past the last.
    pub rows: (usize, usize),
    /// Its lane among the events it overlaps, and how many lanes they take.
    pub lane: usize,
    pub lanes: usize,
}

/// What a frame draws of one day.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Column {
    /// The events without a time, for the row above the hours.
    pub untimed: Vec<EventRef>,
    /// The timed events in the rows shown, in lanes.
    pub blocks: Vec<Block>,
    /// Whether events were left out when the budget ran out.
    pub more: bool,
}

/// How many events before the window a column looks back over, for a long
/// stop that began above the rows shown and reaches into them.
const LOOK_BACK: usize = 8;

/// The events of `day` that `filter` shows in grid rows `window` (first,
/// past the last), and its untimed ones, reaching at most `budget` events:
/// what one day column of a frame draws.
pub fn column(
    trip: &Trip,
    filter: &Filter,
    day: DayRef,
    (hours, per_hour): ((u8, u8), usize),
    window: (usize, usize),
    budget: usize,
) -> Column {
    let stops = trip.stops(day);
    let mut out = Column::default();
    let mut reached = 0;
    let untimed = stops.partition_point(|s| s.order_time().is_none());
    // A day's stops are in time order (untimed first): find the window's first.
    let from = untimed
        + stops[untimed..].partition_point(|s| {
            s.order_time()
                .is_some_and(|t| row_at(t, hours, per_hour) < window.0)
        });
    let back = from.saturating_sub(LOOK_BACK).max(untimed);
    let order = (0..untimed).chain(back..stops.len());
    'stops: for si in order {
        let stop = &stops[si];
        let events = std::iter::once((None, Event::Stop(stop))).chain(
            stop.meetings
                .iter()
                .enumerate()
                .map(|(mi, m)| (Some(mi), Event::Meeting(stop, m))),
        );
        for (meeting, e) in events {
            if reached >= budget {
                out.more = true;
                break 'stops;
            }
            reached += 1;
            #[cfg(feature = "work")]
            crate::work::events(1);
            if !filter.shows(&e) {
                continue;
            }
            let r = EventRef {
                day,
                stop: si,
                meeting,
            };
            match rows(&e, hours, per_hour) {
                None => out.untimed.push(r),
                Some((_, end)) if end <= window.0 => {}
                // Past the window: so is every later stop.
                Some((start, _)) if start >= window.1 && meeting.is_none() && si >= from => {
                    break 'stops;
                }
                Some((start, _)) if start >= window.1 => {}
                Some(rows) => out.blocks.push(Block {
                    event: r,
                    rows,
                    lane: 0,
                    lanes: 1,
                }),
            }
        }
    }
    lanes(&mut out.blocks);
    out
}

/// Puts overlapping blocks side by side: each in the first lane free at
/// its start, each group of blocks that overlap one another sharing the
/// column between its lanes.
fn lanes(blocks: &mut [Block]) {
    blocks.sort_by_key(|b| (b.rows.0, std::cmp::Reverse(b.rows.1), b.event));
    let mut ends: Vec<usize> = Vec::new();
    let (mut group, mut group_end) = (0, 0);
    for i in 0..blocks.len() {
        let (start, end) = blocks[i].rows;
        if start >= group_end {
            for b in &mut blocks[group..i] {
                b.lanes = ends.len().max(1);
            }
            ends.clear();
            group = i;
        }
        let lane = match ends.iter().position(|&e| e <= start) {
            Some(l) => l,
            None => {
                ends.push(0);
                ends.len() - 1
            }
        };
        ends[lane] = end;
        blocks[i].lane = lane;
        group_end = if start >= group_end {
            end
        } else {
            group_end.max(end)
        };
    }
    let n = ends.len().max(1);
    for b in &mut blocks[group..] {
        b.lanes = n;
    }
}

impl App {
    /// The glance view's state, when it is the main view.
    pub fn glance(&self) -> Option<&GlanceView> {
        match &self.main {
            Main::Glance(g) => Some(g),
            Main::Day(_) => None,
        }
    }

    /// The first day column and the first grid row to show in `room`, so
    /// that the selected day and event are in view: one rule, for `update`
    /// (the last frame's room) and for the draw (the room it has).
    pub fn glance_window(&self, room: GlanceRoom) -> (usize, usize) {
        let g = self.glance().copied().unwrap_or_default();
        let days = room.days.max(1);
        let mut first = g.first;
        if self.tab < first {
            first = self.tab;
        } else if self.tab >= first + days {
            first = self.tab + 1 - days;
        }
        let first = first.min(self.tab_count().saturating_sub(days));
        let hours = self.version.hours();
        let per_hour = room.per_hour.max(1);
        let total = usize::from(hours.1 - hours.0) * per_hour;
        let shown = room.rows.max(1);
        let mut top = g.top;
        let span = self
            .selected_event()
            .and_then(|r| self.trip().event(r))
            .and_then(|e| rows(&e, hours, per_hour));
        if let Some((start, end)) = span {
            if start < top {
                top = start;
            } else if end > top + shown {
                top = (end - shown).min(start);
            }
        }
        (first, top.min(total.saturating_sub(shown)))
    }

    /// `v`: the glance from the day view, the day view back from the glance.
    pub(super) fn switch_view(&mut self) {
        self.main = match self.main {
            Main::Day(back) => Main::Glance(GlanceView {
                back,
                ..GlanceView::default()
            }),
            Main::Glance(g) => Main::Day(g.back),
        };
    }

    /// The glance's own keys: the neighbouring day at the nearest time,
    /// Enter to the day view on the selected event.
    pub(super) fn glance_key(&mut self, intent: Intent) {
        match intent {
            Intent::PrevDay if self.tab > 0 => self.glance_day(self.tab - 1),
            Intent::NextDay => self.glance_day(self.tab + 1),
            Intent::Accept => {
                if let Main::Glance(g) = self.main {
                    self.main = Main::Day(DayView {
                        focus: Focus::Timeline,
                        ..g.back
                    });
                }
            }
            _ => {}
        }
    }

    /// Selects `tab` and on it the event nearest in time to the selected
    /// one (its first event when the selection has no time).
    fn glance_day(&mut self, tab: usize) {
        let at = self
            .selected_event()
            .and_then(|r| self.trip().event(r))
            .and_then(|e| e.start().or(e.end()));
        if tab >= self.tab_count() {
            return;
        }
        self.select_tab(tab);
        let Some(at) = at else { return };
        let minutes = |t: NaiveTime| i64::from(t.hour() * 60 + t.minute());
        let trip = self.trip();
        let nearest = self.current().and_then(|t| {
            t.events
                .iter()
                .enumerate()
                .filter_map(|(i, r)| {
                    let e = trip.event(*r)?;
                    let t = e.start().or(e.end())?;
                    Some((i, (minutes(t) - minutes(at)).abs()))
                })
                .min_by_key(|&(i, d)| (d, i))
                .map(|(i, _)| i)
        });
        if let Some(i) = nearest {
            self.select_event(i);
        }
    }

    /// Keeps the glance's first column and row inside what the last frame
    /// measured.
    pub(super) fn settle_glance(&mut self) {
        let room = self.viewport.glance;
        if room.rows == 0 {
            return;
        }
        let (first, top) = self.glance_window(room);
        if let Main::Glance(g) = &mut self.main {
            g.first = first;
            g.top = top;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn rows_cover_the_events_time_and_lanes_share_the_overlaps() {
        let trip = load::load_str(load::BUNDLED).unwrap().trip;
        assert_eq!(grid_hours(&trip), (7, 22));
        let m = crate::model::Meeting {
            start: Some(t(10, 30)),
            end: Some(t(12, 0)),
            ..Default::default()
        };
        let s = crate::model::Stop::default();
        let e = Event::Meeting(&s, &m);
        assert_eq!(rows(&e, (7, 22), 1), Some((3, 5)));
        assert_eq!(rows(&e, (7, 22), 2), Some((7, 10)));
        let block = |a, b| Block {
            event: EventRef {
                day: DayRef::Day(0),
                stop: a,
                meeting: None,
            },
            rows: (a, b),
            lane: 9,
            lanes: 9,
        };
        let mut blocks = [block(0, 4), block(1, 2), block(2, 3), block(5, 6)];
        lanes(&mut blocks);
        let got: Vec<(usize, usize)> = blocks.iter().map(|b| (b.lane, b.lanes)).collect();
        assert_eq!(got, [(0, 2), (1, 2), (1, 2), (0, 1)]);
    }
}
