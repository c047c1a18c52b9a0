//! Rendering: functions of `&App` that draw into a `Frame` and change nothing.

use ratatui::Frame;
use ratatui::widgets::Paragraph;

use crate::app::App;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    frame.render_widget(Paragraph::new(app.trip.title.as_str()), frame.area());
}
