//! The go-to-day prompt (`g`): a one-line box over the panes with what is
//! typed, and on its bottom border the days it accepts.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Block;

use crate::app::{App, Room};
use crate::ui::theme::Theme;
use crate::ui::{layout, search};

/// The box's widest.
const WIDTH: u16 = 56;

/// The box on a screen of `screen`: one line inside a border, centred.
pub fn area(screen: Rect) -> Rect {
    layout::centred(screen, screen.width.saturating_sub(4).min(WIDTH), 3)
}

/// Draws the prompt over the screen, when it is open.
pub fn render(frame: &mut Frame, screen: Rect, app: &App, theme: &Theme) -> Room {
    let Some(typed) = app.goto() else {
        return Room::default();
    };
    let box_area = area(screen);
    crate::ui::cells::clear_box(frame.buffer_mut(), box_area);
    let block = Block::bordered()
        .border_style(theme.focused)
        .title(Line::styled(" Go to day ", theme.focused))
        .title_bottom(Line::styled(
            format!(" {} ", app.goto_range()),
            theme.focused,
        ));
    frame.render_widget(block, box_area);
    let inner = layout::inside(box_area);
    if inner.height == 0 || inner.width == 0 {
        return Room::default();
    }
    let placeholder = "a date, a day number, +N, -N or today";
    let line = search::input_line(typed, placeholder, usize::from(inner.width), theme);
    frame
        .buffer_mut()
        .set_line(inner.x, inner.y, &line, inner.width);
    Room::default()
}
