//! The `!` pane: every diagnostic of the file, exactly as `itinerary check`
//! prints them, over the panes (the header and the status line stay).
//!
//! Lines are not wrapped, so a caret stays under the text it points at;
//! h/l scroll sideways when a line is wider than the pane.

use ratatui::Frame;
use ratatui::layout::{Margin, Rect};
use ratatui::text::Line;
use ratatui::widgets::Block;
use unicode_width::UnicodeWidthChar;

use crate::app::{App, Overlay, Room};
use crate::ui::theme::Theme;

/// The pane's box on a screen of `screen`: everything but the header row,
/// the status line and a column on each side.
pub fn area(screen: Rect) -> Rect {
    Rect::new(
        screen.x.saturating_add(1),
        screen.y.saturating_add(1),
        screen.width.saturating_sub(2),
        screen.height.saturating_sub(2),
    )
}

/// The text area inside the pane's border and padding.
pub fn inner(screen: Rect) -> Rect {
    area(screen).inner(Margin::new(2, 1))
}

/// `line` without its first `left` cells; a wide character cut in half
/// becomes a space, so the rest keeps its columns.
fn skip_cells(line: &str, left: usize) -> String {
    let mut used = 0;
    let mut out = String::new();
    for c in line.chars() {
        let w = c.width().unwrap_or(0);
        if used >= left {
            out.push(c);
        } else if used + w > left {
            out.extend(std::iter::repeat_n(' ', used + w - left));
        }
        used += w;
    }
    out
}

/// Draws the diagnostics pane (`!`) over the screen; returns its room.
pub fn render(frame: &mut Frame, screen: Rect, app: &App, theme: &Theme) -> Room {
    let Overlay::Problems(problems) = app.overlay() else {
        return Room::default();
    };
    let pane = problems.scroll;
    let box_area = area(screen);
    let text_area = inner(screen);
    let lines = &problems.lines;
    let shown = usize::from(text_area.height);
    let wide = problems.width > usize::from(text_area.width);
    crate::ui::cells::clear_box(frame.buffer_mut(), box_area);
    let title = format!(" {} ", app.live.state.pane_title(app.version().source()));
    let mut block = Block::bordered()
        .border_style(theme.focused)
        .title(Line::styled(title, theme.focused))
        .title_bottom(Line::styled(" Esc closes ", theme.focused).right_aligned());
    if lines.len() > shown {
        block = block.title_bottom(Line::styled(
            format!(
                " lines {}-{} of {} ",
                pane.top + 1,
                (pane.top + shown).min(lines.len()),
                lines.len()
            ),
            theme.focused,
        ));
    }
    if wide {
        block = block.title_bottom(Line::styled(
            format!(" from column {} ", pane.left + 1),
            theme.focused,
        ));
    }
    frame.render_widget(block, box_area);
    let buf = frame.buffer_mut();
    for (i, line) in lines.iter().skip(pane.top).take(shown).enumerate() {
        // A problem's first line in its colour; the words say it too.
        let style = if line.starts_with("error") {
            theme.error
        } else if line.starts_with("warning") {
            theme.warning
        } else {
            ratatui::style::Style::default()
        };
        buf.set_stringn(
            text_area.x,
            text_area.y.saturating_add(i as u16),
            skip_cells(line, pane.left),
            usize::from(text_area.width),
            style,
        );
    }
    Room {
        rows: shown,
        cols: usize::from(text_area.width),
        lines: lines.len(),
        width: problems.width,
    }
}

#[cfg(test)]
mod tests {
    use super::skip_cells;

    #[test]
    fn skipping_cells_keeps_columns_through_wide_characters() {
        assert_eq!(skip_cells("abcdef", 2), "cdef");
        assert_eq!(skip_cells("a東京b", 1), "東京b");
        // Half of 東 is cut: a space keeps 京 in its column.
        assert_eq!(skip_cells("a東京b", 2), " 京b");
        assert_eq!(skip_cells("ab", 5), "");
    }
}
