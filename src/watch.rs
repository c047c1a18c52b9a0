//! Following the itinerary file as it is edited: a watcher that reloads it
//! off the input thread and reports each new version as a [`ReloadMsg`].
//!
//! The watch is on the file's directory, not the file, because editors save
//! by writing a temporary file and renaming it over the original (or by
//! deleting and recreating it): a watch on the file itself would follow the
//! old inode and go quiet after the first save. Events are filtered to the
//! file's name and to changes (opening or reading the file, which the
//! watcher itself does, is not one), then debounced: the file is reloaded
//! once it has been quiet for [`DEBOUNCE`], so one save, however many system
//! calls it takes, is one reload. A worker thread reads and loads the file
//! and hands the result to the caller's channel; the input thread never
//! parses.
//!
//! A version that does not load, or a missing file, may be a save caught
//! half-way (an editor that truncates and then writes, on a busy machine):
//! it is reported only after the file has stayed so for [`SETTLE`] more.
//! The worker reports changes only: a version whose text is the one last
//! reported (a `touch`, an editor saving twice) sends nothing. A reload asked
//! for by hand ([`Watcher::reload`]) is immediate and always reports.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::load::{self, Diagnostic, LoadError};
use crate::reload::{ReloadMsg, ReloadOutcome};

/// How long the file must stay quiet before it is reloaded: long enough to
/// gather one save's writes and renames, short enough to feel immediate.
pub const DEBOUNCE: Duration = Duration::from_millis(150);

/// How much longer a file that does not load (or is missing) must stay so
/// before that is reported.
pub const SETTLE: Duration = Duration::from_millis(300);

/// The longest a reload waits for the file to be quiet.
pub const MAX_WAIT: Duration = Duration::from_secs(1);

/// How long dropping a [`Watcher`] waits for its worker to stop.
const STOP_WAIT: Duration = Duration::from_millis(200);

/// Follows one itinerary file until dropped.
#[derive(Debug)]
pub struct Watcher {
    commands: Sender<Command>,
    /// `None` when the file could not be watched: manual reloads still work.
    notify: Option<RecommendedWatcher>,
    worker: Option<JoinHandle<()>>,
    problem: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Command {
    /// Something happened to the file.
    Changed,
    /// The browser has this text on screen now (it wrote it itself, or
    /// read it to apply an edit): finding it in the file is no change.
    Shown(String),
    /// The person pressed `r`.
    Reload,
    Stop,
}

impl Watcher {
    /// Starts following `path`, whose current version (already on screen) is
    /// `shown_text`; each new version is sent on `tx`, wrapped by `wrap` into
    /// the event loop's own message type. A version saved between the first
    /// load and this call is picked up at once.
    pub fn start<T, W>(path: &Path, shown_text: String, tx: Sender<T>, wrap: W) -> Watcher
    where
        T: Send + 'static,
        W: Fn(ReloadMsg) -> T + Send + 'static,
    {
        Watcher::start_with(path, shown_text, move |msg| tx.send(wrap(msg)).is_ok())
    }

    /// Like [`Watcher::start`], with any sink: `send` delivers a message and
    /// returns false once nobody listens any more, which stops the worker.
    pub fn start_with<F>(path: &Path, shown_text: String, send: F) -> Watcher
    where
        F: FnMut(ReloadMsg) -> bool + Send + 'static,
    {
        let (commands, rx) = mpsc::channel();
        let worker = {
            let path = path.to_path_buf();
            std::thread::Builder::new()
                .name("itinerary reload".into())
                .spawn(move || work(&path, rx, Seen::Text(shown_text), send))
        };
        let (notify, problem) = match watch(path, commands.clone()) {
            Ok(d) => (Some(d), None),
            Err(e) => (None, Some(e)),
        };
        let (worker, problem) = match worker {
            Ok(w) => (Some(w), problem),
            Err(e) => (
                None,
                Some(format!(
                    "cannot start reloading {}: {e}; restart the browser to see changes",
                    path.display()
                )),
            ),
        };
        // Catch a save that landed after the first load, now that the watch is on.
        let _ = commands.send(Command::Changed);
        Watcher {
            commands,
            notify,
            worker,
            problem,
        }
    }

    /// Reloads the file now (`r`), reporting the result even when it did not change.
    pub fn reload(&self) {
        let _ = self.commands.send(Command::Reload);
    }

    /// The browser wrote `text` to the file itself (or read it there to
    /// apply an edit): the worker takes it as the version last reported,
    /// so the write does not come back as a reload.
    pub fn shown(&self, text: String) {
        let _ = self.commands.send(Command::Shown(text));
    }

    /// Why edits will not show up by themselves, as a sentence for the status
    /// line; `None` when the file is followed.
    pub fn problem(&self) -> Option<&str> {
        self.problem.as_deref()
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        // Stop the events first, so nothing more reaches the worker.
        drop(self.notify.take());
        let _ = self.commands.send(Command::Stop);
        let Some(worker) = self.worker.take() else {
            return;
        };
        // An idle worker stops at once. One in the middle of loading a huge
        // file is left to finish on its own (it stops right after, sending
        // nothing anyone reads) rather than holding up the quit.
        let start = Instant::now();
        while !worker.is_finished() && start.elapsed() < STOP_WAIT {
            std::thread::sleep(Duration::from_millis(2));
        }
        if worker.is_finished() {
            let _ = worker.join();
        }
    }
}

/// The file as the worker last reported it.
#[derive(Debug, PartialEq, Eq)]
enum Seen {
    Text(String),
    Unreadable(String),
    Missing,
}

/// Watches the directory of `path` (and of the file a symlink points to) and
/// sends [`Command::Changed`] for changes to the file's name.
fn watch(path: &Path, commands: Sender<Command>) -> Result<RecommendedWatcher, String> {
    let targets = targets(path);
    let cannot = |e: &dyn std::fmt::Display| {
        format!(
            "cannot follow changes to {}: {e}; press r to reload by hand",
            path.display()
        )
    };
    let wanted = targets.clone();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<Event>| {
        if is_change(&event, &wanted) {
            let _ = commands.send(Command::Changed);
        }
    })
    .map_err(|e| cannot(&e))?;
    for (dir, _) in &targets {
        watcher
            .watch(dir, RecursiveMode::NonRecursive)
            .map_err(|e| cannot(&e))?;
    }
    Ok(watcher)
}

/// Whether an event may have changed the file. Opening and reading it are
/// not changes (the worker's own reads would otherwise trigger it again);
/// an error or a lost-events notice may hide one.
fn is_change(event: &notify::Result<Event>, targets: &[(PathBuf, PathBuf)]) -> bool {
    let Ok(event) = event else { return true };
    if event.need_rescan() {
        return true;
    }
    let reading = matches!(event.kind, EventKind::Access(kind)
        if kind != AccessKind::Close(AccessMode::Write));
    !reading
        && event
            .paths
            .iter()
            .any(|p| targets.iter().any(|t| is_target(p, t)))
}

/// (directory, file name) pairs to watch: the path as given and, when it is
/// a symlink, the file it resolves to. Directories are canonical so they
/// compare equal to the paths in events.
fn targets(path: &Path) -> Vec<(PathBuf, PathBuf)> {
    let split = |p: &Path| -> Option<(PathBuf, PathBuf)> {
        let name = PathBuf::from(p.file_name()?);
        let dir = match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        Some((
            dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf()),
            name,
        ))
    };
    let mut targets: Vec<(PathBuf, PathBuf)> = split(path).into_iter().collect();
    if let Some(real) = path.canonicalize().ok().as_deref().and_then(split)
        && !targets.contains(&real)
    {
        targets.push(real);
    }
    targets
}

fn is_target(event_path: &Path, (dir, name): &(PathBuf, PathBuf)) -> bool {
    event_path.file_name() == Some(name.as_os_str()) && event_path.parent() == Some(dir.as_path())
}

/// The worker: waits for the file to settle, reads and loads it, and
/// reports what changed.
fn work(
    path: &Path,
    rx: Receiver<Command>,
    mut seen: Seen,
    mut send: impl FnMut(ReloadMsg) -> bool,
) {
    while let Ok(first) = rx.recv() {
        let mut manual = match first {
            Command::Stop => return,
            Command::Shown(text) => {
                seen = Seen::Text(text);
                continue;
            }
            Command::Reload => true,
            Command::Changed => match quiet(&rx, DEBOUNCE, &mut seen) {
                Wait::Stop => return,
                Wait::Reload => true,
                Wait::Quiet { .. } => false,
            },
        };
        let (mut at, (mut now_seen, mut outcome)) = (chrono::Local::now().time(), read(path));
        while !manual && !matches!(outcome, ReloadOutcome::Loaded { .. }) {
            match quiet(&rx, SETTLE, &mut seen) {
                Wait::Stop => return,
                Wait::Quiet { changed: false } => break,
                Wait::Reload => manual = true,
                Wait::Quiet { changed: true } => {}
            }
            (at, (now_seen, outcome)) = (chrono::Local::now().time(), read(path));
        }
        if !manual && now_seen == seen {
            continue;
        }
        seen = now_seen;
        if !send(ReloadMsg {
            at,
            manual,
            outcome,
        }) {
            return;
        }
    }
}

/// How a wait for quiet ended.
enum Wait {
    /// Nothing happened for the whole period after the last change, if any.
    Quiet {
        changed: bool,
    },
    /// The person asked for a reload: do it now.
    Reload,
    Stop,
}

/// Waits until no change has come for `period`, or for [`MAX_WAIT`] in all
/// when changes keep coming (something rewriting the file nonstop must not
/// hold a reload back forever). A text the browser wrote meanwhile is
/// taken as seen.
fn quiet(rx: &Receiver<Command>, period: Duration, seen: &mut Seen) -> Wait {
    let start = Instant::now();
    let mut changed = false;
    loop {
        let left = MAX_WAIT.saturating_sub(start.elapsed());
        match rx.recv_timeout(period.min(left)) {
            Ok(Command::Changed) => changed = true,
            Ok(Command::Shown(text)) => *seen = Seen::Text(text),
            Ok(Command::Reload) => return Wait::Reload,
            Ok(Command::Stop) | Err(RecvTimeoutError::Disconnected) => return Wait::Stop,
            Err(RecvTimeoutError::Timeout) => return Wait::Quiet { changed },
        }
    }
}

/// Reads and loads the file, as `check` would: a file that is not UTF-8
/// keeps the decoded text its diagnostic points into.
fn read(path: &Path) -> (Seen, ReloadOutcome) {
    let (text, result) = load::load_path(path);
    match result {
        Ok(loaded) => (
            Seen::Text(text.clone()),
            ReloadOutcome::Loaded {
                trip: Box::new(loaded.trip),
                warnings: loaded.warnings,
                text,
            },
        ),
        Err(_) if !path.try_exists().unwrap_or(true) => (Seen::Missing, ReloadOutcome::Missing),
        Err(LoadError::Unreadable(message)) => (
            Seen::Unreadable(message.clone()),
            ReloadOutcome::Failed {
                diagnostics: vec![Diagnostic::error(message, None)],
                text: String::new(),
            },
        ),
        Err(LoadError::Invalid(diagnostics)) => (
            Seen::Text(text.clone()),
            ReloadOutcome::Failed { diagnostics, text },
        ),
    }
}

#[cfg(test)]
mod tests {
    use notify::event::{CreateKind, DataChange, ModifyKind, RemoveKind, RenameMode};

    use super::*;

    fn on(kind: EventKind, path: &str) -> notify::Result<Event> {
        Ok(Event::new(kind).add_path(PathBuf::from(path)))
    }

    #[test]
    fn only_changes_to_the_file_itself_count() {
        let targets = [(PathBuf::from("/trips"), PathBuf::from("trip.toml"))];
        let change = |kind, path| is_change(&on(kind, path), &targets);
        let data = EventKind::Modify(ModifyKind::Data(DataChange::Any));
        assert!(change(data, "/trips/trip.toml"));
        assert!(change(
            EventKind::Create(CreateKind::File),
            "/trips/trip.toml"
        ));
        assert!(change(
            EventKind::Remove(RemoveKind::File),
            "/trips/trip.toml"
        ));
        let renamed = EventKind::Modify(ModifyKind::Name(RenameMode::To));
        assert!(change(renamed, "/trips/trip.toml"));
        let written = EventKind::Access(AccessKind::Close(AccessMode::Write));
        assert!(change(written, "/trips/trip.toml"));
        // Reading it (as the worker does) is not a change: no reload loop.
        let opened = EventKind::Access(AccessKind::Open(AccessMode::Any));
        assert!(!change(opened, "/trips/trip.toml"));
        let read = EventKind::Access(AccessKind::Close(AccessMode::Read));
        assert!(!change(read, "/trips/trip.toml"));
        // Other files, here or in a directory of the same name elsewhere.
        assert!(!change(data, "/trips/.trip.toml.swp"));
        assert!(!change(data, "/elsewhere/trip.toml"));
        // An error may hide a change.
        assert!(is_change(
            &Err(notify::Error::generic("queue overflow")),
            &targets
        ));
    }

    #[test]
    fn a_bare_file_name_is_watched_in_the_current_directory() {
        let cwd = std::env::current_dir().unwrap().canonicalize().unwrap();
        assert_eq!(
            targets(Path::new("no-such-trip.toml")),
            [(cwd, PathBuf::from("no-such-trip.toml"))]
        );
    }
}
