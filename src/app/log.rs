//! The message log (`m`): every status-line message of this run, newest
//! first, so one that the line had to shorten can be read whole.

use super::{App, Intent, Message, Overlay, Scroll};

/// How many messages the log keeps: the oldest go first.
pub const KEPT: usize = 200;

impl App {
    /// This run's messages, oldest first (the log shows them newest first).
    pub fn log(&self) -> &[Message] {
        &self.log
    }

    /// The log overlay's first line shown, while it is open.
    pub fn log_scroll(&self) -> Option<usize> {
        match self.overlay {
            Overlay::Log(scroll) => Some(scroll.top),
            _ => None,
        }
    }

    /// Adds what the status line says now to the log, unless it is the
    /// message logged last (a message stays while keys go by).
    pub(super) fn log_message(&mut self) {
        let Some(m) = self.status_message() else {
            return;
        };
        if self.log.last() != Some(&m) {
            if self.log.len() == KEPT {
                self.log.remove(0);
            }
            self.log.push(m);
        }
    }

    /// An intent while the log is open: scroll, or close.
    pub(super) fn log_key(&mut self, intent: Intent) {
        let page = self.viewport.overlay.rows;
        let Overlay::Log(scroll) = &mut self.overlay else {
            return;
        };
        if !scroll.apply(intent, page) && matches!(intent, Intent::OpenLog | Intent::Cancel) {
            self.overlay = Overlay::None;
        }
    }

    /// `m`: opens the log at its newest message.
    pub(super) fn open_log(&mut self) {
        self.overlay = Overlay::Log(Scroll::default());
    }
}
