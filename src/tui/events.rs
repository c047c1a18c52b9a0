//! Everything the loop waits for, merged into one channel: terminal input
//! from a reader thread and signals from a signal thread. The loop blocks on
//! the channel, so an idle browser uses no CPU.

use std::fs::File;
use std::io::{self, IsTerminal};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::sync::mpsc::Sender;
use std::thread;
use std::time::Duration;

use ratatui::crossterm::event::{self, Event, MouseButton, MouseEvent, MouseEventKind};
use rustix::event::{PollFd, PollFlags};
use signal_hook::consts::signal::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP, SIGWINCH};
use signal_hook::iterator::Signals;

use crate::app::Action;
use crate::reload::ReloadMsg;

/// Lines the wheel scrolls per notch.
const WHEEL_LINES: i16 = 3;

/// One thing for the loop to handle.
#[derive(Debug)]
pub enum Msg {
    /// A key, mouse or resize event from the terminal.
    Input(Event),
    /// A signal the browser handles (see [`SIGNALS`]).
    Signal(i32),
    /// The terminal is gone: its input hung up or cannot be read.
    Hangup,
    /// The watched file was reloaded (see `crate::watch`).
    Reload(ReloadMsg),
}

/// Signals delivered to the loop: the ones that end the program (it restores
/// the terminal first), stop and continue it, or resize it.
pub const SIGNALS: [i32; 6] = [SIGTERM, SIGHUP, SIGINT, SIGTSTP, SIGCONT, SIGWINCH];

/// Starts the signal thread. Call it before the terminal is touched, so that
/// a SIGTERM from then on restores the terminal instead of killing the
/// program in raw mode.
pub fn spawn_signals(tx: Sender<Msg>) -> io::Result<()> {
    let mut signals = Signals::new(SIGNALS)?;
    thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                if tx.send(Msg::Signal(signal)).is_err() {
                    return;
                }
            }
        })?;
    Ok(())
}

/// Starts the input thread.
pub fn spawn_input(tx: Sender<Msg>) -> io::Result<()> {
    let tty = Tty::open()?;
    thread::Builder::new()
        .name("input".into())
        .spawn(move || read_input(&tty, &tx))?;
    Ok(())
}

/// The terminal crossterm reads from: standard input when it is a terminal,
/// else `/dev/tty` (crossterm makes the same choice).
enum Tty {
    Stdin,
    DevTty(OwnedFd),
}

impl Tty {
    fn open() -> io::Result<Tty> {
        if io::stdin().is_terminal() {
            Ok(Tty::Stdin)
        } else {
            Ok(Tty::DevTty(File::open("/dev/tty")?.into()))
        }
    }

    fn fd(&self) -> BorrowedFd<'_> {
        match self {
            Tty::Stdin => rustix::stdio::stdin(),
            Tty::DevTty(fd) => fd.as_fd(),
        }
    }
}

/// Whether the terminal has hung up (or cannot be opened any more).
pub fn terminal_gone() -> bool {
    let Ok(tty) = Tty::open() else {
        return true;
    };
    let fd = tty.fd();
    let mut fds = [PollFd::new(&fd, PollFlags::IN)];
    let zero = rustix::event::Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    rustix::event::poll(&mut fds, Some(&zero)).is_ok()
        && fds[0].revents().intersects(PollFlags::HUP | PollFlags::ERR)
}

/// Waits for input with poll(2) and only then lets crossterm read and parse
/// it. crossterm alone would spin at full CPU on a terminal that hung up (its
/// reader retries a read that keeps returning 0 or EIO); poll(2) reports the
/// hang-up, and the loop ends the program.
fn read_input(tty: &Tty, tx: &Sender<Msg>) {
    let fd = tty.fd();
    loop {
        let mut fds = [PollFd::new(&fd, PollFlags::IN)];
        match rustix::event::poll(&mut fds, None) {
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => continue,
            // poll(2) cannot watch this terminal (some systems refuse
            // devices): read with crossterm alone, without hang-up detection.
            Err(_) => return read_blocking(tx),
        }
        let revents = fds[0].revents();
        if revents.intersects(PollFlags::HUP | PollFlags::ERR) {
            let _ = tx.send(Msg::Hangup);
            return;
        }
        if revents.contains(PollFlags::NVAL) {
            return read_blocking(tx);
        }
        // One read can hold several events; take every one crossterm has.
        loop {
            match event::poll(Duration::ZERO) {
                Ok(false) => break,
                Ok(true) => {
                    if !forward(event::read(), tx) {
                        return;
                    }
                }
                Err(e) => {
                    forward(Err(e), tx);
                    return;
                }
            }
        }
    }
}

/// Reads with crossterm's blocking `read` until the terminal or the loop
/// goes away.
fn read_blocking(tx: &Sender<Msg>) {
    while forward(event::read(), tx) {}
}

/// Sends an event to the loop, or a hang-up for a read error; returns
/// whether reading should go on.
fn forward(read: io::Result<Event>, tx: &Sender<Msg>) -> bool {
    match read {
        Ok(ev) => tx.send(Msg::Input(ev)).is_ok(),
        Err(_) => {
            let _ = tx.send(Msg::Hangup);
            false
        }
    }
}

/// The browser's action for a mouse event: a left click selects, the wheel
/// scrolls; everything else (release, drag, other buttons) does nothing.
pub fn mouse_action(mouse: MouseEvent) -> Option<Action> {
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click(mouse.column, mouse.row)),
        MouseEventKind::ScrollUp => Some(Action::Scroll(-WHEEL_LINES, mouse.column, mouse.row)),
        MouseEventKind::ScrollDown => Some(Action::Scroll(WHEEL_LINES, mouse.column, mouse.row)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyModifiers;

    fn mouse(kind: MouseEventKind) -> MouseEvent {
        MouseEvent {
            kind,
            column: 12,
            row: 3,
            modifiers: KeyModifiers::NONE,
        }
    }

    #[test]
    fn left_press_clicks_where_it_happened() {
        let left = MouseEventKind::Down(MouseButton::Left);
        assert_eq!(mouse_action(mouse(left)), Some(Action::Click(12, 3)));
    }

    #[test]
    fn wheel_scrolls_three_lines_where_it_happened() {
        assert_eq!(
            mouse_action(mouse(MouseEventKind::ScrollUp)),
            Some(Action::Scroll(-3, 12, 3))
        );
        assert_eq!(
            mouse_action(mouse(MouseEventKind::ScrollDown)),
            Some(Action::Scroll(3, 12, 3))
        );
    }

    #[test]
    fn other_mouse_events_do_nothing() {
        for kind in [
            MouseEventKind::Up(MouseButton::Left),
            MouseEventKind::Down(MouseButton::Right),
            MouseEventKind::Down(MouseButton::Middle),
            MouseEventKind::Drag(MouseButton::Left),
            MouseEventKind::Moved,
            MouseEventKind::ScrollLeft,
        ] {
            assert_eq!(mouse_action(mouse(kind)), None, "{kind:?}");
        }
    }
}
