//! The browser's state and its pure `update(&mut App, Action)`.
//!
//! `update` does no I/O: anything that touches the outside world (quitting,
//! suspending, writing an export) is returned as an [`Effect`] for the event
//! loop in `tui` to perform, which then reports back with an [`Action`].

use std::path::PathBuf;

use chrono::NaiveDateTime;

use crate::model::Trip;

/// Everything the browser knows. Render functions read it; only [`update`] changes it.
#[derive(Debug)]
pub struct App {
    /// The file name shown in messages ("itineraries/zhejiang-japan-2018.toml").
    pub name: String,
    pub trip: Trip,
    /// "Now" for the `t` key: `--now`, or the local clock at start.
    pub now: Option<NaiveDateTime>,
    /// Terminal size in cells, kept current by [`Action::Resize`].
    pub size: (u16, u16),
}

impl App {
    pub fn new(name: String, trip: Trip, now: Option<NaiveDateTime>) -> App {
        App {
            name,
            trip,
            now,
            size: (80, 24),
        }
    }
}

/// Something that happened: a key (already mapped by `keys`), a mouse event,
/// a resize, or the result of an effect.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Quit,
    /// Ctrl-Z: give the terminal back and stop the process.
    Suspend,
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// A left click at (column, row).
    Click(u16, u16),
    /// Mouse wheel: negative up, positive down, in lines.
    Scroll(i16),
    /// The loop wrote an export (the path) or failed (the message).
    Exported(Result<PathBuf, String>),
}

/// Work for the event loop, which `update` cannot do itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Quit,
    Suspend,
    /// Write the selected day (with the active filter) as Markdown into the
    /// current directory, then report with [`Action::Exported`].
    ExportDay,
}

/// Applies an action; returns the effect the loop must perform, if any.
pub fn update(app: &mut App, action: Action) -> Option<Effect> {
    match action {
        Action::Quit => Some(Effect::Quit),
        Action::Suspend => Some(Effect::Suspend),
        Action::Resize(w, h) => {
            app.size = (w, h);
            None
        }
        Action::Click(..) | Action::Scroll(_) | Action::Exported(_) => None,
    }
}
