//! The issue's targets as ratios measured in one run, so that the machine's
//! noise cancels: the subjects of a comparison are sampled in alternating
//! rounds, each sample the mean of enough calls to last 30 ms, and the
//! ratio is that of the best samples (on a shared machine the best sample is
//! the one least disturbed by other processes).
//!
//! ```sh
//! cargo bench --bench ratios                 # the year-long 10k/100k trips
//! cargo bench --bench ratios -- --days 30    # 10k/100k events over 30 days
//! ```
//!
//! It also reports the memory of the 100k file's load: the peak heap of one
//! load + validate and of one `toml::Table` parse, counted by the global
//! allocator below; and the peak resident size of `itinerary check FILE`
//! against a process that only reads the file and parses it into a
//! `toml::Table` (this bench run with `--parse FILE`), each read by the
//! process that waited for it (`--max-rss`).
//!
//! The targets (issue 21) are printed with each ratio: load + validate at
//! most 1.0 × the `toml::Table` parse, `check`'s peak RSS at most 0.5 × the
//! bare parse's, and each browser step at 100k at most 1.5 × at 100.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::hint::black_box;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::KeyCode;

use support::{Browser, SIZES};

#[path = "../tests/support/counting.rs"]
mod counting;

#[global_allocator]
static ALLOCATOR: counting::Counting = counting::Counting;

use counting::memory;

/// Rounds of each comparison.
const ROUNDS: usize = 9;

/// Each sample runs the function this long at least, so timer resolution
/// and one-off stalls weigh little.
const SAMPLE: Duration = Duration::from_millis(30);

/// A function under measurement, with the number of calls per sample.
struct Subject<'a> {
    run: Box<dyn FnMut() -> Box<dyn std::any::Any> + 'a>,
    calls: u32,
    samples: Vec<Duration>,
}

impl<'a> Subject<'a> {
    fn new<T: 'static>(mut f: impl FnMut() -> T + 'a) -> Subject<'a> {
        let mut subject = Subject {
            run: Box::new(move || Box::new(f()) as Box<dyn std::any::Any>),
            calls: 1,
            samples: Vec::new(),
        };
        // Warm up, and find how many calls fill a sample.
        let once = subject.time(1);
        subject.calls = (SAMPLE.as_nanos() / once.as_nanos().max(1)).clamp(1, 1_000_000) as u32;
        subject
    }

    /// Time per call over `calls` calls; results are dropped after the clock stops.
    fn time(&mut self, calls: u32) -> Duration {
        let mut kept = Vec::with_capacity(calls as usize);
        let start = Instant::now();
        for _ in 0..calls {
            kept.push(black_box((self.run)()));
        }
        let elapsed = start.elapsed();
        drop(kept);
        elapsed / calls
    }

    fn sample(&mut self) {
        let t = self.time(self.calls);
        self.samples.push(t);
    }

    fn best(&self) -> Duration {
        self.samples.iter().min().copied().unwrap_or_default()
    }
}

/// Samples every subject in turn, `ROUNDS` times; returns their best samples.
fn measure(subjects: &mut [Subject<'_>]) -> Vec<Duration> {
    for _ in 0..ROUNDS {
        for s in subjects.iter_mut() {
            s.sample();
        }
    }
    subjects.iter().map(Subject::best).collect()
}

fn show(d: Duration) -> String {
    let ns = d.as_nanos() as f64;
    match ns {
        n if n >= 1e9 => format!("{:.2} s", n / 1e9),
        n if n >= 1e6 => format!("{:.2} ms", n / 1e6),
        n if n >= 1e3 => format!("{:.1} µs", n / 1e3),
        n => format!("{n:.0} ns"),
    }
}

fn mib(bytes: usize) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

/// Whether `ratio` meets `limit`, as the table shows it.
fn verdict(ratio: f64, limit: f64) -> String {
    if ratio <= limit {
        "met".into()
    } else {
        format!("NOT MET ({:.1}× the limit)", ratio / limit)
    }
}

/// One browser measurement at every size: the times, and 100k over 100.
fn browser_row(
    what: &str,
    trips: &[itinerary::model::Trip],
    size: (u16, u16),
    step: impl FnMut(&mut Browser, usize) + Clone,
) {
    let mut browsers: Vec<Browser> = trips
        .iter()
        .map(|t| {
            let mut b = Browser::new(t.clone(), size.0, size.1);
            b.settle_in();
            b
        })
        .collect();
    let mut subjects: Vec<Subject<'_>> = browsers
        .iter_mut()
        .map(|b| {
            let mut step = step.clone();
            let mut turn = 0;
            Subject::new(move || {
                turn ^= 1;
                step(b, turn);
            })
        })
        .collect();
    let times = measure(&mut subjects);
    let ratio = times[2].as_secs_f64() / times[0].as_secs_f64();
    println!(
        "{what:<28} {:>10} {:>10} {:>10} {ratio:>7.2}  ≤ 1.5  {}",
        show(times[0]),
        show(times[1]),
        show(times[2]),
        verdict(ratio, 1.5)
    );
}

/// `cargo test --benches` runs bench binaries without `--bench`: then only
/// check that every subject runs, on the small trip, once.
fn smoke() {
    let text = support::trip_text(SIZES[0]);
    let (peak, kept) = memory(|| support::load(&text));
    assert!(kept > 0 && peak >= kept, "peak {peak}, kept {kept}");
    let mut b = Browser::new(support::load(&text), 80, 24);
    b.settle_in();
    b.key(KeyCode::Down);
    b.key(KeyCode::Right);
    let prefecture = b.selected_prefecture();
    b.filter_on_off(&prefecture);
    assert!(
        !itinerary::export::markdown(b.app.trip(), &support::middle_day(b.app.trip())).is_empty()
    );
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), &text).unwrap();
    let file = file.path().to_str().unwrap();
    assert!(max_rss(&[env!("CARGO_BIN_EXE_itinerary"), "check", file]) > 0);
    println!("ratios: smoke test passed; `cargo bench --bench ratios` measures");
}

/// The peak resident size, in bytes, of `command` run to its end: read by
/// a fresh run of this bench (`--max-rss`), whose only child it is, so the
/// figure is that child's alone.
fn max_rss(command: &[&str]) -> usize {
    let me = std::env::current_exe().unwrap();
    let out = std::process::Command::new(me)
        .arg("--max-rss")
        .args(command)
        .output()
        .unwrap();
    assert!(out.status.success(), "{command:?}: {out:?}");
    String::from_utf8(out.stdout)
        .unwrap()
        .trim()
        .parse()
        .unwrap()
}

/// `--max-rss COMMAND…`: runs the command, then prints its peak RSS in bytes.
fn print_max_rss(command: &[String]) {
    let status = std::process::Command::new(&command[0])
        .args(&command[1..])
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "{command:?}: {status}");
    // SAFETY: getrusage writes the struct it is given, nothing else.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        assert_eq!(libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage), 0);
        usage
    };
    // Linux gives it in KiB.
    println!("{}", usage.ru_maxrss as usize * 1024);
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--max-rss") {
        return print_max_rss(&args[i + 1..]);
    }
    if let Some(i) = args.iter().position(|a| a == "--parse") {
        // The bare parse: the file's text and its `toml::Table`.
        let text = std::fs::read_to_string(&args[i + 1]).unwrap();
        black_box(toml::from_str::<toml::Table>(&text).unwrap());
        return;
    }
    if !args.iter().any(|a| a == "--bench") {
        smoke();
        return;
    }
    let days = args
        .iter()
        .position(|a| a == "--days")
        .and_then(|i| args.get(i + 1))
        .map(|d| d.parse::<usize>().expect("--days takes a number"));
    let days_for = |events| match days {
        Some(d) if events > SIZES[0] => d,
        _ => support::days_for(events),
    };

    let texts: Vec<String> = SIZES
        .iter()
        .map(|&e| support::trip_text_days(e, days_for(e)))
        .collect();
    println!(
        "trips: {}",
        SIZES
            .iter()
            .zip(&texts)
            .map(|(e, t)| format!("{e} events over {} days ({})", days_for(*e), mib(t.len())))
            .collect::<Vec<_>>()
            .join(", ")
    );

    // Load + validate against toml's generic parse, on the 100k file.
    let big = &texts[2];
    let times = measure(&mut [
        Subject::new(|| toml::from_str::<toml::Table>(big).unwrap()),
        Subject::new(|| support::load(big)),
        Subject::new(|| toml::de::DeTable::parse(big).map(|_| ()).unwrap()),
    ]);
    let ratio = times[1].as_secs_f64() / times[0].as_secs_f64();
    println!("\nload of the 100k file");
    println!("  toml::Table (the floor)   {:>10}", show(times[0]));
    println!("  load_str (load+validate)  {:>10}", show(times[1]));
    println!(
        "  toml DeTable alone        {:>10}  (the spanned parse both start from)",
        show(times[2])
    );
    println!(
        "  load / toml::Table        {ratio:>10.2}  ≤ 1.0  {}",
        verdict(ratio, 1.0)
    );

    let (table_peak, table_kept) = memory(|| toml::from_str::<toml::Table>(big).unwrap());
    let (load_peak, load_kept) = memory(|| support::load(big));
    let ratio = load_peak as f64 / table_peak as f64;
    println!(
        "\npeak heap of one load of the 100k file ({} of text, not counted)",
        mib(big.len())
    );
    println!(
        "  toml::Table               {:>10}  (keeps {})",
        mib(table_peak),
        mib(table_kept)
    );
    println!(
        "  load_str                  {:>10}  (keeps {})",
        mib(load_peak),
        mib(load_kept)
    );
    println!("  load / toml::Table        {ratio:>10.2}  (no target: see the RSS below)");

    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), big).unwrap();
    let file = file.path().to_str().unwrap();
    let me = std::env::current_exe().unwrap();
    let me = me.to_str().unwrap();
    let parse_rss = max_rss(&[me, "--parse", file]);
    let check_rss = max_rss(&[env!("CARGO_BIN_EXE_itinerary"), "check", file]);
    let ratio = check_rss as f64 / parse_rss as f64;
    println!("\npeak resident size (RSS) of a process reading the 100k file");
    println!("  read + toml::Table        {:>10}", mib(parse_rss));
    println!("  itinerary check           {:>10}", mib(check_rss));
    println!(
        "  check / toml::Table       {ratio:>10.2}  ≤ 0.5  {}",
        verdict(ratio, 0.5)
    );

    let trips: Vec<_> = texts.iter().map(|t| support::load(t)).collect();
    println!(
        "\n{:<28} {:>10} {:>10} {:>10} {:>7}",
        "browser (best sample)", "100", "10k", "100k", "100k/100"
    );
    browser_row("frame 80x24", &trips, (80, 24), |b, _| b.draw());
    browser_row("frame 200x60", &trips, (200, 60), |b, _| b.draw());
    // The 100-event day above shows fewer events than the 200x60 timeline
    // has rows; this row compares frames whose timelines are both full.
    let full: Vec<_> = std::iter::once(support::load(&support::trip_text_days(SIZES[0], 1)))
        .chain(trips[1..].iter().cloned())
        .collect();
    browser_row("frame 200x60, 100 in 1 day", &full, (200, 60), |b, _| {
        b.draw()
    });
    browser_row("key next event + redraw", &trips, (80, 24), |b, turn| {
        b.key([KeyCode::Down, KeyCode::Up][turn])
    });
    browser_row("key next day + redraw", &trips, (80, 24), |b, turn| {
        b.key([KeyCode::Right, KeyCode::Left][turn])
    });
    browser_row("filter apply+clear + redraws", &trips, (80, 24), |b, _| {
        let prefecture = b.selected_prefecture();
        b.filter_on_off(&prefecture)
    });

    // A one-day export: the pure function, then its growth with the trip
    // (no target; the day of the 100k trip has ten times the events).
    let selections: Vec<_> = trips.iter().map(support::middle_day).collect();
    let times = measure(
        &mut trips
            .iter()
            .zip(&selections)
            .map(|(t, s)| Subject::new(move || itinerary::export::markdown(t, s)))
            .collect::<Vec<_>>(),
    );
    println!(
        "{:<28} {:>10} {:>10} {:>10} {:>7.2}",
        "export one day (markdown)",
        show(times[0]),
        show(times[1]),
        show(times[2]),
        times[2].as_secs_f64() / times[0].as_secs_f64()
    );
}
