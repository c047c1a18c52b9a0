//! Rendering: functions of `&App` that draw into a `Frame` and change nothing.
//!
//! One file per pane. Each pane draws only what fits: the timeline builds
//! rows for its visible window only, the tab strip labels only the tabs it
//! shows, so a frame costs the same for ten events or a hundred thousand.

pub mod detail;
pub mod diagnostics;
pub mod goto;
pub mod header;
pub mod help;
pub mod layout;
pub mod picker;
pub mod search;
pub mod status;
pub mod tabs;
pub mod text;
pub mod theme;
pub mod timeline;
pub mod too_small;

use ratatui::Frame;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Borders};

use crate::app::App;
use crate::ui::theme::Theme;

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

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let Some(areas) = layout::areas(area, app.event_count()) else {
        too_small::render(frame, area, app);
        return;
    };
    header::render(frame, areas.header, app);
    tabs::render(frame, areas.tabs, app);
    timeline::render(frame, &areas, app);
    detail::render(frame, &areas, app);
    status::render(frame, areas.status, app);
    if app.picker().is_some() {
        picker::render(frame, area, app);
    }
    goto::render(frame, area, app);
    if app.help.is_some() {
        help::render(frame, area, app);
    }
    diagnostics::render(frame, area, app);
}
