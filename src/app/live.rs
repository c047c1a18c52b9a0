//! Live reload in the browser: swapping in a new version of the file while
//! keeping the person's place, the status line while the file has a
//! problem, and the `!` diagnostics pane.
//!
//! Kept apart from `app.rs` so the browser's own keys and these stay easy to
//! read (and to merge) separately.

use chrono::NaiveTime;

use super::{App, Intent, Message, Overlay};
use crate::reload::{self, ReloadMsg, ReloadState};

/// What `r` says when there is no file behind the trip.
pub const BUILT_IN: &str = "the bundled trip is built in; there is no file to reload";

/// Columns the pane moves per h/l.
const SIDEWAYS: usize = 8;

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

/// The scroll position of the `!` pane.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pane {
    /// The first line shown.
    pub top: usize,
    /// The first column shown (diagnostics are not wrapped, so the carets
    /// stay under the text they point at).
    pub left: usize,
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

    /// The `!` pane's lines, exactly as `check` prints them.
    pub fn pane_lines(&self) -> &[String] {
        self.live.state.pane_lines(self.loaded.source())
    }

    /// The width in cells of the widest line of the `!` pane.
    pub fn pane_width(&self) -> usize {
        self.live.state.pane_width(self.loaded.source())
    }

    /// Swaps in a reloaded trip, or records why there is none.
    pub(super) fn reloaded(&mut self, msg: ReloadMsg) {
        let (trip, status) = self.live.state.apply(msg);
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
            self.detail_scroll
        } else {
            0
        };
        // The view is derived once; filter (and any search) are values, kept.
        self.set_trip(*new);
        // `set_trip` clamped it against the old selection's row.
        self.detail_scroll = detail_scroll;
        if let Some(tab) = day.and_then(|d| {
            self.loaded
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

    /// Keeps the pane's scroll within its text, as the last frame measured
    /// the pane.
    pub(super) fn settle_pane(&mut self) {
        let Overlay::Problems(pane) = self.overlay else {
            return;
        };
        let (rows, cols) = (self.viewport.problems_rows, self.viewport.problems_cols);
        if rows == 0 {
            return;
        }
        let count = self.pane_lines().len();
        let widest = self.pane_width();
        self.overlay = Overlay::Problems(Pane {
            top: pane.top.min(count.saturating_sub(rows)),
            left: pane.left.min(widest.saturating_sub(cols)),
        });
    }
}

/// The `!` pane after an intent while it is open (it covers the panes: only
/// its own intents reach it), `page` rows a page; `None` when it closes.
pub(super) fn scroll(pane: Pane, intent: Intent, page: usize) -> Option<Pane> {
    let Pane { top, left } = pane;
    Some(match intent {
        Intent::Diagnostics | Intent::CloseDiagnostics => return None,
        Intent::PrevEvent => Pane {
            top: top.saturating_sub(1),
            left,
        },
        Intent::NextEvent => Pane {
            top: top.saturating_add(1),
            left,
        },
        Intent::PageUp => Pane {
            top: top.saturating_sub(page),
            left,
        },
        Intent::PageDown => Pane {
            top: top.saturating_add(page),
            left,
        },
        Intent::Scroll(_, d) => Pane {
            top: top.saturating_add_signed(isize::from(d)),
            left,
        },
        Intent::PrevDay => Pane {
            top,
            left: left.saturating_sub(SIDEWAYS),
        },
        Intent::NextDay => Pane {
            top,
            left: left.saturating_add(SIDEWAYS),
        },
        _ => pane,
    })
}
