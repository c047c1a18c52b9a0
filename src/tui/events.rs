//! Everything the loop waits for, merged into one channel: terminal input
//! from a reader thread and signals from a signal thread. The loop blocks on
//! the channel, so an idle browser uses no CPU.

use std::fs::File;
use std::io::{self, IsTerminal};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Condvar, Mutex};
use std::thread;

use ratatui::crossterm::event::Event;
use rustix::event::{PollFd, PollFlags};
use signal_hook::consts::signal::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP, SIGWINCH};
use signal_hook::iterator::Signals;

use super::input::Decoder;
use crate::reload::ReloadMsg;

/// One thing for the loop to handle.
#[derive(Debug)]
pub enum Input {
    /// A key or mouse event from the terminal.
    Terminal(Event),
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
pub fn spawn_signals(tx: Sender<Input>) -> io::Result<()> {
    let mut signals = Signals::new(SIGNALS)?;
    thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                if tx.send(Input::Signal(signal)).is_err() {
                    return;
                }
            }
        })?;
    Ok(())
}

/// Holds the input thread back from reading the terminal while another
/// program (the editor of `E`) has it.
#[derive(Debug, Default)]
pub struct Gate {
    closed: Mutex<bool>,
    opened: Condvar,
}

impl Gate {
    /// From now on the input thread reads nothing until [`Gate::open`].
    pub fn close(&self) {
        *self.closed.lock().unwrap_or_else(|e| e.into_inner()) = true;
    }

    pub fn open(&self) {
        *self.closed.lock().unwrap_or_else(|e| e.into_inner()) = false;
        self.opened.notify_all();
    }

    /// Waits while the gate is closed; true when it waited (what was ready
    /// to read may have been read by the other program meanwhile).
    fn pass(&self) -> bool {
        let mut closed = self.closed.lock().unwrap_or_else(|e| e.into_inner());
        let waited = *closed;
        while *closed {
            closed = self.opened.wait(closed).unwrap_or_else(|e| e.into_inner());
        }
        waited
    }
}

/// Starts the input thread; the gate holds it back while it is closed.
pub fn spawn_input(tx: Sender<Input>) -> io::Result<Arc<Gate>> {
    let tty = Tty::open()?;
    let gate = Arc::new(Gate::default());
    let held = Arc::clone(&gate);
    thread::Builder::new()
        .name("input".into())
        .spawn(move || read_input(&tty, &tx, &held))?;
    Ok(gate)
}

/// The terminal to read: standard input when it is a terminal, else
/// `/dev/tty` (the one crossterm sets raw mode on).
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
    readiness(tty.fd(), false)
        .is_ok_and(|revents| revents.intersects(PollFlags::HUP | PollFlags::ERR))
}

/// Reads the terminal: waits with poll(2), reads what is there, and decodes
/// it (see `input`). Not crossterm's reader: it watches resizes on a pipe of
/// its own beside the terminal, edge-triggered, and when both are ready it
/// reports the resize and forgets that a key is waiting, so the key after a
/// resize did nothing until another came. The loop learns of resizes from
/// SIGWINCH, and nothing but this thread reads the terminal. poll(2) also
/// reports a hang-up, which ends the program.
fn read_input(tty: &Tty, tx: &Sender<Input>, gate: &Gate) {
    let fd = tty.fd();
    let mut decoder = Decoder::default();
    let mut buf = [0u8; 4096];
    loop {
        match readiness(fd, true) {
            Ok(revents) if revents.intersects(PollFlags::HUP | PollFlags::ERR) => {
                let _ = tx.send(Input::Hangup);
                return;
            }
            // poll(2) cannot watch this terminal (some systems refuse
            // devices): read without it, and without hang-up detection.
            Ok(revents) if revents.contains(PollFlags::NVAL) => {
                return read_blocking(fd, &mut decoder, &mut buf, tx);
            }
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => continue,
            Err(_) => return read_blocking(fd, &mut decoder, &mut buf, tx),
        }
        // The editor had the terminal: what was ready may be gone, so
        // wait for input anew rather than block in read(2).
        if gate.pass() {
            continue;
        }
        let Some(n) = read_some(fd, &mut buf, tx) else {
            return;
        };
        // More already waiting: a sequence cut at the end of this read
        // may go on in the next.
        let more = readiness(fd, false).is_ok_and(|revents| revents.contains(PollFlags::IN));
        if !forward(decoder.feed(&buf[..n], more), tx) {
            return;
        }
    }
}

/// poll(2) on the terminal alone, waiting for it or not; its events.
fn readiness(fd: BorrowedFd<'_>, wait: bool) -> rustix::io::Result<PollFlags> {
    let mut fds = [PollFd::new(&fd, PollFlags::IN)];
    let zero = rustix::event::Timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    rustix::event::poll(&mut fds, (!wait).then_some(&zero))?;
    Ok(fds[0].revents())
}

/// Reads what the terminal has: the number of bytes, or `None` (after
/// telling the loop) when it hung up or cannot be read.
fn read_some(fd: BorrowedFd<'_>, buf: &mut [u8], tx: &Sender<Input>) -> Option<usize> {
    loop {
        match rustix::io::read(fd, &mut *buf) {
            Ok(n) if n > 0 => return Some(n),
            Err(rustix::io::Errno::INTR | rustix::io::Errno::AGAIN) => continue,
            // End of file or an error (EIO once the terminal is gone).
            _ => {
                let _ = tx.send(Input::Hangup);
                return None;
            }
        }
    }
}

/// Reads with blocking reads until the terminal or the loop goes away.
fn read_blocking(fd: BorrowedFd<'_>, decoder: &mut Decoder, buf: &mut [u8], tx: &Sender<Input>) {
    while let Some(n) = read_some(fd, buf, tx) {
        if !forward(decoder.feed(&buf[..n], n == buf.len()), tx) {
            return;
        }
    }
}

/// Sends events to the loop; returns whether the loop is still there.
fn forward(events: Vec<Event>, tx: &Sender<Input>) -> bool {
    events
        .into_iter()
        .all(|ev| tx.send(Input::Terminal(ev)).is_ok())
}
