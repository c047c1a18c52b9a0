//! The event form: a box over the panes, one row per field (a few for
//! notes), the focused field's cursor, the reason a save was refused under
//! the field at fault, and, in a people field, the trip's people to pick
//! from, grouped by side.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::app::form::{self, Form};
use crate::app::{App, Room};
use crate::edit::fields::Kind;
use crate::model::Trip;
use crate::ui::layout;
use crate::ui::theme::Theme;

/// The box's widest.
const WIDTH: u16 = 78;
/// The label column.
const LABEL: usize = 12;
/// Lines a multi-line field shows.
const MULTI: usize = 3;
/// People rows the picker shows.
const PICKS: usize = 8;

/// One row of the form: its text, and the cursor's cell when it has it.
struct Row {
    line: Line<'static>,
    cursor: Option<usize>,
}

/// Draws the form, when it is open.
pub fn render(frame: &mut Frame, screen: Rect, app: &App, theme: &Theme) -> Room {
    let Some(form) = app.form() else {
        return Room::default();
    };
    let width = screen.width.saturating_sub(4).min(WIDTH);
    let height = screen.height.saturating_sub(2);
    let area = layout::centred(screen, width, height);
    crate::ui::cells::clear_box(frame.buffer_mut(), area);
    let bottom = if form.asking {
        Line::styled(" Drop what was typed? y yes, n no ", theme.error)
    } else {
        Line::styled(format!(" {} ", form.prompt()), theme.muted)
    };
    let block = Block::bordered()
        .border_style(theme.focused)
        .title(Line::styled(format!(" {} ", form.label), theme.focused))
        .title_bottom(bottom);
    frame.render_widget(block, area);
    let inner = layout::inside(area);
    if inner.width == 0 || inner.height == 0 {
        return Room::default();
    }
    let value_width = usize::from(inner.width).saturating_sub(LABEL + 1);
    let (rows, focus_row) = rows(form, app.trip(), value_width, theme);
    // The focused field's rows in view.
    let shown = usize::from(inner.height);
    let top = focus_row.saturating_sub(shown.saturating_sub(PICKS + 2).max(1) / 2);
    let top = top.min(rows.len().saturating_sub(shown));
    let buf = frame.buffer_mut();
    for (i, row) in rows.iter().skip(top).take(shown).enumerate() {
        let y = inner.y + i as u16;
        buf.set_line(inner.x, y, &row.line, inner.width);
        if let Some(x) = row.cursor
            && let Ok(x) = u16::try_from(LABEL + 1 + x)
            && x < inner.width
        {
            buf[(inner.x + x, y)].set_style(theme.selected);
        }
    }
    Room::default()
}

/// Every row of the form, and the first row of the focused field.
fn rows(form: &Form, trip: &Trip, width: usize, theme: &Theme) -> (Vec<Row>, usize) {
    let mut rows = Vec::new();
    let mut focus_row = 0;
    for (i, field) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        if focused {
            focus_row = rows.len();
        }
        let label_style = if focused { theme.key } else { theme.label };
        let label = format!("{:>w$} ", field.label, w = LABEL);
        let text = &form.texts[i];
        let lines: Vec<String> = match field.kind {
            Kind::People => vec![names(trip, &form.keys(i))],
            _ => text.lines().to_vec(),
        };
        let (cursor_line, cursor_col) = text.cursor();
        let many = matches!(field.kind, Kind::MultiLine | Kind::List);
        let first = if many {
            cursor_line.saturating_sub(MULTI - 1)
        } else {
            0
        };
        let count = if many { MULTI } else { 1 };
        for n in first..first + count {
            let value = lines.get(n).cloned().unwrap_or_default();
            let lead = if n == first {
                Span::styled(label.clone(), label_style)
            } else {
                Span::raw(" ".repeat(LABEL + 1))
            };
            let (cursor, shown) = if focused && field.kind != Kind::People && n == cursor_line {
                let cells: usize = value
                    .chars()
                    .take(cursor_col)
                    .filter_map(|c| c.width())
                    .sum();
                let scroll = (cells + 1).saturating_sub(width);
                (Some(cells - scroll), skip_cells(&value, scroll))
            } else {
                (None, value)
            };
            let style = if field.required && shown.is_empty() && n == first {
                theme.muted
            } else {
                Style::default()
            };
            let empty = shown.is_empty() && n == first && !focused;
            let (shown, style) = match field.default {
                _ if field.required && empty => ("(required)".to_string(), style),
                // What the file means by leaving it out.
                Some(d) if empty => (format!("({d})"), theme.muted),
                _ => (shown, style),
            };
            rows.push(Row {
                line: Line::from(vec![lead, Span::styled(shown, style)]),
                cursor,
            });
        }
        if let Some(theirs) = &form.theirs[i] {
            rows.push(note(
                format!("saved outside: {}", crate::edit::fields::one_line(theirs)),
                theme.tentative,
            ));
        }
        if let Some((at, why)) = &form.error
            && *at == Some(i)
        {
            rows.push(note(format!("↳ {why}"), theme.error));
        }
        if focused && field.kind == Kind::People {
            picker(form, i, trip, theme, &mut rows);
        }
    }
    if let Some((None, why)) = &form.error {
        rows.insert(0, note(why.clone(), theme.error));
        focus_row += 1;
    }
    (rows, focus_row)
}

/// A row under a field: the reason a save was refused, a conflict.
fn note(text: String, style: Style) -> Row {
    Row {
        line: Line::from(vec![
            Span::raw(" ".repeat(LABEL + 1)),
            Span::styled(text, style),
        ]),
        cursor: None,
    }
}

/// The people picked, by name.
fn names(trip: &Trip, keys: &[String]) -> String {
    keys.iter()
        .map(|k| {
            trip.people
                .iter()
                .find(|p| p.key == *k)
                .map_or(k.clone(), |p| p.name.clone())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The people list of a focused people field: the query typed, then the
/// people it narrows to under their side's heading, `[x]` the picked.
fn picker(form: &Form, i: usize, trip: &Trip, theme: &Theme, rows: &mut Vec<Row>) {
    let picked = form.keys(i);
    let shown = form::people(trip, &form.picker.query);
    rows.push(Row {
        line: Line::from(vec![
            Span::raw(" ".repeat(LABEL + 1)),
            Span::styled("find: ", theme.muted),
            Span::raw(form.picker.query.clone()),
        ]),
        cursor: Some(6 + form.picker.query.width()),
    });
    if shown.is_empty() {
        rows.push(note("nobody matches".into(), theme.muted));
        return;
    }
    let first = form.picker.row.saturating_sub(PICKS - 1);
    let mut side = None;
    for (n, (_, p)) in shown.iter().enumerate().skip(first).take(PICKS) {
        if side != Some(p.side) {
            side = Some(p.side);
            rows.push(note(format!("{}", p.side), theme.title));
        }
        let mark = if picked.contains(&p.key) {
            "[x]"
        } else {
            "[ ]"
        };
        let mut text = format!("{mark} {}", p.name);
        if let Some(native) = &p.native {
            text.push_str(&format!(" {native}"));
        }
        if let Some(role) = &p.role {
            text.push_str(&format!(" — {role}"));
        }
        let style = if n == form.picker.row {
            theme.selected
        } else {
            Style::default()
        };
        rows.push(note(text, style));
    }
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
