//! The people view (`w`): a box over the panes with the typed text on
//! top, then each person's line (side, name, native name, role) followed
//! by one row per stop and meeting they are at: day, time, title,
//! prefecture. The highlighted event is marked `>` and reversed.
//!
//! Only the rows on screen are built, each looked up by binary search
//! ([`crate::app::people::People::row`]): a frame costs the same for a trip of
//! a hundred events or of a hundred thousand.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

use crate::app::people::Row;
use crate::app::{App, Room};
use crate::format;
use crate::model::{DayRef, EventRef, Person, PersonId, Side, Trip};
use crate::tally::Held;
use crate::ui::theme::Theme;
use crate::ui::{cells, layout, search, timeline};

/// The box's widest.
const WIDTH: u16 = 110;

/// The box on a screen of `screen`: centred, as tall as the screen allows.
pub fn area(screen: Rect) -> Rect {
    let w = screen.width.saturating_sub(4).min(WIDTH);
    let h = screen.height.saturating_sub(2);
    layout::centred(screen, w, h)
}

/// The list's rows inside the box: under the input line and a blank one.
pub fn list_area(screen: Rect) -> Rect {
    let inner = layout::inside(area(screen));
    Rect {
        y: inner.y.saturating_add(2),
        height: inner.height.saturating_sub(2),
        ..inner
    }
}

/// "host  Tomikazu Fukuda 福田富一, Governor of Tochigi Prefecture".
fn person_line(p: &Person) -> String {
    format!("{:<12}{}", p.side.as_str(), crate::ui::detail::reach(p))
}

/// The row under a person at no stop or meeting: what else they are to
/// the trip, if anything ("the trip's contact; contact at Narita
/// Airport"). Looked up only for the rows on screen.
fn nowhere(trip: &Trip, id: PersonId) -> String {
    let mut roles = Vec::new();
    if trip.contacts.contains(&id) {
        roles.push("the trip's contact".to_string());
    }
    let mut places = trip
        .days
        .iter()
        .flat_map(|d| &d.stops)
        .chain(&trip.unscheduled)
        .filter(|s| s.contact == Some(id));
    if let Some(first) = places.next() {
        roles.push(match places.count() {
            0 => format!("contact at {}", first.place),
            more => format!("contact at {} and {more} more", first.place),
        });
    }
    if roles.is_empty() {
        "at no stop or meeting".into()
    } else {
        roles.join("; ")
    }
}

/// What a person's line ends with, by the rule of [`crate::tally`]: "2
/// events (1 tentative), 1 cancelled"; "not met, 1 cancelled" for someone
/// we were to meet only at cancelled events; nothing for someone at no
/// event (the row under them says so).
fn events_said(held: Held, side: Side) -> String {
    let cancelled = format!("{} cancelled", held.cancelled);
    match (held.held, held.cancelled) {
        (0, 0) => String::new(),
        (0, _) if side == Side::Delegation => cancelled,
        (0, _) => format!("not met, {cancelled}"),
        (_, 0) => held.describe("event", "events"),
        _ => format!("{}, {cancelled}", held.describe("event", "events")),
    }
}

/// A person's line in `width` cells: who they are, cut with "..." when
/// need be, and their events' count whole at the right.
fn person_row(app: &App, id: PersonId, width: usize, theme: &Theme) -> Line<'static> {
    let p = app.trip().person(id);
    let count = events_said(app.version().directory().held(id), p.side);
    let count_w = cells::width(&count);
    let gap = if count.is_empty() { 0 } else { 2 };
    let head = cells::fit(&person_line(p), width.saturating_sub(count_w + gap));
    let head = cells::pad(&head, width.saturating_sub(count_w));
    Line::from(vec![
        Span::styled(head, theme.title),
        Span::styled(count, theme.muted),
    ])
}

/// "Wed 29 Aug  10:00-11:00     - With Governor …   Tochigi", in `width` cells.
fn event_line(app: &App, r: EventRef, width: usize) -> String {
    let trip = app.trip();
    let Some(e) = trip.event(r) else {
        return String::new();
    };
    let day = match r.day {
        DayRef::Day(i) => trip
            .days
            .get(i)
            .map(|d| format::tab_day(d.date))
            .unwrap_or_default(),
        DayRef::Unscheduled => "no day".into(),
    };
    // With a home clock, every time on screen has the home time beside it.
    let home = timeline::home_time(app, r, &e);
    let time = match (home.is_empty(), app.trip().home()) {
        (false, Some(zone)) => format!(
            "{} ({home} {})",
            format::span(e.start(), e.end()),
            crate::clock::label(zone)
        ),
        _ => format::span(e.start(), e.end()),
    };
    let title = match r.meeting {
        Some(_) => format!("- {}", e.title()),
        None => e.title().to_string(),
    };
    let pref = e.prefecture().map_or("", |p| p.display());
    // The home time only where there is a time: an untimed row stays narrow.
    let time_w = if home.is_empty() { 12 } else { 34 };
    let head = format!("{} {} ", cells::pad(&day, 10), cells::pad(&time, time_w));
    let room = width.saturating_sub(cells::width(&head) + cells::width(pref) + 2);
    // Marked as the timeline marks it: a cancelled visit must not read as held.
    let suffix = timeline::status_suffix(e.status());
    format!(
        "{head}{}  {pref}",
        cells::pad_keeping(&title, &suffix, room)
    )
}

/// Draws the people view over the screen, when it is open.
pub fn render(frame: &mut Frame, screen: Rect, app: &App, theme: &Theme) -> Room {
    let Some(view) = app.people() else {
        return Room::default();
    };
    let loaded = app.version();
    let events_of = |id: PersonId| loaded.events_of(id);
    let box_area = area(screen);
    crate::ui::cells::clear_box(frame.buffer_mut(), box_area);
    // Met as the exports count it: a person met only at cancelled events
    // is not.
    let counts = format!(
        " {} of {} people, {} met ",
        view.shown().len(),
        app.trip().people.len(),
        view.met(),
    );
    let block = Block::bordered()
        .border_style(theme.focused)
        .title(Line::styled(" People ", theme.focused))
        .title_bottom(Line::styled(counts, theme.focused).right_aligned());
    frame.render_widget(block, box_area);
    let inner = layout::inside(box_area);
    if inner.height == 0 || inner.width == 0 {
        return Room::default();
    }
    let width = usize::from(inner.width);
    let buf = frame.buffer_mut();
    let input = search::input_line(
        &view.query,
        "type to narrow: name, 漢字, role",
        width,
        theme,
    );
    buf.set_line(inner.x, inner.y, &input, inner.width);
    let list = list_area(screen);
    if list.height == 0 {
        return Room::default();
    }
    if view.row_count() == 0 {
        let none = format!("no one in the trip matches \"{}\"", view.query);
        buf.set_stringn(list.x, list.y, none, width, theme.muted);
        return Room::default();
    }
    let rows = usize::from(list.height);
    let cursor = view.cursor_row();
    // The highlighted row in view, with its person's line above it when
    // there is room.
    let first = cursor.map_or(0, |c| (c + 1).saturating_sub(rows));
    for k in first..(first + rows).min(view.row_count()) {
        let y = list.y.saturating_add((k - first) as u16);
        let here = cursor == Some(k);
        let line = match view.row(k, events_of) {
            Some(Row::Person(id)) => person_row(app, id, width, theme),
            Some(Row::Event(_, r)) => {
                let mark = if here { "> " } else { "  " };
                let status = app.trip().event(r).map(|e| e.status());
                let style = if app.is_over(r) {
                    theme.muted
                } else {
                    Style::new()
                }
                .patch(status.map_or(Style::new(), |s| timeline::status_style(theme, s)));
                Line::from(vec![
                    Span::raw(mark),
                    Span::styled(event_line(app, r, width.saturating_sub(2)), style),
                ])
            }
            Some(Row::Nothing(id)) => Line::styled(
                cells::fit(&format!("  {}", nowhere(app.trip(), id)), width),
                theme.muted,
            ),
            None => Line::default(),
        };
        buf.set_line(list.x, y, &line, list.width);
        if here {
            buf.set_style(Rect::new(list.x, y, list.width, 1), theme.selected);
        }
    }
    Room {
        rows: usize::from(list_area(screen).height),
        ..Room::default()
    }
}
