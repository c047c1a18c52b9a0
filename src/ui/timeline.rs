//! The timeline of the selected day: a time column, the stops with their
//! meetings indented under them, and an hour bar drawing each event's span.
//!
//! Only the rows in the window are built; the window follows `App::offset`,
//! widened here only if the terminal changed size since the last update.

use chrono::{NaiveTime, Timelike};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Borders;

use crate::app::search;
use crate::app::{App, Focus};
use crate::format;
use crate::model::{DayRef, Event, EventRef, Status};
use crate::ui::cells;
use crate::ui::day::DayAreas;
use crate::ui::theme::Theme;

/// Width of the time column: "10:00-12:00", "time not set".
pub const TIME_WIDTH: u16 = 12;

/// Width of the home clock's column, when there is a home zone:
/// "23:30-01:00 -1d".
pub const HOME_WIDTH: u16 = 15;

/// Where the parts of a row go, for a row of a given width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Columns {
    /// The home clock's column; 0 wide without a home zone.
    pub home_x: u16,
    pub home_width: u16,
    pub title_x: u16,
    pub title_width: u16,
    /// The hour bar; 0 wide when there is no room for it.
    pub bar_x: u16,
    pub bar_width: u16,
    /// Minutes per cell of the bar: a whole fraction of an hour (15, 20,
    /// 30, 60), or whole hours (120, 180, 240, 360) when a long day
    /// would not fit otherwise.
    pub minutes: u16,
    /// The first hour on the bar (a multiple of a cell's hours).
    pub first_hour: u16,
}

/// The cell sizes the bar may take, finest first.
const CELL_MINUTES: [u16; 8] = [15, 20, 30, 60, 120, 180, 240, 360];

/// Splits a row of `width` cells for a day whose bar covers `hours`: the bar
/// takes at most two fifths of what the time columns leave, at the finest
/// cell size that fits there (a long day, 00:30 to 22:30 beside the home
/// clock, gets a cell per two hours rather than no bar); no bar for a day
/// without times, or when even a cell per six hours does not fit.
pub fn columns(width: u16, hours: Option<(u8, u8)>) -> Columns {
    columns_with(width, hours, false)
}

/// [`columns`], with the home clock's column after the time when `home`.
pub fn columns_with(width: u16, hours: Option<(u8, u8)>, home: bool) -> Columns {
    let home_width = if home { HOME_WIDTH } else { 0 };
    let home_x = TIME_WIDTH + 1;
    let title_x = home_x + home_width + u16::from(home);
    let rest = width.saturating_sub(title_x);
    let budget = rest * 2 / 5;
    let (minutes, first, bar_width) = match hours {
        Some((first, last)) => CELL_MINUTES
            .iter()
            .map(|&m| {
                // Cells of whole hours start on a multiple of their hours.
                let first = u16::from(first);
                let first = first - first % (m / 60).max(1);
                let span = (u16::from(last).max(first + 1) - first) * 60;
                (m, first, span.div_ceil(m))
            })
            .find(|(_, _, cells)| *cells <= budget)
            .unwrap_or((60, 0, 0)),
        None => (60, 0, 0),
    };
    let title_width = rest.saturating_sub(bar_width + u16::from(bar_width > 0));
    Columns {
        home_x,
        home_width,
        title_x,
        title_width,
        bar_x: title_x + title_width + 1,
        bar_width,
        minutes,
        first_hour: first,
    }
}

/// The hour bar of an event: `=` over its span, `|` at the one time it has
/// (a start without an end: the cell it starts in; an end without a start,
/// "until 15:00": the cell it ends in), `.` at each hour on the empty part.
/// ASCII only, so every terminal gives each cell one column.
pub fn bar(cols: &Columns, start: Option<NaiveTime>, end: Option<NaiveTime>) -> String {
    bar_cells(cols, start, end).collect()
}

/// The bar cell that holds `now`, if the bar covers it.
pub fn now_cell(cols: &Columns, now: NaiveTime) -> Option<u16> {
    let minute = now.hour() * 60 + now.minute();
    let first = u32::from(cols.first_hour) * 60;
    let cell = minute.checked_sub(first)? / u32::from(cols.minutes.max(1));
    u16::try_from(cell).ok().filter(|c| *c < cols.bar_width)
}

/// The now marker on the bar: a light vertical line.
pub const NOW_MARK: char = '│';

/// The cells of [`bar`], one by one, so that a row can set them directly.
fn bar_cells(
    cols: &Columns,
    start: Option<NaiveTime>,
    end: Option<NaiveTime>,
) -> impl Iterator<Item = char> {
    let minute = |t: NaiveTime| t.hour() * 60 + t.minute();
    let (start, end) = (start.map(minute), end.map(minute));
    let m = u32::from(cols.minutes.max(1));
    let first = u32::from(cols.first_hour) * 60;
    (0..u32::from(cols.bar_width)).map(move |i| {
        let lo = first + i * m;
        let hi = lo + m;
        let hour_mark = if lo % 60 == 0 { '.' } else { ' ' };
        match (start, end) {
            (Some(s), Some(e)) if (s < hi && e > lo) || (s == e && s >= lo && s < hi) => '=',
            (Some(s), None) if s >= lo && s < hi => '|',
            // The cell whose right edge is the end: the bar ends there.
            (None, Some(e)) if e > lo && e <= hi => '|',
            _ => hour_mark,
        }
    })
}

/// The hour labels above the bar: on hours at least three cells apart,
/// so that each label ("08") has room and a gap.
pub fn scale(cols: &Columns) -> String {
    let m = usize::from(cols.minutes.max(1));
    // Cells from one label to the next: whole hours, at least three cells.
    let gap = if m < 60 {
        let per = 60 / m;
        per * 3usize.div_ceil(per)
    } else {
        3
    };
    let mut out = vec![' '; usize::from(cols.bar_width)];
    for at in (0..out.len()).step_by(gap) {
        let hour = (usize::from(cols.first_hour) * 60 + at * m) / 60;
        let label = format!("{:02}", hour % 24);
        if at + 2 <= out.len() {
            for (i, c) in label.chars().enumerate() {
                out[at + i] = c;
            }
        }
    }
    out.into_iter().collect()
}

/// The pane's title in at most `max` cells: the day's date and title,
/// the title cut by its cells with "..." and "(today)" kept whole.
pub fn title(app: &App, max: usize) -> String {
    match app.current().map(|t| t.day) {
        Some(DayRef::Day(i)) => match app.trip().days.get(i) {
            Some(d) => {
                let mut s = format!(" {}", format::day(d.date));
                if let Some(t) = &d.title {
                    s.push_str(" - ");
                    s.push_str(t);
                }
                let today = app.now.is_some_and(|n| n.date() == d.date);
                let tail = if today { " (today) " } else { " " };
                cells::fit_keeping(&s, tail, max)
            }
            None => String::new(),
        },
        Some(DayRef::Unscheduled) => " Unscheduled: during the trip, day not known ".into(),
        None => String::new(),
    }
}

/// What an empty day says: "No events on this day.", or with a filter on,
/// "No events in Tokyo on this day."
pub fn empty_text(app: &App) -> String {
    if app.filter().is_empty() {
        return "No events on this day.".into();
    }
    let names = crate::ui::header::filter_names(app);
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            format!("No events in {} or {last} on this day.", rest.join(", "))
        }
        _ => format!("No events in {} on this day.", names.join("")),
    }
}

/// The style an event's status adds.
pub fn status_style(theme: &Theme, status: Status) -> Style {
    match status {
        Status::Confirmed => Style::new(),
        Status::Tentative => theme.tentative,
        Status::Cancelled => theme.cancelled,
    }
}

/// What a title is followed by for its status: nothing when confirmed,
/// else " (tentative)" or " (cancelled)".
pub fn status_suffix(status: Status) -> String {
    match status {
        Status::Confirmed => String::new(),
        s => format!(" ({s})"),
    }
}

/// Draws one timeline row at (`x`, `y`): the time, the title, the bar.
/// The time and the bar are ASCII and set cell by cell; no `Line` is built
/// (a full-screen timeline is most of a frame's work).
#[allow(clippy::too_many_arguments)]
fn draw_row(
    buf: &mut Buffer,
    row: Rect,
    app: &App,
    theme: &Theme,
    cols: &Columns,
    r: EventRef,
    event: &Event<'_>,
    matched: bool,
) {
    let (indent, base) = match event {
        Event::Stop(_) => ("", theme.stop),
        Event::Meeting(..) => ("  - ", Style::new()),
    };
    let status = event.status();
    let suffix = status_suffix(status);
    // What is over is dimmed, so what is left of the day stands out.
    let over = if app.is_over(r) {
        theme.past
    } else {
        Style::new()
    };
    let style = base.patch(status_style(theme, status)).patch(over);
    let (y, right) = (row.y, row.right());
    // Cells left in the row from `at`, at most `n`.
    let room = |at: u16, n: u16| n.min(right.saturating_sub(at));
    let time = format::span(event.start(), event.end());
    let time_style = theme.muted.patch(status_style(theme, status));
    let mut at = cells::put(
        buf,
        row.x,
        y,
        &time,
        usize::from(room(row.x, TIME_WIDTH)),
        time_style,
    );
    at = fill(buf, at, y, room(at, row.x + TIME_WIDTH - at), time_style);
    at = fill(buf, at, y, room(at, 1), Style::new());
    if cols.home_width > 0 {
        let home = home_time(app, r, event);
        let end = row.x + cols.home_x + cols.home_width;
        at = cells::put(
            buf,
            at,
            y,
            &home,
            usize::from(room(at, cols.home_width)),
            time_style,
        );
        at = fill(buf, at, y, room(at, end.saturating_sub(at)), time_style);
        at = fill(buf, at, y, room(at, 1), Style::new());
    }
    // The status marker is kept whatever the width; the title gives way.
    let title = format!("{indent}{}", event.title());
    let padded = cells::pad_keeping(&title, &suffix, usize::from(cols.title_width));
    for span in title_spans(app, theme, padded, matched, indent.len(), style) {
        at = cells::put(
            buf,
            at,
            y,
            &span.content,
            usize::from(room(at, u16::MAX)),
            span.style,
        );
    }
    if cols.bar_width > 0 {
        at = fill(buf, at, y, room(at, 1), Style::new());
        let cells = bar_cells(cols, event.start(), event.end());
        let mut marked = 0;
        for (x, c) in (at..right).zip(cells) {
            marked += usize::from(matches!(c, '=' | '|'));
            if let Some(cell) = buf.cell_mut((x, y)) {
                cell.set_char(c).set_style(theme.bar.patch(over));
            }
        }
        if let Some(cell) = now_on(app, r.day)
            .and_then(|n| now_cell(cols, n))
            .and_then(|c| buf.cell_mut((at + c, y)))
        {
            // An event's only mark stays (in the marker's style): on a bar
            // of two hours a cell, the marker would hide the event under way.
            let only = marked == 1 && matches!(cell.symbol(), "=" | "|");
            if !only {
                cell.set_char(NOW_MARK);
            }
            cell.set_style(theme.now);
        }
    }
}

/// The time of now when `day` is today's and the trip is under way: the
/// day whose bar gets the now marker.
fn now_on(app: &App, day: DayRef) -> Option<NaiveTime> {
    let now = app.now.filter(|_| app.under_way())?;
    match day {
        DayRef::Day(i) if app.trip().days.get(i).is_some_and(|d| d.date == now.date()) => {
            Some(now.time())
        }
        _ => None,
    }
}

/// An event's times on the home clock, for its column; empty on no day.
pub fn home_time(app: &App, r: EventRef, event: &Event<'_>) -> String {
    let trip = app.trip();
    let (Some(home), DayRef::Day(i)) = (trip.home(), r.day) else {
        return String::new();
    };
    let Some(date) = trip.days.get(i).map(|d| d.date) else {
        return String::new();
    };
    let at = |t: Option<NaiveTime>| t.map(|t| crate::clock::at_home(trip.timezone, home, date, t));
    format::home_span(date, at(event.start()), at(event.end()))
}

/// Sets `n` cells from `x` to spaces in `style`; returns the column after.
fn fill(buf: &mut Buffer, x: u16, y: u16, n: u16, style: Style) -> u16 {
    for i in 0..n {
        if let Some(cell) = buf.cell_mut((x + i, y)) {
            cell.set_char(' ').set_style(style);
        }
    }
    x + n
}

/// A row's title: for a match, the matching text highlighted where the
/// title shows it, or the whole title when the match is elsewhere (a
/// person, a topic) or cut off.
fn title_spans(
    app: &App,
    theme: &Theme,
    padded: String,
    matched: bool,
    skip: usize,
    style: Style,
) -> Vec<Span<'static>> {
    if !matched {
        return vec![Span::styled(padded, style)];
    }
    let hit = app.search().query.as_str();
    let at = padded
        .get(skip..)
        .and_then(|t| search::find_in(t, hit))
        .map(|r| r.start + skip..r.end + skip);
    match at {
        Some(r) => {
            let (head, rest) = padded.split_at(r.start);
            let (word, tail) = rest.split_at(r.len());
            vec![
                Span::styled(head.to_string(), style),
                Span::styled(word.to_string(), style.patch(theme.matched)),
                Span::styled(tail.to_string(), style),
            ]
        }
        None => vec![Span::styled(padded, style.patch(theme.matched))],
    }
}

/// Draws the timeline pane: the rows of the window that keeps the
/// selection on screen.
pub fn render(frame: &mut Frame, areas: &DayAreas, app: &App, theme: &Theme) {
    let focused = app.focus() == Focus::Timeline;
    let border = theme.border(focused);
    // Room for " 12 of 345 " on the right, and a cell of border each side.
    let count = app.current().map_or(0, |t| {
        cells::width(&format!(" {} of {} ", t.events.len(), t.events.len())) + 1
    });
    let room = usize::from(areas.timeline.width).saturating_sub(count + 2);
    let mut block = crate::ui::pane_block(theme, focused, Borders::TOP, title(app, room));
    let Some(tab) = app.current() else {
        frame.render_widget(block, areas.timeline);
        return;
    };
    if !tab.events.is_empty() {
        let pos = format!(" {} of {} ", app.selected() + 1, tab.events.len());
        block = block.title(Line::styled(pos, border).right_aligned());
    }
    frame.render_widget(block, areas.timeline);
    let rows = areas.timeline_rows;
    // The home column on a day with times only: beside "time not set" it
    // would be empty.
    let home = app.trip().home().filter(|_| tab.hours.is_some());
    let cols = columns_with(rows.width, tab.hours, home.is_some());
    let buf = frame.buffer_mut();
    // Column headings, and the hours over the bar.
    let heading = match home {
        Some(home) => format!(
            "{}{}{}",
            cells::pad("time", usize::from(cols.home_x)),
            cells::pad(
                &cells::fit(&crate::clock::label(home), usize::from(cols.home_width)),
                usize::from(cols.title_x - cols.home_x)
            ),
            "event"
        ),
        None => format!(
            "{}{}",
            cells::pad("time", usize::from(cols.title_x)),
            "event"
        ),
    };
    buf.set_stringn(
        areas.scale.x,
        areas.scale.y,
        heading,
        usize::from(cols.title_x + cols.title_width),
        theme.muted,
    );
    if cols.bar_width > 0 {
        let x = areas.scale.x.saturating_add(cols.bar_x);
        cells::put(
            buf,
            x,
            areas.scale.y,
            &scale(&cols),
            usize::MAX,
            theme.muted,
        );
    }
    if tab.events.is_empty() {
        let empty = empty_text(app);
        buf.set_stringn(rows.x, rows.y, &empty, usize::from(rows.width), theme.muted);
        return;
    }
    let len = tab.events.len();
    let start = app.timeline_top(usize::from(rows.height));
    let end = len.min(start + usize::from(rows.height));
    for (i, r) in (start..end).zip(&tab.events[start..end]) {
        let Some(event) = app.trip().event(*r) else {
            continue;
        };
        let y = rows.y.saturating_add((i - start) as u16);
        let matched = app.search().is_hit((app.tab(), i));
        let row = Rect::new(rows.x, y, rows.width, 1);
        draw_row(buf, row, app, theme, &cols, *r, &event, matched);
        if i == app.selected() {
            buf.set_style(Rect::new(rows.x, y, rows.width, 1), theme.selected);
            // In the padding column: the selection shows without attributes too.
            if rows.x > areas.timeline.x {
                buf.set_string(rows.x - 1, y, ">", theme.focused);
            }
        } else if matched && rows.x > areas.timeline.x {
            // A match shows in the gutter too, whatever the terminal draws.
            buf.set_string(rows.x - 1, y, "*", theme.matched);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, 0)
    }

    #[test]
    fn columns_give_the_bar_whole_cells_per_hour() {
        let c = columns(78, Some((8, 20)));
        assert_eq!((c.title_x, c.title_width), (13, 40));
        assert_eq!((c.bar_x, c.bar_width, c.minutes), (54, 24, 30));
        assert_eq!(c.bar_x + c.bar_width, 78);
        let narrow = columns(20, Some((8, 20)));
        assert_eq!(narrow.bar_width, 0, "no room: no bar");
        assert_eq!(narrow.title_width, 7);
        let untimed = columns(78, None);
        assert_eq!(
            (untimed.bar_width, untimed.title_width),
            (0, 65),
            "no times: no bar"
        );
    }

    #[test]
    fn bar_fills_the_span_marks_a_start_and_dots_the_hours() {
        let c = columns(78, Some((8, 20)));
        assert_eq!(bar(&c, t(9, 0), t(12, 0)), ". ======. . . . . . . . ");
        assert_eq!(bar(&c, t(9, 30), t(10, 45)), ". .===. . . . . . . . . ");
        assert_eq!(bar(&c, t(14, 0), None), ". . . . . . | . . . . . ");
        assert_eq!(bar(&c, None, t(15, 0)), ". . . . . . .|. . . . . ");
        assert_eq!(bar(&c, None, t(8, 10)), "| . . . . . . . . . . . ");
        assert_eq!(bar(&c, t(10, 0), t(10, 0)), ". . = . . . . . . . . . ");
        assert_eq!(bar(&c, None, None), ". . . . . . . . . . . . ");
        assert_eq!(scale(&c), "08  10  12  14  16  18  ");
    }

    /// Issue 22, item 8: a day from 00:30 (or 01:30, the night the clocks
    /// go back) to 22:30 beside the home clock at 80 columns kept no bar at
    /// all; it gets a cell per two hours, and the now marker a cell.
    #[test]
    fn a_long_day_beside_the_home_clock_keeps_a_coarser_bar() {
        // The timeline's rows at 80 columns are 78 wide.
        let c = columns_with(78, Some((1, 23)), true);
        assert_eq!((c.minutes, c.first_hour, c.bar_width), (120, 0, 12));
        assert_eq!(c.bar_x + c.bar_width, 78);
        assert_eq!(bar(&c, t(1, 30), t(2, 15)), "==..........");
        assert_eq!(bar(&c, t(19, 0), t(22, 30)), ".........===");
        assert_eq!(scale(&c), "00 06 12 18 ");
        assert_eq!(
            now_cell(&c, NaiveTime::from_hms_opt(10, 40, 0).unwrap()),
            Some(5)
        );
        // Midnight to midnight: a cell per two hours still.
        let c = columns_with(78, Some((0, 24)), true);
        assert_eq!((c.minutes, c.bar_width), (120, 12));
        // The finest that fits: a cell per hour at 100 columns.
        let c = columns_with(98, Some((0, 21)), true);
        assert_eq!((c.minutes, c.bar_width), (60, 21));
    }

    #[test]
    fn any_width_and_hours_stay_inside_the_row() {
        for width in 0..=300 {
            for (lo, hi) in [(0, 24), (8, 20), (23, 24), (7, 22)] {
                let c = columns(width, Some((lo, hi)));
                if c.bar_width > 0 {
                    assert!(c.bar_x + c.bar_width <= width);
                }
                assert_eq!(
                    bar(&c, t(lo as u32, 0), t(23, 59)).len(),
                    usize::from(c.bar_width)
                );
                assert_eq!(scale(&c).len(), usize::from(c.bar_width));
            }
        }
    }
}
