//! The mouse, like the keys: an event becomes an [`Intent`] against the
//! [`Layout`] the last frame drew (television's `mouse.rs` does the same),
//! so a click lands on what was on screen and `update` never hit-tests.
//!
//! A left click selects a tab or a row and focuses the pane it is on; over
//! an overlay it closes the overlay (the search line, one row at the
//! bottom, lets clicks through). The wheel scrolls the pane under the
//! pointer, leaving the focus where it is, and elsewhere the focused pane;
//! an open overlay scrolls itself.

use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use crate::app::{App, Focus, Intent, Overlay};
use crate::ui::{Layout, tabs};

/// Lines the wheel scrolls per notch.
pub const WHEEL_LINES: i16 = 3;

/// What a mouse event means on the screen `layout` describes; `None` for
/// one that means nothing (a release, a drag, another button, a click on
/// the header).
pub fn action_at(app: &App, layout: &Layout, mouse: MouseEvent) -> Option<Intent> {
    let at = Position::new(mouse.column, mouse.row);
    let under = layout.day().and_then(|a| {
        if a.detail.contains(at) {
            Some(Focus::Details)
        } else if a.timeline.contains(at) {
            Some(Focus::Timeline)
        } else {
            None
        }
    });
    match mouse.kind {
        MouseEventKind::ScrollUp => {
            Some(Intent::Scroll(under.unwrap_or(app.focus()), -WHEEL_LINES))
        }
        MouseEventKind::ScrollDown => {
            Some(Intent::Scroll(under.unwrap_or(app.focus()), WHEEL_LINES))
        }
        MouseEventKind::Down(MouseButton::Left) => match app.overlay() {
            Overlay::Help(_) => Some(Intent::CloseHelp),
            Overlay::Problems(_) => Some(Intent::CloseDiagnostics),
            Overlay::Picker(_)
            | Overlay::PersonFilter(_)
            | Overlay::GoTo(_)
            | Overlay::Entry(_)
            | Overlay::People(_)
            | Overlay::Trip(_)
            | Overlay::Log(_)
            | Overlay::Export(_) => Some(Intent::Cancel),
            Overlay::Confirm(_) => Some(Intent::No),
            // A stray click must not drop what was typed.
            Overlay::Form(_) => None,
            Overlay::None | Overlay::Search { .. } => click(layout, at, under),
        },
        _ => None,
    }
}

/// A left click on the panes.
fn click(layout: &Layout, at: Position, under: Option<Focus>) -> Option<Intent> {
    let a = layout.areas?;
    if a.tabs.contains(at) {
        return tabs::hit(&layout.tabs, a.tabs, at.x).map(Intent::SelectTab);
    }
    let a = layout.day()?;
    if a.timeline_rows.contains(at) {
        let row = layout.timeline_top + usize::from(at.y - a.timeline_rows.y);
        return Some(Intent::SelectRow(row));
    }
    under.map(Intent::Focus)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load;
    use crate::ui::headless::Headless;
    use ratatui::crossterm::event::KeyModifiers;

    fn screen() -> Headless {
        let trip = load::load_str(load::BUNDLED).unwrap_or_else(|_| unreachable!());
        let mut h = Headless::new(App::new("t.toml".into(), trip.trip, None));
        h.send(Intent::Day(3));
        h
    }

    fn at(h: &Headless, kind: MouseEventKind, column: u16, row: u16) -> Option<Intent> {
        let event = MouseEvent {
            kind,
            column,
            row,
            modifiers: KeyModifiers::NONE,
        };
        action_at(h, h.layout(), event)
    }

    #[test]
    fn the_wheel_scrolls_three_lines_of_the_pane_under_it_else_the_focused_one() {
        let h = screen();
        let a = *h.layout().day().unwrap_or_else(|| unreachable!());
        let (up, down) = (MouseEventKind::ScrollUp, MouseEventKind::ScrollDown);
        assert_eq!(
            at(&h, down, a.detail.x + 1, a.detail.y + 1),
            Some(Intent::Scroll(Focus::Details, 3))
        );
        assert_eq!(
            at(&h, up, a.timeline.x + 1, a.timeline.y + 1),
            Some(Intent::Scroll(Focus::Timeline, -3))
        );
        assert_eq!(at(&h, up, 0, 0), Some(Intent::Scroll(Focus::Timeline, -3)));
    }

    #[test]
    fn a_click_means_the_tab_row_or_pane_under_it() {
        let h = screen();
        let a = *h.layout().day().unwrap_or_else(|| unreachable!());
        let left = MouseEventKind::Down(MouseButton::Left);
        let rows = a.timeline_rows;
        assert_eq!(at(&h, left, rows.x, rows.y + 1), Some(Intent::SelectRow(1)));
        assert_eq!(
            at(&h, left, a.timeline.x, a.timeline.y),
            Some(Intent::Focus(Focus::Timeline))
        );
        assert_eq!(
            at(&h, left, a.detail_text.x, a.detail_text.y),
            Some(Intent::Focus(Focus::Details))
        );
        let first = &h.layout().tabs.slots[0];
        let tabs = h.layout().areas.unwrap_or_else(|| unreachable!()).tabs;
        assert_eq!(
            at(&h, left, tabs.x + first.x + 1, tabs.y),
            Some(Intent::SelectTab(first.tab))
        );
        assert_eq!(at(&h, left, 0, 0), None, "the header does nothing");
    }

    #[test]
    fn a_click_over_an_overlay_closes_it() {
        let mut h = screen();
        h.send(Intent::Help);
        let left = MouseEventKind::Down(MouseButton::Left);
        assert_eq!(at(&h, left, 5, 5), Some(Intent::CloseHelp));
        h.send(Intent::CloseHelp);
        h.send(Intent::OpenGoTo);
        assert_eq!(at(&h, left, 5, 5), Some(Intent::Cancel));
    }

    #[test]
    fn other_mouse_events_do_nothing() {
        let h = screen();
        for kind in [
            MouseEventKind::Up(MouseButton::Left),
            MouseEventKind::Down(MouseButton::Right),
            MouseEventKind::Down(MouseButton::Middle),
            MouseEventKind::Drag(MouseButton::Left),
            MouseEventKind::Moved,
            MouseEventKind::ScrollLeft,
        ] {
            assert_eq!(at(&h, kind, 12, 3), None, "{kind:?}");
        }
    }
}
