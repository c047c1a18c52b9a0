//! The message log (`m`): this run's status-line messages, newest first,
//! each whole and wrapped, in a scrolled box.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::app::{App, Room};
use crate::ui::theme::Theme;
use crate::ui::{cells, layout};

/// The box's widest.
const WIDTH: u16 = 100;

/// The box on a screen of `screen`: centred, as tall as the screen allows.
pub fn area(screen: Rect) -> Rect {
    let w = screen.width.saturating_sub(4).min(WIDTH);
    layout::centred(screen, w, screen.height.saturating_sub(2))
}

/// The log's lines at `width` cells: each message wrapped, newest first,
/// a blank line between two.
pub fn lines(app: &App, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for m in app.log().iter().rev() {
        if !out.is_empty() {
            out.push(Line::default());
        }
        let style = if m.error { theme.error } else { theme.message };
        out.extend(
            cells::wrap(&m.text, width)
                .into_iter()
                .map(|l| Line::styled(l, style)),
        );
    }
    if out.is_empty() {
        out.push(Line::styled("no messages yet", theme.muted));
    }
    out
}

/// Draws the log; returns its room, for the [`crate::app::Viewport`].
pub fn render(frame: &mut Frame, screen: Rect, app: &App, theme: &Theme) -> Room {
    let box_area = area(screen);
    let text_area = layout::inside(box_area);
    let all = lines(app, theme, usize::from(text_area.width));
    let top = app.log_scroll().unwrap_or(0);
    crate::ui::help::text_box(frame, (box_area, text_area), " Messages ", &all, top, theme)
}
