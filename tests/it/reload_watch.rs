//! The file watcher against a real file system: each save, however the
//! editor does it, is exactly one reload; broken, deleted and recreated
//! files are reported; dropping the watcher stops it.
//!
//! Every wait is bounded by a generous timeout and every save has its own
//! title, so a late or doubled message fails the test by showing up in the
//! wrong place, never by a timing guess.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::Duration;

use itinerary::reload::{ReloadMsg, ReloadOutcome};
use itinerary::watch::Watcher;

/// Far longer than a reload takes, even on a busy two-core machine.
const PATIENCE: Duration = Duration::from_secs(20);

fn trip(title: &str) -> String {
    format!(
        "[trip]\ntitle = \"{title}\"\nstart = 2018-08-26\nend = 2018-08-27\n\n\
         [[day]]\ndate = 2018-08-26\n\n[[day.stop]]\nplace = \"Airport\"\n"
    )
}

const BROKEN: &str = "[trip]\ntitle = \"Broken\"\nstart = 2018-08-26\nend = \n";

struct Fixture {
    _dir: tempfile::TempDir,
    path: PathBuf,
    rx: Receiver<ReloadMsg>,
    watcher: Watcher,
}

/// A file holding `trip(first)`, watched from the start.
fn watched(first: &str) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trip.toml");
    std::fs::write(&path, trip(first)).unwrap();
    let (tx, rx) = mpsc::channel();
    let watcher = Watcher::start(&path, trip(first), tx, |m| m);
    assert_eq!(watcher.problem(), None);
    Fixture {
        _dir: dir,
        path,
        rx,
        watcher,
    }
}

/// A compact view of a message: "loaded Title", "failed on N bytes", "missing".
fn describe(msg: &ReloadMsg) -> String {
    let what = match &msg.outcome {
        ReloadOutcome::Loaded { trip, text, .. } => {
            assert!(text.contains(&trip.title), "text and trip disagree");
            format!("loaded {}", trip.title)
        }
        ReloadOutcome::Failed { diagnostics, text } => {
            assert!(!diagnostics.is_empty());
            format!("failed on {} bytes", text.len())
        }
        ReloadOutcome::Missing => "missing".to_string(),
    };
    if msg.manual {
        format!("{what} (manual)")
    } else {
        what
    }
}

impl Fixture {
    fn next(&self) -> String {
        match self.rx.recv_timeout(PATIENCE) {
            Ok(msg) => describe(&msg),
            Err(e) => panic!("no reload message within {PATIENCE:?}: {e}"),
        }
    }

    /// Saves as editors that rename over the original do (vim's default
    /// `backupcopy`, most GUI editors): a temporary file, then a rename.
    fn save_by_rename(&self, text: &str) {
        let tmp = self.path.with_file_name(".trip.toml.swp");
        std::fs::write(&tmp, text).unwrap();
        std::fs::rename(&tmp, &self.path).unwrap();
    }
}

#[test]
fn every_save_is_one_reload_whatever_the_editor_does() {
    let f = watched("One");

    std::fs::write(&f.path, trip("Two")).unwrap();
    assert_eq!(f.next(), "loaded Two");

    f.save_by_rename(&trip("Three"));
    assert_eq!(f.next(), "loaded Three");

    // Move the original to a backup, write a new file, delete the backup:
    // the file is briefly gone, but that is one save, not a deletion.
    let backup = f.path.with_file_name("trip.toml~");
    std::fs::rename(&f.path, &backup).unwrap();
    std::fs::write(&f.path, trip("Four")).unwrap();
    std::fs::remove_file(&backup).unwrap();
    assert_eq!(f.next(), "loaded Four");

    // Other files in the directory are none of its business, and saving
    // the same text again is no change.
    std::fs::write(f.path.with_file_name("other.toml"), trip("Other")).unwrap();
    std::fs::write(&f.path, trip("Four")).unwrap();
    // The manual reload always answers, so it comes next only if nothing
    // else was sent for the writes above.
    f.watcher.reload();
    assert_eq!(f.next(), "loaded Four (manual)");
}

#[test]
fn a_broken_save_fails_and_a_deleted_file_is_missing_until_it_comes_back() {
    let f = watched("One");

    std::fs::write(&f.path, BROKEN).unwrap();
    assert_eq!(f.next(), format!("failed on {} bytes", BROKEN.len()));

    std::fs::write(&f.path, trip("Fixed")).unwrap();
    assert_eq!(f.next(), "loaded Fixed");

    std::fs::remove_file(&f.path).unwrap();
    assert_eq!(f.next(), "missing");
    f.watcher.reload();
    assert_eq!(f.next(), "missing (manual)");

    // Recreated with the very text it had: still news after the deletion.
    std::fs::write(&f.path, trip("Fixed")).unwrap();
    assert_eq!(f.next(), "loaded Fixed");

    // Renamed away, then a new file under the name.
    std::fs::rename(&f.path, f.path.with_file_name("elsewhere.toml")).unwrap();
    assert_eq!(f.next(), "missing");
    f.save_by_rename(&trip("Back"));
    assert_eq!(f.next(), "loaded Back");
}

#[test]
fn a_save_between_the_first_load_and_the_watch_is_not_lost() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trip.toml");
    std::fs::write(&path, trip("Newer")).unwrap();
    let (tx, rx) = mpsc::channel();
    // The browser loaded "Older"; the file changed before the watch began.
    let _watcher = Watcher::start(&path, trip("Older"), tx, |m| m);
    let msg = rx.recv_timeout(PATIENCE).unwrap();
    assert_eq!(describe(&msg), "loaded Newer");
}

#[cfg(unix)]
#[test]
fn a_symlinked_file_is_followed_through_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let real_dir = dir.path().join("real");
    let link_dir = dir.path().join("link");
    std::fs::create_dir_all(&real_dir).unwrap();
    std::fs::create_dir_all(&link_dir).unwrap();
    let real = real_dir.join("trip.toml");
    let link = link_dir.join("current.toml");
    std::fs::write(&real, trip("One")).unwrap();
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let (tx, rx) = mpsc::channel();
    let _watcher = Watcher::start(&link, trip("One"), tx, |m| m);
    std::fs::write(&real, trip("Two")).unwrap();
    assert_eq!(describe(&rx.recv_timeout(PATIENCE).unwrap()), "loaded Two");
}

#[test]
fn messages_are_wrapped_into_the_loops_own_type() {
    #[derive(Debug)]
    enum LoopEvent {
        Reload(Box<ReloadMsg>),
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trip.toml");
    std::fs::write(&path, trip("One")).unwrap();
    let (tx, rx) = mpsc::channel();
    let watcher = Watcher::start(&path, trip("One"), tx, |m| LoopEvent::Reload(Box::new(m)));
    watcher.reload();
    let LoopEvent::Reload(msg) = rx.recv_timeout(PATIENCE).unwrap();
    assert_eq!(describe(&msg), "loaded One (manual)");
}

#[test]
fn dropping_the_watcher_stops_it() {
    let f = watched("One");
    let Fixture {
        _dir,
        path,
        rx,
        watcher,
        ..
    } = f;
    drop(watcher);
    // The worker is gone with its sender: the channel closes at once, and a
    // later save sends nothing.
    std::fs::write(&path, trip("Two")).unwrap();
    assert_eq!(
        rx.recv_timeout(PATIENCE).map(|m| describe(&m)),
        Err(RecvTimeoutError::Disconnected)
    );
    assert!(Path::new(&path).exists());
}

#[test]
fn a_save_caught_half_way_is_not_reported_as_broken() {
    let f = watched("One");
    // An editor that empties the file, then (slower than the debounce, well
    // within the settling time) writes it.
    std::fs::write(&f.path, "").unwrap();
    std::thread::sleep(itinerary::watch::DEBOUNCE + Duration::from_millis(50));
    std::fs::write(&f.path, trip("Two")).unwrap();
    assert_eq!(f.next(), "loaded Two");
}

#[test]
fn a_text_the_browser_wrote_itself_does_not_come_back_as_a_reload() {
    let f = watched("One");
    // The browser writes an edit (atomically, by rename) and says so.
    let edited = trip("Edited");
    let tmp = f.path.with_file_name(".itinerary-1.tmp");
    std::fs::write(&tmp, &edited).unwrap();
    std::fs::rename(&tmp, &f.path).unwrap();
    f.watcher.shown(edited);
    // The next message is the outside save after it, not the edit.
    f.save_by_rename(&trip("Outside"));
    assert_eq!(f.next(), "loaded Outside");
    // And a text it shows after reading it itself (an edit applied to an
    // outside change) is no news either.
    std::fs::write(&f.path, trip("Read")).unwrap();
    f.watcher.shown(trip("Read"));
    f.watcher.reload();
    assert_eq!(f.next(), "loaded Read (manual)");
}
