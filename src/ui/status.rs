//! The status line: a message when there is one, then the key hints of the
//! current context, taken from the key table.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::App;
use crate::keys;

/// The spans of the status line.
pub fn line(app: &App) -> Line<'static> {
    let theme = &app.theme;
    let mut spans = vec![Span::raw(" ")];
    if let Some(m) = app.status_message() {
        let style = if m.error { theme.error } else { theme.message };
        spans.push(Span::styled(m.text, style));
        spans.push(Span::raw("   "));
    }
    if let Some(search) = crate::ui::search::spans(app) {
        spans.extend(search);
        spans.push(Span::raw("   "));
    }
    for (i, (keys, what)) in keys::hints(app).enumerate() {
        if i > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(keys, theme.key));
        spans.push(Span::styled(format!(" {what}"), theme.muted));
    }
    Line::from(spans)
}

/// Draws the status line.
pub fn render(frame: &mut Frame, area: Rect, app: &App) {
    frame
        .buffer_mut()
        .set_line(area.x, area.y, &line(app), area.width);
}
