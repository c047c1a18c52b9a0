//! The person filter's picker (`f`): a box over the panes with the typed
//! text on top and one row per person of the trip, by side (hosts, guests,
//! the delegation), each with their side and number of events; the
//! highlighted row reversed and marked `>`, toggled rows `[x]`, the people
//! the filter keeps now marked "(on)".

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use crate::app::{App, Room};
use crate::format;
use crate::ui::theme::Theme;
use crate::ui::{cells, layout, search};

/// Draws the person picker over the screen, when it is open.
pub fn render(frame: &mut Frame, screen: Rect, app: &App, theme: &Theme) -> Room {
    let Some(p) = app.person_picker() else {
        return Room::default();
    };
    let choices = app.person_choices();
    // Wider than the prefecture picker's: a name in two scripts and a side.
    let w = screen.width.saturating_sub(4).min(64);
    let want = u16::try_from(p.shown.len().max(1) + 4).unwrap_or(u16::MAX);
    let box_area = layout::centred(screen, w, screen.height.saturating_sub(2).min(want));
    crate::ui::cells::clear_box(frame.buffer_mut(), box_area);
    let block = Block::bordered()
        .border_style(theme.focused)
        .title(Line::styled(" Filter by person ", theme.focused));
    frame.render_widget(block, box_area);
    let inner = layout::inside(box_area);
    if inner.height < 3 || inner.width == 0 {
        return Room::default();
    }
    let width = usize::from(inner.width);
    let buf = frame.buffer_mut();
    let input = search::input_line(
        &p.query,
        "type a name in either script, or an id",
        width,
        theme,
    );
    buf.set_line(inner.x, inner.y, &input, inner.width);
    let list = Rect {
        y: inner.y.saturating_add(2),
        height: inner.height.saturating_sub(2),
        ..inner
    };
    if p.shown.is_empty() {
        let none = format!("no one in the trip matches \"{}\"", p.query);
        buf.set_stringn(list.x, list.y, none, width, theme.muted);
        return Room::default();
    }
    let rows = usize::from(list.height);
    let first = (p.cursor + 1).saturating_sub(rows);
    let count = |n| format::count(n, "event", "events");
    // As wide as the trip's largest count, so the column stays put.
    let count_w = 1 + choices
        .iter()
        .map(|c| cells::width(&count(c.events)))
        .max()
        .unwrap_or(0);
    for (k, &i) in p.shown.iter().enumerate().skip(first).take(rows) {
        let Some(c) = choices.get(i) else { continue };
        let on = p.toggled.get(i).copied().unwrap_or(false);
        let here = if k == p.cursor { "> " } else { "  " };
        let mark = format!("{here}{}", if on { "[x] " } else { "[ ] " });
        let person = &c.person;
        let mut name = person.name.clone();
        if let Some(native) = &person.native {
            name = format!("{name} {native}");
        }
        if app.filter().people.contains(&c.id) {
            name.push_str(" (on)");
        }
        let side = format!(" {:<10}", person.side.as_str());
        let name_w = width.saturating_sub(6 + count_w + cells::width(&side));
        let line = Line::from(vec![
            Span::raw(mark),
            Span::raw(cells::pad(&name, name_w)),
            Span::styled(side, theme.muted),
            Span::styled(format!("{:>count_w$}", count(c.events)), theme.muted),
        ]);
        let y = list.y.saturating_add((k - first) as u16);
        buf.set_line(list.x, y, &line, list.width);
        if k == p.cursor {
            buf.set_style(Rect::new(list.x, y, list.width, 1), theme.selected);
        }
    }
    Room::default()
}
