//! The day tabs: weekday, date and event count, scrolled so the selected
//! tab is always in view.
//!
//! [`strip`] decides which tabs show where; drawing and mouse hit-testing
//! both use it. It labels only the tabs it considers, starting from the
//! selected one, so its cost follows the width, not the trip's length.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::App;
use crate::model::DayRef;
use crate::ui::cells;
use crate::ui::theme::Theme;

/// A tab placed on the strip.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slot {
    /// Index into [`App::tabs`].
    pub tab: usize,
    /// Column offset from the strip's left edge.
    pub x: u16,
    pub label: String,
}

/// The tabs that fit in `width` cells, and whether some are hidden on
/// the left or the right.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Strip {
    pub slots: Vec<Slot>,
    pub more_left: bool,
    pub more_right: bool,
}

/// The label of a tab: " Mon 27 Aug (2) ", " Unscheduled (5) "; the
/// selected one in brackets, "[Mon 27 Aug (2)]", so it shows without colour
/// or attributes too. The count is of the events held there through the
/// filter: a cancelled one, or one at a cancelled stop, is listed on the
/// day but not counted ([`crate::tally`]).
pub fn label(app: &App, tab: usize) -> String {
    let (Some(day), Some(len)) = (app.tab_day(tab), app.tab_held(tab)) else {
        return String::new();
    };
    let name = match day {
        DayRef::Day(i) => app
            .trip()
            .days
            .get(i)
            .map(|d| crate::format::tab_day(d.date))
            .unwrap_or_default(),
        DayRef::Unscheduled => "Unscheduled".to_string(),
    };
    if tab == app.tab() {
        format!("[{name} ({len})]")
    } else {
        format!(" {name} ({len}) ")
    }
}

/// Marker for tabs hidden to the left (and `>` to the right), with its gap.
const MORE: u16 = 2;

/// Lays out the tabs around the selected one in `width` cells.
pub fn strip(app: &App, width: u16) -> Strip {
    let n = app.tab_count();
    if n == 0 {
        return Strip {
            slots: Vec::new(),
            more_left: false,
            more_right: false,
        };
    }
    let sel = app.tab().min(n - 1);
    let mut labels = std::collections::VecDeque::new();
    let grow = |avail: u16, labels: &mut std::collections::VecDeque<String>| {
        labels.clear();
        let first = label(app, sel);
        let mut used = cells::width(&first);
        labels.push_back(first);
        let (mut lo, mut hi) = (sel, sel);
        let avail = usize::from(avail);
        loop {
            let mut grew = false;
            if hi + 1 < n {
                let l = label(app, hi + 1);
                if used + 1 + cells::width(&l) <= avail {
                    used += 1 + cells::width(&l);
                    labels.push_back(l);
                    hi += 1;
                    grew = true;
                }
            }
            if lo > 0 {
                let l = label(app, lo - 1);
                if used + 1 + cells::width(&l) <= avail {
                    used += 1 + cells::width(&l);
                    labels.push_front(l);
                    lo -= 1;
                    grew = true;
                }
            }
            if !grew {
                return (lo, hi);
            }
        }
    };
    let (mut lo, mut hi) = grow(width, &mut labels);
    let mut x = 0;
    if lo > 0 || hi + 1 < n {
        (lo, hi) = grow(width.saturating_sub(2 * MORE), &mut labels);
        x = MORE;
    }
    let mut slots = Vec::with_capacity(labels.len());
    for (tab, label) in (lo..=hi).zip(labels) {
        let w = cells::width(&label) as u16;
        slots.push(Slot { tab, x, label });
        x = x.saturating_add(w + 1);
    }
    Strip {
        slots,
        more_left: lo > 0,
        more_right: hi + 1 < n,
    }
}

/// The tab under column `col` of `strip` drawn in `area`; the `<` and
/// `>` markers stand for the tab just beyond them.
pub fn hit(strip: &Strip, area: Rect, col: u16) -> Option<usize> {
    let at = col.checked_sub(area.x)?;
    let first = strip.slots.first().map(|s| s.tab)?;
    let last = strip.slots.last().map(|s| s.tab)?;
    if strip.more_left && at < MORE {
        return first.checked_sub(1);
    }
    if strip.more_right && at >= area.width.saturating_sub(MORE) {
        return Some(last + 1);
    }
    strip
        .slots
        .iter()
        .find(|s| at >= s.x && at < s.x.saturating_add(cells::width(&s.label) as u16))
        .map(|s| s.tab)
}

/// Draws the tab strip, with `<` and `>` where tabs are hidden; returns
/// it, for the mouse to find the tab under a click.
pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme) -> Strip {
    let strip = strip(app, area.width);
    let buf = frame.buffer_mut();
    let mut spans = Vec::new();
    if strip.more_left {
        spans.push(Span::styled("< ", theme.muted));
    }
    for (i, slot) in strip.slots.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled("|", theme.muted));
        }
        // Nothing held there: dimmed, as a day with nothing.
        let empty = app.tab_held(slot.tab) == Some(0);
        let style = if slot.tab == app.tab() {
            theme.selected
        } else if empty {
            theme.empty_tab
        } else {
            ratatui::style::Style::new()
        };
        spans.push(Span::styled(slot.label.as_str(), style));
    }
    buf.set_line(area.x, area.y, &Line::from(spans), area.width);
    if strip.more_right && area.width > 0 {
        let right = Span::styled(">", theme.muted);
        buf.set_span(area.right().saturating_sub(1), area.y, &right, 1);
    }
    strip
}
