//! `itinerary publish` against a real Radicale (installed by
//! `scripts/test-deps.sh`), started on 127.0.0.1 on a free port with a
//! temporary storage folder and a plain htpasswd file, and killed when the
//! test ends. What the calendar holds is read back by Python's `caldav` and
//! a PROPFIND of Python's own (not by this crate's code); the writes are
//! counted in Radicale's request log, and the command's summary line says
//! the same.

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[allow(dead_code)]
use crate::common::tools;

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const USER: &str = "alice";
const PASSWORD: &str = "correct-horse-battery";

/// A Radicale server for one test; killed on drop.
struct Radicale {
    child: Child,
    port: u16,
    dir: tempfile::TempDir,
    python: PathBuf,
}

impl Radicale {
    /// `None` (the test is skipped) when Radicale is not installed, outside CI.
    fn start() -> Option<Radicale> {
        let python = tools::python_with("radicale")?;
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("users"), format!("{USER}:{PASSWORD}\n")).unwrap();
        Some(Radicale::spawn(python, dir))
    }

    fn spawn(python: PathBuf, dir: tempfile::TempDir) -> Radicale {
        // A restart appends to the log: its port is said after this.
        let logged = std::fs::metadata(dir.path().join("log")).map_or(0, |m| m.len() as usize);
        let log = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(dir.path().join("log"))
            .unwrap();
        let child = Command::new(&python)
            .args(["-c", ON_PORT_0, "--config", ""])
            .args(["--server-hosts", "127.0.0.1:0"])
            .arg("--storage-filesystem-folder")
            .arg(dir.path().join("store"))
            .args([
                "--auth-type",
                "htpasswd",
                "--auth-htpasswd-encryption",
                "plain",
            ])
            .arg("--auth-htpasswd-filename")
            .arg(dir.path().join("users"))
            .args(["--auth-delay", "0", "--logging-level", "info"])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .unwrap();
        let mut r = Radicale {
            child,
            port: 0,
            dir,
            python,
        };
        r.port = r.wait_ready(logged);
        r
    }

    /// The port the server got, once its log says it listens.
    fn wait_ready(&mut self, logged: usize) -> u16 {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let log = self.log().get(logged..).unwrap_or("").to_string();
            if let Some(at) = log.find("Listening on '127.0.0.1:") {
                let rest = &log[at + "Listening on '127.0.0.1:".len()..];
                let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
                return digits.parse().unwrap();
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("radicale exited ({status}): {log}");
            }
            assert!(Instant::now() < deadline, "radicale did not start: {log}");
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Stops the server and starts it again on the same storage (a new port).
    fn restart(mut self) -> Radicale {
        self.kill();
        let dir = tempfile::tempdir().unwrap();
        let old = std::mem::replace(&mut self.dir, dir);
        let python = self.python.clone();
        Radicale::spawn(python, old)
    }

    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    fn url(&self, calendar: &str) -> String {
        format!("http://127.0.0.1:{}/{USER}/{calendar}/", self.port)
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("log")).unwrap_or_default()
    }

    /// Requests with `method` in the log so far.
    fn requests(&self, method: &str) -> usize {
        let needle = format!("] {method} request for");
        self.log().matches(&needle).count()
    }

    /// Every event in `calendar` as Python's caldav reads it, sorted by
    /// resource name, each with the ETag a PROPFIND gives.
    fn events(&self, calendar: &str) -> Vec<Event> {
        let o = Command::new(&self.python)
            .args(["-c", READ_BACK, &self.url(calendar), USER, PASSWORD])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", text(&o.stderr));
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|e| Event {
                name: e["name"].as_str().unwrap().into(),
                etag: e["etag"].as_str().unwrap_or("").into(),
                summary: e["summary"].as_str().unwrap().into(),
            })
            .collect()
    }

    /// PUTs `ics` as `name` into `calendar`, as another program would.
    fn put_foreign(&self, calendar: &str, name: &str, ics: &str) {
        let o = Command::new(&self.python)
            .args(["-c", PUT, &self.url(calendar), name, USER, PASSWORD, ics])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", text(&o.stderr));
    }
}

impl Drop for Radicale {
    fn drop(&mut self) {
        self.kill();
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Event {
    name: String,
    etag: String,
    summary: String,
}

/// Python: Radicale on the port the kernel gives it (port 0, which its
/// configuration refuses only by a check of its own), so that no port is
/// picked, released and then taken by another test. It logs the port.
const ON_PORT_0: &str = r#"
import sys, radicale.config
radicale.config.port_int = int
from radicale.__main__ import run
sys.argv[0] = "radicale"
run()
"#;

/// Python: the calendar's events by caldav, their ETags by a PROPFIND, as JSON.
const READ_BACK: &str = r#"
import base64, json, sys, urllib.parse, urllib.request, xml.etree.ElementTree as ET
import caldav
url, user, pw = sys.argv[1:4]
auth = "Basic " + base64.b64encode(f"{user}:{pw}".encode()).decode()
body = b'<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>'
req = urllib.request.Request(url, data=body, method="PROPFIND",
    headers={"Depth": "1", "Authorization": auth, "Content-Type": "application/xml"})
etags = {}
with urllib.request.urlopen(req, timeout=10) as r:
    root = ET.fromstring(r.read())
for resp in root.findall("{DAV:}response"):
    href = urllib.parse.unquote(resp.find("{DAV:}href").text)
    if not href.endswith("/"):
        etags[href.rsplit("/", 1)[-1]] = resp.find(".//{DAV:}getetag").text
client = caldav.DAVClient(url=url, username=user, password=pw, require_tls=False, enable_rfc6764=False)
out = []
for ev in client.calendar(url=url).events():
    c = ev.icalendar_component
    name = urllib.parse.unquote(str(ev.url)).rsplit("/", 1)[-1]
    out.append({"name": name, "etag": etags.get(name), "summary": str(c["SUMMARY"])})
print(json.dumps(sorted(out, key=lambda o: o["name"])))
"#;

/// Python: PUT one resource.
const PUT: &str = r#"
import base64, sys, urllib.parse, urllib.request
url, name, user, pw, ics = sys.argv[1:6]
auth = "Basic " + base64.b64encode(f"{user}:{pw}".encode()).decode()
req = urllib.request.Request(url + urllib.parse.quote(name), data=ics.encode(), method="PUT",
    headers={"Authorization": auth, "Content-Type": "text/calendar", "If-None-Match": "*"})
urllib.request.urlopen(req, timeout=10).read()
"#;

fn foreign_event(uid: &str, summary: &str) -> String {
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//someone else//EN\r\nBEGIN:VEVENT\r\n\
         UID:{uid}\r\nDTSTAMP:20190401T000000Z\r\nDTSTART:20190409T010000Z\r\n\
         DTEND:20190409T020000Z\r\nSUMMARY:{summary}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
}

/// A port nothing listens on, held (by the client end of a connection) so
/// that no other test can listen on it meanwhile.
fn closed_port() -> (u16, TcpStream) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let client = TcpStream::connect(listener.local_addr().unwrap()).unwrap();
    (client.local_addr().unwrap().port(), client)
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The timed fixture copied where a test may edit it.
fn trip(dir: &Path) -> PathBuf {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/timed-trip.toml");
    let path = dir.join("trip.toml");
    std::fs::copy(fixture, &path).unwrap();
    path
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from:?} is not in the trip");
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn publish(trip: &Path, url: &str, password: &str) -> Output {
    publish_with(trip, url, password, &[])
}

fn publish_with(trip: &Path, url: &str, password: &str, flags: &[&str]) -> Output {
    crate::common::bin()
        .arg("publish")
        .arg(trip)
        .args(["--to", url])
        .args(flags)
        .env("ITINERARY_CALDAV_USER", USER)
        .env("ITINERARY_CALDAV_PASSWORD", password)
        // Straight to the loopback server, whatever the machine's proxy.
        .env_remove("http_proxy")
        .env_remove("HTTP_PROXY")
        .env_remove("all_proxy")
        .env_remove("ALL_PROXY")
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .unwrap()
}

/// Publishes, expecting success, and returns standard output.
fn published(trip: &Path, url: &str) -> String {
    let o = publish(trip, url, PASSWORD);
    assert_eq!(
        o.status.code(),
        Some(0),
        "stdout: {}\nstderr: {}",
        text(&o.stdout),
        text(&o.stderr)
    );
    text(&o.stdout)
}

/// Publishes, expecting success with `counts` ("0 new, 1 changed, 10
/// unchanged, 0 deleted") of `events` and `foreign` resources left alone.
fn expect(trip: &Path, url: &str, events: usize, counts: &str, foreign: usize) {
    let mut want = format!("published {events} events to {url}: {counts}\n");
    if foreign > 0 {
        want.push_str(&format!(
            "left alone: {foreign} resources this trip did not publish\n"
        ));
    }
    assert_eq!(published(trip, url), want);
}

/// The trip's 11 events (day banners, stops, meetings), by SUMMARY, sorted.
const SUMMARIES: [&str; 11] = [
    "Arrival",
    "Briefing on container terminal automation",
    "Courtesy call on the consulate",
    "Departure",
    "Haneda Airport",
    "Haneda Airport",
    "Port of Yokohama, Honmoku Pier",
    "Smart-city planning exchange",
    "Yokohama port and Tokyo",
    "[cancelled] Lunch with the Port and Harbor Bureau",
    "[tentative] Smart City Office",
];

fn summaries(events: &[Event]) -> Vec<String> {
    let mut s: Vec<String> = events.iter().map(|e| e.summary.clone()).collect();
    s.sort();
    s
}

#[test]
fn publish_edit_remove_and_leave_others_alone() {
    let Some(server) = Radicale::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let trip = trip(dir.path());
    let url = server.url("trip");

    // First publish: the calendar is made, every event is there.
    let out = published(&trip, &url);
    assert_eq!(
        out,
        format!(
            "created the calendar {url}\n\
             published 11 events to {url}: 11 new, 0 changed, 0 unchanged, 0 deleted\n"
        )
    );
    assert_eq!(server.requests("MKCALENDAR"), 1);
    assert_eq!(server.requests("PUT"), 11);
    let first = server.events("trip");
    assert_eq!(
        summaries(&first),
        SUMMARIES.map(String::from).to_vec(),
        "{first:?}"
    );
    assert!(
        first.iter().all(|e| e.name.ends_with("@itinerary.ics")),
        "{first:?}"
    );

    // Someone else's event, and one from another trip published by this app.
    server.put_foreign(
        "trip",
        "dentist.ics",
        &foreign_event("dentist-1", "Dentist"),
    );
    let other_trip = "fedcba9876543210-00000000000000a1@itinerary";
    server.put_foreign(
        "trip",
        &format!("{other_trip}.ics"),
        &foreign_event(other_trip, "Another trip's visit"),
    );
    let writes = server.requests("PUT");

    // Again, unchanged but for the file's time, which is every event's
    // DTSTAMP: nothing written.
    let an_hour_later =
        std::fs::metadata(&trip).unwrap().modified().unwrap() + Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(&trip)
        .unwrap()
        .set_modified(an_hour_later)
        .unwrap();
    expect(
        &trip,
        &url,
        11,
        "0 new, 0 changed, 11 unchanged, 0 deleted",
        2,
    );
    assert_eq!(server.requests("PUT"), writes);
    assert_eq!(server.requests("DELETE"), 0);
    let second = server.events("trip");
    for e in &first {
        assert!(second.contains(e), "{e:?} changed: {second:?}");
    }

    // One meeting's outcome edited: one PUT, that event's ETag alone changes.
    edit(
        &trip,
        "exchange terminal-operations data quarterly",
        "exchange data monthly",
    );
    expect(
        &trip,
        &url,
        11,
        "0 new, 1 changed, 10 unchanged, 0 deleted",
        2,
    );
    assert_eq!(server.requests("PUT"), writes + 1);
    let third = server.events("trip");
    let changed: Vec<&Event> = third.iter().filter(|e| !second.contains(e)).collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(
        changed[0].summary,
        "Briefing on container terminal automation"
    );

    // The cancelled lunch taken out of the trip: one DELETE.
    let t = std::fs::read_to_string(&trip).unwrap();
    let start = t
        .find("[[day.stop.meeting]]\r\ntitle     = \"Lunch")
        .unwrap();
    let end = start + t[start..].find("[[day.stop]]").unwrap();
    std::fs::write(&trip, format!("{}{}", &t[..start], &t[end..])).unwrap();
    expect(
        &trip,
        &url,
        10,
        "0 new, 0 changed, 10 unchanged, 1 deleted",
        2,
    );
    assert_eq!(server.requests("PUT"), writes + 1);
    assert_eq!(server.requests("DELETE"), 1);
    let fourth = server.events("trip");
    let summaries = summaries(&fourth);
    assert!(
        !summaries.iter().any(|s| s.contains("Lunch")),
        "{summaries:?}"
    );
    // What others made is all still there, untouched.
    for name in ["dentist.ics".to_string(), format!("{other_trip}.ics")] {
        let before = second.iter().find(|e| e.name == name);
        let after = fourth.iter().find(|e| e.name == name);
        assert!(
            before.is_some() && before == after,
            "{name}: {before:?} → {after:?}"
        );
    }
    assert_eq!(fourth.len(), 12, "{fourth:?}");
}

#[test]
fn a_wrong_password_is_said_so_and_never_printed() {
    let Some(server) = Radicale::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let trip = trip(dir.path());
    let url = server.url("trip");
    let wrong = "not-the-password-42";
    let o = publish(&trip, &url, wrong);
    assert_eq!(o.status.code(), Some(2));
    let stderr = text(&o.stderr);
    assert!(
        stderr.ends_with(&format!(
            "error: {url} refused the login of user \"alice\" (401 Unauthorized): \
             check ITINERARY_CALDAV_USER and ITINERARY_CALDAV_PASSWORD\n\
             nothing was written; publish again once it is put right\n"
        )),
        "{stderr}"
    );
    let all = format!("{}{stderr}", text(&o.stdout));
    assert!(!all.contains(wrong) && !all.contains(PASSWORD), "{all}");
    assert_eq!(server.requests("PUT") + server.requests("MKCALENDAR"), 0);
}

#[test]
fn a_server_that_is_down_is_exit_2_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let trip = trip(dir.path());
    // A port nothing listens on.
    let (port, _held) = closed_port();
    let url = format!("http://127.0.0.1:{port}/alice/trip/");
    let started = Instant::now();
    let o = publish(&trip, &url, PASSWORD);
    let took = started.elapsed();
    assert_eq!(o.status.code(), Some(2));
    let stderr = text(&o.stderr);
    assert!(
        stderr.ends_with(&format!(
            "error: reading the calendar: http://127.0.0.1:{port} refused the connection \
             (is the server running?)\nnothing was written; publish again once it is put right\n"
        )),
        "{stderr}"
    );
    // Generous: the 10 seconds of the contract, on a busy machine.
    assert!(took < Duration::from_secs(10), "took {took:?}");
}

#[test]
fn a_server_that_never_answers_times_out() {
    let dir = tempfile::tempdir().unwrap();
    let trip = trip(dir.path());
    // Connections are taken (the backlog) but nothing is ever answered.
    let silent = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = silent.local_addr().unwrap().port();
    // In-process, with the time-out made short: the command's own is 9 s.
    let args = itinerary::cli::PublishArgs {
        file: Some(trip),
        to: format!("http://127.0.0.1:{port}/alice/trip/"),
        replace: false,
        people: vec![],
        each_person: false,
    };
    let env = itinerary::publish::Env {
        user: Some(USER.into()),
        password: Some(PASSWORD.into()),
        timeout: Some(Duration::from_millis(300)),
    };
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let status = itinerary::publish::run(&args, env, &mut out, &mut err);
    assert_eq!(status, 2);
    let stderr = text(&err);
    assert!(
        stderr.ends_with(&format!(
            "error: reading the calendar: http://127.0.0.1:{port} did not answer within 300 ms\n\
             nothing was written; publish again once it is put right\n"
        )),
        "{stderr}"
    );
    drop(silent);
}

/// A pass-through proxy to `port` that dies (closes every connection and
/// stops listening) at the client's `(after + 1)`th PUT: before passing it
/// on, or, with `passed`, after passing it on but before its answer comes
/// back (the server wrote it; the client cannot know).
struct DyingProxy {
    port: u16,
}

impl DyingProxy {
    fn start(upstream: u16, after: usize, passed: bool) -> DyingProxy {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let puts = Arc::new(AtomicUsize::new(0));
        let dead = Arc::new(AtomicBool::new(false));
        std::thread::spawn(move || {
            for client in listener.incoming() {
                if dead.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(client) = client else { break };
                let server = TcpStream::connect(("127.0.0.1", upstream)).unwrap();
                let (puts, dead2) = (puts.clone(), dead.clone());
                let (from_server, to_client) =
                    (server.try_clone().unwrap(), client.try_clone().unwrap());
                let dead3 = dead.clone();
                std::thread::spawn(move || back(from_server, to_client, &dead3));
                std::thread::spawn(move || forward(client, server, &puts, &dead2, after, passed));
            }
        });
        DyingProxy { port }
    }
}

/// Server to client, until the proxy is dead: an answer that comes after is
/// dropped with the connection.
fn back(mut server: TcpStream, mut client: TcpStream, dead: &AtomicBool) {
    let mut buf = [0u8; 16 * 1024];
    loop {
        let n = match server.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        if dead.load(Ordering::SeqCst) || client.write_all(&buf[..n]).is_err() {
            break;
        }
    }
    let _ = client.shutdown(Shutdown::Both);
    let _ = server.shutdown(Shutdown::Both);
}

/// Client to server, counting `PUT /` at the starts of requests.
fn forward(
    mut client: TcpStream,
    mut server: TcpStream,
    puts: &AtomicUsize,
    dead: &AtomicBool,
    after: usize,
    passed: bool,
) {
    let mut buf = [0u8; 16 * 1024];
    let mut tail: Vec<u8> = Vec::new();
    loop {
        let n = match client.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        let mut seen = tail.clone();
        seen.extend_from_slice(&buf[..n]);
        let starts = seen.windows(5).filter(|w| w == b"PUT /").count()
            - tail.windows(5).filter(|w| w == b"PUT /").count();
        tail = seen[seen.len().saturating_sub(4)..].to_vec();
        if starts > 0 && puts.fetch_add(starts, Ordering::SeqCst) + starts > after {
            dead.store(true, Ordering::SeqCst);
        }
        // With `passed`, the whole request goes on (its body may come in
        // later reads); its answer is dropped in `back`.
        let cut = dead.load(Ordering::SeqCst) && !passed;
        if cut || server.write_all(&buf[..n]).is_err() {
            break;
        }
    }
    let _ = client.shutdown(Shutdown::Both);
    let _ = server.shutdown(Shutdown::Both);
}

#[test]
fn a_publish_cut_short_says_what_it_wrote_and_the_next_completes_it() {
    let Some(server) = Radicale::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let trip = trip(dir.path());
    let proxy = DyingProxy::start(server.port, 4, false);
    let through = format!("http://127.0.0.1:{}/{USER}/trip/", proxy.port);
    let o = publish(&trip, &through, PASSWORD);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stdout));
    let stderr = text(&o.stderr);
    // The fifth PUT was sent and no answer came: the client cannot know
    // that the proxy kept it from the server.
    assert!(
        stderr.ends_with(
            "written before the error: 4 new, 0 changed, 0 deleted; \
             not known (sent, but no answer came back): 1 new, 0 changed, 0 deleted; \
             not written: 6 new, 0 changed, 0 deleted; publishing again completes it\n"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("error: writing "), "{stderr}");
    assert_eq!(server.requests("PUT"), 4);

    // The server back (restarted on its storage): the next publish completes it.
    let server = server.restart();
    let url = server.url("trip");
    expect(
        &trip,
        &url,
        11,
        "7 new, 0 changed, 4 unchanged, 0 deleted",
        0,
    );
    assert_eq!(
        summaries(&server.events("trip")),
        SUMMARIES.map(String::from).to_vec()
    );
}

#[test]
fn a_server_that_dies_after_a_write_says_that_write_is_not_known() {
    let Some(server) = Radicale::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let trip = trip(dir.path());
    // The fifth PUT reaches the server; its answer never comes back.
    let proxy = DyingProxy::start(server.port, 4, true);
    let through = format!("http://127.0.0.1:{}/{USER}/trip/", proxy.port);
    let o = publish(&trip, &through, PASSWORD);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stdout));
    let stderr = text(&o.stderr);
    assert!(
        stderr.ends_with(
            "written before the error: 4 new, 0 changed, 0 deleted; \
             not known (sent, but no answer came back): 1 new, 0 changed, 0 deleted; \
             not written: 6 new, 0 changed, 0 deleted; publishing again completes it\n"
        ),
        "{stderr}"
    );
    // Wait until the server has stored the fifth (its answer was dropped,
    // not its work), then restart it on that storage.
    let stored = server.dir.path().join("store/collection-root/alice/trip");
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::fs::read_dir(&stored)
        .map(|d| {
            d.flatten()
                .filter(|e| e.path().extension().is_some_and(|x| x == "ics"))
                .count()
        })
        .unwrap_or(0)
        < 5
    {
        assert!(
            Instant::now() < deadline,
            "the fifth PUT was never stored: {:?}",
            walk(server.dir.path())
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let server = server.restart();
    let url = server.url("trip");
    // Five were written, as the server's storage says.
    expect(
        &trip,
        &url,
        11,
        "6 new, 0 changed, 5 unchanged, 0 deleted",
        0,
    );
}

#[test]
fn a_new_title_or_start_keeps_the_trips_events_on_the_server() {
    let Some(server) = Radicale::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let trip = trip(dir.path());
    let url = server.url("trip");
    published(&trip, &url);
    edit(
        &trip,
        "title    = \"Study visit: Yokohama, Tokyo; spring 2019\"",
        "title    = \"Port study visit, spring 2019\"",
    );
    edit(&trip, "start    = 2019-04-08", "start    = 2019-04-07");
    let out = published(&trip, &url);
    assert!(out.contains(": 0 new, "), "{out}");
    assert!(out.ends_with(", 0 deleted\n"), "{out}");
    assert!(!out.contains("left alone"), "{out}");
    let events = server.events("trip");
    assert_eq!(
        summaries(&events),
        SUMMARIES.map(String::from).to_vec(),
        "{events:?}"
    );
}

#[test]
fn another_trip_in_the_calendar_is_refused_unless_replaced_and_an_id_is_the_identity() {
    let Some(server) = Radicale::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let first = trip(dir.path());
    let url = server.url("trip");
    published(&first, &url);
    let writes = server.requests("PUT");

    // Another trip (another file name, no id) into the same calendar.
    let other = dir.path().join("other.toml");
    std::fs::copy(&first, &other).unwrap();
    let o = publish(&other, &url, PASSWORD);
    assert_eq!(o.status.code(), Some(2));
    let stderr = text(&o.stderr);
    assert!(
        stderr.ends_with(&format!(
            "error: {url} holds the trip \"trip\" (11 events); this trip is \"other\": \
             publish it into a calendar of its own, or give --replace to delete the other \
             trip's events there and put this one in their place\n\
             nothing was written; publish again once it is put right\n"
        )),
        "{stderr}"
    );
    assert_eq!(server.requests("PUT"), writes);
    assert_eq!(server.requests("DELETE"), 0);

    // An id names the trip whatever the file: the same trip, nothing to do.
    edit(&other, "[trip]\r\n", "[trip]\r\nid = \"trip\"\r\n");
    expect(
        &other,
        &url,
        11,
        "0 new, 0 changed, 11 unchanged, 0 deleted",
        0,
    );

    // --replace: the other trip's events go, this one's come.
    edit(&other, "id = \"trip\"", "id = \"spring-2019\"");
    let o = publish_with(&other, &url, PASSWORD, &["--replace"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(
        text(&o.stdout),
        format!(
            "replaced the trip \"trip\": 11 events deleted\n\
             published 11 events to {url}: 11 new, 0 changed, 0 unchanged, 11 deleted\n"
        )
    );
    let events = server.events("trip");
    assert_eq!(summaries(&events), SUMMARIES.map(String::from).to_vec());
    // And the first trip is now the other one: refused.
    assert_eq!(publish(&first, &url, PASSWORD).status.code(), Some(2));
}

#[test]
fn a_calendar_path_in_any_script_is_encoded_once() {
    let Some(server) = Radicale::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let trip = trip(dir.path());
    let raw = format!("http://127.0.0.1:{}/{USER}/日本/", server.port);
    let encoded = format!(
        "http://127.0.0.1:{}/{USER}/%E6%97%A5%E6%9C%AC/",
        server.port
    );
    let out = published(&trip, &raw);
    assert!(
        out.starts_with(&format!("created the calendar {encoded}\n")),
        "{out}"
    );
    // The same calendar given encoded: nothing to do.
    expect(
        &trip,
        &encoded,
        11,
        "0 new, 0 changed, 11 unchanged, 0 deleted",
        0,
    );
    assert_eq!(server.events("%E6%97%A5%E6%9C%AC").len(), 11);
}

#[test]
fn https_to_a_plain_http_server_says_so_and_what_was_meant() {
    let Some(server) = Radicale::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let trip = trip(dir.path());
    let port = server.port;
    let o = publish(
        &trip,
        &format!("https://127.0.0.1:{port}/{USER}/trip/"),
        PASSWORD,
    );
    assert_eq!(o.status.code(), Some(2));
    let stderr = text(&o.stderr);
    assert!(
        stderr.contains(&format!(
            "error: reading the calendar: https://127.0.0.1:{port} did not answer in TLS: it \
             seems to speak plain HTTP; if so, did you mean http://127.0.0.1:{port}/{USER}/trip/?\n"
        )),
        "{stderr}"
    );
}

#[test]
fn a_url_with_a_raw_space_says_what_is_wrong() {
    let dir = tempfile::tempdir().unwrap();
    let trip = trip(dir.path());
    let o = publish(&trip, "http://127.0.0.1:9/alice/my trip/", PASSWORD);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        text(&o.stderr),
        "error: --to \"http://127.0.0.1:9/alice/my trip/\" has a space after \
         \"http://127.0.0.1:9/alice/my\", which a URL cannot hold; write it percent-encoded: \
         http://127.0.0.1:9/alice/my%20trip/\n"
    );
}

/// Every path under `dir`, for a failure's message.
fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        out.push(e.path());
        if e.path().is_dir() {
            out.extend(walk(&e.path()));
        }
    }
    out
}

// ---- issue 28: reminders, and one calendar per person ----------------------

/// Python: each event of the calendar by caldav, parsed by icalendar: its
/// SUMMARY, and the TRIGGER of each VALARM (seconds before the start,
/// relative to it) with its ACTION, as JSON.
const READ_ALARMS: &str = r#"
import json, sys
import caldav, icalendar
url, user, pw = sys.argv[1:4]
client = caldav.DAVClient(url=url, username=user, password=pw, require_tls=False, enable_rfc6764=False)
out = []
for ev in client.calendar(url=url).events():
    cal = icalendar.Calendar.from_ical(ev.data)
    for c in cal.walk("VEVENT"):
        alarms = []
        for a in c.walk("VALARM"):
            t = a["TRIGGER"]
            assert t.params.get("RELATED", "START") == "START"
            alarms.append([str(a["ACTION"]), int(t.dt.total_seconds()), str(a["DESCRIPTION"])])
        out.append({"summary": str(c["SUMMARY"]), "alarms": alarms})
print(json.dumps(sorted(out, key=lambda o: (o["summary"], o["alarms"]))))
"#;

/// The reminders fixture copied where a test may edit it.
fn reminders_trip(dir: &Path) -> PathBuf {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reminders-trip.toml");
    let path = dir.join("trip.toml");
    std::fs::copy(fixture, &path).unwrap();
    path
}

/// SUMMARY and alarm lead times in seconds (each alarm's ACTION DISPLAY,
/// its DESCRIPTION naming the event), as Python reads `calendar` back.
fn alarms_on(server: &Radicale, calendar: &str) -> Vec<(String, Vec<i64>)> {
    let o = Command::new(&server.python)
        .args(["-c", READ_ALARMS, &server.url(calendar), USER, PASSWORD])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let summary = e["summary"].as_str().unwrap().to_string();
            let alarms = e["alarms"]
                .as_array()
                .unwrap()
                .iter()
                .map(|a| {
                    assert_eq!(a[0], "DISPLAY");
                    let title = summary.trim_start_matches("[tentative] ");
                    assert!(a[2].as_str().unwrap().starts_with(title), "{a}");
                    a[1].as_i64().unwrap()
                })
                .collect();
            (summary, alarms)
        })
        .collect()
}

#[test]
fn published_reminders_read_back_and_a_changed_one_is_one_put() {
    let Some(server) = Radicale::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let trip = reminders_trip(dir.path());
    let url = server.url("office");
    published(&trip, &url);
    let m = |n: i64| -60 * n;
    let want: Vec<(String, Vec<i64>)> = vec![
        ("Arrival", vec![]),
        ("Briefing on terminal automation", vec![m(60), m(10)]),
        ("Courtesy call on the consulate", vec![]),
        ("Departure", vec![]),
        ("Follow-up", vec![]),
        ("Haneda Airport", vec![]),
        ("Haneda Airport", vec![m(15)]),
        ("Harbour tour", vec![m(24 * 60)]),
        ("Hotel New Grand", vec![m(15)]),
        ("Packing and check-out", vec![]),
        ("Port of Yokohama", vec![m(60), m(10)]),
        ("Smart-city planning exchange", vec![m(30)]),
        ("[cancelled] Lunch with the Port and Harbor Bureau", vec![]),
        ("[tentative] Smart City Office", vec![]),
    ]
    .into_iter()
    .map(|(s, a)| (s.to_string(), a))
    .collect();
    assert_eq!(alarms_on(&server, "office"), want);

    // Nothing changed: nothing written.
    let puts = server.requests("PUT");
    expect(
        &trip,
        &url,
        14,
        "0 new, 0 changed, 14 unchanged, 0 deleted",
        0,
    );
    assert_eq!(server.requests("PUT"), puts);
    // A meeting's own reminder changed: that event, one PUT.
    edit(&trip, "reminders = [\"1d\"]", "reminders = [\"2h\"]");
    expect(
        &trip,
        &url,
        14,
        "0 new, 1 changed, 13 unchanged, 0 deleted",
        0,
    );
    assert_eq!(server.requests("PUT"), puts + 1);
    let tour = alarms_on(&server, "office")
        .into_iter()
        .find(|(s, _)| s == "Harbour tour")
        .unwrap();
    assert_eq!(tour.1, [m(120)]);
    // The trip's changed: the two events that take it.
    edit(&trip, "reminders = [\"15m\"]", "reminders = [\"20m\"]");
    expect(
        &trip,
        &url,
        14,
        "0 new, 2 changed, 12 unchanged, 0 deleted",
        0,
    );
    assert_eq!(server.requests("PUT"), puts + 3);
}

/// The SUMMARYs of `export --person P --format ics`, sorted.
fn exported_for(trip: &Path, person: &str) -> Vec<String> {
    let o = crate::common::bin()
        .arg("export")
        .arg(trip)
        .args(["--person", person, "--format", "ics"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o.stderr));
    let ics = text(&o.stdout).replace("\r\n ", "");
    let mut s: Vec<String> = ics
        .lines()
        .filter_map(|l| l.strip_prefix("SUMMARY:"))
        .map(String::from)
        .collect();
    s.sort();
    s
}

#[test]
fn each_person_makes_one_calendar_per_delegation_member_with_exactly_their_events() {
    let Some(server) = Radicale::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let trip = reminders_trip(dir.path());
    let pattern = format!("http://127.0.0.1:{}/{USER}/{{id}}/", server.port);
    let o = publish_with(&trip, &pattern, PASSWORD, &["--each-person"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let (chen, li) = (exported_for(&trip, "chen"), exported_for(&trip, "li"));
    assert_ne!(chen, li);
    assert_eq!(
        text(&o.stdout),
        format!(
            "chen: created the calendar {}\n\
             chen: published {} events to {}: {} new, 0 changed, 0 unchanged, 0 deleted\n\
             li: created the calendar {}\n\
             li: published {} events to {}: {} new, 0 changed, 0 unchanged, 0 deleted\n\
             published 2 of 2 calendars: {} events, {} new, 0 changed, 0 unchanged, 0 deleted\n",
            server.url("chen"),
            chen.len(),
            server.url("chen"),
            chen.len(),
            server.url("li"),
            li.len(),
            server.url("li"),
            li.len(),
            chen.len() + li.len(),
            chen.len() + li.len(),
        )
    );
    // Exactly each person's events: those `export --person` gives.
    assert_eq!(summaries(&server.events("chen")), chen);
    assert_eq!(summaries(&server.events("li")), li);
    // No calendar for the hosts.
    assert!(
        !server
            .dir
            .path()
            .join("store/collection-root/alice/yamada")
            .exists()
    );
    // The person's reminders come along.
    let tour = alarms_on(&server, "li")
        .into_iter()
        .find(|(s, _)| s == "Harbour tour")
        .unwrap();
    assert_eq!(tour.1, [-86400]);
    // Again: nothing written.
    let puts = server.requests("PUT");
    let o = publish_with(&trip, &pattern, PASSWORD, &["--each-person"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(server.requests("PUT"), puts);
}

#[test]
fn a_persons_calendar_and_the_whole_trip_are_two_trips_on_the_server() {
    let Some(server) = Radicale::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let trip = reminders_trip(dir.path());
    let (office, chen) = (server.url("office"), server.url("chen"));
    published(&trip, &office);
    let o = publish_with(&trip, &chen, PASSWORD, &["--person", "Chen"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    // Publishing the Governor's calendar again, with one of his events
    // gone, never deletes the office's whole-trip events.
    edit(
        &trip,
        "attendees = [\"chen\", \"yamada\"]",
        "attendees = [\"yamada\"]",
    );
    let o = publish_with(&trip, &chen, PASSWORD, &["--person", "chen"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert!(
        text(&o.stdout).contains(", 1 deleted\n"),
        "{}",
        text(&o.stdout)
    );
    assert_eq!(server.events("office").len(), 14);
    assert_eq!(
        summaries(&server.events("chen")),
        exported_for(&trip, "chen")
    );

    // One calendar for both is refused, each way, before anything is written.
    let puts = server.requests("PUT");
    let o = publish_with(&trip, &office, PASSWORD, &["--person", "chen"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        text(&o.stderr),
        format!(
            "error: {office} holds the trip \"reminders-2019\" (14 events); this is the calendar \
             of \"chen\" in the trip \"reminders-2019\": publish it into a calendar of its own, \
             or give --replace to delete the other trip's events there and put this one in \
             their place\nnothing was written; publish again once it is put right\n"
        )
    );
    let o = publish_with(&trip, &chen, PASSWORD, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).starts_with(&format!(
            "error: {chen} holds the calendar of \"chen\" in the trip \"reminders-2019\""
        )),
        "{}",
        text(&o.stderr)
    );
    assert_eq!(server.requests("PUT"), puts);
}

#[test]
fn each_person_goes_on_past_one_that_fails_and_exits_2() {
    let Some(server) = Radicale::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let trip = reminders_trip(dir.path());
    // Chen's calendar already holds the whole trip: his is refused.
    published(&trip, &server.url("chen"));
    let pattern = format!("http://127.0.0.1:{}/{USER}/{{id}}/", server.port);
    let o = publish_with(&trip, &pattern, PASSWORD, &["--each-person"]);
    assert_eq!(o.status.code(), Some(2));
    let (out, err) = (text(&o.stdout), text(&o.stderr));
    assert!(
        err.starts_with(&format!(
            "error: chen: {} holds the trip",
            server.url("chen")
        )),
        "{err}"
    );
    assert!(err.contains("chen: nothing was written"), "{err}");
    let li = exported_for(&trip, "li").len();
    assert!(
        out.ends_with(&format!(
            "published 1 of 2 calendars: {li} events, {li} new, 0 changed, 0 unchanged, 0 deleted; failed: chen\n"
        )),
        "{out}"
    );
    assert_eq!(summaries(&server.events("li")), exported_for(&trip, "li"));
}

#[test]
fn each_person_needs_id_in_the_url_and_id_needs_each_person() {
    let dir = tempfile::tempdir().unwrap();
    let trip = reminders_trip(dir.path());
    let o = publish_with(
        &trip,
        "http://127.0.0.1:9/alice/",
        PASSWORD,
        &["--each-person"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("--each-person needs {id} in --to"),
        "{}",
        text(&o.stderr)
    );
    let o = publish_with(&trip, "http://127.0.0.1:9/alice/{id}/", PASSWORD, &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("only --each-person fills in"),
        "{}",
        text(&o.stderr)
    );
    let o = publish_with(
        &trip,
        "http://127.0.0.1:9/alice/c/",
        PASSWORD,
        &["--person", "Fukada"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o.stderr).contains("no one in the trip is called \"Fukada\""),
        "{}",
        text(&o.stderr)
    );
}
