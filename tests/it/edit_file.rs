//! Writing an edited trip back (src/edit/file.rs): atomically, keeping
//! permissions, through a symlink, never over a change made outside; and
//! each way a write can fail is a message with the file untouched.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use itinerary::edit::file::{TripFile, WriteError};

const OLD: &str = "[trip]\ntitle = \"T\"\n";
const NEW: &str = "[trip]\ntitle = \"U\"\n";

/// The names in a directory, sorted: no temporary file may be left.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn failed(r: Result<(), WriteError>) -> String {
    match r {
        Err(WriteError::Failed(m)) => m,
        other => panic!("expected a failure, got {other:?}"),
    }
}

#[test]
fn writes_keep_permissions_and_follow_symlinks() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.toml");
    std::fs::write(&real, OLD).unwrap();
    std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
    let link = dir.path().join("trip.toml");
    std::os::unix::fs::symlink("real.toml", &link).unwrap();
    let mut file = TripFile::new(&link, OLD.into());
    file.write(NEW).unwrap();
    assert_eq!(std::fs::read_to_string(&real).unwrap(), NEW);
    assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
    let mode = std::fs::metadata(&real).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o640);
    assert_eq!(file.known(), NEW);
    assert_eq!(names(dir.path()), ["real.toml", "trip.toml"]);
}

#[test]
fn a_change_made_outside_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trip.toml");
    std::fs::write(&path, OLD).unwrap();
    let mut file = TripFile::new(&path, OLD.into());
    let outside = "[trip]\ntitle = \"saved in another editor\"\n";
    std::fs::write(&path, outside).unwrap();
    assert_eq!(file.write(NEW), Err(WriteError::Changed(outside.into())));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), outside);
    assert_eq!(names(dir.path()), ["trip.toml"]);
}

#[test]
fn a_read_only_file_is_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trip.toml");
    std::fs::write(&path, OLD).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let mut file = TripFile::new(&path, OLD.into());
    assert_eq!(
        failed(file.write(NEW)),
        format!(
            "cannot save {}: the file is read-only; make it writable (chmod u+w) or open it \
             with --read-only",
            path.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), OLD);
}

#[test]
fn a_deleted_file_is_a_message_and_not_made_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trip.toml");
    std::fs::write(&path, OLD).unwrap();
    let mut file = TripFile::new(&path, OLD.into());
    std::fs::remove_file(&path).unwrap();
    assert_eq!(
        failed(file.write(NEW)),
        format!(
            "cannot save {}: it is no longer there (deleted or moved away); nothing was written",
            path.display()
        )
    );
    assert_eq!(names(dir.path()), Vec::<String>::new());
}

/// A small tmpfs, unmounted when dropped; `None` when this process may not
/// mount one (not root): the caller then says so and tests what it can.
struct Tmpfs(PathBuf);

impl Tmpfs {
    fn mount(options: &str) -> Option<Tmpfs> {
        let dir = std::env::temp_dir().join(format!(
            "itinerary-edit-{}-{}",
            std::process::id(),
            options.replace([',', '='], "-")
        ));
        std::fs::create_dir_all(&dir).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(&dir)
            .status()
            .is_ok_and(|s| s.success());
        if !ok {
            let _ = std::fs::remove_dir(&dir);
            eprintln!("cannot mount a tmpfs (needs root): skipping the {options} case");
            return None;
        }
        Some(Tmpfs(dir))
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
        let _ = std::fs::remove_dir(&self.0);
    }
}

/// A directory where no temporary file can be made: a tmpfs with no inode
/// left (as root, whom permissions do not stop), else a directory without
/// write permission.
#[test]
fn a_directory_that_refuses_the_temporary_file_is_a_message() {
    let (mount, dir, _keep) = match Tmpfs::mount("size=1m,nr_inodes=2") {
        Some(m) => {
            let dir = m.0.clone();
            (Some(m), dir, None)
        }
        None => {
            let t = tempfile::tempdir().unwrap();
            (None, t.path().to_path_buf(), Some(t))
        }
    };
    let path = dir.join("trip.toml");
    std::fs::write(&path, OLD).unwrap();
    if mount.is_none() {
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    }
    let mut file = TripFile::new(&path, OLD.into());
    let message = failed(file.write(NEW));
    if mount.is_none() {
        std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let why = if mount.is_some() {
        "no space left on the disk"
    } else {
        "permission denied"
    };
    assert_eq!(
        message,
        format!(
            "cannot save {}: no temporary file can be made in {} to write through: {why}; \
             nothing was written",
            path.display(),
            dir.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), OLD);
    assert_eq!(names(&dir), ["trip.toml"]);
}

/// A full disk: the new text does not fit beside the old one.
#[test]
fn a_full_disk_is_a_message() {
    let Some(mount) = Tmpfs::mount("size=64k") else {
        return;
    };
    let path = mount.0.join("trip.toml");
    let old = format!("{OLD}# {}\n", "x".repeat(40 * 1024));
    let new = format!("{NEW}# {}\n", "y".repeat(40 * 1024));
    std::fs::write(&path, &old).unwrap();
    let mut file = TripFile::new(&path, old.clone());
    assert_eq!(
        failed(file.write(&new)),
        format!(
            "cannot save {}: no space left on the disk; nothing was written",
            path.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), old);
    assert_eq!(names(&mount.0), ["trip.toml"]);
}

/// The first line of a text written by [`outside_saves`]: its save number.
fn save_number(text: &str) -> usize {
    text.lines()
        .next()
        .and_then(|l| l.strip_prefix("# outside "))
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX)
}

/// Another program saves the trip every millisecond or so (a temporary
/// file, then a rename) while the browser writes `edits` edits; returns
/// (outside saves, outside saves lost without a word, edits written,
/// edits refused as changed outside). A save is lost when, once the
/// browser's write in progress is over, the file holds an older one.
fn outside_saves(edits: usize) -> (usize, usize, usize, usize) {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Arc, Mutex};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trip.toml");
    let text = |save: usize, edit: usize| format!("# outside {save}\n# edit {edit}\n{OLD}");
    std::fs::write(&path, text(0, 0)).unwrap();
    let done = Arc::new(AtomicBool::new(false));
    let writing = Arc::new(Mutex::new(()));
    let other = {
        let (path, done, writing) = (path.clone(), done.clone(), writing.clone());
        let temp = dir.path().join(".other-program.tmp");
        std::thread::spawn(move || {
            let (mut saved, mut lost) = (0, 0);
            // Bounded, in case the browser's side stops.
            while !done.load(Ordering::Relaxed) && saved < 100_000 {
                let seen = save_number(&std::fs::read_to_string(&path).unwrap());
                if seen != saved {
                    // Once the browser's write is over, look again.
                    let _over = writing.lock().unwrap();
                    let now = save_number(&std::fs::read_to_string(&path).unwrap());
                    if now != saved {
                        lost += 1;
                    }
                }
                saved += 1;
                std::fs::write(&temp, text(saved, 0)).unwrap();
                std::fs::rename(&temp, &path).unwrap();
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            (saved, lost)
        })
    };
    let mut file = TripFile::new(&path, std::fs::read_to_string(&path).unwrap());
    let (mut written, mut changed) = (0, 0);
    for n in 1..=edits * 20 {
        if written == edits {
            break;
        }
        let known = file.known().to_string();
        let (first, rest) = known.split_once('\n').unwrap();
        let (_, rest) = rest.split_once('\n').unwrap();
        let new = format!("{first}\n# edit {n}\n{rest}");
        let _writing = writing.lock().unwrap();
        match file.write(&new) {
            Ok(()) => written += 1,
            Err(WriteError::Changed(now)) => {
                changed += 1;
                file.set_known(now);
            }
            Err(WriteError::Failed(why)) => panic!("{why}"),
        }
    }
    done.store(true, Ordering::Relaxed);
    let (saved, lost) = other.join().unwrap();
    assert_eq!(names(dir.path()), ["trip.toml"]);
    (saved, lost, written, changed)
}

/// Issue 23: with another program saving in a loop, 4 of 953 of its saves
/// were replaced by edits in silence. Now each is kept, or the edit is
/// refused as made on a changed file (the browser then reloads and applies
/// it again, and says so).
#[test]
fn no_save_of_another_program_is_lost_in_silence() {
    let (saved, lost, written, changed) = outside_saves(200);
    eprintln!("{saved} outside saves, {lost} lost; {written} edits written, {changed} refused");
    assert!(saved > 100 && written == 200, "the race was not run");
    assert_eq!(lost, 0, "{lost} of {saved} outside saves lost in silence");
}
