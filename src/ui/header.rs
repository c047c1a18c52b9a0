//! The header row: trip title and dates on the left, the active filter on
//! the right.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};

use crate::app::App;
use crate::app::picker::NO_PREFECTURE;
use crate::format;
use crate::ui::cells;
use crate::ui::theme::Theme;

/// The names of the filter's prefectures ("no prefecture" for `None`).
pub fn filter_names(app: &App) -> Vec<&str> {
    app.filter()
        .prefectures
        .iter()
        .map(|p| p.as_ref().map_or(NO_PREFECTURE, |p| p.display()))
        .collect()
}

/// The filter as the header shows it: the prefectures, then the people
/// (`filter: Tokyo · Tomikazu Fukuda`); nothing for a trip without
/// prefectures or people to filter by.
pub fn filter_text(app: &App) -> String {
    if app.filter().is_empty() {
        let any = app.choices().iter().any(|c| c.name.is_some());
        return if any {
            "all prefectures".into()
        } else {
            String::new()
        };
    }
    let trip = app.trip();
    let people = app
        .filter()
        .people
        .iter()
        .map(|id| trip.person(*id).name.as_str());
    let names: Vec<&str> = filter_names(app).into_iter().collect();
    let mut parts = Vec::new();
    if !names.is_empty() {
        parts.push(names.join(", "));
    }
    let people: Vec<&str> = people.collect();
    if !people.is_empty() {
        parts.push(people.join(", "));
    }
    format!("filter: {}", parts.join(" · "))
}

/// Draws the header row: trip title and dates left, the filter right.
pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    let filter = filter_text(app);
    let filter_style = if app.filter().is_empty() {
        theme.muted
    } else {
        theme.filter
    };
    let dates = crate::format::dates(app.trip().start, app.trip().end);
    let width = usize::from(area.width);
    // `--read-only`: said where the trip is named, not only when a key is
    // refused (the bundled trip says so when a key is pressed).
    let lock = if app.read_only { "read-only  " } else { "" };
    // The dates are short and say most per cell, then the filter, then the
    // title: the title gives way first (to 12 cells), then the filter.
    let dates_part = format!("  {dates}");
    let least_title = cells::width(&app.trip().title).min(12);
    let for_right = width.saturating_sub(least_title + cells::width(&dates_part) + 4);
    let right = cells::fit_keeping(&filter, " ", for_right.saturating_sub(cells::width(lock)));
    let right = format!("{lock}{right}");
    let room = width.saturating_sub(cells::width(&right) + 2);
    let title_room = room.saturating_sub(cells::width(&dates_part) + 1);
    let title = cells::fit(&app.trip().title, title_room.max(room.min(12)));
    let left = Line::from(vec![
        Span::raw(" "),
        Span::styled(title, theme.title),
        Span::styled(dates_part, theme.muted),
    ]);
    let buf = frame.buffer_mut();
    buf.set_line(area.x, area.y, &left, area.width);
    let rw = cells::width(&right) as u16;
    if rw < area.width {
        let (lock, filter) = right.split_at(lock.len());
        let line = Line::from(vec![
            Span::styled(lock.to_string(), theme.filter),
            Span::styled(filter.to_string(), filter_style),
        ]);
        buf.set_line(area.right().saturating_sub(rw), area.y, &line, rw);
    }
}

/// The home clock's reading of a trip time on `date`, in brackets after it:
/// ` (04:30 New York)`, ` (23:30 prev day New York)`; empty without a home zone.
pub fn home_beside(app: &App, at: chrono::NaiveDateTime) -> String {
    let trip = app.trip();
    let Some(home) = trip.home() else {
        return String::new();
    };
    let there = crate::clock::at_home(trip.timezone, home, at.date(), at.time());
    let clock = crate::format::home_clock(at.date(), Some(there), None, "-");
    format!(" ({clock} {})", crate::clock::label(home))
}

/// One part of the now row: a label, the time before the title, the
/// title, and what follows it (`Next ` `14:00 ` `Works` `, in 1 h 30 min`).
pub type NowPart = (&'static str, String, String, String);

/// What the now row says: the event under way (`Now Talks until 11:30`) and
/// the next (`Next 14:00 Works, in 1 h 30 min`), with the home clock when
/// there is room for it; titles are cut to fit `width`.
pub fn now_text(app: &App, width: usize) -> Vec<NowPart> {
    let with_home = now_parts(app, true);
    // The home clock gives way before the titles do: it is in the timeline too.
    if fixed_width(&with_home) + 12 * with_home.len() <= width {
        return fit_titles(with_home, width);
    }
    fit_titles(now_parts(app, false), width)
}

fn now_parts(app: &App, home: bool) -> Vec<NowPart> {
    let (Some(now), trip) = (app.now, app.trip()) else {
        return Vec::new();
    };
    let beside = |at| {
        if home {
            home_beside(app, at)
        } else {
            String::new()
        }
    };
    let nn = app.now_next();
    let title = |r| {
        trip.event(r)
            .map_or(String::new(), |e| e.title().to_string())
    };
    let mut parts = Vec::new();
    if let Some((r, end)) = nn.now {
        let at = now.date().and_time(end);
        let rest = format!(" until {}{}", format::hhmm(end), beside(at));
        parts.push(("Now ", String::new(), title(r), rest));
    }
    if let Some((r, at)) = nn.next {
        let day = if at.date() == now.date() {
            String::new()
        } else {
            format!("{} ", format::tab_day(at.date()))
        };
        let left = countdown(crate::app::now::time_left(trip, now, at));
        let when = format!("{day}{}{} ", format::hhmm(at.time()), beside(at));
        parts.push(("Next ", when, title(r), format!(", {left}")));
    }
    parts
}

/// The time left to the next event, rounded up to the minute: with 30 s
/// left it is "in 1 min", never "in 0 min"; "now" once it has started.
fn countdown(left: chrono::Duration) -> String {
    if left <= chrono::Duration::zero() {
        return "now".into();
    }
    let minutes = (left.num_seconds() + 59) / 60;
    format!(
        "in {}",
        format::duration(chrono::Duration::minutes(minutes))
    )
}

/// The cells a row of parts takes without its titles.
fn fixed_width(parts: &[NowPart]) -> usize {
    let own: usize = parts
        .iter()
        .map(|(l, t, _, r)| cells::width(l) + cells::width(t) + cells::width(r))
        .sum();
    own + 1 + 5 * parts.len().saturating_sub(1)
}

/// The fewest cells a cut title is given: one wide character and "...",
/// so a title is never dropped or cut without the dots.
const MIN_TITLE: usize = 5;

/// Cuts the titles to what the rest leaves; a short one leaves the rest of
/// its half to the other. A cut title gets [`MIN_TITLE`] cells at least
/// (the row's end gives way then, not the title).
fn fit_titles(mut parts: Vec<NowPart>, width: usize) -> Vec<NowPart> {
    let total = width.saturating_sub(fixed_width(&parts));
    let wanted: Vec<usize> = parts.iter().map(|p| cells::width(&p.2)).collect();
    let first = match wanted[..] {
        [a, b] => a.min((total / 2).max(total.saturating_sub(b))),
        _ => total,
    };
    let rooms = [first, total.saturating_sub(first)];
    for ((part, room), want) in parts.iter_mut().zip(rooms).zip(wanted) {
        part.2 = cells::fit(&part.2, room.max(want.min(MIN_TITLE)));
    }
    parts
}

/// Whether the next event is about to start: within the shortest lead
/// time of its reminders (docs/format.md). Read at each redraw, which the
/// loop already makes at every minute boundary, when lead times change.
pub fn next_is_due(app: &App) -> bool {
    let (Some(now), trip) = (app.now, app.trip()) else {
        return false;
    };
    let Some((r, at)) = app.now_next().next else {
        return false;
    };
    let Some(shortest) = trip
        .event(r)
        .and_then(|e| e.alarms(&trip.reminders, true).iter().min().copied())
    else {
        return false;
    };
    let left = crate::app::now::time_left(trip, now, at);
    left <= chrono::Duration::minutes(i64::from(shortest.minutes()))
}

/// Draws the now row (only while the trip is under way; it has no rows
/// otherwise). A next event that is due is drawn in reverse video, bold,
/// its label `Next` pointed at (`▶ Next`): seen without colour too.
pub fn render_now(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) {
    if area.height == 0 {
        return;
    }
    let due = next_is_due(app);
    let mut spans = vec![Span::raw(" ")];
    // The marker takes the cells of the leading space and one of the label's.
    let width = usize::from(area.width).saturating_sub(usize::from(due) * 2);
    for (i, (label, time, title, rest)) in now_text(app, width).into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled("  ·  ", theme.muted));
        }
        if due && label == "Next " {
            let loud = Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD);
            spans.push(Span::styled(format!("▶ {label}"), loud));
            spans.push(Span::styled(time, loud));
            spans.push(Span::styled(title, loud));
            spans.push(Span::styled(rest, loud));
            continue;
        }
        spans.push(Span::styled(label, theme.label));
        spans.push(Span::raw(time));
        spans.push(Span::styled(title, theme.title));
        spans.push(Span::styled(rest, theme.muted));
    }
    frame
        .buffer_mut()
        .set_line(area.x, area.y, &Line::from(spans), area.width);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(title: &str) -> NowPart {
        (
            "Now ",
            String::new(),
            title.to_string(),
            " until 10:45".into(),
        )
    }

    #[test]
    fn a_cut_cjk_title_keeps_a_character_and_the_dots() {
        for width in 0..40 {
            for title in ["王磊会见田中宏知事", "Courtesy call on the Governor"] {
                let parts = fit_titles(vec![part(title), part("Lunch")], width);
                let shown = &parts[0].2;
                let first = title.chars().next().unwrap_or(' ');
                assert!(
                    shown == title || (shown.starts_with(first) && shown.ends_with("...")),
                    "{width}: {shown:?}"
                );
            }
        }
    }
}
