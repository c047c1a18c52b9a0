//! The browser's state and its pure `update(&mut App, Msg)`.
//!
//! `update` does no I/O: anything that touches the outside world (quitting,
//! suspending, writing an export) is returned as an [`Effect`] for the event
//! loop in `tui` to perform, which then reports back with a [`Msg`]. What
//! the keys and the mouse ask for is an [`Intent`]; what the loop reports
//! (a resize, a reload, an export, the room the last frame had) is a
//! [`Msg`]. The state knows nothing of the screen: the draw reports its
//! [`Viewport`], and `update` keeps the scroll positions inside it.
//!
//! What the screen shows of the trip is derived: the events of every tab
//! per prefecture are counted once per trip version ([`Loaded`]), a filter
//! change sums those counts (O(tabs)), and only the selected tab's visible
//! events are listed, when it becomes the selected tab or the filter
//! changes (O(events of that day)); never per frame or per key, and never
//! for the whole trip.

mod edits;
mod entry;
mod find;
mod goto;
mod live;
mod loaded;
mod people;

use std::path::PathBuf;

use chrono::{DateTime, NaiveDateTime, NaiveTime, Timelike, Utc};
use chrono_tz::Tz;

use crate::edit::file::WriteError;
use crate::model::{DayRef, EventRef, Filter, Trip};
use crate::now::{self, NowNext};
use crate::picker::Picker;
use crate::reload::{self, ReloadMsg};
use crate::search::{Hit, Search};

/// What j/k say with the details focused when there is nothing to scroll.
pub const DETAILS_FIT: &str = "all the details are shown; Esc goes back to the timeline";

/// The hours an hour bar covers when a day's events fit inside them.
pub const DEFAULT_HOURS: (u8, u8) = (8, 20);

pub use edits::{BUILT_IN_EDIT, Edits, READ_ONLY, Write};
pub use entry::{Confirm, Entry, Field, Line, LineKey};
pub use live::{BUILT_IN, Live, Pane};
pub use loaded::{Loaded, Totals};

/// Everything the browser knows. Render functions read it; only [`update`]
/// changes it, and after every update the selection is in bounds. The
/// fields with an invariant are private, read through methods.
#[derive(Debug)]
pub struct App {
    /// The trip, the file name shown in messages, and what is derived from
    /// the trip, once per version.
    loaded: Loaded,
    /// "Now", local to the trip's zone: `--now` (fixed), or the clock, moved
    /// on by [`Msg::Tick`].
    pub now: Option<NaiveDateTime>,
    /// What is under way and next at `now`: refreshed on a tick, a filter
    /// change or a new version of the trip, never per frame.
    now_next: NowNext,
    /// The tab and event the browser selected by itself (on opening, `t`, a
    /// tick): while they are still the selection, the selection follows the
    /// clock; once a person moves it, only the header and the marker do.
    followed: Option<(usize, Option<EventRef>)>,
    /// `--home-zone`: the home zone every version of the trip gets instead
    /// of its file's (`Some(None)`: no home clock).
    pub home_override: Option<Option<Tz>>,
    /// Terminal size in cells, kept current by [`Msg::Resize`].
    size: (u16, u16),
    /// The room the last frame had ([`Msg::Viewport`]).
    viewport: Viewport,
    /// The selected tab: an index into [`App::tabs`].
    tab: usize,
    /// The selected event: an index into the current tab's visible events
    /// (0 on an empty day).
    selected: usize,
    /// The first timeline row shown; keeps `selected` on screen.
    offset: usize,
    /// Which pane the event keys move.
    focus: Focus,
    /// The first detail line shown.
    detail_scroll: usize,
    /// What covers the panes and takes the keys, if anything.
    overlay: Overlay,
    /// The status-line message, until the next key.
    pub message: Option<Message>,
    /// The file behind the trip: live reload and the `!` pane.
    pub live: Live,
    filter: Filter,
    /// Per filter: the events each tab shows.
    shown: Vec<usize>,
    /// The selected tab's visible events, and the tab they were built for.
    current: Option<(usize, TabView)>,
    /// The search: query and matches, kept after its line closes (`n`/`N`).
    search: Search,
    /// `--read-only`: every editing key says so and does nothing.
    pub read_only: bool,
    /// Undo and redo, and the write under way.
    edits: Edits,
}

/// What is over the panes, one at a time: the key contexts follow from
/// it, and `update` matches on it once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Overlay {
    /// The panes take the keys.
    #[default]
    None,
    /// The help overlay, scrolled to its first line shown.
    Help { top: usize },
    /// The `!` pane of the file's errors and warnings.
    Problems(Pane),
    /// The prefecture picker (`p`).
    Picker(Picker),
    /// The search input line (`/`), opened with the selection at `origin`:
    /// typing searches from there, Esc goes back there.
    Search { origin: Hit },
    /// The go-to-day prompt (`g`): what is typed.
    GoTo(String),
    /// The people view (`w`).
    People(crate::people::People),
    /// The trip overview (`i`), scrolled to its first line shown.
    Trip { top: usize },
    /// The one-line text entry of `o` and `a`.
    Entry(Entry),
    /// The y/n question of `D`.
    Confirm(Confirm),
}

/// The room the last frame had, reported by the screen after drawing it
/// (a plain message: the state never asks the screen). All zero before the
/// first frame and while the terminal is too small for the panes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Viewport {
    /// Timeline rows on screen.
    pub timeline_rows: usize,
    /// Detail lines on screen.
    pub detail_rows: usize,
    /// Lines the selected event's details have at the pane's width.
    pub detail_lines: usize,
    /// Lines the help overlay shows at once.
    pub help_rows: usize,
    /// Lines the help has.
    pub help_lines: usize,
    /// Lines and columns the `!` pane shows at once.
    pub problems_rows: usize,
    pub problems_cols: usize,
    /// List rows the people view shows at once.
    pub people_rows: usize,
    /// Lines the trip overview shows at once, and the lines it has.
    pub trip_rows: usize,
    pub trip_lines: usize,
}

/// The pane that has the keyboard focus.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    Timeline,
    Details,
}

/// A status-line message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    /// Drawn as an error.
    pub error: bool,
}

/// What the filter leaves of the trip, tab by tab, every tab's events
/// listed: O(trip). The browser never builds it (see [`App::tabs`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct View {
    pub tabs: Vec<TabView>,
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

impl View {
    /// Derives the view of `trip` through `filter`: one tab per day, plus
    /// "Unscheduled" when the trip has such stops.
    pub fn new(trip: &Trip, filter: &Filter) -> View {
        let tabs = day_tabs(trip)
            .into_iter()
            .map(|day| TabView::new(trip, filter, day))
            .collect();
        View { tabs }
    }
}

impl TabView {
    /// The events of `day` that pass `filter`: O(events of that day).
    pub fn new(trip: &Trip, filter: &Filter, day: DayRef) -> TabView {
        let events: Vec<EventRef> = trip
            .events(day)
            .filter(|(_, e)| filter.matches(e.stop()))
            .map(|(r, _)| r)
            .collect();
        let hours = hours(trip, &events);
        TabView { day, events, hours }
    }
}

/// The tabs of a trip: one per day, plus "Unscheduled" when the trip has
/// such stops.
fn day_tabs(trip: &Trip) -> Vec<DayRef> {
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
    pub fn new(name: String, trip: Trip, now: Option<NaiveDateTime>) -> App {
        let loaded = Loaded::new(name, trip);
        let filter = Filter::default();
        let shown = loaded.derived().counts.shown(&filter);
        let mut app = App {
            loaded,
            now,
            now_next: NowNext::default(),
            followed: None,
            home_override: None,
            size: (80, 24),
            viewport: Viewport::default(),
            tab: 0,
            selected: 0,
            offset: 0,
            focus: Focus::Timeline,
            detail_scroll: 0,
            overlay: Overlay::None,
            message: None,
            live: Live::default(),
            filter,
            shown,
            current: None,
            search: Search::default(),
            read_only: false,
            edits: Edits::default(),
        };
        app.sync_current();
        // "What is next": during the trip the browser opens on today, on
        // the event under way or the next one.
        app.refresh_now();
        app.follow_now();
        app
    }

    /// What is under way and what is next at [`App::now`].
    pub fn now_next(&self) -> NowNext {
        self.now_next
    }

    /// Whether now is a day of the trip: the header then says what is
    /// under way and next, and the timeline marks the time.
    pub fn under_way(&self) -> bool {
        self.now
            .is_some_and(|n| self.trip().day_index(n.date()).is_some())
    }

    /// Whether the header has a now row: the trip is under way and something
    /// is under way or still to come (a trip without times has none).
    pub fn now_row(&self) -> bool {
        self.under_way() && (self.now_next.now.is_some() || self.now_next.next.is_some())
    }

    /// Whether an event is over, while the trip is under way (nothing is
    /// dimmed before or after it).
    pub fn is_over(&self, r: EventRef) -> bool {
        match self.now {
            Some(n) if self.under_way() => now::is_over(self.trip(), r, n),
            _ => false,
        }
    }

    fn refresh_now(&mut self) {
        self.now_next = match self.now {
            Some(n) => now::at(self.trip(), &self.filter, n),
            None => NowNext::default(),
        };
    }

    /// Selects today, and on it the event under way, else today's next,
    /// else the last one over; then follows the clock from there. Nothing
    /// when now is not a day of the trip.
    fn follow_now(&mut self) {
        let Some(now) = self.now else { return };
        let Some(day) = self.trip().day_index(now.date()) else {
            return;
        };
        let Some(tab) = (0..self.tab_count()).find(|&t| self.tab_day(t) == Some(DayRef::Day(day)))
        else {
            return;
        };
        self.select_tab(tab);
        let nn = self.now_next;
        let target = nn.now.map(|(r, _)| r).or(nn
            .next
            .filter(|(_, at)| at.date() == now.date())
            .map(|(r, _)| r));
        let events = self.current().map_or(&[][..], |t| &t.events[..]);
        let index = match target {
            Some(r) => events.iter().position(|e| *e == r),
            None => events
                .iter()
                .rposition(|e| now::is_over(self.trip(), *e, now)),
        };
        self.select_event(index.unwrap_or(0));
        self.followed = Some((self.tab, self.selected_event()));
    }

    /// The clock moved on: now and next anew, and the selection with them
    /// while it is the one the browser chose (the day rolls over at
    /// midnight in the trip's zone).
    fn tick(&mut self, at: DateTime<Utc>) {
        let following = self.followed == Some((self.tab, self.selected_event()));
        self.now = Some(at.with_timezone(&self.trip().timezone).naive_local());
        self.refresh_now();
        if following {
            self.follow_now();
        }
    }

    /// The trip on screen.
    pub fn trip(&self) -> &Trip {
        self.loaded.trip()
    }

    /// The trip on screen and what is derived from it.
    pub fn loaded(&self) -> &Loaded {
        &self.loaded
    }

    /// The selected tab: an index into [`App::tabs`].
    pub fn tab(&self) -> usize {
        self.tab
    }

    /// The selected event: an index into the selected tab's visible events
    /// (0 on an empty day).
    pub fn selected(&self) -> usize {
        self.selected
    }

    /// The first timeline row the last update kept on screen.
    pub fn offset(&self) -> usize {
        self.offset
    }

    /// The pane the event keys move.
    pub fn focus(&self) -> Focus {
        self.focus
    }

    /// The first detail line shown.
    pub fn detail_scroll(&self) -> usize {
        self.detail_scroll
    }

    /// The terminal size in cells, as last reported.
    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// What is over the panes.
    pub fn overlay(&self) -> &Overlay {
        &self.overlay
    }

    /// The help overlay's first line shown, while it is open.
    pub fn help(&self) -> Option<usize> {
        match self.overlay {
            Overlay::Help { top } => Some(top),
            _ => None,
        }
    }

    /// The `!` pane's scroll position, while it is open.
    pub fn problems(&self) -> Option<Pane> {
        match self.overlay {
            Overlay::Problems(pane) => Some(pane),
            _ => None,
        }
    }

    /// Whether the search line is open (keys type into the query).
    pub fn search_editing(&self) -> bool {
        matches!(self.overlay, Overlay::Search { .. })
    }

    /// The active prefecture filter.
    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// Replaces the filter: sums the tabs' counts anew and lists the selected
    /// tab's events, not the whole trip's. The selection stays on the same
    /// event when it is still visible, else goes to the tab's first.
    pub fn set_filter(&mut self, filter: Filter) {
        let keep = self.selected_event();
        self.filter = filter;
        self.shown = self.loaded.derived().counts.shown(&self.filter);
        self.current = None;
        self.sync_current();
        self.selected = keep
            .and_then(|k| {
                self.current()
                    .and_then(|t| t.events.iter().position(|e| *e == k))
            })
            .unwrap_or(0);
        self.detail_scroll = 0;
        self.rerun_search();
        self.refresh_now();
        self.settle();
    }

    /// Swaps in a new version of the trip: derives its caches once, lists
    /// the selected tab anew and re-runs the search (the filter and the
    /// query are values, kept).
    fn set_trip(&mut self, mut trip: Trip) {
        if let Some(home) = self.home_override {
            trip.home_timezone = home;
        }
        self.loaded.set_trip(trip);
        self.shown = self.loaded.derived().counts.shown(&self.filter);
        self.current = None;
        // The picker's rows are indices into the old version's choices.
        if matches!(self.overlay, Overlay::Picker(_)) {
            self.overlay = Overlay::None;
        }
        self.sync_current();
        self.rerun_search();
        self.refresh_now();
        self.settle();
    }

    /// Every tab, in order, with its visible events listed: O(trip), for
    /// tests and tools. Drawing uses [`App::tab_count`], [`App::tab_day`],
    /// [`App::tab_len`] and [`App::current`], whose cost does not grow
    /// with the trip.
    pub fn tabs(&self) -> Vec<TabView> {
        View::new(self.trip(), &self.filter).tabs
    }

    /// The number of tabs: the days, plus "Unscheduled" when there are such stops.
    pub fn tab_count(&self) -> usize {
        self.loaded.derived().counts.days.len()
    }

    /// The day a tab shows.
    pub fn tab_day(&self, tab: usize) -> Option<DayRef> {
        self.loaded.derived().counts.days.get(tab).copied()
    }

    /// The number of events a tab shows through the filter.
    pub fn tab_len(&self, tab: usize) -> Option<usize> {
        self.shown.get(tab).copied()
    }

    /// The selected tab.
    pub fn current(&self) -> Option<&TabView> {
        self.current
            .as_ref()
            .filter(|(t, _)| *t == self.tab)
            .map(|(_, v)| v)
    }

    /// Lists the selected tab's events unless they are listed already:
    /// O(events of that day).
    fn sync_current(&mut self) {
        if self.current.as_ref().is_some_and(|(t, _)| *t == self.tab) {
            return;
        }
        self.current = self
            .tab_day(self.tab)
            .map(|day| (self.tab, TabView::new(self.trip(), &self.filter, day)));
    }

    /// The selected day (what `e` exports).
    pub fn selected_day(&self) -> Option<DayRef> {
        self.tab_day(self.tab)
    }

    /// The selected event, if the day has any.
    pub fn selected_event(&self) -> Option<EventRef> {
        self.current()
            .and_then(|t| t.events.get(self.selected).copied())
    }

    /// The number of events the selected tab shows.
    pub fn event_count(&self) -> usize {
        self.current().map_or(0, |t| t.events.len())
    }

    /// The first of `rows` timeline rows to show so that the selection is
    /// among them and no row is left blank below the last event while
    /// earlier ones are hidden. `update` keeps [`App::offset`] to it for
    /// the rows of the last frame; the timeline draws with it for the rows
    /// it has, so a resize shows the selection before `update` hears of it.
    pub fn timeline_top(&self, rows: usize) -> usize {
        let rows = rows.max(1);
        let mut top = self.offset;
        if self.selected < top {
            top = self.selected;
        } else if self.selected >= top + rows {
            top = self.selected + 1 - rows;
        }
        top.min(self.event_count().saturating_sub(rows))
    }

    /// The first detail line to show of `lines` in `rows`.
    pub fn detail_top(&self, lines: usize, rows: usize) -> usize {
        self.detail_scroll.min(lines.saturating_sub(rows))
    }

    /// The page size for PgUp/PgDn in the pane with the focus.
    fn page(&self) -> usize {
        match self.focus {
            Focus::Details => self.viewport.detail_rows,
            Focus::Timeline => self.viewport.timeline_rows,
        }
        .max(1)
    }

    fn select_tab(&mut self, tab: usize) {
        if tab < self.tab_count() && tab != self.tab {
            self.tab = tab;
            self.sync_current();
            // A new day starts at its first event.
            self.selected = 0;
            self.offset = 0;
            self.detail_scroll = 0;
        }
    }

    fn select_event(&mut self, index: usize) {
        let index = index.min(self.event_count().saturating_sub(1));
        if index != self.selected {
            self.selected = index;
            self.detail_scroll = 0;
        }
    }

    /// Moves the selection in the timeline, or scrolls the details, by
    /// `delta`.
    fn move_in(&mut self, pane: Focus, delta: isize) {
        match pane {
            Focus::Details => {
                self.detail_scroll = self.detail_scroll.saturating_add_signed(delta);
            }
            Focus::Timeline => self.select_event(self.selected.saturating_add_signed(delta)),
        }
    }

    /// The keys' move in the focused pane; when the details have the focus
    /// and all fit there is nothing to scroll, and the status line says so
    /// rather than the key looking dead.
    fn move_by(&mut self, delta: isize) {
        if self.focus == Focus::Details && self.details_fit() {
            self.message = Some(Message {
                text: DETAILS_FIT.into(),
                error: false,
            });
        }
        self.move_in(self.focus, delta);
    }

    /// Whether the detail pane showed all of its text in the last frame.
    fn details_fit(&self) -> bool {
        let v = self.viewport;
        v.detail_rows > 0 && v.detail_lines <= v.detail_rows
    }

    fn today(&mut self) {
        let date = self.now.map(|n| n.date());
        match date.and_then(|d| self.trip().day_index(d)) {
            Some(_) => self.follow_now(),
            None => {
                self.select_tab(0);
                self.message = Some(Message {
                    text: match date {
                        Some(d) => format!("{d} is not during the trip; showing the first day"),
                        None => "the current date is unknown; showing the first day".into(),
                    },
                    error: false,
                });
            }
        }
    }

    /// Restores the invariants after any change: selection in bounds, the
    /// selected row on screen, scroll positions within their content as
    /// the last frame measured it.
    fn settle(&mut self) {
        self.tab = self.tab.min(self.tab_count().saturating_sub(1));
        self.sync_current();
        let len = self.event_count();
        self.selected = self.selected.min(len.saturating_sub(1));
        let v = self.viewport;
        self.offset = self.timeline_top(v.timeline_rows);
        // Nothing measured yet (before the first frame, or too small).
        if v.detail_rows > 0 {
            self.detail_scroll = self.detail_top(v.detail_lines, v.detail_rows);
        }
        match &mut self.overlay {
            Overlay::Help { top } if v.help_rows > 0 => {
                *top = (*top).min(v.help_lines.saturating_sub(v.help_rows));
            }
            Overlay::Problems(_) => self.settle_pane(),
            Overlay::Trip { top } if v.trip_rows > 0 => {
                *top = (*top).min(v.trip_lines.saturating_sub(v.trip_rows));
            }
            _ => {}
        }
    }

    /// What the keys and the mouse ask for; `Quit` and `Suspend` happen
    /// under any overlay, everything else goes to the overlay on top.
    fn intent(&mut self, intent: Intent) -> Option<Effect> {
        match intent {
            Intent::Quit => return Some(Effect::Quit),
            Intent::Suspend => return Some(Effect::Suspend),
            _ => {}
        }
        match &mut self.overlay {
            Overlay::None => return self.browse(intent),
            Overlay::Help { top } => {
                if !scroll_text(top, intent, self.viewport.help_rows)
                    && matches!(intent, Intent::Help | Intent::CloseHelp)
                {
                    self.overlay = Overlay::None;
                }
            }
            Overlay::Problems(pane) => {
                let next = live::scroll(*pane, intent, self.viewport.problems_rows.max(1));
                match next {
                    Some(pane) => self.overlay = Overlay::Problems(pane),
                    None => self.overlay = Overlay::None,
                }
            }
            Overlay::Picker(_) => find::picker(self, intent),
            // The line is one row: clicks and the wheel still reach the panes.
            Overlay::Search { .. } => {
                if !find::search_line(self, intent) {
                    return self.browse(intent);
                }
            }
            Overlay::GoTo(_) => goto::prompt(self, intent),
            Overlay::Entry(_) => return self.entry_key(intent),
            Overlay::Confirm(_) => return self.confirm_key(intent),
            Overlay::People(_) => self.people_key(intent),
            Overlay::Trip { top } => {
                if !scroll_text(top, intent, self.viewport.trip_rows)
                    && matches!(intent, Intent::OpenTrip | Intent::Cancel)
                {
                    self.overlay = Overlay::None;
                }
            }
        }
        None
    }

    /// An intent with no overlay open.
    fn browse(&mut self, intent: Intent) -> Option<Effect> {
        match intent {
            Intent::Quit => return Some(Effect::Quit),
            Intent::Suspend => return Some(Effect::Suspend),
            Intent::Export => return Some(Effect::ExportDay),
            Intent::Reload if self.live.followed => return Some(Effect::Reload),
            Intent::Reload => {
                self.message = Some(Message {
                    text: BUILT_IN.into(),
                    error: false,
                });
            }
            Intent::Help => self.overlay = Overlay::Help { top: 0 },
            Intent::Diagnostics => self.overlay = Overlay::Problems(Pane::default()),
            Intent::OpenPicker => {
                self.overlay = Overlay::Picker(Picker::new(&self.loaded.derived().choices));
            }
            Intent::OpenSearch => self.open_search(),
            Intent::OpenGoTo => self.overlay = Overlay::GoTo(String::new()),
            Intent::OpenPeople => self.open_people(),
            Intent::OpenTrip => self.overlay = Overlay::Trip { top: 0 },
            Intent::ClearFilter => self.set_filter(Filter::default()),
            Intent::NextMatch => self.step_match(true),
            Intent::PrevMatch => self.step_match(false),
            Intent::SelectTab(tab) => self.select_tab(tab),
            Intent::SelectRow(row) => {
                self.focus = Focus::Timeline;
                if row < self.event_count() {
                    self.select_event(row);
                }
            }
            Intent::Focus(pane) => self.focus = pane,
            Intent::Scroll(pane, d) => self.move_in(pane, isize::from(d)),
            Intent::PrevDay => self.select_tab(self.tab.saturating_sub(1)),
            Intent::NextDay => self.select_tab(self.tab.saturating_add(1)),
            Intent::Day(n) => {
                let days = self.trip().days.len();
                if (1..=days).contains(&n) {
                    self.select_tab(n - 1);
                } else {
                    self.message = Some(Message {
                        text: format!("there is no day {n}: the trip has {days} days"),
                        error: true,
                    });
                }
            }
            Intent::FirstDay => self.select_tab(0),
            // The last trip day; "Unscheduled" is one step further right.
            Intent::LastDay => self.select_tab(self.trip().days.len().saturating_sub(1)),
            Intent::PrevEvent => self.move_by(-1),
            Intent::NextEvent => self.move_by(1),
            Intent::PageUp => self.move_by(-(self.page() as isize)),
            Intent::PageDown => self.move_by(self.page() as isize),
            Intent::ToggleFocus => {
                self.focus = match self.focus {
                    Focus::Timeline => Focus::Details,
                    Focus::Details => Focus::Timeline,
                };
            }
            Intent::FocusTimeline => self.focus = Focus::Timeline,
            Intent::Today => self.today(),
            Intent::CycleStatus
            | Intent::Later
            | Intent::Earlier
            | Intent::EditText
            | Intent::AddMeeting
            | Intent::Delete
            | Intent::Undo
            | Intent::Redo
            | Intent::OpenEditor => return self.edit_key(intent),
            // The overlays' own intents: nothing to close or type into.
            Intent::CloseHelp
            | Intent::CloseDiagnostics
            | Intent::Type(_)
            | Intent::Backspace
            | Intent::Toggle
            | Intent::Accept
            | Intent::Cancel
            | Intent::Line(_)
            | Intent::Yes
            | Intent::No => {}
        }
        None
    }
}

/// What a person asks for, by key or by mouse: one variant per meaning,
/// `Copy`, so the key table can hold them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    Quit,
    /// Ctrl-Z: give the terminal back and stop the process.
    Suspend,
    PrevDay,
    NextDay,
    /// Day N of the trip, counted from 1.
    Day(usize),
    FirstDay,
    LastDay,
    /// Previous event; scrolls the details or the help when they have the focus.
    PrevEvent,
    /// Next event; scrolls the details or the help when they have the focus.
    NextEvent,
    PageUp,
    PageDown,
    /// Moves the focus between the timeline and the details.
    ToggleFocus,
    /// Gives the focus back to the timeline (Esc in the details).
    FocusTimeline,
    /// Now: the day of "now" with the event under way selected, else the
    /// next one; the first day when the trip is not under way.
    Today,
    /// Opens the help overlay, or closes it.
    Help,
    CloseHelp,
    /// Exports the selected day.
    Export,
    /// Reloads the file now (`r`).
    Reload,
    /// Opens the diagnostics pane (`!`), or closes it.
    Diagnostics,
    CloseDiagnostics,
    /// Opens the prefecture picker.
    OpenPicker,
    /// Clears the prefecture filter.
    ClearFilter,
    /// Opens the search input line.
    OpenSearch,
    /// The next search match, changing day as needed.
    NextMatch,
    /// The previous search match.
    PrevMatch,
    /// Opens the go-to-day prompt (`g`).
    OpenGoTo,
    /// Opens the people view (`w`).
    OpenPeople,
    /// Opens the trip overview (`i`), or closes it.
    OpenTrip,
    /// A character typed into the picker, the search or the go-to prompt.
    Type(char),
    /// Deletes the last character typed.
    Backspace,
    /// Toggles the picker's highlighted prefecture.
    Toggle,
    /// Enter: applies the picker, keeps the search, goes to the day typed.
    Accept,
    /// Esc: closes the picker or the go-to prompt, or the search and clears it.
    Cancel,
    /// `s`: the selected event's status, confirmed → tentative → cancelled.
    CycleStatus,
    /// `>`: the selected event 15 minutes later (a stop with its meetings).
    Later,
    /// `<`: 15 minutes earlier.
    Earlier,
    /// `o`: edit the selected meeting's outcome, or the stop's notes.
    EditText,
    /// `a`: add a meeting to the selected stop.
    AddMeeting,
    /// `D`: delete the selected event, after a y/n question.
    Delete,
    /// `u`: undo the last edit.
    Undo,
    /// Ctrl-R: redo the last undone edit.
    Redo,
    /// `E`: open the file in `$VISUAL`/`$EDITOR` at the selected event.
    OpenEditor,
    /// A cursor move or a deletion in a text entry.
    Line(LineKey),
    /// `y` to the question.
    Yes,
    /// `n` to the question.
    No,
    /// A click on a day tab: selects that tab.
    SelectTab(usize),
    /// A click on a timeline row: selects that event (an index into the
    /// tab's visible events) and focuses the timeline.
    SelectRow(usize),
    /// A click on a pane: gives it the focus.
    Focus(Focus),
    /// The wheel over a pane (or over the rest: the focused one), in lines,
    /// negative up; an overlay scrolls itself instead.
    Scroll(Focus, i16),
}

/// Something that happened: what a person asked for, or what the loop
/// reports. Not `Eq`: a reload carries a trip.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// A key or a mouse event, already turned into what it means.
    Intent(Intent),
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// The room the frame just drawn had.
    Viewport(Viewport),
    /// The loop wrote an export (the path) or failed (the message).
    Exported(Result<PathBuf, String>),
    /// The file was reloaded (or failed to, or is gone), at the time it carries.
    Reloaded(ReloadMsg),
    /// The clock reads this (the loop sends it at each minute boundary,
    /// unless `--now` fixed the clock).
    Tick(DateTime<Utc>),
    /// The loop wrote the text of [`Effect::Write`] at this local time, or
    /// could not (the file changed outside, or the write failed).
    Written(NaiveTime, Result<(), WriteError>),
    /// The editor of `E` exited (or could not start: why).
    EditorDone(Result<(), String>),
    /// Text pasted (bracketed paste): typed into the entry, search or
    /// prompt that is open; never taken for keys.
    Paste(String),
}

impl From<Intent> for Msg {
    fn from(intent: Intent) -> Msg {
        Msg::Intent(intent)
    }
}

/// Work for the event loop, which `update` cannot do itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    Suspend,
    /// Write the selected day (with the active filter) as Markdown into the
    /// current directory, then report with [`Msg::Exported`].
    ExportDay,
    /// Reload the file now; the result comes back as [`Msg::Reloaded`].
    Reload,
    /// Write a text over the file if it holds the one expected; the result
    /// comes back as [`Msg::Written`].
    Write(Write),
    /// Give the terminal to `$VISUAL`/`$EDITOR` on the file at this 1-based
    /// line, then take it back and reload the file.
    OpenEditor {
        line: usize,
    },
}

/// Scrolls an overlay of text (help, the trip overview) whose first line
/// shown is `top`, `rows` lines a page; whether the intent was a scroll.
/// [`App::settle`] keeps `top` inside the text.
fn scroll_text(top: &mut usize, intent: Intent, rows: usize) -> bool {
    let page = rows.max(1);
    match intent {
        Intent::PrevEvent => *top = top.saturating_sub(1),
        Intent::NextEvent => *top = top.saturating_add(1),
        Intent::PageUp => *top = top.saturating_sub(page),
        Intent::PageDown => *top = top.saturating_add(page),
        Intent::Scroll(_, d) => *top = top.saturating_add_signed(isize::from(d)),
        _ => return false,
    }
    true
}

/// Applies a message; returns the effect the loop must perform, if any.
/// A person's intent clears the status-line message; what the loop reports
/// does not (an export's result must survive the resize after it).
pub fn update(app: &mut App, msg: impl Into<Msg>) -> Option<Effect> {
    let effect = match msg.into() {
        Msg::Intent(intent) => {
            app.message = None;
            app.intent(intent)
        }
        Msg::Resize(w, h) => {
            app.size = (w, h);
            None
        }
        Msg::Viewport(viewport) => {
            app.viewport = viewport;
            None
        }
        Msg::Exported(result) => {
            app.message = Some(match result {
                Ok(path) => Message {
                    text: format!("exported to {}", path.display()),
                    error: false,
                },
                Err(why) => Message {
                    text: format!("export failed: {why}"),
                    error: true,
                },
            });
            None
        }
        Msg::Reloaded(msg) => {
            // Another text than the one on screen: changed outside, so the
            // texts kept for undo no longer lead back to it.
            if let reload::Outcome::Loaded { text, .. } = &msg.outcome
                && text != app.live.state.text()
            {
                app.edits.clear();
            }
            app.reloaded(msg);
            None
        }
        Msg::Written(at, result) => app.written(at, result),
        Msg::EditorDone(result) => app.editor_done(result),
        Msg::Paste(text) => {
            app.message = None;
            app.paste(&text)
        }
        Msg::Tick(at) => {
            app.tick(at);
            None
        }
    };
    app.settle();
    effect
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;

    /// Every subset of the bundled trip's prefectures, as filters.
    fn filters(trip: &Trip) -> Vec<Filter> {
        let keys = loaded::Counts::new(trip).keys;
        (0..1u32 << keys.len())
            .map(|bits| Filter {
                prefectures: (0..keys.len())
                    .filter(|i| bits & (1 << i) != 0)
                    .map(|i| keys[i].clone())
                    .collect(),
            })
            .collect()
    }

    #[test]
    fn an_end_only_event_widens_the_hours_to_the_cell_it_ends_in() {
        let text = "[trip]\ntitle = \"T\"\nstart = 2024-05-01\nend = 2024-05-01\n\
                    [[day]]\ndate = 2024-05-01\n[[day.stop]]\nplace = \"Check-out\"\ndepart = 08:00\n";
        let trip = load::load_str(text).unwrap().trip;
        let tab = TabView::new(&trip, &Filter::default(), DayRef::Day(0));
        assert_eq!(tab.hours, Some((7, 20)));
    }

    #[test]
    fn summed_counts_and_the_listed_tab_match_a_walk_of_every_event() {
        let trip = load::load_str(load::BUNDLED).unwrap().trip;
        let mut app = App::new("t.toml".into(), trip.clone(), None);
        let all = filters(&trip);
        assert!(all.len() >= 8, "the bundled trip has several prefectures");
        for filter in all {
            app.set_filter(filter.clone());
            let full = View::new(&trip, &filter);
            for (i, tab) in full.tabs.iter().enumerate() {
                assert_eq!(
                    app.tab_len(i),
                    Some(tab.events.len()),
                    "{filter:?}, tab {i}"
                );
                update(&mut app, Intent::Day(1));
                app.select_tab(i);
                assert_eq!(app.current(), Some(tab), "{filter:?}, tab {i}");
            }
        }
    }
}
