//! The day view, drawn: the timeline of the selected day and the selected
//! event's details, side by side from [`SIDE_BY_SIDE_WIDTH`] columns, else
//! stacked. This file divides the body between the two panes; `timeline`
//! and `detail` draw them.

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::app::{App, Viewport};
use crate::ui::layout::inset;
use crate::ui::theme::Theme;
use crate::ui::{detail, timeline};

/// From this width the timeline and details sit side by side; below it, stacked.
pub const SIDE_BY_SIDE_WIDTH: u16 = 110;

/// The day view's rectangles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayAreas {
    /// The timeline pane, border included.
    pub timeline: Rect,
    /// The hour scale above the timeline rows.
    pub scale: Rect,
    /// One row per event, the first at `timeline_rows.y`.
    pub timeline_rows: Rect,
    /// The detail pane, border included.
    pub detail: Rect,
    /// The detail text.
    pub detail_text: Rect,
}

/// The panes in `body` for a day of `events` timeline rows.
///
/// Stacked, the timeline takes the rows its day needs, up to half the
/// body, and the details the rest: a short day leaves more room to read.
pub fn areas(body: Rect, events: usize) -> DayAreas {
    let (x, y, w, h) = (body.x, body.y, body.width, body.height);
    let (timeline, detail) = if w >= SIDE_BY_SIDE_WIDTH {
        // Details get two fifths, and at least 50 columns to read in.
        let tw = w.saturating_sub((w / 5 * 2).max(50));
        (
            Rect::new(x, y, tw, h),
            Rect::new(x.saturating_add(tw), y, w.saturating_sub(tw), h),
        )
    } else {
        // Border and scale above the rows; at least two rows.
        let wanted = u16::try_from(events.max(2))
            .unwrap_or(u16::MAX)
            .saturating_add(2);
        let th = wanted.min(h.div_ceil(2));
        (
            Rect::new(x, y, w, th),
            Rect::new(x, y.saturating_add(th), w, h.saturating_sub(th)),
        )
    };
    // Both panes have a top border (their title) and one column of padding
    // each side; the detail pane, when beside the timeline, a left border too.
    let side = u16::from(w >= SIDE_BY_SIDE_WIDTH);
    let timeline_inner = inset(timeline, 1, 0);
    DayAreas {
        timeline,
        scale: Rect {
            height: 1,
            ..timeline_inner
        },
        timeline_rows: Rect {
            y: timeline_inner.y.saturating_add(1),
            height: timeline_inner.height.saturating_sub(1),
            ..timeline_inner
        },
        detail,
        detail_text: inset(detail, 1, side),
    }
}

/// Draws the day view in `body`; returns its rectangles and the first
/// timeline row shown, and reports its room in `viewport`.
pub fn render(
    frame: &mut Frame,
    body: Rect,
    app: &App,
    theme: &Theme,
    viewport: &mut Viewport,
) -> (DayAreas, usize) {
    let areas = areas(body, app.event_count());
    timeline::render(frame, &areas, app, theme);
    viewport.detail_lines = detail::render(frame, &areas, app, theme);
    let rows = usize::from(areas.timeline_rows.height);
    viewport.timeline_rows = rows;
    viewport.detail_rows = usize::from(areas.detail_text.height);
    (areas, app.timeline_top(rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::layout;

    fn body(w: u16, h: u16, now: bool) -> Rect {
        layout::areas(Rect::new(0, 0, w, h), now)
            .unwrap_or_else(|| unreachable!())
            .body
    }

    #[test]
    fn stacked_at_80x24_side_by_side_from_110() {
        let a = areas(body(80, 24, false), 2);
        assert_eq!(
            a.timeline,
            Rect::new(0, 2, 80, 4),
            "border, scale, two rows"
        );
        assert_eq!(a.timeline_rows, Rect::new(1, 4, 78, 2));
        assert_eq!(a.detail, Rect::new(0, 6, 80, 17));
        assert_eq!(a.detail_text, Rect::new(1, 7, 78, 16));
        let long = areas(body(80, 24, false), 100);
        assert_eq!(long.timeline.height, 11, "at most half the body");
        let wide = areas(body(110, 30, false), 2);
        assert_eq!(wide.timeline, Rect::new(0, 2, 60, 27));
        assert_eq!(wide.detail, Rect::new(60, 2, 50, 27));
        assert_eq!(wide.detail_text, Rect::new(62, 3, 47, 26));
        let now = areas(body(80, 24, true), 2);
        assert_eq!(now.detail, Rect::new(0, 7, 80, 16));
    }

    #[test]
    fn every_size_up_to_300x100_fits_inside_the_screen() {
        for w in 0..=300 {
            for h in 0..=100 {
                for (events, now) in [(0, false), (3, true), (1000, false), (1000, true)] {
                    let screen = Rect::new(0, 0, w, h);
                    let Some(l) = layout::areas(screen, now) else {
                        continue;
                    };
                    let a = areas(l.body, events);
                    for r in [l.header, l.tabs, l.status, a.timeline, a.scale]
                        .into_iter()
                        .chain([a.timeline_rows, a.detail, a.detail_text])
                    {
                        assert_eq!(screen.intersection(r), r, "{w}x{h}: {r:?}");
                    }
                    assert!(a.timeline_rows.height >= 1 && a.detail_text.height >= 1);
                }
            }
        }
    }
}
