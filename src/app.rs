//! The browser's state and its pure `update(&mut App, Action)`.
//!
//! `update` does no I/O: anything that touches the outside world (quitting,
//! suspending, writing an export) is returned as an [`Effect`] for the event
//! loop in `tui` to perform, which then reports back with an [`Action`].
//!
//! What the screen shows of the trip is derived: the events of every tab
//! per prefecture are counted once per trip, a filter change sums those
//! counts (O(tabs)), and only the selected tab's visible events are listed,
//! when it becomes the selected tab or the filter changes (O(events of that
//! day)); never per frame or per key, and never for the whole trip.

mod find;
mod goto;
mod live;

use std::collections::HashMap;
use std::ops::ControlFlow;
use std::path::PathBuf;

use chrono::{NaiveDateTime, NaiveTime, Timelike};
use ratatui::layout::{Position, Rect};

use crate::model::{DayRef, EventRef, Filter, PrefectureName, Trip};
use crate::reload::ReloadMsg;
use crate::ui::layout::{self, Areas};
use crate::ui::theme::Theme;
use crate::ui::{detail, help, tabs};

/// What j/k say with the details focused when there is nothing to scroll.
pub const DETAILS_FIT: &str = "all the details are shown; Esc goes back to the timeline";

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
    /// Per trip: events per tab and prefecture.
    counts: Counts,
    /// Per filter: the events each tab shows.
    shown: Vec<usize>,
    /// The selected tab's visible events, and the tab they were built for.
    current: Option<(usize, TabView)>,
    find: find::Find,
    /// The go-to-day prompt (`g`), while it is open: what is typed.
    goto: Option<String>,
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

/// The events of every tab per prefecture, counted once per trip, so that
/// a filter change sums counts (O(tabs)) instead of walking every event.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Counts {
    /// The day of each tab.
    days: Vec<DayRef>,
    /// The trip's distinct prefectures (`None`: stops without one).
    keys: Vec<Option<PrefectureName>>,
    /// Per tab, (index into `keys`, events): the few prefectures of a day.
    tabs: Vec<Vec<(usize, usize)>>,
}

impl Counts {
    fn new(trip: &Trip) -> Counts {
        let days = day_tabs(trip);
        let mut keys = Vec::new();
        let mut at: HashMap<&Option<PrefectureName>, usize> = HashMap::new();
        let tabs = days
            .iter()
            .map(|&day| {
                let mut cells: Vec<(usize, usize)> = Vec::new();
                for stop in trip.stops(day) {
                    let key = *at.entry(&stop.prefecture).or_insert_with(|| {
                        keys.push(stop.prefecture.clone());
                        keys.len() - 1
                    });
                    let events = 1 + stop.meetings.len();
                    match cells.iter_mut().find(|(k, _)| *k == key) {
                        Some((_, n)) => *n += events,
                        None => cells.push((key, events)),
                    }
                }
                cells
            })
            .collect();
        Counts { days, keys, tabs }
    }

    /// The events each tab shows through `filter`: O(tabs × their
    /// prefectures), whatever the number of events.
    fn shown(&self, filter: &Filter) -> Vec<usize> {
        let pass: Vec<bool> = self
            .keys
            .iter()
            .map(|k| filter.is_empty() || filter.prefectures.contains(k))
            .collect();
        self.tabs
            .iter()
            .map(|cells| cells.iter().filter(|(k, _)| pass[*k]).map(|(_, n)| n).sum())
            .collect()
    }
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
        let filter = Filter::default();
        let counts = Counts::new(&trip);
        let shown = counts.shown(&filter);
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
            counts,
            shown,
            current: None,
            find: find::Find::default(),
            goto: None,
        };
        app.sync_current();
        app.rebuild_find();
        // "What is next": during the trip the browser opens on today.
        if let Some(i) = app.now.and_then(|n| app.trip.day_index(n.date())) {
            app.select_tab(i);
        }
        app
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
        self.shown = self.counts.shown(&self.filter);
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
        self.settle();
    }

    /// Derives the view anew from the trip and the filter, then brings the
    /// selection back in bounds. Call it after the trip changed: it also
    /// rebuilds the search text and re-runs the search.
    pub fn refresh_view(&mut self) {
        self.counts = Counts::new(&self.trip);
        self.shown = self.counts.shown(&self.filter);
        self.current = None;
        self.sync_current();
        self.rebuild_find();
        self.rerun_search();
        self.settle();
    }

    /// Every tab, in order, with its visible events listed: O(trip), for
    /// tests and tools. Drawing uses [`App::tab_count`], [`App::tab_day`],
    /// [`App::tab_len`] and [`App::current`], whose cost does not grow
    /// with the trip.
    pub fn tabs(&self) -> Vec<TabView> {
        View::new(&self.trip, &self.filter).tabs
    }

    /// The number of tabs: the days, plus "Unscheduled" when there are such stops.
    pub fn tab_count(&self) -> usize {
        self.counts.days.len()
    }

    /// The day a tab shows.
    pub fn tab_day(&self, tab: usize) -> Option<DayRef> {
        self.counts.days.get(tab).copied()
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
            .map(|day| (self.tab, TabView::new(&self.trip, &self.filter, day)));
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

    /// Moves the selection by `delta` events, or scrolls the details when
    /// they have the focus; when the details all fit there is nothing to
    /// scroll, and the status line says so rather than the key looking dead.
    fn move_by(&mut self, delta: isize) {
        if self.focus == Focus::Details {
            if self.details_fit() {
                self.message = Some(Message {
                    text: DETAILS_FIT.into(),
                    error: false,
                });
            }
            self.detail_scroll = self.detail_scroll.saturating_add_signed(delta);
        } else {
            self.select_event(self.selected.saturating_add_signed(delta));
        }
    }

    /// The wheel: scrolls the pane under the pointer, whichever has the
    /// focus (which it leaves where it is); elsewhere, the focused pane.
    fn scroll_at(&mut self, delta: isize, col: u16, row: u16) {
        let at = Position::new(col, row);
        match self.areas() {
            Some(a) if a.detail.contains(at) => {
                self.detail_scroll = self.detail_scroll.saturating_add_signed(delta);
            }
            Some(a) if a.timeline.contains(at) => {
                self.select_event(self.selected.saturating_add_signed(delta));
            }
            _ => self.move_by(delta),
        }
    }

    /// Whether the detail pane shows all of its text (one event's: the
    /// cost does not grow with the trip).
    fn details_fit(&self) -> bool {
        self.areas().is_some_and(|a| {
            detail::line_count(self, a.detail_text.width) <= usize::from(a.detail_text.height)
        })
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
        self.tab = self.tab.min(self.tab_count().saturating_sub(1));
        self.sync_current();
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
    /// Mouse wheel at (column, row): negative up, positive down, in lines.
    Scroll(i16, u16, u16),
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
    /// Gives the focus back to the timeline (Esc in the details).
    FocusTimeline,
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
    /// Opens the go-to-day prompt (`g`).
    OpenGoTo,
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
    if app.help.is_none() && (goto::update(app, &action) || find::update(app, &action)) {
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
            Action::Scroll(d, ..) => Some(scroll.saturating_add_signed(isize::from(d))),
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
        Action::Scroll(d, col, row) => app.scroll_at(isize::from(d), col, row),
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
        Action::FocusTimeline => app.focus = Focus::Timeline,
        Action::Today => app.today(),
        Action::CloseHelp => {}
        Action::Export => effect = Some(Effect::ExportDay),
        // Handled by `live::handle` above.
        Action::Reload | Action::Reloaded(_) | Action::Diagnostics | Action::CloseDiagnostics => {}
        // The picker's, the search's and the go-to prompt's, handled above.
        Action::OpenPicker
        | Action::ClearFilter
        | Action::OpenSearch
        | Action::NextMatch
        | Action::PrevMatch
        | Action::OpenGoTo
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;

    /// Every subset of the bundled trip's prefectures, as filters.
    fn filters(trip: &Trip) -> Vec<Filter> {
        let keys = Counts::new(trip).keys;
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
                update(&mut app, Action::Day(1));
                app.select_tab(i);
                assert_eq!(app.current(), Some(tab), "{filter:?}, tab {i}");
            }
        }
    }
}
