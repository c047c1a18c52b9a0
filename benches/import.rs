//! Issue 24's target, in `cargo bench`: `itinerary import` of a calendar of
//! 10,000 events against `calcurse -i` of the same calendar, each a whole
//! process writing its own data, run in alternation so that other load
//! falls on both. The target is at most 0.05 × calcurse's time.
//!
//! ```sh
//! cargo bench --bench import                      # 10,000 events on 365 days
//! cargo bench --bench import -- --events 40000    # all of them on one day: --days 1
//! ```
//!
//! Needs Debian's `calcurse` (`apt-get install calcurse`); without it, it
//! says so and measures only the import.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Runs of each command.
const RUNS: usize = 10;

fn option(args: &[String], name: &str, default: usize) -> usize {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map_or(default, |v| v.parse().expect("a number"))
}

/// A calendar of `events` events over `days` days, in UTC (which both
/// read), each with a place, notes and one of 300 attendees.
fn calendar(events: usize, days: usize) -> String {
    let mut s = String::from(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\nX-WR-CALNAME:Bench\r\n",
    );
    for i in 0..events {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()
            + chrono::Days::new((i % days.max(1)) as u64);
        // Half an hour apart, 25 minutes each: a day's events do not overlap.
        let minute = (i / days.max(1)) * 30 % (22 * 60);
        let (h, m) = (minute / 60, minute % 60);
        let _ = write!(
            s,
            "BEGIN:VEVENT\r\nUID:e{i}@bench\r\nSUMMARY:Meeting {i}\r\n\
             LOCATION:Room {r}\\, Minato\\, Tokyo\r\n\
             DTSTART:{}T{h:02}{m:02}00Z\r\nDURATION:PT25M\r\n\
             DESCRIPTION:Agenda item {i}\r\n\
             ATTENDEE;CN=Person {p}:mailto:p{p}@example.org\r\nEND:VEVENT\r\n",
            date.format("%Y%m%d"),
            r = i % 50,
            p = i % 300,
        );
    }
    s.push_str("END:VCALENDAR\r\n");
    s
}

/// The CPU time (user and system) of the finished children so far, from
/// `/proc/self/stat` (Linux; in the usual 100 ticks a second); `None`
/// elsewhere. calcurse's wall time is mostly the kernel creating a note
/// file per event, which varies tenfold with the machine's state, so the
/// CPU times are printed beside the wall times.
fn children_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    // After the name: state is field 3; cutime and cstime are 16 and 17.
    let ticks: u64 = fields.get(13)?.parse::<u64>().ok()? + fields.get(14)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 10))
}

/// Runs the command; its wall time.
fn run(command: &mut Command) -> Duration {
    let start = Instant::now();
    let status = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("the command starts");
    let elapsed = start.elapsed();
    // calcurse -i exits 1 when it skipped anything; the count is checked apart.
    assert!(status.code().is_some(), "{command:?}: {status}");
    elapsed
}

fn median_ms(times: &mut [Duration]) -> f64 {
    times.sort();
    times[times.len() / 2].as_secs_f64() * 1e3
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let itinerary = env!("CARGO_BIN_EXE_itinerary");
    let dir = tempfile::tempdir().unwrap();
    let bench = args.iter().any(|a| a == "--bench");
    let events = if bench {
        option(&args, "--events", 10_000)
    } else {
        50
    };
    let days = option(&args, "--days", 365);
    let ics = dir.path().join("cal.ics");
    std::fs::write(&ics, calendar(events, days)).unwrap();
    let trip = dir.path().join("trip.toml");
    let mut ours = Command::new(itinerary);
    ours.arg("import")
        .arg(&ics)
        .args(["--timezone", "Asia/Tokyo", "--force", "-o"])
        .arg(&trip);
    run(&mut ours);
    let written = std::fs::read_to_string(&trip).unwrap();
    assert_eq!(written.matches("[[day.stop]]").count(), events);
    if !bench {
        println!("import: smoke test passed; `cargo bench --bench import` measures");
        return;
    }
    let calcurse = Command::new("calcurse")
        .arg("--version")
        .stdout(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    let mut mine = Vec::new();
    let mut theirs = Vec::new();
    let (mut mine_cpu, mut theirs_cpu) = (Duration::ZERO, Duration::ZERO);
    for n in 0..RUNS {
        let before = children_cpu();
        mine.push(run(&mut ours));
        let after = children_cpu();
        if let (Some(a), Some(b)) = (before, after) {
            mine_cpu += b - a;
        }
        if calcurse {
            // A fresh data folder each time: -i adds to what is there.
            let data = dir.path().join(format!("calcurse-{n}"));
            std::fs::create_dir(&data).unwrap();
            theirs.push(run(Command::new("calcurse")
                .arg("-D")
                .arg(&data)
                .arg("-i")
                .arg(&ics)));
            if let (Some(a), Some(b)) = (after, children_cpu()) {
                theirs_cpu += b - a;
            }
            let apts = std::fs::read_to_string(Path::new(&data).join("apts")).unwrap();
            assert_eq!(
                apts.lines().count(),
                events,
                "calcurse imported every event"
            );
        }
    }
    let ours_ms = median_ms(&mut mine);
    let per_run = |d: Duration| d.as_secs_f64() * 1e3 / RUNS as f64;
    println!(
        "import of {events} events on {days} days: itinerary {ours_ms:.1} ms (median of {RUNS}); CPU {:.1} ms a run",
        per_run(mine_cpu)
    );
    if calcurse {
        let theirs_ms = median_ms(&mut theirs);
        println!(
            "calcurse -i: {theirs_ms:.1} ms; CPU {:.1} ms a run; ratio {:.3} (target ≤ 0.05), of CPU times {:.3}",
            per_run(theirs_cpu),
            ours_ms / theirs_ms,
            per_run(mine_cpu) / per_run(theirs_cpu).max(f64::MIN_POSITIVE)
        );
    } else {
        println!("calcurse: not installed (apt-get install calcurse); not compared");
    }
}
