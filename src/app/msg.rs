//! What flows through `update`: what a person asks for ([`Intent`]),
//! everything `update` hears ([`Msg`]), and the work it hands back to the
//! loop ([`Effect`]).

use std::path::PathBuf;

use chrono::{DateTime, NaiveTime, Utc};

use super::{ExportRequest, FileWrite, Focus, LineKey, Viewport};
use crate::edit::file::WriteError;
use crate::reload::ReloadMsg;

/// What a person asks for, by key or by mouse: one variant per meaning,
/// `Copy`, so the key table can hold them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    Quit,
    /// Ctrl-Z: give the terminal back and stop the process.
    Suspend,
    PrevDay,
    NextDay,
    /// Day N of the trip, counted from 1.
    Day(usize),
    FirstDay,
    LastDay,
    /// The previous event: on the day, in the people view.
    PrevEvent,
    /// The next event.
    NextEvent,
    PageUp,
    PageDown,
    /// Scrolls a text a line up: the details, the help, the `!` pane, the
    /// trip overview.
    ScrollUp,
    /// Scrolls a text a line down.
    ScrollDown,
    /// Scrolls a text that is not wrapped sideways (the `!` pane).
    ScrollLeft,
    ScrollRight,
    /// The previous row of a list to choose from (the prefecture picker).
    PrevChoice,
    /// The next row of a list to choose from.
    NextChoice,
    /// Moves the focus between the timeline and the details.
    ToggleFocus,
    /// Gives the focus back to the timeline (Esc in the details).
    FocusTimeline,
    /// Now: the day of "now" with the event under way selected, else the
    /// next one; the first day when the trip is not under way.
    Today,
    /// Opens the help overlay, or closes it.
    Help,
    CloseHelp,
    /// Opens the export dialog (`e`).
    Export,
    /// Clears the kept search (Esc in the timeline).
    ClearSearch,
    /// Opens the log of this run's messages (`m`), or closes it.
    OpenLog,
    /// Reloads the file now (`r`).
    Reload,
    /// Opens the diagnostics pane (`!`), or closes it.
    Diagnostics,
    CloseDiagnostics,
    /// Opens the prefecture picker.
    OpenPicker,
    /// Clears the prefecture filter.
    ClearFilter,
    /// Opens the person filter's picker (`f`).
    OpenPersonFilter,
    /// Clears the person filter (`F`).
    ClearPersonFilter,
    /// Switches the main view: the day, the glance (`v`).
    SwitchView,
    /// Opens the search input line.
    OpenSearch,
    /// The next search match, changing day as needed.
    NextMatch,
    /// The previous search match.
    PrevMatch,
    /// Opens the go-to-day prompt (`g`).
    OpenGoTo,
    /// Opens the people view (`w`).
    OpenPeople,
    /// Opens the trip overview (`i`), or closes it.
    OpenTrip,
    /// A character typed into the picker, the search or the go-to prompt.
    Type(char),
    /// Deletes the last character typed.
    Backspace,
    /// Toggles the picker's highlighted prefecture.
    Toggle,
    /// Enter: applies the picker, keeps the search, goes to the day typed.
    Accept,
    /// Esc: closes the picker or the go-to prompt, or the search and clears it.
    Cancel,
    /// `s`: the selected event's status, confirmed → tentative → cancelled.
    CycleStatus,
    /// `>`: the selected event 15 minutes later (a stop with its meetings).
    Later,
    /// `<`: 15 minutes earlier.
    Earlier,
    /// `o`: edit the selected meeting's outcome, or the stop's notes.
    EditText,
    /// `a`: add a meeting to the selected stop.
    AddMeeting,
    /// `D`: delete the selected event, after a y/n question.
    Delete,
    /// `u`: undo the last edit.
    Undo,
    /// Ctrl-R: redo the last undone edit.
    Redo,
    /// `E`: open the file in `$VISUAL`/`$EDITOR` at the selected event.
    OpenEditor,
    /// A cursor move or a deletion in a text entry.
    Line(LineKey),
    /// Enter on an event: the form of all its fields.
    OpenForm,
    /// `A`: a new stop on the shown day, in the form.
    AddStop,
    /// Tab in the form or the export dialog: the next field.
    NextField,
    /// Shift-Tab in the form or the export dialog: the previous field.
    PrevField,
    /// Ctrl-S in the form: save every changed field.
    Save,
    /// Ctrl-O in the form: take the value saved outside into the field.
    TakeTheirs,
    /// `y` to the question.
    Yes,
    /// `n` to the question.
    No,
    /// A click on a day tab: selects that tab.
    SelectTab(usize),
    /// A click on a timeline row: selects that event (an index into the
    /// tab's visible events) and focuses the timeline.
    SelectRow(usize),
    /// A click on a pane: gives it the focus.
    Focus(Focus),
    /// The wheel over a pane (or over the rest: the focused one), in lines,
    /// negative up; an overlay scrolls itself instead.
    Scroll(Focus, i16),
}

/// Something that happened: what a person asked for, or what the loop
/// reports. Not `Eq`: a reload carries a trip.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    /// A key or a mouse event, already turned into what it means.
    Intent(Intent),
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// The room the frame just drawn had.
    Viewport(Viewport),
    /// The loop wrote an export (the path) or failed (the message).
    Exported(Result<PathBuf, String>),
    /// The file was reloaded (or failed to, or is gone), at the time it carries.
    Reloaded(ReloadMsg),
    /// The clock reads this (the loop sends it at each minute boundary,
    /// unless `--now` fixed the clock).
    Tick(DateTime<Utc>),
    /// The loop wrote the text of [`Effect::Write`] at this local time, or
    /// could not (the file changed outside, or the write failed).
    Written(NaiveTime, Result<(), WriteError>),
    /// The editor of `E` exited (or could not start: why).
    EditorDone(Result<(), String>),
    /// Text pasted (bracketed paste): typed into the entry, search or
    /// prompt that is open; never taken for keys.
    Paste(String),
}

impl From<Intent> for Msg {
    fn from(intent: Intent) -> Msg {
        Msg::Intent(intent)
    }
}

/// Work for the event loop, which `update` cannot do itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    Suspend,
    /// Write an export as the export dialog asks, with `itinerary
    /// export`'s selection and writer, never over a file; then report
    /// with [`Msg::Exported`].
    Export(ExportRequest),
    /// Reload the file now; the result comes back as [`Msg::Reloaded`].
    Reload,
    /// Write a text over the file if it holds the one expected; the result
    /// comes back as [`Msg::Written`].
    Write(FileWrite),
    /// Give the terminal to `$VISUAL`/`$EDITOR` on the file at this 1-based
    /// line, then take it back and reload the file.
    OpenEditor {
        line: usize,
    },
}
