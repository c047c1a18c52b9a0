//! Live reload, the pure half: what a reload brings ([`ReloadMsg`]), what the
//! browser shows about it ([`ReloadState`]: the status-line message and the
//! diagnostics pane), and how the person keeps their place ([`carry_day`],
//! [`carry_selection`]).
//!
//! Nothing here does I/O or reads a clock: [`crate::watch`] reads and loads
//! the file on its own thread and stamps each message with the time it was
//! read, so `update(&mut App, Msg)` stays pure. `docs/reload.md` shows how
//! the App and the event loop use both.

mod carry;

use chrono::NaiveTime;

pub use carry::{carry_day, carry_selection};

use crate::format;
use crate::format::count;
use crate::load::diagnostic::sanitize;
use crate::load::{Diagnostic, Severity, SourceLines};
use crate::model::Trip;

/// One reload of the watched file: when it was read, why, and what came of it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReloadMsg {
    /// Local wall-clock time at which the file was read.
    pub at: NaiveTime,
    /// True when the person asked for it (`r`); false when the file changed.
    pub manual: bool,
    pub outcome: ReloadOutcome,
}

/// What reading and loading the file gave.
#[derive(Debug, Clone, PartialEq)]
pub enum ReloadOutcome {
    /// The file loaded: show this trip from now on.
    Loaded {
        trip: Box<Trip>,
        /// Warnings in file order.
        warnings: Vec<Diagnostic>,
        /// The source, to render the warnings against.
        text: String,
    },
    /// The file is there but does not load (or cannot be read): keep showing
    /// the last good trip.
    Failed {
        /// Errors and warnings in file order.
        diagnostics: Vec<Diagnostic>,
        /// The source, to render the diagnostics against; empty when the
        /// file could not be read as text.
        text: String,
    },
    /// The file was deleted or renamed away: keep showing the last good trip
    /// and wait for it to come back.
    Missing,
}

/// What is wrong with the file right now, if anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Nothing: the file on disk is the version on screen.
    None,
    /// The file on disk does not load.
    Errors {
        /// Errors and warnings in file order.
        diagnostics: Vec<Diagnostic>,
        /// The broken source they point into.
        text: String,
        /// 1-based line and column of the first error, when it has a place.
        first_at: Option<(usize, usize)>,
        /// The first error's message, made safe for one terminal line.
        first_message: String,
    },
    /// The file was deleted or renamed away.
    Missing,
}

/// What the browser knows about the file it follows: when the version on
/// screen was loaded, its warnings, and the current problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReloadState {
    /// When the version on screen was read.
    shown_at: NaiveTime,
    /// Warnings of the version on screen, and its source to render them.
    warnings: Vec<Diagnostic>,
    text: String,
    problem: Problem,
}

impl ReloadState {
    /// The state right after the first load, done at `at` before the browser started.
    pub fn new(at: NaiveTime, warnings: Vec<Diagnostic>, text: String) -> ReloadState {
        ReloadState {
            shown_at: at,
            warnings,
            text,
            problem: Problem::None,
        }
    }

    /// The text of the version on screen: what an edit starts from, and
    /// what the file must still hold for it to be written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// When the version on screen was read.
    pub fn shown_at(&self) -> NaiveTime {
        self.shown_at
    }

    /// The current problem with the file, if any.
    pub fn problem(&self) -> &Problem {
        &self.problem
    }

    /// A new version loaded (the caller swaps in its trip): any problem is
    /// cleared. Returns the message for the status line.
    pub fn on_loaded(&mut self, at: NaiveTime, warnings: Vec<Diagnostic>, text: String) -> String {
        self.shown_at = at;
        self.warnings = warnings;
        self.text = text;
        self.problem = Problem::None;
        match self.warnings_note() {
            None => format!("reloaded at {}", format::hms(at)),
            Some(note) => format!("reloaded at {} — {note}", format::hms(at)),
        }
    }

    /// "1 warning (! shows it)", "3 warnings (! shows them)": what the status
    /// line says of the version on screen; `None` when it has no warnings.
    pub fn warnings_note(&self) -> Option<String> {
        match self.warnings.len() {
            0 => None,
            1 => Some("1 warning (! shows it)".into()),
            n => Some(format!("{n} warnings (! shows them)")),
        }
    }

    /// The file does not load: the last good version stays on screen.
    /// Returns the message for the status line (the same as [`Self::status`]).
    pub fn on_failed(&mut self, diagnostics: Vec<Diagnostic>, text: String) -> String {
        let first = diagnostics
            .iter()
            .find(|d| d.severity == Severity::Error)
            .or(diagnostics.first());
        let first_at = first.and_then(|d| d.line_col(&text));
        let first_message =
            first.map_or_else(|| "no diagnostics".to_string(), |d| one_line(&d.message));
        self.problem = Problem::Errors {
            diagnostics,
            text,
            first_at,
            first_message,
        };
        self.status().unwrap_or_default()
    }

    /// The file is gone: the last good version stays on screen. Returns the
    /// message for the status line (the same as [`Self::status`]).
    pub fn on_missing(&mut self) -> String {
        self.problem = Problem::Missing;
        self.status().unwrap_or_default()
    }

    /// Applies a message from the watcher, except for swapping in a loaded
    /// trip, which the caller does: returns the trip to show (if any) and
    /// the status-line message.
    pub fn apply(&mut self, msg: ReloadMsg) -> (Option<Box<Trip>>, String) {
        match msg.outcome {
            ReloadOutcome::Loaded {
                trip,
                warnings,
                text,
            } => (Some(trip), self.on_loaded(msg.at, warnings, text)),
            ReloadOutcome::Failed { diagnostics, text } => {
                (None, self.on_failed(diagnostics, text))
            }
            ReloadOutcome::Missing => (None, self.on_missing()),
        }
    }

    /// The message that must stay on the status line while there is a
    /// problem; `None` when the file on disk is the one on screen.
    pub fn status(&self) -> Option<String> {
        let shown = format::hms(self.shown_at);
        match &self.problem {
            Problem::None => None,
            Problem::Errors {
                first_at,
                first_message,
                ..
            } => Some(match first_at {
                Some((line, col)) => format!(
                    "file has errors — showing the version of {shown} (line {line}:{col}: {first_message})"
                ),
                None => {
                    format!("file has errors — showing the version of {shown} ({first_message})")
                }
            }),
            Problem::Missing => Some(format!(
                "file is gone — showing the version of {shown}; waiting for it to come back"
            )),
        }
    }

    /// The title of the diagnostics pane (`!`): the file name and counts.
    pub fn pane_title(&self, name: &str) -> String {
        let diagnostics = self.pane_diagnostics();
        let errors = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let warnings = diagnostics.len() - errors;
        format!(
            "{name}: {} · {}",
            count(errors, "error", "errors"),
            count(warnings, "warning", "warnings")
        )
    }

    /// The diagnostics pane (`!`), one entry per line, exactly as `check`
    /// prints them for the file `name`: the errors of the broken file on
    /// disk while there are some, otherwise the warnings of the version on
    /// screen. O(diagnostics): the browser renders them when the pane opens
    /// and when the state changes while it is open, never per frame.
    pub fn pane_lines(&self, name: &str) -> Vec<String> {
        if self.problem == Problem::Missing {
            return vec![
                format!("{name} is gone (deleted or renamed away)."),
                format!(
                    "The browser shows the version of {} and picks the file up when it comes back.",
                    format::hms(self.shown_at)
                ),
            ];
        }
        let text = match &self.problem {
            Problem::Errors { text, .. } => text,
            _ => &self.text,
        };
        let diagnostics = self.pane_diagnostics();
        if diagnostics.is_empty() {
            return vec![format!("{name}: no errors, no warnings")];
        }
        render_lines(name, text, diagnostics)
    }

    fn pane_diagnostics(&self) -> &[Diagnostic] {
        match &self.problem {
            Problem::Errors { diagnostics, .. } => diagnostics,
            Problem::None => &self.warnings,
            Problem::Missing => &[],
        }
    }
}

/// Diagnostics as lines, exactly as `check` writes them to stderr: each one
/// rendered against `text`, followed by a blank line.
pub fn render_lines(name: &str, text: &str, diagnostics: &[Diagnostic]) -> Vec<String> {
    // Indexed once: rendering each against the raw text would scan the
    // whole file per diagnostic.
    let source = SourceLines::new(text);
    diagnostics
        .iter()
        .flat_map(|d| {
            let mut rendered = d.render_in(name, &source);
            rendered.push('\n');
            rendered.lines().map(str::to_string).collect::<Vec<_>>()
        })
        .collect()
}

/// A message on one status line: no control characters, no line breaks.
fn one_line(message: &str) -> String {
    sanitize(&message.replace(['\r', '\n'], " "))
}
