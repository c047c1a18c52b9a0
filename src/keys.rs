//! The one key table: it maps keys to actions, and the same table feeds the
//! help overlay and the status-line hints, so they can never disagree.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::{Action, App};

/// The action for a key press in the current state, if the key does anything.
pub fn action_for(_app: &App, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('q') => Some(Action::Quit),
        KeyCode::Char('c') if ctrl => Some(Action::Quit),
        KeyCode::Char('z') if ctrl => Some(Action::Suspend),
        _ => None,
    }
}
