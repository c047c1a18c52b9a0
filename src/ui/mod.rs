//! Rendering: functions of `&App` that draw into a `Frame` and change nothing.
//!
//! One file per pane. Each pane draws only what fits: the timeline builds
//! rows for its visible window only, the tab strip labels only the tabs it
//! shows, so a frame costs the same for ten events or a hundred thousand.
//!
//! [`draw`] returns the [`Layout`] it drew: the loop keeps it, turns mouse
//! events into intents against it ([`mouse::action_at`]) and hands its
//! [`Viewport`] back to `update`, so the state never asks the screen.

pub mod detail;
pub mod diagnostics;
pub mod entry;
pub mod goto;
pub mod header;
pub mod headless;
pub mod help;
pub mod layout;
pub mod mouse;
pub mod people;
pub mod picker;
pub mod search;
pub mod status;
pub mod tabs;
pub mod text;
pub mod theme;
pub mod timeline;
pub mod too_small;
pub mod trip;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Borders};

use crate::app::{App, Viewport};
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

/// What the last frame drew where: the panes' rectangles, the tab strip,
/// and the room each scrolling part had.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    /// The whole screen.
    pub screen: Rect,
    /// The panes; `None` when the terminal was too small for them.
    pub areas: Option<Areas>,
    /// The tabs as the strip showed them.
    pub tabs: tabs::Strip,
    /// The first timeline row shown.
    pub timeline_top: usize,
    /// What `update` needs to keep scroll positions inside their content.
    pub viewport: Viewport,
}

/// Draws the whole screen in `theme`; returns what went where.
pub fn draw(frame: &mut Frame, app: &App, theme: &Theme) -> Layout {
    let screen = frame.area();
    let help = help::inner(screen);
    let problems = diagnostics::inner(screen);
    let mut out = Layout {
        screen,
        viewport: Viewport {
            help_rows: usize::from(help.height),
            help_lines: help::line_count(),
            problems_rows: usize::from(problems.height),
            problems_cols: usize::from(problems.width),
            people_rows: usize::from(people::list_area(screen).height),
            trip_rows: usize::from(trip::inner(screen).height),
            ..Viewport::default()
        },
        ..Layout::default()
    };
    let Some(areas) = layout::areas(screen, app.event_count(), app.now_row()) else {
        too_small::render(frame, screen, theme);
        return out;
    };
    header::render(frame, areas.header, app, theme);
    header::render_now(frame, areas.now, app, theme);
    out.tabs = tabs::render(frame, areas.tabs, app, theme);
    timeline::render(frame, &areas, app, theme);
    out.viewport.detail_lines = detail::render(frame, &areas, app, theme);
    status::render(frame, areas.status, app, theme);
    if app.picker().is_some() {
        picker::render(frame, screen, app, theme);
    }
    goto::render(frame, screen, app, theme);
    people::render(frame, screen, app, theme);
    out.viewport.trip_lines = trip::render(frame, screen, app, theme);
    entry::render(frame, screen, app, theme);
    if app.help().is_some() {
        help::render(frame, screen, app, theme);
    }
    diagnostics::render(frame, screen, app, theme);
    let rows = usize::from(areas.timeline_rows.height);
    out.timeline_top = app.timeline_top(rows);
    out.viewport.timeline_rows = rows;
    out.viewport.detail_rows = usize::from(areas.detail_text.height);
    out.areas = Some(areas);
    out
}
