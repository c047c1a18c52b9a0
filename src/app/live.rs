//! Live reload in the browser: swapping in a new version of the file while
//! keeping the person's place, the status line while the file has a
//! problem, and the `!` diagnostics pane.
//!
//! Kept apart from `app.rs` so the browser's own keys and these stay easy to
//! read (and to merge) separately.

use chrono::NaiveTime;

use unicode_width::UnicodeWidthStr;

use super::{App, Message, Overlay, Scroll};
use crate::reload::{self, ReloadMsg, ReloadState};

/// What `r` says when there is no file behind the trip.
pub const BUILT_IN: &str = "the bundled trip is built in; there is no file to reload";

/// What the browser knows about the file behind the trip.
#[derive(Debug)]
pub struct Live {
    /// The version on screen, its warnings, and the current problem.
    pub state: ReloadState,
    /// True when the loop follows a file; false for the bundled trip.
    pub followed: bool,
    /// Why edits will not show up by themselves (the watch could not be set
    /// up); shown on the status line when nothing else is.
    pub unfollowed: Option<String>,
}

/// The open `!` pane: its lines, exactly as `check` prints them, rendered
/// when it opens and again whenever the file's state changes while it is
/// open (never per frame: the file may have thousands of diagnostics), and
/// its scroll.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Problems {
    pub lines: Vec<String>,
    /// The width in cells of the widest line.
    pub width: usize,
    pub scroll: Scroll,
}

impl Live {
    /// A trip compiled into the binary: nothing to follow or reload.
    pub fn built_in(state: ReloadState) -> Live {
        Live {
            state,
            followed: false,
            unfollowed: None,
        }
    }

    /// A trip read from a file the loop follows.
    pub fn file(state: ReloadState) -> Live {
        Live {
            followed: true,
            ..Live::built_in(state)
        }
    }
}

impl Default for Live {
    fn default() -> Live {
        Live::built_in(ReloadState::new(NaiveTime::MIN, Vec::new(), String::new()))
    }
}

impl App {
    /// The status-line message: the newest one, else the file's problem
    /// (which therefore comes back after any key clears a newer message),
    /// else why the file is not followed.
    pub fn status_message(&self) -> Option<Message> {
        self.message.clone().or_else(|| {
            let problem = self
                .live
                .state
                .status()
                .map(|text| Message { text, error: true });
            problem.or_else(|| {
                self.live
                    .unfollowed
                    .clone()
                    .map(|text| Message { text, error: true })
            })
        })
    }

    /// The open `!` pane's lines, exactly as `check` prints them; none
    /// while it is closed.
    pub fn pane_lines(&self) -> &[String] {
        match &self.overlay {
            Overlay::Problems(p) => &p.lines,
            _ => &[],
        }
    }

    /// `!`: the pane of the file's errors and warnings.
    pub(super) fn open_problems(&mut self) {
        self.overlay = Overlay::Problems(Problems::default());
        self.refresh_problems();
    }

    /// Renders the open `!` pane's lines anew, for the file's state now.
    fn refresh_problems(&mut self) {
        if let Overlay::Problems(p) = &mut self.overlay {
            p.lines = self.live.state.pane_lines(self.version.source());
            p.width = p.lines.iter().map(|l| l.width()).max().unwrap_or(0);
        }
    }

    /// Swaps in a reloaded trip, or records why there is none.
    pub(super) fn reloaded(&mut self, msg: ReloadMsg) {
        let (trip, status) = self.live.state.apply(msg);
        self.refresh_problems();
        let Some(new) = trip else {
            // The problem stays on the status line by itself (see
            // `status_message`); an older message must not hide it.
            self.message = None;
            return;
        };
        let old_trip = self.trip();
        let day = self
            .selected_day()
            .map(|d| reload::carry_day(old_trip, d, &new));
        let old = self.selected_event();
        let event = old.and_then(|e| reload::carry_selection(old_trip, e, &new, &self.filter));
        // The details keep their scroll only while they show the same event.
        let title = |trip: &crate::model::Trip, e: Option<_>| {
            e.and_then(|e| trip.event(e)).map(|e| e.title().to_string())
        };
        let detail_scroll = if title(old_trip, old) == title(&new, event) {
            self.detail_scroll()
        } else {
            0
        };
        // The view is derived once; filter (and any search) are values, kept.
        self.set_trip(*new);
        // `set_trip` clamped it against the old selection's row.
        self.day_mut().details.top = detail_scroll;
        if let Some(tab) = day.and_then(|d| {
            self.version
                .derived()
                .counts
                .days
                .iter()
                .position(|t| *t == d)
        }) {
            self.tab = tab;
            self.sync_current();
        }
        self.selected = event
            .and_then(|e| self.current()?.events.iter().position(|r| *r == e))
            .unwrap_or(0);
        self.message = Some(Message {
            text: status,
            error: false,
        });
    }
}
