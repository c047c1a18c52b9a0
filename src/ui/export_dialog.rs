//! The export dialog (`e`) drawn: a box over the panes with a row per
//! field (scope, format, the active filters, the folder), the reason a
//! folder was refused under it, and the name the file gets. The row with
//! the keys is marked `>`; a choice made is in brackets, so neither needs
//! colour.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Block;

use crate::app::picker::NO_PREFECTURE;
use crate::app::{App, ExportDialog, ExportField, Room};
use crate::export::{self, target};
use crate::format;
use crate::model::DayRef;
use crate::ui::theme::Theme;
use crate::ui::{cells, layout};

/// The box's widest.
const WIDTH: u16 = 76;

/// The label column: "> Prefecture ".
const LABEL: usize = 13;

/// One row of the box: its cells and their styles, left to right.
type Row = Vec<(String, Style)>;

/// Draws the dialog, when it is open.
pub fn render(frame: &mut Frame, screen: Rect, app: &App, theme: &Theme) -> Room {
    let Some(dialog) = app.export_dialog() else {
        return Room::default();
    };
    let width = screen.width.saturating_sub(4).min(WIDTH);
    let inner_width = usize::from(layout::inside(Rect::new(0, 0, width, 3)).width);
    let value_width = inner_width.saturating_sub(LABEL);
    let rows = rows(app, dialog, value_width, theme);
    let lines = u16::try_from(rows.len()).unwrap_or(u16::MAX);
    let box_area = layout::centred(screen, width, lines.saturating_add(2));
    cells::clear_box(frame.buffer_mut(), box_area);
    let block = Block::bordered()
        .border_style(theme.focused)
        .title(Line::styled(" Export ", theme.focused))
        .title_bottom(Line::styled(" Enter writes, Esc cancels ", theme.muted));
    frame.render_widget(block, box_area);
    let inner = layout::inside(box_area);
    let buf = frame.buffer_mut();
    for (y, row) in (inner.y..inner.bottom()).zip(rows) {
        let mut x = inner.x;
        for (text, style) in row {
            let room = usize::from(inner.right().saturating_sub(x));
            x = cells::put(buf, x, y, &text, room, style);
        }
    }
    Room::default()
}

/// The rows inside the box.
fn rows(app: &App, d: &ExportDialog, width: usize, theme: &Theme) -> Vec<Row> {
    let label = |field: Option<ExportField>, name: &str| {
        let here = field.is_some_and(|f| f == d.field);
        let mark = if here { "> " } else { "  " };
        let style = if here { theme.key } else { theme.label };
        (cells::pad(&format!("{mark}{name}"), LABEL), style)
    };
    let focused = |field: ExportField| d.field == field;
    let mut out = Vec::new();

    let day = d.day.map(|day| match day {
        DayRef::Day(i) => app
            .trip()
            .days
            .get(i)
            .map_or_else(|| format!("day {}", i + 1), |x| format::tab_day(x.date)),
        DayRef::Unscheduled => "unscheduled".into(),
    });
    let mut scope = vec![label(Some(ExportField::Scope), "Scope")];
    if let Some(day) = day {
        scope.extend(choice(
            &format!("the day, {day}"),
            !d.whole_trip,
            focused(ExportField::Scope),
            theme,
        ));
    }
    scope.extend(choice(
        "the whole trip",
        d.whole_trip,
        focused(ExportField::Scope),
        theme,
    ));
    out.push(scope);

    let mut formats = vec![label(Some(ExportField::Format), "Format")];
    for f in target::formats() {
        formats.extend(choice(
            target::label(f),
            f == d.format,
            focused(ExportField::Format),
            theme,
        ));
    }
    out.push(formats);

    let trip = app.trip();
    let prefectures: Vec<&str> = d
        .filter
        .prefectures
        .iter()
        .map(|p| p.as_ref().map_or(NO_PREFECTURE, |p| p.display()))
        .collect();
    let people: Vec<&str> = d
        .filter
        .people
        .iter()
        .map(|id| trip.person(*id).name.as_str())
        .collect();
    if !prefectures.is_empty() {
        out.push(switch(
            label(Some(ExportField::Prefectures), "Prefecture"),
            d.prefectures,
            &prefectures.join(", "),
            focused(ExportField::Prefectures),
            theme,
        ));
    }
    if !people.is_empty() {
        out.push(switch(
            label(Some(ExportField::People), "People"),
            d.people,
            &people.join(", "),
            focused(ExportField::People),
            theme,
        ));
    }
    if d.filter.is_empty() {
        out.push(vec![
            label(None, "Filter"),
            ("none active (p, f set one)".into(), theme.muted),
        ]);
    }
    out.push(Vec::new());

    out.push(folder(
        label(Some(ExportField::Dir), "Folder"),
        d,
        width,
        theme,
    ));
    if let Some(why) = &d.error {
        for line in cells::wrap(why, width) {
            out.push(vec![(" ".repeat(LABEL), theme.error), (line, theme.error)]);
        }
    }
    // The name, and when there is room what a taken one becomes.
    let name = export::file_name(trip, &d.scope(), d.format).unwrap_or_else(|why| why);
    let taken = " (if taken: -2, -3...)";
    let name = match cells::width(&name) + cells::width(taken) <= width {
        true => format!("{name}{taken}"),
        false => cells::shorten(&name, width),
    };
    out.push(vec![label(None, "File"), (name, theme.muted)]);
    out
}

/// An option of a choice: in brackets when chosen (reversed while the row
/// has the keys), else between spaces.
fn choice(name: &str, chosen: bool, focused: bool, theme: &Theme) -> Row {
    match (chosen, focused) {
        (true, true) => vec![
            (format!("[{name}]"), theme.selected),
            ("  ".into(), Style::new()),
        ],
        (true, false) => vec![(format!("[{name}]  "), theme.key)],
        (false, _) => vec![(format!(" {name}   "), Style::new())],
    }
}

/// A filter that applies or not: `[x] Tokyo`, `[ ] Tokyo (off)`.
fn switch(label: (String, Style), on: bool, names: &str, focused: bool, theme: &Theme) -> Row {
    let mark = if on { "[x]" } else { "[ ]" };
    let style = if focused { theme.selected } else { theme.key };
    let rest = if on {
        format!(" {names}")
    } else {
        format!(" {names} (off: not applied)")
    };
    vec![label, (mark.into(), style), (rest, Style::new())]
}

/// The folder's line, scrolled to keep the cursor in view, the cursor
/// reversed while it has the keys.
fn folder(label: (String, Style), d: &ExportDialog, width: usize, theme: &Theme) -> Row {
    let text = d.dir.value();
    if d.field != ExportField::Dir {
        let shown = if text.is_empty() {
            ("the current directory".to_string(), theme.muted)
        } else {
            (cells::shorten(text, width), Style::new())
        };
        return vec![label, shown];
    }
    let room = width.saturating_sub(1);
    let scroll = d.dir.scroll(room);
    let shown = skip_cells(text, scroll);
    let cursor = d.dir.cursor_cells().saturating_sub(scroll);
    let (before, after) = split_at_cells(&shown, cursor);
    let mut chars = after.chars();
    let under = chars.next().map_or_else(|| " ".to_string(), String::from);
    vec![
        label,
        (before, Style::new()),
        (under, theme.selected),
        (chars.collect(), Style::new()),
    ]
}

/// `text` without its first `cells` display cells.
fn skip_cells(text: &str, cells: usize) -> String {
    let mut used = 0;
    text.chars()
        .skip_while(|c| {
            let skip = used < cells;
            used += cells::width(c.encode_utf8(&mut [0; 4]));
            skip
        })
        .collect()
}

/// `text` cut where `cells` display cells end.
fn split_at_cells(text: &str, cells: usize) -> (String, String) {
    let mut used = 0;
    let at = text
        .char_indices()
        .find(|(_, c)| {
            let past = used >= cells;
            used += cells::width(c.encode_utf8(&mut [0; 4]));
            past
        })
        .map_or(text.len(), |(i, _)| i);
    (text[..at].to_string(), text[at..].to_string())
}
