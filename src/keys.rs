//! The one key table: it maps keys to actions, and the same table feeds the
//! help overlay and the status-line hints, so they can never disagree.
//!
//! The prefecture picker, the search input and the go-to-day prompt are
//! contexts of their own: while one is open, characters go into it
//! ([`TEXT`]), so `q` typed there is a letter, not "quit".

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::{Action, App};

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// The panes, when no overlay is open.
    Browse,
    /// The help overlay.
    Help,
    /// The diagnostics pane (`!`).
    Diagnostics,
    /// The prefecture picker (`p`).
    Picker,
    /// The search input line (`/`).
    Search,
    /// The go-to-day prompt (`g`).
    GoTo,
    /// Everywhere.
    Anywhere,
}

impl Context {
    /// The heading of this context's section in the help overlay.
    pub fn heading(self) -> &'static str {
        match self {
            Context::Browse => "Browsing",
            Context::Help => "In this help",
            Context::Diagnostics => "In the diagnostics pane (!)",
            Context::Picker => "In the prefecture picker",
            Context::Search => "In the search line",
            Context::GoTo => "In the go-to-day prompt (g)",
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
/// the search or the go-to-day prompt. Dispatches as `Action::Type` with that character.
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
#[derive(Debug)]
pub struct Binding {
    pub keys: &'static [Key],
    /// The keys as help shows them ("Left h"); empty for a binding that
    /// help shows under another one's label (day 2…9 under "1..9").
    pub label: &'static str,
    pub action: Action,
    pub description: &'static str,
    pub context: Context,
    /// The status-line hint (keys, words), on at most one binding of a group.
    pub hint: Option<(&'static str, &'static str)>,
}

const fn key(code: KeyCode) -> Key {
    Key {
        code,
        modifiers: KeyModifiers::NONE,
    }
}

const fn ch(c: char) -> Key {
    key(KeyCode::Char(c))
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
    action: Action,
    description: &'static str,
    hint: Option<(&'static str, &'static str)>,
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

use Context::{Anywhere, Browse, Diagnostics, GoTo, Help, Picker, Search};

/// Every key binding, in the order help lists them.
#[rustfmt::skip]
pub static BINDINGS: &[Binding] = &[
    bind(Browse, &[key(KeyCode::Left), ch('h')], "Left h", Action::PrevDay, "previous day", Some(("h/l", "day"))),
    bind(Browse, &[key(KeyCode::Right), ch('l')], "Right l", Action::NextDay, "next day", None),
    bind(Browse, &[ch('1')], "1..9", Action::Day(1), "day 1 to 9 of the trip", None),
    bind(Browse, &[ch('2')], "", Action::Day(2), "day 2", None),
    bind(Browse, &[ch('3')], "", Action::Day(3), "day 3", None),
    bind(Browse, &[ch('4')], "", Action::Day(4), "day 4", None),
    bind(Browse, &[ch('5')], "", Action::Day(5), "day 5", None),
    bind(Browse, &[ch('6')], "", Action::Day(6), "day 6", None),
    bind(Browse, &[ch('7')], "", Action::Day(7), "day 7", None),
    bind(Browse, &[ch('8')], "", Action::Day(8), "day 8", None),
    bind(Browse, &[ch('9')], "", Action::Day(9), "day 9", None),
    bind(Browse, &[key(KeyCode::Home)], "Home", Action::FirstDay, "first day", None),
    bind(Browse, &[key(KeyCode::End)], "End", Action::LastDay, "last day", None),
    bind(Browse, &[ch('g')], "g", Action::OpenGoTo, "go to a day: date, day number, +N/-N or today", None),
    bind(Browse, &[key(KeyCode::Up), ch('k')], "Up k", Action::PrevEvent, "previous event (details: scroll up)", Some(("j/k", "event"))),
    bind(Browse, &[key(KeyCode::Down), ch('j')], "Down j", Action::NextEvent, "next event (details: scroll down)", None),
    bind(Browse, &[key(KeyCode::PageUp)], "PgUp", Action::PageUp, "a page up", None),
    bind(Browse, &[key(KeyCode::PageDown)], "PgDn", Action::PageDown, "a page down", None),
    bind(Browse, &[key(KeyCode::Tab), key(KeyCode::BackTab)], "Tab", Action::ToggleFocus, "focus timeline / details", None),
    bind(Browse, &[ch('t')], "t", Action::Today, "today (first day when the trip is not under way)", Some(("t", "today"))),
    bind(Browse, &[ch('e')], "e", Action::Export, "export the day as Markdown", Some(("e", "export"))),
    bind(Browse, &[ch('r')], "r", Action::Reload, "reload the file now", None),
    bind(Browse, &[ch('!')], "!", Action::Diagnostics, "errors and warnings, as check prints them", None),
    bind(Browse, &[ch('p')], "p", Action::OpenPicker, "filter by prefecture", Some(("p", "filter"))),
    bind(Browse, &[ch('P')], "P", Action::ClearFilter, "clear the prefecture filter", None),
    bind(Browse, &[ch('/')], "/", Action::OpenSearch, "search titles, places, people, topics", Some(("/", "search"))),
    bind(Browse, &[ch('n')], "n", Action::NextMatch, "next match (changes day as needed)", None),
    bind(Browse, &[ch('N')], "N", Action::PrevMatch, "previous match", None),
    bind(Browse, &[ch('?')], "?", Action::Help, "help", Some(("?", "help"))),
    bind(Browse, &[ch('q')], "q", Action::Quit, "quit", Some(("q", "quit"))),
    bind(Help, &[key(KeyCode::Esc), ch('?'), ch('q')], "Esc ? q", Action::CloseHelp, "close help", Some(("Esc", "close"))),
    bind(Help, &[key(KeyCode::Up), ch('k')], "Up k", Action::PrevEvent, "scroll up", Some(("j/k", "scroll"))),
    bind(Help, &[key(KeyCode::Down), ch('j')], "Down j", Action::NextEvent, "scroll down", None),
    bind(Help, &[key(KeyCode::PageUp)], "PgUp", Action::PageUp, "a page up", None),
    bind(Help, &[key(KeyCode::PageDown)], "PgDn", Action::PageDown, "a page down", None),
    bind(Diagnostics, &[key(KeyCode::Esc), ch('!'), ch('q')], "Esc ! q", Action::CloseDiagnostics, "close the pane", Some(("Esc", "close"))),
    bind(Diagnostics, &[key(KeyCode::Up), ch('k')], "Up k", Action::PrevEvent, "scroll up", Some(("j/k", "scroll"))),
    bind(Diagnostics, &[key(KeyCode::Down), ch('j')], "Down j", Action::NextEvent, "scroll down", None),
    bind(Diagnostics, &[key(KeyCode::PageUp)], "PgUp", Action::PageUp, "a page up", None),
    bind(Diagnostics, &[key(KeyCode::PageDown)], "PgDn", Action::PageDown, "a page down", None),
    bind(Diagnostics, &[key(KeyCode::Left), ch('h')], "Left h", Action::PrevDay, "scroll left", Some(("h/l", "sideways"))),
    bind(Diagnostics, &[key(KeyCode::Right), ch('l')], "Right l", Action::NextDay, "scroll right", None),
    bind(Picker, &[key(KeyCode::Up)], "Up", Action::PrevEvent, "previous prefecture", None),
    bind(Picker, &[key(KeyCode::Down)], "Down", Action::NextEvent, "next prefecture", Some(("Up/Down", "move"))),
    bind(Picker, &[ch(' ')], "Space", Action::Toggle, "toggle the prefecture (choose several)", Some(("Space", "toggle"))),
    bind(Picker, &[key(KeyCode::Enter)], "Enter", Action::Accept, "apply the toggled ones, else the highlighted", Some(("Enter", "apply"))),
    bind(Picker, &[key(KeyCode::Esc)], "Esc", Action::Cancel, "close, filter unchanged", Some(("Esc", "cancel"))),
    bind(Picker, &[key(KeyCode::Backspace)], "Backspace", Action::Backspace, "delete the last character", None),
    bind(Picker, &[TEXT], "letters", Action::Type(' '), "narrow the list: romaji (tok) or kanji", Some(("type", "narrow"))),
    bind(Search, &[key(KeyCode::Enter)], "Enter", Action::Accept, "close the line, keep the matches (n/N)", Some(("Enter", "keep"))),
    bind(Search, &[key(KeyCode::Esc)], "Esc", Action::Cancel, "close the line and clear the search", Some(("Esc", "clear"))),
    bind(Search, &[key(KeyCode::Backspace)], "Backspace", Action::Backspace, "delete the last character", None),
    bind(Search, &[TEXT], "letters", Action::Type(' '), "search as you type (q is a letter here)", None),
    bind(GoTo, &[key(KeyCode::Enter)], "Enter", Action::Accept, "go to the day typed (a bad one says why)", Some(("Enter", "go"))),
    bind(GoTo, &[key(KeyCode::Esc)], "Esc", Action::Cancel, "close, stay on this day", Some(("Esc", "cancel"))),
    bind(GoTo, &[key(KeyCode::Backspace)], "Backspace", Action::Backspace, "delete the last character", None),
    bind(GoTo, &[TEXT], "letters", Action::Type(' '), "2018-08-28, 08-28, 3, +1, -2 or today", None),
    bind(Anywhere, &[ctrl('c')], "Ctrl-C", Action::Quit, "quit", None),
    bind(Anywhere, &[ctrl('z')], "Ctrl-Z", Action::Suspend, "suspend (fg resumes)", None),
];

/// The contexts active in this state, most specific first.
pub fn contexts(app: &App) -> [Context; 2] {
    if app.help.is_some() {
        [Help, Anywhere]
    } else if app.live.pane.is_some() {
        [Diagnostics, Anywhere]
    } else if app.picker().is_some() {
        [Picker, Anywhere]
    } else if app.goto().is_some() {
        [GoTo, Anywhere]
    } else if app.search().editing {
        [Search, Anywhere]
    } else {
        [Browse, Anywhere]
    }
}

/// The action for a key press in the current state, if the key does anything.
pub fn action_for(app: &App, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let contexts = contexts(app);
    BINDINGS
        .iter()
        .filter(|b| contexts.contains(&b.context))
        .find(|b| b.keys.iter().any(|k| k.matches(&key)))
        .map(|b| match (&b.action, key.code) {
            (Action::Type(_), KeyCode::Char(c)) => Action::Type(c),
            (action, _) => action.clone(),
        })
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

/// The status-line hints for the current state, in table order.
pub fn hints(app: &App) -> impl Iterator<Item = (&'static str, &'static str)> {
    let contexts = contexts(app);
    BINDINGS
        .iter()
        .filter(move |b| contexts.contains(&b.context))
        .filter_map(|b| b.hint)
}
