//! The status line: what there is to read, then the key hints of the
//! current context (from the key table), sharing one row by priority:
//!
//! 1. the search line while it is typed in (the typing goes there);
//! 2. the message, or the file's problem, shortened at a word with "..."
//!    when it is longer than the room it has;
//! 3. the hints of rank 0 (`? help`, or the way out of an overlay): room is
//!    kept for them whatever the message;
//! 4. a kept search (`/yuan  match 3 of 10`), when it fits whole;
//! 5. the other hints, lowest rank first, up to the first that does not fit;
//!    beside a message cut short, only the hint of the log that shows it
//!    whole (`m messages`), when it fits.
//!
//! Parts are drawn in that order, the hints in table order. Everything is
//! measured in display cells, so CJK text takes the room it is drawn in.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::app::App;
use crate::keys::{Hint, Keymap};
use crate::ui::cells;
use crate::ui::theme::Theme;

/// Cells between the message, the search and the hints.
const GAP: usize = 3;
/// Cells between two hints.
const HINT_GAP: usize = 2;
/// The key of the message log's hint (`m messages`), shown beside a
/// message cut short.
const LOG_KEY: &str = "m";

/// The status line at the app's terminal width.
pub fn line(app: &App, theme: &Theme, keys: &Keymap) -> Line<'static> {
    line_in(app, theme, keys, usize::from(app.size().0))
}

/// Parts side by side, `gap` cells apart, and the cells they take.
struct Row<T> {
    parts: Vec<T>,
    width: usize,
    gap: usize,
}

impl<T> Row<T> {
    fn new(gap: usize) -> Row<T> {
        Row {
            parts: Vec::new(),
            width: 0,
            gap,
        }
    }

    /// The cells a part of `w` cells would add.
    fn cost(&self, w: usize) -> usize {
        if self.parts.is_empty() {
            w
        } else {
            self.gap + w
        }
    }

    fn push(&mut self, part: T, w: usize) {
        self.width += self.cost(w);
        self.parts.push(part);
    }

    /// Pushes the part if the row stays within `max` cells.
    fn push_within(&mut self, part: T, w: usize, max: usize) -> bool {
        let fits = self.width + self.cost(w) <= max;
        if fits {
            self.push(part, w);
        }
        fits
    }
}

/// The cells of some spans.
fn spans_width(spans: &[Span<'_>]) -> usize {
    spans.iter().map(|s| s.width()).sum()
}

/// The status line for a row of `width` cells: never wider.
pub fn line_in(app: &App, theme: &Theme, keys: &Keymap, width: usize) -> Line<'static> {
    // One cell of margin on the left.
    let room = width.saturating_sub(1);
    let all: Vec<Hint> = keys.hints(app).collect();
    let hint_width = |h: &Hint| cells::width(h.keys) + 1 + cells::width(h.words);

    // Hints as indices into `all`; rank 0 first, kept whatever the width.
    let mut hints: Row<usize> = Row::new(HINT_GAP);
    for (i, h) in all.iter().enumerate().filter(|(_, h)| h.rank == 0) {
        hints.push(i, hint_width(h));
    }
    let reserved = if hints.parts.is_empty() {
        0
    } else {
        hints.width + GAP
    };

    // What there is to read, in priority order.
    let mut lead: Row<Vec<Span<'static>>> = Row::new(GAP);
    let search = crate::ui::search::spans(app, theme);
    let editing = app.search_editing();
    if editing && let Some(spans) = search.clone() {
        let w = spans_width(&spans);
        lead.push(spans, w);
    }
    // A message cut short: the hint of the log that shows it whole
    // (`m messages`) takes the place of the other hints, if it fits.
    let log_hint = all.iter().position(|h| h.keys == LOG_KEY);
    let mut cut = false;
    if let Some(m) = app.status_message() {
        let free = room.saturating_sub(reserved + lead.cost(0));
        let shown = cells::shorten_message(&m.text, free);
        // Cut past its quoted title: the end of what it says is lost.
        // Or a path cut at its start (`exported to ...day.md`).
        cut = (shown.ends_with("...") && !m.text.ends_with("..."))
            || (shown.contains(" ...") && !m.text.contains(" ..."));
        if !shown.is_empty() {
            let style = if m.error { theme.error } else { theme.message };
            let w = cells::width(&shown);
            lead.push(vec![Span::styled(shown, style)], w);
        }
    }
    if !editing && let Some(spans) = search {
        let w = spans_width(&spans);
        lead.push_within(spans, w, room.saturating_sub(reserved));
    }

    // The other hints, by rank, in what is left.
    let free = room.saturating_sub(if lead.parts.is_empty() {
        0
    } else {
        lead.width + GAP
    });
    let mut order: Vec<usize> = (0..all.len()).filter(|&i| all[i].rank > 0).collect();
    order.sort_by_key(|&i| all[i].rank);
    // Strictly by rank: the first that does not fit ends the list, so a
    // hint is never shown while a more important one is not.
    if cut && let Some(i) = log_hint {
        order = vec![i];
    }
    for i in order {
        if !hints.push_within(i, hint_width(&all[i]), free) {
            break;
        }
    }
    hints.parts.sort_unstable();

    let mut spans = vec![Span::raw(" ")];
    for (i, part) in lead.parts.into_iter().enumerate() {
        if i > 0 {
            spans.push(Span::raw(" ".repeat(GAP)));
        }
        spans.extend(part);
    }
    for (n, &i) in hints.parts.iter().enumerate() {
        let gap = match n {
            0 if spans.len() > 1 => GAP,
            0 => 0,
            _ => HINT_GAP,
        };
        spans.push(Span::raw(" ".repeat(gap)));
        spans.push(Span::styled(all[i].keys, theme.key));
        spans.push(Span::styled(format!(" {}", all[i].words), theme.muted));
    }
    Line::from(spans)
}

/// Draws the status line.
pub fn render(frame: &mut Frame, area: Rect, app: &App, theme: &Theme, keys: &Keymap) {
    frame.buffer_mut().set_line(
        area.x,
        area.y,
        &line_in(app, theme, keys, usize::from(area.width)),
        area.width,
    );
}
