//! The prefecture picker: a box over the panes with the typed text on top
//! and one row per prefecture of the trip (at most the 47, "no prefecture"
//! and the few names outside them the file has), the highlighted row
//! reversed, toggled rows marked `[x]`, the filter's current prefectures
//! marked "(on)".

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use crate::app::{App, Room};
use crate::ui::theme::Theme;
use crate::ui::{cells, layout, search};

/// The box's widest.
const WIDTH: u16 = 48;

/// The box on a screen of `screen` for `rows` list rows: centred, at most
/// [`WIDTH`] wide and as tall as the screen allows.
pub fn area(screen: Rect, rows: usize) -> Rect {
    let w = screen.width.saturating_sub(4).min(WIDTH);
    // Border, input, a blank line, the rows (at least one: "no match").
    let want = u16::try_from(rows.max(1) + 4).unwrap_or(u16::MAX);
    let h = screen.height.saturating_sub(2).min(want);
    layout::centred(screen, w, h)
}

/// "1 event", "12345 events".
fn events_label(n: usize) -> String {
    match n {
        1 => "1 event".to_string(),
        n => format!("{n} events"),
    }
}

/// Draws the prefecture picker over the screen, when it is open.
pub fn render(frame: &mut Frame, screen: Rect, app: &App, theme: &Theme) -> Room {
    let Some(picker) = app.picker() else {
        return Room::default();
    };
    let choices = app.choices();
    let box_area = area(screen, picker.shown.len());
    crate::ui::cells::clear_box(frame.buffer_mut(), box_area);
    let block = Block::bordered()
        .border_style(theme.focused)
        .title(Line::styled(" Filter by prefecture ", theme.focused));
    frame.render_widget(block, box_area);
    let inner = layout::inside(box_area);
    if inner.height == 0 || inner.width == 0 {
        return Room::default();
    }
    let width = usize::from(inner.width);
    let buf = frame.buffer_mut();
    let input = search::input_line(&picker.query, "type to narrow: tok, 東京, no", width, theme);
    buf.set_line(inner.x, inner.y, &input, inner.width);
    let list = Rect {
        y: inner.y.saturating_add(2),
        height: inner.height.saturating_sub(2),
        ..inner
    };
    if list.height == 0 {
        return Room::default();
    }
    if picker.shown.is_empty() {
        let none = format!("no prefecture of the trip matches \"{}\"", picker.query);
        buf.set_stringn(list.x, list.y, none, width, theme.muted);
        return Room::default();
    }
    // Keep the highlighted row in view.
    let rows = usize::from(list.height);
    let first = (picker.cursor + 1).saturating_sub(rows);
    // As wide as the largest count of the trip (not of the rows shown, so
    // the column stays put while typing narrows the list), and a space.
    let count_w = 1 + choices
        .iter()
        .map(|c| cells::width(&events_label(c.events)))
        .max()
        .unwrap_or(0);
    for (k, &i) in picker.shown.iter().enumerate().skip(first).take(rows) {
        let Some(c) = choices.get(i) else { continue };
        let on = picker.toggled.get(i).copied().unwrap_or(false);
        // The highlighted row is marked, so it shows without attributes too.
        let here = if k == picker.cursor { "> " } else { "  " };
        let mark = format!("{here}{}", if on { "[x] " } else { "[ ] " });
        let events = events_label(c.events);
        // What the filter shows now, so adding to it is easy to see.
        let active = app.filter().prefectures.contains(&c.name);
        let label = if active {
            format!("{} (on)", c.label())
        } else {
            c.label().to_string()
        };
        let name = cells::pad(&label, width.saturating_sub(6 + count_w));
        let line = Line::from(vec![
            Span::raw(mark),
            Span::raw(name),
            Span::styled(format!("{events:>count_w$}"), theme.muted),
        ]);
        let y = list.y.saturating_add((k - first) as u16);
        buf.set_line(list.x, y, &line, list.width);
        if k == picker.cursor {
            buf.set_style(Rect::new(list.x, y, list.width, 1), theme.selected);
        }
    }
    Room::default()
}
