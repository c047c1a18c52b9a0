//! The text entry of `o` and `a` and the y/n question of `D`: a box over
//! the panes, like the go-to-day prompt.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;
use unicode_width::UnicodeWidthChar;

use crate::app::{App, Room};
use crate::ui::theme::Theme;
use crate::ui::{cells, layout};

/// The boxes' widest.
const WIDTH: u16 = 72;

/// The box's width on `screen`.
fn box_width(screen: Rect) -> u16 {
    screen.width.saturating_sub(4).min(WIDTH)
}

/// A box of `lines` lines inside a border, centred on `screen`.
fn area(screen: Rect, lines: u16) -> Rect {
    layout::centred(screen, box_width(screen), lines.saturating_add(2))
}

/// Draws the text entry or the question, when one is open.
pub fn render(frame: &mut Frame, screen: Rect, app: &App, theme: &Theme) -> Room {
    if let Some(entry) = app.entry() {
        let bottom = match &entry.error {
            Some(why) => Line::styled(format!(" {why} "), theme.error),
            None => Line::styled(format!(" {} ", entry.prompt()), theme.muted),
        };
        let Some(inner) = open_box(frame, screen, &entry.label, bottom, 1, theme) else {
            return Room::default();
        };
        let prompt = Span::styled("> ", theme.key);
        let width = usize::from(inner.width).saturating_sub(3);
        let scroll = entry.line.scroll(width);
        let shown = skip_cells(entry.line.value(), scroll);
        let line = Line::from(vec![prompt, Span::raw(shown)]);
        let buf = frame.buffer_mut();
        buf.set_line(inner.x, inner.y, &line, inner.width);
        // The cursor: the cell it is on, reversed.
        let x = 2 + entry.line.cursor_cells() - scroll;
        if let Ok(x) = u16::try_from(x)
            && x < inner.width
        {
            buf[(inner.x + x, inner.y)].set_style(theme.selected);
        }
    } else if let Some(confirm) = app.confirm() {
        let bottom = Line::styled(" y yes, n no ", theme.muted);
        // A question is read whole: wrapped, never cut.
        let inner_width = usize::from(layout::inside(area(screen, 1)).width);
        let lines = cells::wrap(&confirm.question, inner_width);
        let rows = u16::try_from(lines.len()).unwrap_or(u16::MAX);
        let Some(inner) = open_box(frame, screen, "Delete", bottom, rows, theme) else {
            return Room::default();
        };
        let buf = frame.buffer_mut();
        for (y, line) in (inner.y..inner.bottom()).zip(lines) {
            buf.set_stringn(
                inner.x,
                y,
                line,
                usize::from(inner.width),
                ratatui::style::Style::new(),
            );
        }
    }
    Room::default()
}

/// Clears the box, draws its border and titles, and gives the line inside
/// (`None` when there is no room for it).
fn open_box(
    frame: &mut Frame,
    screen: Rect,
    title: &str,
    bottom: Line<'static>,
    lines: u16,
    theme: &Theme,
) -> Option<Rect> {
    let box_area = area(screen, lines);
    crate::ui::cells::clear_box(frame.buffer_mut(), box_area);
    let block = Block::bordered()
        .border_style(theme.focused)
        .title(Line::styled(format!(" {title} "), theme.focused))
        .title_bottom(bottom);
    frame.render_widget(block, box_area);
    let inner = layout::inside(box_area);
    (inner.height > 0 && inner.width > 0).then_some(inner)
}

/// `text` without its first `cells` display cells.
fn skip_cells(text: &str, cells: usize) -> String {
    let mut used = 0;
    text.chars()
        .skip_while(|c| {
            let skip = used < cells;
            used += c.width().unwrap_or(0);
            skip
        })
        .collect()
}
