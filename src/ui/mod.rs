//! Rendering: functions of `&App` that draw into a `Frame` and change nothing.
//!
//! One file per pane. Each pane draws only what fits: the timeline builds
//! rows for its visible window only, the tab strip labels only the tabs it
//! shows, so a frame costs the same for ten events or a hundred thousand.
//!
//! [`draw`] returns the [`Layout`] it drew: the loop keeps it, turns mouse
//! events into intents against it ([`mouse::action_at`]) and hands its
//! [`Viewport`] back to `update`, so the state never asks the screen.

pub mod cells;
pub mod day;
pub mod detail;
pub mod diagnostics;
pub mod entry;
pub mod export_dialog;
pub mod form;
pub mod glance;
pub mod goto;
pub mod header;
pub mod headless;
pub mod help;
pub mod layout;
pub mod log;
pub mod mouse;
pub mod people;
pub mod person_filter;
pub mod picker;
pub mod search;
pub mod status;
pub mod tabs;
pub mod theme;
pub mod timeline;
pub mod too_small;
pub mod trip;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Borders};

use crate::app::{App, Overlay, Room, Viewport};
use crate::keys::Keymap;
use day::DayAreas;
use layout::Areas;
use theme::Theme;

/// A pane's frame with its title: heavy lines and a bold title when the pane
/// has the keyboard focus, light dim ones when not. The two differ in shape,
/// not only in colour, so the focus shows under `NO_COLOR` and on a
/// monochrome terminal too.
pub fn pane_block(theme: &Theme, focused: bool, borders: Borders, title: String) -> Block<'static> {
    let style = theme.border(focused);
    let kind = if focused {
        BorderType::Thick
    } else {
        BorderType::Plain
    };
    Block::new()
        .borders(borders)
        .border_type(kind)
        .border_style(style)
        .title(Line::styled(title, style))
}

/// What the last frame drew where: the screen's parts, the main view's
/// panes, the tab strip, and the room each scrolling part had.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    /// The whole screen.
    pub screen: Rect,
    /// The screen's parts; `None` when the terminal was too small for them.
    pub areas: Option<Areas>,
    /// The main view's panes, as drawn.
    pub main: Option<MainAreas>,
    /// The tabs as the strip showed them.
    pub tabs: tabs::Strip,
    /// The first timeline row shown.
    pub timeline_top: usize,
    /// What `update` needs to keep scroll positions inside their content.
    pub viewport: Viewport,
}

/// The panes of the main view on screen: one arm per view, as
/// [`crate::app::Main`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MainAreas {
    Day(DayAreas),
    Glance(glance::GlanceAreas),
}

impl Layout {
    /// The day view's panes, when the day view was drawn.
    pub fn day(&self) -> Option<&DayAreas> {
        match &self.main {
            Some(MainAreas::Day(d)) => Some(d),
            Some(MainAreas::Glance(_)) | None => None,
        }
    }
}

/// Draws the whole screen in `theme`, with the help and hints of the keys
/// in force (`keys`); returns what went where.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme, keys: &Keymap) -> Layout {
    let screen = frame.area();
    let mut out = Layout {
        screen,
        ..Layout::default()
    };
    let Some(areas) = layout::areas(screen, app.now_row()) else {
        too_small::render(frame, screen, theme);
        return out;
    };
    header::render(frame, areas.header, app, theme);
    header::render_now(frame, areas.now, app, theme);
    out.tabs = tabs::render(frame, areas.tabs, app, theme);
    match app.main() {
        crate::app::Main::Day(_) => {
            let (day, top) = day::render(frame, areas.body, app, theme, &mut out.viewport);
            out.main = Some(MainAreas::Day(day));
            out.timeline_top = top;
        }
        crate::app::Main::Glance(_) => {
            let grid = glance::render(frame, areas.body, app, theme, &mut out.viewport);
            out.main = Some(MainAreas::Glance(grid));
        }
    }
    status::render(frame, areas.status, app, theme, keys);
    out.viewport.overlay = match app.overlay() {
        // The search line is drawn by the status line, in its row.
        Overlay::None | Overlay::Search { .. } => Room::default(),
        Overlay::Help(_) => help::render(frame, screen, app, theme, keys),
        Overlay::Problems(_) => diagnostics::render(frame, screen, app, theme),
        Overlay::Picker(_) => picker::render(frame, screen, app, theme),
        Overlay::PersonFilter(_) => person_filter::render(frame, screen, app, theme),
        Overlay::GoTo(_) => goto::render(frame, screen, app, theme),
        Overlay::People(_) => people::render(frame, screen, app, theme),
        Overlay::Trip(_) => trip::render(frame, screen, app, theme),
        Overlay::Log(_) => log::render(frame, screen, app, theme),
        Overlay::Export(_) => export_dialog::render(frame, screen, app, theme),
        Overlay::Entry(_) | Overlay::Confirm(_) => entry::render(frame, screen, app, theme),
        Overlay::Form(_) => form::render(frame, screen, app, theme),
    };
    out.areas = Some(areas);
    out
}
