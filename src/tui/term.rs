//! The terminal guard: enters raw mode, the alternate screen and mouse
//! reporting, and gives all of it back on every way out (see
//! `docs/terminal.md`).

use std::fmt;
use std::io::{self, Write};
use std::mem::ManuallyDrop;
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use ratatui::DefaultTerminal;
use ratatui::crossterm::cursor::{Hide, Show};
use ratatui::crossterm::event::DisableMouseCapture;
use ratatui::crossterm::terminal::{
    BeginSynchronizedUpdate, EndSynchronizedUpdate, EnterAlternateScreen, disable_raw_mode,
    enable_raw_mode,
};
use ratatui::crossterm::{Command, execute, queue};
use ratatui::layout::{Position, Rect};

use crate::app::App;
use crate::keys::Keymap;
use crate::ui;
use crate::ui::theme::Theme;

/// Whether the terminal is in our modes right now. Restoring twice is not
/// harmless: leaving the alternate screen a second time restores a stale
/// cursor position and the shell prompt overwrites the last lines printed
/// (a panic message, say).
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Mouse reporting for what the browser uses: button presses and the wheel
/// (mode 1000) in SGR encoding (1006, no 223-column limit). Unlike
/// crossterm's `EnableMouseCapture` it leaves out motion reporting (1003), so
/// moving the mouse does not wake the program.
struct EnableMouseClicks;

impl Command for EnableMouseClicks {
    fn write_ansi(&self, f: &mut impl fmt::Write) -> fmt::Result {
        f.write_str("\x1b[?1000h\x1b[?1006h")
    }
}

/// Bracketed paste (mode 2004): a paste arrives whole, as one event, so
/// its characters and line breaks are never taken for keys.
struct EnablePaste;

impl Command for EnablePaste {
    fn write_ansi(&self, f: &mut impl fmt::Write) -> fmt::Result {
        f.write_str("\x1b[?2004h")
    }
}

struct DisablePaste;

impl Command for DisablePaste {
    fn write_ansi(&self, f: &mut impl fmt::Write) -> fmt::Result {
        f.write_str("\x1b[?2004l")
    }
}

/// The terminal in browser mode. Dropping it restores the terminal, so an
/// error returned with `?` anywhere in the loop gives the terminal back.
pub struct Term {
    /// Never dropped: ratatui's `Drop` shows the cursor and prints to stderr
    /// when that fails, which panics when the terminal is gone (SIGHUP). We
    /// show the cursor ourselves in [`restore`], ignoring errors.
    terminal: ManuallyDrop<DefaultTerminal>,
    /// The next frame clears the screen and repaints every cell.
    repaint: bool,
}

impl Term {
    /// Raw mode, alternate screen, mouse reporting, hidden cursor; and the
    /// panic hooks that undo them before the panic message is printed.
    pub fn enter() -> io::Result<Term> {
        install_panic_hook();
        // Set before the first change so a failure half-way is undone too.
        ACTIVE.store(true, Ordering::SeqCst);
        // Installs ratatui's panic hook (raw mode off, alternate screen left)
        // around ours (mouse off, cursor shown), then the default message.
        let terminal = match ratatui::try_init() {
            Ok(terminal) => terminal,
            Err(e) => {
                restore();
                return Err(e);
            }
        };
        let mut term = Term {
            terminal: ManuallyDrop::new(terminal),
            repaint: false,
        };
        execute!(
            term.terminal.backend_mut(),
            EnableMouseClicks,
            EnablePaste,
            Hide
        )?;
        Ok(term)
    }

    /// The terminal's size in cells (columns, rows).
    pub fn size(&self) -> io::Result<(u16, u16)> {
        let size = self.terminal.size()?;
        Ok((size.width, size.height))
    }

    /// Draws a frame inside a synchronized update, so the terminal shows it
    /// all at once; ratatui writes only the cells that changed. Returns
    /// what the frame drew where.
    pub fn draw(&mut self, app: &App, theme: &Theme, keys: &Keymap) -> io::Result<ui::Layout> {
        queue!(self.terminal.backend_mut(), BeginSynchronizedUpdate)?;
        if std::mem::take(&mut self.repaint) {
            // `resize` clears the screen and forgets the last frame, like
            // `Terminal::clear`, but without asking the terminal for the
            // cursor position: that answer would arrive on the input thread.
            let size = self.terminal.size()?;
            self.terminal.resize(Rect::from((Position::ORIGIN, size)))?;
        }
        let mut layout = ui::Layout::default();
        self.terminal
            .draw(|frame| layout = ui::draw(frame, app, theme, keys))?;
        execute!(self.terminal.backend_mut(), EndSynchronizedUpdate)?;
        Ok(layout)
    }

    /// Ctrl-Z: gives the terminal back, stops the process group (as the
    /// terminal's own Ctrl-Z would) and, once continued, takes the terminal
    /// again. The caller draws next.
    ///
    /// SIGSTOP, not SIGTSTP: the kernel drops SIGTSTP for an orphaned process
    /// group, and then Ctrl-Z would leave the terminal restored but the
    /// program still running.
    pub fn suspend(&mut self) -> io::Result<()> {
        restore();
        rustix::process::kill_current_process_group(rustix::process::Signal::STOP)?;
        // kill(2) returns only once a SIGCONT has continued us.
        self.resume()
    }

    /// Gives the terminal back as it was found, for another program (the
    /// editor of `E`); [`Term::resume`] takes it again.
    pub fn release(&mut self) {
        restore();
    }

    /// Takes the terminal again after a stop; the next frame clears the
    /// screen and repaints everything. Safe to call when the modes are
    /// still set.
    pub fn resume(&mut self) -> io::Result<()> {
        ACTIVE.store(true, Ordering::SeqCst);
        // crossterm skips `enable_raw_mode` when it thinks raw mode is on, but
        // the shell may have reset the terminal while we were stopped.
        let _ = disable_raw_mode();
        enable_raw_mode()?;
        execute!(
            self.terminal.backend_mut(),
            EnterAlternateScreen,
            EnableMouseClicks,
            EnablePaste,
            Hide
        )?;
        self.repaint = true;
        Ok(())
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        restore();
    }
}

/// Gives the terminal back as it was found: mouse reporting off, cursor
/// shown, raw mode off, main screen. Errors are ignored: there is nothing
/// better to do on the way out, and the terminal may be gone.
fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let mut out = io::stdout();
        let _ = execute!(out, DisableMouseCapture, DisablePaste, Show);
        let _ = ratatui::try_restore();
        let _ = out.flush();
    }
}

/// Our panic hook, installed before ratatui's so that ratatui's (raw mode
/// off, main screen) runs first, then ours (mouse off, cursor shown), then
/// the previous hook prints the message on the restored screen.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if ACTIVE.swap(false, Ordering::SeqCst) {
                let _ = execute!(io::stdout(), DisableMouseCapture, DisablePaste, Show);
            }
            previous(info);
        }));
    });
}
