//! What is drawn instead of the panes when the terminal is too small.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Wrap};

use crate::ui::layout::{MIN_HEIGHT, MIN_WIDTH};
use crate::ui::theme::Theme;

/// "terminal too small (need 60x15, have 40x10)".
pub fn message(area: Rect) -> String {
    format!(
        "terminal too small (need {MIN_WIDTH}x{MIN_HEIGHT}, have {}x{})",
        area.width, area.height
    )
}

/// Draws the "terminal too small" message instead of the panes.
pub fn render(frame: &mut Frame, area: Rect, theme: &Theme) {
    let text = message(area);
    // Centred vertically when it fits on one line, else from the top.
    let lines =
        u16::try_from(text.len().div_ceil(usize::from(area.width.max(1)))).unwrap_or(u16::MAX);
    let y = area.y.saturating_add(area.height.saturating_sub(lines) / 2);
    let target = Rect::new(
        area.x,
        y,
        area.width,
        area.height.saturating_sub(y - area.y),
    );
    frame.render_widget(
        Paragraph::new(text)
            .style(theme.title)
            .centered()
            .wrap(Wrap { trim: true }),
        target,
    );
}
