//! The one key table: it maps keys to intents, and the same table feeds the
//! help overlay and the status-line hints, so they can never disagree.
//!
//! The prefecture picker, the search input and the go-to-day prompt are
//! contexts of their own: while one is open, characters go into it
//! ([`TEXT`]), so `q` typed there is a letter, not "quit". With the details
//! focused, the [`Context::Details`] bindings come before the browsing
//! ones: a key bound in both does what the details say, and the hint of
//! the browsing binding it hides is not shown, so the hints always follow
//! the focus.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::{App, Focus, Intent, LineKey, Main, Overlay};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// The panes, when no overlay is open.
    Browse,
    /// The detail pane, when it has the focus (Tab): before [`Context::Browse`].
    Details,
    /// The help overlay.
    Help,
    /// The diagnostics pane (`!`).
    Diagnostics,
    /// The glance view (`v`), when it is the main view: before [`Context::Browse`].
    Glance,
    /// The prefecture picker (`p`).
    Picker,
    /// The person filter's picker (`f`).
    PersonPicker,
    /// The search input line (`/`).
    Search,
    /// The go-to-day prompt (`g`).
    GoTo,
    /// A text entry (`o`, `a`).
    Entry,
    /// A y/n question (`D`).
    Confirm,
    /// The event form (Enter, `a`, `A`).
    Form,
    /// The people view (`w`).
    People,
    /// The trip overview (`i`).
    TripInfo,
    /// The message log (`m`).
    Log,
    /// The export dialog (`e`); on its folder, [`Context::Entry`] follows.
    Export,
    /// A choice of the export dialog (scope, format, a filter).
    ExportChoice,
    /// While the terminal is too small for the panes: only quit.
    TooSmall,
    /// Everywhere.
    Anywhere,
}

impl Context {
    /// The heading of this context's section in the help overlay.
    pub fn heading(self) -> &'static str {
        match self {
            Context::Browse => "Browsing",
            Context::Details => "With the details focused (Tab)",
            Context::Help => "In this help",
            Context::Diagnostics => "In the diagnostics pane (!)",
            Context::Glance => "In the glance view (v)",
            Context::Picker => "In the prefecture picker",
            Context::PersonPicker => "In the person filter (f)",
            Context::Search => "In the search line",
            Context::GoTo => "In the go-to-day prompt (g)",
            Context::Entry => "In a text entry (o, a)",
            Context::Confirm => "In a y/n question (D)",
            Context::Form => "In the event form (Enter, a, A)",
            Context::People => "In the people view (w)",
            Context::TripInfo => "In the trip overview (i)",
            Context::Log => "In the message log (m)",
            Context::Export => "In the export dialog (e)",
            Context::ExportChoice => "On a choice of the export dialog (scope, format, filter)",
            Context::TooSmall => "While the terminal is too small",
            Context::Anywhere => "Anywhere",
        }
    }
}

/// One key: a code and the Control/Alt modifiers it needs. Shift is not
/// compared: it is already in the character (`?`, `P`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

/// Any character without Control or Alt: the text typed into the picker,
/// the search or the go-to-day prompt. Dispatches as `Intent::Type` with that character.
pub const TEXT: Key = key(KeyCode::Null);

impl Key {
    /// Whether a key press is this key.
    pub fn matches(&self, event: &KeyEvent) -> bool {
        let mods = event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        if *self == TEXT {
            return matches!(event.code, KeyCode::Char(_)) && mods.is_empty();
        }
        self.code == event.code && self.modifiers == mods
    }
}

/// A key binding: keys, what they do, and how help and hints show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding {
    pub keys: &'static [Key],
    /// The keys as help shows them ("Left h"); empty for a binding that
    /// help shows under another one's label (day 2…9 under "1..9").
    pub label: &'static str,
    pub action: Intent,
    pub description: &'static str,
    pub context: Context,
    /// The status-line hint, on at most one binding of a group.
    pub hint: Option<Hint>,
}

/// A status-line hint: "j/k event".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hint {
    pub keys: &'static str,
    pub words: &'static str,
    /// Which hints stay when they do not all fit the line: the lower the
    /// rank, the longer it stays; rank 0 is always shown (`? help`, and the
    /// way out of an overlay), even beside a long message.
    pub rank: u8,
}

/// Shorthand for a hint in the table.
const fn hint(keys: &'static str, words: &'static str, rank: u8) -> Option<Hint> {
    Some(Hint { keys, words, rank })
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

const fn ctrl_key(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::CONTROL,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
}

const fn alt(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::ALT,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        modifiers: KeyModifiers::CONTROL,
    }
}

/// Shorthand for a table row.
const fn bind(
    context: Context,
    keys: &'static [Key],
    label: &'static str,
    action: Intent,
    description: &'static str,
    hint: Option<Hint>,
) -> Binding {
    Binding {
        keys,
        label,
        action,
        description,
        context,
        hint,
    }
}

use Context::{
    Anywhere, Browse, Confirm, Details, Diagnostics, Entry, Export, ExportChoice, Form, Glance,
    GoTo, Help, Log, People, PersonPicker, Picker, Search, TooSmall, TripInfo,
};

/// Every key binding, in the order help lists them.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    bind(Browse, &[key(KeyCode::Left), ch('h')], "Left h", Intent::PrevDay, "previous day", hint("h/l", "day", 2)),
    bind(Browse, &[key(KeyCode::Right), ch('l')], "Right l", Intent::NextDay, "next day", None),
    bind(Browse, &[ch('1')], "1..9", Intent::Day(1), "day 1 to 9 of the trip", None),
    bind(Browse, &[ch('2')], "", Intent::Day(2), "day 2", None),
    bind(Browse, &[ch('3')], "", Intent::Day(3), "day 3", None),
    bind(Browse, &[ch('4')], "", Intent::Day(4), "day 4", None),
    bind(Browse, &[ch('5')], "", Intent::Day(5), "day 5", None),
    bind(Browse, &[ch('6')], "", Intent::Day(6), "day 6", None),
    bind(Browse, &[ch('7')], "", Intent::Day(7), "day 7", None),
    bind(Browse, &[ch('8')], "", Intent::Day(8), "day 8", None),
    bind(Browse, &[ch('9')], "", Intent::Day(9), "day 9", None),
    bind(Browse, &[key(KeyCode::Home)], "Home", Intent::FirstDay, "first day", None),
    bind(Browse, &[key(KeyCode::End)], "End", Intent::LastDay, "last day", None),
    bind(Browse, &[ch('g')], "g", Intent::OpenGoTo, "go to a day: date, day number, +N/-N or today", hint("g", "goto", 5)),
    bind(Browse, &[ch('w')], "w", Intent::OpenPeople, "people: everyone by side, and their events", hint("w", "people", 3)),
    bind(Browse, &[ch('i')], "i", Intent::OpenTrip, "the trip: dates, lead, purpose, counts", hint("i", "trip", 7)),
    bind(Browse, &[key(KeyCode::Up), ch('k')], "Up k", Intent::PrevEvent, "previous event", hint("j/k", "event", 1)),
    bind(Browse, &[key(KeyCode::Down), ch('j')], "Down j", Intent::NextEvent, "next event", None),
    bind(Browse, &[key(KeyCode::PageUp)], "PgUp", Intent::PageUp, "a page up", None),
    bind(Browse, &[key(KeyCode::PageDown)], "PgDn", Intent::PageDown, "a page down", None),
    bind(Browse, &[key(KeyCode::Tab), key(KeyCode::BackTab)], "Tab", Intent::ToggleFocus, "focus timeline / details", hint("Tab", "details", 10)),
    bind(Browse, &[ch('t')], "t", Intent::Today, "now: the event under way, else the next one", hint("t", "now", 6)),
    bind(Browse, &[ch('e')], "e", Intent::Export, "export: the day or the trip, a format, a folder", hint("e", "export", 11)),
    bind(Browse, &[ch('m')], "m", Intent::OpenLog, "messages of this run, newest first, whole", hint("m", "messages", 13)),
    bind(Browse, &[ch('r')], "r", Intent::Reload, "reload the file now", None),
    bind(Browse, &[ch('!')], "!", Intent::Diagnostics, "errors and warnings, as check prints them", hint("!", "check", 8)),
    bind(Browse, &[ch('p')], "p", Intent::OpenPicker, "filter by prefecture", hint("p", "filter", 12)),
    bind(Browse, &[ch('P')], "P", Intent::ClearFilter, "clear the prefecture filter", None),
    bind(Browse, &[ch('f')], "f", Intent::OpenPersonFilter, "filter by person: their events only", None),
    bind(Browse, &[ch('F')], "F", Intent::ClearPersonFilter, "clear the person filter", None),
    bind(Browse, &[ch('v')], "v", Intent::SwitchView, "the glance: every day side by side (v: back)", hint("v", "glance", 9)),
    bind(Browse, &[ch('/')], "/", Intent::OpenSearch, "search all: titles, people, outcomes, notes", hint("/", "search", 4)),
    bind(Browse, &[ch('n')], "n", Intent::NextMatch, "next match (changes day as needed)", None),
    bind(Browse, &[ch('N')], "N", Intent::PrevMatch, "previous match", None),
    bind(Browse, &[key(KeyCode::Esc)], "Esc", Intent::ClearSearch, "clear the kept search", None),
    bind(Browse, &[ch('s')], "s", Intent::CycleStatus, "status: confirmed, tentative, cancelled", None),
    bind(Browse, &[ch('>')], ">", Intent::Later, "15 minutes later (a stop with its meetings)", None),
    bind(Browse, &[ch('<')], "<", Intent::Earlier, "15 minutes earlier", None),
    bind(Browse, &[ch('o')], "o", Intent::EditText, "edit the meeting's outcome, or the stop's notes", None),
    bind(Browse, &[key(KeyCode::Enter)], "Enter", Intent::OpenForm, "edit the event: every field in a form", hint("Enter", "edit", 5)),
    bind(Browse, &[ch('a')], "a", Intent::AddMeeting, "add a meeting to the stop, in the form", None),
    bind(Browse, &[ch('A')], "A", Intent::AddStop, "add a stop to the day, in the form", None),
    bind(Browse, &[ch('D')], "D", Intent::Delete, "delete the event (asks y/n first)", None),
    bind(Browse, &[ch('u')], "u", Intent::Undo, "undo the last edit, back to the byte", None),
    bind(Browse, &[ctrl('r')], "Ctrl-R", Intent::Redo, "redo the last edit undone", None),
    bind(Browse, &[ch('E')], "E", Intent::OpenEditor, "$VISUAL/$EDITOR at the event, then reload", None),
    bind(Browse, &[ch('?')], "?", Intent::Help, "help", hint("?", "help", 0)),
    bind(Browse, &[ch('q')], "q", Intent::Quit, "quit", hint("q", "quit", 9)),
    bind(Details, &[key(KeyCode::Up), ch('k')], "Up k", Intent::ScrollUp, "scroll the details up", hint("j/k", "scroll", 1)),
    bind(Details, &[key(KeyCode::Down), ch('j')], "Down j", Intent::ScrollDown, "scroll the details down", None),
    bind(Details, &[key(KeyCode::PageUp)], "PgUp", Intent::PageUp, "a page of details up", None),
    bind(Details, &[key(KeyCode::PageDown)], "PgDn", Intent::PageDown, "a page of details down", None),
    bind(Details, &[key(KeyCode::Esc), key(KeyCode::Tab), key(KeyCode::BackTab)], "Esc Tab", Intent::FocusTimeline, "focus back to the timeline", hint("Esc", "timeline", 1)),
    bind(Glance, &[key(KeyCode::Up), ch('k')], "Up k", Intent::PrevEvent, "previous event of the day", hint("j/k", "event", 1)),
    bind(Glance, &[key(KeyCode::Down), ch('j')], "Down j", Intent::NextEvent, "next event of the day", None),
    bind(Glance, &[key(KeyCode::Left), ch('h')], "Left h", Intent::PrevDay, "the day before, at the nearest time", hint("h/l", "day", 2)),
    bind(Glance, &[key(KeyCode::Right), ch('l')], "Right l", Intent::NextDay, "the day after, at the nearest time", None),
    bind(Glance, &[key(KeyCode::Enter)], "Enter", Intent::Accept, "open the event in the day view", hint("Enter", "open", 4)),
    bind(Glance, &[ch('v'), key(KeyCode::Tab), key(KeyCode::BackTab)], "v Tab", Intent::SwitchView, "back to the day view", hint("v", "day", 6)),
    bind(Help, &[key(KeyCode::Esc), ch('?'), ch('q')], "Esc ? q", Intent::CloseHelp, "close help", hint("Esc", "close", 0)),
    bind(Help, &[key(KeyCode::Up), ch('k')], "Up k", Intent::ScrollUp, "scroll up", hint("j/k", "scroll", 1)),
    bind(Help, &[key(KeyCode::Down), ch('j')], "Down j", Intent::ScrollDown, "scroll down", None),
    bind(Help, &[key(KeyCode::PageUp)], "PgUp", Intent::PageUp, "a page up", None),
    bind(Help, &[key(KeyCode::PageDown)], "PgDn", Intent::PageDown, "a page down", None),
    bind(Diagnostics, &[key(KeyCode::Esc), ch('!'), ch('q')], "Esc ! q", Intent::CloseDiagnostics, "close the pane", hint("Esc", "close", 0)),
    bind(Diagnostics, &[key(KeyCode::Up), ch('k')], "Up k", Intent::ScrollUp, "scroll up", hint("j/k", "scroll", 1)),
    bind(Diagnostics, &[key(KeyCode::Down), ch('j')], "Down j", Intent::ScrollDown, "scroll down", None),
    bind(Diagnostics, &[key(KeyCode::PageUp)], "PgUp", Intent::PageUp, "a page up", None),
    bind(Diagnostics, &[key(KeyCode::PageDown)], "PgDn", Intent::PageDown, "a page down", None),
    bind(Diagnostics, &[key(KeyCode::Left), ch('h')], "Left h", Intent::ScrollLeft, "scroll left", hint("h/l", "sideways", 2)),
    bind(Diagnostics, &[key(KeyCode::Right), ch('l')], "Right l", Intent::ScrollRight, "scroll right", None),
    bind(Picker, &[key(KeyCode::Up)], "Up", Intent::PrevChoice, "previous prefecture", None),
    bind(Picker, &[key(KeyCode::Down)], "Down", Intent::NextChoice, "next prefecture", hint("Up/Down", "move", 2)),
    bind(Picker, &[ch(' ')], "Space", Intent::Toggle, "toggle the prefecture (choose several)", hint("Space", "toggle", 3)),
    bind(Picker, &[key(KeyCode::Enter)], "Enter", Intent::Accept, "apply the toggled ones, else the highlighted", hint("Enter", "apply", 1)),
    bind(Picker, &[key(KeyCode::Esc)], "Esc", Intent::Cancel, "close, filter unchanged", hint("Esc", "cancel", 0)),
    bind(Picker, &[key(KeyCode::Backspace)], "Backspace", Intent::Backspace, "delete the last character", None),
    bind(Picker, &[TEXT], "letters", Intent::Type(' '), "narrow the list: romaji (tok) or kanji", hint("type", "narrow", 4)),
    bind(PersonPicker, &[key(KeyCode::Up)], "Up", Intent::PrevChoice, "previous person", None),
    bind(PersonPicker, &[key(KeyCode::Down)], "Down", Intent::NextChoice, "next person", hint("Up/Down", "move", 2)),
    bind(PersonPicker, &[ch(' ')], "Space", Intent::Toggle, "toggle the person (choose several)", hint("Space", "toggle", 3)),
    bind(PersonPicker, &[key(KeyCode::Enter)], "Enter", Intent::Accept, "apply the toggled ones, else the highlighted", hint("Enter", "apply", 1)),
    bind(PersonPicker, &[key(KeyCode::Esc)], "Esc", Intent::Cancel, "close, filter unchanged", hint("Esc", "cancel", 0)),
    bind(PersonPicker, &[key(KeyCode::Backspace)], "Backspace", Intent::Backspace, "delete the last character", None),
    bind(PersonPicker, &[TEXT], "letters", Intent::Type(' '), "narrow: a name in either script, or an id", hint("type", "narrow", 4)),
    bind(Search, &[key(KeyCode::Enter)], "Enter", Intent::Accept, "close the line, keep the matches (n/N)", hint("Enter", "keep", 1)),
    bind(Search, &[key(KeyCode::Esc)], "Esc", Intent::Cancel, "close the line and clear the search", hint("Esc", "clear", 0)),
    bind(Search, &[key(KeyCode::Backspace)], "Backspace", Intent::Backspace, "delete the last character", None),
    bind(Search, &[TEXT], "letters", Intent::Type(' '), "search as you type (q is a letter here)", None),
    bind(GoTo, &[key(KeyCode::Enter)], "Enter", Intent::Accept, "go to the day typed (a bad one says why)", hint("Enter", "go", 1)),
    bind(GoTo, &[key(KeyCode::Esc)], "Esc", Intent::Cancel, "close, stay on this day", hint("Esc", "cancel", 0)),
    bind(GoTo, &[key(KeyCode::Backspace)], "Backspace", Intent::Backspace, "delete the last character", None),
    bind(GoTo, &[TEXT], "letters", Intent::Type(' '), "2018-08-28, 08-28, 3, +1, -2 or today", None),
    bind(Entry, &[key(KeyCode::Enter)], "Enter", Intent::Accept, "save (in a new meeting: next field)", hint("Enter", "save", 1)),
    bind(Entry, &[key(KeyCode::Esc)], "Esc", Intent::Cancel, "cancel, nothing written", hint("Esc", "cancel", 0)),
    bind(Entry, &[key(KeyCode::Left), ctrl('b')], "Left", Intent::Line(LineKey::Left), "cursor left", None),
    bind(Entry, &[key(KeyCode::Right), ctrl('f')], "Right", Intent::Line(LineKey::Right), "cursor right", None),
    bind(Entry, &[ctrl_key(KeyCode::Left)], "Ctrl-Left", Intent::Line(LineKey::WordLeft), "a word left (Ctrl-Right: right)", None),
    bind(Entry, &[ctrl_key(KeyCode::Right)], "", Intent::Line(LineKey::WordRight), "a word right", None),
    bind(Entry, &[key(KeyCode::Home), ctrl('a')], "Home", Intent::Line(LineKey::Home), "start of the line (also Ctrl-A)", None),
    bind(Entry, &[key(KeyCode::End), ctrl('e')], "End", Intent::Line(LineKey::End), "end of the line (also Ctrl-E)", None),
    bind(Entry, &[key(KeyCode::Backspace), ctrl('h')], "Backspace", Intent::Backspace, "delete the character before", None),
    bind(Entry, &[key(KeyCode::Delete), ctrl('d')], "Delete", Intent::Line(LineKey::DeleteNext), "delete the character under", None),
    bind(Entry, &[ctrl('w')], "Ctrl-W", Intent::Line(LineKey::DeleteWord), "delete the word before", None),
    bind(Entry, &[ctrl('u')], "Ctrl-U", Intent::Line(LineKey::DeleteToStart), "delete to the start", None),
    bind(Entry, &[ctrl('k')], "Ctrl-K", Intent::Line(LineKey::DeleteToEnd), "delete to the end", None),
    bind(Entry, &[TEXT], "letters", Intent::Type(' '), "type (or paste) the text", None),
    bind(Form, &[key(KeyCode::Tab)], "Tab", Intent::NextField, "next field", hint("Tab", "field", 2)),
    bind(Form, &[key(KeyCode::BackTab)], "Shift-Tab", Intent::PrevField, "previous field", None),
    bind(Form, &[ctrl('s')], "Ctrl-S", Intent::Save, "save every field changed (from any field)", hint("^S", "save", 1)),
    bind(Form, &[key(KeyCode::Esc)], "Esc", Intent::Cancel, "close the form (asks when something changed)", hint("Esc", "cancel", 0)),
    bind(Form, &[key(KeyCode::Enter)], "Enter", Intent::Accept, "next field; a new line in notes, outcome, topics", None),
    bind(Form, &[key(KeyCode::Up)], "Up", Intent::PrevChoice, "line up; in people: previous person", None),
    bind(Form, &[key(KeyCode::Down)], "Down", Intent::NextChoice, "line down; in people: next person", None),
    bind(Form, &[ch(' ')], "Space", Intent::Toggle, "in people: toggle the person (else a space)", hint("Space", "toggle", 4)),
    bind(Form, &[ctrl('o')], "Ctrl-O", Intent::TakeTheirs, "take the value saved outside into the field", None),
    bind(Form, &[key(KeyCode::Left), ctrl('b')], "Left", Intent::Line(LineKey::Left), "cursor left", None),
    bind(Form, &[key(KeyCode::Right), ctrl('f')], "Right", Intent::Line(LineKey::Right), "cursor right", None),
    bind(Form, &[ctrl_key(KeyCode::Left), alt('b')], "Ctrl-Left", Intent::Line(LineKey::WordLeft), "a word left (Ctrl-Right: right; Alt-B, Alt-F too)", None),
    bind(Form, &[ctrl_key(KeyCode::Right), alt('f')], "", Intent::Line(LineKey::WordRight), "a word right", None),
    bind(Form, &[key(KeyCode::Home), ctrl('a')], "Home", Intent::Line(LineKey::Home), "start of the line (also Ctrl-A)", None),
    bind(Form, &[key(KeyCode::End), ctrl('e')], "End", Intent::Line(LineKey::End), "end of the line (also Ctrl-E)", None),
    bind(Form, &[key(KeyCode::Backspace), ctrl('h')], "Backspace", Intent::Backspace, "delete the character before", None),
    bind(Form, &[key(KeyCode::Delete), ctrl('d')], "Delete", Intent::Line(LineKey::DeleteNext), "delete the character under", None),
    bind(Form, &[ctrl('w')], "Ctrl-W", Intent::Line(LineKey::DeleteWord), "delete the word before", None),
    bind(Form, &[ctrl('u')], "Ctrl-U", Intent::Line(LineKey::DeleteToStart), "delete to the start of the line", None),
    bind(Form, &[ctrl('k')], "Ctrl-K", Intent::Line(LineKey::DeleteToEnd), "delete to the end of the line", None),
    bind(Form, &[TEXT], "letters", Intent::Type(' '), "type (or paste); in people: narrow the list", None),
    bind(Confirm, &[ch('y'), ch('Y')], "y", Intent::Yes, "yes: do it (u undoes)", hint("y", "yes", 1)),
    bind(Confirm, &[ch('n'), ch('N'), key(KeyCode::Esc)], "n Esc", Intent::No, "no: leave it", hint("n", "no", 0)),
    bind(People, &[key(KeyCode::Up)], "Up", Intent::PrevEvent, "previous event", None),
    bind(People, &[key(KeyCode::Down)], "Down", Intent::NextEvent, "next event", hint("Up/Down", "move", 2)),
    bind(People, &[key(KeyCode::PageUp)], "PgUp", Intent::PageUp, "a page up", None),
    bind(People, &[key(KeyCode::PageDown)], "PgDn", Intent::PageDown, "a page down", None),
    bind(People, &[key(KeyCode::Enter)], "Enter", Intent::Accept, "go to the event on its day", hint("Enter", "go", 1)),
    bind(People, &[key(KeyCode::Esc)], "Esc", Intent::Cancel, "close, selection unchanged", hint("Esc", "back", 0)),
    bind(People, &[key(KeyCode::Backspace)], "Backspace", Intent::Backspace, "delete the last character", None),
    bind(People, &[TEXT], "letters", Intent::Type(' '), "narrow: name (romaji or kanji), role, id", hint("type", "narrow", 3)),
    bind(TripInfo, &[key(KeyCode::Esc), ch('i'), ch('q')], "Esc i q", Intent::Cancel, "close the overview", hint("Esc", "close", 0)),
    bind(TripInfo, &[key(KeyCode::Up), ch('k')], "Up k", Intent::ScrollUp, "scroll up", hint("j/k", "scroll", 1)),
    bind(TripInfo, &[key(KeyCode::Down), ch('j')], "Down j", Intent::ScrollDown, "scroll down", None),
    bind(TripInfo, &[key(KeyCode::PageUp)], "PgUp", Intent::PageUp, "a page up", None),
    bind(TripInfo, &[key(KeyCode::PageDown)], "PgDn", Intent::PageDown, "a page down", None),
    bind(Log, &[key(KeyCode::Esc), ch('m'), ch('q')], "Esc m q", Intent::Cancel, "close the log", hint("Esc", "close", 0)),
    bind(Log, &[key(KeyCode::Up), ch('k')], "Up k", Intent::ScrollUp, "scroll up", hint("j/k", "scroll", 1)),
    bind(Log, &[key(KeyCode::Down), ch('j')], "Down j", Intent::ScrollDown, "scroll down", None),
    bind(Log, &[key(KeyCode::PageUp)], "PgUp", Intent::PageUp, "a page up", None),
    bind(Log, &[key(KeyCode::PageDown)], "PgDn", Intent::PageDown, "a page down", None),
    bind(Export, &[key(KeyCode::Tab), key(KeyCode::Down)], "Tab Down", Intent::NextField, "next field", hint("Tab", "field", 2)),
    bind(Export, &[key(KeyCode::BackTab), key(KeyCode::Up)], "S-Tab Up", Intent::PrevField, "previous field", None),
    bind(Export, &[key(KeyCode::Enter)], "Enter", Intent::Accept, "write (a taken name gets -2, -3...)", hint("Enter", "write", 1)),
    bind(Export, &[key(KeyCode::Esc)], "Esc", Intent::Cancel, "close, nothing written", hint("Esc", "cancel", 0)),
    bind(ExportChoice, &[key(KeyCode::Left)], "Left", Intent::PrevChoice, "the previous choice (a filter: on/off)", None),
    bind(ExportChoice, &[key(KeyCode::Right)], "Right", Intent::NextChoice, "the next choice (a filter: on/off)", hint("Left/Right", "change", 3)),
    bind(ExportChoice, &[ch(' ')], "Space", Intent::Toggle, "the next choice, as Right", None),
    bind(TooSmall, &[ch('q')], "q", Intent::Quit, "quit; every other key waits for a larger terminal", None),
    bind(Anywhere, &[ctrl('c')], "Ctrl-C", Intent::Quit, "quit", None),
    bind(Anywhere, &[ctrl('z')], "Ctrl-Z", Intent::Suspend, "suspend (fg resumes)", None),
];

/// The contexts active in this state, most specific first: the overlay's
/// (with none, the details' when they have the focus, then the browsing
/// ones), then [`Anywhere`].
pub fn contexts(app: &App) -> &'static [Context] {
    if app.too_small() {
        return &[TooSmall, Anywhere];
    }
    match app.overlay() {
        Overlay::Help(_) => &[Help, Anywhere],
        Overlay::Problems(_) => &[Diagnostics, Anywhere],
        Overlay::Picker(_) => &[Picker, Anywhere],
        Overlay::PersonFilter(_) => &[PersonPicker, Anywhere],
        Overlay::Search { .. } => &[Search, Anywhere],
        Overlay::GoTo(_) => &[GoTo, Anywhere],
        Overlay::Entry(_) => &[Entry, Anywhere],
        Overlay::Confirm(_) => &[Confirm, Anywhere],
        Overlay::Form(f) if f.asking => &[Confirm, Anywhere],
        Overlay::Form(_) => &[Form, Anywhere],
        Overlay::People(_) => &[People, Anywhere],
        Overlay::Trip(_) => &[TripInfo, Anywhere],
        Overlay::Log(_) => &[Log, Anywhere],
        Overlay::Export(d) if d.on_choice() => &[Export, ExportChoice, Anywhere],
        // The folder is a line of text: the text entry's keys edit it.
        Overlay::Export(_) => &[Export, Entry, Anywhere],
        Overlay::None if matches!(app.main(), Main::Glance(_)) => &[Glance, Browse, Anywhere],
        Overlay::None if app.focus() == Focus::Details => &[Details, Browse, Anywhere],
        Overlay::None => &[Browse, Anywhere],
    }
}

/// The action for a key press in the current state under the default
/// keys ([`Keymap::defaults`]); the browser asks its own [`Keymap`].
pub fn action_for(app: &App, key: KeyEvent) -> Option<Intent> {
    Keymap::defaults().action_for(app, key)
}

/// Esc and the key typed right after it reach the program in one read, and
/// crossterm reports them as that key with Alt (`Esc /` arrives as Alt-/).
/// Nothing is bound to Alt, so such a key is taken apart again: Esc, then
/// the key without Alt. `None` for a key without Alt.
pub fn split_alt(key: KeyEvent) -> Option<[KeyEvent; 2]> {
    if !key.modifiers.contains(KeyModifiers::ALT) {
        return None;
    }
    let esc = KeyEvent::new_with_kind(KeyCode::Esc, KeyModifiers::NONE, key.kind);
    let plain = KeyEvent {
        modifiers: key.modifiers.difference(KeyModifiers::ALT),
        ..key
    };
    Some([esc, plain])
}

/// Whether an Alt key not bound here is taken apart as Esc and a key
/// ([`split_alt`]): not in the form, where Esc would close it and an Alt
/// key is never read as Esc.
pub fn splits_alt(app: &App) -> bool {
    !matches!(app.overlay(), Overlay::Form(_))
}

/// Whether `intent` changes the trip file (refused, with the reason, while
/// [`App::edit_lock`] says so).
pub fn edits_file(intent: Intent) -> bool {
    matches!(
        intent,
        Intent::OpenForm | Intent::AddStop | Intent::AddMeeting
    )
}

/// The status-line hints for the current state under the default keys;
/// the browser asks its own [`Keymap`] ([`Keymap::hints`]).
pub fn hints(app: &App) -> impl Iterator<Item = Hint> {
    Keymap::defaults().hints(app)
}

/// Every intent a key can be bound to, under its stable snake_case name:
/// the name a configuration file remaps keys by, and the name docs/keys.md
/// lists. A name, once given, is not changed.
#[rustfmt::skip]
pub static NAMES: &[(Intent, &str)] = &[
    (Intent::Quit, "quit"),
    (Intent::Suspend, "suspend"),
    (Intent::PrevDay, "prev_day"),
    (Intent::NextDay, "next_day"),
    (Intent::Day(1), "day_1"),
    (Intent::Day(2), "day_2"),
    (Intent::Day(3), "day_3"),
    (Intent::Day(4), "day_4"),
    (Intent::Day(5), "day_5"),
    (Intent::Day(6), "day_6"),
    (Intent::Day(7), "day_7"),
    (Intent::Day(8), "day_8"),
    (Intent::Day(9), "day_9"),
    (Intent::FirstDay, "first_day"),
    (Intent::LastDay, "last_day"),
    (Intent::PrevEvent, "prev_event"),
    (Intent::NextEvent, "next_event"),
    (Intent::PageUp, "page_up"),
    (Intent::PageDown, "page_down"),
    (Intent::ScrollUp, "scroll_up"),
    (Intent::ScrollDown, "scroll_down"),
    (Intent::ScrollLeft, "scroll_left"),
    (Intent::ScrollRight, "scroll_right"),
    (Intent::PrevChoice, "prev_choice"),
    (Intent::NextChoice, "next_choice"),
    (Intent::ToggleFocus, "toggle_focus"),
    (Intent::FocusTimeline, "focus_timeline"),
    (Intent::Today, "today"),
    (Intent::Help, "help"),
    (Intent::CloseHelp, "close_help"),
    (Intent::Export, "export"),
    (Intent::Reload, "reload"),
    (Intent::Diagnostics, "diagnostics"),
    (Intent::CloseDiagnostics, "close_diagnostics"),
    (Intent::OpenPicker, "filter_prefecture"),
    (Intent::ClearFilter, "clear_filter"),
    (Intent::OpenPersonFilter, "filter_person"),
    (Intent::ClearPersonFilter, "clear_person_filter"),
    (Intent::SwitchView, "switch_view"),
    (Intent::OpenSearch, "search"),
    (Intent::NextMatch, "next_match"),
    (Intent::ClearSearch, "clear_search"),
    (Intent::OpenLog, "messages"),
    (Intent::PrevMatch, "prev_match"),
    (Intent::OpenGoTo, "go_to_day"),
    (Intent::OpenPeople, "people"),
    (Intent::OpenTrip, "trip_overview"),
    (Intent::Type(' '), "type"),
    (Intent::Backspace, "backspace"),
    (Intent::Toggle, "toggle"),
    (Intent::Accept, "accept"),
    (Intent::Cancel, "cancel"),
    (Intent::CycleStatus, "cycle_status"),
    (Intent::Later, "later"),
    (Intent::Earlier, "earlier"),
    (Intent::EditText, "edit_text"),
    (Intent::AddMeeting, "add_meeting"),
    (Intent::Delete, "delete"),
    (Intent::Undo, "undo"),
    (Intent::Redo, "redo"),
    (Intent::OpenEditor, "open_editor"),
    (Intent::Line(LineKey::Left), "cursor_left"),
    (Intent::Line(LineKey::Right), "cursor_right"),
    (Intent::Line(LineKey::WordLeft), "word_left"),
    (Intent::Line(LineKey::WordRight), "word_right"),
    (Intent::Line(LineKey::Home), "line_start"),
    (Intent::Line(LineKey::End), "line_end"),
    (Intent::Line(LineKey::DeleteNext), "delete_next"),
    (Intent::Line(LineKey::DeleteWord), "delete_word"),
    (Intent::Line(LineKey::DeleteToStart), "delete_to_start"),
    (Intent::Line(LineKey::DeleteToEnd), "delete_to_end"),
    (Intent::OpenForm, "open_form"),
    (Intent::AddStop, "add_stop"),
    (Intent::NextField, "next_field"),
    (Intent::PrevField, "prev_field"),
    (Intent::Save, "save"),
    (Intent::TakeTheirs, "take_theirs"),
    (Intent::Yes, "yes"),
    (Intent::No, "no"),
];

impl Intent {
    /// The intent's stable name ([`NAMES`]); `None` for what only the mouse
    /// asks for (a click on a tab or a row, the wheel) and for a day past 9.
    /// Every character typed is `type`.
    pub fn name(self) -> Option<&'static str> {
        let key = match self {
            Intent::Type(_) => Intent::Type(' '),
            other => other,
        };
        NAMES.iter().find(|(i, _)| *i == key).map(|(_, n)| *n)
    }

    /// The intent a name stands for, as a configuration file writes it.
    pub fn from_name(name: &str) -> Option<Intent> {
        NAMES.iter().find(|(_, n)| *n == name).map(|(i, _)| *i)
    }
}

/// The key table as docs/keys.md shows it: one table per context, each
/// row the keys, the intent's name and what it does. The test
/// `docs_keys_md_shows_the_key_table` fails when the page differs.
pub fn markdown_table() -> String {
    let mut out = String::new();
    let mut last = None;
    for b in BINDINGS {
        if last != Some(b.context) {
            last = Some(b.context);
            out.push_str(&format!(
                "\n#### {}\n\n| keys | name | does |\n| --- | --- | --- |\n",
                b.context.heading()
            ));
        }
        let keys = if b.label.is_empty() {
            "(see above)"
        } else {
            b.label
        };
        out.push_str(&format!(
            "| {} | `{}` | {} |\n",
            keys.replace('|', "\\|"),
            b.action.name().unwrap_or("?"),
            b.description.replace('|', "\\|")
        ));
    }
    out
}

mod keymap;
mod names;

pub use keymap::{Change, Keymap, Remap, RemapError};
pub use names::{display, known_names, parse_key, spec};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bound_intent_has_one_stable_name_and_back() {
        for b in BINDINGS {
            let name = b.action.name();
            assert!(name.is_some(), "{:?} has no name", b.action);
            assert_eq!(name.and_then(Intent::from_name), Some(b.action));
        }
        let mut names: Vec<&str> = NAMES.iter().map(|(_, n)| *n).collect();
        names.sort_unstable();
        let len = names.len();
        names.dedup();
        assert_eq!(names.len(), len, "two intents share a name");
        for (_, n) in NAMES {
            assert!(
                n.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "{n} is not snake_case"
            );
        }
        assert_eq!(Intent::from_name("next_day"), Some(Intent::NextDay));
        assert_eq!(Intent::from_name("scroll_left"), Some(Intent::ScrollLeft));
        assert_eq!(Intent::SelectRow(3).name(), None, "mouse only");
    }

    /// docs/keys.md carries the table between two markers; with
    /// `UPDATE_KEYS_MD=1` this test writes it there instead of failing.
    #[test]
    fn docs_keys_md_shows_the_key_table() {
        const BEGIN: &str = "<!-- key table: generated from src/keys.rs -->\n";
        const END: &str = "<!-- end of key table -->\n";
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/keys.md");
        let page = std::fs::read_to_string(path).unwrap();
        let (Some(b), Some(e)) = (page.find(BEGIN), page.find(END)) else {
            panic!("docs/keys.md has no key table markers");
        };
        let shown = &page[b + BEGIN.len()..e];
        let table = markdown_table();
        if shown != table && std::env::var_os("UPDATE_KEYS_MD").is_some() {
            let new = format!("{}{BEGIN}{table}{}", &page[..b], &page[e..]);
            std::fs::write(path, new).unwrap();
            return;
        }
        assert!(
            shown == table,
            "docs/keys.md differs from the key table in src/keys.rs; \
             run `UPDATE_KEYS_MD=1 cargo test --lib keys` and review the diff"
        );
    }
}
