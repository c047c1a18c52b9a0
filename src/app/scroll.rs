//! The one scroll position: the first line and column shown of something
//! taller or wider than the room it has (the help, the `!` pane, the trip
//! overview, the details). The keys move it, and [`Scroll::clamp`] keeps it
//! inside its text as the last frame measured it ([`Room`]).

use super::Intent;

/// Columns h/l move a scroll sideways.
pub const SIDEWAYS: usize = 8;

/// The first line and column shown.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scroll {
    /// The first line shown.
    pub top: usize,
    /// The first column shown (text that is not wrapped, such as the `!`
    /// pane's, whose carets must stay under the text they point at).
    pub left: usize,
}

/// The room a scrolled text had in the last frame, and its size: rows and
/// columns shown, lines and the widest line's cells. All zero before the
/// first frame and while the terminal is too small: nothing is clamped.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Room {
    pub rows: usize,
    pub cols: usize,
    pub lines: usize,
    pub width: usize,
}

impl Scroll {
    /// Moves by what a scrolling key or the wheel asks for, `page` rows a
    /// page; whether the intent was one of those.
    pub fn apply(&mut self, intent: Intent, page: usize) -> bool {
        let page = page.max(1);
        match intent {
            Intent::ScrollUp => self.top = self.top.saturating_sub(1),
            Intent::ScrollDown => self.top = self.top.saturating_add(1),
            Intent::PageUp => self.top = self.top.saturating_sub(page),
            Intent::PageDown => self.top = self.top.saturating_add(page),
            Intent::Scroll(_, d) => self.top = self.top.saturating_add_signed(isize::from(d)),
            Intent::ScrollLeft => self.left = self.left.saturating_sub(SIDEWAYS),
            Intent::ScrollRight => self.left = self.left.saturating_add(SIDEWAYS),
            _ => return false,
        }
        true
    }

    /// Keeps the position inside the text in `room`: the last line can come
    /// up to the bottom, the widest line's end to the right edge. Nothing
    /// changes while the room is unmeasured.
    pub fn clamp(&mut self, room: Room) {
        if room.rows > 0 {
            self.top = self.top.min(room.lines.saturating_sub(room.rows));
        }
        if room.cols > 0 {
            self.left = self.left.min(room.width.saturating_sub(room.cols));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_move_it_and_the_room_keeps_it_inside_the_text() {
        let mut s = Scroll::default();
        assert!(s.apply(Intent::PageDown, 10));
        assert!(s.apply(Intent::ScrollRight, 10));
        assert_eq!(s, Scroll { top: 10, left: 8 });
        assert!(!s.apply(Intent::NextDay, 10), "not a scroll");
        s.clamp(Room {
            rows: 5,
            cols: 40,
            lines: 12,
            width: 44,
        });
        assert_eq!(s, Scroll { top: 7, left: 4 });
        s.clamp(Room::default());
        assert_eq!(s, Scroll { top: 7, left: 4 }, "unmeasured: unchanged");
    }
}
