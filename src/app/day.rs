//! The day view, the main view of one day: the timeline of its events and
//! the selected event's details. Its own state is which of the two panes
//! has the focus and how each is scrolled ([`DayView`]); the selection (the
//! tab and the event) is the [`App`]'s, shared with every main view.

use chrono::{NaiveTime, Timelike};

use super::{App, Intent, Main, Message, Scroll};
use crate::model::{DayRef, EventRef, Filter, Trip};

/// What j/k say with the details focused when there is nothing to scroll.
pub const DETAILS_FIT: &str = "all the details are shown; Esc goes back to the timeline";

/// The hours an hour bar covers when a day's events fit inside them.
pub const DEFAULT_HOURS: (u8, u8) = (8, 20);

/// The day view's own state.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DayView {
    /// The first timeline row shown; keeps the selection on screen.
    pub(super) offset: usize,
    /// Which pane the event keys move.
    pub(super) focus: Focus,
    /// The details' scroll (only `top`: the details are wrapped).
    pub(super) details: Scroll,
}

/// A pane of the main view: where the keys go, and what the mouse is over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    /// The day view's timeline.
    #[default]
    Timeline,
    /// The day view's details.
    Details,
}

/// One day tab: the events it shows, in timeline order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TabView {
    pub day: DayRef,
    /// The visible events: each visible stop followed by its meetings.
    pub events: Vec<EventRef>,
    /// The hours the hour bar covers: [`DEFAULT_HOURS`] widened to the
    /// events' times; `None` when no event has a time (no bar to draw).
    pub hours: Option<(u8, u8)>,
}

impl TabView {
    /// The events of `day` that pass `filter`: O(events of that day).
    pub fn new(trip: &Trip, filter: &Filter, day: DayRef) -> TabView {
        let events: Vec<EventRef> = trip
            .events(day)
            .filter(|(_, e)| filter.shows(e))
            .map(|(r, _)| r)
            .collect();
        let hours = hours(trip, &events);
        TabView { day, events, hours }
    }
}

/// The tabs of a trip: one per day, plus "Unscheduled" when the trip has
/// such stops.
pub(super) fn day_tabs(trip: &Trip) -> Vec<DayRef> {
    let mut days: Vec<DayRef> = (0..trip.days.len()).map(DayRef::Day).collect();
    if !trip.unscheduled.is_empty() {
        days.push(DayRef::Unscheduled);
    }
    days
}

/// [`DEFAULT_HOURS`] widened to whole hours covering every time of
/// `events`, or `None` when none has a time.
fn hours(trip: &Trip, events: &[EventRef]) -> Option<(u8, u8)> {
    let (mut lo, mut hi) = (u32::from(DEFAULT_HOURS.0), u32::from(DEFAULT_HOURS.1));
    let mut timed = false;
    for e in events.iter().filter_map(|r| trip.event(*r)) {
        // "Until 08:00" is drawn in the cell before 08:00: the minute before counts.
        let before_end = match (e.start(), e.end()) {
            (None, Some(end)) if end > NaiveTime::MIN => Some(end - chrono::TimeDelta::minutes(1)),
            _ => None,
        };
        for t in [e.start(), e.end(), before_end].into_iter().flatten() {
            timed = true;
            lo = lo.min(t.hour());
            let up = t.hour() + u32::from(t.minute() > 0 || t.second() > 0);
            hi = hi.max(up.max(t.hour() + 1));
        }
    }
    timed.then_some((lo.min(23) as u8, hi.min(24) as u8))
}

impl App {
    /// The day view's state: the day view's own, or the one the glance
    /// goes back to.
    pub(super) fn day(&self) -> &DayView {
        match &self.main {
            Main::Day(day) | Main::Glance(super::GlanceView { back: day, .. }) => day,
        }
    }

    pub(super) fn day_mut(&mut self) -> &mut DayView {
        match &mut self.main {
            Main::Day(day) | Main::Glance(super::GlanceView { back: day, .. }) => day,
        }
    }

    /// The first of `rows` timeline rows to show so that the selection is
    /// among them and no row is left blank below the last event while
    /// earlier ones are hidden. `update` keeps [`App::offset`] to it for
    /// the rows of the last frame; the timeline draws with it for the rows
    /// it has, so a resize shows the selection before `update` hears of it.
    pub fn timeline_top(&self, rows: usize) -> usize {
        let rows = rows.max(1);
        let mut top = self.day().offset;
        if self.selected < top {
            top = self.selected;
        } else if self.selected >= top + rows {
            top = self.selected + 1 - rows;
        }
        top.min(self.event_count().saturating_sub(rows))
    }

    /// The first detail line to show of `lines` in `rows`.
    pub fn detail_top(&self, lines: usize, rows: usize) -> usize {
        self.day().details.top.min(lines.saturating_sub(rows))
    }

    /// The day view's keys.
    pub(super) fn day_key(&mut self, intent: Intent) {
        let page = self.page() as isize;
        match intent {
            Intent::PrevEvent | Intent::ScrollUp => self.move_by(-1),
            Intent::NextEvent | Intent::ScrollDown => self.move_by(1),
            Intent::PageUp => self.move_by(-page),
            Intent::PageDown => self.move_by(page),
            Intent::ToggleFocus => {
                let day = self.day_mut();
                day.focus = match day.focus {
                    Focus::Timeline => Focus::Details,
                    Focus::Details => Focus::Timeline,
                };
            }
            Intent::FocusTimeline => self.day_mut().focus = Focus::Timeline,
            _ => {}
        }
    }

    /// The page size for PgUp/PgDn in the pane with the focus.
    fn page(&self) -> usize {
        match self.day().focus {
            Focus::Details => self.viewport.detail_rows,
            Focus::Timeline => self.viewport.timeline_rows,
        }
        .max(1)
    }

    /// Moves the selection in the timeline, or scrolls the details, by
    /// `delta`.
    pub(super) fn move_in(&mut self, pane: Focus, delta: isize) {
        match pane {
            Focus::Details => {
                let details = &mut self.day_mut().details;
                details.top = details.top.saturating_add_signed(delta);
            }
            Focus::Timeline => self.select_event(self.selected.saturating_add_signed(delta)),
        }
    }

    /// The keys' move in the focused pane; when the details have the focus
    /// and all fit there is nothing to scroll, and the status line says so
    /// rather than the key looking dead.
    fn move_by(&mut self, delta: isize) {
        let focus = self.day().focus;
        if focus == Focus::Details && self.details_fit() {
            self.message = Some(Message {
                text: DETAILS_FIT.into(),
                error: false,
            });
        }
        self.move_in(focus, delta);
    }

    /// Whether the detail pane showed all of its text in the last frame.
    fn details_fit(&self) -> bool {
        let v = self.viewport;
        v.detail_rows > 0 && v.detail_lines <= v.detail_rows
    }

    /// Keeps the day view's scroll inside what the last frame measured.
    pub(super) fn settle_day(&mut self) {
        let v = self.viewport;
        let offset = self.timeline_top(v.timeline_rows);
        // Nothing measured yet (before the first frame, or too small).
        let details = if v.detail_rows > 0 {
            self.detail_top(v.detail_lines, v.detail_rows)
        } else {
            self.day().details.top
        };
        let day = self.day_mut();
        day.offset = offset;
        day.details.top = details;
    }
}
