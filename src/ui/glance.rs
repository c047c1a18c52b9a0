//! The glance view, drawn: a time column (and the home clock's beside it
//! when the trip has a home zone), then one column per day: its heading,
//! its untimed events in the row above the hours, and each timed event a
//! block at its time and length, overlapping ones side by side. A line
//! under the grid gives the selected event in full.
//!
//! A block is marked by its first column, so its status shows without
//! colour: `▌` confirmed, `┆` tentative, `x` cancelled (its empty cells
//! hatched `/`, its text struck). The selected block is reversed and its
//! mark is `>`.

use chrono::{Datelike, NaiveTime};
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use crate::app::glance::{self, Block, GlanceRoom};
use crate::app::{App, Viewport};
use crate::clock;
use crate::format;
use crate::model::{DayRef, Event, EventRef, Status};
use crate::ui::cells;
use crate::ui::theme::Theme;

/// The narrowest day column, its separator included: five fit at 80.
pub const MIN_COLUMN: u16 = 13;
/// The time column: `07:00 `.
const TIME_W: u16 = 6;
/// Rows under the grid for the selected event, in full.
const INFO_ROWS: u16 = 2;
/// The most rows an hour gets.
const MAX_PER_HOUR: usize = 4;

/// The glance view's rectangles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GlanceAreas {
    /// The day columns, headings to the last grid row.
    pub days: Rect,
    /// The grid rows.
    pub grid: Rect,
    /// The line of the selected event.
    pub info: Rect,
}

/// Draws the glance in `body`; reports its room in `viewport`.
pub fn render(
    frame: &mut Frame,
    body: Rect,
    app: &App,
    theme: &Theme,
    viewport: &mut Viewport,
) -> GlanceAreas {
    let trip = app.trip();
    let home = trip.home();
    let time_w = if home.is_some() { 2 * TIME_W } else { TIME_W };
    let hours = app.version().hours();
    let grid_h = body.height.saturating_sub(2 + INFO_ROWS);
    let span = usize::from(hours.1 - hours.0);
    let per_hour = (usize::from(grid_h) / span.max(1)).clamp(1, MAX_PER_HOUR);
    let total = span * per_hour;
    let rows = usize::from(grid_h).min(total);
    let days_w = body.width.saturating_sub(time_w);
    let fit = usize::from(days_w / MIN_COLUMN).max(1);
    let shown = fit.min(app.tab_count()).max(1);
    let room = GlanceRoom {
        days: shown,
        rows,
        per_hour,
    };
    viewport.glance = room;
    let (first, top) = app.glance_window(room);
    let col_w = days_w / shown as u16;
    let areas = GlanceAreas {
        days: Rect::new(
            body.x + time_w,
            body.y,
            col_w * shown as u16,
            2 + rows as u16,
        ),
        grid: Rect::new(
            body.x + time_w,
            body.y + 2,
            col_w * shown as u16,
            rows as u16,
        ),
        info: Rect::new(
            body.x,
            body.y + 2 + rows as u16,
            body.width,
            body.height.saturating_sub(2 + rows as u16),
        ),
    };
    let buf = frame.buffer_mut();
    let grid_y = body.y + 2;
    // The time column (and the home clock's): the hours, the now time.
    let date = app
        .selected_day()
        .and_then(|d| match d {
            DayRef::Day(i) => trip.days.get(i).map(|d| d.date),
            DayRef::Unscheduled => None,
        })
        .unwrap_or(trip.start);
    // The zones' names over their columns, cut (not shortened: "Shang").
    let zone = |tz| {
        clock::label(tz)
            .chars()
            .take(usize::from(TIME_W - 1))
            .collect::<String>()
    };
    if let Some(h) = home {
        cells::put(buf, body.x, body.y, &zone(trip.timezone), 5, theme.muted);
        cells::put(buf, body.x + TIME_W, body.y, &zone(h), 5, theme.muted);
    }
    cells::put(buf, body.x, body.y + 1, "(day)", 5, theme.muted);
    for k in 0..rows {
        let row = top + k;
        if row % per_hour != 0 {
            continue;
        }
        let hour = u32::from(hours.0) + (row / per_hour) as u32;
        let Some(t) = NaiveTime::from_hms_opt(hour.min(23), 0, 0) else {
            continue;
        };
        let y = grid_y + k as u16;
        let text = if hour >= 24 {
            "24:00".to_string()
        } else {
            format::hhmm(t)
        };
        cells::put(buf, body.x, y, &text, 5, theme.muted);
        if let Some(h) = home {
            let there = clock::at_home(trip.timezone, h, date, t);
            let text = format::hhmm(there.time());
            cells::put(buf, body.x + TIME_W, y, &text, 5, theme.muted);
        }
    }
    if top > 0 {
        cells::put(buf, body.x + 5, grid_y, "^", 1, theme.muted);
    }
    if top + rows < total && rows > 0 {
        cells::put(
            buf,
            body.x + 5,
            grid_y + rows as u16 - 1,
            "v",
            1,
            theme.muted,
        );
    }
    // Now, while the trip is under way.
    let now = app.now.filter(|_| app.under_way());
    let total_rows = total;
    let now_row = now
        .map(|n| glance::row_at(n.time(), hours, per_hour))
        .filter(|r| *r < total_rows);
    let now_in_view = now_row.filter(|r| (top..top + rows).contains(r));
    if let (Some(n), Some(r)) = (now, now_in_view) {
        let y = grid_y + (r - top) as u16;
        cells::put(buf, body.x, y, &format::hhmm(n.time()), 5, theme.now);
        // The home clock's now beside it, not the hour the row began.
        if let Some(h) = home {
            let there = clock::at_home(trip.timezone, h, n.date(), n.time());
            let text = format::hhmm(there.time());
            cells::put(buf, body.x + TIME_W, y, &text, 5, theme.now);
        }
    }
    let budget = rows * 4 + 8;
    let selected = app.selected_event();
    for c in 0..shown {
        let tab = first + c;
        let Some(day) = app.tab_day(tab) else { break };
        let x = body.x + time_w + c as u16 * col_w;
        let inner = col_w.saturating_sub(1);
        // The separator, down the whole column.
        for y in body.y..grid_y + rows as u16 {
            cells::put(buf, x, y, "│", 1, theme.muted);
        }
        let x = x + 1;
        let heading = match day {
            DayRef::Day(i) => trip.days.get(i).map_or(String::new(), |d| {
                let weekday = format::weekday(d.date.weekday());
                let short: String = weekday.chars().take(3).collect();
                format!("{short} {}", d.date.day())
            }),
            DayRef::Unscheduled => "Unsched.".into(),
        };
        let count = app.tab_held(tab).unwrap_or(0);
        // Marked, not only reversed: the selected day shows without colour.
        let here = if tab == app.tab() {
            ">"
        } else if c == 0 && first > 0 {
            "<"
        } else {
            " "
        };
        let text = cells::fit(&format!("{here}{heading} ({count})"), usize::from(inner));
        let style = if tab == app.tab() {
            theme.selected
        } else if count == 0 {
            theme.empty_tab
        } else {
            theme.title
        };
        cells::put(buf, x, body.y, &text, usize::from(inner), style);
        if c + 1 == shown && first + shown < app.tab_count() {
            cells::put(buf, x + inner - 1, body.y, ">", 1, theme.muted);
        }
        let col = glance::column(
            trip,
            app.filter(),
            day,
            (hours, per_hour),
            (top, top + rows),
            budget,
        );
        untimed_row(buf, (x, body.y + 1, inner), app, &col.untimed, theme);
        let is_today =
            now.is_some_and(|n| day == DayRef::Day(trip.day_index(n.date()).unwrap_or(usize::MAX)));
        if let (true, Some(r)) = (is_today, now_in_view) {
            let y = grid_y + (r - top) as u16;
            let line = "─".repeat(usize::from(inner));
            cells::put(buf, x, y, &line, usize::from(inner), theme.now);
        }
        for b in &col.blocks {
            let is_selected = Some(b.event) == selected;
            block(
                buf,
                app,
                theme,
                b,
                (x, grid_y, inner),
                (top, rows),
                is_selected,
            );
        }
        if col.more {
            cells::put(
                buf,
                x + inner.saturating_sub(2),
                grid_y + rows as u16 - 1,
                "+…",
                2,
                theme.muted,
            );
        }
    }
    info(buf, areas.info, app, theme);
    areas
}

/// The mark a block starts with: its status, or `>` when selected.
fn mark(status: Status) -> &'static str {
    match status {
        Status::Confirmed => "▌",
        Status::Tentative => "┆",
        Status::Cancelled => "x",
    }
}

/// The style of an event's text by status.
fn status_style(theme: &Theme, status: Status) -> Style {
    match status {
        Status::Confirmed => Style::new(),
        Status::Tentative => theme.tentative,
        Status::Cancelled => theme.cancelled,
    }
}

/// Whether the kept search mentions an event (underlined where drawn).
fn mentioned(app: &App, r: EventRef) -> bool {
    let s = app.search();
    !s.query.is_empty()
        && app.current().is_some_and(|t| t.day == r.day)
        && app
            .current()
            .and_then(|t| t.events.iter().position(|e| *e == r))
            .is_some_and(|pos| s.is_hit((app.tab(), pos)))
}

/// The row above the hours: a day's untimed events, the selected one first.
fn untimed_row(
    buf: &mut Buffer,
    (x, y, w): (u16, u16, u16),
    app: &App,
    events: &[EventRef],
    theme: &Theme,
) {
    let trip = app.trip();
    let selected = app.selected_event();
    let mut order: Vec<EventRef> = events.to_vec();
    if let Some(i) = order.iter().position(|r| Some(*r) == selected) {
        order.swap(0, i);
    }
    let mut at = x;
    let end = x + w;
    for (k, r) in order.iter().enumerate() {
        let Some(e) = trip.event(*r) else { continue };
        let left = order.len() - k;
        let room = usize::from(end.saturating_sub(at));
        if room < 2 {
            break;
        }
        // Keep room for "+N" when more follow.
        let more = if left > 1 {
            format!("+{}", left - 1)
        } else {
            String::new()
        };
        let own = room.saturating_sub(cells::width(&more) + usize::from(left > 1));
        let text = cells::fit(&format!("{}{}", mark(e.status()), e.title()), own.max(1));
        let mut style = status_style(theme, e.status());
        if Some(*r) == selected {
            style = style.patch(theme.selected);
        }
        at = cells::put(buf, at, y, &text, own.max(1), style) + 1;
        if left > 1 && usize::from(end.saturating_sub(at)) <= cells::width(&more) + 4 {
            cells::put(
                buf,
                at,
                y,
                &more,
                usize::from(end.saturating_sub(at)),
                theme.muted,
            );
            break;
        }
    }
}

/// One block: its mark and its text (time, title) wrapped over its rows.
fn block(
    buf: &mut Buffer,
    app: &App,
    theme: &Theme,
    b: &Block,
    (x, y, w): (u16, u16, u16),
    (top, rows): (usize, usize),
    is_selected: bool,
) {
    let Some(e) = app.trip().event(b.event) else {
        return;
    };
    let lane_w = w / b.lanes.max(1) as u16;
    if lane_w == 0 {
        return;
    }
    let bx = x + lane_w * b.lane as u16;
    let bw = if b.lane + 1 == b.lanes {
        w - lane_w * b.lane as u16
    } else {
        lane_w
    };
    let first = b.rows.0.max(top);
    let past = b.rows.1.min(top + rows);
    if first >= past {
        return;
    }
    let status = e.status();
    let time = e.start().or(e.end()).map(format::hhmm).unwrap_or_default();
    let text = format!("{time} {}", e.title());
    let text_w = usize::from(bw.saturating_sub(1)).max(1);
    let lines = cells::wrap(&text, text_w);
    let mut style = status_style(theme, status);
    if mentioned(app, b.event) {
        style = style.patch(theme.matched);
    }
    if is_selected {
        style = style.patch(theme.selected);
    }
    let edge = if is_selected { ">" } else { mark(status) };
    for (k, row) in (first..past).enumerate() {
        let ry = y + (row - top) as u16;
        cells::put(buf, bx, ry, edge, 1, style);
        let line = lines.get(k).map_or("", String::as_str);
        let after = cells::put(buf, bx + 1, ry, line, text_w, style);
        let fill = usize::from((bx + bw).saturating_sub(after));
        let pad = if status == Status::Cancelled {
            "/"
        } else {
            " "
        }
        .repeat(fill);
        cells::put(buf, after, ry, &pad, fill, style);
        if status == Status::Cancelled && fill > 0 {
            // The hatch of a cancelled block: kept even when selected.
            buf.set_string(after, ry, &pad, style);
        }
    }
}

/// The line under the grid: the selected event's day, time, title and
/// place in full, over as many of its rows as it needs.
fn info(buf: &mut Buffer, area: Rect, app: &App, theme: &Theme) {
    if area.height == 0 || area.width < 2 {
        return;
    }
    let trip = app.trip();
    let day = match app.selected_day() {
        Some(DayRef::Day(i)) => trip
            .days
            .get(i)
            .map_or(String::new(), |d| format::day(d.date)),
        Some(DayRef::Unscheduled) => "Unscheduled".into(),
        None => String::new(),
    };
    let text = match app.selected_event().and_then(|r| trip.event(r)) {
        None => format!("{day}: nothing to show"),
        Some(e) => {
            let stop = e.stop();
            let mut place = stop.place.clone();
            if let Some(city) = &stop.city {
                place = format!("{place}, {city}");
            }
            let at = match e {
                Event::Stop(_) => stop
                    .city
                    .clone()
                    .map(|c| format!(" · {c}"))
                    .unwrap_or_default(),
                Event::Meeting(..) => format!(" · at {place}"),
            };
            let status = match e.status() {
                Status::Confirmed => "",
                Status::Tentative => " (tentative)",
                Status::Cancelled => " (cancelled)",
            };
            format!(
                "{day}  {}  {}{status}{at}",
                format::span(e.start(), e.end()),
                e.title()
            )
        }
    };
    let width = usize::from(area.width - 1);
    for (k, line) in cells::wrap(&text, width)
        .iter()
        .take(usize::from(area.height))
        .enumerate()
    {
        cells::put(buf, area.x + 1, area.y + k as u16, line, width, theme.title);
    }
}
