//! The one-line text entry of `o` (an outcome, a stop's notes) and `a` (a
//! new meeting: title, start, end), and the y/n question of `D`.
//!
//! The line's text and cursor are `tui_input`'s state, which moves by
//! grapheme and measures by display width (a CJK character is two cells);
//! the key table gives [`Intent::Type`] and [`Intent::Line`], mapped here
//! to its requests.

use tui_input::{Input, InputRequest};

use super::Intent;
use crate::edit::NewMeeting;
use crate::model::EventRef;

/// A cursor move or a deletion in a text entry (the key table's words;
/// each is one `tui_input` request).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKey {
    Left,
    Right,
    WordLeft,
    WordRight,
    Home,
    End,
    /// Delete.
    DeleteNext,
    /// Ctrl-W: the word before the cursor.
    DeleteWord,
    /// Ctrl-U: everything before the cursor.
    DeleteToStart,
    /// Ctrl-K: everything from the cursor on.
    DeleteToEnd,
}

impl LineKey {
    fn request(self) -> InputRequest {
        match self {
            LineKey::Left => InputRequest::GoToPrevChar,
            LineKey::Right => InputRequest::GoToNextChar,
            LineKey::WordLeft => InputRequest::GoToPrevWord,
            LineKey::WordRight => InputRequest::GoToNextWord,
            LineKey::Home => InputRequest::GoToStart,
            LineKey::End => InputRequest::GoToEnd,
            LineKey::DeleteNext => InputRequest::DeleteNextChar,
            LineKey::DeleteWord => InputRequest::DeletePrevWord,
            LineKey::DeleteToStart => InputRequest::DeleteFromStart,
            LineKey::DeleteToEnd => InputRequest::DeleteTillEnd,
        }
    }
}

/// A line of text being typed, with its cursor.
#[derive(Debug, Clone, Default)]
pub struct Line(Input);

impl PartialEq for Line {
    fn eq(&self, other: &Line) -> bool {
        self.0.value() == other.0.value() && self.0.cursor() == other.0.cursor()
    }
}

impl Eq for Line {}

impl Line {
    /// A line holding `text`, the cursor at its end.
    pub fn new(text: &str) -> Line {
        Line(Input::new(text.to_string()))
    }

    /// The text typed.
    pub fn value(&self) -> &str {
        self.0.value()
    }

    /// The cursor's column, in display cells from the start.
    pub fn cursor_cells(&self) -> usize {
        self.0.visual_cursor()
    }

    /// The cells scrolled off the left when `width` cells show the line
    /// with the cursor in view.
    pub fn scroll(&self, width: usize) -> usize {
        self.0.visual_scroll(width)
    }

    /// Types a character or moves/deletes; false for an intent that is not
    /// the line's.
    pub fn handle(&mut self, intent: Intent) -> bool {
        let request = match intent {
            // A control character (a tab pasted) would break the line drawn.
            Intent::Type(c) if c.is_control() => InputRequest::InsertChar(' '),
            Intent::Type(c) => InputRequest::InsertChar(c),
            Intent::Backspace => InputRequest::DeletePrevChar,
            Intent::Line(key) => key.request(),
            _ => return false,
        };
        self.0.handle(request);
        true
    }
}

/// What a text entry is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Field {
    /// The selected meeting's outcome, or the stop's notes (`o`).
    Text,
    /// A new meeting's title (`a`), then its start, then its end.
    Title,
    Start {
        title: String,
    },
    End {
        meeting: NewMeeting,
    },
}

/// The text entry overlay: the event it edits, what for, the line, and
/// why the last Enter was not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEntry {
    pub target: EventRef,
    /// The target's title when the entry opened: a reload while typing may
    /// put another event at `target`, and then nothing is written.
    pub title: String,
    /// The box's title: "Outcome of “Visit”".
    pub label: String,
    pub field: Field,
    pub line: Line,
    pub error: Option<String>,
}

impl TextEntry {
    /// What the bottom border says the entry takes.
    pub fn prompt(&self) -> &'static str {
        match self.field {
            Field::Text => "Enter saves (empty removes it), Esc cancels",
            Field::Title => "title, Enter: next, the start",
            Field::Start { .. } => "start, 09:30 (empty: none), Enter: next, the end",
            Field::End { .. } => "end, 10:30 (empty: none), Enter adds the meeting",
        }
    }
}

/// The y/n question of `D`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    pub target: EventRef,
    /// The target's title when asked (see [`TextEntry::title`]).
    pub title: String,
    /// "Delete “Visit” and its 2 meetings?"
    pub question: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(line: &mut Line, text: &str) {
        for c in text.chars() {
            line.handle(Intent::Type(c));
        }
    }

    #[test]
    fn moves_and_deletes_as_a_shell_line_does() {
        let mut line = Line::default();
        typed(&mut line, "agreed on pilot");
        line.handle(Intent::Line(LineKey::DeleteWord));
        assert_eq!(line.value(), "agreed on ");
        line.handle(Intent::Line(LineKey::Home));
        typed(&mut line, "MoU ");
        assert_eq!(line.value(), "MoU agreed on ");
        line.handle(Intent::Line(LineKey::End));
        line.handle(Intent::Line(LineKey::Left));
        line.handle(Intent::Line(LineKey::DeleteToStart));
        assert_eq!(line.value(), " ");
        line.handle(Intent::Backspace);
        assert_eq!(line.value(), " ");
        line.handle(Intent::Line(LineKey::DeleteNext));
        assert_eq!(line.value(), "");
    }

    #[test]
    fn wide_characters_take_two_cells_and_move_whole() {
        let mut line = Line::default();
        typed(&mut line, "合意a");
        assert_eq!(line.cursor_cells(), 5);
        line.handle(Intent::Line(LineKey::Left));
        line.handle(Intent::Line(LineKey::Left));
        assert_eq!(line.cursor_cells(), 2);
        line.handle(Intent::Backspace);
        assert_eq!(line.value(), "意a");
        // Four cells show the cursor at the end of "意a" (3 cells) unscrolled.
        line.handle(Intent::Line(LineKey::End));
        assert_eq!(line.scroll(4), 0);
        assert_eq!(line.scroll(2), 2);
    }
}
