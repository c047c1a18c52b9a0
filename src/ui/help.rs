//! The help overlay, generated from the key table in force (a
//! [`Keymap`]: the defaults with the config's keys over them), so it lists
//! exactly the keys that work.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use crate::app::{App, Room};
use crate::keys::{Context, Keymap};
use crate::ui::cells;
use crate::ui::theme::Theme;

/// Width of the key column.
const KEYS: usize = 10;

/// The help text: per context, a heading then one line per binding that
/// has a label.
pub fn lines(theme: &Theme, keys: &Keymap) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for context in [
        Context::Browse,
        Context::Details,
        Context::Glance,
        Context::Picker,
        Context::PersonPicker,
        Context::Search,
        Context::GoTo,
        Context::Entry,
        Context::Form,
        Context::Confirm,
        Context::People,
        Context::TripInfo,
        Context::Log,
        Context::Export,
        Context::ExportChoice,
        Context::Help,
        Context::Diagnostics,
        Context::TooSmall,
        Context::Anywhere,
    ] {
        if !out.is_empty() {
            out.push(Line::default());
        }
        out.push(Line::styled(context.heading(), theme.title));
        for b in keys
            .bindings()
            .iter()
            .filter(|b| b.context == context && !b.label.is_empty())
        {
            out.push(entry(theme, b.label, b.description));
        }
    }
    out.push(Line::default());
    out.push(Line::styled("Mouse", theme.title));
    for (what, does) in [
        ("click", "select a day tab or an event"),
        ("wheel", "move the selection (details: scroll)"),
    ] {
        out.push(entry(theme, what, does));
    }
    out
}

/// One line of help: keys, then what they do.
fn entry(theme: &Theme, keys: &'static str, does: &'static str) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("  {}", cells::pad(keys, KEYS)), theme.key),
        Span::raw(does),
    ])
}

/// The overlay's box on a screen of `screen` for a help of `count` lines:
/// centred, at most 64×(lines+2).
pub fn area(screen: Rect, count: usize) -> Rect {
    let w = screen.width.saturating_sub(4).min(64);
    let h = screen
        .height
        .saturating_sub(2)
        .min(u16::try_from(count + 2).unwrap_or(u16::MAX));
    Rect::new(
        screen.x.saturating_add((screen.width - w) / 2),
        screen.y.saturating_add((screen.height - h) / 2),
        w,
        h,
    )
}

/// The text area inside the overlay's border and padding.
pub fn inner(screen: Rect, count: usize) -> Rect {
    let a = area(screen, count);
    Rect::new(
        a.x.saturating_add(2),
        a.y.saturating_add(1),
        a.width.saturating_sub(4),
        a.height.saturating_sub(2),
    )
}

/// Draws the help overlay from the key table; returns its room.
pub fn render(frame: &mut Frame, screen: Rect, app: &App, theme: &Theme, keys: &Keymap) -> Room {
    let all = lines(theme, keys);
    let top = app.help().unwrap_or(0);
    text_box(
        frame,
        (area(screen, all.len()), inner(screen, all.len())),
        " Keys ",
        &all,
        top,
        theme,
    )
}

/// A box of text over the panes (help, the trip overview) in `areas` (the
/// box, its text area), scrolled to `top`, saying where the view is when
/// the text does not fit; returns its room.
pub fn text_box(
    frame: &mut Frame,
    (box_area, text_area): (Rect, Rect),
    title: &'static str,
    all: &[Line<'static>],
    top: usize,
    theme: &Theme,
) -> Room {
    let shown = usize::from(text_area.height);
    let scroll = top.min(all.len().saturating_sub(shown));
    crate::ui::cells::clear_box(frame.buffer_mut(), box_area);
    let mut block = Block::bordered()
        .border_style(theme.focused)
        .title(Line::styled(title, theme.focused))
        .title_bottom(Line::styled(" Esc closes ", theme.focused).right_aligned());
    if all.len() > shown {
        // Where the view is, as the details and the ! pane say it: at 80×24
        // the list is three screens long.
        let at = format!(
            " j/k scroll: lines {}-{} of {} ",
            scroll + 1,
            (scroll + shown).min(all.len()),
            all.len()
        );
        block = block.title_bottom(Line::styled(at, theme.focused));
    }
    frame.render_widget(block, box_area);
    let buf = frame.buffer_mut();
    for (i, line) in all.iter().skip(scroll).take(shown).enumerate() {
        buf.set_line(
            text_area.x,
            text_area.y.saturating_add(i as u16),
            line,
            text_area.width,
        );
    }
    Room {
        rows: shown,
        cols: usize::from(text_area.width),
        lines: all.len(),
        width: 0,
    }
}
