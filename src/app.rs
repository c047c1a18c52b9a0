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

mod day;
mod edits;
mod entry;
mod export_dialog;
mod find;
pub mod form;
pub mod glance;
mod goto;
mod live;
mod log;
mod msg;
pub mod now;
pub mod people;
pub mod person_filter;
pub mod picker;
pub mod scroll;
pub mod search;
mod version;

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;

use crate::model::{DayRef, EventRef, Filter, Trip};
use crate::reload;
use now::NowNext;
use people::PeopleView;
use picker::Picker;
use search::{Hit, Search};

pub use day::{DEFAULT_HOURS, DETAILS_FIT, DayView, Focus, TabView};
pub use edits::{BUILT_IN_EDIT, Edits, FileWrite, READ_ONLY};
pub use entry::{Confirm, Field, Line, LineKey, TextEntry};
pub use export_dialog::{ExportDefaults, ExportDialog, ExportField, ExportRequest};
pub use glance::{GlanceRoom, GlanceView};
pub use live::{BUILT_IN, Live, Problems};
pub use msg::{Effect, Intent, Msg};
pub use scroll::{Room, Scroll};
pub use version::{Totals, Version};

/// The smallest terminal the panes are drawn in, columns and rows; below
/// it the screen says "terminal too small" and every key but quit and
/// suspend does nothing (nothing can be seen to be asked).
pub const MIN_SIZE: (u16, u16) = (60, 15);

/// Everything the browser knows. Render functions read it; only [`update`]
/// changes it, and after every update the selection is in bounds. The
/// fields with an invariant are private, read through methods.
#[derive(Debug)]
pub struct App {
    /// The trip, the file name shown in messages, and what is derived from
    /// the trip, once per version.
    version: Version,
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
    /// The config's `home_timezone`: the home zone of every version of a
    /// trip whose file has none (below `home_override`).
    pub home_fallback: Option<Tz>,
    /// Terminal size in cells, kept current by [`Msg::Resize`].
    size: (u16, u16),
    /// The room the last frame had ([`Msg::Viewport`]).
    viewport: Viewport,
    /// The selected tab: an index into [`App::tabs`].
    tab: usize,
    /// The selected event: an index into the current tab's visible events
    /// (0 on an empty day).
    selected: usize,
    /// The main view under the tabs, and its own scroll state.
    main: Main,
    /// What covers the panes and takes the keys, if anything.
    overlay: Overlay,
    /// The status-line message, until the next key.
    pub message: Option<Message>,
    /// The file behind the trip: live reload and the `!` pane.
    pub live: Live,
    filter: Filter,
    /// Per filter: the events each tab shows.
    shown: Vec<version::TabCount>,
    /// The selected tab's visible events, and the tab they were built for.
    current: Option<(usize, TabView)>,
    /// The search: query and matches, kept after its line closes (`n`/`N`).
    search: Search,
    /// `--read-only`: every editing key says so and does nothing.
    pub read_only: bool,
    /// Undo and redo, and the write under way.
    edits: Edits,
    /// This run's status-line messages, oldest first (`m` shows them).
    log: Vec<Message>,
    /// What the export dialog opens with: the last folder and format.
    pub export: ExportDefaults,
}

/// What is over the panes, one at a time: the key contexts follow from
/// it, and `update` matches on it once.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Overlay {
    /// The panes take the keys.
    #[default]
    None,
    /// The help overlay, scrolled.
    Help(Scroll),
    /// The `!` pane of the file's errors and warnings, as `check` prints them.
    Problems(Problems),
    /// The prefecture picker (`p`).
    Picker(Picker),
    /// The person filter's picker (`f`).
    PersonFilter(Picker),
    /// The search input line (`/`), opened with the selection at `origin`:
    /// typing searches from there, Esc goes back there.
    Search { origin: Hit },
    /// The go-to-day prompt (`g`): what is typed.
    GoTo(String),
    /// The people view (`w`).
    People(PeopleView),
    /// The trip overview (`i`), scrolled.
    Trip(Scroll),
    /// The one-line text entry of `o` and `a`.
    Entry(TextEntry),
    /// The y/n question of `D`.
    Confirm(Confirm),
    /// The log of this run's messages (`m`), scrolled.
    Log(Scroll),
    /// The event form (Enter, `a`, `A`).
    Form(Box<form::Form>),
    /// The export dialog (`e`).
    Export(ExportDialog),
}

/// The main view: what fills the panes under the tabs. One arm per view;
/// each holds that view's own state (its focus and scroll positions). The
/// selection (the tab and the event) is the [`App`]'s, shared by every view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Main {
    /// One day: the timeline and the selected event's details.
    Day(DayView),
    /// Every day side by side, on a grid of hours (`v`).
    Glance(GlanceView),
}

/// The room the last frame had, reported by the screen after drawing it
/// (a plain message: the state never asks the screen). All zero before the
/// first frame and while the terminal is too small for the panes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Viewport {
    /// Timeline rows on screen (the day view).
    pub timeline_rows: usize,
    /// Detail lines on screen (the day view).
    pub detail_rows: usize,
    /// Lines the selected event's details have at the pane's width.
    pub detail_lines: usize,
    /// The open overlay's room: rows and columns shown, lines and width of
    /// its text (the people view's list rows).
    pub overlay: Room,
    /// The glance view's day columns and grid rows (zero in the day view).
    pub glance: GlanceRoom,
}

/// A status-line message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    /// Drawn as an error.
    pub error: bool,
}

impl App {
    pub fn new(name: String, trip: Trip, now: Option<NaiveDateTime>) -> App {
        let version = Version::new(name, trip);
        let filter = Filter::default();
        let shown = version.shown(&filter);
        let mut app = App {
            version,
            now,
            now_next: NowNext::default(),
            followed: None,
            home_override: None,
            home_fallback: None,
            size: (80, 24),
            viewport: Viewport::default(),
            tab: 0,
            selected: 0,
            main: Main::Day(DayView::default()),
            overlay: Overlay::None,
            message: None,
            live: Live::default(),
            filter,
            shown,
            current: None,
            search: Search::default(),
            read_only: false,
            edits: Edits::default(),
            log: Vec::new(),
            export: ExportDefaults::default(),
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
        self.version.trip()
    }

    /// The trip on screen and what is derived from it.
    pub fn version(&self) -> &Version {
        &self.version
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

    /// The main view on screen.
    pub fn main(&self) -> &Main {
        &self.main
    }

    /// The first timeline row the last update kept on screen.
    pub fn offset(&self) -> usize {
        self.day().offset
    }

    /// The pane the event keys move.
    pub fn focus(&self) -> Focus {
        self.day().focus
    }

    /// The first detail line shown.
    pub fn detail_scroll(&self) -> usize {
        self.day().details.top
    }

    /// The terminal size in cells, as last reported.
    pub fn size(&self) -> (u16, u16) {
        self.size
    }

    /// Whether the terminal is smaller than [`MIN_SIZE`]: the screen shows
    /// only that, and only quit and suspend act.
    pub fn too_small(&self) -> bool {
        self.size.0 < MIN_SIZE.0 || self.size.1 < MIN_SIZE.1
    }

    /// What is over the panes.
    pub fn overlay(&self) -> &Overlay {
        &self.overlay
    }

    /// The help overlay's first line shown, while it is open.
    pub fn help(&self) -> Option<usize> {
        match self.overlay {
            Overlay::Help(scroll) => Some(scroll.top),
            _ => None,
        }
    }

    /// The `!` pane's scroll position, while it is open.
    pub fn problems(&self) -> Option<Scroll> {
        match &self.overlay {
            Overlay::Problems(p) => Some(p.scroll),
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
        self.shown = self.version.shown(&self.filter);
        self.current = None;
        self.sync_current();
        self.selected = keep
            .and_then(|k| {
                self.current()
                    .and_then(|t| t.events.iter().position(|e| *e == k))
            })
            .unwrap_or(0);
        self.day_mut().details = Scroll::default();
        self.rerun_search();
        self.refresh_now();
        self.settle();
    }

    /// Swaps in a new version of the trip: derives its caches once, lists
    /// the selected tab anew and re-runs the search (the filter and the
    /// query are values, kept).
    fn set_trip(&mut self, mut trip: Trip) {
        if trip.home_timezone.is_none() {
            trip.home_timezone = self.home_fallback;
        }
        if let Some(home) = self.home_override {
            trip.home_timezone = home;
        }
        self.version.set_trip(trip);
        self.shown = self.version.shown(&self.filter);
        self.current = None;
        // The picker's rows are indices into the old version's choices.
        if matches!(self.overlay, Overlay::Picker(_) | Overlay::PersonFilter(_)) {
            self.overlay = Overlay::None;
        }
        self.sync_current();
        self.rerun_search();
        self.refresh_now();
        self.settle();
    }

    /// The number of tabs: the days, plus "Unscheduled" when there are such stops.
    pub fn tab_count(&self) -> usize {
        self.version.derived().counts.days.len()
    }

    /// The day a tab shows.
    pub fn tab_day(&self, tab: usize) -> Option<DayRef> {
        self.version.derived().counts.days.get(tab).copied()
    }

    /// The number of events a tab shows through the filter.
    pub fn tab_len(&self, tab: usize) -> Option<usize> {
        self.shown.get(tab).map(|n| n.listed)
    }

    /// How many of them are held ([`crate::tally`]): its label's count.
    pub fn tab_held(&self, tab: usize) -> Option<usize> {
        self.shown.get(tab).map(|n| n.held)
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

    fn select_tab(&mut self, tab: usize) {
        if tab < self.tab_count() && tab != self.tab {
            self.tab = tab;
            self.sync_current();
            // A new day starts at its first event.
            self.selected = 0;
            let day = self.day_mut();
            day.offset = 0;
            day.details = Scroll::default();
        }
    }

    fn select_event(&mut self, index: usize) {
        let index = index.min(self.event_count().saturating_sub(1));
        if index != self.selected {
            self.selected = index;
            self.day_mut().details = Scroll::default();
        }
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
        self.settle_day();
        self.settle_glance();
        let room = self.viewport.overlay;
        match &mut self.overlay {
            Overlay::Help(scroll) | Overlay::Trip(scroll) | Overlay::Log(scroll) => {
                scroll.clamp(room)
            }
            Overlay::Problems(p) => p.scroll.clamp(Room {
                lines: p.lines.len(),
                width: p.width,
                ..room
            }),
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
        let page = self.viewport.overlay.rows;
        match &mut self.overlay {
            Overlay::None => return self.browse(intent),
            Overlay::Help(scroll) => {
                if !scroll.apply(intent, page) && matches!(intent, Intent::Help | Intent::CloseHelp)
                {
                    self.overlay = Overlay::None;
                }
            }
            Overlay::Problems(p) => {
                if !p.scroll.apply(intent, page)
                    && matches!(intent, Intent::Diagnostics | Intent::CloseDiagnostics)
                {
                    self.overlay = Overlay::None;
                }
            }
            Overlay::Picker(_) => find::picker(self, intent),
            Overlay::PersonFilter(_) => self.person_filter_key(intent),
            // The line is one row: clicks and the wheel still reach the panes.
            Overlay::Search { .. } => {
                if !find::search_line(self, intent) {
                    return self.browse(intent);
                }
            }
            Overlay::GoTo(_) => goto::prompt(self, intent),
            Overlay::Entry(_) => return self.entry_key(intent),
            Overlay::Confirm(_) => return self.confirm_key(intent),
            Overlay::Form(_) => return self.form_key(intent),
            Overlay::People(_) => self.people_key(intent),
            Overlay::Log(_) => self.log_key(intent),
            Overlay::Export(_) => return self.export_key(intent),
            Overlay::Trip(scroll) => {
                if !scroll.apply(intent, page)
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
            Intent::Export => self.open_export(),
            Intent::Reload if self.live.followed => return Some(Effect::Reload),
            Intent::Reload => {
                self.message = Some(Message {
                    text: BUILT_IN.into(),
                    error: false,
                });
            }
            Intent::Help => self.overlay = Overlay::Help(Scroll::default()),
            Intent::Diagnostics => self.open_problems(),
            Intent::OpenPicker => {
                self.overlay = Overlay::Picker(Picker::new(&self.version.derived().choices));
            }
            Intent::OpenSearch => self.open_search(),
            Intent::OpenGoTo => self.overlay = Overlay::GoTo(String::new()),
            Intent::OpenPeople => self.open_people(),
            Intent::OpenTrip => self.overlay = Overlay::Trip(Scroll::default()),
            Intent::OpenLog => self.open_log(),
            Intent::ClearSearch => self.clear_search(),
            Intent::ClearFilter => {
                let people = self.filter.people.clone();
                self.set_filter(Filter {
                    people,
                    ..Filter::default()
                });
            }
            Intent::OpenPersonFilter => self.open_person_filter(),
            Intent::ClearPersonFilter => {
                let prefectures = self.filter.prefectures.clone();
                self.set_filter(Filter {
                    prefectures,
                    ..Filter::default()
                });
            }
            Intent::SwitchView => self.switch_view(),
            Intent::PrevDay | Intent::NextDay | Intent::Accept
                if matches!(self.main, Main::Glance(_)) =>
            {
                self.glance_key(intent)
            }
            Intent::NextMatch => self.step_match(true),
            Intent::PrevMatch => self.step_match(false),
            Intent::SelectTab(tab) => self.select_tab(tab),
            Intent::SelectRow(row) => {
                self.day_mut().focus = Focus::Timeline;
                if row < self.event_count() {
                    self.select_event(row);
                }
            }
            Intent::Focus(pane) => self.day_mut().focus = pane,
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
            Intent::PrevEvent
            | Intent::NextEvent
            | Intent::ScrollUp
            | Intent::ScrollDown
            | Intent::PageUp
            | Intent::PageDown
            | Intent::ToggleFocus
            | Intent::FocusTimeline => self.day_key(intent),
            Intent::Today => self.today(),
            Intent::CycleStatus
            | Intent::Later
            | Intent::Earlier
            | Intent::EditText
            | Intent::Delete
            | Intent::Undo
            | Intent::Redo
            | Intent::OpenEditor => return self.edit_key(intent),
            Intent::OpenForm | Intent::AddMeeting | Intent::AddStop => self.open_form(intent),
            // Taken before any overlay (see `intent`), and the overlays' own
            // intents: nothing to close or type into.
            Intent::Quit
            | Intent::Suspend
            | Intent::CloseHelp
            | Intent::CloseDiagnostics
            | Intent::Type(_)
            | Intent::Backspace
            | Intent::Toggle
            | Intent::PrevChoice
            | Intent::NextChoice
            | Intent::ScrollLeft
            | Intent::ScrollRight
            | Intent::Accept
            | Intent::Cancel
            | Intent::Line(_)
            | Intent::Yes
            | Intent::No
            | Intent::NextField
            | Intent::PrevField
            | Intent::Save
            | Intent::TakeTheirs => {}
        }
        None
    }
}

/// Applies a message; returns the effect the loop must perform, if any.
/// A person's intent clears the status-line message; what the loop reports
/// does not (an export's result must survive the resize after it).
pub fn update(app: &mut App, msg: impl Into<Msg>) -> Option<Effect> {
    let effect = match msg.into() {
        // Too small to see what a key would do: only quit and suspend act.
        Msg::Intent(intent)
            if app.too_small() && !matches!(intent, Intent::Quit | Intent::Suspend) =>
        {
            None
        }
        Msg::Paste(_) if app.too_small() => None,
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
            app.exported(result);
            None
        }
        Msg::Reloaded(msg) => {
            // Another text than the one on screen: changed outside, so the
            // texts kept for undo no longer lead back to it.
            if let reload::ReloadOutcome::Loaded { text, .. } = &msg.outcome
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
    app.log_message();
    app.settle();
    effect
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;

    /// Every subset of the bundled trip's prefectures, as filters.
    fn filters(trip: &Trip) -> Vec<Filter> {
        let keys = version::TabCounts::new(trip).keys;
        (0..1u32 << keys.len())
            .map(|bits| Filter {
                prefectures: (0..keys.len())
                    .filter(|i| bits & (1 << i) != 0)
                    .map(|i| keys[i].clone())
                    .collect(),
                ..Filter::default()
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
            let full = day::day_tabs(&trip)
                .into_iter()
                .map(|d| TabView::new(&trip, &filter, d));
            for (i, tab) in full.enumerate() {
                assert_eq!(
                    app.tab_len(i),
                    Some(tab.events.len()),
                    "{filter:?}, tab {i}"
                );
                update(&mut app, Intent::Day(1));
                app.select_tab(i);
                assert_eq!(app.current(), Some(&tab), "{filter:?}, tab {i}");
            }
        }
    }
}
