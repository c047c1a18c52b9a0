//! Driving the real binary in a pseudo-terminal: start it, type, read the
//! screen through a vt100 parser, and look at the terminal it leaves behind.
//! Every wait has a deadline and a hung child is killed when the [`Pty`] is
//! dropped, so a broken browser fails a test instead of hanging the suite.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::fs::File;
use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::os::fd::{BorrowedFd, OwnedFd};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

pub mod golden;
pub mod tabs;
pub mod tools;

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};
use rustix::event::{PollFd, PollFlags, Timespec};
use rustix::termios::LocalModes;

/// How long any single wait may take before the test fails. Generous: the
/// tests share a small, busy machine.
pub const TIMEOUT: Duration = Duration::from_secs(15);

/// `--now` for every session, so "today" does not depend on the clock.
pub const NOW: &str = "2018-08-27T10:00";

/// The bundled trip's title, drawn on the first screen.
pub const TITLE: &str = "Zhejiang provincial delegation to Japan";

/// What the reader thread has seen so far.
struct Seen {
    parser: vt100::Parser,
    /// Every byte the program wrote, for checks on the escape sequences.
    raw: Vec<u8>,
    /// The pty's output side is closed: everything the program wrote is in.
    closed: bool,
    /// Bytes of a frame not yet finished: held back, as a terminal that
    /// honours synchronized updates (mode 2026) does, so a test never reads
    /// a frame half drawn.
    pending: Vec<u8>,
}

/// The binary running in a pseudo-terminal.
pub struct Pty {
    child: Box<dyn Child + Send + Sync>,
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<File>,
    seen: Arc<Mutex<Seen>>,
    stop: Arc<AtomicBool>,
    reader: Option<JoinHandle<()>>,
    pid: i32,
}

/// Options for [`Pty::start_with`].
pub struct Start<'a> {
    pub cols: u16,
    pub rows: u16,
    pub args: &'a [&'a str],
    pub env: &'a [(&'a str, &'a str)],
    /// The program's current directory, where `e` writes; default the
    /// system's temporary directory.
    pub cwd: Option<&'a Path>,
}

impl Default for Start<'_> {
    fn default() -> Self {
        Start {
            cols: 80,
            rows: 24,
            args: &["--now", NOW],
            env: &[],
            cwd: None,
        }
    }
}

impl Pty {
    /// The browser on the bundled trip at 80×24.
    pub fn start() -> Pty {
        Pty::start_with(Start::default())
    }

    pub fn start_with(opts: Start<'_>) -> Pty {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: opts.rows,
                cols: opts.cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_itinerary"));
        cmd.args(opts.args);
        cmd.env("TERM", "xterm-256color");
        // A backtrace would scroll the panic message off the screen.
        cmd.env("RUST_BACKTRACE", "0");
        for var in ["NO_COLOR", "ITINERARY_DEBUG_FAULT", "ITINERARY_CONFIG"] {
            cmd.env_remove(var);
        }
        cmd.env("XDG_CONFIG_HOME", no_config_home());
        for (k, v) in opts.env {
            cmd.env(k, v);
        }
        // The browser's `e` writes into the current directory.
        match opts.cwd {
            Some(dir) => cmd.cwd(dir),
            None => cmd.cwd(std::env::temp_dir()),
        }
        // What "restored" means: the state the program starts from.
        assert!(is_cooked(&*pair.master), "a new pty should be cooked");
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        // Only the child may hold the slave: closing the master must hang up.
        drop(pair.slave);
        let pid = i32::try_from(child.process_id().expect("pid")).unwrap();

        let master = pair.master;
        // Own duplicates of the master fd, not portable-pty's reader and
        // writer: its writer sends "\n" and Ctrl-D when dropped, and its
        // reader blocks forever, so the master could never be closed.
        let raw = master.as_raw_fd().expect("master fd");
        // SAFETY: `master` owns `raw` and outlives this borrow.
        let fd = unsafe { BorrowedFd::borrow_raw(raw) };
        let writer = File::from(fd.try_clone_to_owned().unwrap());
        let reading = fd.try_clone_to_owned().unwrap();

        let seen = Arc::new(Mutex::new(Seen {
            parser: vt100::Parser::new(
                NonZeroU16::new(opts.rows).unwrap(),
                NonZeroU16::new(opts.cols).unwrap(),
                0,
            ),
            raw: Vec::new(),
            closed: false,
            pending: Vec::new(),
        }));
        let stop = Arc::new(AtomicBool::new(false));
        let reader = {
            let (seen, stop) = (Arc::clone(&seen), Arc::clone(&stop));
            thread::spawn(move || read_output(reading, &seen, &stop))
        };
        Pty {
            child,
            master: Some(master),
            writer: Some(writer),
            seen,
            stop,
            reader: Some(reader),
            pid,
        }
    }

    /// The browser, started and showing the bundled trip's title.
    pub fn started() -> Pty {
        let pty = Pty::start();
        pty.wait_text(TITLE);
        // The title comes first in a frame: wait for the frame's end too, so
        // a snapshot of the screen never catches half a frame.
        pty.wait_output_count(END_SYNC, 1);
        pty
    }

    pub fn pid(&self) -> i32 {
        self.pid
    }

    /// Types bytes (keys, escape sequences) into the terminal.
    pub fn send(&mut self, bytes: &[u8]) {
        let w = self.writer.as_mut().expect("master closed");
        w.write_all(bytes).unwrap();
        w.flush().unwrap();
    }

    fn seen(&self) -> MutexGuard<'_, Seen> {
        self.seen.lock().unwrap()
    }

    /// The screen as text, one line per row.
    pub fn text(&self) -> String {
        self.seen().parser.screen().contents()
    }

    /// Calls `f` with the current screen.
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.seen().parser.screen())
    }

    /// Everything the program wrote so far.
    pub fn raw(&self) -> Vec<u8> {
        self.seen().raw.clone()
    }

    /// Waits until `ok` holds for the screen; fails showing the screen.
    pub fn wait_for(&self, what: &str, ok: impl Fn(&vt100::Screen) -> bool) {
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            if self.with_screen(&ok) {
                return;
            }
            thread::sleep(Duration::from_millis(10));
        }
        panic!(
            "timed out waiting for {what}; the screen shows:\n{}",
            self.text()
        );
    }

    /// Waits until the screen shows `text`.
    pub fn wait_text(&self, text: &str) {
        self.wait_for(&format!("{text:?} on screen"), |s| {
            s.contents().contains(text)
        });
    }

    /// Filters by one prefecture with the picker: `p`, `typed`, Enter; waits
    /// until the header shows `filter: {shown}`.
    pub fn filter_by(&mut self, typed: &str, shown: &str) {
        self.send(b"p");
        self.wait_text("Filter by prefecture");
        self.send(typed.as_bytes());
        self.wait_text(&format!("> {typed}"));
        self.send(b"\r");
        self.wait_text(&format!("filter: {shown}"));
    }

    /// Waits until the program's output contains `needle` at least `n` times.
    pub fn wait_output_count(&self, needle: &[u8], n: usize) {
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            if count(&self.seen().raw, needle) >= n {
                return;
            }
            thread::sleep(Duration::from_millis(10));
        }
        panic!("timed out waiting for {n}× {needle:?} in the output");
    }

    /// Writes on the screen as another program would, behind the
    /// browser's back.
    pub fn scribble(&self, bytes: &[u8]) {
        self.seen().parser.process(bytes);
    }

    /// Resizes the terminal (and the parser that mirrors it).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        // The parser first: the program redraws as soon as the pty changes.
        self.seen().parser.set_size(
            NonZeroU16::new(rows).unwrap(),
            NonZeroU16::new(cols).unwrap(),
        );
        self.master
            .as_ref()
            .expect("master closed")
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }

    /// Sends a signal to the program.
    pub fn signal(&self, signal: rustix::process::Signal) {
        let pid = rustix::process::Pid::from_raw(self.pid).unwrap();
        rustix::process::kill_process(pid, signal).unwrap();
    }

    /// The process state letter from /proc (R, S, T…).
    pub fn state(&self) -> char {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid)).unwrap();
        // The command name is in parentheses and may hold spaces.
        let after = &stat[stat.rfind(')').unwrap() + 2..];
        after.chars().next().unwrap()
    }

    /// Waits until the process is in state `state`.
    pub fn wait_state(&self, state: char) {
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            if self.state() == state {
                return;
            }
            thread::sleep(Duration::from_millis(10));
        }
        panic!(
            "timed out waiting for state {state}, it is {}",
            self.state()
        );
    }

    /// CPU time used so far (user + system), in clock ticks.
    pub fn cpu_ticks(&self) -> u64 {
        let stat = std::fs::read_to_string(format!("/proc/{}/stat", self.pid)).unwrap();
        let fields: Vec<&str> = stat[stat.rfind(')').unwrap() + 2..].split(' ').collect();
        // utime and stime are fields 14 and 15; `fields` starts at field 3.
        fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap()
    }

    /// Waits for the program to exit; returns its exit code and how long
    /// the wait took.
    pub fn wait_exit(&mut self) -> (u32, Duration) {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if let Some(status) = self.child.try_wait().unwrap() {
                let took = start.elapsed();
                self.wait_closed();
                return (status.exit_code(), took);
            }
            thread::sleep(Duration::from_millis(10));
        }
        panic!(
            "the program did not exit; the screen shows:\n{}",
            self.text()
        );
    }

    /// Waits until the reader has everything the program wrote (the pty
    /// reports the closed side), when the master is still open.
    fn wait_closed(&self) {
        if self.master.is_none() {
            return;
        }
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            if self.seen().closed {
                return;
            }
            thread::sleep(Duration::from_millis(10));
        }
        panic!("the pty output never closed after the program exited");
    }

    /// Closes the terminal, as closing a terminal window does.
    pub fn close(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            reader.join().unwrap();
        }
        self.writer = None;
        self.master = None;
    }

    /// The pty's line discipline is cooked: canonical input, echo, and
    /// signals from Ctrl-C / Ctrl-Z.
    pub fn is_cooked(&self) -> bool {
        is_cooked(self.master.as_deref().expect("master closed"))
    }

    /// Asserts the terminal is as the program found it: main screen,
    /// cursor shown, no mouse reporting, cooked mode.
    pub fn assert_restored(&self) {
        self.with_screen(|s| {
            assert!(!s.alternate_screen(), "still on the alternate screen");
            assert!(!s.hide_cursor(), "cursor still hidden");
            assert!(!s.bracketed_paste(), "bracketed paste still on");
            assert_eq!(
                s.mouse_protocol_mode(),
                vt100::MouseProtocolMode::None,
                "mouse reporting still on"
            );
        });
        assert!(self.is_cooked(), "terminal left in raw mode");
    }

    /// Asserts the program holds the terminal: alternate screen, cursor
    /// hidden, mouse clicks reported, raw mode.
    pub fn assert_browsing(&self) {
        self.with_screen(|s| {
            assert!(s.alternate_screen(), "not on the alternate screen");
            assert!(s.hide_cursor(), "cursor shown");
            assert!(s.bracketed_paste(), "bracketed paste off");
            assert_eq!(
                s.mouse_protocol_mode(),
                vt100::MouseProtocolMode::PressRelease,
                "mouse clicks not reported"
            );
        });
        assert!(!self.is_cooked(), "terminal not in raw mode");
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        self.stop.store(true, Ordering::SeqCst);
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
    }
}

/// Feeds the program's output to the parser until the pty closes or the
/// test asks to stop. Polls with a short timeout so that [`Pty::close`] can
/// close this fd too.
fn read_output(fd: OwnedFd, seen: &Mutex<Seen>, stop: &AtomicBool) {
    let mut file = File::from(fd);
    let mut buf = [0u8; 8192];
    let tick = Timespec {
        tv_sec: 0,
        tv_nsec: 20_000_000,
    };
    while !stop.load(Ordering::SeqCst) {
        let mut fds = [PollFd::new(&file, PollFlags::IN)];
        match rustix::event::poll(&mut fds, Some(&tick)) {
            Ok(0) | Err(rustix::io::Errno::INTR) => continue,
            Ok(_) => {}
            Err(_) => break,
        }
        match file.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                let mut seen = seen.lock().unwrap();
                seen.raw.extend_from_slice(&buf[..n]);
                seen.pending.extend_from_slice(&buf[..n]);
                let shown = whole_frames(&seen.pending);
                let done: Vec<u8> = seen.pending.drain(..shown).collect();
                seen.parser.process(&done);
            }
        }
    }
    let mut seen = seen.lock().unwrap();
    let rest = std::mem::take(&mut seen.pending);
    seen.parser.process(&rest);
    seen.closed = true;
}

/// How much of `pending` a terminal would show now: all of it but an
/// unfinished synchronized update (from its last BEGIN_SYNC with no
/// END_SYNC after it), or the start of a BEGIN_SYNC cut by the read.
fn whole_frames(pending: &[u8]) -> usize {
    let last = |needle: &[u8]| pending.windows(needle.len()).rposition(|w| w == needle);
    if let Some(begin) = last(BEGIN_SYNC)
        && last(END_SYNC).is_none_or(|end| end < begin)
    {
        return begin;
    }
    (1..BEGIN_SYNC.len())
        .rev()
        .find(|&k| pending.ends_with(&BEGIN_SYNC[..k]))
        .map_or(pending.len(), |k| pending.len() - k)
}

fn is_cooked(master: &dyn MasterPty) -> bool {
    let raw = master.as_raw_fd().unwrap();
    // SAFETY: `master` owns `raw` and outlives this borrow.
    let fd = unsafe { BorrowedFd::borrow_raw(raw) };
    let termios = rustix::termios::tcgetattr(fd).unwrap();
    termios
        .local_modes
        .contains(LocalModes::ICANON | LocalModes::ECHO | LocalModes::ISIG)
}

/// Start and end of a synchronized update (mode 2026).
pub const BEGIN_SYNC: &[u8] = b"\x1b[?2026h";
pub const END_SYNC: &[u8] = b"\x1b[?2026l";

/// The bytes written outside synchronized updates.
/// A config folder with no `itinerary/config.toml` in it: tests never read
/// the developer's own config.
pub fn no_config_home() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("no-config-home")
}

/// The binary, with no config but what a test gives it
/// (`XDG_CONFIG_HOME` is an empty folder, `ITINERARY_CONFIG` unset).
pub fn bin() -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_itinerary"));
    cmd.env("XDG_CONFIG_HOME", no_config_home())
        .env_remove("ITINERARY_CONFIG");
    cmd
}

pub fn outside_frames(raw: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut inside = false;
    let mut i = 0;
    while i < raw.len() {
        if raw[i..].starts_with(BEGIN_SYNC) {
            inside = true;
            i += BEGIN_SYNC.len();
        } else if raw[i..].starts_with(END_SYNC) {
            inside = false;
            i += END_SYNC.len();
        } else {
            if !inside {
                out.push(raw[i]);
            }
            i += 1;
        }
    }
    out
}

/// The printable text in `bytes`, escape sequences left out.
pub fn printable(bytes: &[u8]) -> String {
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i..].starts_with(b"\x1b[") {
            // A CSI sequence ends with a byte from @ to ~.
            i += 2;
            while i < bytes.len() && !(0x40..=0x7e).contains(&bytes[i]) {
                i += 1;
            }
        } else if bytes[i] >= 0x20 {
            out.push(bytes[i]);
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// How often `needle` occurs in `haystack`.
pub fn count(haystack: &[u8], needle: &[u8]) -> usize {
    haystack
        .windows(needle.len())
        .filter(|w| *w == needle)
        .count()
}

/// The lines of `after` that differ from `before`, as `-`/`+` lines (line
/// breaks and trailing spaces left off), in diff order.
pub fn diff(before: &str, after: &str) -> Vec<String> {
    similar::TextDiff::from_lines(before, after)
        .iter_all_changes()
        .filter(|c| c.tag() != similar::ChangeTag::Equal)
        .map(|c| format!("{}{}", c.tag(), c.value().trim_end()))
        .collect()
}
