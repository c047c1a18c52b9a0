//! What the commands do with the files they are given (issue 23): an
//! output is never its own input, a replaced file keeps its mode, a named
//! pipe never hangs a command, `-` is standard input; and issue 21's one
//! slug for an export's file name.
#![cfg(unix)]
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use itinerary::edit::file::{TripFile, WriteError};
use itinerary::load::{self, LoadError};

const BIN: &str = env!("CARGO_BIN_EXE_itinerary");

/// A calendar `import` reads.
const ICS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\n\
UID:a@t\r\nDTSTART:20180828T100000Z\r\nDTEND:20180828T110000Z\r\nSUMMARY:Talks\r\n\
END:VEVENT\r\nEND:VCALENDAR\r\n";

/// Runs the binary in `dir` with `stdin` as its input; a command that has
/// not ended after 10 s (polled 1,000 times) is killed and fails the test:
/// before issue 23, a named pipe made every command wait forever.
fn run_in(dir: &Path, args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = crate::common::bin()
        .current_dir(dir)
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1546300800")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    if let Some(bytes) = stdin {
        let mut input = child.stdin.take().unwrap();
        // A command that refuses without reading closes the pipe first.
        let _ = input.write_all(bytes);
    }
    for _ in 0..1000 {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    child.kill().unwrap();
    let o = child.wait_with_output().unwrap();
    panic!(
        "itinerary {} hung; stderr: {}",
        args.join(" "),
        String::from_utf8_lossy(&o.stderr)
    );
}

fn err(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// A directory holding the bundled trip as trip.toml, and cal.ics.
fn workdir() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("trip.toml"), load::BUNDLED).unwrap();
    std::fs::write(dir.path().join("cal.ics"), ICS).unwrap();
    let path = dir.path().to_path_buf();
    (dir, path)
}

fn mkfifo(path: &Path) {
    assert!(Command::new("mkfifo").arg(path).status().unwrap().success());
}

#[test]
fn an_export_over_its_own_input_is_refused_by_any_path() {
    let (_keep, dir) = workdir();
    std::fs::create_dir(dir.join("sub")).unwrap();
    std::os::unix::fs::symlink("trip.toml", dir.join("link.md")).unwrap();
    std::fs::hard_link(dir.join("trip.toml"), dir.join("hard.md")).unwrap();
    for out in [
        "trip.toml",
        "./trip.toml",
        "sub/../trip.toml",
        "link.md",
        "hard.md",
    ] {
        let o = run_in(
            &dir,
            &[
                "export",
                "trip.toml",
                "-o",
                out,
                "--format",
                "md",
                "--force",
            ],
            None,
        );
        assert_eq!(o.status.code(), Some(2), "{out}: {}", err(&o));
        assert_eq!(
            err(&o),
            format!(
                "error: -o {out} is the input file (trip.toml): writing there would replace \
                 it; choose another name\n"
            )
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("trip.toml")).unwrap(),
            load::BUNDLED
        );
    }
    // Standard input redirected from the file is the file too.
    let stdin = std::fs::File::open(dir.join("trip.toml")).unwrap();
    let o = crate::common::bin()
        .current_dir(&dir)
        .args(["export", "-", "-o", "hard.md", "--force"])
        .stdin(stdin)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", err(&o));
    assert!(err(&o).contains("is the input file (standard input)"));
}

#[test]
fn an_import_over_its_own_input_or_not_to_toml_is_refused() {
    let (_keep, dir) = workdir();
    let o = run_in(
        &dir,
        &["import", "cal.ics", "-o", "cal.ics", "--force"],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).ends_with(
            "error: -o cal.ics: a trip is written as a .toml file; give a name that ends in \
             .toml (such as trip.toml), or -o - for standard output\n"
        ),
        "{}",
        err(&o)
    );
    std::fs::hard_link(dir.join("cal.ics"), dir.join("cal.toml")).unwrap();
    let o = run_in(
        &dir,
        &["import", "cal.ics", "-o", "cal.toml", "--force"],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        err(&o).ends_with(
            "error: -o cal.toml is the input file (cal.ics): writing there would replace it; \
             choose another name\n"
        ),
        "{}",
        err(&o)
    );
    assert_eq!(std::fs::read_to_string(dir.join("cal.ics")).unwrap(), ICS);
    let o = run_in(&dir, &["import", "cal.ics", "-o", "new.toml"], None);
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
}

#[test]
fn force_keeps_a_private_files_mode_and_a_new_file_follows_the_umask() {
    let (_keep, dir) = workdir();
    for (args, out) in [
        (
            &["export", "trip.toml", "-o", "private.md", "--force"][..],
            "private.md",
        ),
        (
            &["import", "cal.ics", "-o", "private.toml", "--force"][..],
            "private.toml",
        ),
    ] {
        std::fs::write(dir.join(out), "secret").unwrap();
        std::fs::set_permissions(dir.join(out), std::fs::Permissions::from_mode(0o600)).unwrap();
        let o = run_in(&dir, args, None);
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
        let mode = std::fs::metadata(dir.join(out))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{out}");
        assert_ne!(std::fs::read_to_string(dir.join(out)).unwrap(), "secret");
    }
    for (umask, mode) in [("077", 0o600), ("022", 0o644), ("002", 0o664)] {
        let out = format!("new-{umask}.md");
        let o = Command::new("sh")
            .current_dir(&dir)
            .arg("-c")
            .arg(format!(
                "umask {umask} && exec \"$0\" export trip.toml -o {out}"
            ))
            .arg(BIN)
            .env("XDG_CONFIG_HOME", crate::common::no_config_home())
            .env_remove("ITINERARY_CONFIG")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", err(&o));
        let got = std::fs::metadata(dir.join(&out))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(got & 0o777, mode, "umask {umask}");
    }
}

#[test]
fn a_named_pipe_is_refused_at_once_by_every_command() {
    let (_keep, dir) = workdir();
    mkfifo(&dir.join("f.toml"));
    mkfifo(&dir.join("f.ics"));
    let refused = |name: &str| {
        format!(
            "error: {name} is a named pipe (FIFO), not a regular file; only regular files are \
             read and written (to read from a pipe, give - and redirect it: < {name})\n"
        )
    };
    for args in [
        &["check", "f.toml"][..],
        &["export", "f.toml"],
        &["publish", "f.toml", "--to", "http://127.0.0.1:9/cal/"],
    ] {
        let o = run_in(&dir, args, None);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert_eq!(err(&o), refused("f.toml"), "{args:?}");
    }
    // A device, too (opened without waiting, never read from).
    let o = run_in(&dir, &["check", "/dev/zero"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("/dev/zero is a device, not a regular file"));
}

#[test]
fn a_dash_reads_standard_input() {
    let (_keep, dir) = workdir();
    let o = run_in(&dir, &["check", "-"], Some(load::BUNDLED.as_bytes()));
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert!(String::from_utf8_lossy(&o.stdout).starts_with("<stdin>: ok (5 days"));
    let o = run_in(&dir, &["check", "-"], Some(b"[trip]\ntitle = 3\n"));
    assert_eq!(o.status.code(), Some(1));
    assert!(err(&o).contains("<stdin>:"), "{}", err(&o));
    let o = run_in(
        &dir,
        &["export", "-", "--day", "3"],
        Some(load::BUNDLED.as_bytes()),
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    assert_eq!(
        String::from_utf8(o.stdout).unwrap(),
        include_str!("../golden/bundled-day-3.md")
    );
    let o = run_in(&dir, &["-"], Some(load::BUNDLED.as_bytes()));
    assert_eq!(o.status.code(), Some(2));
    assert!(err(&o).contains("not standard input"), "{}", err(&o));
}

/// The browser's two ways to the file, the reload and the edit, say at
/// once that a pipe was put in its place, and wait for nothing.
#[test]
fn the_browser_refuses_a_pipe_put_in_place_of_its_file() {
    let (_keep, dir) = workdir();
    let path = dir.join("trip.toml");
    std::fs::remove_file(&path).unwrap();
    mkfifo(&path);
    let (tx, rx) = std::sync::mpsc::channel();
    let worker = {
        let path = path.clone();
        std::thread::spawn(move || {
            let (_, reloaded) = load::load_path(&path);
            let written = TripFile::new(&path, load::BUNDLED.into()).write("[trip]\n");
            tx.send((reloaded.err(), written)).unwrap();
        })
    };
    let (reloaded, written) = rx
        .recv_timeout(std::time::Duration::from_secs(10))
        .expect("the browser's read or write of a pipe hung");
    worker.join().unwrap();
    let Some(LoadError::Unreadable(why)) = reloaded else {
        panic!("a pipe was read as a trip")
    };
    assert!(
        why.contains("is a named pipe (FIFO), not a regular file"),
        "{why}"
    );
    let Err(WriteError::Failed(why)) = written else {
        panic!("a pipe was written: {written:?}")
    };
    assert_eq!(
        why,
        format!(
            "cannot save {}: it is not a regular file any more (a pipe, a device or a directory \
             was put in its place); nothing was written",
            path.display()
        )
    );
}

#[test]
fn an_export_file_name_is_the_title_transliterated() {
    let (_keep, dir) = workdir();
    let text = load::BUNDLED.replacen(
        "title    = \"Zhejiang provincial delegation to Japan\"",
        "title    = \"Ünïcode Tour\"",
        1,
    );
    assert_ne!(text, load::BUNDLED);
    std::fs::write(dir.join("trip.toml"), text).unwrap();
    std::fs::create_dir(dir.join("out")).unwrap();
    let o = run_in(
        &dir,
        &["export", "trip.toml", "--day", "3", "-o", "out"],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", err(&o));
    let names: Vec<String> = std::fs::read_dir(dir.join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["2018-08-28-unicode-tour.md"]);
}
