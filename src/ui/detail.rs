//! The detail pane: everything about the selected event, in the order a
//! principal asks — when, where, who we meet, outcome, topics — then our
//! own delegation (folded to one line when the pane is short and not
//! focused), status, prefecture, kind, meetings, notes. Scrolls when it
//! has the focus.
//!
//! [`lines`] builds the text wrapped to the pane's width; `update` uses
//! [`line_count`] to keep the scroll inside it. The work is one event's
//! text, whatever the size of the trip.

use ratatui::Frame;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Borders;

use crate::app::search;
use crate::app::{App, Focus};
use crate::format;
use crate::model::{DayRef, Event, Side, Trip};
use crate::ui::cells;
use crate::ui::day::DayAreas;
use crate::ui::theme::Theme;
use crate::ui::timeline;

/// Width of the label column ("Prefecture" and a space).
const LABEL: usize = 11;

/// Accumulates wrapped, labelled lines.
struct Lines<'t> {
    width: usize,
    theme: &'t Theme,
    /// The search's query: underlined where a line shows it.
    query: &'t str,
    out: Vec<Line<'static>>,
}

/// `part` in `style`, the first occurrence of `query` in it (ignoring
/// case) underlined as the timeline marks a match. A match that a wrap cuts
/// in two is not marked.
fn marked(part: String, query: &str, style: Style, theme: &Theme) -> Vec<Span<'static>> {
    let Some(r) = search::find_in(&part, query) else {
        return vec![Span::styled(part, style)];
    };
    let (head, rest) = part.split_at(r.start);
    let (word, tail) = rest.split_at(r.len());
    vec![
        Span::styled(head.to_string(), style),
        Span::styled(word.to_string(), style.patch(theme.matched)),
        Span::styled(tail.to_string(), style),
    ]
}

impl Lines<'_> {
    /// `value` wrapped beside `label`, continuation lines indented under it.
    fn field(&mut self, label: &str, value: &str, style: Style) {
        let room = self.width.saturating_sub(LABEL).max(1);
        for (i, part) in cells::wrap(value, room).into_iter().enumerate() {
            let head = if i == 0 { label } else { "" };
            let mut spans = vec![Span::styled(cells::pad(head, LABEL), self.theme.label)];
            spans.extend(marked(part, self.query, style, self.theme));
            self.out.push(Line::from(spans));
        }
    }

    /// One field per item, the label on the first only.
    fn list<I: IntoIterator<Item = String>>(&mut self, label: &str, items: I) {
        for (i, item) in items.into_iter().enumerate() {
            self.field(if i == 0 { label } else { "" }, &item, Style::new());
        }
    }

    /// A line across the whole width.
    fn text(&mut self, value: &str, style: Style) {
        for part in cells::wrap(value, self.width) {
            let spans = marked(part, self.query, style, self.theme);
            self.out.push(Line::from(spans).style(style));
        }
    }
}

/// "Mon 27 Aug 2018" for a day; "day not known" for unscheduled stops.
fn day_text(trip: &Trip, day: DayRef) -> String {
    match day {
        DayRef::Day(i) => trip
            .days
            .get(i)
            .map(|d| format::day(d.date))
            .unwrap_or_default(),
        DayRef::Unscheduled => "day not known".into(),
    }
}

/// The home clock beside an event's times, as the exports write it:
/// ` · 04:00-06:00 prev day New York`; empty without a home zone or times.
fn home_clock(trip: &Trip, day: DayRef, event: &Event<'_>) -> String {
    let (Some(home), DayRef::Day(i)) = (trip.home(), day) else {
        return String::new();
    };
    let Some(date) = trip.days.get(i).map(|d| d.date) else {
        return String::new();
    };
    let at = |t: Option<chrono::NaiveTime>| {
        t.map(|t| crate::clock::at_home(trip.timezone, home, date, t))
    };
    let clock = format::home_clock(date, at(event.start()), at(event.end()), "-");
    if clock.is_empty() {
        return clock;
    }
    format!(" · {clock} {}", crate::clock::label(home))
}

/// The people of an event apart: those we meet (hosts, then guests), one
/// line each with their side ("Heita Kawakatsu 川勝平太, Governor of
/// Shizuoka Prefecture (host)"), and our own delegation; file order within
/// each side.
fn people<'t>(
    trip: &'t Trip,
    ids: &[crate::model::PersonId],
) -> (Vec<String>, Vec<&'t crate::model::Person>) {
    let mut found: Vec<&crate::model::Person> =
        ids.iter().filter_map(|id| trip.people.get(id.0)).collect();
    found.sort_by_key(|p| crate::app::people::side_rank(p.side));
    let ours = found.iter().position(|p| p.side == Side::Delegation);
    let delegation = found.split_off(ours.unwrap_or(found.len()));
    let met = found
        .into_iter()
        .map(|p| format!("{} ({})", person(p), p.side))
        .collect();
    (met, delegation)
}

/// A person and how to reach them: "Aoi Tanaka 田中あおい, Liaison officer ·
/// Sample Trade Office Tokyo · +81 3 0000 0000 · liaison@example.org".
pub fn reach(p: &crate::model::Person) -> String {
    let mut s = person(p);
    for part in [&p.organisation, &p.phone, &p.email].into_iter().flatten() {
        s.push_str(" · ");
        s.push_str(part);
    }
    s
}

/// "Yuan Jiajun 袁家军, Governor of Zhejiang": a person as the screen names
/// them (the details, the people view, the trip overview).
pub fn person(p: &crate::model::Person) -> String {
    let mut s = p.name.clone();
    if let Some(n) = &p.native {
        s.push(' ');
        s.push_str(n);
    }
    if let Some(r) = &p.role {
        s.push_str(", ");
        s.push_str(r);
    }
    s
}

/// The pane's text wrapped to `width` cells; with `fold`, our own
/// delegation on one line ("Chen Jing and 6 more"), for a pane too short
/// to show it all without the focus.
pub fn lines(app: &App, theme: &Theme, width: u16, fold: bool) -> Vec<Line<'static>> {
    let trip = app.trip();
    let mut l = Lines {
        width: usize::from(width).max(1),
        theme,
        query: &app.search().query,
        out: Vec::new(),
    };
    let Some(tab) = app.current() else {
        return l.out;
    };
    let day = match tab.day {
        DayRef::Day(i) => trip.days.get(i),
        DayRef::Unscheduled => None,
    };
    match app.selected_event().and_then(|r| trip.event(r)) {
        None => {
            l.text(timeline::title(app, usize::MAX).trim(), theme.title);
            l.text("", Style::new());
            l.text(&timeline::empty_text(app), theme.muted);
        }
        Some(event) => {
            event_lines(&mut l, app, tab.day, &event, fold);
        }
    }
    if let Some(notes) = day.and_then(|d| d.notes.as_deref()) {
        l.text("", Style::new());
        l.field("Day notes", notes, Style::new());
    }
    l.out
}

/// In the order a principal asks: what, when, where, who we meet (hosts
/// and guests), what came of it, what it is about; then our own
/// delegation (on one line when `fold`) and the rest.
fn event_lines(l: &mut Lines<'_>, app: &App, day: DayRef, event: &Event<'_>, fold: bool) {
    let trip = app.trip();
    let theme = l.theme;
    let stop = event.stop();
    let status = event.status();
    // The status on the title too, as the timeline marks it.
    l.text(
        &format!("{}{}", event.title(), timeline::status_suffix(status)),
        theme.title.patch(timeline::status_style(theme, status)),
    );
    let time = format::span(event.start(), event.end());
    l.field(
        "When",
        &format!(
            "{}, {time}{}",
            day_text(trip, day),
            home_clock(trip, day, event)
        ),
        Style::new(),
    );
    let alarms = event.alarms(&trip.reminders, day != DayRef::Unscheduled);
    if let Some(text) = crate::model::describe_reminders(alarms) {
        l.field("Reminds", text.trim_start_matches("reminds "), Style::new());
    }
    let mut place = Vec::new();
    if let Event::Meeting(..) = event {
        place.push(stop.place.as_str());
    }
    place.extend(stop.city.as_deref());
    place.extend(stop.address.as_deref());
    if !place.is_empty() {
        l.field("Where", &place.join(", "), Style::new());
    }
    let (met, ours) = people(trip, event.people());
    l.list("Who", met);
    // The stop's person on site, for its meetings too.
    if let Some(c) = stop.contact.and_then(|id| trip.people.get(id.0)) {
        l.field("Contact", &reach(c), Style::new());
    }
    if let Event::Meeting(_, m) = event {
        if let Some(o) = &m.outcome {
            l.field("Outcome", o, Style::new());
        }
        if !m.topics.is_empty() {
            l.field("Topics", &m.topics.join(", "), Style::new());
        }
    }
    match ours.split_first() {
        Some((first, rest)) if fold && !rest.is_empty() => l.field(
            "Delegation",
            &format!("{} and {} more", first.name, rest.len()),
            Style::new(),
        ),
        _ => l.list("Delegation", ours.iter().map(|p| person(p))),
    }
    l.field(
        "Status",
        status.as_str(),
        timeline::status_style(theme, status),
    );
    let pref = stop
        .prefecture
        .as_ref()
        .map_or("not given", |p| p.display());
    l.field("Prefecture", pref, Style::new());
    let kind = match event {
        Event::Stop(s) => s.kind.to_string(),
        Event::Meeting(..) => "meeting".to_string(),
    };
    l.field("Kind", &kind, Style::new());
    if let Event::Stop(s) = event {
        l.list("Meetings", s.meetings.iter().map(|m| m.title.clone()));
    }
    if let Some(n) = event.notes() {
        l.field("Notes", n, Style::new());
    }
}

/// Draws the detail pane: the selected event, scrolled by `detail_scroll`.
/// Returns how many lines the text has, for the [`crate::app::Viewport`].
pub fn render(frame: &mut Frame, areas: &DayAreas, app: &App, theme: &Theme) -> usize {
    let focused = app.focus() == Focus::Details;
    let border = theme.border(focused);
    let borders = if areas.detail.x > areas.timeline.x {
        Borders::TOP | Borders::LEFT
    } else {
        Borders::TOP
    };
    let area = areas.detail_text;
    let shown = usize::from(area.height);
    let mut all = lines(app, theme, area.width, false);
    // Too long for the pane: our own delegation folds to one line, so that
    // the outcome and topics show; the focused pane, scrolled, has it all.
    if all.len() > shown && !focused {
        all = lines(app, theme, area.width, true);
    }
    let scroll = app.detail_top(all.len(), shown);
    let mut block = crate::ui::pane_block(theme, focused, borders, " Details ".into());
    if all.len() > shown {
        let pos = format!(
            " lines {}-{} of {} ",
            scroll + 1,
            (scroll + shown).min(all.len()),
            all.len()
        );
        block = block.title(Line::styled(pos, border).right_aligned());
    }
    frame.render_widget(block, areas.detail);
    let buf = frame.buffer_mut();
    for (i, line) in all.iter().skip(scroll).take(shown).enumerate() {
        buf.set_line(area.x, area.y.saturating_add(i as u16), line, area.width);
    }
    all.len()
}
