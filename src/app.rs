//! The browser's state and its pure `update(&mut App, Action)`.
//!
//! `update` does no I/O: anything that touches the outside world (quitting,
//! suspending, writing an export) is returned as an [`Effect`] for the event
//! loop in `tui` to perform, which then reports back with an [`Action`].
//!
//! What the screen shows of the trip is a derived [`View`] (the visible
//! events of each tab), rebuilt once when the filter changes
//! ([`App::set_filter`]), never per frame or per key.

mod find;
mod live;

use std::ops::ControlFlow;
use std::path::PathBuf;

use chrono::{NaiveDateTime, NaiveTime, Timelike};
use ratatui::layout::{Position, Rect};

use crate::model::{DayRef, EventRef, Filter, Trip};
use crate::reload::ReloadMsg;
use crate::ui::layout::{self, Areas};
use crate::ui::theme::Theme;
use crate::ui::{detail, help, tabs};

/// The hours an hour bar covers when a day's events fit inside them.
pub const DEFAULT_HOURS: (u8, u8) = (8, 20);

pub use live::{BUILT_IN, Live, Pane};

/// Everything the browser knows. Render functions read it; only [`update`]
/// changes it, and after every update the selection is in bounds.
#[derive(Debug)]
pub struct App {
    /// The file name shown in messages ("itineraries/zhejiang-japan-2018.toml").
    pub name: String,
    pub trip: Trip,
    /// "Now" for the `t` key: `--now`, or the local clock at start.
    pub now: Option<NaiveDateTime>,
    /// Terminal size in cells, kept current by [`Action::Resize`].
    pub size: (u16, u16),
    /// Colours; set `Theme::no_color()` for `NO_COLOR`.
    pub theme: Theme,
    /// The selected tab: an index into [`App::tabs`].
    pub tab: usize,
    /// The selected event: an index into the current tab's visible events
    /// (0 on an empty day).
    pub selected: usize,
    /// The first timeline row shown; keeps `selected` on screen.
    pub offset: usize,
    /// Which pane the event keys move.
    pub focus: Focus,
    /// The first detail line shown.
    pub detail_scroll: usize,
    /// The help overlay's first line shown, when it is open.
    pub help: Option<usize>,
    /// The status-line message, until the next key.
    pub message: Option<Message>,
    /// The file behind the trip: live reload and the `!` pane.
    pub live: Live,
    filter: Filter,
    view: View,
    find: find::Find,
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

/// What the filter leaves of the trip, tab by tab.
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
        let mut days: Vec<DayRef> = (0..trip.days.len()).map(DayRef::Day).collect();
        if !trip.unscheduled.is_empty() {
            days.push(DayRef::Unscheduled);
        }
        let tabs = days
            .into_iter()
            .map(|day| {
                let events: Vec<EventRef> = trip
                    .events(day)
                    .filter(|(_, e)| filter.matches(e.stop()))
                    .map(|(r, _)| r)
                    .collect();
                let hours = hours(trip, &events);
                TabView { day, events, hours }
            })
            .collect();
        View { tabs }
    }
}

/// [`DEFAULT_HOURS`] widened to whole hours covering every time of
/// `events`, or `None` when none has a time.
fn hours(trip: &Trip, events: &[EventRef]) -> Option<(u8, u8)> {
    let (mut lo, mut hi) = (u32::from(DEFAULT_HOURS.0), u32::from(DEFAULT_HOURS.1));
    let mut timed = false;
    for e in events.iter().filter_map(|r| trip.event(*r)) {
        for t in [e.start(), e.end()].into_iter().flatten() {
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
        let filter = Filter::default();
        let view = View::new(&trip, &filter);
        let mut app = App {
            name,
            trip,
            now,
            size: (80, 24),
            theme: Theme::default(),
            tab: 0,
            selected: 0,
            offset: 0,
            focus: Focus::Timeline,
            detail_scroll: 0,
            help: None,
            message: None,
            live: Live::default(),
            filter,
            view,
            find: find::Find::default(),
        };
        app.rebuild_find();
        app
    }

    /// The active prefecture filter.
    pub fn filter(&self) -> &Filter {
        &self.filter
    }

    /// Replaces the filter and rebuilds the view once. The selection stays on
    /// the same event when it is still visible, else goes to the tab's first.
    pub fn set_filter(&mut self, filter: Filter) {
        let keep = self.selected_event();
        self.filter = filter;
        self.view = View::new(&self.trip, &self.filter);
        self.selected = keep
            .and_then(|k| {
                self.current()
                    .and_then(|t| t.events.iter().position(|e| *e == k))
            })
            .unwrap_or(0);
        self.detail_scroll = 0;
        self.rerun_search();
        self.settle();
    }

    /// Rebuilds the derived view from the trip and the filter, then brings
    /// the selection back in bounds. The only place the view is computed.
    /// Call it after the trip changed: it also rebuilds the search text
    /// and re-runs the search.
    pub fn refresh_view(&mut self) {
        self.view = View::new(&self.trip, &self.filter);
        self.rebuild_find();
        self.rerun_search();
        self.settle();
    }

    /// Every tab, in order.
    pub fn tabs(&self) -> &[TabView] {
        &self.view.tabs
    }

    /// The selected tab.
    pub fn current(&self) -> Option<&TabView> {
        self.view.tabs.get(self.tab)
    }

    /// The selected day (what `e` exports).
    pub fn selected_day(&self) -> Option<DayRef> {
        self.current().map(|t| t.day)
    }

    /// The selected event, if the day has any.
    pub fn selected_event(&self) -> Option<EventRef> {
        self.current()
            .and_then(|t| t.events.get(self.selected).copied())
    }

    /// The panes for the current terminal size.
    pub fn areas(&self) -> Option<Areas> {
        layout::areas(
            Rect::new(0, 0, self.size.0, self.size.1),
            self.event_count(),
        )
    }

    /// Timeline rows on screen.
    fn rows(&self) -> usize {
        self.areas()
            .map_or(1, |a| usize::from(a.timeline_rows.height))
            .max(1)
    }

    /// The page size for PgUp/PgDn in the pane with the focus.
    fn page(&self) -> usize {
        match (self.focus, self.areas()) {
            (Focus::Details, Some(a)) => usize::from(a.detail_text.height).max(1),
            _ => self.rows(),
        }
    }

    /// The number of events the selected tab shows.
    pub fn event_count(&self) -> usize {
        self.current().map_or(0, |t| t.events.len())
    }

    fn select_tab(&mut self, tab: usize) {
        if tab < self.view.tabs.len() && tab != self.tab {
            self.tab = tab;
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

    /// Moves the selection by `delta` events, or scrolls the details when
    /// they have the focus.
    fn move_by(&mut self, delta: isize) {
        if self.focus == Focus::Details {
            self.detail_scroll = self.detail_scroll.saturating_add_signed(delta);
        } else {
            self.select_event(self.selected.saturating_add_signed(delta));
        }
    }

    fn today(&mut self) {
        let date = self.now.map(|n| n.date());
        match date.and_then(|d| self.trip.day_index(d)) {
            Some(i) => self.select_tab(i),
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

    fn click(&mut self, col: u16, row: u16) {
        let Some(a) = self.areas() else { return };
        let at = Position::new(col, row);
        if a.tabs.contains(at) {
            if let Some(tab) = tabs::hit(self, a.tabs, col) {
                self.select_tab(tab);
            }
        } else if a.timeline.contains(at) {
            self.focus = Focus::Timeline;
            if a.timeline_rows.contains(at) {
                let index = self.offset + usize::from(row - a.timeline_rows.y);
                if index < self.event_count() {
                    self.select_event(index);
                }
            }
        } else if a.detail.contains(at) {
            self.focus = Focus::Details;
        }
    }

    /// Restores the invariants after any change: selection in bounds, the
    /// selected row on screen, scroll positions within their content.
    fn settle(&mut self) {
        self.tab = self.tab.min(self.view.tabs.len().saturating_sub(1));
        let len = self.event_count();
        self.selected = self.selected.min(len.saturating_sub(1));
        let page = self.rows();
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + page {
            self.offset = self.selected + 1 - page;
        }
        // No blank rows below the last event while earlier ones are hidden.
        self.offset = self.offset.min(len.saturating_sub(page));
        if let Some(a) = self.areas() {
            let shown = usize::from(a.detail_text.height);
            let total = detail::line_count(self, a.detail_text.width);
            self.detail_scroll = self.detail_scroll.min(total.saturating_sub(shown));
        }
        if let Some(scroll) = self.help {
            let inner = help::inner(Rect::new(0, 0, self.size.0, self.size.1));
            let max = help::line_count().saturating_sub(usize::from(inner.height));
            self.help = Some(scroll.min(max));
        }
        self.settle_pane();
    }
}

/// Something that happened: a key (already mapped by `keys`), a mouse event,
/// a resize, or the result of an effect. Not `Eq`: a reload carries a trip.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Quit,
    /// Ctrl-Z: give the terminal back and stop the process.
    Suspend,
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// A left click at (column, row).
    Click(u16, u16),
    /// Mouse wheel: negative up, positive down, in lines.
    Scroll(i16),
    /// The loop wrote an export (the path) or failed (the message).
    Exported(Result<PathBuf, String>),
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
    /// The day of "now", or the first day when the trip is not under way.
    Today,
    /// Opens the help overlay, or closes it.
    Help,
    CloseHelp,
    /// Exports the selected day.
    Export,
    /// Reloads the file now (`r`).
    Reload,
    /// The file was reloaded (or failed to, or is gone), at the time it carries.
    Reloaded(ReloadMsg),
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
    /// A character typed into the picker or the search.
    Type(char),
    /// Deletes the last character typed.
    Backspace,
    /// Toggles the picker's highlighted prefecture.
    Toggle,
    /// Enter: applies the picker, keeps the search.
    Accept,
    /// Esc: closes the picker, or the search and clears it.
    Cancel,
}

/// Work for the event loop, which `update` cannot do itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    Suspend,
    /// Write the selected day (with the active filter) as Markdown into the
    /// current directory, then report with [`Action::Exported`].
    ExportDay,
    /// Reload the file now; the result comes back as [`Action::Reloaded`].
    Reload,
}

/// Applies an action; returns the effect the loop must perform, if any.
pub fn update(app: &mut App, action: Action) -> Option<Effect> {
    if !matches!(action, Action::Resize(..) | Action::Exported(_)) {
        app.message = None;
    }
    let action = match live::handle(app, action) {
        ControlFlow::Break(effect) => {
            app.settle();
            return effect;
        }
        ControlFlow::Continue(action) => action,
    };
    let mut effect = None;
    if app.help.is_none() && find::update(app, &action) {
        app.settle();
        return None;
    }
    let help_was_open = app.help.is_some();
    if let Some(scroll) = app.help {
        // The overlay covers the panes: only its own actions reach it.
        let page = usize::from(help::inner(Rect::new(0, 0, app.size.0, app.size.1)).height);
        app.help = match action {
            Action::PrevEvent => Some(scroll.saturating_sub(1)),
            Action::NextEvent => Some(scroll.saturating_add(1)),
            Action::PageUp => Some(scroll.saturating_sub(page)),
            Action::PageDown => Some(scroll.saturating_add(page)),
            Action::Scroll(d) => Some(scroll.saturating_add_signed(isize::from(d))),
            Action::Help | Action::CloseHelp | Action::Click(..) => None,
            _ => Some(scroll),
        };
    }
    match action {
        Action::Quit => effect = Some(Effect::Quit),
        Action::Suspend => effect = Some(Effect::Suspend),
        Action::Resize(w, h) => app.size = (w, h),
        Action::Exported(Ok(path)) => {
            app.message = Some(Message {
                text: format!("exported to {}", path.display()),
                error: false,
            });
        }
        Action::Exported(Err(why)) => {
            app.message = Some(Message {
                text: format!("export failed: {why}"),
                error: true,
            });
        }
        _ if help_was_open => {}
        Action::Click(col, row) => app.click(col, row),
        Action::Help => app.help = Some(0),
        Action::Scroll(d) => app.move_by(isize::from(d)),
        Action::PrevDay => app.select_tab(app.tab.saturating_sub(1)),
        Action::NextDay => app.select_tab(app.tab.saturating_add(1)),
        Action::Day(n) => {
            if (1..=app.trip.days.len()).contains(&n) {
                app.select_tab(n - 1);
            } else {
                app.message = Some(Message {
                    text: format!(
                        "there is no day {n}: the trip has {} days",
                        app.trip.days.len()
                    ),
                    error: true,
                });
            }
        }
        Action::FirstDay => app.select_tab(0),
        // The last trip day; "Unscheduled" is one step further right.
        Action::LastDay => app.select_tab(app.trip.days.len().saturating_sub(1)),
        Action::PrevEvent => app.move_by(-1),
        Action::NextEvent => app.move_by(1),
        Action::PageUp => app.move_by(-(app.page() as isize)),
        Action::PageDown => app.move_by(app.page() as isize),
        Action::ToggleFocus => {
            app.focus = match app.focus {
                Focus::Timeline => Focus::Details,
                Focus::Details => Focus::Timeline,
            };
        }
        Action::Today => app.today(),
        Action::CloseHelp => {}
        Action::Export => effect = Some(Effect::ExportDay),
        // Handled by `live::handle` above.
        Action::Reload | Action::Reloaded(_) | Action::Diagnostics | Action::CloseDiagnostics => {}
        // The picker's and the search's, handled above.
        Action::OpenPicker
        | Action::ClearFilter
        | Action::OpenSearch
        | Action::NextMatch
        | Action::PrevMatch
        | Action::Type(_)
        | Action::Backspace
        | Action::Toggle
        | Action::Accept
        | Action::Cancel => {}
    }
    app.settle();
    effect
}

/// `HH:MM`, the way every time is shown.
pub fn hhmm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}
