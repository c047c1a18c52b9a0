//! Where each pane goes: one pure function of the terminal size. The draw
//! returns the rectangles it used (`ui::Layout`), and the mouse is read
//! against them (`ui::mouse`), so a click lands on what was drawn there.
//!
//! All arithmetic saturates: any size, 0×0 included, gives a layout or
//! "too small", never a panic.

use ratatui::layout::Rect;

/// The smallest terminal the panes are drawn in; below it, a message.
pub const MIN_WIDTH: u16 = crate::app::MIN_SIZE.0;
/// See [`MIN_WIDTH`].
pub const MIN_HEIGHT: u16 = crate::app::MIN_SIZE.1;
/// From this width the timeline and details sit side by side; below it, stacked.
pub const SIDE_BY_SIDE_WIDTH: u16 = 110;

/// The rectangles of the screen's parts; the main view divides `body`
/// as it needs (`ui::day::areas`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    /// One row: trip title, dates, filter.
    pub header: Rect,
    /// One row while the trip is under way: what is under way and next;
    /// no rows otherwise.
    pub now: Rect,
    /// One row: the day tabs.
    pub tabs: Rect,
    /// The main view: everything between the tabs and the status line.
    pub body: Rect,
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

/// The layout for a terminal of `area`, or `None` when it is smaller
/// than [`MIN_WIDTH`]×[`MIN_HEIGHT`]; with a row for now and next under the
/// header when `now_row`.
pub fn areas(area: Rect, now_row: bool) -> Option<Areas> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let (x, y, w, h) = (area.x, area.y, area.width, area.height);
    let row = |r: u16| Rect::new(x, y.saturating_add(r), w, 1);
    let extra = u16::from(now_row);
    Some(Areas {
        header: row(0),
        now: Rect {
            height: extra,
            ..row(1)
        },
        tabs: row(1 + extra),
        body: Rect::new(
            x,
            y.saturating_add(2 + extra),
            w,
            h.saturating_sub(3 + extra),
        ),
        status: row(h.saturating_sub(1)),
    })
}

/// `r` without `top` rows, a left border of `left` columns, and one column
/// of padding on each side.
pub fn inset(r: Rect, top: u16, left: u16) -> Rect {
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
    fn the_body_is_what_header_tabs_and_status_leave() {
        let a = areas(Rect::new(0, 0, 80, 24), false).unwrap_or_else(|| unreachable!());
        assert_eq!(a.header, Rect::new(0, 0, 80, 1));
        assert_eq!(a.tabs, Rect::new(0, 1, 80, 1));
        assert_eq!(a.body, Rect::new(0, 2, 80, 21));
        assert_eq!(a.status, Rect::new(0, 23, 80, 1));
        // Now and next take a row under the header, from the body.
        let now = areas(Rect::new(0, 0, 80, 24), true).unwrap_or_else(|| unreachable!());
        assert_eq!(
            (now.now, now.tabs, now.body),
            (
                Rect::new(0, 1, 80, 1),
                Rect::new(0, 2, 80, 1),
                Rect::new(0, 3, 80, 20)
            )
        );
    }

    #[test]
    fn too_small_below_60x15() {
        assert!(areas(Rect::new(0, 0, 59, 15), false).is_none());
        assert!(areas(Rect::new(0, 0, 60, 14), false).is_none());
        assert!(areas(Rect::new(0, 0, 60, 15), true).is_some());
    }
}
