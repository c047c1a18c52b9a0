//! The header row: trip title and dates on the left, the active filter on
//! the right.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::App;
use crate::picker::NO_PREFECTURE;
use crate::ui::text;
use crate::ui::theme::Theme;

/// The names of the filter's prefectures ("no prefecture" for `None`).
pub fn filter_names(app: &App) -> Vec<&str> {
    app.filter()
        .prefectures
        .iter()
        .map(|p| p.as_ref().map_or(NO_PREFECTURE, |p| p.display()))
        .collect()
}

/// The filter as the header shows it.
pub fn filter_text(app: &App) -> String {
    if app.filter().is_empty() {
        return "all prefectures".into();
    }
    format!("filter: {}", filter_names(app).join(", "))
}

/// Draws the header row: trip title and dates left, the filter right.
pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let filter = filter_text(app);
    let filter_style = if app.filter().is_empty() {
        theme.muted
    } else {
        theme.filter
    };
    let dates = crate::format::dates(app.trip().start, app.trip().end);
    let width = usize::from(area.width);
    // The filter and dates are shorter and say more per cell than the
    // title: the title gives way first.
    let right = text::fit(&filter, width.saturating_sub(2)) + " ";
    let room = width.saturating_sub(text::width(&right) + 2);
    let dates_part = format!("  {dates}");
    let title_room = room.saturating_sub(text::width(&dates_part) + 1);
    let title = text::fit(&app.trip().title, title_room.max(room.min(12)));
    let left = Line::from(vec![
        Span::raw(" "),
        Span::styled(title, theme.title),
        Span::styled(dates_part, theme.muted),
    ]);
    let buf = frame.buffer_mut();
    buf.set_line(area.x, area.y, &left, area.width);
    let rw = text::width(&right) as u16;
    if rw < area.width {
        buf.set_line(
            area.right().saturating_sub(rw),
            area.y,
            &Line::styled(right, filter_style),
            rw,
        );
    }
}
