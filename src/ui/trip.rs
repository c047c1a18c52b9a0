//! The trip overview (`i`): title, dates and length, zones, lead, purpose,
//! sources and counts, in a box over the panes that scrolls (j/k) when it
//! does not fit. The counts are derived once per trip version
//! ([`crate::app::Totals`]); a frame formats a screenful of text.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::{App, Room};
use crate::format;
use crate::format::count;
use crate::ui::theme::Theme;
use crate::ui::{cells, layout};

/// The box's widest.
const WIDTH: u16 = 80;

/// Width of the label column ("Prefectures" and a space).
const LABEL: usize = 12;

/// The box on a screen of `screen`: centred, as tall as the screen allows.
pub fn area(screen: Rect) -> Rect {
    let w = screen.width.saturating_sub(4).min(WIDTH);
    let h = screen.height.saturating_sub(2);
    layout::centred(screen, w, h)
}

/// The text area inside the box.
pub fn inner(screen: Rect) -> Rect {
    layout::inside(area(screen))
}

/// `value` wrapped beside `label`, continuation lines under it.
fn field(out: &mut Vec<Line<'static>>, theme: &Theme, width: usize, label: &str, value: &str) {
    let room = width.saturating_sub(LABEL).max(1);
    for (i, part) in cells::wrap(value, room).into_iter().enumerate() {
        let head = if i == 0 { label } else { "" };
        out.push(Line::from(vec![
            Span::styled(cells::pad(head, LABEL), theme.label),
            Span::raw(part),
        ]));
    }
}

/// The overview's text wrapped to `width` cells.
pub fn lines(app: &App, theme: &Theme, width: u16) -> Vec<Line<'static>> {
    let width = usize::from(width).max(1);
    let trip = app.trip();
    let mut out = Vec::new();
    for part in cells::wrap(&trip.title, width) {
        out.push(Line::styled(part, theme.title));
    }
    out.push(Line::default());
    let days = trip.days.len();
    let f = |out: &mut Vec<Line<'static>>, label: &str, value: &str| {
        field(out, theme, width, label, value)
    };
    f(
        &mut out,
        "Dates",
        &format!(
            "{} to {}, {}",
            format::day(trip.start),
            format::day(trip.end),
            count(days, "day", "days")
        ),
    );
    let zones = match trip.home() {
        Some(home) => format!("{}; home {}", trip.timezone.name(), home.name()),
        None => trip.timezone.name().to_string(),
    };
    f(&mut out, "Zones", &zones);
    if let Some(lead) = trip.lead.and_then(|id| trip.people.get(id.0)) {
        f(&mut out, "Lead", &crate::ui::detail::person(lead));
    }
    if let Some(p) = &trip.purpose {
        f(&mut out, "Purpose", p);
    }
    for (i, s) in trip.sources.iter().enumerate() {
        f(&mut out, if i == 0 { "Sources" } else { "" }, s);
    }
    out.push(Line::default());
    let t = app.version().totals();
    f(&mut out, "Days", &days.to_string());
    f(&mut out, "Stops", &t.stops.figures());
    f(&mut out, "Meetings", &t.meetings.figures());
    f(
        &mut out,
        "People",
        &format!(
            "{}: {}, {}, {} of the delegation",
            trip.people.len(),
            count(t.hosts, "host", "hosts"),
            count(t.guests, "guest", "guests"),
            t.delegation
        ),
    );
    let names: Vec<&str> = app
        .version()
        .choices()
        .iter()
        .filter(|c| c.name.is_some())
        .map(|c| c.label())
        .collect();
    let prefectures = match names.is_empty() {
        true => "0".to_string(),
        false => format!("{}: {}", names.len(), names.join(", ")),
    };
    f(&mut out, "Prefectures", &prefectures);
    out
}

/// Draws the overview; returns its room, for the [`crate::app::Viewport`].
pub fn render(frame: &mut Frame, screen: Rect, app: &App, theme: &Theme) -> Room {
    let top = app.trip_overview().unwrap_or(0);
    let text_area = inner(screen);
    let all = lines(app, theme, text_area.width);
    let areas = (area(screen), text_area);
    crate::ui::help::text_box(frame, areas, " The trip ", &all, top, theme)
}
