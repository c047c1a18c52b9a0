//! Where each pane goes: one pure function of the terminal size. The draw
//! returns the rectangles it used (`ui::Layout`), and the mouse is read
//! against them (`ui::mouse`), so a click lands on what was drawn there.
//!
//! All arithmetic saturates: any size, 0×0 included, gives a layout or
//! "too small", never a panic.

use ratatui::layout::Rect;

/// The smallest terminal the panes are drawn in; below it, a message.
pub const MIN_WIDTH: u16 = 60;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = 15;
/// From this width the timeline and details sit side by side; below it, stacked.
pub const SIDE_BY_SIDE_WIDTH: u16 = 110;

/// The rectangles of every pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// One row: trip title, dates, filter.
    pub header: Rect,
    /// One row while the trip is under way: what is under way and next;
    /// no rows otherwise.
    pub now: Rect,
    /// One row: the day tabs.
    pub tabs: Rect,
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
    /// One row: hints and messages.
    pub status: Rect,
}

/// A box of at most `w`×`h` cells centred on `screen` (an overlay: the
/// picker, the go-to prompt).
pub fn centred(screen: Rect, w: u16, h: u16) -> Rect {
    let (w, h) = (w.min(screen.width), h.min(screen.height));
    Rect::new(
        screen.x.saturating_add((screen.width - w) / 2),
        screen.y.saturating_add((screen.height - h) / 2),
        w,
        h,
    )
}

/// The text area of an overlay box: inside its border, one column of
/// padding each side.
pub fn inside(box_area: Rect) -> Rect {
    Rect::new(
        box_area.x.saturating_add(2),
        box_area.y.saturating_add(1),
        box_area.width.saturating_sub(4),
        box_area.height.saturating_sub(2),
    )
}

/// The layout for a terminal of `area` showing a day of `events` timeline
/// rows, or `None` when it is smaller than [`MIN_WIDTH`]×[`MIN_HEIGHT`];
/// with a row for now and next under the header when `now_row`.
///
/// Stacked, the timeline takes the rows its day needs, up to half the
/// body, and the details the rest: a short day leaves more room to read.
pub fn areas(area: Rect, events: usize, now_row: bool) -> Option<Areas> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let (x, y, w, h) = (area.x, area.y, area.width, area.height);
    let row = |r: u16| Rect::new(x, y.saturating_add(r), w, 1);
    let extra = u16::from(now_row);
    let body_y = y.saturating_add(2 + extra);
    let body_h = h.saturating_sub(3 + extra);
    let (timeline, detail) = if w >= SIDE_BY_SIDE_WIDTH {
        // Details get two fifths, and at least 50 columns to read in.
        let tw = w.saturating_sub((w / 5 * 2).max(50));
        (
            Rect::new(x, body_y, tw, body_h),
            Rect::new(x.saturating_add(tw), body_y, w.saturating_sub(tw), body_h),
        )
    } else {
        // Border and scale above the rows; at least two rows.
        let wanted = u16::try_from(events.max(2))
            .unwrap_or(u16::MAX)
            .saturating_add(2);
        let th = wanted.min(body_h.div_ceil(2));
        (
            Rect::new(x, body_y, w, th),
            Rect::new(x, body_y.saturating_add(th), w, body_h.saturating_sub(th)),
        )
    };
    // Both panes have a top border (their title) and one column of padding
    // each side; the detail pane, when beside the timeline, a left border too.
    let side = u16::from(w >= SIDE_BY_SIDE_WIDTH);
    let timeline_inner = inset(timeline, 1, 0);
    let detail_text = inset(detail, 1, side);
    Some(Areas {
        header: row(0),
        now: Rect {
            height: extra,
            ..row(1)
        },
        tabs: row(1 + extra),
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
        detail_text,
        status: row(h.saturating_sub(1)),
    })
}

/// `r` without `top` rows, a left border of `left` columns, and one column
/// of padding on each side.
fn inset(r: Rect, top: u16, left: u16) -> Rect {
    let x = r.x.saturating_add(left).saturating_add(1);
    Rect::new(
        x,
        r.y.saturating_add(top),
        r.width.saturating_sub(left).saturating_sub(2),
        r.height.saturating_sub(top),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stacked_at_80x24_side_by_side_from_110() {
        let a = areas(Rect::new(0, 0, 80, 24), 2, false).unwrap_or_else(|| unreachable!());
        assert_eq!(a.header, Rect::new(0, 0, 80, 1));
        assert_eq!(a.tabs, Rect::new(0, 1, 80, 1));
        assert_eq!(
            a.timeline,
            Rect::new(0, 2, 80, 4),
            "border, scale, two rows"
        );
        assert_eq!(a.timeline_rows, Rect::new(1, 4, 78, 2));
        assert_eq!(a.detail, Rect::new(0, 6, 80, 17));
        assert_eq!(a.detail_text, Rect::new(1, 7, 78, 16));
        assert_eq!(a.status, Rect::new(0, 23, 80, 1));
        let long = areas(Rect::new(0, 0, 80, 24), 100, false).unwrap_or_else(|| unreachable!());
        assert_eq!(long.timeline.height, 11, "at most half the body");
        let wide = areas(Rect::new(0, 0, 110, 30), 2, false).unwrap_or_else(|| unreachable!());
        assert_eq!(wide.timeline, Rect::new(0, 2, 60, 27));
        assert_eq!(wide.detail, Rect::new(60, 2, 50, 27));
        assert_eq!(wide.detail_text, Rect::new(62, 3, 47, 26));
        // Now and next take a row under the header, from the body.
        let now = areas(Rect::new(0, 0, 80, 24), 2, true).unwrap_or_else(|| unreachable!());
        assert_eq!(
            (now.now, now.tabs),
            (Rect::new(0, 1, 80, 1), Rect::new(0, 2, 80, 1))
        );
        assert_eq!(now.detail, Rect::new(0, 7, 80, 16));
    }

    #[test]
    fn too_small_below_60x15() {
        assert!(areas(Rect::new(0, 0, 59, 15), 0, false).is_none());
        assert!(areas(Rect::new(0, 0, 60, 14), 0, false).is_none());
        assert!(areas(Rect::new(0, 0, 60, 15), 0, true).is_some());
    }

    #[test]
    fn every_size_up_to_300x100_fits_inside_the_screen() {
        for w in 0..=300 {
            for h in 0..=100 {
                for (events, now) in [(0, false), (3, true), (1000, false), (1000, true)] {
                    let screen = Rect::new(0, 0, w, h);
                    let Some(a) = areas(screen, events, now) else {
                        continue;
                    };
                    for r in [a.header, a.tabs, a.timeline, a.scale, a.timeline_rows]
                        .into_iter()
                        .chain([a.detail, a.detail_text, a.status])
                    {
                        assert_eq!(screen.intersection(r), r, "{w}x{h}: {r:?}");
                    }
                    assert!(a.timeline_rows.height >= 1 && a.detail_text.height >= 1);
                }
            }
        }
    }
}
