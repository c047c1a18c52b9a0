//! The terminal side of the browser: set the terminal up, run the event
//! loop, perform the effects `app::update` asks for, and give the terminal
//! back on every way out. `docs/terminal.md` says what is restored when.

mod events;
mod input;
mod term;

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};

use chrono::NaiveDateTime;
use ratatui::crossterm::event::Event;
use ratatui::crossterm::style::Colored;
use signal_hook::consts::signal::{SIGCONT, SIGTSTP, SIGWINCH};

use crate::app::{self, App, Effect, Intent, Live, Message, Msg};
use crate::edit::file::{TripFile, WriteError};
use crate::keys::{self, Keymap};
use crate::load::Loaded;
use crate::reload::ReloadState;
use crate::ui::theme::Theme;
use crate::ui::{self, Layout};
use crate::watch::Watcher;
use crate::{exit, export};

use events::{Gate, Input};
use term::Term;

/// Exit status when the terminal hung up without a SIGHUP reaching us
/// (its input reported a hang-up): the same as for SIGHUP.
const HANGUP_STATUS: u8 = 128 + 1;

/// Runs the browser until the user quits; returns the exit status: 0 on
/// quit, 128 + N after signal N (SIGTERM 143, SIGHUP 129, SIGINT 130),
/// 2 when the terminal fails, 101 on a panic.
///
/// `text` is the source of `loaded`; `file` the file it was read from, which
/// the browser then follows (`None` for the bundled trip). `options` say
/// what now is, which home clock to show, and the settings of the config.
pub fn run(
    name: &str,
    mut loaded: Loaded,
    text: String,
    file: Option<&Path>,
    options: Options,
) -> u8 {
    let Options {
        clock,
        read_only,
        theme,
        keys,
        export_dir,
        export_format,
    } = options;
    if !io::stdout().is_terminal() {
        eprintln!(
            "error: the browser needs a terminal, and standard output is not one; \
             to write the trip as text, use `itinerary export`"
        );
        return exit::USAGE;
    }
    if loaded.trip.home_timezone.is_none() {
        loaded.trip.home_timezone = clock.home_fallback;
    }
    if let Some(home) = clock.home {
        loaded.trip.home_timezone = home;
    }
    let ticking = clock.now.is_none();
    let now = clock.now.unwrap_or_else(|| {
        chrono::Utc::now()
            .with_timezone(&loaded.trip.timezone)
            .naive_local()
    });
    // Colours are the theme's business: with crossterm's own NO_COLOR
    // handling a colour change is written as an empty SGR, which resets
    // bold and reverse too, and the selection disappears.
    Colored::set_ansi_color_disabled(false);
    // The file was read a moment ago, just before this call: the version of now.
    let state = ReloadState::new(chrono::Local::now().time(), loaded.warnings, text.clone());
    let mut app = App::new(name.to_string(), loaded.trip, Some(now));
    app.home_override = clock.home;
    app.home_fallback = clock.home_fallback;
    app.read_only = read_only;
    // The export dialog opens on the config's folder, else the current
    // directory written whole (the status line then names the file whole).
    let folder = export_dir.or_else(|| std::env::current_dir().ok());
    app.export = app::ExportDefaults {
        dir: folder.map(|d| d.display().to_string()).unwrap_or_default(),
        format: export_format.unwrap_or(crate::cli::Format::Md),
    };
    // Said once at the start, as a reload says it: `check` would have.
    app.message = state.warnings_note().map(|note| Message {
        text: format!("the file has {note}"),
        error: false,
    });
    app.live = match file {
        Some(_) => Live::file(state),
        None => Live::built_in(state),
    };
    let runner = Runner {
        app,
        ticking,
        theme,
        keys,
        layout: Layout::default(),
        expect_cont: false,
        fault: debug_fault(),
        follow: file.map(|path| (path.to_path_buf(), text)),
        path: file.map(Path::to_path_buf),
        watcher: None,
        gate: None,
    };
    match runner.run() {
        Ok(status) => status,
        // The terminal is restored by now: the guard dropped on the way out.
        Err(e) => {
            // Not `eprintln!`: it panics when the terminal is gone.
            let _ = writeln!(io::stderr(), "error: the terminal failed: {e}");
            exit::USAGE
        }
    }
}

/// How the browser runs: the clock, and the settings the command line and
/// the config file chose.
#[derive(Debug, Clone)]
pub struct Options {
    pub clock: Clock,
    /// `--read-only`, or `read_only` in the config (undone by `--read-write`).
    pub read_only: bool,
    pub theme: Theme,
    pub keys: Keymap,
    /// The folder the export dialog (`e`) opens on (the config's
    /// `[export] dir`); default the current directory.
    pub export_dir: Option<PathBuf>,
    /// The format it opens on (the config's `[export] format`); default
    /// Markdown.
    pub export_format: Option<crate::cli::Format>,
}

/// Now and the home clock, as the command line gives them.
#[derive(Debug, Clone, Copy, Default)]
pub struct Clock {
    /// `--now`: a fixed local date-time in the trip's zone. Without it the
    /// system clock, read at each minute boundary.
    pub now: Option<NaiveDateTime>,
    /// `--home-zone`: the home zone instead of the file's (`Some(None)`:
    /// none).
    pub home: Option<Option<chrono_tz::Tz>>,
    /// The config's `home_timezone`: the home zone of a trip without one.
    pub home_fallback: Option<chrono_tz::Tz>,
}

/// How long until the next minute boundary of the clock, a few
/// milliseconds past it so the wake-up reads the new minute.
pub fn until_next_minute(now: chrono::DateTime<chrono::Utc>) -> std::time::Duration {
    use chrono::Timelike;
    let into = u64::from(now.second()) * 1_000 + u64::from(now.nanosecond() / 1_000_000).min(999);
    std::time::Duration::from_millis(60_000 - into.min(59_999) + 5)
}

/// What the loop should do after a message.
enum Flow {
    Continue,
    Exit(u8),
}

struct Runner {
    app: App,
    /// The clock runs (no `--now`): the loop wakes at each minute boundary.
    ticking: bool,
    /// Colours (`NO_COLOR` honoured): the screen's business, not the state's.
    theme: Theme,
    /// The key table in force: dispatch, help and hints read it.
    keys: Keymap,
    /// What the last frame drew where: the mouse is read against it.
    layout: Layout,
    /// We stopped ourselves (Ctrl-Z) and have redrawn already: the SIGCONT
    /// that continued us needs no second redraw.
    expect_cont: bool,
    fault: Option<Fault>,
    /// The file to follow and the text on screen, until the watcher starts.
    follow: Option<(PathBuf, String)>,
    /// The file edits are written to (`None` for the bundled trip).
    path: Option<PathBuf>,
    /// Follows the file; dropped (stopped) after the terminal is restored.
    watcher: Option<Watcher>,
    /// Holds the input thread back while the editor has the terminal.
    gate: Option<Arc<Gate>>,
}

impl Runner {
    fn run(mut self) -> io::Result<u8> {
        let (tx, rx) = mpsc::channel();
        events::spawn_signals(tx.clone())?;
        if let Some((path, text)) = self.follow.take() {
            // Loads on its own thread: the loop only swaps the finished trip in.
            let watcher = Watcher::start(&path, text, tx.clone(), Input::Reload);
            self.app.live.unfollowed = watcher.problem().map(str::to_string);
            self.watcher = Some(watcher);
        }
        let mut term = Term::enter()?;
        self.gate = Some(events::spawn_input(tx)?);
        match self.event_loop(&mut term, &rx) {
            // The terminal failed because it is gone (closed while we were
            // stopped, say): that is a hang-up, not an error to report.
            Err(_) if events::terminal_gone() => Ok(HANGUP_STATUS),
            result => result,
        }
    }

    fn event_loop(&mut self, term: &mut Term, rx: &mpsc::Receiver<Input>) -> io::Result<u8> {
        let (w, h) = term.size()?;
        self.dispatch(term, Msg::Resize(w, h))?;
        self.draw(term)?;
        loop {
            // Blocks: nothing happens, nothing runs; with the clock running,
            // until the next minute at the latest.
            let msg = if self.ticking {
                match rx.recv_timeout(until_next_minute(chrono::Utc::now())) {
                    Ok(msg) => msg,
                    Err(mpsc::RecvTimeoutError::Timeout) => {
                        self.tick(term)?;
                        continue;
                    }
                    Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(HANGUP_STATUS),
                }
            } else {
                match rx.recv() {
                    Ok(msg) => msg,
                    Err(_) => return Ok(HANGUP_STATUS),
                }
            };
            let mut dirty = false;
            let mut next = Some(msg);
            // Handle everything already queued (a burst of keys, a resize
            // storm) before drawing once.
            while let Some(msg) = next {
                match self.handle(term, msg, &mut dirty)? {
                    Flow::Continue => {}
                    Flow::Exit(status) => return Ok(status),
                }
                next = rx.try_recv().ok();
            }
            if dirty {
                self.draw(term)?;
            }
        }
    }

    /// The minute turned: the state hears the clock, and the screen is drawn
    /// again when the trip is (or was) under way; otherwise nothing shows it.
    fn tick(&mut self, term: &mut Term) -> io::Result<()> {
        let before = self.app.under_way();
        self.dispatch(term, Msg::Tick(chrono::Utc::now()))?;
        if before || self.app.under_way() {
            self.draw(term)?;
        }
        Ok(())
    }

    /// Draws a frame, keeps its layout and hands its viewport to `update`
    /// (which clamps the scroll positions to it; the frame drawn already
    /// showed them clamped, so nothing needs redrawing).
    fn draw(&mut self, term: &mut Term) -> io::Result<()> {
        self.layout = term.draw(&self.app, &self.theme, &self.keys)?;
        app::update(&mut self.app, Msg::Viewport(self.layout.viewport));
        Ok(())
    }

    /// Handles one input; sets `dirty` when the screen must be redrawn.
    fn handle(&mut self, term: &mut Term, input: Input, dirty: &mut bool) -> io::Result<Flow> {
        let msg: Option<Msg> = match input {
            Input::Terminal(Event::Key(key)) => {
                self.check_fault()?;
                let action = self.keys.action_for(&self.app, key);
                if action.is_none()
                    && keys::splits_alt(&self.app)
                    && let Some(parts) = keys::split_alt(key)
                {
                    return self.keys(term, parts, dirty);
                }
                action.map(Msg::Intent)
            }
            Input::Terminal(Event::Mouse(mouse)) => {
                ui::mouse::action_at(&self.app, &self.layout, mouse).map(Msg::Intent)
            }
            Input::Terminal(Event::Resize(w, h)) => Some(Msg::Resize(w, h)),
            Input::Terminal(Event::Paste(text)) => Some(Msg::Paste(text)),
            Input::Terminal(_) => None,
            Input::Signal(SIGWINCH) => {
                let (w, h) = term.size()?;
                Some(Msg::Resize(w, h))
            }
            Input::Signal(SIGTSTP) => Some(Msg::Intent(Intent::Suspend)),
            Input::Signal(SIGCONT) => {
                // Continued after a stop we did not ask for (SIGSTOP from
                // outside): the shell may have reset the terminal.
                if !std::mem::take(&mut self.expect_cont) {
                    term.resume()?;
                    *dirty = true;
                }
                None
            }
            // SIGTERM, SIGHUP, SIGINT: end; the guard restores the terminal.
            Input::Signal(signal) => return Ok(Flow::Exit(signal_status(signal))),
            Input::Hangup => return Ok(Flow::Exit(HANGUP_STATUS)),
            Input::Reload(msg) => Some(Msg::Reloaded(msg)),
        };
        match msg {
            Some(msg) => {
                *dirty = true;
                self.dispatch(term, msg)
            }
            None => Ok(Flow::Continue),
        }
    }

    /// Handles keys one after the other, each in the state the one before
    /// left (Esc closes the picker, then `/` opens the search).
    fn keys(
        &mut self,
        term: &mut Term,
        keys: impl IntoIterator<Item = ratatui::crossterm::event::KeyEvent>,
        dirty: &mut bool,
    ) -> io::Result<Flow> {
        for key in keys {
            if let Some(intent) = self.keys.action_for(&self.app, key) {
                *dirty = true;
                if let Flow::Exit(status) = self.dispatch(term, Msg::Intent(intent))? {
                    return Ok(Flow::Exit(status));
                }
            }
        }
        Ok(Flow::Continue)
    }

    /// Applies a message and performs the effects it leads to. The one place
    /// where effects are carried out.
    fn dispatch(&mut self, term: &mut Term, msg: Msg) -> io::Result<Flow> {
        let mut effect = app::update(&mut self.app, msg);
        while let Some(e) = effect {
            effect = match e {
                Effect::Quit => return Ok(Flow::Exit(exit::OK)),
                Effect::Suspend => {
                    term.suspend()?;
                    self.expect_cont = true;
                    None
                }
                Effect::Reload => {
                    if let Some(watcher) = &self.watcher {
                        watcher.reload();
                    }
                    None
                }
                Effect::Export(request) => {
                    let result = self.export(&request);
                    app::update(&mut self.app, Msg::Exported(result))
                }
                Effect::Write(write) => {
                    let result = self.write(write);
                    let at = chrono::Local::now().time();
                    app::update(&mut self.app, Msg::Written(at, result))
                }
                Effect::OpenEditor { line } => {
                    let result = self.open_editor(term, line)?;
                    app::update(&mut self.app, Msg::EditorDone(result))
                }
            };
        }
        Ok(Flow::Continue)
    }

    /// Writes what the export dialog asks into its folder, as `itinerary
    /// export -o DIR` writes (one selection, one writer), under a name
    /// never taken: `-2`, `-3`… rather than over a file.
    fn export(&self, request: &app::ExportRequest) -> Result<PathBuf, String> {
        let dir = export_folder(&request.dir)?;
        let trip = self.app.trip();
        let stamp = export::file_stamp(self.path.as_deref(), trip);
        // The programme names the file and the version of it that was
        // exported, as `itinerary export` does (the bundled trip by the
        // name of its file in the repository).
        let name = self
            .path
            .as_deref()
            .map_or(export::BUNDLED_NAME.into(), |p| {
                p.file_name()
                    .map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into())
            });
        let programme = export::Programme {
            brief: false,
            exported: export::exported_on(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref()),
            source: Some(export::Source::of(
                &name,
                self.app.live.state.text().as_bytes(),
            )),
        };
        export::to_dir(
            trip,
            &request.selection,
            (request.format, stamp, &programme),
            &dir,
            export::Taken::Number,
            self.path.as_deref(),
        )
    }

    /// Writes an edit's text over the file, unless it changed outside; the
    /// watcher is told what the browser now shows, so the write does not
    /// come back as a reload.
    fn write(&self, write: app::FileWrite) -> Result<(), WriteError> {
        let Some(path) = &self.path else {
            return Err(WriteError::Failed(app::BUILT_IN_EDIT.into()));
        };
        let result = TripFile::new(path, write.expected).write(&write.text);
        if let Some(watcher) = &self.watcher {
            match &result {
                Ok(()) => watcher.shown(write.text),
                Err(WriteError::Changed(now)) => watcher.shown(now.clone()),
                Err(WriteError::Failed(_)) => {}
            }
        }
        result
    }

    /// `E`: gives the terminal to `$VISUAL`/`$EDITOR` (else `vi`) on the
    /// file at `line`, and takes it back when the editor exits. The error
    /// is the editor's (it could not start, or failed), for the status
    /// line; the terminal's own failure ends the browser.
    fn open_editor(&mut self, term: &mut Term, line: usize) -> io::Result<Result<(), String>> {
        let Some(path) = self.path.clone() else {
            return Ok(Err(app::BUILT_IN_EDIT.into()));
        };
        let editor = editor_command();
        let mut words = editor.split_whitespace();
        let program = words.next().unwrap_or("vi");
        if let Some(gate) = &self.gate {
            gate.close();
        }
        term.release();
        let status = std::process::Command::new(program)
            .args(words)
            .arg(format!("+{line}"))
            .arg(&path)
            .status();
        let back = term.resume();
        if let Some(gate) = &self.gate {
            gate.open();
        }
        back?;
        Ok(match status {
            Ok(s) if s.success() => Ok(()),
            Ok(s) => Err(format!("{editor} ended with {s}")),
            Err(e) => Err(format!(
                "cannot run the editor {program:?} ({e}); set $VISUAL or $EDITOR to the editor to use"
            )),
        })
    }

    /// Debug builds only: fail on the first key as `ITINERARY_DEBUG_FAULT`
    /// asks, so the tests can watch the terminal being restored.
    fn check_fault(&mut self) -> io::Result<()> {
        match self.fault.take() {
            None => Ok(()),
            Some(Fault::Panic) => panic!("ITINERARY_DEBUG_FAULT=panic: a deliberate panic"),
            Some(Fault::Error) => Err(io::Error::other(
                "ITINERARY_DEBUG_FAULT=error: a deliberate error",
            )),
        }
    }
}

/// The folder the export dialog's text names: `~` and `~/…` in the home
/// folder, a relative path (and an empty one) from the current directory.
/// The path is made whole, so the status line names the file wherever
/// the browser was started.
fn export_folder(typed: &str) -> Result<PathBuf, String> {
    let typed = typed.trim();
    let home = || std::env::var_os("HOME").map(PathBuf::from);
    let path = match typed.strip_prefix('~') {
        Some(rest) if rest.is_empty() || rest.starts_with('/') => match home() {
            Some(h) => h.join(rest.trim_start_matches('/')),
            None => {
                return Err(
                    "~ is the home folder, and $HOME is not set; give the whole path".into(),
                );
            }
        },
        _ => PathBuf::from(typed),
    };
    if path.is_absolute() {
        return Ok(path);
    }
    let cwd = std::env::current_dir().map_err(|e| match e.kind() {
        // Removed while we run: a whole path still works.
        io::ErrorKind::NotFound => {
            "the current directory was deleted; give a whole path (/...)".to_string()
        }
        _ => format!("cannot tell which directory is the current one ({e}); give a whole path"),
    })?;
    Ok(match typed {
        "" | "." => cwd,
        _ => cwd.join(path),
    })
}

/// The editor `E` runs: `$VISUAL`, else `$EDITOR`, else `vi` (an empty
/// variable counts as unset); it may carry arguments (`code -w`).
fn editor_command() -> String {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "vi".into())
}

/// The conventional status for a program ended by a signal.
fn signal_status(signal: i32) -> u8 {
    u8::try_from(128 + signal).unwrap_or(exit::USAGE)
}

/// A deliberate failure for the tests (debug builds only).
#[derive(Debug, Clone, Copy)]
#[cfg_attr(not(debug_assertions), allow(dead_code))]
enum Fault {
    Panic,
    Error,
}

#[cfg(debug_assertions)]
fn debug_fault() -> Option<Fault> {
    match std::env::var("ITINERARY_DEBUG_FAULT").ok()?.as_str() {
        "panic" => Some(Fault::Panic),
        "error" => Some(Fault::Error),
        _ => None,
    }
}

#[cfg(not(debug_assertions))]
fn debug_fault() -> Option<Fault> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGTERM};

    #[test]
    fn signals_end_with_128_plus_the_number() {
        assert_eq!(signal_status(SIGHUP), 129);
        assert_eq!(signal_status(SIGINT), 130);
        assert_eq!(signal_status(SIGTERM), 143);
    }
}
