//! Printing one day of a 100k-event trip with the real binary (`itinerary
//! export FILE --day N`, which reads and checks the whole file every time)
//! against `calcurse -d` printing the same day of the same appointments,
//! each a whole process, run in alternation so that other load falls on
//! both. The target (issue 21): the export stays faster than calcurse.
//!
//! ```sh
//! cargo bench --bench calcurse                                   # 100k events, 365 days, day 183
//! cargo bench --bench calcurse -- --events 100000 --days 30 --day 15
//! ```
//!
//! Needs Debian's `calcurse` (`apt-get install calcurse`); without it, it
//! says so and measures nothing. `scripts/calcurse-compare.sh` runs the
//! same comparison under hyperfine.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/support/generate.rs"]
mod generate;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Days;

/// Runs of each command.
const RUNS: usize = 20;

/// The options after `--bench`: `--events`, `--days`, `--day`.
fn option(args: &[String], name: &str, default: usize) -> usize {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map_or(default, |v| v.parse().expect("a number"))
}

/// Runs a command to the end, its output thrown away; its wall time.
fn run(command: &mut Command) -> Duration {
    let start = Instant::now();
    let status = command
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("the command starts");
    let elapsed = start.elapsed();
    assert!(status.success(), "{command:?}: {status}");
    elapsed
}

/// Mean, standard deviation and minimum, in milliseconds.
fn stats(times: &[Duration]) -> (f64, f64, f64) {
    let ms: Vec<f64> = times.iter().map(|t| t.as_secs_f64() * 1e3).collect();
    let mean = ms.iter().sum::<f64>() / ms.len() as f64;
    let var = ms.iter().map(|m| (m - mean).powi(2)).sum::<f64>() / ms.len() as f64;
    let min = ms.iter().copied().fold(f64::INFINITY, f64::min);
    (mean, var.sqrt(), min)
}

fn calcurse_installed() -> bool {
    Command::new("calcurse")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Writes the trip and its calcurse data into `dir`; the trip's path, the
/// calcurse folder, and the date of day `day` (1-based) as calcurse takes it.
fn prepare(dir: &Path, events: usize, days: usize, day: usize) -> (String, String, String) {
    let text = generate::trip_toml(events, days, 2026);
    let trip = itinerary::load::load_str(&text).unwrap().trip;
    let path = dir.join("trip.toml");
    std::fs::write(&path, &text).unwrap();
    let apts = dir.join("calcurse");
    std::fs::create_dir(&apts).unwrap();
    std::fs::write(apts.join("apts"), generate::calcurse_apts(&trip)).unwrap();
    let date = trip.start + Days::new(day as u64 - 1);
    (
        path.display().to_string(),
        apts.display().to_string(),
        date.format("%m/%d/%Y").to_string(),
    )
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let itinerary = env!("CARGO_BIN_EXE_itinerary");
    let dir = tempfile::tempdir().unwrap();
    // `cargo test --benches` runs this without `--bench`: a small trip, once.
    if !args.iter().any(|a| a == "--bench") {
        let (trip, apts, _) = prepare(dir.path(), 100, 5, 3);
        run(Command::new(itinerary).args(["export", &trip, "--day", "3"]));
        assert!(
            std::fs::read_to_string(Path::new(&apts).join("apts"))
                .unwrap()
                .lines()
                .count()
                > 50
        );
        println!("calcurse: smoke test passed; `cargo bench --bench calcurse` measures");
        return;
    }
    if !calcurse_installed() {
        println!("calcurse: not installed (apt-get install calcurse); nothing measured");
        return;
    }
    let events = option(&args, "--events", 100_000);
    let days = option(&args, "--days", 365);
    let day = option(&args, "--day", days.div_ceil(2)).clamp(1, days);
    let (trip, apts, date) = prepare(dir.path(), events, days, day);
    let day = day.to_string();
    let mut ours = Command::new(itinerary);
    ours.args(["export", &trip, "--day", &day]);
    let mut theirs = Command::new("calcurse");
    theirs.args(["-D", &apts, "-d", &date]);
    // One of each first: the files into the page cache, the binaries loaded.
    run(&mut ours);
    run(&mut theirs);
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        a.push(run(&mut ours));
        b.push(run(&mut theirs));
    }
    let (am, asd, amin) = stats(&a);
    let (bm, bsd, bmin) = stats(&b);
    println!("{events} events over {days} days, day {day} ({date}), {RUNS} runs each");
    println!("  itinerary export --day  {am:8.1} ms ± {asd:5.1}  (min {amin:.1})");
    println!("  calcurse -d             {bm:8.1} ms ± {bsd:5.1}  (min {bmin:.1})");
    // Faster than calcurse: calcurse's time over ours above 1.
    let target = 1.0;
    let ratio = bm / am;
    println!(
        "  itinerary is {ratio:.2} × faster (mins: {:.2} ×)  > {target}  {}",
        bmin / amin,
        if ratio > target { "met" } else { "NOT MET" }
    );
}
